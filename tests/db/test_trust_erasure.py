"""The erasure contract on a team database, in plain SQL as a manager's login: one
transaction inserts the erasures row, blanks the person's data everywhere and records
an ``erased`` event; without that row the history stays append-only."""

from __future__ import annotations

import pytest

from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.services.calls.results import CallLog
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.leads.triage import TriageService
from tests.db.conftest import Login, TeamLogins
from tests.factories import add_lead

pytestmark = pytest.mark.postgres_only

ERASE_LEAD = (
    "UPDATE leads SET first_name = NULL, last_name = NULL, email = NULL, email_key = NULL,"
    " phone_raw = NULL, phone_e164 = NULL, phone_ext = NULL, company = NULL, title = NULL,"
    " external_id = NULL, extra = '{}' WHERE id = :i"
)
ERASE_CALLS = "UPDATE call_attempts SET notes = NULL, answers = '{}' WHERE lead_id = :i"
ERASE_EVENTS = "UPDATE lead_events SET comment = NULL, data = '{}' WHERE lead_id = :i"


@pytest.fixture
def worked_lead(team: TeamLogins) -> int:
    """Grace, accepted by anna (with a comment), called once with notes."""
    lead = add_lead(
        team.owner,
        first_name="Grace",
        last_name="Hopper",
        email="grace@cobalt.example",
        phone="030 1234567",
        country="DE",
        company="Cobalt",
    )
    anna = team.anna
    TriageService(anna.ctx).accept(lead, actor_id=anna.user.id)
    calls = CallService(anna.ctx)
    setup = calls.start(lead)
    calls.log_attempt(
        CallLog(
            lead,
            setup.lead.version,
            setup.script,
            setup.started_at,
            60,
            "connected",
            notes="Grace Hopper said call her on 030 1234567",
        ),
        actor_id=anna.user.id,
    )
    return lead


def erase(login: Login, lead: int, *, with_row: bool = True) -> None:
    with login.store.write() as s:
        conn = s.connection()
        if with_row:
            conn.exec_driver_sql(
                "INSERT INTO erasures (lead_id, erased_by_id, erased_at, reason)"
                " VALUES (%(i)s, %(m)s, now(), 'Art. 17 request')",
                {"i": lead, "m": login.user.id},
            )
        for statement in (ERASE_LEAD, ERASE_CALLS, ERASE_EVENTS):
            conn.exec_driver_sql(statement.replace(":i", "%(i)s"), {"i": lead})
        conn.exec_driver_sql(
            "INSERT INTO lead_events (lead_id, at, actor_id, action, data)"
            " VALUES (%(i)s, now(), %(m)s, 'erased', '{}')",
            {"i": lead, "m": login.user.id},
        )


def erase_another(login: Login, erased: int, other: int) -> None:
    """Records the erasure of one lead, then blanks another."""
    with login.store.write() as s:
        conn = s.connection()
        conn.exec_driver_sql(
            "INSERT INTO erasures (lead_id, erased_by_id, erased_at, reason)"
            " VALUES (%(i)s, %(m)s, now(), 'request')",
            {"i": erased, "m": login.user.id},
        )
        conn.exec_driver_sql(ERASE_LEAD.replace(":i", "%(i)s"), {"i": other})


def test_a_manager_erases_a_person_in_one_transaction(team: TeamLogins, worked_lead: int) -> None:
    before = team.owner_sql(
        "SELECT action, actor_id, to_status FROM lead_events WHERE lead_id = :i ORDER BY id",
        i=worked_lead,
    )
    erase(team.tom, worked_lead)
    row = team.owner_sql(
        "SELECT first_name, email, phone_raw, company FROM leads WHERE id = :i", i=worked_lead
    )
    assert row == [(None, None, None, None)]
    notes = team.owner_sql("SELECT notes FROM call_attempts WHERE lead_id = :i", i=worked_lead)
    assert notes == [(None,)]
    after = team.owner_sql(
        "SELECT action, actor_id, to_status FROM lead_events WHERE lead_id = :i ORDER BY id",
        i=worked_lead,
    )
    assert after == [*before, ("erased", team.tom.user.id, None)]
    text = team.owner_sql(
        "SELECT count(*) FROM lead_events WHERE data::text LIKE '%Grace%' OR comment LIKE '%Grace%'"
    )
    assert text == [(0,)]


def test_the_same_updates_without_the_erasures_row_are_refused(
    team: TeamLogins, worked_lead: int
) -> None:
    with pytest.raises(PermissionDeniedError, match=r"append-only|erasure"):
        erase(team.tom, worked_lead, with_row=False)
    for statement in (ERASE_EVENTS, ERASE_CALLS, ERASE_LEAD):
        with pytest.raises(PermissionDeniedError, match=r"append-only|erasure"):
            team.tom.sql(statement, i=worked_lead)
    assert team.owner_sql("SELECT first_name FROM leads WHERE id = :i", i=worked_lead) == [
        ("Grace",)
    ]


def test_an_erasure_blanks_only_that_lead_and_only_personal_columns(
    team: TeamLogins, worked_lead: int
) -> None:
    other = add_lead(team.owner, first_name="Ada", email="ada@example.com")
    with pytest.raises(PermissionDeniedError, match="erasure"):
        erase_another(team.tom, worked_lead, other)
    for statement in (
        "UPDATE lead_events SET actor_id = NULL WHERE lead_id = :i",
        "UPDATE lead_events SET reason_code = NULL WHERE lead_id = :i",
    ):
        with pytest.raises(PermissionDeniedError, match="may not change the lead history"):
            team.tom.sql(statement, i=worked_lead)


def test_only_a_manager_erases_and_only_in_their_own_name(
    team: TeamLogins, worked_lead: int
) -> None:
    for login in (team.anna, team.mara):
        with pytest.raises(PermissionDeniedError, match="may not change erasures"):
            erase(login, worked_lead)
    with pytest.raises(PermissionDeniedError, match="only in its own name"):
        team.tom.sql(
            "INSERT INTO erasures (lead_id, erased_by_id, erased_at, reason)"
            " VALUES (:i, :a, now(), 'request')",
            i=worked_lead,
            a=team.anna.user.id,
        )
    erase(team.tom, worked_lead)
    for statement in ("DELETE FROM erasures", "UPDATE erasures SET reason = 'x'"):
        with pytest.raises(PermissionDeniedError, match="append-only"):
            team.owner_sql(statement)
