"""Group commit's choice after a failed group (no store: a stand-in whose transactions fail
as told): a refused write reruns each alone; a lost store reruns nothing."""

from __future__ import annotations

import asyncio

import pytest
from pymongo.errors import AutoReconnect, DuplicateKeyError

from shared.group_commit import GroupCommit


class FailingStore:
    """Every transaction holding several writes fails with `error`."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.transactions: list[int] = []  # how many writes each held

    async def transaction(self, work):
        await work(None)
        if self.transactions[-1] > 1:
            raise self.error


class CountingGroupCommit(GroupCommit):
    async def _apply(self, session, group) -> None:  # no store: only count the writes
        self.store.transactions.append(len(group))


async def commit_three(store: FailingStore) -> list[object]:
    group = CountingGroupCommit(store)  # type: ignore[arg-type]

    async def write(n: int):
        try:
            await group.run([f"op-{n}"], check=lambda _: None)
            return "committed"
        except Exception as error:  # noqa: BLE001 - what the writer would see
            return type(error).__name__

    first = asyncio.create_task(write(0))  # commits alone; the others wait and group
    return [await first, *await asyncio.gather(write(1), write(2))]


@pytest.mark.parametrize("error", [DuplicateKeyError("E11000 one of them")])
async def test_a_group_refused_by_one_write_runs_each_alone(error):
    store = FailingStore(error)
    assert await commit_three(store) == ["committed", "committed", "committed"]
    assert store.transactions == [1, 2, 1, 1]


async def test_a_group_that_lost_the_store_is_never_run_again():
    """Its commit may have happened: running each again would answer "already exists"."""
    store = FailingStore(AutoReconnect("connection reset by peer"))
    assert await commit_three(store) == ["committed", "AutoReconnect", "AutoReconnect"]
    assert store.transactions == [1, 2]
