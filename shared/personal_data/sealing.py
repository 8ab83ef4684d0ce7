"""Sealing one value, and the marked fields of an event's data, with a subject's key.

A sealed value is a string, whatever the value was, so a sealed event still parses as JSON
and a reader can tell sealed from clear text at a glance:

    pd1:<key id>:<s|j>:<base64 of nonce + AES-GCM ciphertext>

`s` marks a string, `j` anything else (kept as JSON). The key id is bound to the ciphertext as
associated data, so a value cannot be moved under another key. A value whose key is gone
(erased) or wrong never opens as garbage: it reads as erased (`ERASED_TEXT` for text, None
otherwise) and the caller is told how many did.
"""

from __future__ import annotations

import base64
import functools
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "pd1"
ERASED_TEXT = "[erased]"
KEY_BYTES = 32
NONCE_BYTES = 12


class Unreadable(Exception):
    """A sealed value that cannot be opened: its key is gone, wrong, or the text damaged."""


@functools.lru_cache(maxsize=4096)
def _cipher(key: bytes) -> AESGCM:
    """One cipher object a key: making it costs about as much as sealing a short value."""
    return AESGCM(key)


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def is_sealed(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX + ":")


def key_id_of(value: str) -> str:
    try:
        prefix, kid, _kind, _body = value.split(":", 3)
    except ValueError:
        raise Unreadable("not a sealed value") from None
    if prefix != PREFIX:
        raise Unreadable("not a sealed value")
    return kid


def seal(value: Any, *, kid: str, key: bytes) -> str:
    """The value sealed under `key`, named by `kid` (which must not contain ':')."""
    if ":" in kid:
        raise ValueError("a key id cannot contain ':'")
    kind, plain = ("s", value.encode()) if isinstance(value, str) else (
        "j", json.dumps(value, separators=(",", ":"), default=str).encode())
    nonce = os.urandom(NONCE_BYTES)
    sealed = _cipher(key).encrypt(nonce, plain, _associated(kid, kind))
    return f"{PREFIX}:{kid}:{kind}:{base64.b64encode(nonce + sealed).decode()}"


def open_sealed(value: str, key: bytes | None) -> Any:
    """The value inside, or Unreadable (no key, a wrong key, damaged text)."""
    try:
        prefix, kid, kind, body = value.split(":", 3)
        raw = base64.b64decode(body, validate=True)
    except ValueError:
        raise Unreadable("not a sealed value") from None
    if prefix != PREFIX or kind not in ("s", "j") or key is None or len(raw) <= NONCE_BYTES:
        raise Unreadable("no key for it" if key is None else "not a sealed value")
    try:
        plain = _cipher(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _associated(kid, kind))
    except (InvalidTag, ValueError):
        raise Unreadable("the key does not open it") from None
    return plain.decode() if kind == "s" else json.loads(plain)


def erased_form(value: str) -> Any:
    """What an unreadable sealed value reads as: text stays text, anything else is None."""
    return ERASED_TEXT if value.split(":", 3)[2:3] == ["s"] else None


def _associated(kid: str, kind: str) -> bytes:
    return f"{PREFIX}:{kid}:{kind}".encode()


@dataclass
class Opened:
    """An event's data with its sealed fields opened, and how many read as erased."""

    data: dict[str, Any]
    erased: int = 0
    key_ids: set[str] = field(default_factory=set)


def seal_fields(data: dict[str, Any], paths: Iterable[str], *, kid: str,
                key: bytes) -> dict[str, Any]:
    """A copy of `data` with the value at every dotted path sealed (lists are walked: the
    path `standards.evidence` seals each standard's evidence). Missing, None and already
    sealed values are left as they are."""
    copy = json.loads(json.dumps(data, default=str))
    for path in paths:
        _apply(copy, path.split("."),
               lambda v: v if v is None or is_sealed(v) else seal(v, kid=kid, key=key))
    return copy


def sealed_key_ids(data: Any) -> set[str]:
    """Every key id a sealed value anywhere in `data` names."""
    if isinstance(data, dict):
        return set().union(*(sealed_key_ids(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(sealed_key_ids(v) for v in data)) if data else set()
    return {key_id_of(data)} if is_sealed(data) else set()


def open_fields(data: dict[str, Any], keys: dict[str, bytes | None]) -> Opened:
    """A copy of `data` with every sealed value opened with `keys` (key id → key, None for a
    key known to be gone); a value that cannot be opened reads as erased and is counted."""
    result = Opened(data={})

    def open_one(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: open_one(v) for k, v in value.items()}
        if isinstance(value, list):
            return [open_one(v) for v in value]
        if not is_sealed(value):
            return value
        kid = key_id_of(value)
        result.key_ids.add(kid)
        try:
            return open_sealed(value, keys.get(kid))
        except Unreadable:
            result.erased += 1
            return erased_form(value)

    result.data = open_one(data)
    return result


def _apply(node: Any, segments: list[str], change: Callable[[Any], Any]) -> None:
    if isinstance(node, list):
        for item in node:
            _apply(item, segments, change)
        return
    if not isinstance(node, dict) or segments[0] not in node:
        return
    head, rest = segments[0], segments[1:]
    if rest:
        _apply(node[head], rest, change)
    elif isinstance(node[head], list) and not _marked_whole(node[head]):
        node[head] = [change(v) for v in node[head]]
    else:
        node[head] = change(node[head])


def _marked_whole(values: list[Any]) -> bool:
    """A list of objects is sealed whole; a list of strings is sealed item by item, so each
    item stays a string a reader's model accepts."""
    return any(isinstance(v, (dict, list)) for v in values)
