"""A file import: stream rows, map each with the source's columns, check and publish them in
chunks, count, and keep a per-row report (accepted / duplicate / updated / quarantined); and
reading imports back, shown interrupted once they stopped making progress."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import IO, Any

from ..adapters.files import EmptyFile, rows
from ..domain.imports import with_shown_status
from ..domain.rows import UnknownColumns, check_header, to_item
from ..domain.sources import SOURCES, Invalid
from .chunks import YIELD_EVERY, ChunkPipeline, Prepared, Row
from .deps import Deps


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
    deps: Deps, *, source: str, binary: IO[bytes], filename: str, by: str,
    correlation_id: str, report_rows: int | None = None,
    progress: Callable[[int], None] = lambda n: None,
    on_row: Callable[[dict[str, Any]], None] = lambda r: None,
) -> ImportResult:
    """`report_rows`: rows kept in the answer (the settings' number unless given)."""
    mappings, chunk_rows = deps.mappings, deps.settings.import_chunk_rows
    report_rows = deps.settings.import_report_rows if report_rows is None else report_rows
    imports = deps.imports
    result = ImportResult(import_id=str(uuid.uuid4()), status="done")
    await imports.started(result.import_id, source=source, filename=filename, by=by,
                          now=deps.clock())
    pipeline = ChunkPipeline(deps, source, channel="file", correlation_id=correlation_id,
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
                deps, pipeline, prepared, len(chunk), result, report_rows, progress, on_row))
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
                                       now=deps.clock())
        raise
    await imports.finished(result.import_id, status=result.status, error=result.error,
                           rows=result.rows, truncated=result.truncated, now=deps.clock())
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


async def _store(deps: Deps, pipeline: ChunkPipeline, prepared: Prepared, size: int,
                 result: ImportResult, report_rows: int, progress: Callable[[int], None],
                 on_row: Callable) -> None:
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
    await deps.imports.report_page(result.import_id, result.pages, page, now=deps.clock())
    progress(size)


def summary(result: ImportResult) -> dict[str, Any]:
    """What an upload answers (the JSON and the upload page's report)."""
    counts = {k: result.counts[k] for k in ("received", "accepted", "updated", "duplicate",
                                             "quarantined")}
    return {"import_id": result.import_id, "status": result.status, "error": result.error,
            "counts": counts, "rows": result.rows, "rows_truncated": result.truncated,
            "pages": result.pages, "report_csv": f"/feedback/imports/{result.import_id}/report.csv"}


def _shown(deps: Deps, record: dict[str, Any]) -> dict[str, Any]:
    return with_shown_status(record, now=deps.clock(), stale_after=timedelta(
        seconds=deps.settings.import_stale_seconds))


async def import_with_counts(deps: Deps, import_id: str) -> dict[str, Any] | None:
    """The import as shown, with its reconciliation counts; None if there is none."""
    found = await deps.imports.get(import_id)
    if found is None:
        return None
    return _shown(deps, found) | {"counts": await deps.counts.get("import", import_id)}


async def import_exists(deps: Deps, import_id: str) -> bool:
    return await deps.imports.get(import_id) is not None


async def report_page(deps: Deps, import_id: str, page: int) -> list[dict[str, Any]] | None:
    return await deps.imports.page(import_id, page)


def report_rows(deps: Deps, import_id: str) -> AsyncIterator[dict[str, Any]]:
    """Every row of the report in order, read page by page (never all held at once)."""
    return deps.imports.all_rows(import_id)


async def recent_imports(deps: Deps) -> list[dict[str, Any]]:
    return [_shown(deps, i) for i in await deps.imports.recent()]
