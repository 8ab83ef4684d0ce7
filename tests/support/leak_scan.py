"""Looking for the synthetic personal data the tests send (case references, names, free text)
where it must never be: the services' logs, their metrics, and the dead letters' own text.

The logs are read from where they stood when the session began (`remember_log_sizes`,
called by tests/conftest.py), so a run is judged by what it wrote itself. `leaks` is the
whole check: the runs_last test asserts on it, and the suite's `services` fixture runs it
again as it stops the services if that test was not part of the run, so every session that
started the services is checked while they still answer /metrics."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas import topics
from tests.support.kafka import BOOTSTRAP

ROOT = Path(__file__).resolve().parents[2]
# What tests/support/factories.py, directory.py and the e2e tests put in fields the schemas
# mark "x-personal-data": case references, people's names, and free text.
PERSONAL = re.compile("|".join([
    r"TEST-CASE-[0-9a-f]{10}", r"TEST-DIP-[0-9a-f]{10}", r"TEST-PRIVATE",
    r"Fictional (Person|Worker|Head)", r"Test Worker \d",
    r"Synthetic child view", r"Synthetic: parent unavailable", r"Fictional evidence",
    r"Synthetic compliment about a fictional visit", r"Synthetic action \d",
]))
_log_sizes: dict[Path, int] = {}
checked_this_session = False  # set once `leaks` has run against the session's services


def session_log_dir() -> Path:
    """Where the session's services (and the production one the sign-in tests start) log."""
    return ROOT / "var" / f"test-logs-{os.environ.get('QA_PORT_BASE', '28100')}"


def remember_log_sizes() -> None:
    _log_sizes.update({path: path.stat().st_size for path in session_log_dir().rglob("*.log")})


def logs_written_this_session() -> dict[Path, str]:
    written = {}
    for path in session_log_dir().rglob("*.log"):
        with path.open("rb") as log:
            log.seek(_log_sizes.get(path, 0))
            written[path] = log.read().decode("utf-8", errors="replace")
    return written


def hits(text: str) -> list[str]:
    return sorted({match.group(0) for match in PERSONAL.finditer(text)})


async def every_metrics_page(urls: dict[str, str]) -> dict[str, str]:
    """Each service's Prometheus exposition, by service (the text a scraper stores)."""
    async with httpx.AsyncClient(timeout=10) as client:
        return {name: (await client.get(f"{url}/metrics")).text for name, url in urls.items()}


async def leaks(urls: dict[str, str]) -> tuple[dict[str, list[str]], str]:
    """Where the test personal data appears (place -> what was found), and what was read."""
    global checked_this_session
    logs = logs_written_this_session()
    assert any(logs.values()), "the services wrote logs during this run"
    pages = await every_metrics_page(urls)
    letters = await every_dead_letter()
    found = {str(path): hits(text) for path, text in logs.items() if hits(text)}
    found |= {f"{name} /metrics": hits(page) for name, page in pages.items() if hits(page)}
    found |= {f"dead letter {n}": hits(letter) for n, letter in enumerate(letters)
              if hits(letter)}
    checked_this_session = True
    return found, (f"{len(logs)} logs ({sum(map(len, logs.values())):,} characters), "
                   f"{len(pages)} metrics pages ({sum(map(len, pages.values())):,} characters), "
                   f"{len(letters)} dead letters")


async def every_dead_letter(timeout: float = 30.0) -> list[str]:
    """Every letter on qa.deadletter, from the beginning to the end it had when asked."""
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(topics.DEADLETTER, p)
                      for p in consumer.partitions_for_topic(topics.DEADLETTER)
                      or await _partitions(consumer)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        letters: list[str] = []
        deadline = time.monotonic() + timeout
        while [tp for tp, end in ends.items() if await consumer.position(tp) < end]:
            assert time.monotonic() < deadline, "dead letters not read to the end in time"
            batches = await consumer.getmany(timeout_ms=1000)
            letters += [r.value.decode("utf-8", errors="replace")
                        for records in batches.values() for r in records]
        return letters
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer) -> set[int]:
    await consumer._client.force_metadata_update()
    found = consumer.partitions_for_topic(topics.DEADLETTER)
    assert found, "qa.deadletter does not exist"
    return found
