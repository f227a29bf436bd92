"""Notes and touches on a team database: as their own login, in their own name, only on
their own or unclaimed leads; the database refuses a forged note whatever the client sends."""

from __future__ import annotations

import json

import pytest

from sdrdesk.domain.errors import ConflictError, PermissionDeniedError
from sdrdesk.services.leads import ClaimService, LeadService, NoteService, TriageService
from tests.db.conftest import TeamLogins
from tests.factories import add_lead

pytestmark = pytest.mark.postgres_only


def test_an_sdr_notes_and_touches_their_own_lead_as_themselves(team: TeamLogins) -> None:
    lead = add_lead(team.owner, first_name="Ada")
    anna = team.anna
    TriageService(anna.ctx).accept(lead, actor_id=anna.user.id)
    NoteService(anna.ctx).add_note(lead, "Budget in Q3", actor_id=anna.user.id)
    done = NoteService(anna.ctx).log_touch(
        lead, channel="linkedin", outcome="replied", actor_id=anna.user.id
    )
    assert done.attempt_count == 1
    rows = team.owner_sql(
        "SELECT action, actor_id FROM lead_events WHERE lead_id = :i AND action IN "
        "('note_added', 'touch_logged') ORDER BY id",
        i=lead,
    )
    assert rows == [("note_added", anna.user.id), ("touch_logged", anna.user.id)]
    assert team.owner_sql("SELECT attempt_count, status FROM leads WHERE id = :i", i=lead) == [
        (1, "working")
    ]


def test_a_manager_notes_any_lead_marketing_none(team: TeamLogins) -> None:
    lead = add_lead(team.owner, first_name="Ada")
    ClaimService(team.anna.ctx).claim(lead, actor_id=team.anna.user.id)
    # A manager is not an owner: the service says whose lead it is, as for every change.
    with pytest.raises(ConflictError, match="is working this lead"):
        NoteService(team.tom.ctx).add_note(lead, "Check budget", actor_id=team.tom.user.id)
    team.tom.sql(
        "INSERT INTO lead_events (lead_id, at, actor_id, action, comment, data) "
        "VALUES (:l, now(), :a, 'note_added', 'Coaching: ask for budget', '{}')",
        l=lead,
        a=team.tom.user.id,
    )
    pool = add_lead(team.owner, first_name="Cem")
    with pytest.raises(PermissionDeniedError, match="may not change"):
        NoteService(team.mara.ctx).add_note(pool, "Webinar lead", actor_id=team.mara.user.id)
    assert team.owner_sql("SELECT count(*) FROM lead_events WHERE lead_id = :i", i=pool) == [(1,)]


def test_forged_notes_are_refused_by_the_database(team: TeamLogins) -> None:
    annas = add_lead(team.owner, first_name="Ada")
    bens = add_lead(team.owner, first_name="Bea")
    ClaimService(team.anna.ctx).claim(annas, actor_id=team.anna.user.id)
    ClaimService(team.ben.ctx).claim(bens, actor_id=team.ben.user.id)
    insert = (
        "INSERT INTO lead_events (lead_id, at, actor_id, action, comment, data) "
        "VALUES (:l, now(), :a, 'note_added', 'forged', CAST(:d AS json))"
    )
    with pytest.raises(PermissionDeniedError, match="only in its own name"):
        team.anna.sql(insert, l=annas, a=team.ben.user.id, d=json.dumps({}))
    with pytest.raises(PermissionDeniedError, match="belongs to a colleague"):
        team.anna.sql(insert, l=bens, a=team.anna.user.id, d=json.dumps({}))
    with pytest.raises(PermissionDeniedError, match="may not change the lead history"):
        team.anna.sql("DELETE FROM lead_events WHERE action = 'hand_off' AND lead_id = :l", l=annas)
    assert [e.action for e in LeadService(team.owner).get(bens).events] == ["hand_off", "claimed"]
