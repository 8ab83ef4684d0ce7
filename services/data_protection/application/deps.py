"""Everything a use case or event handler of data protection may use, built once by
bootstrap.py."""

from __future__ import annotations

from dataclasses import dataclass

from shared.clock import Clock

from ..settings import DataProtectionSettings


@dataclass
class Deps:
    settings: DataProtectionSettings
    clock: Clock
