"""Reading the text of the PDFs reporting writes (reportlab: ASCII85, then Flate)."""

from __future__ import annotations

import base64
import re
import zlib


def pdf_text(content: bytes) -> str:
    """Every text string drawn on the pages, joined by spaces (enough to look for words)."""
    assert content[:5] == b"%PDF-", "not a PDF"
    parts = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", content, re.S):
        data = stream.strip()
        try:
            if data.endswith(b"~>"):
                data = base64.a85decode(data[:-2])
            parts.append(zlib.decompress(data))
        except (ValueError, zlib.error):
            parts.append(stream)
    strings = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", b"\n".join(parts))
    return " ".join(s.decode("latin-1").replace("\\(", "(").replace("\\)", ")") for s in strings)
