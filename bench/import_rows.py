"""A 100,000-row file imported, from file to published facts, next to a raw aiokafka producer
publishing the same number of same-sized messages (acks=all) in the same run, and each part
of the import's work alone, to show where the limit is.

    make bench-import                        # Kafka and the store for `make run`
    .venv/bin/python -m bench.import_rows --rows 100000 --chunk 500

The import goes through everything a real one does: streaming CSV read, column mapping, UK
dates, checks, theme tagging, per chunk one transaction that looks up the ids already
stored and inserts the new items with their outbox entries, the events published (acks=all,
idempotent producer, all of a chunk at once) and their entries deleted, counts and report
pages stored. The baseline sends the same number of messages of the same size with `send()`
and awaits them all at the end; it runs before and after the import, and the import is
compared with their mean.

Then the same file once more, each part timed on its own, one after the other (nothing
overlaps), into a fresh database: this process's own work (read, map, check, tag, build the
facts, envelopes, item documents and outbox entries), the store alone (each chunk's
transaction: look-up, items and entries inserted, commit; then the entries deleted), and the
publishing alone (each chunk's facts through the service's producer, acknowledged).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from aiokafka import AIOKafkaProducer
from tqdm import tqdm

from schemas.feedback import FeedbackItemAccepted, SafetyLinkTriggered
from services.feedback_ingestion.adapters.files import rows
from services.feedback_ingestion.application.chunks import ChunkPipeline
from services.feedback_ingestion.application.imports import _chunks, _mapped, run_import
from services.feedback_ingestion.bootstrap import build_deps, build_runtime
from services.feedback_ingestion.importer import count_lines
from services.feedback_ingestion.settings import FeedbackIngestionSettings
from shared.kafka import EventPublisher, ensure_topics
from shared.metrics import PlatformMetrics
from shared.outbox import OUTBOX

TOPIC = "bench.import_rows"
SOURCE = "customer_feedback"
HEADER = ["Response ID", "Date", "Team", "Rating", "Went Well", "Did Not Go So Well"]
WORDS = ["Synthetic", "visit", "was", "late", "kind", "listened", "school", "helpful", "phone"]


def write_file(path: Path, rows_wanted: int, run: str) -> None:
    rng = random.Random(7)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows_wanted):
            writer.writerow([f"bench-{run}-{n}", f"{rng.randint(1, 28):02d}/11/2026",
                             f"team-{n % 40}", rng.randint(1, 5),
                             " ".join(rng.choices(WORDS, k=8)), " ".join(rng.choices(WORDS, k=6))])


async def raw_producer(settings: FeedbackIngestionSettings, count: int, size: int) -> float:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all",
                                enable_idempotence=True)
    await producer.start()
    payload = b"x" * size
    try:
        for _ in range(200):  # warm up connections and metadata
            await producer.send(TOPIC, payload, key=uuid.uuid4().bytes)
        await producer.flush()
        started = time.perf_counter()
        futures = [await producer.send(TOPIC, payload, key=uuid.uuid4().bytes)
                   for _ in range(count)]
        await asyncio.gather(*futures)
        return time.perf_counter() - started
    finally:
        await producer.stop()


def sample_size(run: str) -> int:
    """Bytes of one published fact for a typical row: the baseline sends messages this size."""
    item = FeedbackItemAccepted(item_id=str(uuid.uuid4()), source=SOURCE,
                                source_id=f"bench-{run}-99999", received_on="2026-11-15",
                                team_id="team-7", rating=4, themes=["delay", "praise"],
                                went_well=" ".join(WORDS[:8]), not_so_well=" ".join(WORDS[:6]))
    publisher = EventPublisher(None, source="feedback_ingestion",  # type: ignore[arg-type]
                               metrics=PlatformMetrics.create(), timeout=1)
    return len(publisher.envelope(item, correlation_id=str(uuid.uuid4())).to_bytes())


async def timed_import(settings: FeedbackIngestionSettings, path: Path) -> tuple[float, dict]:
    runtime = build_runtime(settings, relay=False)  # as the command line
    deps = build_deps(settings, runtime)
    await runtime.start()
    bar = tqdm(total=count_lines(path), unit="rows", desc="import", file=sys.stderr)
    try:
        started = time.perf_counter()
        with path.open("rb") as binary:
            result = await run_import(
                deps, source=SOURCE, binary=binary, filename=path.name, by="bench",
                report_rows=100, correlation_id="bench", progress=bar.update)
        elapsed = time.perf_counter() - started
        left = await runtime.store.db[OUTBOX].count_documents({})
        return elapsed, {**result.counts, "outbox_left": left}
    finally:
        bar.close()
        await runtime.store.client.drop_database(settings.database_name)
        await runtime.stop()


@dataclass
class Parts:
    """Seconds spent in each part of the import's work, each part timed alone."""

    rows: int = 0
    own_work: float = 0.0
    store: float = 0.0  # the chunk's transaction, and deleting its published entries
    publishing: float = 0.0
    left: dict = field(default_factory=dict)


async def parts_alone(settings: FeedbackIngestionSettings, path: Path) -> Parts:
    """The same file again, into a fresh database, each part awaited before the next starts."""
    runtime = build_runtime(settings, relay=False)
    deps = build_deps(settings, runtime)
    await runtime.start()
    pipeline = ChunkPipeline(deps, SOURCE, channel="file", correlation_id="bench",
                             import_id="bench-parts")
    parts = Parts()
    try:
        with path.open("rb") as binary:
            _, source_rows = rows(binary, path.name)
            mapping = settings.ingestion["mappings"][SOURCE]
            for chunk in _chunks(_mapped(source_rows, mapping), settings.import_chunk_rows):
                if chunk is None:
                    continue
                started = time.perf_counter()
                prepared = await pipeline.prepare(chunk)
                checked = time.perf_counter()
                writes, _ = await deps.items.insert_new(prepared.new)
                stored = time.perf_counter()
                events = [event for write in writes for event in write.events]
                assert await deps.publisher.publish_many(events)  # as publish_new does
                published = time.perf_counter()
                await runtime.store.db[OUTBOX].delete_many(
                    {"_id": {"$in": [str(envelope.event_id) for _, envelope in events]}})
                parts.own_work += checked - started
                parts.store += stored - checked + time.perf_counter() - published
                parts.publishing += published - stored
                parts.rows += len(writes)
        parts.left = {"outbox_left": await runtime.store.db[OUTBOX].count_documents({})}
        return parts
    finally:
        await runtime.store.client.drop_database(settings.database_name)
        await runtime.stop()


def publish_to_bench_topics() -> None:
    """The same code path, but the facts go to bench topics: 100,000 synthetic facts on
    qa.feedback would land in reporting's read models."""
    FeedbackItemAccepted.topic = "bench.feedback"
    SafetyLinkTriggered.topic = "bench.feedback"


async def main() -> None:
    publish_to_bench_topics()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=500)
    args = parser.parse_args()
    run = uuid.uuid4().hex[:8]

    def settings(part: str) -> FeedbackIngestionSettings:
        return FeedbackIngestionSettings(mongo_database=f"bench_feedback_{run}_{part}",
                                         import_chunk_rows=args.chunk, log_level="WARNING",
                                         mongo_operation_timeout_ms=600_000)

    await ensure_topics(settings("import"), (TOPIC, "bench.feedback"))
    size = sample_size(run)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "customer_feedback.csv"
        write_file(path, args.rows, run)
        file_mb = path.stat().st_size / 1e6
        raw_before = await raw_producer(settings("import"), args.rows, size)
        imported, counts = await timed_import(settings("import"), path)
        raw_after = await raw_producer(settings("import"), args.rows, size)
        parts = await parts_alone(settings("parts"), path)
    raw_rate = args.rows / ((raw_before + raw_after) / 2)

    def line(what: str, rows_per_s: float) -> str:
        return f"| {what} | {rows_per_s:,.0f} | {rows_per_s / raw_rate:.2f} |"

    print(f"\nrows: {args.rows} ({file_mb:.1f} MB CSV), chunk {args.chunk}, facts of {size} "
          f"bytes, acks=all, idempotent producer; counts {counts}, parts {parts.left}; "
          f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    print("| path | rows (messages) / s | of the raw producer |\n|---|---|---|")
    print(line("raw aiokafka producer, send() then await all (before the import)",
               args.rows / raw_before))
    print(line("raw aiokafka producer, the same (after the import)", args.rows / raw_after))
    print(line("**file import → stored, published facts**", args.rows / imported))
    print(line("each part alone: this process's own work (read, check, build)",
               parts.rows / parts.own_work))
    print(line("each part alone: the store (per chunk one transaction: look-up, items and "
               "outbox entries inserted; then the entries deleted)", parts.rows / parts.store))
    print(line("each part alone: the facts through the service's producer (publish_many)",
               parts.rows / parts.publishing))
    serial = parts.own_work + parts.store + parts.publishing
    print(line("the three parts one after another", parts.rows / serial))
    print(f"ratio import/raw: {args.rows / imported / raw_rate:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
