"""A 100,000-row file imported, from file to published facts, next to a raw aiokafka producer
publishing the same number of same-sized messages (acks=all) in the same run.

    make bench-import                        # Kafka and the store for `make run`
    .venv/bin/python -m bench.import_rows --rows 100000 --chunk 500

The import goes through everything a real one does: streaming CSV read, column mapping, UK
dates, checks, theme tagging, the dedupe lookup, items stored with their events in their
outbox (no loss), the events published (acks=all, idempotent producer, not awaited one by
one but all together per chunk), outboxes cleared, counts stored. The baseline sends the
same number of messages of the same size with `send()` and awaits them all at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from aiokafka import AIOKafkaProducer

from tqdm import tqdm

from schemas.feedback import FeedbackItemAccepted, SafetyLinkTriggered
from services.feedback_ingestion.bootstrap import build_dependencies, build_runtime
from services.feedback_ingestion.handlers.imports import run_import
from services.feedback_ingestion.importer import count_lines
from services.feedback_ingestion.settings import FeedbackIngestionSettings
from shared.kafka import EventPublisher, ensure_topics
from shared.metrics import PlatformMetrics
from shared.outbox import OUTBOX

TOPIC = "bench.import_rows"
HEADER = ["Response ID", "Date", "Team", "Rating", "Went Well", "Did Not Go So Well"]
WORDS = ["Synthetic", "visit", "was", "late", "kind", "listened", "school", "helpful", "phone"]


def write_file(path: Path, rows: int, run: str) -> None:
    rng = random.Random(7)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
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
    item = FeedbackItemAccepted(item_id=str(uuid.uuid4()), source="customer_feedback",
                                source_id=f"bench-{run}-99999", received_on="2026-11-15",
                                team_id="team-7", rating=4, themes=["delay", "praise"],
                                went_well=" ".join(WORDS[:8]), not_so_well=" ".join(WORDS[:6]))
    publisher = EventPublisher(None, source="feedback_ingestion",  # type: ignore[arg-type]
                               metrics=PlatformMetrics.create(), timeout=1)
    return len(publisher.envelope(item, correlation_id=str(uuid.uuid4())).to_bytes())


async def timed_import(settings: FeedbackIngestionSettings, path: Path) -> tuple[float, dict]:
    runtime = build_runtime(settings, relay=False)  # as the command line
    deps = build_dependencies(settings, runtime)
    await runtime.start()
    bar = tqdm(total=count_lines(path), unit="rows", desc="import", file=sys.stderr)
    try:
        started = time.perf_counter()
        with path.open("rb") as binary:
            result = await run_import(
                deps.intake, deps.imports, source="customer_feedback", binary=binary,
                filename=path.name, by="bench", mappings=settings.ingestion["mappings"],
                chunk_rows=settings.import_chunk_rows, report_rows=100,
                correlation_id="bench", progress=bar.update)
        elapsed = time.perf_counter() - started
        pending = await runtime.store.db[OUTBOX].count_documents({})
        ceiling = await store_ceiling(runtime.store.db, settings.import_chunk_rows)
        return elapsed, {**result.counts, "outbox_left": pending,
                         "store_only_rows_per_s": round(ceiling)}
    finally:
        bar.close()
        await runtime.store.client.drop_database(settings.database_name)
        await runtime.stop()


async def store_ceiling(db, chunk: int) -> float:
    """Rows/s of the store alone: the very item documents the import stored, inserted again
    into an empty collection in chunks of the same size (no checks, no Kafka). No import
    that keeps each item once can beat it."""
    documents = await db["items"].find({}).to_list(None)
    target = db["store_ceiling"]
    started = time.perf_counter()
    for start in range(0, len(documents), chunk):
        await target.insert_many(documents[start:start + chunk], ordered=False)
    return len(documents) / (time.perf_counter() - started)


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
    settings = FeedbackIngestionSettings(mongo_database=f"bench_feedback_{run}",
                                         import_chunk_rows=args.chunk, log_level="WARNING",
                                         mongo_operation_timeout_ms=600_000)
    await ensure_topics(settings, (TOPIC, "bench.feedback"))
    size = sample_size(run)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "customer_feedback.csv"
        write_file(path, args.rows, run)
        file_mb = path.stat().st_size / 1e6
        imported, counts = await timed_import(settings, path)
    raw = await raw_producer(settings, args.rows, size)
    print(f"\nrows: {args.rows} ({file_mb:.1f} MB CSV), chunk {args.chunk}, facts of {size} "
          f"bytes, acks=all, idempotent producer; counts {counts}")
    print("| path | rows (messages) / s |\n|---|---|")
    print(f"| file import → published facts | {args.rows / imported:,.0f} |")
    print(f"| raw aiokafka send() then await all | {args.rows / raw:,.0f} |")
    print(f"| the store alone: the same item documents, insert_many | "
          f"{counts['store_only_rows_per_s']:,} |")
    print(f"ratio import/raw: {raw / imported:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
