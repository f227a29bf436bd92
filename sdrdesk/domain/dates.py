"""Dates and times as CRMs and spreadsheets export them, read as aware UTC times:
ISO 8601, Unix time, and the day-first, month-first and named-month formats (English,
German, French and Spanish month names: "4. Dezember 2026", "4 décembre 2026",
"4 de diciembre de 2026"); and whether a file's dates with slashes are day-first
(``decide_dayfirst``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _

_FORMATS_DAYFIRST = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d.%m.%y %H:%M",
    "%d.%m.%y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d/%m/%y %H:%M",
    "%d/%m/%y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
)
_FORMATS_MONTHFIRST = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%y %H:%M",
    "%m/%d/%y",
)
_FORMATS_NAMED = (
    "%d %b, %Y %H:%M:%S",
    "%d %b, %Y %H:%M",
    "%d %b %Y %H:%M:%S",
    "%d %b %Y %H:%M",
    "%d %b %Y",
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y %H:%M",
    "%b %d, %Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
)


_DIGITS_AND_SPACE = re.compile(r"[\d\s]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_FORMAT_DIGITS = re.compile(r"%[dmYyHMSI]|\s+")
_FORMAT_LETTERS = re.compile(r"%[bBp]")


def _shape(value: str) -> str:
    """What is left of a date when digits and spaces go and words become ``a``:
    ``"10.03.2026 14:30"`` → ``"..:"``, ``"Apr 15, 2021"`` → ``"a,"``."""
    return _LETTERS.sub("a", _DIGITS_AND_SPACE.sub("", value))


@functools.lru_cache(maxsize=256)
def _formats_for(shape: str, dayfirst: bool) -> tuple[str, ...]:
    """The formats, in the order they are tried, that can match a value of this shape
    (so a value is not tried against twenty formats; strptime is slow)."""
    ordered = (
        (_FORMATS_DAYFIRST + _FORMATS_MONTHFIRST)
        if dayfirst
        else (_FORMATS_MONTHFIRST + _FORMATS_DAYFIRST)
    ) + _FORMATS_NAMED
    return tuple(
        fmt for fmt in ordered if _FORMAT_LETTERS.sub("a", _FORMAT_DIGITS.sub("", fmt)) == shape
    )


# Day, month and four-digit year with dots, slashes or dashes, and maybe a time: the dates
# most CRMs and spreadsheets write, read without strptime (see _numeric_date).
_NUMERIC_DATE = re.compile(
    r"([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4})(?: ([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?"
)


def _numeric_date(value: str, dayfirst: bool) -> datetime | None:
    """What ``_any_date`` gives for the common numeric dates, five times faster; ``None``
    for anything else. It is what the first format ``_formats_for`` tries would give
    (ISO dates start with the year, so they never look like these), or ``None`` when that
    format would not read ``value``.

    The ranges are strptime's own (``%d`` 1-31, ``%m`` 1-12, ``%H`` 0-23, ``%M`` 0-59);
    seconds are 0-59 because ``datetime`` refuses leap seconds; an impossible day such
    as 31.02. is left to strptime."""
    match = _NUMERIC_DATE.fullmatch(value)
    if match is None:
        return None
    first, sep, second, year, hour, minute, sec = match.groups()
    if sep == "-" and sec is not None:  # no "%d-%m-%Y %H:%M:%S" format
        return None
    day, month = (first, second) if dayfirst or sep != "/" else (second, first)
    d, m, h = int(day), int(month), int(hour or 0)
    if not (1 <= d <= 31 and 1 <= m <= 12 and h <= 23 and int(minute or 0) <= 59):
        return None
    try:
        return datetime(int(year), m, d, h, int(minute or 0), int(sec or 0))  # noqa: DTZ001
    except ValueError:  # 31 February, year 0, second 60
        return None


def parse_datetime(text: str, local_zone: tzinfo, *, dayfirst: bool = True) -> datetime:
    """Dates as CRMs export them; a time without zone is read in ``local_zone``."""
    value = text.strip()
    if value.isdigit() and len(value) in (10, 13):  # Unix seconds / milliseconds
        seconds = int(value) / (1000 if len(value) == 13 else 1)
        return datetime.fromtimestamp(seconds, UTC)
    if value[-3:].casefold() == "uhr":  # "4.12.2026 14:30 Uhr"
        value = value[:-3].rstrip()
    parsed = _numeric_date(value, dayfirst) or _any_date(value, dayfirst)
    if parsed is None:
        raise ValidationError(
            _("“{text}” is not a date and time sdrdesk can read").format(text=text)
        )
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=local_zone)
    return parsed.astimezone(UTC)


def _any_date(value: str, dayfirst: bool) -> datetime | None:
    """ISO 8601, else the first of the known formats that reads ``value``."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    named = _named_date(value)
    if named is not None:
        return named
    for fmt in _formats_for(_shape(value), dayfirst):
        try:
            return datetime.strptime(value, fmt)  # noqa: DTZ007  (zone added by the caller)
        except ValueError:
            continue
    return None


# Month names and their usual abbreviations in English, German, French and Spanish
# (casefolded, accents as written and without). No two languages use one word for
# different months, so one table serves them all.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "jan january januar jänner jaenner janv janvier ene enero",
        "feb february februar févr fevr février fevrier febrero",
        "mar march mär mrz märz maerz mars marzo",
        "apr april avr avril abr abril",
        "may mai mayo",
        "jun june juni juin junio",
        "jul july juli juil juillet julio",
        "aug august août aout ago agosto",
        "sep sept september septembre septiembre setiembre",
        "oct october okt oktober octobre octubre",
        "nov november novembre noviembre",
        "dec december dez dezember déc dec décembre decembre dic diciembre",
    ),
    start=1,
):
    _MONTHS.update(dict.fromkeys(_names.split(), _number))
_WEEKDAYS = frozenset(
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat "  # noqa: SIM905
    "saturday sun sunday mo montag di dienstag mi mittwoch do donnerstag fr freitag sa "
    "samstag sonnabend so sonntag lun lundi mar mardi mer mercredi jeu jeudi ven vendredi "
    "sam samedi dim dimanche lunes martes mié miércoles miercoles jue jueves vie viernes "
    "sáb sábado sabado dom domingo".split()
)
# "4. Dezember 2026", "Fr., 4. Dez. 2026, 14:30 Uhr", "1er décembre 2026 à 14h30",
# "viernes, 4 de diciembre de 2026, 14:30": day, month name, year, maybe a time.
_NAMED_DATE = re.compile(
    r"(?:(?P<weekday>[^\W\d_]+)\.?,?\s+)?"
    r"(?P<day>[0-9]{1,2})(?:\.|er|º|°)?\s*(?:de\s+)?"
    r"(?P<month>[^\W\d_]+)\.?,?\s*(?:de\s+)?(?P<year>[0-9]{4})"
    r"(?:,?\s*(?:um\s+|à\s+|a\s+las\s+)?(?P<hour>[0-9]{1,2})[:h](?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2}))?(?:\s*uhr)?)?",
    re.IGNORECASE,
)


def _named_date(value: str) -> datetime | None:
    """A day-first date with a month name in one of the four languages, else ``None``."""
    match = _NAMED_DATE.fullmatch(value.strip())
    if match is None:
        return None
    weekday = match["weekday"]
    if weekday is not None and weekday.casefold() not in _WEEKDAYS:
        return None
    month = _MONTHS.get(match["month"].casefold())
    if month is None:
        return None
    try:
        return datetime(  # noqa: DTZ001  (zone added by the caller)
            int(match["year"]),
            month,
            int(match["day"]),
            int(match["hour"] or 0),
            int(match["minute"] or 0),
            int(match["second"] or 0),
        )
    except ValueError:  # 31 February, 25:00
        return None


_SLASH_DATE = re.compile(r"\s*(\d{1,2})/(\d{1,2})/\d{2,4}\b")
MONTH_FIRST_REGIONS = frozenset({"US", "CA", "PH"})


def decide_dayfirst(values: Iterable[str | None], default_region: str | None) -> bool | None:
    """Whether ``03/04/2026`` is 3 April in this file: a first number above 12 decides
    for day-first, a second number above 12 for month-first; without such a value the
    region decides (month-first in the US, Canada and the Philippines).

    ``None`` when no value is a date with slashes: dates with dots or dashes
    (``03.04.2026``) are always day-first, and ISO dates are unambiguous."""
    seen = month_first = False
    for value in values:
        if not value:
            continue
        match = _SLASH_DATE.match(value)
        if match is None:
            continue
        seen = True
        if int(match.group(1)) > 12:
            return True
        if int(match.group(2)) > 12:
            month_first = True
    if not seen:
        return None
    if month_first:
        return False
    return (default_region or "").upper() not in MONTH_FIRST_REGIONS
