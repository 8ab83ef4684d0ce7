"""A file import: stream rows, map each with the source's columns, check and publish them in
chunks, count, and keep a per-row report (accepted / duplicate / updated / quarantined)."""

from __future__ import annotations

import asyncio
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
from .chunks import YIELD_EVERY, ChunkPipeline, Prepared, Row
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
    pipeline = ChunkPipeline(intake, source, channel="file", correlation_id=correlation_id,
                             import_id=result.import_id)
    storing: asyncio.Task[None] | None = None  # the chunk before, being stored
    try:
        if source not in SOURCES or source not in mappings:
            raise UnknownColumns(f"no column mapping for source {source!r}")
        header, source_rows = rows(binary, filename)
        check_header(header, mappings[source])
        chunks = _chunks(_mapped(source_rows, mappings[source]), chunk_rows)
        while (chunk := await _next_chunk(chunks)) is not None:
            prepared = await pipeline.prepare(chunk)  # while the chunk before is stored
            if storing is not None:
                await storing
            storing = asyncio.create_task(_store(
                pipeline, imports, prepared, len(chunk), result, report_rows, progress,
                on_row, intake.clock))
        if storing is not None:
            await storing
        await pipeline.published()
        if not result.counts["received"]:
            raise EmptyFile("the file has a header but no data rows")
    except (EmptyFile, UnknownColumns) as error:
        result.status, result.error = "refused", str(error)
    except BaseException as error:
        if storing is not None and not storing.done():
            storing.cancel()
            await asyncio.gather(storing, return_exceptions=True)
        await pipeline.close()
        if isinstance(error, Exception):  # not a cancellation: say it failed
            with contextlib.suppress(Exception):  # the store may be what failed
                await imports.finished(result.import_id, status="failed", error=FAILED,
                                       rows=result.rows, truncated=result.truncated,
                                       now=intake.clock())
        raise
    await imports.finished(result.import_id, status=result.status, error=result.error,
                           rows=result.rows, truncated=result.truncated, now=intake.clock())
    return result


def _chunks(entries: Iterator[Row], size: int) -> Iterator[list[Row] | None]:
    """Chunks of `size` rows; a None every YIELD_EVERY rows read, for the reader to let the
    chunk before be stored meanwhile."""
    chunk: list[Row] = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) >= size:
            yield chunk
            chunk = []
        elif len(chunk) % YIELD_EVERY == 0:
            yield None
    if chunk:
        yield chunk


async def _next_chunk(chunks: Iterator[list[Row] | None]) -> list[Row] | None:
    for chunk in chunks:
        if chunk is not None:
            return chunk
        await asyncio.sleep(0)
    return None


async def _store(pipeline: ChunkPipeline, imports: ImportRepository, prepared: Prepared,
                 size: int, result: ImportResult, report_rows: int,
                 progress: Callable[[int], None], on_row: Callable,
                 clock: Callable[[], datetime]) -> None:
    """One chunk stored (its events handed to the producer) and its page of the report."""
    receipts = await pipeline.store(prepared)
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
    await imports.report_page(result.import_id, result.pages, page, now=clock())
    progress(size)
