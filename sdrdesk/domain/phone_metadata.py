"""The one adapter for ``phonenumbers``' internals: its metadata (``PhoneMetadata``),
its time-zone table (``phonenumbers.tzdata``) and its pattern cache. Nothing else in
sdrdesk reads them; the rest uses the library's public API (``parse``,
``format_number``, …). A test (``tests/unit/test_phone_metadata.py``) compares this
module's answers with phonenumbers' public ones, so a release that changes the
internals is noticed.

The region a parsed number is valid in (``region_if_valid``) is
``phonenumbers.region_code_for_number`` and ``is_valid_number_for_region``, answered
from the same metadata with fewer steps. ``phonenumbers`` asks a number's region up to
ten times whether the number is of a type (premium rate, toll free, …, fixed line,
mobile), one pattern at a time, and asks again for the region it found. A number is
valid when it fits the region's general pattern and any one of those types, so here
each (region, length) gets one pattern joining the types whose lengths allow it,
compiled once. The test compares the answers with phonenumbers' own for the example
numbers of every region and type and variations of them.

Imported where phones are parsed (``phones.parse_phone``) or a number's zone is looked
up (``zones.time_zone_for``), not at start-up.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import phonenumbers
from phonenumbers import (
    COUNTRY_CODE_TO_REGION_CODE,
    REGION_CODE_FOR_NON_GEO_ENTITY,
    PhoneMetadata,
    PhoneNumberDesc,
)

# The number types phonenumbers' number-type check tries after the general pattern
# (mobile only where its pattern is not the fixed-line one).
_TYPES = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
    "mobile",
)


def region_if_valid(number: phonenumbers.PhoneNumber) -> str | None:
    """``region_code_for_number(number)`` if the number is valid there, else ``None``."""
    country_code = number.country_code
    regions = COUNTRY_CODE_TO_REGION_CODE.get(country_code) if country_code else None
    if country_code is None or regions is None:
        return None
    national = phonenumbers.national_significant_number(number)
    if len(regions) == 1:
        region: str | None = regions[0]
    else:
        region = _region_from_list(country_code, national, regions)
    if region is None or not _valid_in(country_code, region, national):
        return None
    return region


def _region_from_list(country_code: int, national: str, regions: tuple[str, ...]) -> str | None:
    """phonenumbers' choice among the regions sharing a calling code: the first whose
    leading digits match, or (without leading digits) where the number is valid."""
    for region in regions:
        metadata = PhoneMetadata.metadata_for_region(region.upper(), None)
        if metadata is None:
            continue
        if metadata.leading_digits is not None:
            if _compiled(metadata.leading_digits).match(national):
                return region
        elif _matches(_patterns(region.upper(), country_code, len(national)), national):
            return region
    return None


def _valid_in(country_code: int, region: str, national: str) -> bool:
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region.upper())
    if metadata is None:
        return False
    if region != REGION_CODE_FOR_NON_GEO_ENTITY and metadata.country_code != country_code:
        return False
    return _matches(_patterns(region.upper(), country_code, len(national)), national)


def _matches(patterns: tuple[re.Pattern[str], re.Pattern[str]] | None, national: str) -> bool:
    if patterns is None:
        return False
    general, any_type = patterns
    return general.fullmatch(national) is not None and any_type.fullmatch(national) is not None


@functools.lru_cache(maxsize=8192)
def _patterns(
    region: str, country_code: int, length: int
) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The general pattern and the joined type patterns of ``region`` (for the non-
    geographic region, of ``country_code``) for numbers of ``length`` digits; ``None``
    where no number of that length is valid."""
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    if metadata is None:
        return None
    general = metadata.general_desc
    if general is None or not _may_match(general, length):
        return None
    names = _TYPES[:-1] if metadata.same_mobile_and_fixed_line_pattern else _TYPES
    types = [
        desc.national_number_pattern
        for desc in (getattr(metadata, name) for name in names)
        if _may_match(desc, length)
    ]
    if not types or general.national_number_pattern is None:
        return None
    return (
        _compiled(general.national_number_pattern),
        _compiled("|".join(f"(?:{p})" for p in types)),
    )


def _may_match(desc: PhoneNumberDesc | None, length: int) -> bool:
    """phonenumbers' test before a type's pattern: a pattern, and the length allowed."""
    if desc is None or not desc.national_number_pattern:
        return False
    return not desc.possible_length or length in desc.possible_length


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def national_prefix(region: str) -> str:
    """The trunk prefix ``region``'s people dial before a national number ("0" in
    Germany, "1" in the US), ``""`` where there is none."""
    metadata = PhoneMetadata.metadata_for_region(region)
    return (metadata.national_prefix or "") if metadata is not None else ""


def keep_patterns() -> None:
    """Have ``phonenumbers`` keep every pattern it compiles: its metadata has more
    patterns than the ``re`` module's cache holds, and looking them up through
    ``re.compile`` was a sixth of the time of parsing and checking a number. (Releases
    before 9.0 lack the switch and work as before.)"""
    keep = getattr(phonenumbers, "enable_pattern_cache", None)
    if keep is not None:
        keep()


# --- time zones of numbers -----------------------------------------------------------

UNKNOWN_ZONE = "Etc/Unknown"


@functools.cache
def _zone_prefixes() -> tuple[Mapping[str, tuple[str, ...]], dict[str, int]]:
    """phonenumbers' time-zone table (E.164 digit prefix → zones), and for each first two
    digits the longest prefix in the table that starts with them."""
    from phonenumbers.tzdata import TIMEZONE_DATA

    longest: dict[str, int] = {}
    for prefix in TIMEZONE_DATA:
        longest[prefix[:2]] = max(longest.get(prefix[:2], 1), len(prefix))
    return TIMEZONE_DATA, longest


def zones_for_number(digits: str) -> tuple[str, ...]:
    """Zones of the longest prefix of these E.164 digits in phonenumbers' time-zone table
    (what ``time_zones_for_geographical_number`` does, without parsing a number), without
    phonenumbers' "unknown". Only as many digits as the table's prefixes for the first two
    can have are looked at, so the cache holds one entry per area, not per number."""
    return _zones_for_prefix(digits[: _zone_prefixes()[1].get(digits[:2], 1)])


@functools.lru_cache(maxsize=65536)
def _zones_for_prefix(prefix: str) -> tuple[str, ...]:
    table = _zone_prefixes()[0]
    for length in range(len(prefix), 0, -1):
        zones = table.get(prefix[:length])
        if zones is not None:
            return tuple(z for z in zones if z != UNKNOWN_ZONE)
    return ()
