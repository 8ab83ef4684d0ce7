"""File answers every export shares: a table as CSV or Excel, sent as an attachment."""

from __future__ import annotations

from typing import Literal

from fastapi import Response

from . import files

Format = Literal["csv", "xlsx"]


def table_response(table, stem: str, fmt: str) -> Response:
    if fmt == "csv":
        return Response(files.to_csv(table), media_type=files.CSV_TYPE,
                        headers=attachment(f"{stem}.csv"))
    return Response(files.to_xlsx(table, sheet=stem), media_type=files.XLSX_TYPE,
                    headers=attachment(f"{stem}.xlsx"))


def attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}
