"""MongoDB access through PyMongo's async API (Motor is deprecated): one client per process.

Only operations that both MongoDB and FerretDB 1.24 support are used here and in the
services, so local runs and production share one code path; the list of what FerretDB
lacks is in tests/unit/test_store_operations.py, which fails if code uses any of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pymongo import ASCENDING, AsyncMongoClient, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

from .settings import ServiceSettings


@dataclass(frozen=True)
class IndexSpec:
    collection: str
    keys: Sequence[tuple[str, int]]
    unique: bool = False
    name: str | None = None

    def model(self) -> IndexModel:
        options: dict[str, object] = {"unique": self.unique}
        if self.name:
            options["name"] = self.name
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
            # A bound on every operation, so a stuck store is an error rather than a hang.
            timeoutMS=settings.mongo_operation_timeout_ms,
            tz_aware=True,
        )
        return cls(client=client, db=client[settings.database_name], indexes=indexes)

    async def create_indexes(self) -> None:
        """Create missing indexes one at a time: FerretDB 1.24 panics when one createIndexes
        command repeats several indexes that already exist (seen on every restart)."""
        for spec in self.indexes:
            collection = self.db[spec.collection]
            existing = {index["name"] async for index in await collection.list_indexes()}
            model = spec.model()
            if model.document["name"] not in existing:
                await collection.create_indexes([model])

    async def ping(self) -> bool:
        try:
            await self.client.admin.command("ping")
        except Exception:  # noqa: BLE001 - any failure means "not reachable" to readiness
            return False
        return True

    async def close(self) -> None:
        await self.client.close()


def ascending(*names: str) -> list[tuple[str, int]]:
    return [(name, ASCENDING) for name in names]
