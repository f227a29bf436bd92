"""The syntax half of the iTIP checker (tests/ics_validator.py): content lines, components,
property values, and ``TZID`` times resolved through the file's own ``VTIMEZONE`` to UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

_NAME = re.compile(r"^[A-Za-z0-9-]+$")
_DATE_TIME = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_OFFSET = re.compile(r"^([+-])(\d{2})(\d{2})(\d{2})?$")
_TEXT_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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
