"""How long moderation and sign-off take as audits accumulate, next to reading one audit.

    make bench-moderation     # or: .venv/bin/python -m bench.moderation_latency --audits 10000

Audit capture runs as its own uvicorn process on an emptied database. For each size, the
collection is first filled with one-step audits in other months; then a month is planned,
20 audits allocated and submitted, its moderation sample drawn (all 20), and each sampled
audit moderated and signed off by the right people, one request at a time. The baseline
is `GET /audits/{id}` on the same audits: one `_id` read through the same HTTP stack.
Needs Kafka and the store (the test profile's, like `make bench-audits`).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import httpx

from bench.audit_submissions import start, wait_ready
from tests.support.auth import bearer
from tests.support.factories import audit_command, uid

DATABASE = "qa_bench_moderation"
HOQ = bearer("head_of_quality", sub="bench-hoq")
PER_MONTH = 20
AGREE = {"standards": [{"standard": n, "agree": True} for n in range(1, 7)],
         "overall_agree": True}


def directory_csv(p: str, groups: tuple[int, int] = (1, 2)) -> str:
    """-g1-N audit and -g2 moderates in the month (`groups`: its audit and moderation group)."""
    rows = [f"{p}-g1-{n},Bench Auditor {n},{p}-team,,Team manager,,{groups[0]}"
            for n in range(PER_MONTH)]
    return ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group\n"
            f"{p}-tm,Bench Manager,{p}-team,Fictional Bench Team,Team manager,,\n"
            + "\n".join(rows) + "\n"
            f"{p}-g2,Bench Moderator,{p}-team,,Team manager,,{groups[1]}\n"
            f"{p}-sw,Bench Worker,{p}-team,,Social worker,{p}-tm,\n")


async def fill(http: httpx.AsyncClient, count: int, concurrency: int = 16) -> None:
    """One-step audits in months before the measured one: they only make the store bigger."""
    queue = [audit_command(month=f"20{10 + n % 10}-0{1 + n % 9}") for n in range(count)]
    headers = bearer("auditor", sub="bench-filler")

    async def worker() -> None:
        while queue:
            response = await http.post("/audits", json=queue.pop(), headers=headers)
            assert response.status_code == 201, response.text

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def timed(call) -> float:
    started = time.perf_counter()
    response = await call
    assert response.status_code in (200, 201), response.text
    return (time.perf_counter() - started) * 1000


async def one_month(http: httpx.AsyncClient, month: str) -> dict[str, list[float]]:
    p = uid("b")
    planned = await http.post("/programme", headers=HOQ, json={
        "first_month": month, "themes": ["Journey and impact"],
        "moderation_sample_size": PER_MONTH})
    assert planned.status_code == 201, planned.text
    duty = (await http.get("/programme/rotation", params={"month": month}, headers=HOQ)).json()
    groups = (duty["audit_group"], duty["moderation_group"])  # continues from planned months
    imported = await http.post("/directory/import", content=directory_csv(p, groups),
                               headers=HOQ | {"Content-Type": "text/csv"})
    assert imported.status_code == 200, imported.text
    findings = {k: v for k, v in audit_command().items()
                if k not in {"month", "case_ref", "team_id", "auditor_ids"}}
    findings["social_worker_id"] = f"{p}-sw"
    for n in range(PER_MONTH):
        auditor = f"{p}-g1-{n}"
        allocated = await http.post(f"/programme/{month}/allocations", headers=HOQ, json={
            "case_ref": f"BENCH-{p}-{n}", "team_id": f"{p}-team", "auditor_ids": [auditor]})
        assert allocated.status_code == 201, allocated.text
        submitted = await http.post(f"/audits/{allocated.json()['audit_id']}/submit",
                                    json=findings, headers=bearer("auditor", sub=auditor))
        assert submitted.status_code == 200, submitted.text
    drawn = await http.post(f"/programme/{month}/moderation-sample", headers=HOQ,
                            json={"seed": 1})
    assert drawn.status_code == 200, drawn.text
    times: dict[str, list[float]] = {"read": [], "moderate": [], "sign off": []}
    moderator = bearer("moderator", sub=f"{p}-g2")
    for audit_id in drawn.json()["audit_ids"]:
        times["read"].append(await timed(http.get(f"/audits/{audit_id}", headers=HOQ)))
        times["moderate"].append(await timed(http.post(
            f"/audits/{audit_id}/moderation", json=AGREE, headers=moderator)))
        times["sign off"].append(await timed(http.post(f"/audits/{audit_id}/sign-off",
                                                       headers=HOQ)))
    return times


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--audits", type=int, nargs="+", default=[0, 1000, 10000],
                        help="audits in the store before each measured month")
    parser.add_argument("--port", type=int, default=18290)
    args = parser.parse_args()
    from pymongo import MongoClient

    from services.audit_capture.settings import AuditCaptureSettings
    with MongoClient(AuditCaptureSettings().mongo_uri) as client:
        client.drop_database(DATABASE)
    service = start(args.port, ["-m", "services.audit_capture"], "moderation_latency",
                    database=DATABASE)
    print("| audits in the store | read one audit, ms | moderate, ms | sign off, ms |")
    print("|---|---|---|---|")
    try:
        await wait_ready(f"http://127.0.0.1:{args.port}/readyz")
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{args.port}",
                                     timeout=60) as http:
            stored = 0
            for n, size in enumerate(sorted(args.audits)):
                await fill(http, max(size - stored, 0))
                times = await one_month(http, f"{2031 + n}-01")
                stored = max(size, stored) + PER_MONTH
                print(f"| {stored} | " + " | ".join(
                    f"median {statistics.median(t):.0f}, max {max(t):.0f}"
                    for t in times.values()) + " |")
    finally:
        service.terminate()
        service.wait(timeout=30)


if __name__ == "__main__":
    asyncio.run(main())
