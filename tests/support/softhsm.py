"""A SoftHSM 2 token of the test's own (deploy/local/softhsm.sh installs it): the PKCS#11
token a council's HSM would be, with an AES master key made inside it, non-extractable."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "1234-fictional"


@dataclass(frozen=True)
class Token:
    label: str
    module: str = MODULE
    pin: str = PIN

    def settings(self, key_label: str = "qa-master") -> dict[str, str]:
        return {"master_key_source": "pkcs11", "pkcs11_module": self.module,
                "pkcs11_token": self.label, "pkcs11_pin": self.pin,
                "pkcs11_key_label": key_label}


def new_token(directory: Path, label: str, key_labels: tuple[str, ...] = ("qa-master",)) -> Token:
    """A token in `directory` (this process's SoftHSM reads its configuration once: every
    token of a test session lives in the first directory given) with an AES-256 key per
    label."""
    import pkcs11

    tokens = Path(os.environ.setdefault("SOFTHSM2_CONF", str(directory / "softhsm2.conf")))
    tokens.parent.mkdir(parents=True, exist_ok=True)
    if not tokens.exists():
        (tokens.parent / "tokens").mkdir(exist_ok=True)
        tokens.write_text(f"directories.tokendir = {tokens.parent / 'tokens'}\n"
                          "objectstore.backend = file\nlog.level = ERROR\n")
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN,
                    "--so-pin", "5678-fictional"], check=True, capture_output=True)
    token = pkcs11.lib(MODULE).get_token(token_label=label)
    with token.open(user_pin=PIN, rw=True) as session:
        for key_label in key_labels:
            session.generate_key(pkcs11.KeyType.AES, 256, label=key_label, store=True,
                                 template={pkcs11.Attribute.EXTRACTABLE: False,
                                           pkcs11.Attribute.SENSITIVE: True})
    return Token(label)
