"""Where an import reads national phone numbers (those without a country code), and
why: decided here alone (``decide_region``), for the command, the window's column dialog
and the import; the report and the dialog word the decision from the same value.

The region is the one chosen for the import (``--default-region``, the dialog's
country); else the default (the settings', or in the window the one chosen last),
unless the file's national numbers are mostly written as those of another likely
region: then that one, and the note says so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sdrdesk.domain.countries import normalize_country
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.import_mapping import ColumnMapping
from sdrdesk.domain.phones import is_phone_region, national_region, region_name
from sdrdesk.i18n import _, format_percent
from sdrdesk.services.imports.csv_file import CsvFile

# Rows looked at, and national numbers tried, to tell the file's phone region.
_REGION_ROWS = 2_000
_REGION_SAMPLE = 200
_REGION_MIN_SAMPLE = 5

# Why: chosen for this import; the default (the file says nothing else); the file's numbers.
Why = Literal["chosen", "default", "file"]


@dataclass(frozen=True)
class RegionDecision:
    """Where an import reads national phone numbers, and why."""

    region: str
    why: Why
    default: str  # the region the decision started from
    share: int = 0  # "file": % of the national numbers written as ``region``'s numbers
    share_default: int = 0  # … and as ``default``'s

    @property
    def notes(self) -> tuple[str, ...]:
        """What the report and the column dialog say about it: why the file's numbers are
        read in another region than the default (nothing when they are not)."""
        if self.why != "file":
            return ()
        region, default = self.region, self.default
        return (
            _(
                "phone numbers without a country code were read as {country} ({region}): "
                "{share} of them are written as its numbers, {share_default} as numbers of "
                "{default_country} ({default}), the default region. To read them otherwise, "
                "choose the country (the window asks; the command takes --default-region)."
            ).format(
                country=region_name(region),
                region=region,
                share=format_percent(self.share / 100),
                default_country=region_name(default),
                default=default,
                share_default=format_percent(self.share_default / 100),
            ),
        )


def decide_region(
    source: CsvFile, columns: ColumnMapping, *, chosen: str | None, default: str
) -> RegionDecision:
    """Where the national numbers of ``source`` are read: ``chosen`` when one was chosen
    for this import; else ``default``, unless the numbers of rows without a country (the
    others are read in their own) are mostly not written as its numbers but as those of
    another likely region (``phones.national_region``): then that one. Looks at the
    first rows only. ``ValidationError`` for a region that is none."""
    if chosen is not None:
        code = check_region(chosen or default)
        return RegionDecision(code, "chosen", code)
    default = check_region(default)
    numbers = _national_numbers(source, columns)
    if len(numbers) < _REGION_MIN_SAMPLE:
        return RegionDecision(default, "default", default)
    region, valid, at_default = national_region(numbers, default)
    if region == default:
        return RegionDecision(default, "default", default)
    share, share_default = (round(100 * n / len(numbers)) for n in (valid, at_default))
    return RegionDecision(region, "file", default, share, share_default)


def usable_region(code: object) -> str | None:
    """``code`` if it is a region to read phone numbers in (a saved setting), else None."""
    return code if isinstance(code, str) and code and is_phone_region(code) else None


def given_region(text: str | None, option: str = "--default-region") -> str | None:
    """The region given on the command line, upper-cased; ``ValidationError`` if it is
    not two letters (whether it is a region ``decide_region`` checks)."""
    if text is None:
        return None
    if not (len(text) == 2 and text.isalpha()):
        raise ValidationError(
            _("{option} must be a two-letter country code, not “{text}”.").format(
                option=option, text=text
            )
        )
    return text.upper()


def check_region(region: str) -> str:
    """``region`` as a region code (``de`` → ``DE``); ``ValidationError`` if it is none."""
    code = (region or "").strip().upper()
    if not is_phone_region(code):
        raise ValidationError(
            _(
                "“{region}” is not a country code for phone numbers (use two "
                "letters such as DE, US or GB)."
            ).format(region=region)
        )
    return code


def _national_numbers(source: CsvFile, columns: ColumnMapping) -> list[str]:
    """The first phone numbers without a country code of rows without a country."""
    phones = [c for c in (columns.column_of("phone"), columns.column_of("mobile")) if c is not None]
    if not phones:
        return []
    country = columns.column_of("country")
    numbers: list[str] = []
    for row in source.rows[:_REGION_ROWS]:
        values = row.values
        if country is not None and country < len(values) and normalize_country(values[country]):
            continue
        text = next(
            (values[c].strip() for c in phones if c < len(values) and values[c].strip()), ""
        )
        if text and not text.startswith(("+", "00")):
            numbers.append(text)
            if len(numbers) >= _REGION_SAMPLE:
                break
    return numbers
