"""Booking a demo as a real SDR login: the addresses the dialog asks for.

The lead's address typed for the invite is kept on the demo (the SDR may not change the
lead's personal data); the SDR's own and the AE's are users' data, which only a manager
stores, so the refusal says who can.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.domain.users import Role
from sdrdesk.services.demos import DemoRequest, demo_service
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService
from tests.db.conftest import TeamLogins
from tests.factories import add_lead
from tests.ics_validator import validate

pytestmark = pytest.mark.postgres_only


def _accepted_without_email(team: TeamLogins) -> int:
    lead = add_lead(team.owner, first_name="Ada", email=None, phone="030 1234567", country="DE")
    TriageService(team.anna.ctx).accept(lead, actor_id=team.anna.user.id)
    return lead


def _starts() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)


def test_an_sdr_books_a_lead_without_an_address_with_the_one_typed(team: TeamLogins) -> None:
    anna = team.anna
    ae = UserService(team.owner).add("carla", Role.AE, email="carla@sdrdesk.example")
    team.owner_sql("UPDATE users SET email = 'anna@sdrdesk.example' WHERE id = :i", i=anna.user.id)
    lead = _accepted_without_email(team)
    request = DemoRequest(ae_id=ae.id, starts_at=_starts(), lead_email="Ada@Engines.example")
    booked = demo_service(anna.ctx).book(lead, request, actor_id=anna.user.id)
    attendees = validate(booked.invite.data, "REQUEST").event.all("ATTENDEE")
    assert "mailto:Ada@engines.example" in [p.value for p in attendees]
    assert team.owner_sql("SELECT email FROM leads WHERE id = :i", i=lead) == [(None,)]
    assert team.owner_sql("SELECT lead_email, sdr_id FROM demos") == [
        ("Ada@engines.example", anna.user.id)
    ]
    again = demo_service(anna.ctx).invite(booked.demo.id)
    assert "Ada@engines.example" in again.recipients


def test_an_sdr_without_an_own_address_is_told_who_adds_it(team: TeamLogins) -> None:
    anna = team.anna
    ae = UserService(team.owner).add("carla", Role.AE, display_name="Carla Weiss")
    lead = _accepted_without_email(team)
    service = demo_service(anna.ctx)
    request = DemoRequest(
        ae_id=ae.id,
        starts_at=_starts(),
        organizer_email="anna@sdrdesk.example",
        lead_email="ada@engines.example",
    )
    with pytest.raises(PermissionDeniedError) as refused:
        service.book(lead, request, actor_id=anna.user.id)
    assert str(refused.value) == (
        "Your e-mail address is missing and your role may not store it; a manager adds it "
        f"in File › Team… (or `sdrdesk users edit {anna.name} --email …`)."
    )
    team.owner_sql("UPDATE users SET email = 'anna@sdrdesk.example' WHERE id = :i", i=anna.user.id)
    with pytest.raises(PermissionDeniedError, match="Carla Weiss's e-mail address is missing"):
        service.book(lead, request, actor_id=anna.user.id)
    assert team.owner_sql("SELECT count(*) FROM demos") == [(0,)]
    # A manager may store the AE's address while booking.
    tom = team.tom
    team.owner_sql("UPDATE users SET email = 'tom@sdrdesk.example' WHERE id = :i", i=tom.user.id)
    booked = demo_service(tom.ctx).book(
        lead,
        DemoRequest(
            ae_id=ae.id,
            starts_at=_starts(),
            ae_email="carla@sdrdesk.example",
            lead_email="ada@engines.example",
        ),
        actor_id=tom.user.id,
    )
    assert booked.demo.ae.email == "carla@sdrdesk.example"
    assert team.owner_sql("SELECT email FROM users WHERE name = 'carla'") == [
        ("carla@sdrdesk.example",)
    ]
