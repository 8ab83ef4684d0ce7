"""A data subject's pseudonym: the name the key store files their keys under, and the name the
access log and the erasure's event give them, so none of those holds a case reference or a
person's id in clear, while the data protection officer finds them by typing the reference
(the same HMAC, computed again)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from shared.settings import ServiceSettings

from .master_key import derived, load_master_key, pseudonym

SubjectKind = Literal["child", "staff"]
NAMING = "name subjects"  # the purpose StoreKeyring derives its naming secret for


class Pseudonyms:
    def __init__(self, master: bytes) -> None:
        self._secret = derived(master, NAMING)

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> Pseudonyms:
        return cls(load_master_key(encoded=settings.master_key,
                                   path=Path(settings.master_key_file)))

    def of(self, kind: SubjectKind, reference: str) -> str:
        """`child` by case reference, `staff` by person id; surrounding spaces are not part
        of a reference, so what a person types finds what a service recorded."""
        return pseudonym(self._secret, f"{kind}:{reference.strip()}")
