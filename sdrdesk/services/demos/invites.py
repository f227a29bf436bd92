"""Calendar invites for demos: iCalendar (RFC 5545) messages of iTIP (RFC 5546).

A booking or a change sends ``METHOD:REQUEST``; a cancellation ``METHOD:CANCEL``. The
``UID`` never changes for a demo and ``SEQUENCE`` grows with every change, so Outlook,
Google Calendar and Apple Calendar update the event they already have instead of adding
a second one. Times are written in the organizer's zone with a ``VTIMEZONE`` holding that
zone's present rules (as Google and Exchange do), or in UTC when the zone is unknown.
``DTSTAMP`` is the time of the change the message announces, so writing the same invite
again (``sdrdesk invite``) gives the same message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, timedelta, tzinfo

from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
)

from sdrdesk import __version__
from sdrdesk.domain.tzrules import ZoneRules, utc_offset, zone_rules
from sdrdesk.domain.zones import zone
from sdrdesk.i18n import _
from sdrdesk.services.demos.results import DemoInfo, Invite, Person
from sdrdesk.services.results import QualificationSummary

PRODID = f"-//sdrdesk//sdrdesk {__version__}//EN"
REMINDER_MINUTES = 15


def invite_zone(demo: DemoInfo) -> tuple[tzinfo, ZoneRules | None]:
    """The zone the invite's times are written in, with its VTIMEZONE rules.

    UTC when the zone is unknown, or when the zone's yearly rules (what a VTIMEZONE can
    say) do not give zoneinfo's offset at the demo's start and end.
    """
    tz = zone(demo.time_zone)
    rules = zone_rules(demo.time_zone) if tz is not None and demo.time_zone else None
    if tz is None or rules is None:
        return UTC, None
    for instant in (demo.starts_at, demo.ends_at):
        if utc_offset(rules, instant) != instant.astimezone(tz).utcoffset():
            return UTC, None
    return tz, rules


def build_invite(
    demo: DemoInfo,
    handover: QualificationSummary | None,
    *,
    method: str | None = None,
    attendees: Sequence[Person] | None = None,
) -> Invite:
    """The invite for the demo as it is now: REQUEST while booked, CANCEL once cancelled.

    ``method``/``attendees`` override both, for the CANCEL that tells an AE who was
    replaced in a reschedule.
    """
    method = method or ("REQUEST" if demo.is_booked else "CANCEL")
    cancel = method == "CANCEL"
    people = list(attendees) if attendees is not None else [demo.lead, demo.ae]
    tz, rules = invite_zone(demo)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if rules is not None:
        cal.add_component(_vtimezone(rules))

    event = Event()
    event.add("uid", demo.uid)
    event.add("sequence", demo.sequence)
    event.add("dtstamp", demo.updated_at.astimezone(UTC))
    event.add("created", demo.created_at.astimezone(UTC))
    event.add("last-modified", demo.updated_at.astimezone(UTC))
    event.add("dtstart", demo.starts_at.astimezone(tz))
    event.add("dtend", demo.ends_at.astimezone(tz))
    event.add("summary", summary(demo))
    if demo.location:
        event.add("location", demo.location)
    if demo.url:
        event.add("url", demo.url)
    event.add("description", description(demo, handover, cancel=cancel))
    event.add("organizer", _address(demo.sdr, organizer=True))
    for person in people:
        event.add("attendee", _address(person, organizer=False, rsvp=not cancel))
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancel else "OPAQUE")
    if not cancel:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Demo in {REMINDER_MINUTES} minutes: {summary(demo)}")
        alarm.add("trigger", timedelta(minutes=-REMINDER_MINUTES))
        event.add_component(alarm)
    cal.add_component(event)
    return Invite(
        demo_id=demo.id,
        method=method,
        sequence=demo.sequence,
        file_name=file_name(demo, cancel=cancel),
        data=cal.to_ical(),
        recipients=tuple(p.email or "" for p in people),
    )


def summary(demo: DemoInfo) -> str:
    who = demo.lead.display_name
    if demo.lead_company and demo.lead_company != who:
        who = f"{demo.lead_company} ({who})"
    return f"Demo: {who} with {demo.ae.display_name}"


def _address(person: Person, *, organizer: bool, rsvp: bool = True) -> vCalAddress:
    if not person.email:
        raise ValueError(
            _("{display_name} has no e-mail address").format(display_name=person.display_name)
        )
    address = vCalAddress(f"mailto:{person.email}")
    # A parameter value cannot hold a double quote (RFC 5545 3.2); keep the name readable.
    address.params["CN"] = person.display_name.replace('"', "'") or person.email
    if not organizer:
        address.params["CUTYPE"] = "INDIVIDUAL"
        address.params["ROLE"] = "REQ-PARTICIPANT"
        if rsvp:
            address.params["PARTSTAT"] = "NEEDS-ACTION"
            address.params["RSVP"] = "TRUE"
    return address


def _vtimezone(rules: ZoneRules) -> Timezone:
    vtz = Timezone()
    vtz.add("tzid", rules.tzid)
    vtz.add("x-lic-location", rules.tzid)
    for obs in rules.observances:
        part = TimezoneDaylight() if obs.daylight else TimezoneStandard()
        part.add("tzname", obs.name)
        part.add("tzoffsetfrom", obs.offset_from)
        part.add("tzoffsetto", obs.offset_to)
        part.add("dtstart", obs.onset)
        if obs.rrule is not None:
            part.add("rrule", obs.rrule)
        vtz.add_component(part)
    return vtz


def _when(demo: DemoInfo, zone_name: str | None) -> str | None:
    tz = zone(zone_name)
    if tz is None:
        return None
    start, end = demo.starts_at.astimezone(tz), demo.ends_at.astimezone(tz)
    return f"{start:%a %d %b %Y, %H:%M}–{end:%H:%M} ({zone_name})"


def description(demo: DemoInfo, handover: QualificationSummary | None, *, cancel: bool) -> str:
    lines: list[str] = []
    if cancel:
        lines.append(f"This demo has been cancelled by {demo.sdr.display_name}.")
        if demo.cancel_reason:
            lines.append(f"Reason: {demo.cancel_reason}")
        lines.append("")
    lead = demo.lead.display_name + (f" ({demo.lead_company})" if demo.lead_company else "")
    lines.append(f"Demo for {lead} with {demo.ae.display_name}.")
    seen: set[str] = set()
    for zone_name in (demo.lead.time_zone, demo.ae.time_zone, demo.time_zone):
        when = _when(demo, zone_name) if zone_name and zone_name not in seen else None
        if when:
            seen.add(str(zone_name))
            lines.append(f"When: {when}")
    if not seen:
        lines.append(f"When: {demo.starts_at:%a %d %b %Y, %H:%M}–{demo.ends_at:%H:%M} UTC")
    if demo.location:
        lines.append(("Join: " if demo.url else "Where: ") + demo.location)
    if cancel:
        return "\n".join(lines)
    if demo.note:
        lines += ["", f"Note from {demo.sdr.display_name}:", demo.note]
    if demo.include_handover:
        lines += ["", *handover_lines(demo, handover)]
    return "\n".join(lines)


def handover_lines(demo: DemoInfo, handover: QualificationSummary | None) -> list[str]:
    """The SDR's findings for the AE: grade, answers by section, notes."""
    lines = ["— Hand-over for the account executive —"]
    contact = ", ".join(
        p for p in (demo.lead.display_name, demo.lead_title, demo.lead_company) if p
    )
    lines.append(f"Lead: {contact}")
    reach = " · ".join(p for p in (demo.lead.email, demo.lead_phone) if p)
    if reach:
        lines.append(f"Contact: {reach}")
    if handover is None or not (handover.answers or handover.notes.strip() or handover.grade):
        lines.append("No qualification was recorded in sdrdesk for this lead.")
        if demo.note:
            lines.append("The SDR's notes are above.")
        return lines
    grade = handover.grade or "not graded yet (qualification incomplete)"
    lines.append(f"Grade: {grade}")
    if handover.recommendation:
        lines.append(f"Recommendation: {handover.recommendation}")
    if handover.scores:
        scores = ", ".join(f"{k} {_number(v)}" for k, v in handover.scores.items())
        lines.append(f"Scores: {scores}")
    section = None
    for answer in handover.answers:
        if answer.section != section:
            section = answer.section
            lines += ["", section]
        lines.append(f"- {answer.question} {answer.answer}")
    if handover.notes.strip():
        lines += ["", "Call notes:", handover.notes.strip()]
    return lines


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40] or "lead"


def file_name(demo: DemoInfo, *, cancel: bool) -> str:
    day = demo.starts_at.astimezone(zone(demo.time_zone) or UTC).strftime("%Y-%m-%d")
    suffix = "-cancelled" if cancel else ""
    return f"demo-{day}-{_slug(demo.lead_company or demo.lead.display_name)}{suffix}.ics"
