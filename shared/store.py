"""MongoDB access through PyMongo's async API (Motor is deprecated): one client per process.

The code is written for MongoDB itself (a replica set): multi-document transactions, change
streams, TTL and secondary indexes. Locally the store is SecantusDB, a one-node replica set
over WiredTiger (deploy/store/).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import pymongo
from pymongo import ASCENDING, AsyncMongoClient, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import (ClientBulkWriteException, ConnectionFailure, OperationFailure,
                            PyMongoError)
from tenacity import (AsyncRetrying, retry_if_exception, stop_after_attempt,
                      wait_random_exponential)

from .settings import ServiceSettings

T = TypeVar("T")
TRANSACTION_ATTEMPTS = 5  # a conflicting transaction is run again this many times at most
COMMIT_ATTEMPTS = 3
WRITE_CONFLICT = 112
PING_SECONDS = 2.0  # readiness says "down" this soon after the store stops answering


class VersionConflict(Exception):
    """The aggregate changed (or already existed) since it was read, or a transaction kept
    conflicting with others: the caller answers 409."""


class StillConflicting(VersionConflict):
    """A transaction kept meeting a write conflict: another writer holds the documents, for
    example a transaction a killed process left open until the store aborts it. An HTTP
    caller is told to try again (409); a consumer retries and then hands the event back to
    Kafka, as for an outage (shared/consumer.py), never dead-letters it."""


def _has_label(label: str) -> Callable[[BaseException], bool]:
    return lambda error: isinstance(error, PyMongoError) and error.has_error_label(label)


commit_unknown = _has_label("UnknownTransactionCommitResult")
# Codes MongoDB answers while it is stepping down, shutting down or starting (the driver
# labels most of them retryable too): the store is unavailable, not the request wrong.
UNAVAILABLE_CODES = {6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436}


def conflicting(error: BaseException) -> bool:
    """Another transaction changed the same documents first (WriteConflict): run again.
    A client bulk write reports it as one operation's error, or as its top-level error."""
    if isinstance(error, ClientBulkWriteException):
        if any(e.get("code") == WRITE_CONFLICT for e in error.write_errors or []):
            return True
        if isinstance(error.error, PyMongoError):
            error = error.error
    return (isinstance(error, PyMongoError) and not isinstance(error, ConnectionFailure)
            and error.has_error_label("TransientTransactionError")
            and not unavailable(error))


def unavailable(error: BaseException) -> bool:
    """The store could not be reached or is not accepting writes right now: 503, retry.
    A client bulk write carries a lost connection as its top-level error."""
    if isinstance(error, ClientBulkWriteException) and isinstance(error.error, PyMongoError):
        error = error.error
    if isinstance(error, ConnectionFailure):
        return True
    return isinstance(error, OperationFailure) and (
        error.code in UNAVAILABLE_CODES or error.has_error_label("RetryableWriteError"))


@dataclass(frozen=True)
class IndexSpec:
    collection: str
    keys: Sequence[tuple[str, int]]
    unique: bool = False
    name: str | None = None
    expire_after_seconds: int | None = None  # a TTL index: documents go that long after `keys`

    def model(self) -> IndexModel:
        options: dict[str, object] = {"unique": self.unique}
        if self.name:
            options["name"] = self.name
        if self.expire_after_seconds is not None:
            options["expireAfterSeconds"] = self.expire_after_seconds
        return IndexModel(list(self.keys), **options)


@dataclass
class Store:
    client: AsyncMongoClient
    db: AsyncDatabase
    indexes: Sequence[IndexSpec] = field(default_factory=tuple)

    @classmethod
    def connect(cls, settings: ServiceSettings, indexes: Sequence[IndexSpec] = ()) -> Store:
        client: AsyncMongoClient = AsyncMongoClient(
            settings.mongo_uri,
            serverSelectionTimeoutMS=settings.mongo_timeout_ms,
            connectTimeoutMS=settings.mongo_timeout_ms,
            # A bound on every read of a reply and every wait for a connection, so a stuck
            # store is an error rather than a hang. Not timeoutMS: PyMongo then ignores
            # serverSelectionTimeoutMS, and a store that is down took 15 s to be noticed.
            socketTimeoutMS=settings.mongo_operation_timeout_ms,
            waitQueueTimeoutMS=settings.mongo_operation_timeout_ms,
            tz_aware=True,
        )
        return cls(client=client, db=client[settings.database_name], indexes=indexes)

    async def create_indexes(self) -> None:
        by_collection: dict[str, list[IndexModel]] = {}
        for spec in self.indexes:
            by_collection.setdefault(spec.collection, []).append(spec.model())
        for name, models in by_collection.items():
            await self.db[name].create_indexes(models)

    async def transaction(self, work: Callable[[AsyncClientSession], Awaitable[T]]) -> T:
        """Run `work` as one multi-document transaction. A transaction that conflicts with
        another is run again, a bounded number of times with jitter, then VersionConflict;
        a commit whose outcome is unknown is retried (committing is idempotent). An
        unreachable store raises as it is (the HTTP layer answers 503)."""
        try:
            async for attempt in AsyncRetrying(
                    retry=retry_if_exception(conflicting), reraise=True,
                    stop=stop_after_attempt(TRANSACTION_ATTEMPTS),
                    wait=wait_random_exponential(multiplier=0.005, max=0.1)):
                with attempt:
                    async with self.client.start_session() as session:
                        await session.start_transaction()
                        try:
                            result = await work(session)
                        except BaseException:
                            if session.in_transaction:
                                await session.abort_transaction()
                            raise
                        await self._commit(session)
                        return result
        except PyMongoError as error:
            if conflicting(error):
                raise StillConflicting("the change conflicted with others; try again") from error
            raise
        raise AssertionError("unreachable: tenacity either returns or raises")

    @staticmethod
    async def _commit(session: AsyncClientSession) -> None:
        async for attempt in AsyncRetrying(retry=retry_if_exception(commit_unknown),
                                           stop=stop_after_attempt(COMMIT_ATTEMPTS),
                                           reraise=True):
            with attempt:
                await session.commit_transaction()

    async def ping(self) -> bool:
        try:
            with pymongo.timeout(PING_SECONDS):
                await self.client.admin.command("ping")
        except Exception:  # noqa: BLE001 - any failure means "not reachable" to readiness
            return False
        return True

    async def close(self) -> None:
        await self.client.close()


def ascending(*names: str) -> list[tuple[str, int]]:
    return [(name, ASCENDING) for name in names]

