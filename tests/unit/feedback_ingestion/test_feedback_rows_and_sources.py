"""Rows from files into items; each source's checks; themes; the webhook secret rules."""

from datetime import date, datetime

import pytest
from pydantic import ValidationError

from services.feedback_ingestion.domain.rows import UnknownColumns, check_header, to_item
from services.feedback_ingestion.domain.sources import ITEM_MAX_BYTES, Invalid, parse
from services.feedback_ingestion.domain.themes import tag
from services.feedback_ingestion.settings import FeedbackIngestionSettings

SETTINGS = FeedbackIngestionSettings()
MAPPINGS = SETTINGS.ingestion["mappings"]


def test_a_momo_row_becomes_a_statement_with_uk_dates_lists_and_yes_no():
    row = {"Statement ID": "M-1", "Date": "03/02/2026", "Case Reference": "TEST-CASE-1",
           "App": "MOMO", "Statement Type": "wellbeing", "Feelings": "happy; worried",
           "Safety Link": "Yes", "Statement": "Synthetic words."}
    item = to_item(row, MAPPINGS["momo"])
    assert item["received_on"] == "2026-02-03" and item["feelings"] == ["happy", "worried"]
    checked = parse("momo", item)
    assert checked.safety_link is True and checked.received_on == date(2026, 2, 3)


def test_excel_dates_pass_through_and_complaint_stage_columns_build_stages():
    row = {"Complaint Ref": "C-1", "Received": datetime(2026, 12, 18), "Complainant": "child",
           "Stage 1 Start": "18/12/2026", "Stage 1 Response": "04/01/2027",
           "Stage 1 Outcome": "upheld", "Stage 2 Start": "11/01/2027"}
    item = to_item(row, MAPPINGS["complaint"])
    assert item["received_on"] == "2026-12-18"
    assert [s["stage"] for s in item["stages"]] == [1, 2]
    assert parse("complaint", item).stages[1].started_on == date(2027, 1, 11)


def test_a_row_names_every_unreadable_column_without_its_value():
    row = {"Compliment ID": "X", "Date": "2026-02-31", "Compliment": "caf\ufffd"}
    with pytest.raises(Invalid) as raised:
        to_item(row, MAPPINGS["compliment"])
    assert raised.value.reasons == ["Date: not a UK date (dd/mm/yyyy)",
                                    "Compliment: not UTF-8 text (wrong encoding?)"]


def test_an_unknown_column_set_says_what_was_expected():
    with pytest.raises(UnknownColumns, match="missing Statement ID"):
        check_header(["Name", "When"], MAPPINGS["momo"])


@pytest.mark.parametrize(("source", "raw", "reason"), [
    ("customer_feedback", {"source_id": "1", "received_on": "2026-01-05"}, "rating"),
    ("partner", {"source_id": "1", "received_on": "2026-01-05"}, "partner_kind"),
    ("compliment", {"source_id": "1", "received_on": "2026-01-05", "app": "MOMO"}, "MOMO"),
    ("momo", {"source_id": "1", "received_on": "2026-01-05", "safety_link": True}, "case_ref"),
    ("compliment", {"source": "momo", "source_id": "1", "received_on": "2026-01-05"}, "came in"),
    ("compliment", ["not", "an", "object"], "JSON object"),
])
def test_each_source_checks_its_own_rules(source, raw, reason):
    with pytest.raises(Invalid, match=reason):
        parse(source, raw)


def test_an_item_too_large_to_publish_is_invalid_saying_its_size_and_the_limit():
    item = {"source_id": "1", "received_on": "2026-01-05",
            "text": "Synthetic words about a fictional visit. " * 13_000}  # ~530 KB
    with pytest.raises(Invalid, match=rf"item: [\d,]+ bytes, more than the {ITEM_MAX_BYTES:,}"):
        parse("compliment", item)
    assert parse("compliment", item | {"text": "Synthetic words."}).text == "Synthetic words."


def test_themes_come_from_keywords_as_whole_words_plus_the_sources_own():
    taxonomy = {"delay": ["late", "waiting"], "education": ["school"]}
    assert tag(["Nobody came, we were waiting."], taxonomy, given=["Contact"]) == [
        "contact", "delay"]
    assert tag(["She translated the schoolbook"], taxonomy) == []  # not the word "school"


def test_production_refuses_development_webhook_secrets():
    production = {"environment": "production", "auth_dev_secret": "x" * 40, "master_key": "eA" * 21 + "eA==",
                  "oidc_issuer": "https://id.example", "oidc_audience": "qa",
                  "oidc_jwks_url": "https://id.example/jwks"}
    with pytest.raises(ValidationError, match="QA_WEBHOOK_SECRETS"):
        FeedbackIngestionSettings(**production)
    strong = {s: f"{s}-" + "k" * 40 for s in SETTINGS.webhook_secrets}
    assert FeedbackIngestionSettings(**production, webhook_secrets=strong).environment == \
        "production"


def test_the_same_failing_row_has_the_same_key_wherever_it_sits():
    from services.feedback_ingestion.domain.rows import row_key

    row = {"Compliment ID": "CM-1", "Date": "31/02/2026", "Compliment": "Synthetic"}
    assert row_key("compliment", "row", row) == row_key("compliment", "row", dict(reversed(
        row.items())))
    assert row_key("compliment", "row", row) != row_key("partner", "row", row)
    assert row_key("compliment", "row", row) != row_key("compliment", "row",
                                                        row | {"Date": "28/02/2026"})


def test_a_wrong_command_line_is_not_read_as_rows_quarantined(capsys):
    import pytest

    from services.feedback_ingestion.importer import USAGE_ERROR, main

    with pytest.raises(SystemExit) as stopped:
        main(["no-such-source", "x.csv"])
    assert stopped.value.code == USAGE_ERROR == 64 and "invalid choice" in capsys.readouterr().err
