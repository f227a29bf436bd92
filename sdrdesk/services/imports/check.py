"""Checking the rows of an import, a chunk at a time, here or in a worker process.

``check_chunk`` turns rows of a file into what the write needs: for each lead that can
be imported its line, e-mail key and phone (to find duplicates) and its column values
(``LEAD_COLUMNS``, already in SQLite's storage form when the store is SQLite), plus the
rows skipped and the warnings, in file order. The results are plain lists and tuples, so
they cross a process boundary cheaply.

A worker process imports this module, the domain layer and phonenumbers: nothing of the
database layer but ``db.sqlite_values`` (no SQLAlchemy), nothing of Qt.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.import_mapping import ColumnMapping
from sdrdesk.domain.leads import clean_lead
from sdrdesk.domain.phones import PhoneQuality
from sdrdesk.domain.products import ProductCatalog
from sdrdesk.i18n import current_language, ngettext, set_language
from sdrdesk.services.imports.csv_file import rows_in
from sdrdesk.services.leads.columns import lead_values


@dataclass(frozen=True)
class CheckSettings:
    """What checking a row depends on, the same for every chunk of one file."""

    mapping: ColumnMapping
    region: str
    now: datetime
    dayfirst: bool
    sqlite: bool  # encode the values as SQLite stores them
    local_zone: tzinfo | None = None  # None: this machine's zone, looked up where checked
    language: str | None = None  # the messages' language (a worker process follows it)
    products: ProductCatalog | None = None  # names the typed product, or the campaign's


@dataclass
class CheckedChunk:
    """The outcome of checking consecutive rows of a file."""

    rows: int  # rows of the file checked
    lines: list[int] = field(default_factory=list)  # of the leads that can be imported
    email_keys: list[str | None] = field(default_factory=list)
    phones: list[str | None] = field(default_factory=list)  # E.164
    values: list[tuple[Any, ...]] = field(default_factory=list)  # LEAD_COLUMNS
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    phones_read: int = 0  # leads with a phone …
    phones_doubtful: int = 0  # … not valid where read, without a country (region hint)

    def extend(self, other: CheckedChunk) -> None:
        """Append the next rows' outcome."""
        self.rows += other.rows
        self.lines += other.lines
        self.email_keys += other.email_keys
        self.phones += other.phones
        self.values += other.values
        self.skipped += other.skipped
        self.warnings += other.warnings
        self.phones_read += other.phones_read
        self.phones_doubtful += other.phones_doubtful


# (line, values): a CsvRow, or the same as a plain tuple.
Row = tuple[int, list[str]]


def check_chunk(settings: CheckSettings, rows: Sequence[Row]) -> CheckedChunk:
    """Check ``rows`` (consecutive rows of the file, in order)."""
    width = len(settings.mapping.targets)
    build = settings.mapping.lead_builder()
    region, now, dayfirst, sqlite = (
        settings.region,
        settings.now,
        settings.dayfirst,
        settings.sqlite,
    )
    local_zone = settings.local_zone or machine_zone()
    products = settings.products
    if settings.language is not None and settings.language != current_language():
        set_language(settings.language)
    out = CheckedChunk(rows=len(rows))
    for line, values in rows:
        if len(values) != width:
            fitted = _fit(values, width)
            if fitted is None:
                out.skipped.append(
                    (
                        line,
                        ngettext(
                            "has {fields} field, but the header has {width}; "
                            "a delimiter or quote is probably missing or extra",
                            "has {fields} fields, but the header has {width}; "
                            "a delimiter or quote is probably missing or extra",
                            len(values),
                        ).format(fields=len(values), width=width),
                    )
                )
                continue
            values = fitted
        try:
            lead = clean_lead(
                build(values),
                default_region=region,
                now=now,
                local_zone=local_zone,
                dayfirst=dayfirst,
                products=products,
            )
        except ValidationError as exc:
            out.skipped.append((line, str(exc)))
            continue
        for warning in lead.warnings:
            out.warnings.append((line, warning))
        phone = lead.phone
        if phone.raw is not None:
            out.phones_read += 1
            if lead.country is None and phone.quality is not PhoneQuality.VALID:
                out.phones_doubtful += 1
        out.lines.append(line)
        out.email_keys.append(lead.email_key)
        out.phones.append(phone.e164)
        out.values.append(lead_values(lead, sqlite=sqlite))
    return out


def check_text(
    settings: CheckSettings, delimiter: str, lines_before: int, text: str
) -> CheckedChunk:
    """``check_chunk`` for the rows in a piece of the file's text (``CsvFile.text_of``):
    a worker gets the text, which crosses to another process faster than the rows."""
    return check_chunk(settings, rows_in(text, delimiter, lines_before))


def _fit(values: list[str], width: int) -> list[str] | None:
    """A row with empty fields after the last column (a trailing delimiter) still fits."""
    if len(values) > width and not any(v.strip() for v in values[width:]):
        return values[:width]
    return None


def machine_zone() -> tzinfo:
    """This computer's time zone with its daylight-saving rules: ``TZ`` or
    ``/etc/localtime`` as a ``ZoneInfo`` where there is one (fast), else ``MachineZone``."""
    name = os.environ.get("TZ", "").lstrip(":")
    try:
        if name:
            return ZoneInfo(name)
        with open("/etc/localtime", "rb") as data:
            return ZoneInfo.from_file(data, key="localtime")
    except (OSError, ValueError, ZoneInfoNotFoundError):
        return MachineZone()


class MachineZone(tzinfo):
    """This computer's local time, daylight saving included (asked of the C library, so
    it follows the system setting and ``TZ``)."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(seconds=time.localtime().tm_gmtoff)
        try:
            stamp = time.mktime(
                (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, 0, 0, -1)
            )
            return timedelta(seconds=time.localtime(stamp).tm_gmtoff)
        except (OverflowError, ValueError, OSError):
            return timedelta(seconds=time.localtime().tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str:
        return time.strftime("%Z")
