"""The retention schedule in configuration: the shipped one loads; a wrong one is refused at
start-up with its file and line named."""

from pathlib import Path

import pytest

from shared.personal_data.retention import Disposal, Period, RecordKind
from shared.personal_data.retention_schedule import (RetentionScheduleError, load_schedule,
                                                     parse_period)

RULE = """
[[rule]]
kind = "audits"
period = "6 years"
counts_from = "month"
disposal = "blank"
source = "Demo schedule line CSC-QA-01"
"""


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "retention.toml"
    path.write_text(text)
    return path


def test_the_shipped_schedule_has_a_rule_with_a_source_for_every_kind():
    schedule = load_schedule()
    assert set(schedule.rules) == set(RecordKind)
    assert all("line" in rule.source for rule in schedule.rules.values())
    assert schedule.rules[RecordKind.AUDITS].period == Period(years=6)
    assert schedule.rules[RecordKind.LOGS].disposal is Disposal.DELETE


def test_an_unknown_record_kind_names_its_line(tmp_path):
    path = written(tmp_path, RULE + RULE.replace('"audits"', '"case_notes"'))
    with pytest.raises(RetentionScheduleError) as refused:
        load_schedule(path)
    assert f"{path}:line 10:" in str(refused.value)
    assert "unknown record kind 'case_notes'" in str(refused.value)


def test_a_negative_period_names_its_line(tmp_path):
    path = written(tmp_path, "# comment\n" + RULE.replace('"6 years"', '"-1 years"'))
    with pytest.raises(RetentionScheduleError) as refused:
        load_schedule(path)
    assert f"{path}:line 5:" in str(refused.value) and "negative" in str(refused.value)


@pytest.mark.parametrize("change, line, words", [
    (('"month"', '"child_birthday"'), 5, "audits records have no date 'child_birthday'"),
    (('"blank"', '"shred"'), 6, "disposal is delete or blank"),
    (('"6 years"', '"six years"'), 4, "not a number of years, months or days"),
    (('source = "Demo schedule line CSC-QA-01"', 'source = " "'), 7, "source is empty"),
])
def test_other_mistakes_name_their_line(tmp_path, change, line, words):
    path = written(tmp_path, RULE.replace(*change))
    with pytest.raises(RetentionScheduleError) as refused:
        load_schedule(path)
    assert f"line {line}:" in str(refused.value) and words in str(refused.value)


def test_two_rules_for_one_kind_are_refused(tmp_path):
    with pytest.raises(RetentionScheduleError, match="line 10: a second rule for audits"):
        load_schedule(written(tmp_path, RULE + RULE))


def test_periods_combine_parts():
    assert parse_period("2 years, 6 months", where="x") == Period(years=2, months=6)
    assert parse_period("90 days", where="x") == Period(days=90)
