"""A data subject's pseudonym: the name the key store files their keys under, and the name the
access log and the erasure's event give them, so none of those holds a case reference or a
person's id in clear, while the data protection officer finds them by typing the reference
(the same HMAC, computed again)."""

from __future__ import annotations

from typing import Literal

from shared.settings import ServiceSettings

from .key_wrapping import MasterKey, master_key_for
from .master_key import derived, pseudonym

SubjectKind = Literal["child", "staff"]
NAMING = "name subjects"  # the purpose StoreKeyring derives its naming secret for


class Pseudonyms:
    def __init__(self, master: bytes | MasterKey) -> None:
        self._secret = (derived(master, NAMING) if isinstance(master, bytes)
                        else master.derive(NAMING))

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> Pseudonyms:
        return cls(master_key_for(settings))

    def of(self, kind: SubjectKind, reference: str) -> str:
        """`child` by case reference, `staff` by person id; surrounding spaces are not part
        of a reference, so what a person types finds what a service recorded."""
        return pseudonym(self._secret, f"{kind}:{reference.strip()}")
