"""Corrections on a team database (migration 0014): an SDR corrects their own lead as
their own login; the contact data never changes without its ``lead_edited`` event, and
the import's own columns still change only in an erasure."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.services.leads import ClaimService, CorrectionService, LeadService
from tests.db.conftest import Login, TeamLogins
from tests.factories import add_lead

pytestmark = pytest.mark.postgres_only

EDITED = (
    "INSERT INTO lead_events (lead_id, at, actor_id, action, data) "
    "VALUES (:e, now(), :a, 'lead_edited', '{}')"
)


def edited_then(login: Login, event_lead: int, statement: str, lead: int) -> None:
    """A ``lead_edited`` event of ``event_lead``, then ``statement``, in one transaction."""
    with login.store.write() as s:
        s.execute(text(EDITED), {"e": event_lead, "a": login.user.id})
        s.execute(text(statement), {"i": lead})


def test_an_sdr_corrects_their_lead_and_undoes_it_as_themselves(team: TeamLogins) -> None:
    lead = add_lead(team.owner, first_name="Ada", phone="+49 30 1234567")
    anna = team.anna
    ClaimService(anna.ctx).claim(lead, actor_id=anna.user.id)
    done = CorrectionService(anna.ctx).edit(
        lead, {"phone": "+49 30 1234568", "company": "Acme AG"}, actor_id=anna.user.id
    )
    assert team.owner_sql(
        "SELECT phone_e164, company, time_zone FROM leads WHERE id = :i", i=lead
    ) == [("+49301234568", "Acme AG", "Europe/Berlin")]
    CorrectionService(anna.ctx).undo(done.event_id, actor_id=anna.user.id)
    assert team.owner_sql("SELECT phone_e164, company FROM leads WHERE id = :i", i=lead) == [
        ("+49301234567", None)
    ]
    actors = team.owner_sql(
        "SELECT DISTINCT actor_id FROM lead_events WHERE lead_id = :i AND action = 'lead_edited'",
        i=lead,
    )
    assert actors == [(anna.user.id,)]


def test_contact_data_never_changes_without_its_correction(team: TeamLogins) -> None:
    annas = add_lead(team.owner, first_name="Ada")
    ClaimService(team.anna.ctx).claim(annas, actor_id=team.anna.user.id)
    with pytest.raises(PermissionDeniedError, match="changes only with its correction"):
        team.anna.sql("UPDATE leads SET phone_e164 = '+4930999' WHERE id = :i", i=annas)
    # A correction of another lead in the same transaction does not cover this one.
    other = add_lead(team.owner, first_name="Eve")
    with pytest.raises(PermissionDeniedError, match="changes only with its correction"):
        edited_then(team.anna, other, "UPDATE leads SET first_name = 'Forged' WHERE id = :i", annas)
    with pytest.raises(PermissionDeniedError, match="may not change leads"):
        edited_then(team.anna, annas, "UPDATE leads SET external_id = 'X-1' WHERE id = :i", annas)
    assert LeadService(team.owner).get(annas).summary.first_name == "Ada"


def test_a_colleagues_lead_is_refused_and_marketing_corrects_nothing(team: TeamLogins) -> None:
    bens = add_lead(team.owner, first_name="Bea")
    pool = add_lead(team.owner, first_name="Cem")
    ClaimService(team.ben.ctx).claim(bens, actor_id=team.ben.user.id)
    with pytest.raises(PermissionDeniedError, match="belongs to a colleague"):
        edited_then(team.anna, bens, "UPDATE leads SET first_name = 'Mine' WHERE id = :i", bens)
    with pytest.raises(PermissionDeniedError, match="may not change"):
        CorrectionService(team.mara.ctx).edit(pool, {"title": "CTO"}, actor_id=team.mara.user.id)
    assert team.owner_sql(
        "SELECT first_name, title FROM leads WHERE id IN (:b, :p) ORDER BY id", b=bens, p=pool
    ) == [("Bea", None), ("Cem", None)]


def test_only_a_manager_lifts_do_not_call(team: TeamLogins) -> None:
    lead = add_lead(team.owner, first_name="Ada")
    anna = team.anna
    ClaimService(anna.ctx).claim(lead, actor_id=anna.user.id)
    team.owner_sql(
        "UPDATE leads SET do_not_call = true, do_not_call_reason = 'Wrong number' WHERE id = :i",
        i=lead,
    )
    with pytest.raises(PermissionDeniedError, match="Only a manager may lift do-not-call"):
        anna.sql("UPDATE leads SET do_not_call = false WHERE id = :i", i=lead)
    with pytest.raises(PermissionDeniedError, match="Only a manager may lift do-not-call"):
        CorrectionService(anna.ctx).lift_do_not_call(lead, "fixed", actor_id=anna.user.id)
    CorrectionService(team.tom.ctx).lift_do_not_call(
        lead, "Typo in the number, corrected", actor_id=team.tom.user.id
    )
    assert team.owner_sql("SELECT do_not_call FROM leads WHERE id = :i", i=lead) == [(False,)]
    assert team.owner_sql(
        "SELECT actor_id FROM lead_events WHERE lead_id = :i AND action = 'do_not_call_lifted'",
        i=lead,
    ) == [(team.tom.user.id,)]
