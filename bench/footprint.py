"""Each service's memory and CPU at rest and under load, its CPU per event, and the bytes a
document, an index entry and an event take: the figures behind deploy/k8s's requests and
limits and the README's Capacity section.

    source deploy/local/env.sh && use_profile test && infra start
    .venv/bin/python -m bench.footprint --months 2 --json var/footprint.json

What it does, against the Kafka and store of QA_KAFKA_BOOTSTRAP / QA_MONGO_URI (an EMPTY
store: the store figures are the whole databases):

1. Starts the five services as `make run` does (the launcher, ports QA_PORT_BASE + 1..5).
2. **Rest**: after they are ready and a settling pause, samples each process for `--rest`
   seconds: CPU (utime + stime from /proc/<pid>/stat) and resident memory (VmRSS).
3. **Writes**: the demo loader (`tools/demo`, the same requests `make run` sends) posts
   `--months` months of a county through the public APIs, one request at a time; the phase
   ends when every consumer has caught up (no service's `qa_events_handled_total` moved for
   3 s and no outbox holds events). CPU seconds per service divided by the events it
   handled (consumers) or published (producers) is its cost per event.
4. **Import**: one `--import-rows`-row CSV file posted to feedback ingestion's
   `/feedback/imports` (the largest single request there is: a streamed file, chunks of
   500 rows, each chunk's events published at once); ends when the consumers caught up.
5. **Pages**: `bench/page_latency.py` for `--page-rounds` rounds of ten users with no think
   time (every page of every service; the heaviest reading there is).
6. **Store**: per database and collection, documents, data bytes, index bytes (`collStats`),
   and per Kafka topic the events (end offsets) and the bytes of its log segments on disk.

Each process is sampled every 0.5 s; 'peak' CPU is the busiest 1-second window.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
from pymongo import MongoClient

from services.launcher import SERVICES, ServiceProcesses

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def rss_bytes(pid: int) -> int:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE


class Sampler:
    """Samples every process every 0.5 s in a thread; `phase()` gives one phase's figures."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.samples: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.monotonic()
            for name, pid in self.pids.items():
                try:
                    self.samples[name].append((now, cpu_seconds(pid), rss_bytes(pid)))
                except (FileNotFoundError, ProcessLookupError):
                    pass
            self._stop.wait(0.5)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def phase(self, start: float, end: float) -> dict[str, dict[str, float]]:
        out = {}
        for name, rows in self.samples.items():
            rows = [r for r in rows if start <= r[0] <= end]
            if len(rows) < 2:
                continue
            wall = rows[-1][0] - rows[0][0]
            peak = 0.0
            for i, (t, c, _) in enumerate(rows):  # busiest window of at least 1 s
                j = next((j for j in range(i + 1, len(rows)) if rows[j][0] - t >= 1.0), None)
                if j is not None:
                    peak = max(peak, (rows[j][1] - c) / (rows[j][0] - t))
            out[name] = {
                "seconds": round(wall, 1),
                "cpu_seconds": round(rows[-1][1] - rows[0][1], 2),
                "cores_mean": round((rows[-1][1] - rows[0][1]) / wall, 3),
                "cores_peak_1s": round(peak, 3),
                "rss_mib_mean": round(sum(r[2] for r in rows) / len(rows) / 2**20, 1),
                "rss_mib_max": round(max(r[2] for r in rows) / 2**20, 1),
            }
        return out


def counters(url: str) -> dict[str, float]:
    """The sum of each qa_* counter or gauge over its labels."""
    text = httpx.get(f"{url}/metrics", timeout=10).text
    sums: dict[str, float] = defaultdict(float)
    for line in text.splitlines():
        m = re.match(r"^(qa_[a-z_]+?)(?:\{[^}]*\})? ([0-9.eE+-]+)$", line)
        if m and not m.group(1).endswith(("_created", "_bucket")):
            sums[m.group(1)] += float(m.group(2))
    return dict(sums)


def all_counters(procs: ServiceProcesses) -> dict[str, dict[str, float]]:
    return {s: counters(procs.url(s)) for s in SERVICES}


def wait_caught_up(procs: ServiceProcesses, limit: float = 300) -> None:
    deadline, last, still_since = time.monotonic() + limit, None, time.monotonic()
    while time.monotonic() < deadline:
        now = all_counters(procs)
        handled = {s: c.get("qa_events_handled_total", 0) for s, c in now.items()}
        pending = sum(c.get("qa_outbox_pending_events", 0) for c in now.values())
        if handled != last or pending:
            last, still_since = handled, time.monotonic()
        elif time.monotonic() - still_since >= 3:
            return
        time.sleep(0.5)
    print("footprint: consumers had not caught up in time", file=sys.stderr)


def store_sizes(uri: str) -> dict[str, dict[str, dict[str, int]]]:
    client = MongoClient(uri, serverSelectionTimeoutMS=5000)
    out: dict[str, dict[str, dict[str, int]]] = {}
    try:
        for db_name in client.list_database_names():
            if not db_name.startswith("qa_"):
                continue
            db = client[db_name]
            out[db_name] = {}
            for coll in sorted(db.list_collection_names()):
                stats = db.command("collStats", coll)
                out[db_name][coll] = {
                    "count": int(stats.get("count", 0)),
                    "size": int(stats.get("size", 0)),
                    "storage_size": int(stats.get("storageSize", 0)),
                    "index_size": int(stats.get("totalIndexSize", 0)),
                }
    finally:
        client.close()
    return out


def kafka_sizes(data_dir: Path) -> dict[str, dict[str, int]]:
    """Per topic: events (from the log end offsets Kafka's checkpoint files hold is not
    reliable while running, so from the producers' counters) and bytes of segments on disk."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"bytes": 0, "partitions": 0})
    for part in data_dir.rglob("*.log"):
        m = re.match(r"^(qa\..+)-(\d+)$", part.parent.name)
        if m:
            out[m.group(1)]["bytes"] += part.stat().st_size
    for part_dir in {p.parent for p in data_dir.rglob("*.log")}:
        m = re.match(r"^(qa\..+)-(\d+)$", part_dir.name)
        if m:
            out[m.group(1)]["partitions"] += 1
    return dict(out)


def post_import(procs: ServiceProcesses, rows: int) -> dict[str, Any]:
    from bench.import_rows import SOURCE, write_file
    from shared.auth import issue_development_token
    from shared.settings import ServiceSettings

    token = issue_development_token(secret=ServiceSettings().auth_dev_secret,
                                    subject="footprint", roles=["integration"])
    path = ROOT / "var" / "footprint-import.csv"
    write_file(path, rows, f"footprint-{int(time.time())}")
    started = time.monotonic()
    with path.open("rb") as handle:
        response = httpx.post(f"{procs.url('feedback_ingestion')}/feedback/imports",
                              data={"source": SOURCE}, files={"file": (path.name, handle)},
                              headers={"Authorization": f"Bearer {token}"}, timeout=600)
    path.unlink()
    return {"rows": rows, "status": response.status_code,
            "seconds": round(time.monotonic() - started, 1)}


async def end_offsets(partitions: dict[str, int]) -> dict[str, int]:
    from aiokafka import AIOKafkaConsumer, TopicPartition

    consumer = AIOKafkaConsumer(bootstrap_servers=os.environ["QA_KAFKA_BOOTSTRAP"])
    await consumer.start()
    try:
        parts = [TopicPartition(t, p) for t, n in partitions.items() for p in range(n)]
        ends = await consumer.end_offsets(parts)
    finally:
        await consumer.stop()
    totals: dict[str, int] = defaultdict(int)
    for tp, end in ends.items():
        totals[tp.topic] += end
    return dict(totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rest", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=15.0)
    parser.add_argument("--months", type=int, default=2)
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument("--page-rounds", type=int, default=1)
    parser.add_argument("--port-base", type=int,
                        default=int(os.environ.get("QA_PORT_BASE", "31550")))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the services on the way out
    procs = ServiceProcesses(port_base=args.port_base, log_dir=ROOT / "var" / "footprint-logs")
    result: dict[str, Any] = {"args": vars(args) | {"json": str(args.json)}}
    procs.start()
    sampler = None
    try:
        procs.wait_ready(180)
        time.sleep(args.settle)
        sampler = Sampler({s: p.pid for s, p in procs.processes.items()})
        t0 = time.monotonic()
        time.sleep(args.rest)
        result["rest"] = sampler.phase(t0, time.monotonic())

        before = all_counters(procs)
        t0 = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "tools.demo", "--force", "--months", str(args.months),
             "--audit-capture", procs.url("audit_capture"),
             "--feedback-ingestion", procs.url("feedback_ingestion"),
             "--reporting", procs.url("reporting")],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        wait_caught_up(procs)
        t1 = time.monotonic()
        after = all_counters(procs)
        result["writes"] = sampler.phase(t0, t1)
        result["events"] = {
            s: {k: after[s].get(k, 0) - before[s].get(k, 0)
                for k in ("qa_events_published_total", "qa_events_handled_total")}
            for s in SERVICES}

        t0 = time.monotonic()
        result["import"] = post_import(procs, args.import_rows)
        wait_caught_up(procs)
        result["import"] |= {"phase": sampler.phase(t0, time.monotonic())}

        t0 = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "bench.page_latency", "--port-base", str(args.port_base),
             "--rounds", str(args.page_rounds), "--users", "10", "--baseline-per-round", "1"],
            cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
        result["pages"] = sampler.phase(t0, time.monotonic())
    finally:
        if sampler:
            sampler.stop()
        procs.stop()
    result["store"] = store_sizes(os.environ["QA_MONGO_URI"])
    kafka_data = Path(os.environ.get("QA_KAFKA_DATA", ROOT / "var" / "kafka"))
    result["kafka"] = kafka_sizes(kafka_data)
    counts = {t: k["partitions"] for t, k in result["kafka"].items()}
    for topic, offsets in asyncio.run(end_offsets(counts)).items():
        result["kafka"][topic]["events"] = offsets
    report(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1))


def report(r: dict[str, Any]) -> None:
    print("| service | phase | s | CPU s | cores mean | cores peak (1 s) | RSS MiB mean | max |")
    print("|---|---|---|---|---|---|---|---|")
    for s in SERVICES:
        for phase in ("rest", "writes", "import", "pages"):
            f = (r.get(phase, {}).get("phase", {}) if phase == "import"
                 else r.get(phase, {})).get(s)
            if f:
                print(f"| {s} | {phase} | {f['seconds']} | {f['cpu_seconds']} | "
                      f"{f['cores_mean']} | {f['cores_peak_1s']} | {f['rss_mib_mean']} | "
                      f"{f['rss_mib_max']} |")
    print("\n| service | published | handled | CPU ms per event (writes phase) |")
    print("|---|---|---|---|")
    for s, e in r.get("events", {}).items():
        n = e["qa_events_handled_total"] + e["qa_events_published_total"]
        cpu = r["writes"].get(s, {}).get("cpu_seconds", 0)
        print(f"| {s} | {e['qa_events_published_total']:.0f} | {e['qa_events_handled_total']:.0f}"
              f" | {1000 * cpu / n:.2f} |" if n else f"| {s} | 0 | 0 | — |")
    print("\n| database | collection | documents | data bytes/doc | index bytes/doc |")
    print("|---|---|---|---|---|")
    for db, colls in r["store"].items():
        for c, st in colls.items():
            if st["count"]:
                print(f"| {db} | {c} | {st['count']} | {st['size'] / st['count']:.0f} | "
                      f"{st['index_size'] / st['count']:.0f} |")
    print("\n| topic | partitions | events | bytes on disk | bytes/event |")
    print("|---|---|---|---|---|")
    for t, k in sorted(r["kafka"].items()):
        n = k.get("events", 0)
        print(f"| {t} | {k['partitions']} | {n} | {k['bytes']} | "
              f"{k['bytes'] / n if n else 0:.0f} |")
    print(f"\nimport: {r.get('import', {}).get('rows')} rows, answered "
          f"{r.get('import', {}).get('status')} in {r.get('import', {}).get('seconds')} s")


if __name__ == "__main__":
    main()
