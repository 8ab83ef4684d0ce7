"""A webhook whose signature header holds non-ASCII bytes is refused with 401, not a 500
(issue 18, defect 7: hmac.compare_digest raised TypeError; no authentication is needed to
send one)."""

from __future__ import annotations

import time

import pytest

from shared import signatures


@pytest.mark.parametrize("header", [
    f"t={int(time.time())},v1=".encode() + "\u00e9".encode("latin-1") * 64,
    f"t={int(time.time())},v1=".encode() + bytes(range(0x80, 0xc0)),
    b"t=" + b"9" * 400 + b",v1=00",
])
async def test_a_signature_header_of_odd_bytes_is_refused_with_a_reason(feedback, header):
    response = await feedback.post("/feedback/webhooks/momo", content=b'{"source_id": "X"}',
                                   headers={signatures.HEADER: header,
                                            "Content-Type": "application/json"})
    assert response.status_code == 401, response.text
    assert response.json()["detail"]
