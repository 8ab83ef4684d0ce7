import pytest

from shared.signatures import SignatureError, sign, verify

SECRET = "webhook-secret-for-tests-only"
BODY = b'{"source_id": "X-1"}'


def test_a_fresh_signature_verifies():
    assert verify(BODY, sign(BODY, SECRET, timestamp=1_000), SECRET, now=1_010) == 1_000


@pytest.mark.parametrize("header,now,message", [
    (None, 1_000, "missing"),
    ("v1=abc", 1_000, "malformed"),
    (sign(BODY, SECRET, timestamp=1_000), 1_000 + 301, "stale"),
    (sign(BODY, "another-secret", timestamp=1_000), 1_000, "does not match"),
    (sign(BODY + b" ", SECRET, timestamp=1_000), 1_000, "does not match"),
])
def test_bad_signatures_say_what_is_wrong(header, now, message):
    with pytest.raises(SignatureError, match=message):
        verify(BODY, header, SECRET, now=now)


@pytest.mark.parametrize("header,message", [
    # issue 18, defect 7: hmac.compare_digest raised TypeError on a non-ASCII str (a 500)
    ("t=1000,v1=\u00e9\u00e9", "does not match"),
    ("t=1000,v1=" + "\u00ff" * 64, "does not match"),
    # float(now) - a huge int raised OverflowError
    ("t=" + "9" * 400 + ",v1=abc", "malformed"),
])
def test_a_signature_header_of_any_characters_is_refused_not_an_error(header, message):
    with pytest.raises(SignatureError, match=message):
        verify(BODY, header, SECRET, now=1_000.5)
