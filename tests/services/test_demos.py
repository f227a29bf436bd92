"""Booking, changing and cancelling demos, with the lead's status and history after each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sdrdesk.domain.demos import DemoStatus, OverlapError
from sdrdesk.domain.errors import (
    ConflictError,
    IllegalTransitionError,
    NotFoundError,
    ValidationError,
)
from sdrdesk.domain.lifecycle import Status
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos.results import DemoRequest
from sdrdesk.services.demos.service import DemoService
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.users.service import UserService
from tests.conftest import FakeClock
from tests.demo_helpers import accepted_lead, berlin, handover, make_team
from tests.factories import add_lead
from tests.ics_validator import validate


def _request(ae_id: int, starts_at: datetime, **changes: object) -> DemoRequest:
    fields: dict[str, object] = {
        "ae_id": ae_id,
        "starts_at": starts_at,
        "duration_minutes": 30,
        "location": "https://meet.example.com/grace-demo",
        "note": "Show the Salesforce sync first.",
        "time_zone": "Europe/Berlin",
    }
    fields.update(changes)
    return DemoRequest(**fields)  # type: ignore[arg-type]


def test_booking_promotes_the_lead_to_sql_in_one_step(ctx: ServiceContext) -> None:
    team = make_team(ctx)
    lead_id = accepted_lead(ctx, team.sdr)
    service = DemoService(ctx, handover=handover)
    result = service.book(
        lead_id, _request(team.david.id, berlin(2026, 3, 11, 16)), actor_id=team.sdr.id
    )
    demo = result.demo
    assert demo.status is DemoStatus.BOOKED
    assert demo.starts_at == datetime(2026, 3, 11, 15, 0, tzinfo=UTC)
    assert (demo.ae.name, demo.sdr.name, demo.sequence) == ("david", "anna", 0)
    assert demo.uid.endswith("@sdrdesk")
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.status is Status.SQL
    assert detail.summary.version == result.lead_version
    event = detail.events[-1]
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        "book_demo",
        "Anna Schmidt",
        Status.SAL,
        Status.SQL,
    )
    # The contract the reports feature reads.
    assert event.data["demo_id"] == demo.id
    assert event.data["ae"] == "david"
    assert datetime.fromisoformat(event.data["starts_at"]) == demo.starts_at
    assert event.id == result.event_id
    assert result.invite.method == "REQUEST"
    assert validate(result.invite.data, "REQUEST").errors == []
    assert service.booked_for_lead(lead_id) == demo


def test_the_suggested_ae_is_the_one_with_the_fewest_upcoming_demos(
    ctx: ServiceContext, clock: FakeClock
) -> None:
    team = make_team(ctx)
    service = DemoService(ctx)
    first = accepted_lead(ctx, team.sdr)
    # Nobody has demos: alphabetical among those who never had one → Carla.
    assert service.plan(first, team.sdr.id).suggested_ae_id == team.carla.id
    service.book(first, _request(team.carla.id, berlin(2026, 3, 12, 15)), actor_id=team.sdr.id)
    second = accepted_lead(ctx, team.sdr, email="ada@analytical.example", phone=None)
    plan = service.plan(second, team.sdr.id)
    assert plan.suggested_ae_id == team.david.id
    loads = {ae.name: ae.upcoming for ae in plan.aes}
    assert loads == {"carla": 1, "david": 0, "eva": 0}
    assert [ae.suggested for ae in plan.aes] == [False, True, False]
    service.book(second, _request(team.david.id, berlin(2026, 3, 12, 16)), actor_id=team.sdr.id)
    clock.advance(minutes=1)
    third = accepted_lead(ctx, team.sdr, email="linus@kernel.example", phone=None)
    assert service.plan(third, team.sdr.id).suggested_ae_id == team.eva.id
    service.book(third, _request(team.eva.id, berlin(2026, 3, 13, 16)), actor_id=team.sdr.id)
    # Everyone has one: the AE who waited longest since their last booking is next.
    fourth = accepted_lead(ctx, team.sdr, email="barbara@liskov.example", phone=None)
    assert service.plan(fourth, team.sdr.id).suggested_ae_id == team.carla.id


def test_an_overlap_the_sdr_did_not_see_is_refused(ctx: ServiceContext) -> None:
    team = make_team(ctx)
    service = DemoService(ctx)
    first = accepted_lead(ctx, team.sdr)
    booked = service.book(
        first, _request(team.david.id, berlin(2026, 3, 11, 16)), actor_id=team.sdr.id
    )
    second = accepted_lead(ctx, team.sdr, email="ada@analytical.example", phone=None)
    clash = _request(team.david.id, berlin(2026, 3, 11, 16, 15))
    with pytest.raises(OverlapError, match="David Chen already has a demo with Grace Hopper"):
        service.book(second, clash, actor_id=team.sdr.id)
    assert LeadService(ctx).get(second).summary.status is Status.SAL
    # Seen and accepted in the dialog: booked.
    accepted = _request(
        team.david.id,
        berlin(2026, 3, 11, 16, 15),
        accepted_overlaps=frozenset({booked.demo.id}),
    )
    assert service.book(second, accepted, actor_id=team.sdr.id).demo.ae.name == "david"
    # Back to back is no overlap.
    third = accepted_lead(ctx, team.sdr, email="linus@kernel.example", phone=None)
    service.book(third, _request(team.david.id, berlin(2026, 3, 11, 16, 45)), actor_id=team.sdr.id)


def test_reschedule_sends_an_update_with_the_same_uid(
    ctx: ServiceContext, clock: FakeClock
) -> None:
    team = make_team(ctx)
    lead_id = accepted_lead(ctx, team.sdr)
    service = DemoService(ctx, handover=handover)
    booked = service.book(
        lead_id, _request(team.david.id, berlin(2026, 3, 11, 16)), actor_id=team.sdr.id
    )
    clock.advance(hours=2)
    moved = service.reschedule(
        booked.demo.id,
        _request(team.david.id, berlin(2026, 3, 12, 17)),
        actor_id=team.sdr.id,
        expected_version=booked.demo.version,
    )
    assert moved.demo.uid == booked.demo.uid
    assert moved.demo.sequence == 1
    assert moved.demo.starts_at == datetime(2026, 3, 12, 16, tzinfo=UTC)
    assert moved.demo.updated_at == clock.current
    assert moved.invite.method == "REQUEST"
    assert moved.extra_invites == ()
    report = validate(moved.invite.data, "REQUEST")
    assert report.errors == []
    assert report.event.value("SEQUENCE") == "1"
    assert report.event.value("UID") == booked.demo.uid
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.status is Status.SQL
    event = detail.events[-1]
    assert event.action == "demo_rescheduled"
    assert event.description == "Anna Schmidt moved the demo of this lead"
    assert datetime.fromisoformat(event.data["starts_at"]) == moved.demo.starts_at
    assert datetime.fromisoformat(event.data["previous_starts_at"]) == booked.demo.starts_at
    assert event.data["demo_id"] == booked.demo.id
    # Only the place changes: an update, not a move; the sequence still grows.
    changed = service.reschedule(
        booked.demo.id,
        _request(team.david.id, berlin(2026, 3, 12, 17), location="Cobalt HQ, 5th floor"),
        actor_id=team.sdr.id,
    )
    assert changed.demo.sequence == 2
    last = LeadService(ctx).get(lead_id).events[-1]
    assert (last.action, last.data["changes"]) == ("demo_updated", ["location"])
    with pytest.raises(ValidationError, match="Nothing was changed"):
        service.reschedule(
            booked.demo.id,
            _request(team.david.id, berlin(2026, 3, 12, 17), location="Cobalt HQ, 5th floor"),
            actor_id=team.sdr.id,
        )


def test_handing_the_demo_to_another_ae_cancels_it_for_the_first(ctx: ServiceContext) -> None:
    team = make_team(ctx)
    lead_id = accepted_lead(ctx, team.sdr)
    service = DemoService(ctx, handover=handover)
    booked = service.book(
        lead_id, _request(team.david.id, berlin(2026, 3, 11, 16)), actor_id=team.sdr.id
    )
    moved = service.reschedule(
        booked.demo.id, _request(team.eva.id, berlin(2026, 3, 11, 16)), actor_id=team.sdr.id
    )
    assert moved.demo.ae.name == "eva"
    request = validate(moved.invite.data, "REQUEST")
    assert [p.value for p in request.event.all("ATTENDEE")] == [
        "mailto:grace@cobalt-systems.com",
        "mailto:eva@sdrdesk.example",
    ]
    (cancel,) = moved.extra_invites
    report = validate(cancel.data, "CANCEL")
    assert report.errors == []
    assert [p.value for p in report.event.all("ATTENDEE")] == ["mailto:david@sdrdesk.example"]
    assert report.event.value("SEQUENCE") == "1"
    # The hand-over stays with the AE who runs the demo.
    assert "Grade" not in report.text("DESCRIPTION")
    event = LeadService(ctx).get(lead_id).events[-1]
    assert (event.data["ae"], event.data["previous_ae"]) == ("eva", "david")


def test_cancel_asks_for_a_reason_and_returns_the_lead_to_sal(
    ctx: ServiceContext, clock: FakeClock
) -> None:
    team = make_team(ctx)
    lead_id = accepted_lead(ctx, team.sdr)
    service = DemoService(ctx)
    booked = service.book(
        lead_id, _request(team.david.id, berlin(2026, 3, 11, 16)), actor_id=team.sdr.id
    )
    with pytest.raises(ValidationError, match="Give a reason"):
        service.cancel(booked.demo.id, actor_id=team.sdr.id, reason="   ")
    assert LeadService(ctx).get(lead_id).summary.status is Status.SQL
    clock.advance(minutes=5)
    cancelled = service.cancel(
        booked.demo.id, actor_id=team.sdr.id, reason="Their CFO froze all new tools"
    )
    demo = cancelled.demo
    assert (demo.status, demo.sequence, demo.cancel_reason) == (
        DemoStatus.CANCELLED,
        1,
        "Their CFO froze all new tools",
    )
    assert demo.cancelled_at == clock.current
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.status is Status.SAL
    event = detail.events[-1]
    assert (event.action, event.from_status, event.to_status) == (
        "cancel_demo",
        Status.SQL,
        Status.SAL,
    )
    assert event.comment == "Their CFO froze all new tools"
    assert event.data["demo_id"] == demo.id
    report = validate(cancelled.invite.data, "CANCEL")
    assert report.errors == []
    assert report.event.value("UID") == booked.demo.uid
    assert report.event.value("STATUS") == "CANCELLED"
    assert service.booked_for_lead(lead_id) is None
    assert service.invite(demo.id).method == "CANCEL"
    with pytest.raises(ValidationError, match="was cancelled"):
        service.cancel(demo.id, actor_id=team.sdr.id, reason="again")
    # The lead can get a new demo: a new UID.
    again = service.book(
        lead_id, _request(team.eva.id, berlin(2026, 3, 20, 16)), actor_id=team.sdr.id
    )
    assert again.demo.uid != demo.uid
    assert LeadService(ctx).get(lead_id).summary.status is Status.SQL


def test_missing_addresses_are_asked_for_and_kept(ctx: ServiceContext) -> None:
    team = make_team(ctx, sdr_email=None)
    lead_id = accepted_lead(ctx, team.sdr)
    service = DemoService(ctx)
    request = _request(team.david.id, berlin(2026, 3, 11, 16))
    with pytest.raises(ValidationError, match="Enter your e-mail address"):
        service.book(lead_id, request, actor_id=team.sdr.id)
    with pytest.raises(ValidationError, match="not a valid e-mail address"):
        service.book(
            lead_id,
            _request(team.david.id, berlin(2026, 3, 11, 16), organizer_email="anna at work"),
            actor_id=team.sdr.id,
        )
    assert LeadService(ctx).get(lead_id).summary.status is Status.SAL
    result = service.book(
        lead_id,
        _request(
            team.david.id, berlin(2026, 3, 11, 16), organizer_email=" anna@Cobalt-Partner.example "
        ),
        actor_id=team.sdr.id,
    )
    assert result.demo.sdr.email == "anna@cobalt-partner.example"
    assert UserService(ctx).get("anna").email == "anna@cobalt-partner.example"


def test_a_lead_without_an_address_gets_one_before_the_invite(ctx: ServiceContext) -> None:
    team = make_team(ctx)
    lead_id = accepted_lead(ctx, team.sdr, email=None)
    other = add_lead(ctx, email="taken@cobalt-systems.com", phone=None)
    service = DemoService(ctx)
    with pytest.raises(ValidationError, match="Enter the lead's e-mail address"):
        service.book(lead_id, _request(team.david.id, berlin(2026, 3, 11, 16)), actor_id=1)
    with pytest.raises(ValidationError, match=f"Lead {other} already has"):
        service.book(
            lead_id,
            _request(team.david.id, berlin(2026, 3, 11, 16), lead_email="Taken@cobalt-systems.com"),
            actor_id=team.sdr.id,
        )
    result = service.book(
        lead_id,
        _request(team.david.id, berlin(2026, 3, 11, 16), lead_email="grace@cobalt-systems.com"),
        actor_id=team.sdr.id,
    )
    # Kept on the demo for its invites; the lead's data stays as marketing sent it.
    assert result.demo.lead.email == "grace@cobalt-systems.com"
    assert LeadService(ctx).get(lead_id).summary.email is None
    attendees = validate(result.invite.data, "REQUEST").event.all("ATTENDEE")
    assert "mailto:grace@cobalt-systems.com" in [p.value for p in attendees]
    demo_id = result.demo.id
    moved = service.reschedule(
        demo_id, _request(team.david.id, berlin(2026, 3, 12, 16)), actor_id=team.sdr.id
    )
    cancelled = service.cancel(demo_id, actor_id=team.sdr.id, reason="Moved to Q3")
    for invite in (moved.invite, cancelled.invite, service.invite(demo_id)):
        assert "grace@cobalt-systems.com" in invite.recipients
    assert LeadService(ctx).get(lead_id).summary.email is None


def test_only_an_accepted_lead_gets_a_demo_and_only_in_the_future(ctx: ServiceContext) -> None:
    team = make_team(ctx)
    new_lead = add_lead(ctx, email="new@lead.example")
    service = DemoService(ctx)
    with pytest.raises(IllegalTransitionError, match="New \\(MQL\\)"):
        service.book(new_lead, _request(team.david.id, berlin(2026, 3, 11, 16)), actor_id=1)
    lead_id = accepted_lead(ctx, team.sdr)
    with pytest.raises(ValidationError, match="in the future"):
        service.book(lead_id, _request(team.david.id, berlin(2026, 3, 10, 9)), actor_id=1)
    with pytest.raises(ValidationError, match="account executive"):
        service.book(lead_id, _request(team.sdr.id, berlin(2026, 3, 11, 16)), actor_id=1)
    with pytest.raises(ValidationError, match="between 10 minutes"):
        service.book(
            lead_id,
            _request(team.david.id, berlin(2026, 3, 11, 16), duration_minutes=5),
            actor_id=1,
        )
    assert service.list_demos() == []
    assert LeadService(ctx).get(lead_id).summary.status is Status.SAL


def test_the_loser_of_a_race_is_told_who_booked_first(ctx: ServiceContext) -> None:
    team = make_team(ctx)
    ben = UserService(ctx).add("ben", team.sdr.role, display_name="Ben Okafor", email="b@x.example")
    lead_id = accepted_lead(ctx, team.sdr)
    version = LeadService(ctx).get(lead_id).summary.version
    service = DemoService(ctx)
    service.book(
        lead_id,
        _request(team.david.id, berlin(2026, 3, 11, 16)),
        actor_id=ben.id,
        expected_version=version,
    )
    with pytest.raises(ConflictError, match="Ben Okafor booked a demo for this lead"):
        service.book(
            lead_id,
            _request(team.eva.id, berlin(2026, 3, 11, 17)),
            actor_id=team.sdr.id,
            expected_version=version,
        )
    assert [d.ae.name for d in service.list_demos()] == ["david"]


def test_a_stale_reschedule_names_who_moved_the_demo(ctx: ServiceContext) -> None:
    team = make_team(ctx)
    ben = UserService(ctx).add("ben", team.sdr.role, display_name="Ben Okafor", email="b@x.example")
    lead_id = accepted_lead(ctx, team.sdr)
    service = DemoService(ctx)
    booked = service.book(
        lead_id, _request(team.david.id, berlin(2026, 3, 11, 16)), actor_id=team.sdr.id
    )
    service.reschedule(
        booked.demo.id,
        _request(team.david.id, berlin(2026, 3, 11, 17)),
        actor_id=ben.id,
        expected_version=booked.demo.version,
    )
    with pytest.raises(ConflictError, match="Ben Okafor moved the demo of this lead at"):
        service.cancel(
            booked.demo.id,
            actor_id=team.sdr.id,
            reason="Lead asked",
            expected_version=booked.demo.version,
        )
    assert service.get(booked.demo.id).status is DemoStatus.BOOKED


def test_list_demos_by_date_and_ae(ctx: ServiceContext) -> None:
    team = make_team(ctx)
    service = DemoService(ctx)
    for n, (ae, day) in enumerate(((team.david, 11), (team.eva, 12), (team.david, 13))):
        lead_id = accepted_lead(ctx, team.sdr, email=f"lead{n}@corp.example", phone=None)
        service.book(lead_id, _request(ae.id, berlin(2026, 3, day, 16)), actor_id=team.sdr.id)
    assert [d.starts_at.day for d in service.list_demos()] == [11, 12, 13]
    assert [d.starts_at.day for d in service.list_demos(ae="david")] == [11, 13]
    since = datetime(2026, 3, 12, tzinfo=UTC)
    assert [d.ae.name for d in service.list_demos(since=since)] == ["eva", "david"]
    with pytest.raises(NotFoundError, match="no user called"):
        service.list_demos(ae="nobody")
    assert service.list_demos(since=since + timedelta(days=30)) == []
