"""What wraps the subjects' keys: the master key, behind one small interface.

`LocalMasterKey` is 32 bytes this process holds (QA_MASTER_KEY, or the file in `var/keys/`).
`Pkcs11MasterKey` is an AES key inside a PKCS#11 token, a hardware security module or a cloud
HSM's PKCS#11 library (QA_MASTER_KEY_SOURCE=pkcs11): it never leaves the token; the token
wraps and unwraps each subject's key (AES-GCM, the key id as associated data) and derives the
pseudonyms' secret (AES-CMAC of its purpose, stretched by HKDF). The subjects' keys stay in the
store either way, so erasing one is deleting it there.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from shared.settings import ServiceSettings

from .master_key import MasterKeyError, derived, load_master_key
from .sealing import KEY_BYTES, NONCE_BYTES

WRAPPING = "wrap subject keys"


class WrongMasterKey(Exception):
    """This process's master key does not unwrap the keys in the store: a configuration
    error that must stop the service, never make data read as erased."""


class MasterKey(Protocol):
    def derive(self, purpose: str) -> bytes:
        """32 bytes for one purpose (the pseudonyms' secret): the same every time."""

    def wrap(self, kid: str, key: bytes) -> bytes: ...

    def unwrap(self, kid: str, wrapped: bytes) -> bytes:
        """The key; WrongMasterKey if this master key did not wrap it (or it was altered)."""


WRONG = ("the master key does not unwrap the key store's keys: QA_MASTER_KEY (or its file, or "
         "the PKCS#11 token's key) differs from the one that made them")


class LocalMasterKey:
    def __init__(self, master: bytes) -> None:
        self._master = master
        self._wrapping = AESGCM(derived(master, WRAPPING))

    def derive(self, purpose: str) -> bytes:
        return derived(self._master, purpose)

    def wrap(self, kid: str, key: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._wrapping.encrypt(nonce, key, kid.encode())

    def unwrap(self, kid: str, wrapped: bytes) -> bytes:
        try:
            return self._wrapping.decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:],
                                          kid.encode())
        except InvalidTag:
            raise WrongMasterKey(WRONG) from None


class Pkcs11MasterKey:
    """An AES-256 key in a PKCS#11 token, found by its label (made there, non-extractable,
    by the token's owner: see the README). One session per process, used by one thread at
    a time: a token's calls are short and synchronous."""

    def __init__(self, *, module: str, token: str, pin: str, key_label: str) -> None:
        import pkcs11  # the PKCS#11 binding is loaded only where a token is configured

        self._pkcs11 = pkcs11
        try:
            session = _token_session(module, token, pin)
            self._key = session.get_key(key_type=pkcs11.KeyType.AES, label=key_label)
        except (pkcs11.PKCS11Error, RuntimeError) as error:  # never the PIN in the message
            raise MasterKeyError(f"the PKCS#11 master key {key_label!r} in token {token!r} "
                                 f"({module}) cannot be used: {type(error).__name__}") from None
        self._lock = threading.Lock()

    def derive(self, purpose: str) -> bytes:
        with self._lock:
            mac = self._key.sign(purpose.encode(), mechanism=self._pkcs11.Mechanism.AES_CMAC)
        return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                    info=purpose.encode()).derive(bytes(mac))

    def wrap(self, kid: str, key: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        with self._lock:
            return nonce + bytes(self._key.encrypt(key, **self._gcm(nonce, kid)))

    def unwrap(self, kid: str, wrapped: bytes) -> bytes:
        try:
            with self._lock:
                return bytes(self._key.decrypt(wrapped[NONCE_BYTES:],
                                               **self._gcm(wrapped[:NONCE_BYTES], kid)))
        except self._pkcs11.PKCS11Error:  # a wrong key or a changed value: the token says no
            raise WrongMasterKey(WRONG) from None

    def _gcm(self, nonce: bytes, kid: str) -> dict[str, Any]:
        from pkcs11.mechanisms import GCMParams

        return {"mechanism": self._pkcs11.Mechanism.AES_GCM,
                "mechanism_param": GCMParams(nonce, kid.encode())}


@functools.lru_cache(maxsize=4)
def _token_session(module: str, token: str, pin: str) -> Any:
    """One logged-in session per token and process: PKCS#11 logs a process in once."""
    import pkcs11

    return pkcs11.lib(module).get_token(token_label=token).open(user_pin=pin)


def master_key_for(settings: ServiceSettings) -> MasterKey:
    """The master key the settings name; one per process and configuration."""
    return _master_key(settings.master_key_source, settings.master_key,
                       settings.master_key_file, settings.pkcs11_module, settings.pkcs11_token,
                       settings.pkcs11_pin, settings.pkcs11_key_label)


@functools.lru_cache(maxsize=4)
def _master_key(source: str, encoded: str, path: str, module: str, token: str, pin: str,
                key_label: str) -> MasterKey:
    if source == "pkcs11":
        return Pkcs11MasterKey(module=module, token=token, pin=pin, key_label=key_label)
    return LocalMasterKey(load_master_key(encoded=encoded, path=Path(path)))
