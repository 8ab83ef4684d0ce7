"""A file import: stream rows, map each with the source's columns, check and publish them in
chunks, count, and keep a per-row report (accepted / duplicate / updated / quarantined)."""

from __future__ import annotations

import contextlib
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from ..adapters.files import EmptyFile, rows
from ..adapters.imports import ImportRepository
from ..domain.rows import UnknownColumns, check_header, to_item
from ..domain.sources import SOURCES, Invalid
from .batch import receive_many
from .intake import Intake


FAILED = ("stopped by an error after the rows reported; import the same file again: rows "
          "already taken in count as duplicates")


@dataclass
class ImportResult:
    import_id: str
    status: str  # done | refused
    error: str | None = None
    counts: Counter[str] = field(default_factory=Counter)
    rows: list[dict[str, Any]] = field(default_factory=list)  # the first rows only
    truncated: bool = False
    pages: int = 0  # the full report, one page per chunk (ImportRepository.page)


def _text(cell: Any) -> Any:
    if isinstance(cell, datetime | date):
        return cell.strftime("%d/%m/%Y")
    return cell if cell is None or isinstance(cell, str | int | float | bool) else str(cell)


def _mapped(source_rows: Iterator[tuple[int, dict[str, Any]]],
            mapping: Mapping[str, Any]) -> Iterator[tuple[int, Any, dict[str, Any]]]:
    for number, row in source_rows:
        original = {k: _text(v) for k, v in row.items() if k}
        try:
            yield number, to_item(row, mapping), original
        except Invalid as invalid:
            yield number, invalid, original


async def run_import(
    intake: Intake, imports: ImportRepository, *, source: str, binary: IO[bytes],
    filename: str, by: str, mappings: Mapping[str, Any], chunk_rows: int, report_rows: int,
    correlation_id: str, progress: Callable[[int], None] = lambda n: None,
    on_row: Callable[[dict[str, Any]], None] = lambda r: None,
) -> ImportResult:
    result = ImportResult(import_id=str(uuid.uuid4()), status="done")
    await imports.started(result.import_id, source=source, filename=filename, by=by,
                          now=intake.clock())
    try:
        if source not in SOURCES or source not in mappings:
            raise UnknownColumns(f"no column mapping for source {source!r}")
        header, source_rows = rows(binary, filename)
        check_header(header, mappings[source])
        chunk: list[tuple[int, Any, dict[str, Any]]] = []
        for entry in _mapped(source_rows, mappings[source]):
            chunk.append(entry)
            if len(chunk) >= chunk_rows:
                await _chunk(intake, imports, source, chunk, result, correlation_id,
                             report_rows, on_row)
                progress(len(chunk))
                chunk = []
        if chunk:
            await _chunk(intake, imports, source, chunk, result, correlation_id, report_rows,
                         on_row)
            progress(len(chunk))
        if not result.counts["received"]:
            raise EmptyFile("the file has a header but no data rows")
    except (EmptyFile, UnknownColumns) as error:
        result.status, result.error = "refused", str(error)
    except Exception:
        with contextlib.suppress(Exception):  # the store may be what failed
            await imports.finished(result.import_id, status="failed", error=FAILED,
                                   rows=result.rows, truncated=result.truncated,
                                   now=intake.clock())
        raise
    await imports.finished(result.import_id, status=result.status, error=result.error,
                           rows=result.rows, truncated=result.truncated, now=intake.clock())
    return result


async def _chunk(intake: Intake, imports: ImportRepository, source: str, chunk: list,
                 result: ImportResult, correlation_id: str, report_rows: int,
                 on_row: Callable) -> None:
    receipts = await receive_many(intake, source, chunk, channel="file",
                                  correlation_id=correlation_id, import_id=result.import_id)
    page: list[dict[str, Any]] = []
    for number, receipt in receipts:
        result.counts["received"] += 1
        result.counts[receipt.outcome] += 1
        line = {"row": number, "outcome": receipt.outcome, "item_id": receipt.item_id,
                "reasons": receipt.reasons, "quarantine_id": receipt.quarantine_id}
        on_row(line)
        page.append(line)
        if len(result.rows) < report_rows:
            result.rows.append(line)
        else:
            result.truncated = True
    result.pages += 1
    await imports.report_page(result.import_id, result.pages, page, now=intake.clock())
