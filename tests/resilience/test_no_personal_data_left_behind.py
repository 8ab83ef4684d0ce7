"""After everything else in the run: no log a service wrote during it and no dead letter
holds the synthetic case references, names or free text the tests sent.

A dead letter carries its original message in base64 by design (to be replayed once
fixed); what is scanned is the letter as stored on qa.deadletter, so its error, which must
name fields and never values, is read in plain text."""

from __future__ import annotations

import pytest

from tests.support.leak_scan import every_dead_letter, hits, logs_written_this_session


@pytest.mark.runs_last
async def test_no_log_or_dead_letter_holds_test_personal_data(services):
    logs = logs_written_this_session()
    assert any(logs.values()), "the services wrote logs during this run"
    found = {str(path): hits(text) for path, text in logs.items() if hits(text)}
    letters = await every_dead_letter()
    found |= {f"dead letter {n}": hits(letter) for n, letter in enumerate(letters)
              if hits(letter)}
    print(f"leak scan: {len(logs)} logs ({sum(map(len, logs.values())):,} characters), "
          f"{len(letters)} dead letters")
    assert not found, found
