"""A strict, independent checker for iTIP invites (RFC 5545 syntax, RFC 5546 rules).

It shares no code with sdrdesk or the icalendar library: it reads the bytes itself
(tests/ics_syntax.py), checks the content-line syntax (CRLF, 75-octet folding, parameters,
escapes), the property value formats, the component structure, the per-method property
counts of RFC 5546 §3.2.2 (REQUEST) and §3.2.5 (CANCEL), and resolves ``TZID`` times
through the file's own ``VTIMEZONE`` rules to UTC, so tests can check the instant a client
will see. This module holds the rules; the syntax module reads the stream.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from tests.ics_syntax import (
    _DATE_TIME,
    _OFFSET,
    _TEXT_ESCAPE,
    Component,
    Prop,
    Report,
    _local,
    parse,
    to_utc,
)

_MAILTO = re.compile(r"^mailto:[^@\s:]+@[^@\s]+\.[^@\s]+$", re.IGNORECASE)
_DURATION = re.compile(r"^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$")

ROLES = {"CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"}
PARTSTATS = {"NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED"}
CUTYPES = {"INDIVIDUAL", "GROUP", "RESOURCE", "ROOM", "UNKNOWN"}
TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "TZNAME", "CONTACT"}
UTC_PROPS = {"DTSTAMP", "CREATED", "LAST-MODIFIED"}

# RFC 5546 §3.2.2 and §3.2.5: (min, max) of VEVENT properties; None = unbounded.
REQUEST_COUNTS: dict[str, tuple[int, int | None]] = {
    "ATTENDEE": (1, None),
    "DTSTAMP": (1, 1),
    "DTSTART": (1, 1),
    "ORGANIZER": (1, 1),
    "SUMMARY": (1, 1),
    "UID": (1, 1),
    "SEQUENCE": (0, 1),
    "CLASS": (0, 1),
    "CREATED": (0, 1),
    "DESCRIPTION": (0, 1),
    "DTEND": (0, 1),
    "DURATION": (0, 1),
    "GEO": (0, 1),
    "LAST-MODIFIED": (0, 1),
    "LOCATION": (0, 1),
    "PRIORITY": (0, 1),
    "RECURRENCE-ID": (0, 1),
    "STATUS": (0, 1),
    "TRANSP": (0, 1),
    "URL": (0, 1),
    "REQUEST-STATUS": (0, 0),
}
CANCEL_COUNTS: dict[str, tuple[int, int | None]] = {
    "ATTENDEE": (0, None),
    "DTSTAMP": (1, 1),
    "ORGANIZER": (1, 1),
    "SEQUENCE": (1, 1),
    "UID": (1, 1),
    "STATUS": (0, 1),
    "DTSTART": (0, 1),
    "DTEND": (0, 1),
    "DURATION": (0, 1),
    "SUMMARY": (0, 1),
    "DESCRIPTION": (0, 1),
    "LOCATION": (0, 1),
    "URL": (0, 1),
    "REQUEST-STATUS": (0, 0),
}


# --- rules ------------------------------------------------------------------------------------


def _check_text(prop: Prop, errors: list[str]) -> None:
    value = prop.value
    stripped = _TEXT_ESCAPE.sub("", value)
    if "\\" in stripped:
        errors.append(f"{prop.name}: a lone backslash")
    for m in _TEXT_ESCAPE.finditer(value):
        if m.group(1) not in "nN\\;,":
            errors.append(f"{prop.name}: invalid escape \\{m.group(1)}")
    if ";" in stripped or "," in stripped:
        errors.append(f"{prop.name}: unescaped ';' or ',' in a TEXT value")


def _check_address(prop: Prop, errors: list[str]) -> None:
    if not _MAILTO.match(prop.value):
        errors.append(f"{prop.name}: {prop.value!r} is not a mailto: address")
    checks = (("ROLE", ROLES), ("PARTSTAT", PARTSTATS), ("CUTYPE", CUTYPES))
    for name, allowed in checks:
        value = prop.param(name)
        if value is not None and value.upper() not in allowed:
            errors.append(f"{prop.name}: {name}={value} is not allowed")
    rsvp = prop.param("RSVP")
    if rsvp is not None and rsvp not in ("TRUE", "FALSE"):
        errors.append(f"{prop.name}: RSVP must be TRUE or FALSE")


def _check_date_prop(cal: Component, prop: Prop, errors: list[str]) -> None:
    try:
        value, is_utc = _local(prop.value)
    except ValueError:
        errors.append(f"{prop.name}: {prop.value!r} is not a DATE or DATE-TIME")
        return
    tzid = prop.param("TZID")
    if prop.name in UTC_PROPS and not is_utc:
        errors.append(f"{prop.name} must be a UTC time (ending in Z)")
    is_date = isinstance(value, date) and not isinstance(value, datetime)
    if is_date and prop.param("VALUE") != "DATE":
        errors.append(f"{prop.name}: a DATE value needs VALUE=DATE")
    if tzid is not None:
        if is_utc:
            errors.append(f"{prop.name}: TZID together with a UTC time")
        if tzid not in {c.value("TZID") for c in cal.sub("VTIMEZONE")}:
            errors.append(f"{prop.name}: TZID={tzid} has no VTIMEZONE in the calendar")


def _counts(event: Component, counts: dict[str, tuple[int, int | None]], errors: list[str]) -> None:
    for name, (low, high) in counts.items():
        n = len(event.all(name))
        if n < low or (high is not None and n > high):
            errors.append(f"VEVENT: {name} appears {n} times (RFC 5546 allows {low}..{high})")


def _check_vtimezone(vtz: Component, errors: list[str]) -> None:
    if vtz.value("TZID") is None:
        errors.append("VTIMEZONE without TZID")
    if not vtz.sub("STANDARD") and not vtz.sub("DAYLIGHT"):
        errors.append("VTIMEZONE without STANDARD or DAYLIGHT")
    for obs in vtz.children:
        for name in ("DTSTART", "TZOFFSETTO", "TZOFFSETFROM"):
            if len(obs.all(name)) != 1:
                errors.append(f"{obs.name}: {name} must appear once")
        start = obs.value("DTSTART") or ""
        if start.endswith("Z") or not _DATE_TIME.match(start):
            errors.append(f"{obs.name}: DTSTART must be a local DATE-TIME")
        for name in ("TZOFFSETTO", "TZOFFSETFROM"):
            if not _OFFSET.match(obs.value(name) or ""):
                errors.append(f"{obs.name}: {name} is not a UTC offset")


def validate(data: bytes, method: str) -> Report:
    """All the rules an invite of ``method`` (REQUEST or CANCEL) breaks; [] when none."""
    errors: list[str] = []
    cal = parse(data, errors)
    if cal is None or cal.name != "VCALENDAR":
        return Report([*errors, "not a VCALENDAR"], None)
    for name in ("PRODID", "VERSION", "METHOD"):
        if len(cal.all(name)) != 1:
            errors.append(f"VCALENDAR: {name} must appear exactly once")
    if cal.value("VERSION") != "2.0":
        errors.append("VCALENDAR: VERSION must be 2.0")
    if cal.value("METHOD") != method:
        errors.append(f"VCALENDAR: METHOD is {cal.value('METHOD')}, expected {method}")
    if cal.value("CALSCALE") not in (None, "GREGORIAN"):
        errors.append("VCALENDAR: CALSCALE must be GREGORIAN")
    for vtz in cal.sub("VTIMEZONE"):
        _check_vtimezone(vtz, errors)
    events = cal.sub("VEVENT")
    if len(events) != 1:
        return Report([*errors, f"expected one VEVENT, found {len(events)}"], cal)
    event = events[0]
    _counts(event, REQUEST_COUNTS if method == "REQUEST" else CANCEL_COUNTS, errors)
    if event.one("DTEND") and event.one("DURATION"):
        errors.append("VEVENT: DTEND and DURATION together")
    for prop in event.props:
        if prop.name in TEXT_PROPS:
            _check_text(prop, errors)
        elif prop.name in ("ORGANIZER", "ATTENDEE"):
            _check_address(prop, errors)
        elif prop.name in ("DTSTART", "DTEND", "RECURRENCE-ID", *UTC_PROPS):
            _check_date_prop(cal, prop, errors)
        elif prop.name == "SEQUENCE" and not prop.value.isdigit():
            errors.append("SEQUENCE must be a non-negative integer")
        elif prop.name == "DURATION" and not _DURATION.match(prop.value):
            errors.append("DURATION is not a duration")
    if not (event.value("UID") or "").strip():
        errors.append("VEVENT: UID is empty")
    addresses = [p.value.lower() for p in event.all("ATTENDEE")]
    if len(addresses) != len(set(addresses)):
        errors.append("VEVENT: the same ATTENDEE twice")
    status = event.value("STATUS")
    if method == "REQUEST":
        if status not in (None, "TENTATIVE", "CONFIRMED"):
            errors.append(f"REQUEST: STATUS {status} is not allowed")
        if int(event.value("SEQUENCE") or 0) > 0 and event.one("SEQUENCE") is None:
            errors.append("REQUEST: SEQUENCE must be present once it is above 0")
    else:
        if status not in (None, "CANCELLED"):
            errors.append(f"CANCEL: STATUS must be CANCELLED, not {status}")
        if event.sub("VALARM"):
            errors.append("CANCEL: VALARM is not allowed")
    for alarm in event.sub("VALARM"):
        if alarm.value("ACTION") is None or alarm.value("TRIGGER") is None:
            errors.append("VALARM: ACTION and TRIGGER are required")
        if alarm.value("ACTION") == "DISPLAY" and alarm.value("DESCRIPTION") is None:
            errors.append("VALARM: a DISPLAY alarm needs a DESCRIPTION")
    dated = [event.value(n) or "" for n in ("DTSTART", "DTEND")]
    if not errors and all(_DATE_TIME.match(v) for v in dated):
        start, end = to_utc(cal, event.all("DTSTART")[0]), to_utc(cal, event.all("DTEND")[0])
        if end <= start:
            errors.append("VEVENT: DTEND is not after DTSTART")
    return Report(errors, cal)
