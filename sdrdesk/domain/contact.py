"""Contact rules: phone numbers, e-mail addresses, countries and the lead's time zone.

Phones go through ``phonenumbers``: the raw text is kept, E.164 is stored for valid and
merely *possible* numbers, and the quality says which. The time zone comes from the
number (area code) when it pins one zone, else from the country when the whole country
shares one clock, else it stays unknown rather than guessed.

``phonenumbers`` and ``pycountry`` are imported where they are first needed, not with
this module: every window imports it (``PhoneQuality``), and the two libraries would add
a tenth of a second to the app's start-up. A local import of a loaded module costs
less than a tenth of a microsecond.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from importlib import resources
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    import phonenumbers

_UNKNOWN_ZONE = "Etc/Unknown"


class PhoneQuality(StrEnum):
    VALID = "valid"
    POSSIBLE = "possible"  # right length for the country, but not an assigned range
    INVALID = "invalid"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class PhoneInfo:
    raw: str | None
    e164: str | None
    quality: PhoneQuality
    region: str | None
    extension: str | None = None

    @property
    def dialable(self) -> bool:
        return self.e164 is not None


MISSING_PHONE = PhoneInfo(None, None, PhoneQuality.MISSING, None)


def clean_text(value: str | None) -> str | None:
    """Strip surrounding whitespace; empty becomes ``None``. Inner text is kept as typed."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def is_phone_region(code: str) -> bool:
    """Whether ``code`` (upper case) is a region ``phonenumbers`` reads numbers in."""
    import phonenumbers

    return code in phonenumbers.SUPPORTED_REGIONS


_REGIONS_WITHOUT_ISO_CODE = {"AC": "Ascension Island", "TA": "Tristan da Cunha", "XK": "Kosovo"}


@functools.cache
def phone_regions() -> tuple[tuple[str, str], ...]:
    """(code, English name) of every region ``phonenumbers`` reads numbers in, by name
    (ISO 3166 has no code for three of them)."""
    import phonenumbers
    import pycountry

    named = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        country = pycountry.countries.get(alpha_2=code)
        name = getattr(country, "common_name", None) or getattr(country, "name", None)
        name = name or _REGIONS_WITHOUT_ISO_CODE.get(code, code)
        named.append((code, str(name)))
    return tuple(sorted(named, key=lambda item: item[1].casefold()))


def region_name(code: str) -> str:
    """``"DE"`` → ``"Germany"`` (the code itself for a region without a name)."""
    return dict(phone_regions()).get(code, code)


# Where a file's national numbers are tried when they are not valid in the default region:
# the countries the team's files come from most, in this order (a number that reads the
# same in two of them is read in the first).
LIKELY_REGIONS = ("DE", "AT", "CH", "GB", "FR", "NL", "BE", "IT", "ES", "US", "CA")
_NOT_DIGITS = re.compile(r"[^0-9]")


def national_region(
    numbers: Sequence[str], default: str, likely: Sequence[str] = LIKELY_REGIONS
) -> tuple[str, int, int]:
    """The region to read ``numbers`` (typed without country code) in: ``default``
    unless fewer than half of them are typed as its national numbers and at least four
    in five are typed as national numbers of one of ``likely`` (the first such with the
    most). Returns (region, its count, the count for ``default``).

    "Typed as a national number" is stricter than valid: the number is valid there
    *and* written with that country's digits, trunk prefix and all. Numbering plans of
    variable length make many digit strings valid somewhere: "660-485-0224" is a valid
    Austrian number, but an Austrian would have typed its leading 0."""
    at_default = sum(_typed_as_national(n, default) for n in numbers)
    if not numbers or at_default * 2 >= len(numbers):
        return default, at_default, at_default
    best, best_count = default, at_default
    for region in dict.fromkeys(likely):
        if region == default:
            continue
        count = sum(_typed_as_national(n, region) for n in numbers)
        if count > best_count:
            best, best_count = region, count
    if best_count * 5 < len(numbers) * 4:
        return default, at_default, at_default
    return best, best_count, at_default


def _typed_as_national(text: str, region: str) -> bool:
    """Whether ``text`` is a valid number of ``region`` written as its people write one:
    the digits of its national format, with or without the trunk prefix where that
    format leaves it out (a US "1-212-…")."""
    import phonenumbers

    phone = parse_phone(text, region)
    if phone.quality is not PhoneQuality.VALID or phone.e164 is None:
        return False
    number = phonenumbers.parse(phone.e164)
    national = _NOT_DIGITS.sub(
        "", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    )
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    trunk = (metadata.national_prefix or "") if metadata is not None else ""
    return _NOT_DIGITS.sub("", text) in {national, trunk + national}


def parse_phone(raw: str | None, default_region: str, country: str | None = None) -> PhoneInfo:
    """Parse what was typed. National numbers are read in the lead's country if known,
    else in ``default_region`` (the SDR's setting)."""
    text = clean_text(raw)
    if text is None:
        return MISSING_PHONE
    import phonenumbers

    if not _patterns_kept:
        _keep_patterns()
    region = (country or default_region or "US").upper()
    number = _parse(text, region)
    number_region = _region_if_valid(number)
    if number_region is None and text.startswith("00"):
        # "0049 30 …" typed in a region whose international prefix is not 00.
        retry = _parse("+" + text[2:], region)
        retry_region = _region_if_valid(retry)
        if retry_region is not None:
            number, number_region = retry, retry_region
    if number is None:
        return PhoneInfo(text, None, PhoneQuality.INVALID, None)
    extension = number.extension or None
    if number_region is not None:
        quality = PhoneQuality.VALID
    elif _possible(number):
        quality = PhoneQuality.POSSIBLE
        number_region = phonenumbers.region_code_for_number(number)
    else:
        return PhoneInfo(text, None, PhoneQuality.INVALID, None, extension)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return PhoneInfo(text, e164, quality, number_region, extension)


MIN_POSSIBLE_DIGITS = 6  # fewer is an extension or a fragment, not a number to dial


def _possible(number: phonenumbers.PhoneNumber) -> bool:
    """Whether a number that is not valid could still be dialled from anywhere: the
    right length for its country (not only locally) and at least six digits."""
    import phonenumbers

    reason = phonenumbers.is_possible_number_with_reason(number)
    return (
        reason == phonenumbers.ValidationResult.IS_POSSIBLE
        and len(phonenumbers.national_significant_number(number)) >= MIN_POSSIBLE_DIGITS
    )


_patterns_kept = False


def _keep_patterns() -> None:
    """Have ``phonenumbers`` keep every pattern it compiles: its metadata has more
    patterns than the ``re`` module's cache holds, and looking them up through
    ``re.compile`` was a sixth of the time of parsing and checking a number. (Releases
    before 9.0 lack the switch and work as before.)"""
    global _patterns_kept
    import phonenumbers

    keep = getattr(phonenumbers, "enable_pattern_cache", None)
    if keep is not None:
        keep()
    _patterns_kept = True


def _region_if_valid(number: phonenumbers.PhoneNumber | None) -> str | None:
    """The number's region if it is valid (``phonenumbers.is_valid_number``), else
    ``None``."""
    if number is None:
        return None
    from sdrdesk.domain.phone_regions import region_if_valid

    return region_if_valid(number)


def _parse(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    import phonenumbers

    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def format_phone(e164: str | None, viewer_region: str | None = None) -> str | None:
    """National format when the number is in ``viewer_region``, international otherwise."""
    if not e164:
        return None
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    same = viewer_region and phonenumbers.region_code_for_number(number) == viewer_region.upper()
    style = PhoneNumberFormat.NATIONAL if same else PhoneNumberFormat.INTERNATIONAL
    return str(phonenumbers.format_number(number, style))


def tel_uri(e164: str | None, extension: str | None = None) -> str | None:
    """RFC 3966 ``tel:`` link for click-to-call."""
    if not e164:
        return None
    return f"tel:{e164}" + (f";ext={extension}" if extension else "")


# --- time zones ---------------------------------------------------------------------------


@functools.cache
def _zone_prefixes() -> tuple[Mapping[str, tuple[str, ...]], dict[str, int]]:
    """phonenumbers' time-zone table (E.164 digit prefix → zones), and for each first two
    digits the longest prefix in the table that starts with them."""
    from phonenumbers.tzdata import TIMEZONE_DATA

    longest: dict[str, int] = {}
    for prefix in TIMEZONE_DATA:
        longest[prefix[:2]] = max(longest.get(prefix[:2], 1), len(prefix))
    return TIMEZONE_DATA, longest


def _zones_for_number(digits: str) -> tuple[str, ...]:
    """Zones of the longest prefix of these E.164 digits in phonenumbers' time-zone table
    (what ``time_zones_for_geographical_number`` does, without parsing a number). Only
    as many digits as the table's prefixes for the first two can have are looked at, so
    the cache holds one entry per area, not per number."""
    return _zones_for_prefix(digits[: _zone_prefixes()[1].get(digits[:2], 1)])


@functools.lru_cache(maxsize=65536)
def _zones_for_prefix(prefix: str) -> tuple[str, ...]:
    table = _zone_prefixes()[0]
    for length in range(len(prefix), 0, -1):
        zones = table.get(prefix[:length])
        if zones is not None:
            return tuple(z for z in zones if z != _UNKNOWN_ZONE)
    return ()


def time_zone_for(phone: PhoneInfo | None, country: str | None) -> str | None:
    """The lead's IANA time zone: the phone's area code if it pins one zone, else the
    country's if the whole country keeps one clock, else ``None`` (unknown)."""
    if phone is not None and phone.e164 and phone.quality is PhoneQuality.VALID:
        zones = _zones_for_number(phone.e164[1:])
        if len(zones) == 1:
            return zones[0]
    for region in (country, phone.region if phone else None):
        if region:
            zone = country_time_zone(region)
            if zone:
                return zone
    return None


@functools.cache
def _zone_tab() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        table.setdefault(parts[0], []).append(parts[2])
    return {k: tuple(v) for k, v in table.items()}


@functools.lru_cache(maxsize=512)
def country_time_zone(country: str) -> str | None:
    """The zone of a country whose zones all keep the same clock all year, else ``None``."""
    zones = _zone_tab().get(country.upper(), ())
    if not zones:
        return None
    year = datetime.now(UTC).year
    probes = [datetime(year, 1, 15, 12, tzinfo=UTC), datetime(year, 7, 15, 12, tzinfo=UTC)]
    offsets = {tuple(p.astimezone(ZoneInfo(z)).utcoffset() for p in probes) for z in zones}
    return zones[0] if len(offsets) == 1 else None


def zone(name: str | None) -> tzinfo | None:
    """The zone called ``name`` (IANA), or ``None`` for none or an unknown name."""
    return _zone(name) if name else None


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> tzinfo | None:
    """``ZoneInfo`` keeps only the eight zones asked last; a queue page asks for dozens,
    each row's, and read the zone files again for most of them (a third of the time of
    ordering a search's 500 matches)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_time(zone_name: str | None, now: datetime) -> datetime | None:
    """``now`` (aware, any zone) seen on the lead's clock; ``None`` if the zone is unknown."""
    tz = zone(zone_name)
    return now.astimezone(tz) if tz else None


def is_calling_hour(local: datetime | None, start_hour: int, end_hour: int) -> bool | None:
    """A reasonable time to call: a weekday between ``start_hour`` and ``end_hour``."""
    if local is None:
        return None
    return local.weekday() < 5 and start_hour <= local.hour < end_hour


# --- e-mail -------------------------------------------------------------------------------

# The WHATWG "valid e-mail address" (what browsers accept in <input type=email>), widened to
# non-ASCII letters and requiring a dot in the domain, plus RFC 5321 length limits.
_LOCAL = r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_EMAIL_RE = re.compile(rf"^{_LOCAL}@{_LABEL}(?:\.{_LABEL})+$")


def normalize_email(value: str | None) -> str | None:
    """Trimmed, ``mailto:`` removed, domain lower-cased; ``None`` if empty."""
    text = clean_text(value)
    if text is None:
        return None
    if text.lower().startswith("mailto:"):
        text = text[7:].strip()
    local, sep, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}" if sep else text


def email_key(value: str | None) -> str | None:
    """The key used to find duplicates: the whole address, case-folded."""
    email = normalize_email(value)
    return email.casefold() if email else None


def is_valid_email(value: str | None) -> bool:
    email = normalize_email(value)
    if not email:
        return False
    return _is_valid_normalized(email)


def _is_valid_normalized(email: str) -> bool:
    if len(email) > 254:
        return False
    local, _, domain = email.rpartition("@")
    return len(local) <= 64 and _EMAIL_RE.match(email) is not None and not domain[-1:].isdigit()


def check_email(value: str | None) -> tuple[str | None, bool, str | None]:
    """``normalize_email(value)``, and ``is_valid_email`` and ``email_key`` of that: the
    three a lead stores, normalising once where normalising again changes nothing."""
    email = normalize_email(value)
    if not email or email.lower().startswith("mailto:"):
        return email, is_valid_email(email), email_key(email)
    return email, _is_valid_normalized(email), email.casefold()


def email_domain(value: str | None) -> str | None:
    email = normalize_email(value)
    if not email or "@" not in email:
        return None
    return email.rpartition("@")[2].lower()


@functools.cache
def free_mail_domains() -> frozenset[str]:
    text = resources.files("sdrdesk.resources").joinpath("data/free_mail_domains.txt")
    return frozenset(
        line.strip().lower()
        for line in text.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def is_free_mail(value: str | None, extra_domains: Iterable[str] = ()) -> bool:
    """An address at a consumer mailbox provider (gmail.com, gmx.de, …), not a company."""
    domain = email_domain(value)
    if not domain:
        return False
    known = free_mail_domains()
    return domain in known or domain in set(extra_domains)


# --- countries ----------------------------------------------------------------------------

_COUNTRY_ALIASES = {
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "great britain": "GB",
    "britain": "GB",
    "deutschland": "DE",
    "brd": "DE",
    "österreich": "AT",
    "oesterreich": "AT",
    "schweiz": "CH",
    "suisse": "CH",
    "svizzera": "CH",
    "holland": "NL",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "czech republic": "CZ",
    "vietnam": "VN",
    "uae": "AE",
}


@functools.cache
def _country_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    german: gettext.NullTranslations
    try:
        german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    except OSError:
        german = gettext.NullTranslations()
    for c in pycountry.countries:
        for name in (
            c.alpha_2,
            c.alpha_3,
            c.name,
            getattr(c, "common_name", None),
            getattr(c, "official_name", None),
            german.gettext(c.name),
        ):
            if name:
                names.setdefault(name.casefold(), c.alpha_2)
    names.update(_COUNTRY_ALIASES)
    return names


@functools.lru_cache(maxsize=4096)  # a file names a few countries many times
def normalize_country(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a code or an English/German name; ``None`` if unknown."""
    text = clean_text(value)
    if text is None:
        return None
    return _country_names().get(text.casefold()) or _country_names().get(
        re.sub(r"\s+", " ", text.replace(".", "")).casefold()
    )
