"""The subjects' keys behind one small interface.

`Keyring` is what services use. `StoreKeyring` keeps each subject's key in one collection of
a database every service reaches (`qa_keys` unless QA_KEY_DATABASE says otherwise), wrapped by
the master key and filed under the subject's pseudonym, never their case reference or name.
What wraps them is a `MasterKey` (key_wrapping.py): 32 bytes this process holds, or a key
inside an HSM's PKCS#11 token that never leaves it: see the README, "Personal data".

Keys are cached for `cache_seconds`, so a value is not a round trip to the store each time,
and an erasure reaches every process within that time even if its event is late; `forget`
drops them at once when the erasure's event arrives.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, Protocol


from cachetools import TTLCache
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from shared.envelope import utc_now
from shared.settings import ServiceSettings
from shared.store import IndexSpec, ascending

from .key_wrapping import LocalMasterKey, MasterKey, WrongMasterKey, master_key_for
from .master_key import pseudonym
from .pseudonyms import NAMING
from .sealing import new_key

__all__ = ["Keyring", "StoreKeyring", "WrongMasterKey", "keyring_for"]

KEYS = "subject_keys"
INDEXES = [IndexSpec(KEYS, ascending("subject"), unique=True)]
CACHE_SIZE = 50_000
SEALING_CACHE_SECONDS = 600.0
CANARY = "canary"  # a key only the right master key unwraps: checked at every start


class Keyring(Protocol):
    async def prepare(self) -> None:
        """Ready to use (indexes made); WrongMasterKey if its master key is not the store's."""
    async def key_for(self, subject: str) -> tuple[str, bytes]:
        """The subject's key id and key, made the first time they are needed."""

    async def keys(self, key_ids: Iterable[str]) -> dict[str, bytes | None]:
        """Each key id's key; None for one that is gone (its subject was erased)."""

    async def erase(self, subject: str) -> list[str]:
        """Destroy the subject's keys; the ids of those destroyed (none for an unknown one)."""

    async def knows(self, subject: str) -> bool:
        """Whether the subject has a key (has personal data sealed here)."""

    def forget(self, key_ids: Iterable[str]) -> None:
        """Drop these keys from the cache now (an erasure's event has arrived)."""


class StoreKeyring:
    def __init__(self, collection: AsyncCollection, master: bytes | MasterKey, *,
                 cache_seconds: float = 5.0) -> None:
        self._keys = collection
        self._master = LocalMasterKey(master) if isinstance(master, bytes) else master
        self._naming = self._master.derive(NAMING)
        # Sealing may use a key longer than reading may: a value sealed with a key erased
        # meanwhile is simply unreadable at once, which is what the erasure asked for.
        self._by_subject: TTLCache[str, tuple[str, bytes]] = TTLCache(
            CACHE_SIZE, max(cache_seconds, SEALING_CACHE_SECONDS))
        self._by_id: TTLCache[str, bytes | None] = TTLCache(CACHE_SIZE, cache_seconds)

    async def prepare(self) -> None:
        """Its index, and proof that this master key is the one the stored keys are wrapped
        by (the first process to start leaves the canary; WrongMasterKey otherwise)."""
        await self._keys.create_indexes([spec.model() for spec in INDEXES])
        try:
            await self._keys.insert_one({"_id": CANARY, "subject": CANARY,
                                         "wrapped": self._wrap(CANARY, new_key())})
        except DuplicateKeyError:
            pass
        self._unwrap(await self._keys.find_one({"_id": CANARY}))

    async def key_for(self, subject: str) -> tuple[str, bytes]:
        name = pseudonym(self._naming, subject)
        if name in self._by_subject:
            return self._by_subject[name]
        found = await self._keys.find_one({"subject": name})
        if found is None:
            kid, key = uuid.uuid4().hex, new_key()
            try:
                await self._keys.insert_one({"_id": kid, "subject": name,
                                             "wrapped": self._wrap(kid, key),
                                             "created_at": utc_now()})
            except DuplicateKeyError:  # another process made it first: use theirs
                found = await self._keys.find_one({"subject": name})
        if found is not None:
            kid, key = found["_id"], self._unwrap(found)
        self._by_subject[name] = (kid, key)
        self._by_id[kid] = key
        return kid, key

    async def keys(self, key_ids: Iterable[str]) -> dict[str, bytes | None]:
        wanted = set(key_ids)
        known = {kid: self._by_id[kid] for kid in wanted if kid in self._by_id}
        missing = wanted - known.keys()
        if missing:
            stored = {d["_id"]: d async for d in self._keys.find({"_id": {"$in": list(missing)}})}
            for kid in missing:
                key = self._unwrap(stored[kid]) if kid in stored else None
                self._by_id[kid] = known[kid] = key
        return known

    async def erase(self, subject: str) -> list[str]:
        name = pseudonym(self._naming, subject)
        kids = [d["_id"] async for d in self._keys.find({"subject": name}, {"_id": 1})]
        if kids:
            await self._keys.delete_many({"_id": {"$in": kids}})
        self._by_subject.pop(name, None)
        self.forget(kids)
        return kids

    async def knows(self, subject: str) -> bool:
        return await self._keys.find_one({"subject": pseudonym(self._naming, subject)},
                                         {"_id": 1}) is not None

    def forget(self, key_ids: Iterable[str]) -> None:
        key_ids = set(key_ids)
        for kid in key_ids:
            self._by_id[kid] = None
        for name, (kid, _key) in list(self._by_subject.items()):
            if kid in key_ids:
                self._by_subject.pop(name, None)

    def _wrap(self, kid: str, key: bytes) -> bytes:
        return self._master.wrap(kid, key)

    def _unwrap(self, stored: dict[str, Any]) -> bytes:
        return self._master.unwrap(stored["_id"], bytes(stored["wrapped"]))


def keyring_for(settings: ServiceSettings, client: AsyncMongoClient) -> StoreKeyring:
    return StoreKeyring(client[settings.key_database][KEYS], master_key_for(settings),
                        cache_seconds=settings.key_cache_seconds)
