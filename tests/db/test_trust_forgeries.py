"""Forgeries on a team database, with plain SQL as an SDR and as a marketing login:
the database itself refuses each one, whatever the client sends."""

from __future__ import annotations

import pytest

from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.services.leads.claims import ClaimService
from tests.db.conftest import Login, TeamLogins
from tests.factories import add_lead

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def leads(team: TeamLogins) -> dict[str, int]:
    """A lead anna claimed, one ben claimed, one in the pool."""
    ids = [add_lead(team.owner, first_name=n) for n in ("Ada", "Bea", "Cem")]
    ClaimService(team.anna.ctx).claim(ids[0], actor_id=team.anna.user.id)
    ClaimService(team.ben.ctx).claim(ids[1], actor_id=team.ben.user.id)
    return {"annas": ids[0], "bens": ids[1], "pool": ids[2]}


def refused(login: Login, statement: str, match: str, **params: object) -> None:
    with pytest.raises(PermissionDeniedError, match=match):
        login.sql(statement, **params)


def lead_row(team: TeamLogins, lead_id: int) -> tuple[object, ...]:
    return tuple(
        team.owner_sql("SELECT status, owner_id, version FROM leads WHERE id = :i", i=lead_id)[0]
    )


@pytest.mark.parametrize("who", ["anna", "mara"])
def test_a_status_never_changes_without_its_event(
    team: TeamLogins, leads: dict[str, int], who: str
) -> None:
    login = getattr(team, who)
    before = lead_row(team, leads["annas"])
    match = "only with its event" if who == "anna" else "may not change leads"
    refused(login, "UPDATE leads SET status = 'sql' WHERE id = :i", match, i=leads["annas"])
    refused(login, "UPDATE leads SET status = 'sql'", "may not change leads|colleague|its event")
    assert lead_row(team, leads["annas"]) == before


@pytest.mark.parametrize("who", ["anna", "mara"])
def test_nobody_takes_a_colleagues_lead_or_gives_one_away(
    team: TeamLogins, leads: dict[str, int], who: str
) -> None:
    login = getattr(team, who)
    me, ben = login.user.id, team.ben.user.id
    match = "belongs to a colleague" if who == "anna" else "may not change leads"
    refused(login, "UPDATE leads SET owner_id = :me WHERE id = :i", match, me=me, i=leads["bens"])
    match = "Only a manager" if who == "anna" else "may not change leads"
    for lead in (leads["annas"], leads["pool"]):
        refused(login, "UPDATE leads SET owner_id = :b WHERE id = :i", match, b=ben, i=lead)
    refused(
        login,
        "INSERT INTO leads (email_valid, phone_quality, handed_off_at, status, owner_id,"
        " do_not_call, attempt_count, extra, created_at, updated_at, version) VALUES"
        " (false, 'missing', now(), :s, :o, false, 0, '{}', now(), now(), 1)",
        "start as MQLs|may not change leads",
        s="sql",
        o=me,
    )
    assert lead_row(team, leads["bens"])[1] == ben
    assert lead_row(team, leads["pool"])[1] is None


@pytest.mark.parametrize("who", ["anna", "mara"])
def test_history_is_written_only_in_ones_own_name(
    team: TeamLogins, leads: dict[str, int], who: str
) -> None:
    login = getattr(team, who)
    match = "only in its own name" if who == "anna" else "may not change the lead history"
    for actor in (team.ben.user.id, team.tom.user.id, None):
        refused(
            login,
            "INSERT INTO lead_events (lead_id, at, actor_id, action, data)"
            " VALUES (:i, now(), :a, 'call_logged', '{}')",
            match,
            i=leads["annas"],
            a=actor,
        )
    match = "only in its own name" if who == "anna" else "may not change calls"
    refused(
        login,
        "INSERT INTO call_attempts (lead_id, caller_id, started_at, duration_seconds, outcome,"
        " connected, answers, answer_lines, created_at) VALUES"
        " (:i, :a, now(), 1, 'no_answer', false, '{}', '[]', now())",
        match,
        i=leads["annas"],
        a=team.ben.user.id,
    )
    actors = team.owner_sql("SELECT DISTINCT actor_id FROM lead_events WHERE actor_id IS NOT NULL")
    assert {a for (a,) in actors} == {team.anna.user.id, team.ben.user.id}


@pytest.mark.parametrize("who", ["anna", "mara"])
def test_only_managers_add_users_and_reasons(team: TeamLogins, who: str) -> None:
    login = getattr(team, who)
    refused(
        login,
        "INSERT INTO users (name, display_name, role, active, created_at)"
        " VALUES ('boss', 'Boss', 'manager', true, now())",
        "may not change users",
    )
    refused(
        login,
        "UPDATE users SET role = 'manager' WHERE id = :i",
        "may not change users",
        i=login.user.id,
    )
    refused(login, "UPDATE users SET login = NULL", "may not change users")
    refused(
        login,
        "INSERT INTO rejection_reasons (code, label, requires_comment, active, stage,"
        " sort_order) VALUES ('mine', 'Mine', false, true, 'reject', 1)",
        "may not change rejection reasons",
    )
    assert team.owner_sql("SELECT count(*) FROM users WHERE name = 'boss'") == [(0,)]
    assert team.owner_sql("SELECT role FROM users WHERE id = :i", i=login.user.id)[0][0] != (
        "manager"
    )


@pytest.mark.parametrize("who", ["anna", "mara", "tom"])
def test_nobody_truncates_rewrites_or_deletes_the_history(
    team: TeamLogins, leads: dict[str, int], who: str
) -> None:
    login = getattr(team, who)
    for statement in (
        "TRUNCATE lead_events",
        "TRUNCATE lead_events CASCADE",
        "TRUNCATE leads CASCADE",
        "DELETE FROM lead_events",
        "DELETE FROM leads",
        "UPDATE lead_events SET comment = 'edited'",
        "UPDATE lead_events SET actor_id = NULL",
    ):
        refused(login, statement, "may not|append-only")
    assert team.owner_sql("SELECT count(*) FROM lead_events")[0][0] >= 5


def test_not_even_the_owner_truncates_the_history(team: TeamLogins) -> None:
    for table in ("lead_events", "import_batches", "erasures", "call_attempts"):
        with (
            pytest.raises(PermissionDeniedError, match="append-only"),
            team.owner.store.begin() as conn,
        ):
            conn.exec_driver_sql(f"TRUNCATE {table} CASCADE")


def test_an_sdr_may_not_take_another_users_name_for_a_status_change(
    team: TeamLogins, leads: dict[str, int]
) -> None:
    """An event in one's own name does not let an SDR move a colleague's lead."""
    anna = team.anna
    statement = (
        "WITH e AS (INSERT INTO lead_events (lead_id, at, actor_id, action, from_status,"
        " to_status, data) VALUES (:i, now(), :a, 'accept', 'mql', 'sal', '{}') RETURNING id)"
        " UPDATE leads SET status = 'sal' WHERE id = :i"
    )
    with pytest.raises(PermissionDeniedError, match="belongs to a colleague"):
        anna.sql(statement, i=leads["bens"], a=anna.user.id)
    assert lead_row(team, leads["bens"])[0] == "mql"


def test_an_sdr_works_no_colleagues_lead_even_in_their_own_name(
    team: TeamLogins, leads: dict[str, int]
) -> None:
    """History, a call or a qualification on ben's lead, written in anna's own name."""
    anna, bens = team.anna, leads["bens"]
    match = "belongs to a colleague"
    refused(
        anna,
        "INSERT INTO lead_events (lead_id, at, actor_id, action, data)"
        " VALUES (:i, now(), :a, 'call_logged', '{}')",
        match,
        i=bens,
        a=anna.user.id,
    )
    refused(
        anna,
        "INSERT INTO call_attempts (lead_id, caller_id, started_at, duration_seconds, outcome,"
        " connected, answers, answer_lines, created_at) VALUES"
        " (:i, :a, now(), 1, 'no_answer', false, '{}', '[]', now())",
        match,
        i=bens,
        a=anna.user.id,
    )
    events = team.owner_sql("SELECT count(*) FROM lead_events WHERE lead_id = :i", i=bens)
    # Her own lead and the pool stay hers to work.
    anna.sql(
        "INSERT INTO lead_events (lead_id, at, actor_id, action, data)"
        " VALUES (:i, now(), :a, 'note', '{}')",
        i=leads["pool"],
        a=anna.user.id,
    )
    assert team.owner_sql("SELECT count(*) FROM lead_events WHERE lead_id = :i", i=bens) == events
