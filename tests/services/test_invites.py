"""The invites as calendar programs read them: checked by the independent iTIP validator
(tests/ics_validator.py), then parsed by three libraries that are not ours: icalendar,
``ical`` (strict, pydantic-validated; Home Assistant's) and vobject."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from sdrdesk.domain.demos import DemoStatus
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos.invites import build_invite, invite_zone
from sdrdesk.services.demos.results import DemoInfo, DemoRequest, Person
from sdrdesk.services.demos.service import DemoService
from tests.demo_helpers import accepted_lead, berlin, handover, make_team
from tests.ics_validator import validate

NASTY = 'Zoë "Z" O\'Brien; Müller, Ltd. 🚀 \\ back\\slash'


def _demo(**changes: Any) -> DemoInfo:
    demo = DemoInfo(
        id=7,
        uid="5b0c7a7e-7d43-4a77-9b1e-0f1b2d3c4e5f@sdrdesk",
        lead_id=3,
        lead=Person(3, "", "Grace Hopper", "grace@cobalt-systems.com", "America/New_York"),
        lead_company="Cobalt Systems, Inc.",
        lead_title="VP Engineering",
        lead_phone="+1 212-555-0100",
        ae=Person(5, "david", "David Chen", "david@sdrdesk.example"),
        sdr=Person(1, "anna", "Anna Schmidt", "anna@sdrdesk.example", "Europe/Berlin"),
        starts_at=datetime(2026, 3, 11, 15, tzinfo=UTC),
        duration_minutes=30,
        time_zone="Europe/Berlin",
        location="https://meet.example.com/grace-demo",
        note="Show the Salesforce sync first.",
        include_handover=True,
        status=DemoStatus.BOOKED,
        sequence=0,
        cancel_reason=None,
        cancelled_at=None,
        created_at=datetime(2026, 3, 10, 14, 30, tzinfo=UTC),
        updated_at=datetime(2026, 3, 10, 14, 30, tzinfo=UTC),
        version=1,
    )
    return replace(demo, **changes)


def _parsed_by_others(data: bytes) -> tuple[Any, Any, Any]:
    """The event as icalendar, ical and vobject see it (each raises on what it rejects)."""
    by_icalendar = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    by_ical = IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events[0]
    by_vobject = vobject.readOne(data.decode("utf-8")).vevent
    return by_icalendar, by_ical, by_vobject


def test_a_request_meets_rfc_5546_and_reads_the_same_everywhere() -> None:
    demo = _demo()
    invite = build_invite(demo, handover(3))
    report = validate(invite.data, "REQUEST")
    assert report.errors == []
    assert invite.method == "REQUEST"
    assert invite.file_name == "demo-2026-03-11-cobalt-systems-inc.ics"
    event = report.event
    assert event.value("UID") == demo.uid
    assert event.value("SEQUENCE") == "0"
    assert event.value("DTSTAMP") == "20260310T143000Z"
    assert event.value("STATUS") == "CONFIRMED"
    organizer = event.one("ORGANIZER")
    assert organizer is not None
    assert (organizer.value, organizer.param("CN")) == (
        "mailto:anna@sdrdesk.example",
        "Anna Schmidt",
    )
    attendees = {p.value: p for p in event.all("ATTENDEE")}
    assert set(attendees) == {"mailto:grace@cobalt-systems.com", "mailto:david@sdrdesk.example"}
    for attendee in attendees.values():
        assert attendee.param("RSVP") == "TRUE"
        assert attendee.param("ROLE") == "REQ-PARTICIPANT"
        assert attendee.param("PARTSTAT") == "NEEDS-ACTION"
    assert report.text("LOCATION") == "https://meet.example.com/grace-demo"
    assert event.value("URL") == "https://meet.example.com/grace-demo"
    # The hand-over: grade, the BANT answers, the SDR's notes.
    text = report.text("DESCRIPTION")
    assert "Grade: A" in text
    assert "- Is there a budget for this? Yes: 40k USD, approved; Q2" in text
    assert "- Who signs? She does, with the CFO" in text
    assert "Very keen; wants to see the Salesforce sync.\nCFO may join." in text
    assert "Show the Salesforce sync first." in text
    assert report.calendar is not None
    assert [v.value("TZID") for v in report.calendar.sub("VTIMEZONE")] == ["Europe/Berlin"]

    by_icalendar, by_ical, by_vobject = _parsed_by_others(invite.data)
    start = datetime(2026, 3, 11, 15, tzinfo=UTC)
    assert by_icalendar.decoded("dtstart") == start
    assert str(by_icalendar["uid"]) == demo.uid
    assert by_ical.dtstart == start
    assert by_ical.end == start + timedelta(minutes=30)
    assert by_ical.sequence == 0
    assert {a.uri for a in by_ical.attendees} == {
        "mailto:grace@cobalt-systems.com",
        "mailto:david@sdrdesk.example",
    }
    assert by_ical.organizer.common_name == "Anna Schmidt"
    assert by_vobject.dtstart.value == start
    assert "Grade: A" in by_vobject.description.value


def test_a_cancel_meets_rfc_5546() -> None:
    demo = _demo(
        status=DemoStatus.CANCELLED,
        sequence=2,
        cancel_reason="Their CFO froze all new tools, for now",
        updated_at=datetime(2026, 3, 10, 16, tzinfo=UTC),
    )
    invite = build_invite(demo, handover(3))
    report = validate(invite.data, "CANCEL")
    assert report.errors == []
    assert invite.file_name.endswith("-cancelled.ics")
    event = report.event
    assert (event.value("STATUS"), event.value("SEQUENCE")) == ("CANCELLED", "2")
    assert event.value("UID") == demo.uid
    assert event.value("DTSTAMP") == "20260310T160000Z"
    assert event.sub("VALARM") == []
    text = report.text("DESCRIPTION")
    assert "Reason: Their CFO froze all new tools, for now" in text
    assert "Grade" not in text  # the cancellation carries no hand-over
    # The strict validator catches a CANCEL that is not one.
    assert validate(build_invite(_demo(), None).data, "CANCEL").errors == [
        "VCALENDAR: METHOD is REQUEST, expected CANCEL",
        "CANCEL: STATUS must be CANCELLED, not CONFIRMED",
        "CANCEL: VALARM is not allowed",
    ]
    _, by_ical, by_vobject = _parsed_by_others(invite.data)
    assert by_ical.status == "CANCELLED"
    assert by_vobject.sequence.value == "2"


def test_without_a_qualification_the_invite_says_so_and_keeps_the_notes() -> None:
    invite = build_invite(_demo(note="They asked for pricing in EUR."), None)
    text = validate(invite.data, "REQUEST").text("DESCRIPTION")
    assert "No qualification was recorded in sdrdesk for this lead." in text
    assert "They asked for pricing in EUR." in text
    # Unticked in the dialog: nothing of the hand-over reaches the attendees.
    private = build_invite(_demo(include_handover=False), handover(3))
    text = validate(private.data, "REQUEST").text("DESCRIPTION")
    assert "Grade" not in text
    assert "Hand-over" not in text
    assert "Show the Salesforce sync first." in text


def test_names_and_notes_with_any_characters_survive() -> None:
    demo = _demo(
        lead=Person(3, "", NASTY, "zoe@example.com", "America/New_York"),
        lead_company=NASTY,
        note=NASTY + "\n\n" + "long line " * 40,
        location="Room 4; Building B, 2nd floor",
        sdr=Person(1, "anna", NASTY, "anna@sdrdesk.example", "Europe/Berlin"),
    )
    invite = build_invite(demo, None)
    report = validate(invite.data, "REQUEST")
    assert report.errors == []
    assert NASTY + "\n\n" + ("long line " * 40).strip() in report.text("DESCRIPTION")
    assert report.text("LOCATION") == "Room 4; Building B, 2nd floor"
    assert NASTY in report.text("SUMMARY")
    organizer = report.event.one("ORGANIZER")
    assert organizer is not None
    assert organizer.param("CN") == NASTY.replace('"', "'")
    assert report.event.value("URL") is None  # a place, not a link
    by_icalendar, by_ical, _ = _parsed_by_others(invite.data)
    assert str(by_icalendar["location"]) == "Room 4; Building B, 2nd floor"
    assert by_ical.summary is not None
    assert NASTY in by_ical.summary


@pytest.mark.parametrize(
    ("local", "utc", "new_york"),
    [
        # The US changed on 8 March, Berlin not until 29 March: 5 hours apart, not 6.
        (berlin(2026, 3, 11, 16), datetime(2026, 3, 11, 15, tzinfo=UTC), "11:00–11:30"),
        # Both on winter time: 6 hours apart.
        (berlin(2026, 3, 4, 16), datetime(2026, 3, 4, 15, tzinfo=UTC), "10:00–10:30"),
        # Both on summer time: 6 hours apart again.
        (berlin(2026, 3, 31, 16), datetime(2026, 3, 31, 14, tzinfo=UTC), "10:00–10:30"),
        # Autumn: Berlin back on 25 October, New York on 1 November.
        (berlin(2026, 10, 28, 16), datetime(2026, 10, 28, 15, tzinfo=UTC), "11:00–11:30"),
    ],
)
def test_time_zones_across_the_spring_and_autumn_changes(
    local: datetime, utc: datetime, new_york: str
) -> None:
    demo = _demo(starts_at=local.astimezone(UTC))
    invite = build_invite(demo, None)
    report = validate(invite.data, "REQUEST")
    assert report.errors == []
    start = report.event.one("DTSTART")
    assert start is not None
    # Written on the organizer's (Berlin) clock, resolved through the file's own VTIMEZONE.
    assert (start.param("TZID"), start.value) == ("Europe/Berlin", f"{local:%Y%m%dT%H%M%S}")
    assert report.instant("DTSTART") == utc
    assert report.instant("DTEND") == utc + timedelta(minutes=30)
    assert f"{new_york} (America/New_York)" in report.text("DESCRIPTION")
    by_icalendar, by_ical, by_vobject = _parsed_by_others(invite.data)
    assert by_icalendar.decoded("dtstart") == utc
    assert by_ical.dtstart == utc
    assert by_vobject.dtstart.value == utc


def test_a_zone_a_vtimezone_cannot_describe_is_written_in_utc() -> None:
    # Morocco's clock follows Ramadan, not a yearly rule.
    demo = _demo(time_zone="Africa/Casablanca", starts_at=datetime(2026, 2, 20, 10, tzinfo=UTC))
    assert invite_zone(demo)[1] is None
    invite = build_invite(demo, None)
    report = validate(invite.data, "REQUEST")
    assert report.errors == []
    assert report.calendar is not None
    assert report.calendar.sub("VTIMEZONE") == []
    assert report.event.value("DTSTART") == "20260220T100000Z"
    unknown = build_invite(_demo(time_zone=None), None)
    assert validate(unknown.data, "REQUEST").event.value("DTSTART") == "20260311T150000Z"


def test_writing_the_invite_again_gives_the_same_message(ctx: ServiceContext) -> None:
    team = make_team(ctx)
    lead_id = accepted_lead(ctx, team.sdr)
    service = DemoService(ctx, handover=handover)
    result = service.book(
        lead_id,
        DemoRequest(team.david.id, berlin(2026, 3, 11, 16), time_zone="Europe/Berlin"),
        actor_id=team.sdr.id,
    )
    assert service.invite(result.demo.id).data == result.invite.data
    assert "Grade: A" in validate(result.invite.data, "REQUEST").text("DESCRIPTION")
