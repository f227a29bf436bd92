"""From the call to the demo: what the SDR learned reaches the account executive."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from sdrdesk.domain.users import Role
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos.results import DemoRequest
from sdrdesk.services.demos.service import demo_service
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService
from tests.factories import add_lead
from tests.services.call_helpers import GOOD, call


def test_the_invite_hands_over_the_grade_answers_and_notes(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    lead_id = add_lead(ctx, first_name="Jana", phone="030 1234567", country="DE")
    TriageService(ctx).accept(lead_id, actor_id=sdr.id)
    result = call(CallService(ctx), lead_id, sdr, answers=GOOD, notes="Peak season in May.")
    assert result.grade == "A"
    ae = UserService(ctx).add("carla", Role.AE, display_name="Carla Weiss", email="carla@x.de")
    booked = demo_service(ctx).book(
        lead_id,
        DemoRequest(
            ae_id=ae.id,
            starts_at=ctx.now() + timedelta(days=2),
            organizer_email="anna@x.de",
            lead_email="jana@nordlicht.de",
        ),
        actor_id=sdr.id,
        expected_version=LeadService(ctx).get(lead_id).summary.version,
    )
    invite = demo_service(ctx).invite(booked.demo.id)
    event = next(iter(Calendar.from_ical(invite.data).walk("VEVENT")))
    description = str(event["DESCRIPTION"])
    assert "Grade: A" in description
    assert "Recommendation: demo" in description
    assert "- Is there budget for solving this? Approved" in description
    assert "- Roughly what amount per year? 40,000 EUR" in description
    assert "(Connected): Peak season in May." in description
