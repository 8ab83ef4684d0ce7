"""Rebuild every read model from the log: `python -m services.reporting.rebuild`.

Replays reporting's topics from the start into a NEW generation of collections while the
current one keeps serving, shows progress, swaps the pointer when caught up, then replays
whatever arrived meanwhile once more (applying is idempotent) and drops the old generation.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from dataclasses import dataclass

from tqdm import tqdm

from shared.personal_data.envelopes import PersonalData
from shared.personal_data.keyring import keyring_for
from shared.store import Store

from .adapters.decoding import Pending, facts_of
from .adapters.facts import FactStore, indexes
from .adapters.generations import POINTER_TTL_SECONDS, Generations
from .adapters.loader import FreshGenerationLoader
from .adapters.replay import TopicReader
from .domain import names
from .domain.facts import FACT_FUNCTIONS
from .settings import ReportingSettings

log = logging.getLogger(__name__)
TOPICS = tuple(sorted({model.topic for model in FACT_FUNCTIONS}))


@dataclass
class RebuildResult:
    generation: int
    previous: int
    events: int
    applied: int
    ignored: int
    invalid: int
    seconds: float


async def load_fresh(reader: TopicReader, loader: FreshGenerationLoader,
                     counts: dict[str, int], personal: PersonalData, *,
                     progress: bool) -> None:
    """The whole log into the empty generation, each fact inserted once in its last state."""
    await loader.begin()
    ends = await reader.ends()
    with tqdm(total=await reader.remaining(ends), unit="ev", disable=not progress,
              desc=f"replaying {len(reader.partitions)} partitions") as bar:
        async for records in reader.read_until(ends):
            loader.add(await decode(records, counts, personal))
            await loader.flush()
            bar.update(len(records))
    with tqdm(unit="fact", disable=not progress, desc="writing facts that changed") as bar:
        await loader.finish(bar)


async def catch_up(reader: TopicReader, facts: FactStore, counts: dict[str, int],
                   personal: PersonalData) -> None:
    """What arrived since: few events, applied with the live rule (newer wins)."""
    async for records in reader.read_until(await reader.ends()):
        await facts.apply_all(await decode(records, counts, personal))


async def decode(records, counts: dict[str, int], personal: PersonalData) -> list[Pending]:
    pending: list[Pending] = []
    for value in await personal.open_raw([record.value or b"" for record in records]):
        found, outcome = facts_of(value)
        counts[outcome] += 1
        pending.extend(found)
    return pending


async def rebuild(settings: ReportingSettings, *, progress: bool = True,
                  keep_old: bool = False) -> RebuildResult:
    started = time.perf_counter()
    store = Store.connect(settings, [])
    generations = Generations(store)
    generation = await generations.begin()
    await generations.drop(generation, names.ALL)  # leftovers of a rebuild that crashed
    store.indexes = indexes(generation)  # the new generation's, created by the loader
    facts = FactStore(store, generation=generation)
    counts = {"applied": 0, "ignored": 0, "invalid": 0}
    personal = PersonalData(keyring_for(settings, store.client))  # erased subjects stay so
    try:
        await personal.keyring.prepare()
        async with TopicReader(settings.kafka_bootstrap, TOPICS) as reader:
            await load_fresh(reader, FreshGenerationLoader(facts, store), counts, personal,
                             progress=progress)
            previous = await generations.swap(generation, events=sum(counts.values()))
            # The live consumer may still write to the old generation for one pointer TTL:
            # replay what arrived meanwhile into the new one.
            await asyncio.sleep(2 * POINTER_TTL_SECONDS)
            await catch_up(reader, facts, counts, personal)
        if not keep_old and previous != generation:
            await generations.drop(previous, names.ALL)
    finally:
        await store.close()
    return RebuildResult(generation=generation, previous=previous,
                         events=sum(counts.values()), seconds=time.perf_counter() - started,
                         **counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-old", action="store_true", help="keep the old collections")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args()
    result = asyncio.run(rebuild(ReportingSettings(), progress=not args.quiet,
                                 keep_old=args.keep_old))
    print(f"rebuilt generation {result.generation} (was {result.previous}) from "
          f"{result.events} events in {result.seconds:.1f}s: {result.applied} applied, "
          f"{result.ignored} of other types ignored, {result.invalid} invalid skipped")


if __name__ == "__main__":
    main()
