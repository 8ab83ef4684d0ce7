"""Rows of an uploaded CSV, numbered as a spreadsheet shows them (the header is row 1). A row
the csv module cannot read (a line break inside a field not in quotes) stops the reading
with UnreadableRow naming it, so the upload is refused with a 422, not a 500 (issue 18,
defect 7)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

LINE_BREAK = ("cannot be read: a line break inside a field that is not in double quotes "
              "(put the field in quotes, or remove the line break)")


class UnreadableRow(Exception):
    def __init__(self, row: int) -> None:
        super().__init__(f"row {row} {LINE_BREAK}")
        self.row = row


def dict_reader(text: str) -> csv.DictReader:
    return csv.DictReader(io.StringIO(text.lstrip("\ufeff")))


def header(reader: csv.DictReader) -> list[str]:
    try:
        return list(reader.fieldnames or [])
    except csv.Error as error:
        raise UnreadableRow(1) from error


def numbered(reader: csv.DictReader) -> Iterator[tuple[int, dict[str, str]]]:
    rows = iter(reader)
    number = 2
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            raise UnreadableRow(number) from error
        yield number, row
        number += 1
