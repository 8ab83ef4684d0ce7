"""Everything a use case or event handler of feedback ingestion may use, built once by
bootstrap.py: the repositories (the staff directory's projection too), the publisher (for
envelopes), the settings and the clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.directory import DirectoryProjection
from shared.envelope import utc_now
from shared.kafka import EventPublisher

from ..adapters.counts import CountRepository
from ..adapters.imports import ImportRepository
from ..adapters.items import ItemRepository
from ..adapters.quarantine import QuarantineRepository
from ..adapters.signatures import SeenSignatures
from ..settings import FeedbackIngestionSettings


@dataclass
class Deps:
    settings: FeedbackIngestionSettings
    publisher: EventPublisher
    items: ItemRepository
    quarantine: QuarantineRepository
    counts: CountRepository
    imports: ImportRepository
    signatures: SeenSignatures
    directory: DirectoryProjection
    clock: Callable[[], datetime] = utc_now

    @property
    def taxonomy(self) -> Mapping[str, list[str]]:
        return self.settings.ingestion["taxonomy"]

    @property
    def mappings(self) -> Mapping[str, Any]:
        """Column mapping per source, for file rows."""
        return self.settings.ingestion["mappings"]
