"""Audit submissions per second, each acknowledged by Kafka, next to a bare FastAPI endpoint
on the same machine in the same run.

    make bench-audits     # or: .venv/bin/python -m bench.audit_submissions --count 2000

Both servers run as their own uvicorn processes; the same client sends the same audit
bodies with the same concurrency. Audit capture stores each audit with its events and
answers only after Kafka acknowledged them (201); the bare endpoint parses the JSON and
answers 201. Needs Kafka and the store (`make infra-up`, or the QA_* variables).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from tests.support.auth import bearer
from tests.support.factories import audit_command

ROOT = Path(__file__).resolve().parent.parent
BARE = "bench.audit_submissions:bare_app"
LOGS = ROOT / "var" / "bench-logs"
DATABASE = "qa_bench_audit_capture"


def bare_app():
    from fastapi import FastAPI, status

    app = FastAPI()

    @app.post("/audits", status_code=status.HTTP_201_CREATED)
    async def accept(body: dict) -> dict:
        return {"audit_id": "bare", "published": False}

    return app


def start(port: int, module: list[str], name: str, *,
          database: str = DATABASE) -> subprocess.Popen:
    env = {**os.environ, "QA_HTTP_PORT": str(port), "QA_LOG_LEVEL": "WARNING",
           "QA_MONGO_DATABASE": database}
    LOGS.mkdir(parents=True, exist_ok=True)
    log = open(LOGS / f"{name}.log", "ab")  # noqa: SIM115 - the child owns it
    return subprocess.Popen([sys.executable, *module], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)


def fresh_database() -> None:
    """Each run starts from an empty database, so runs compare (indexes grow with data)."""
    from pymongo import MongoClient

    from services.audit_capture.settings import AuditCaptureSettings

    with MongoClient(AuditCaptureSettings().mongo_uri) as client:
        client.drop_database(DATABASE)


async def wait_ready(url: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            try:
                if (await client.get(url, timeout=1)).status_code in (200, 404):
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit(f"{url} did not start")


async def rate(url: str, bodies: list[dict], concurrency: int) -> float:
    headers = bearer("auditor", sub="bench-auditor")
    queue = list(bodies)
    async with httpx.AsyncClient(timeout=30) as client:
        async def worker() -> None:
            while queue:
                response = await client.post(url, json=queue.pop(), headers=headers)
                assert response.status_code == 201, (url, response.status_code, response.text)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return len(bodies) / (time.perf_counter() - started)


async def store_ceiling(concurrency: int) -> float:
    """Submissions/s of the store alone: for each audit the service stored, the same store
    calls a submission makes (one transaction inserting the audit and its outbox entries,
    then the entries deleted once published), with the same concurrency, no HTTP and no
    Kafka. The service cannot be faster than this."""
    from pymongo import AsyncMongoClient

    from services.audit_capture.settings import AuditCaptureSettings

    client = AsyncMongoClient(AuditCaptureSettings().mongo_uri)
    db = client[DATABASE]
    audits = await db["audits"].find({}).to_list(None)
    queue = list(audits)
    for name in ("ceiling_audits", "ceiling_outbox"):  # not created inside the transactions
        await db.create_collection(name)

    async def worker() -> None:
        while queue:
            audit = queue.pop()
            entries = [{"_id": f"ceiling/{audit['_id']}/{n}", "aggregate": audit["_id"],
                        "topic": "qa.audit", "envelope": {"data": audit}, "position": n,
                        "written_at": datetime.now(UTC)} for n in range(2)]
            async with client.start_session() as session:
                async with await session.start_transaction():
                    await db["ceiling_audits"].insert_one(audit, session=session)
                    await db["ceiling_outbox"].insert_many(entries, session=session)
            await db["ceiling_outbox"].delete_many({"_id": {"$in": [e["_id"] for e in entries]}})

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await client.close()
    return len(audits) / elapsed


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000, help="requests per round and side")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--port", type=int, default=18190)
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternate service and bare this many times; the median counts")
    args = parser.parse_args()
    fresh_database()
    service = start(args.port, ["-m", "services.audit_capture"], "audit_capture")
    bare = start(args.port + 1, ["-m", "uvicorn", "--factory", BARE, "--port",
                                 str(args.port + 1), "--log-level", "warning"], "bare")
    rounds: list[tuple[float, float]] = []
    try:
        await wait_ready(f"http://127.0.0.1:{args.port}/readyz")
        await wait_ready(f"http://127.0.0.1:{args.port + 1}/docs")
        await rate(f"http://127.0.0.1:{args.port}/audits",
                   [audit_command() for _ in range(50)], args.concurrency)  # warm up
        for _ in range(args.rounds):  # alternating, so a noisy moment hits both sides
            bodies = [audit_command() for _ in range(args.count)]
            rounds.append((
                await rate(f"http://127.0.0.1:{args.port}/audits", bodies, args.concurrency),
                await rate(f"http://127.0.0.1:{args.port + 1}/audits", bodies,
                           args.concurrency)))
    finally:
        for process in (service, bare):
            process.terminate()
            process.wait(timeout=30)
    print("| round | audit capture (stored, Kafka acks=all) /s | bare FastAPI /s | ratio |")
    print("|---|---|---|---|")
    for n, (ours, bare_rate) in enumerate(rounds, 1):
        print(f"| {n} | {ours:.1f} | {bare_rate:.1f} | {ours / bare_rate:.2f} |")
    ratio = statistics.median(ours / bare_rate for ours, bare_rate in rounds)
    print(f"median ratio: {ratio:.2f} (aim: at least 0.5)")
    bare_median = statistics.median(b for _, b in rounds)
    ceiling = await store_ceiling(args.concurrency)
    print(f"the store alone, same calls per submission: {ceiling:8.1f} submissions/s "
          f"({ceiling / bare_median:.2f} of the bare endpoint's median)")


if __name__ == "__main__":
    asyncio.run(main())
