"""A strict, independent checker for iTIP invites (RFC 5545 syntax, RFC 5546 rules).

It shares no code with sdrdesk or the icalendar library: it reads the bytes itself,
checks the content-line syntax (CRLF, 75-octet folding, parameters, escapes), the
property value formats, the component structure, the per-method property counts of
RFC 5546 §3.2.2 (REQUEST) and §3.2.5 (CANCEL), and resolves ``TZID`` times through the
file's own ``VTIMEZONE`` rules to UTC, so tests can check the instant a client will see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

_NAME = re.compile(r"^[A-Za-z0-9-]+$")
_DATE_TIME = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_OFFSET = re.compile(r"^([+-])(\d{2})(\d{2})(\d{2})?$")
_MAILTO = re.compile(r"^mailto:[^@\s:]+@[^@\s]+\.[^@\s]+$", re.IGNORECASE)
_DURATION = re.compile(r"^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$")
_TEXT_ESCAPE = re.compile(r"\\(.)", re.DOTALL)

ROLES = {"CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"}
PARTSTATS = {"NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED"}
CUTYPES = {"INDIVIDUAL", "GROUP", "RESOURCE", "ROOM", "UNKNOWN"}
TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "TZNAME", "CONTACT"}
UTC_PROPS = {"DTSTAMP", "CREATED", "LAST-MODIFIED"}
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

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


@dataclass
class Prop:
    name: str
    params: dict[str, list[str]]
    value: str
    line: int

    def param(self, name: str) -> str | None:
        values = self.params.get(name.upper())
        return values[0] if values else None


@dataclass
class Component:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def one(self, name: str) -> Prop | None:
        found = self.all(name)
        return found[0] if found else None

    def value(self, name: str) -> str | None:
        prop = self.one(name)
        return prop.value if prop else None

    def sub(self, name: str) -> list[Component]:
        return [c for c in self.children if c.name == name]


@dataclass
class Report:
    errors: list[str]
    calendar: Component | None

    @property
    def event(self) -> Component:
        assert self.calendar is not None
        return self.calendar.sub("VEVENT")[0]

    def text(self, name: str) -> str:
        value = self.event.value(name)
        assert value is not None, name
        return unescape(value)

    def instant(self, name: str) -> datetime:
        """A date-time property of the event as an aware UTC datetime (via VTIMEZONE)."""
        assert self.calendar is not None
        prop = self.event.one(name)
        assert prop is not None, name
        return to_utc(self.calendar, prop)


def unescape(value: str) -> str:
    mapping = {"n": "\n", "N": "\n", "\\": "\\", ";": ";", ",": ","}
    return _TEXT_ESCAPE.sub(lambda m: mapping.get(m.group(1), m.group(0)), value)


# --- content lines ------------------------------------------------------------------------


def _content_lines(data: bytes, errors: list[str]) -> list[tuple[int, str]]:
    if not data.endswith(b"\r\n"):
        errors.append("the stream does not end with CRLF")
    raw = data.split(b"\r\n")
    if raw and raw[-1] == b"":
        raw.pop()
    logical: list[tuple[int, bytes]] = []
    for number, line in enumerate(raw, start=1):
        if b"\n" in line or b"\r" in line:
            errors.append(f"line {number}: a bare CR or LF (lines must end with CRLF)")
        if len(line) > 75:
            errors.append(f"line {number}: {len(line)} octets (folding limit is 75)")
        if line[:1] in (b" ", b"\t"):
            if not logical:
                errors.append(f"line {number}: continuation before any content line")
                continue
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        else:
            logical.append((number, line))
    result = []
    for number, line in logical:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(f"line {number}: not UTF-8")
            continue
        if any(ord(c) < 32 and c != "\t" for c in text):
            errors.append(f"line {number}: control character in content")
        result.append((number, text))
    return result


def _parse_line(number: int, text: str, errors: list[str]) -> Prop | None:
    i, n = 0, len(text)
    while i < n and text[i] not in ";:":
        i += 1
    name = text[:i]
    if not _NAME.match(name):
        errors.append(f"line {number}: bad property name {name!r}")
        return None
    params: dict[str, list[str]] = {}
    while i < n and text[i] == ";":
        i += 1
        start = i
        while i < n and text[i] != "=":
            i += 1
        pname = text[start:i]
        if i >= n or not _NAME.match(pname):
            errors.append(f"line {number}: bad parameter in {name}")
            return None
        i += 1
        values: list[str] = []
        while True:
            if i < n and text[i] == '"':
                end = text.find('"', i + 1)
                if end < 0:
                    errors.append(f"line {number}: unterminated quoted parameter {pname}")
                    return None
                values.append(text[i + 1 : end])
                i = end + 1
            else:
                start = i
                while i < n and text[i] not in ',;:"':
                    i += 1
                if i < n and text[i] == '"':
                    errors.append(f"line {number}: DQUOTE inside parameter {pname}")
                    return None
                values.append(text[start:i])
            if i < n and text[i] == ",":
                i += 1
                continue
            break
        params.setdefault(pname.upper(), []).extend(values)
    if i >= n or text[i] != ":":
        errors.append(f"line {number}: no ':' after {name}")
        return None
    return Prop(name.upper(), params, text[i + 1 :], number)


def parse(data: bytes, errors: list[str]) -> Component | None:
    stack: list[Component] = []
    root: Component | None = None
    for number, text in _content_lines(data, errors):
        prop = _parse_line(number, text, errors)
        if prop is None:
            continue
        if prop.name == "BEGIN":
            component = Component(prop.value.upper())
            if stack:
                stack[-1].children.append(component)
            elif root is not None:
                errors.append(f"line {number}: more than one top-level component")
            else:
                root = component
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value.upper():
                errors.append(f"line {number}: END:{prop.value} does not close the open component")
                return root
            stack.pop()
        elif not stack:
            errors.append(f"line {number}: property {prop.name} outside any component")
        else:
            stack[-1].props.append(prop)
    if stack:
        errors.append(f"component {stack[-1].name} is never closed")
    return root


# --- values ---------------------------------------------------------------------------------


def _local(value: str) -> tuple[datetime | date, bool]:
    m = _DATE_TIME.match(value)
    if m:
        y, mo, d, h, mi, s, z = m.groups()
        return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s)), bool(z)
    m = _DATE.match(value)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3])), False
    raise ValueError(value)


def _offset(value: str) -> timedelta:
    m = _OFFSET.match(value)
    if not m:
        raise ValueError(value)
    sign = -1 if m[1] == "-" else 1
    return sign * timedelta(hours=int(m[2]), minutes=int(m[3]), seconds=int(m[4] or 0))


def _rrule(value: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in value.split(";"))


def _yearly_onset(year: int, rule: dict[str, str], template: datetime) -> datetime | None:
    month = int(rule["BYMONTH"])
    byday = rule["BYDAY"]
    m = re.match(r"^([+-]?\d)?([A-Z]{2})$", byday)
    if not m:
        return None
    nth, day = int(m[1] or 1), DAYS.index(m[2])
    if nth > 0:
        first = date(year, month, 1)
        onset = first + timedelta(days=(day - first.weekday()) % 7 + 7 * (nth - 1))
    else:
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        last = nxt - timedelta(days=1)
        onset = last - timedelta(days=(last.weekday() - day) % 7 + 7 * (-nth - 1))
    return datetime.combine(onset, template.time())


def zone_offset(vtimezone: Component, local: datetime) -> timedelta:
    """The UTC offset a VTIMEZONE gives a local wall-clock time (onsets are local times
    in the offset in force before them, RFC 5545 §3.6.5)."""
    onsets: list[tuple[datetime, timedelta]] = []
    for obs in vtimezone.children:
        start, _ = _local(obs.value("DTSTART") or "")
        assert isinstance(start, datetime)
        to, frm = _offset(obs.value("TZOFFSETTO") or ""), _offset(obs.value("TZOFFSETFROM") or "")
        rrule = obs.value("RRULE")
        candidates = [start]
        if rrule:
            rule = _rrule(rrule)
            assert rule.get("FREQ") == "YEARLY", rrule
            for year in range(max(start.year, local.year - 1), local.year + 1):
                onset = _yearly_onset(year, rule, start)
                if onset is not None and onset >= start:
                    candidates.append(onset)
        for rdate in obs.all("RDATE"):
            for part in rdate.value.split(","):
                value, _ = _local(part)
                assert isinstance(value, datetime)
                candidates.append(value)
        # An onset happens at its local time in the offset before it: as a UTC instant.
        onsets += [(c - frm, to) for c in candidates]

    def in_force(instant: datetime) -> timedelta | None:
        past = [o for o in onsets if o[0] <= instant]
        return max(past, key=lambda o: o[0])[1] if past else None

    # The wall-clock time is consistent with exactly the offset in force at its instant.
    for offset in sorted({o for _, o in onsets}):
        if in_force(local - offset) == offset:
            return offset
    raise ValueError(f"{vtimezone.value('TZID')} gives no offset for {local}")


def to_utc(calendar: Component, prop: Prop) -> datetime:
    value, is_utc = _local(prop.value)
    assert isinstance(value, datetime), f"{prop.name} is a DATE"
    if is_utc:
        return value.replace(tzinfo=UTC)
    tzid = prop.param("TZID")
    assert tzid is not None, f"{prop.name} is a floating time"
    vtz = next(c for c in calendar.sub("VTIMEZONE") if c.value("TZID") == tzid)
    return (value - zone_offset(vtz, value)).replace(tzinfo=UTC)


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
