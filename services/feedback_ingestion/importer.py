"""Import a CSV or Excel export from the command line, with a progress bar:

    python -m services.feedback_ingestion.importer momo statements.csv --report report.csv

Reads the file as a stream, publishes facts in chunks, and prints the counts; `--report`
writes the per-row report (row, outcome, item id, reasons) as CSV. Uses the service's
settings (QA_KAFKA_BOOTSTRAP, QA_MONGO_URI, QA_INGESTION_CONFIG...).

Exit status: 0 every row taken (accepted, updated or a duplicate); 1 the file was refused
(empty, unknown columns) or the import stopped on an error; 2 the file was imported but some
rows were quarantined (listed, and in the report); 64 the command line was wrong.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
import uuid
from pathlib import Path
from typing import NoReturn

from tqdm import tqdm

from shared.cells import inert

from .adapters.files import is_excel
from .bootstrap import build_deps, build_runtime
from .application.imports import ImportResult, run_import
from .domain.sources import SOURCES
from .settings import FeedbackIngestionSettings


def count_lines(path: Path) -> int | None:
    """Rows for the progress bar (a streaming pass over the bytes; None for Excel)."""
    if is_excel(path.name):
        return None
    with path.open("rb") as handle:
        return max(sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
                   - 1, 0)


USAGE_ERROR = 64  # not argparse's 2, which would read as "some rows quarantined"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message}\n")


SHOWN_PROBLEMS = 50  # quarantined rows printed; all are in --report and the stored report


async def import_file(source: str, path: Path, *, report: Path | None,
                      settings: FeedbackIngestionSettings, quiet: bool = False,
                      problems: list[dict] | None = None) -> ImportResult:
    runtime = build_runtime(settings, relay=False)
    deps = build_deps(settings, runtime)
    await runtime.start()
    report_file = report.open("w", newline="", encoding="utf-8") if report else None
    writer = csv.writer(report_file) if report_file else None
    if writer:
        writer.writerow(["row", "outcome", "item_id", "reasons"])
    bar = tqdm(total=count_lines(path), unit="rows", desc=f"{source} {path.name}",
               disable=quiet, file=sys.stderr)
    try:
        with path.open("rb") as binary:
            return await run_import(
                deps, source=source, binary=binary, filename=path.name, by="command-line",
                correlation_id=str(uuid.uuid4()), progress=bar.update,
                on_row=lambda r: _on_row(r, writer, problems))
    finally:
        bar.close()
        if report_file:
            report_file.close()
        await runtime.stop()


def _on_row(row: dict, writer, problems: list[dict] | None) -> None:
    if writer:
        writer.writerow([row["row"], row["outcome"], row["item_id"] or "",
                         inert("; ".join(row["reasons"]))])
    if problems is not None and row["outcome"] == "quarantined" \
            and len(problems) < SHOWN_PROBLEMS:
        problems.append(row)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", choices=SOURCES)
    parser.add_argument("file", type=Path)
    parser.add_argument("--report", type=Path, help="write the per-row report here (CSV)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    problems: list[dict] = []
    result = asyncio.run(import_file(args.source, args.file, report=args.report,
                                     settings=FeedbackIngestionSettings(), quiet=args.quiet,
                                     problems=problems))
    if result.status == "refused":
        print(f"refused: {result.error}", file=sys.stderr)
        return 1
    counts = result.counts
    print(f"import {result.import_id}: received {counts['received']}, accepted "
          f"{counts['accepted'] + counts['updated']} (of which updates {counts['updated']}), "
          f"duplicates {counts['duplicate']}, quarantined {counts['quarantined']}")
    for row in problems:
        print(f"  row {row['row']}: {'; '.join(row['reasons'])}")
    print(f"full report: GET /feedback/imports/{result.import_id}/report.csv")
    return 2 if counts["quarantined"] else 0


if __name__ == "__main__":
    sys.exit(main())
