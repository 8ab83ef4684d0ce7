"""The master key that wraps every subject's key, and the pseudonyms of subjects.

Locally it is a file of 32 random bytes (`var/keys/master.key` unless QA_MASTER_KEY_FILE says
otherwise), created by whichever process needs it first and readable by its owner only; every
service on the machine reads the same file. QA_MASTER_KEY (base64) gives it directly, as a
Kubernetes Secret would. Losing it loses every subject's data: back it up apart from the
store, which is the point of keeping it apart.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .sealing import KEY_BYTES

DEFAULT_FILE = Path("var/keys/master.key")


class MasterKeyError(Exception):
    """The master key given is not 32 bytes of base64, or its file is unreadable."""


def load_master_key(*, encoded: str = "", path: Path = DEFAULT_FILE) -> bytes:
    if encoded:
        try:
            key = base64.b64decode(encoded, validate=True)
        except ValueError:
            raise MasterKeyError("QA_MASTER_KEY is not base64") from None
        if len(key) != KEY_BYTES:
            raise MasterKeyError(f"QA_MASTER_KEY must be {KEY_BYTES} bytes, not {len(key)}")
        return key
    if not path.exists():
        _create(path)
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise MasterKeyError(f"{path} must hold {KEY_BYTES} bytes, not {len(key)}")
    return key


def _create(path: Path) -> None:
    """Write a new key beside the target and link it in: if another process got there first,
    the link fails and both use the one that is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, os.urandom(KEY_BYTES))
    finally:
        os.close(descriptor)
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()


def derived(master: bytes, purpose: str) -> bytes:
    """A key of its own for each purpose, so the master key itself is used for one thing."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=purpose.encode()).derive(master)


def pseudonym(secret: bytes, subject: str) -> str:
    """The name a subject's keys are filed under: the same for the same subject, and no way
    back to the case reference or person from it."""
    return hmac.new(secret, subject.encode(), hashlib.sha256).hexdigest()
