"""Readiness of the local store: a real `hello` over the wire protocol, answered as the
primary of a replica set (transactions and change streams need one), within a bound.

    python deploy/store/ping.py PORT   -> exit 0 when ready
"""

import sys

from pymongo import MongoClient


def ready(port: int) -> bool:
    client = MongoClient(f"mongodb://127.0.0.1:{port}/?directConnection=true",
                         serverSelectionTimeoutMS=1000, connectTimeoutMS=1000)
    try:
        hello = client.admin.command("hello")
        return bool(hello.get("isWritablePrimary") and hello.get("setName"))
    except Exception:  # noqa: BLE001 - any failure means "not ready yet"
        return False
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(0 if ready(int(sys.argv[1])) else 1)
