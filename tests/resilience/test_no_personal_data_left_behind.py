"""After everything else in the run: no log a service wrote during it, no service's metrics
and no dead letter holds the synthetic case references, names or free text the tests sent.

A dead letter carries its original message in base64 by design (to be replayed once
fixed); what is scanned is the letter as stored on qa.deadletter, so its error, which must
name fields and never values, is read in plain text. The metrics are scraped from every
running service, as Prometheus would store them (labels and values)."""

from __future__ import annotations

import pytest

from tests.support.leak_scan import hits, leaks


@pytest.mark.runs_last
async def test_no_log_metric_or_dead_letter_holds_test_personal_data(services):
    found, read = await leaks({name: services.url(name) for name in services.processes})
    print(f"leak scan: {read}")
    assert not found, found

