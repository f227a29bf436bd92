"""Phone numbers: what was typed, read as a number to dial, and shown again.

Phones go through ``phonenumbers``: the raw text is kept, E.164 is stored for valid and
merely *possible* numbers, and the quality says which; what this needs of the library's
internals (its metadata) comes from ``phone_metadata``. Which regions numbers are read
in, and the region a file's national numbers are typed in, are decided here too.

``phonenumbers`` and ``pycountry`` are imported where they are first needed, not with
this module: every window imports it (``PhoneQuality``), and the two libraries would add
a tenth of a second to the app's start-up. A local import of a loaded module costs
less than a tenth of a microsecond.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from sdrdesk.domain.text import trimmed

if TYPE_CHECKING:
    import phonenumbers


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


def is_phone_region(code: str) -> bool:
    """Whether ``code`` (upper case) is a region ``phonenumbers`` reads numbers in."""
    import phonenumbers

    return code in phonenumbers.SUPPORTED_REGIONS


_REGIONS_WITHOUT_ISO_CODE = {"AC": "Ascension Island", "TA": "Tristan da Cunha", "XK": "Kosovo"}


@functools.cache
def phone_region_names() -> tuple[tuple[str, str], ...]:
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
    return dict(phone_region_names()).get(code, code)


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
    from sdrdesk.domain.phone_metadata import national_prefix

    trunk = national_prefix(region)
    return _NOT_DIGITS.sub("", text) in {national, trunk + national}


def parse_phone(raw: str | None, default_region: str, country: str | None = None) -> PhoneInfo:
    """Parse what was typed. National numbers are read in the lead's country if known,
    else in ``default_region`` (the SDR's setting)."""
    text = trimmed(raw)
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
    """Switch on phonenumbers' pattern cache (``phone_metadata.keep_patterns``) once."""
    global _patterns_kept
    from sdrdesk.domain.phone_metadata import keep_patterns

    keep_patterns()
    _patterns_kept = True


def _region_if_valid(number: phonenumbers.PhoneNumber | None) -> str | None:
    """The number's region if it is valid (``phonenumbers.is_valid_number``), else
    ``None``."""
    if number is None:
        return None
    from sdrdesk.domain.phone_metadata import region_if_valid

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
