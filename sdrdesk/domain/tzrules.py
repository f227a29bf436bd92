"""A time zone's current rules, as calendar programs want them in a ``VTIMEZONE``.

Google Calendar and Exchange describe a zone by its present rules: one ``STANDARD`` and
one ``DAYLIGHT`` observance, each with a yearly ``RRULE`` (e.g. "last Sunday of March,
02:00"). The same rules are in the footer of every TZif file of the tz database (a POSIX
TZ string such as ``CET-1CEST,M3.5.0,M10.5.0/3``); this module reads them from there, so
an invite holds exactly what Python's ``zoneinfo`` uses. Zones whose rules cannot be
written that way (Julian-day rules, transitions at hours past midnight's range) give
``None``, and the invite falls back to UTC times.
"""

from __future__ import annotations

import calendar
import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC as UTC_ZONE
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Naive on purpose: a VTIMEZONE onset is a local wall-clock time.
_EPOCH = datetime(1970, 1, 1)  # noqa: DTZ001
_DAY_CODES = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
_NAME = r"(?:<[A-Za-z0-9+-]+>|[A-Za-z]{3,})"
_OFFSET = r"[+-]?\d{1,2}(?::\d{2}){0,2}"
_RULE = r"M\d{1,2}\.\d\.\d(?:/[+-]?\d{1,3}(?::\d{2}){0,2})?"
_TZ_RE = re.compile(
    rf"^(?P<std>{_NAME})(?P<std_off>{_OFFSET})"
    rf"(?:(?P<dst>{_NAME})(?P<dst_off>{_OFFSET})?,(?P<start>{_RULE}),(?P<end>{_RULE}))?$"
)


@dataclass(frozen=True, slots=True)
class Observance:
    """One side of a zone's year: standard or daylight time from an onset on."""

    daylight: bool
    name: str
    offset_from: timedelta
    offset_to: timedelta
    onset: datetime  # naive local time (in ``offset_from``) of the first onset, in 1970
    rrule: dict[str, object] | None  # FREQ/BYMONTH/BYDAY, None if it never changes


@dataclass(frozen=True, slots=True)
class ZoneRules:
    tzid: str
    observances: tuple[Observance, ...]


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _name(text: str) -> str:
    return text.strip("<>")


def _nth_weekday(year: int, month: int, week: int, posix_day: int) -> date:
    weekday = (posix_day - 1) % 7  # POSIX 0 = Sunday; Python 0 = Monday
    if week == 5:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))


def _rule(text: str) -> tuple[int, int, int, int] | None:
    spec, _, at = text.partition("/")
    month, week, day = (int(x) for x in spec[1:].split("."))
    seconds = _seconds(at) if at else 2 * 3600
    if not (1 <= month <= 12 and 1 <= week <= 5 and 0 <= day <= 6 and 0 <= seconds < 86400):
        return None
    return month, week, day, seconds


def _observance(
    daylight: bool, name: str, before: timedelta, after: timedelta, rule: tuple[int, ...]
) -> Observance:
    month, week, day, seconds = rule
    onset = datetime.combine(_nth_weekday(1970, month, week, day), time()) + timedelta(
        seconds=seconds
    )
    byday = f"{-1 if week == 5 else week}{_DAY_CODES[day]}"
    rrule: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": byday}
    return Observance(daylight, name, before, after, onset, rrule)


def parse_posix_tz(tzid: str, text: str) -> ZoneRules | None:
    """The rules of a POSIX TZ string; ``None`` for forms a VTIMEZONE RRULE cannot say."""
    match = _TZ_RE.match(text.strip())
    if match is None:
        return None
    std = timedelta(seconds=-_seconds(match["std_off"]))
    std_name = _name(match["std"])
    if match["dst"] is None:
        only = Observance(False, std_name, std, std, _EPOCH, None)
        return ZoneRules(tzid, (only,))
    dst = (
        timedelta(seconds=-_seconds(match["dst_off"]))
        if match["dst_off"]
        else std + timedelta(hours=1)
    )
    start, end = _rule(match["start"]), _rule(match["end"])
    if start is None or end is None:
        return None
    return ZoneRules(
        tzid,
        (
            _observance(True, _name(match["dst"]), std, dst, start),
            _observance(False, std_name, dst, std, end),
        ),
    )


def _tzif_bytes(tzid: str) -> bytes | None:
    if not tzid or tzid.startswith("/") or ".." in tzid.split("/"):
        return None
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / tzid
        if path.is_file():
            return path.read_bytes()
    try:
        package = "tzdata.zoneinfo." + ".".join(tzid.split("/")[:-1])
        return resources.files(package.rstrip(".")).joinpath(tzid.split("/")[-1]).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return None


@lru_cache(maxsize=64)
def zone_rules(tzid: str) -> ZoneRules | None:
    """The current rules of an IANA zone (``Europe/Berlin``), or ``None``."""
    data = _tzif_bytes(tzid)
    if not data or not data.startswith(b"TZif") or data[4:5] in (b"\x00", b""):
        return None
    footer = data.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    try:
        return parse_posix_tz(tzid, footer.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None


def utc_offset(rules: ZoneRules, instant: datetime) -> timedelta:
    """The offset the rules give at an aware instant (to check them against zoneinfo)."""
    if len(rules.observances) == 1:
        return rules.observances[0].offset_to
    utc = instant.astimezone(UTC_ZONE).replace(tzinfo=None)
    onsets: list[tuple[datetime, timedelta]] = []
    for obs in rules.observances:
        assert obs.rrule is not None
        month = int(str(obs.rrule["BYMONTH"]))
        byday = str(obs.rrule["BYDAY"])
        week = 5 if byday.startswith("-1") else int(byday[:-2])
        day = _DAY_CODES.index(byday[-2:])
        clock = obs.onset - datetime.combine(obs.onset.date(), time())
        for year in (utc.year - 1, utc.year, utc.year + 1):
            local = datetime.combine(_nth_weekday(year, month, week, day), time()) + clock
            onsets.append((local - obs.offset_from, obs.offset_to))
    past = [o for o in onsets if o[0] <= utc]
    return max(past)[1]
