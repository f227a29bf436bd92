"""Calendar invites for demos: iCalendar (RFC 5545) messages of iTIP (RFC 5546).

A booking or a change sends ``METHOD:REQUEST``; a cancellation ``METHOD:CANCEL``. The
``UID`` never changes for a demo and ``SEQUENCE`` grows with every change, so Outlook,
Google Calendar and Apple Calendar update the event they already have instead of adding
a second one. Times are written in the organizer's zone with a ``VTIMEZONE`` holding that
zone's present rules (as Google and Exchange do), or in UTC when the zone is unknown.
``DTSTAMP`` is the time of the change the message announces, so writing the same invite
again (``sdrdesk invite``) gives the same message. Every text is cleaned of what a file
cannot hold (``domain.safe_text.for_file``).
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
from sdrdesk.domain.safe_text import for_file
from sdrdesk.domain.tzrules import ZoneRules, utc_offset, zone_rules
from sdrdesk.domain.zones import zone
from sdrdesk.i18n import _, format_number, translator
from sdrdesk.services.demos.language import locale_for
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
    event.add("summary", for_file(summary(demo)))
    if demo.location:
        event.add("location", for_file(demo.location))
    if demo.url:
        event.add("url", for_file(demo.url))
    event.add("description", for_file(description(demo, handover, cancel=cancel)))
    event.add("organizer", _address(demo.sdr, organizer=True))
    for person in people:
        event.add("attendee", _address(person, organizer=False, rsvp=not cancel))
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancel else "OPAQUE")
    if not cancel:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        gettext = translator(demo.lead.language).gettext
        alarm.add(
            "description",
            for_file(
                gettext("Demo in {minutes} minutes: {summary}").format(
                    minutes=REMINDER_MINUTES, summary=summary(demo)
                )
            ),
        )
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
    """The event's title, in the lead's language."""
    gettext = translator(demo.lead.language).gettext
    who = demo.lead.display_name
    if demo.lead_company and demo.lead_company != who:
        who = f"{demo.lead_company} ({who})"
    return gettext("Demo: {lead} with {ae}").format(lead=who, ae=demo.ae.display_name)


def _address(person: Person, *, organizer: bool, rsvp: bool = True) -> vCalAddress:
    if not person.email:
        raise ValueError(
            _("{display_name} has no e-mail address").format(display_name=person.display_name)
        )
    address = vCalAddress(f"mailto:{person.email}")
    # A parameter value cannot hold a double quote (RFC 5545 3.2); keep the name readable.
    address.params["CN"] = for_file(person.display_name).replace('"', "'") or person.email
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


def _span(demo: DemoInfo, tz: tzinfo, zone_name: str, locale: str) -> str:
    """``Fr., 4. Dez. 2026, 14:20–15:00 (Europe/Berlin)`` in the lead's locale."""
    from babel.dates import format_skeleton, format_time

    start, end = demo.starts_at.astimezone(tz), demo.ends_at.astimezone(tz)
    day = format_skeleton("yMMMEd", start, locale=locale)
    first = format_time(start, "HH:mm", locale=locale)
    last = format_time(end, "HH:mm", locale=locale)
    return f"{day}, {first}–{last} ({zone_name})"


def _when(demo: DemoInfo, zone_name: str | None, locale: str) -> str | None:
    tz = zone(zone_name)
    if tz is None or zone_name is None:
        return None
    return _span(demo, tz, zone_name, locale)


def description(demo: DemoInfo, handover: QualificationSummary | None, *, cancel: bool) -> str:
    """The invite's text in the lead's language; the hand-over below it in the SDR's."""
    gettext = translator(demo.lead.language).gettext
    locale = locale_for(demo.lead.language, demo.lead.country)
    lines: list[str] = []
    if cancel:
        lines.append(
            gettext("This demo has been cancelled by {sdr}.").format(sdr=demo.sdr.display_name)
        )
        if demo.cancel_reason:
            lines.append(gettext("Reason: {reason}").format(reason=demo.cancel_reason))
        lines.append("")
    lead = demo.lead.display_name + (f" ({demo.lead_company})" if demo.lead_company else "")
    lines.append(gettext("Demo for {lead} with {ae}.").format(lead=lead, ae=demo.ae.display_name))
    seen: set[str] = set()
    for zone_name in (demo.lead.time_zone, demo.ae.time_zone, demo.time_zone):
        when = _when(demo, zone_name, locale) if zone_name and zone_name not in seen else None
        if when:
            seen.add(str(zone_name))
            lines.append(gettext("When: {when}").format(when=when))
    if not seen:
        lines.append(gettext("When: {when}").format(when=_span(demo, UTC, "UTC", locale)))
    if demo.location:
        join = gettext("Join: {where}") if demo.url else gettext("Where: {where}")
        lines.append(join.format(where=demo.location))
    if cancel:
        return "\n".join(lines)
    if demo.note:
        lines += [
            "",
            gettext("Note from {sdr}:").format(sdr=demo.sdr.display_name),
            demo.note,
        ]
    if demo.include_handover:
        lines += ["", *handover_lines(demo, handover)]
    return "\n".join(lines)


def handover_lines(demo: DemoInfo, handover: QualificationSummary | None) -> list[str]:
    """The SDR's findings for the AE: grade, answers by section, notes."""
    lines = [_("— Hand-over for the account executive —")]
    contact = ", ".join(
        p for p in (demo.lead.display_name, demo.lead_title, demo.lead_company) if p
    )
    lines.append(_("Lead: {contact}").format(contact=contact))
    reach = " · ".join(p for p in (demo.lead.email, demo.lead_phone) if p)
    if reach:
        lines.append(_("Contact: {reach}").format(reach=reach))
    if handover is None or not (handover.answers or handover.notes.strip() or handover.grade):
        lines.append(_("No qualification was recorded in sdrdesk for this lead."))
        if demo.note:
            lines.append(_("The SDR's notes are above."))
        return lines
    grade = handover.grade or _("not graded yet (qualification incomplete)")
    lines.append(_("Grade: {grade}").format(grade=grade))
    if handover.recommendation:
        lines.append(
            _("Recommendation: {recommendation}").format(recommendation=handover.recommendation)
        )
    if handover.scores:
        scores = ", ".join(f"{k} {_number(v)}" for k, v in handover.scores.items())
        lines.append(_("Scores: {scores}").format(scores=scores))
    section = None
    for answer in handover.answers:
        if answer.section != section:
            section = answer.section
            lines += ["", section]
        lines.append(f"- {answer.question} {answer.answer}")
    if handover.notes.strip():
        lines += ["", _("Call notes:"), handover.notes.strip()]
    return lines


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else format_number(value, 1)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40] or "lead"


def file_name(demo: DemoInfo, *, cancel: bool) -> str:
    day = demo.starts_at.astimezone(zone(demo.time_zone) or UTC).strftime("%Y-%m-%d")
    suffix = "-cancelled" if cancel else ""
    return f"demo-{day}-{_slug(demo.lead_company or demo.lead.display_name)}{suffix}.ics"
