"""A lead as it arrives (text typed or imported) and as it is stored (checked, typed).

``clean_lead`` is the one place that turns what came in into what is stored: trimmed
text, a parsed phone and e-mail, an ISO country, the lead's time zone, a score and a
hand-off time. It never drops what it cannot use: unusable or over-long values are
kept in ``extra`` with a warning, and only a lead nobody could contact is refused.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sdrdesk.domain import countries, emails, phones, zones
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.phones import PhoneInfo, PhoneQuality

# Column sizes (db.models uses the same numbers); longer text is cut and kept in extra.
FIELD_LIMITS: dict[str, int] = {
    "external_id": 100,
    "first_name": 200,
    "last_name": 200,
    "email": 320,
    "phone": 100,
    "company": 300,
    "title": 300,
    "company_size": 50,
    "industry": 200,
    "source": 200,
    "campaign": 300,
}

TEXT_FIELDS = (
    "external_id",
    "first_name",
    "last_name",
    "email",
    "company",
    "title",
    "company_size",
    "industry",
    "source",
    "campaign",
)
_TEXT_LIMITS = tuple((name, FIELD_LIMITS[name]) for name in TEXT_FIELDS)
_ONE_DAY = timedelta(days=1)


@dataclass(slots=True)
class LeadInput:
    """A lead as typed or imported: every value is text (or missing)."""

    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    company: str | None = None
    title: str | None = None
    company_size: str | None = None
    industry: str | None = None
    country: str | None = None
    source: str | None = None
    campaign: str | None = None
    score: str | None = None
    handed_off_at: str | None = None
    external_id: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class CleanLead:
    """A lead ready to store. ``warnings`` say what was odd about the input."""

    first_name: str | None
    last_name: str | None
    email: str | None
    email_key: str | None
    email_valid: bool
    phone: PhoneInfo
    company: str | None
    title: str | None
    company_size: str | None
    industry: str | None
    country: str | None
    time_zone: str | None
    source: str | None
    campaign: str | None
    score: int | None
    handed_off_at: datetime
    external_id: str | None
    extra: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str | None:
    """Trim; drop NUL and other control characters no database column should hold."""
    if value is None:
        return None
    # isprintable() is True only without any control character: skip the regex then.
    value = value.strip() if value.isprintable() else _CONTROL.sub("", value).strip()
    return value or None


def split_full_name(full: str) -> tuple[str | None, str | None]:
    """``"Ada Lovelace"`` → (Ada, Lovelace); ``"Lovelace, Ada"`` → (Ada, Lovelace)."""
    full = " ".join(full.split())
    if "," in full:
        last, _, first = full.partition(",")
        return clean_text(first), clean_text(last)
    if " " not in full:
        return None, full or None
    first, _, last = full.rpartition(" ")
    return first, last


_SCORE = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%?\s*$")


# The score column's range on every backend (PostgreSQL's integer).
SCORE_LIMIT = 2**31 - 1


def parse_score(text: str | None) -> int | None:
    """``"85"``, ``"85.0"``, ``"85,5"``, ``"85 %"`` → 85/86/85; raises for anything else,
    and for a number the score column cannot hold."""
    text = clean_text(text)
    if text is None:
        return None
    if text.isdecimal() and len(text) < 10:  # the usual "85": what the pattern gives, faster
        return int(text)
    match = _SCORE.match(text)
    if not match:
        raise ValidationError(f"score “{text}” is not a number")
    # Halves round away from zero, as Excel and marketing tools show them (84.5 → 85,
    # where Python's round() gives 84).
    value = int(Decimal(match.group(1).replace(",", ".")).to_integral_value(ROUND_HALF_UP))
    if abs(value) > SCORE_LIMIT:
        raise ValidationError(f"score “{text}” is too large")
    return value


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
    parsed = _numeric_date(value, dayfirst) or _any_date(value, dayfirst)
    if parsed is None:
        raise ValidationError(f"“{text}” is not a date and time sdrdesk can read")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=local_zone)
    return parsed.astimezone(UTC)


def _any_date(value: str, dayfirst: bool) -> datetime | None:
    """ISO 8601, else the first of the known formats that reads ``value``."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in _formats_for(_shape(value), dayfirst):
        try:
            return datetime.strptime(value, fmt)  # noqa: DTZ007  (zone added by the caller)
        except ValueError:
            continue
    return None


def clean_lead(
    lead: LeadInput,
    *,
    default_region: str,
    now: datetime,
    local_zone: tzinfo | None = None,
    dayfirst: bool = True,
) -> CleanLead:
    """Check and type one lead. Raises ``ValidationError`` if nobody could contact it."""
    warnings: list[str] = []
    extra: dict[str, Any] = {}
    for key, raw in lead.extra.items():
        kept = clean_text(raw)  # no NUL: PostgreSQL text and JSONB refuse it
        if kept is not None:
            extra[key] = kept
    text: dict[str, str | None] = {}
    for name, limit in _TEXT_LIMITS:
        value = getattr(lead, name)
        if not value:  # None or "": nothing to clean
            text[name] = None
            continue
        # clean_text, inline: this loop runs ten times for every row of an import
        value = value.strip() if value.isprintable() else _CONTROL.sub("", value).strip()
        if not value:
            text[name] = None
            continue
        if len(value) > limit:
            extra[f"{name} (full text)"] = value
            warnings.append(f"{name.replace('_', ' ')} longer than {limit} characters was cut")
            value = value[:limit]
        text[name] = value

    if text["first_name"] is None and text["last_name"] is None and lead.full_name:
        full = clean_text(lead.full_name)
        if full:
            text["first_name"], text["last_name"] = split_full_name(full)

    country_text = clean_text(lead.country)
    country = countries.normalize_country(country_text)
    if country_text and country is None:
        extra["country (as imported)"] = country_text
        warnings.append(f"country “{country_text}” is not known")

    phone = _best_phone(lead, default_region, country, extra, warnings)
    if country is None and phone.region and phone.quality is PhoneQuality.VALID:
        country = phone.region

    email, email_valid, email_key = emails.check_email(text["email"])
    if email and not email_valid:
        warnings.append(f"e-mail “{email}” is not a valid address")

    if not email_valid and not phone.dialable:
        shown = [f"e-mail “{email}” is not valid" if email else "no e-mail address"]
        shown.append(f"phone “{phone.raw}” is not a number" if phone.raw else "no phone number")
        raise ValidationError("cannot be contacted: " + ", ".join(shown))

    score: int | None = None
    try:
        score = parse_score(lead.score)
    except ValidationError as exc:
        extra["score (as imported)"] = clean_text(lead.score)
        warnings.append(str(exc))

    handed_off_at = now
    handed_text = clean_text(lead.handed_off_at)
    if handed_text:
        try:
            handed_off_at = parse_datetime(handed_text, local_zone or UTC, dayfirst=dayfirst)
        except ValidationError as exc:
            extra["handed off (as imported)"] = handed_text
            warnings.append(f"hand-off time {exc}; the import time was used")
        if handed_off_at > now + _ONE_DAY:
            warnings.append("hand-off time lies in the future")

    return CleanLead(  # by position (a third of the time of keywords), in field order
        text["first_name"],
        text["last_name"],
        email,
        email_key,
        email_valid,
        phone,
        text["company"],
        text["title"],
        text["company_size"],
        text["industry"],
        country,
        zones.time_zone_for(phone, country),
        text["source"],
        text["campaign"],
        score,
        handed_off_at,
        text["external_id"],
        extra,
        warnings,
    )


_PHONE_LIMIT = FIELD_LIMITS["phone"]
_PHONE_RANK = {PhoneQuality.VALID: 0, PhoneQuality.POSSIBLE: 1, PhoneQuality.INVALID: 2}


# "4,93012E+11", "4.9301E+11": a phone a spreadsheet kept as a number and showed in
# scientific notation, which is what it then exported; the digits after the first few are gone.
_SCIENTIFIC = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?[eE]\+?[0-9]{1,2}")


def _why_invalid(raw: str | None) -> str:
    """What a person can do about an invalid phone, where the text says (else "")."""
    if raw and _SCIENTIFIC.fullmatch(raw.strip()):
        return (
            " (a spreadsheet wrote it in scientific notation, which loses its last digits;"
            " format the column as text and export the file again)"
        )
    return ""


def _best_phone(
    lead: LeadInput,
    default_region: str,
    country: str | None,
    extra: dict[str, Any],
    warnings: list[str],
) -> PhoneInfo:
    """The phone to dial: the first valid of phone and mobile; the other is kept in extra."""
    phone, mobile = clean_text(lead.phone), clean_text(lead.mobile)
    if phone and mobile:
        candidates = [
            phones.parse_phone(text[:_PHONE_LIMIT], default_region, country)
            for text in (phone, mobile)
        ]
        best = min(candidates, key=lambda p: _PHONE_RANK.get(p.quality, 3))
        for other in candidates:
            if other is not best and other.raw != best.raw:
                extra["other phone"] = other.raw
    elif phone or mobile:
        best = phones.parse_phone((phone or mobile or "")[:_PHONE_LIMIT], default_region, country)
    else:
        return phones.MISSING_PHONE
    if best.quality is PhoneQuality.INVALID:
        warnings.append(f"phone “{best.raw}” is not a valid number{_why_invalid(best.raw)}")
    elif best.quality is PhoneQuality.POSSIBLE:
        warnings.append(f"phone “{best.raw}” may not be a real number")
    return best
