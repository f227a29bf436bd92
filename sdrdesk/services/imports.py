"""Importing marketing-qualified leads from a CSV file (one user action, one transaction).

The file is read and every row checked first (``csv_source``, ``import_mapping``,
``domain.leads.clean_lead``), outside any transaction. Then, in one write transaction,
rows are matched against the store (``intake.known_leads``) and each other
(``DuplicateIndex``), and the new leads are inserted with an ``ImportBatch`` row that
records what came of every row. Either every lead the report calls imported is
committed, or none is.
"""

from __future__ import annotations

import gc
import json
import os
import time
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sdrdesk.db.models import ImportBatch
from sdrdesk.domain.contact import PhoneQuality, is_phone_region
from sdrdesk.domain.dedupe import DuplicateIndex
from sdrdesk.domain.errors import ImportFileError, SdrdeskError, ValidationError
from sdrdesk.domain.import_mapping import (
    CONTACT_FIELDS,
    ColumnMapping,
    build_mapping,
    check_target,
    decide_dayfirst,
    parse_mapping_text,
)
from sdrdesk.domain.leads import CleanLead, clean_lead
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.csv_source import CsvFile, read_csv_file
from sdrdesk.services.intake import insert_leads, known_leads

Progress = Callable[[int, int], bool | None]

CANCELLED = "Import cancelled; nothing was imported."
RACE = "Another import added some of these leads meanwhile; nothing was imported, run it again."
# Share of the progress bar for checking rows; the rest is for writing them.
_CHECK_SHARE = 0.8
_INSERT_CHUNK = 5000
_SUMMARY_WARNINGS = 50


@dataclass(frozen=True, slots=True)
class RowIssue:
    """Something about one row (``line`` is where its record starts in the file), or
    about the whole file (``line`` is ``None``)."""

    line: int | None
    message: str

    def __str__(self) -> str:
        text = " ↵ ".join(self.message.splitlines())  # one issue, one line
        return f"line {self.line}: {text}" if self.line is not None else text


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    encoding: str  # "UTF-8", "UTF-8 with BOM", "Windows-1252", "UTF-16 LE", …
    delimiter: str  # "comma", "semicolon", "tab" or "pipe"
    mapping: Mapping[str, str]  # header → lead field, "extra" (kept as extra data) or "ignore"
    rows_total: int  # data rows that are not completely empty
    imported: int  # in a dry run: how many would be imported
    imported_ids: tuple[int, ...]
    duplicates: tuple[RowIssue, ...]
    skipped: tuple[RowIssue, ...]
    warnings: tuple[RowIssue, ...]
    dry_run: bool
    batch_id: int | None
    dates_dayfirst: bool | None = None  # how 03/04/2026 was read; None: no such dates
    duplicate_of: Mapping[int, int] = field(default_factory=dict)  # line → lead id in store

    def summary(self) -> str:
        counts = f"{self.imported} of {self.rows_total} rows from {self.file_name}"
        how = f"({self.encoding}, {self.delimiter})"
        if self.dry_run:
            head = f"Dry run: would import {counts} {how}; nothing was written."
        else:
            head = f"Imported {counts} {how}."
        parts = [head]
        tally = []
        if self.duplicates:
            tally.append(_plural(len(self.duplicates), "duplicate"))
        if self.skipped:
            tally.append(_plural(len(self.skipped), "row") + " skipped")
        if self.warnings:
            tally.append(_plural(len(self.warnings), "warning"))
        if tally:
            parts.append(", ".join(tally).capitalize() + ".")
        fields_used = [f"{h} → {t}" for h, t in self.mapping.items() if t not in ("extra",)]
        kept = [h for h, t in self.mapping.items() if t == "extra"]
        parts.append("Columns: " + ", ".join(fields_used) + ".")
        if kept:
            parts.append("Kept as extra data: " + ", ".join(kept) + ".")
        if self.dates_dayfirst is not None:
            order = "3 April (day first)" if self.dates_dayfirst else "March 4 (month first)"
            parts.append(f"Dates like 03/04/2026 were read as {order}.")
        lines = [" ".join(parts)]
        for title, issues, limit in (
            ("Duplicates (not imported)", self.duplicates, None),
            ("Skipped", self.skipped, None),
            ("Warnings", self.warnings, _SUMMARY_WARNINGS),
        ):
            if not issues:
                continue
            lines.append(f"{title}:")
            shown = issues if limit is None else issues[:limit]
            lines.extend(f"  {issue}" for issue in shown)
            if len(issues) > len(shown):
                lines.append(
                    f"  … and {len(issues) - len(shown)} more (kept in the import's report)"
                )
        return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def parse_mapping(text: str) -> dict[str, str]:
    """'Header A=email,Header B=phone' or a path to a .json/.toml file {header: field};
    raises ValidationError with a clear message (unknown field names listed with the
    valid ones)."""
    stripped = text.strip()
    if stripped.lower().endswith((".json", ".toml")) and (
        "=" not in stripped or Path(stripped).expanduser().is_file()
    ):
        return _mapping_file(Path(stripped).expanduser())
    return parse_mapping_text(text)


def _mapping_file(path: Path) -> dict[str, str]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ValidationError(f"The mapping file {path} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"The mapping file {path} cannot be read: {exc}.") from exc
    try:
        data: Any = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(
            f"The mapping file {path} is not valid {path.suffix[1:]}: {exc}."
        ) from exc
    if not isinstance(data, dict) or not data:
        raise ValidationError(
            f"The mapping file {path} must hold an object of “column header”: “field” pairs."
        )
    mapping: dict[str, str] = {}
    for header, target in data.items():
        if not isinstance(target, str):
            raise ValidationError(
                f"In {path}, “{header}” must map to a field name (text), not {target!r}."
            )
        mapping[str(header)] = check_target(target)
    return mapping


class ImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def run(
        self,
        path: Path,
        *,
        actor_id: int | None,
        mapping: Mapping[str, str] | None = None,
        default_region: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        region = _check_region(default_region or self._ctx.rules.default_region)
        with _gc_paused():
            return self._run(Path(path), actor_id, mapping, region, dry_run, progress)

    def _run(
        self,
        path: Path,
        actor_id: int | None,
        mapping: Mapping[str, str] | None,
        region: str,
        dry_run: bool,
        progress: Progress | None,
    ) -> ImportReport:
        source = read_csv_file(path)
        columns = build_mapping(source.header, mapping)
        _require_contact_column(source, columns)
        tracker = _Tracker(progress, len(source.rows))
        checked = _check_rows(self._ctx, source, columns, region, tracker)
        if dry_run:
            with self._ctx.store.read() as s:
                outcome = _plan(s, checked, source)
            tracker.report(tracker.total)
            return checked.report(source, columns, outcome, dry_run=True)
        try:
            with self._ctx.store.write() as s:
                outcome = _plan(s, checked, source)
                outcome.batch_id = self._write(
                    s, source, columns, checked, outcome, actor_id, tracker
                )
                tracker.report(tracker.total)  # the last chance to cancel
        except IntegrityError as exc:
            if "email_key" in str(exc.orig or exc):
                raise SdrdeskError(RACE) from exc
            raise SdrdeskError(
                f"The import could not be saved ({_first_line(exc)}); nothing was imported."
            ) from exc
        return checked.report(source, columns, outcome, dry_run=False)

    def _write(
        self,
        s: Session,
        source: CsvFile,
        columns: ColumnMapping,
        checked: _Checked,
        outcome: _Outcome,
        actor_id: int | None,
        tracker: _Tracker,
    ) -> int:
        batch = ImportBatch(
            file_name=source.file_name[:500],
            file_sha256=source.sha256,
            imported_at=self._ctx.now(),
            imported_by_id=actor_id,
            rows_total=len(source.rows),
            rows_imported=len(outcome.fresh),
            rows_duplicate=len(outcome.duplicates),
            rows_skipped=len(checked.skipped),
            report=_batch_report(source, columns, checked, outcome),
        )
        s.add(batch)
        s.flush()
        fresh = outcome.fresh
        tracker.writing(0, len(fresh))
        for start in range(0, len(fresh), _INSERT_CHUNK):
            chunk = fresh[start : start + _INSERT_CHUNK]
            outcome.ids.extend(
                insert_leads(
                    s,
                    [lead for _line, lead in chunk],
                    actor_id=actor_id,
                    import_batch_id=batch.id,
                    event_data=[{"import_batch_id": batch.id, "line": line} for line, _ in chunk],
                    at=self._ctx.now(),
                )
            )
            tracker.writing(start + len(chunk), len(fresh))
        return batch.id


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is imported. The import makes hundreds
    of thousands of objects that live until the end (rows, checked leads); every full
    collection walks them all again, which took a third of the time of a 100,000-row
    import. They hold no reference cycles, so nothing is kept longer than it would be."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _check_region(region: str) -> str:
    code = (region or "").strip().upper()
    if not is_phone_region(code):
        raise ValidationError(
            f"“{region}” is not a country code for phone numbers (use two letters such as "
            "DE, US or GB)."
        )
    return code


def _require_contact_column(source: CsvFile, columns: ColumnMapping) -> None:
    if columns.has_contact_column:
        return
    shown = ", ".join(f"“{h}”" for h in source.header) or "none"
    first = next((h for h in source.header if h), "Header")
    raise ImportFileError(
        f"{source.file_name} has no column for {', '.join(CONTACT_FIELDS[:-1])} or "
        f"{CONTACT_FIELDS[-1]}, which a lead needs; the columns found are {shown} "
        f"(name the column with a mapping such as “{first}=email”)."
    )


# --- checking rows (no transaction) -------------------------------------------------------


class _Tracker:
    """Calls ``progress(done, total)`` about every 1 % and turns ``False`` into a cancel."""

    def __init__(self, callback: Progress | None, rows: int) -> None:
        self.callback = callback
        self.total = rows
        self.every = max(1, rows // 100)

    def report(self, done: int) -> None:
        if self.callback is not None and self.callback(min(done, self.total), self.total) is False:
            raise SdrdeskError(CANCELLED)

    def checking(self, rows_done: int) -> None:
        self.report(int(rows_done * _CHECK_SHARE))

    def writing(self, written: int, to_write: int) -> None:
        share = written / to_write if to_write else 1.0
        self.report(int(self.total * (_CHECK_SHARE + (1 - _CHECK_SHARE) * share)))


@dataclass
class _Checked:
    leads: list[tuple[int, CleanLead]]
    skipped: list[RowIssue]
    warnings: list[RowIssue]
    dayfirst: bool | None

    def report(
        self, source: CsvFile, columns: ColumnMapping, outcome: _Outcome, *, dry_run: bool
    ) -> ImportReport:
        return ImportReport(
            file_name=source.file_name,
            encoding=source.encoding,
            delimiter=source.delimiter_name,
            mapping=columns.as_dict(),
            rows_total=len(source.rows),
            imported=len(outcome.fresh),
            imported_ids=tuple(outcome.ids),
            duplicates=tuple(outcome.duplicates),
            skipped=tuple(self.skipped),
            warnings=tuple(outcome.notes + self.warnings),
            dry_run=dry_run,
            batch_id=outcome.batch_id,
            dates_dayfirst=self.dayfirst,
            duplicate_of=dict(outcome.store_matches),
        )


def _check_rows(
    ctx: ServiceContext,
    source: CsvFile,
    columns: ColumnMapping,
    region: str,
    tracker: _Tracker,
) -> _Checked:
    width = len(source.header)
    date_column = columns.column_of("handed_off_at")
    dayfirst: bool | None = None
    if date_column is not None:
        dayfirst = decide_dayfirst(
            (r.values[date_column] for r in source.rows if len(r.values) > date_column), region
        )
    build = columns.lead_builder()
    local_zone = machine_zone()
    now = ctx.now()
    leads: list[tuple[int, CleanLead]] = []
    skipped: list[RowIssue] = []
    warnings = [RowIssue(source.header_line, note) for note in columns.notes]
    every = tracker.every
    next_report = 0
    for n, row in enumerate(source.rows):
        if n >= next_report:
            tracker.checking(n)
            next_report += every
        values = row.values
        if len(values) != width:
            fitted = _fit(values, width)
            if fitted is None:
                skipped.append(
                    RowIssue(
                        row.line,
                        f"has {len(values)} fields, but the header has {width}; "
                        "a delimiter or quote is probably missing or extra",
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
                dayfirst=dayfirst is not False,
            )
        except ValidationError as exc:
            skipped.append(RowIssue(row.line, str(exc)))
            continue
        if lead.warnings:
            warnings.extend(RowIssue(row.line, w) for w in lead.warnings)
        leads.append((row.line, lead))
    hint = _region_hint(leads, region)
    if hint is not None:
        warnings.insert(0, hint)
    return _Checked(leads, skipped, warnings, dayfirst)


def _region_hint(leads: Sequence[tuple[int, CleanLead]], region: str) -> RowIssue | None:
    """Many phones that are not valid where they were read (no country, no +code) usually
    mean the file comes from another country than the default region."""
    phones = doubtful = 0
    for _line, lead in leads:
        if lead.phone.raw is None:
            continue
        phones += 1
        if lead.country is None and lead.phone.quality is not PhoneQuality.VALID:
            doubtful += 1
    if doubtful < 5 or doubtful * 5 < phones:
        return None
    return RowIssue(
        None,
        f"{doubtful} of {phones} phone numbers are not valid numbers in {region}, the "
        "region used for numbers without country code or country column; if the file "
        "comes from another country, import it with that region",
    )


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


# --- matching against the store (inside the transaction) ----------------------------------


@dataclass
class _Outcome:
    fresh: list[tuple[int, CleanLead]]
    duplicates: list[RowIssue]
    store_matches: dict[int, int]
    notes: list[RowIssue]
    ids: list[int] = field(default_factory=list)
    batch_id: int | None = None


def _plan(s: Session, checked: _Checked, source: CsvFile) -> _Outcome:
    """Which checked rows are new: not in the store, not earlier in the file."""
    leads = checked.leads
    known = known_leads(
        s,
        (lead.email_key for _, lead in leads if lead.email_key is not None),
        (lead.phone.e164 for _, lead in leads if lead.phone.e164 is not None),
    )
    fresh: list[tuple[int, CleanLead]] = []
    duplicates: list[RowIssue] = []
    store_matches: dict[int, int] = {}
    in_file: DuplicateIndex[int] = DuplicateIndex()
    for line, lead in leads:
        key, phone = lead.email_key, lead.phone.e164
        lead_id = known.match(key, phone)
        if lead_id is not None:
            what = "e-mail" if key is not None and key in known.by_email else "phone number"
            duplicates.append(
                RowIssue(line, f"already in the store as lead {lead_id} (same {what})")
            )
            store_matches[line] = lead_id
            continue
        first = in_file.match(key, phone)
        if first is not None:
            what = "e-mail" if key is not None and key in in_file.by_email else "phone number"
            duplicates.append(RowIssue(line, f"same {what} as line {first}"))
            continue
        in_file.add(key, phone, line)
        fresh.append((line, lead))
    return _Outcome(fresh, duplicates, store_matches, _earlier_imports(s, source))


def _earlier_imports(s: Session, source: CsvFile) -> list[RowIssue]:
    row = s.execute(
        select(ImportBatch.id, ImportBatch.imported_at)
        .where(ImportBatch.file_sha256 == source.sha256)
        .order_by(ImportBatch.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return []
    when = row.imported_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return [RowIssue(None, f"this file was imported before (import {row.id}, {when})")]


def _batch_report(
    source: CsvFile, columns: ColumnMapping, checked: _Checked, outcome: _Outcome
) -> dict[str, Any]:
    def pairs(issues: Sequence[RowIssue]) -> list[list[Any]]:
        return [[i.line, i.message] for i in issues]

    return {
        "encoding": source.encoding,
        "delimiter": source.delimiter_name,
        "mapping": columns.as_dict(),
        "dates_dayfirst": checked.dayfirst,
        "duplicates": pairs(outcome.duplicates),
        "skipped": pairs(checked.skipped),
        "warnings": pairs(outcome.notes + checked.warnings),
    }
