"""Readiness of the local store: a real `hello` over the wire protocol, answered as the
primary of a replica set (transactions and change streams need one), within a bound.

    python deploy/store/ping.py PORT              -> exit 0 when ready
    python deploy/store/ping.py PORT --configure  -> and its runtime parameters set

The parameters do not outlive the process, so store.sh sets them at every start.
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


# A transaction left open by a process killed -9 holds its writes until the store aborts
# it; the local store makes conflicting writes wait meanwhile (seen: 50 s, every client
# timing out). Ours commit in milliseconds, so 10 s, not MongoDB's 60, is plenty.
PARAMETERS = {"transactionLifetimeLimitSeconds": 10}


def configure(port: int) -> None:
    client = MongoClient(f"mongodb://127.0.0.1:{port}/?directConnection=true",
                         serverSelectionTimeoutMS=5000)
    try:
        client.admin.command({"setParameter": 1, **PARAMETERS})
    finally:
        client.close()


if __name__ == "__main__":
    port = int(sys.argv[1])
    if not ready(port):
        sys.exit(1)
    if "--configure" in sys.argv[2:]:
        configure(port)
