"""Who reads a child's Safety Link statement, and who sees the case reference with it."""

from __future__ import annotations

from services.feedback_ingestion.domain.statements import Reader, statement_access

TEXT_ROLES = frozenset({"head_of_quality", "principal_social_worker", "practice_learning_team",
                        "admin"})


def reader(*roles: str, managed=(), service=()) -> Reader:
    return Reader(roles=frozenset(roles), council_wide_roles=TEXT_ROLES,
                  managed_teams=frozenset(managed), service_teams=frozenset(service))


def test_the_childs_team_manager_and_head_of_service_read_it_with_the_case_reference():
    for who in (reader("team_manager", managed={"team-a"}),
                reader("head_of_service", service={"team-a", "team-b"})):
        access = statement_access(who, "team-a", team_name="Fictional Team A")
        assert access.allowed and access.case_reference


def test_another_teams_manager_is_told_whose_statement_it_is():
    access = statement_access(reader("team_manager", managed={"team-b"}), "team-a",
                              team_name="Fictional Team A")
    assert not access.allowed
    assert "Fictional Team A" in access.reason and "team's managers" in access.reason
    assert not statement_access(reader("head_of_service", service={"team-b"}), "team-a",
                                team_name="Fictional Team A").allowed


def test_council_wide_readers_read_it_and_the_practice_learning_team_without_the_case():
    assert statement_access(reader("head_of_quality"), "team-a", team_name="A").case_reference
    plt = statement_access(reader("practice_learning_team"), "team-a", team_name="A")
    assert plt.allowed and not plt.case_reference


def test_a_statement_without_a_team_is_for_council_wide_readers_only():
    assert not statement_access(reader("team_manager", managed={"team-a"}), None,
                                team_name="").allowed
    assert statement_access(reader("principal_social_worker"), None, team_name="").allowed


def test_a_director_or_social_worker_does_not_read_it():
    for role in ("director", "social_worker"):
        assert not statement_access(reader(role, managed={"team-a"}), "team-a",
                                    team_name="A").allowed
