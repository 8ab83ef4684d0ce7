"""Rows of an uploaded or local CSV or Excel file, streamed: never the whole file in memory.

CSV: UTF-8 with or without a BOM (utf-8-sig); bytes that are not UTF-8 become U+FFFD so the
row that holds them is reported rather than the whole file failing. Excel: openpyxl's
read-only mode, which reads the sheet as a stream of rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO, Any

from openpyxl import load_workbook


class EmptyFile(Exception):
    pass


def is_excel(filename: str) -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm"))


def rows(binary: IO[bytes], filename: str) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    """The header and an iterator of (row number, header → cell); EmptyFile if there is no header."""
    return _excel_rows(binary) if is_excel(filename) else _csv_rows(binary)


def _csv_rows(binary: IO[bytes]) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.reader(text)
    header = next((r for r in reader if any(c.strip() for c in r)), None)
    if header is None:
        raise EmptyFile("the file is empty: no header row and no data")
    names = [h.strip() for h in header]

    def generate() -> Iterator[tuple[int, dict[str, Any]]]:
        for cells in reader:
            if any(c.strip() for c in cells):
                yield reader.line_num, dict(zip(names, cells, strict=False))
    return names, generate()


def _excel_rows(binary: IO[bytes]) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    try:
        book = load_workbook(binary, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is one clear message
        raise EmptyFile(f"not a readable Excel workbook ({type(error).__name__})") from error
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = next((r for r in values if any(c not in (None, "") for c in r)), None)
    if header is None:
        book.close()
        raise EmptyFile("the file is empty: no header row and no data")
    names = [str(h).strip() if h is not None else "" for h in header]

    def generate() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for number, cells in enumerate(values, start=2):
                if any(c not in (None, "") for c in cells):
                    yield number, dict(zip(names, cells, strict=False))
        finally:
            book.close()
    return names, generate()
