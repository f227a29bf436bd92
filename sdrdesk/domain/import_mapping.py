"""Which column of an imported file fills which lead field.

Headers are compared in a normalised form (``normalize_header``) against a table of the
headers common CRMs and spreadsheets use (``resources/data/import_headers.toml``). The
user can name columns explicitly (``Header=field``); those entries win. Every column
that fills no field is kept with the lead under its original header, so nothing in a
file is lost. Pure Python: no Qt, no database.
"""

from __future__ import annotations

import functools
import operator
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from importlib import resources
from typing import Any

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.leads import LeadInput

# The lead fields a column can fill, in the order people think of them.
LEAD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(LeadInput) if f.name != "extra")
IGNORE = "ignore"  # drop the column
EXTRA = "extra"  # keep it with the lead's extra data (what unmatched columns get)
TARGETS: tuple[str, ...] = (*LEAD_FIELDS, IGNORE, EXTRA)
CONTACT_FIELDS = ("email", "phone", "mobile")

# The column sdrdesk writes beside the rows an import left out (after the line or row
# number), for the person to fix them and import the file again: both are left out then.
NOT_IMPORTED_BECAUSE = "Not imported because"

# What each target is called where people choose it (the import's column dialog).
FIELD_LABELS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name (first and last)",
    "email": "E-mail",
    "phone": "Phone",
    "mobile": "Mobile phone",
    "company": "Company",
    "title": "Job title",
    "company_size": "Company size",
    "industry": "Industry",
    "country": "Country",
    "source": "Source",
    "campaign": "Campaign",
    "score": "Marketing score",
    "handed_off_at": "Hand-off date",
    "external_id": "ID in the other system",
    EXTRA: "Keep as extra data",
    IGNORE: "Leave out",
}

# A second column for a field that is taken fills this one if it is still free.
_OVERFLOW = {"phone": "mobile", "mobile": "phone"}

_BOM_REMNANTS = ("\ufeff", "ï»¿", "þÿ", "ÿþ")  # BOMs, and BOMs read as Windows-1252
_TRANSLITERATE = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "å": "a"}
)
_TRAILING_NUMBER = re.compile(r"\d+$")


def normalize_header(header: str) -> str:
    """``"E-Mail"``, ``" e mail "`` and ``"EMAIL"`` → ``"email"``; ``"Größe"`` → ``"groesse"``.

    Case, whitespace, punctuation and accents are dropped, umlauts spelt out, BOM
    remnants and a Salesforce custom-field suffix ``__c`` removed."""
    text = header
    for bom in _BOM_REMNANTS:
        text = text.replace(bom, "")
    text = text.strip()
    if text.lower().endswith("__c"):
        text = text[:-3]
    text = unicodedata.normalize("NFC", text).casefold().translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum())


@dataclass(frozen=True)
class HeaderTable:
    """Normalised header → field, in two tiers (see the TOML file's comment)."""

    primary: Mapping[str, str]
    fallback: Mapping[str, str]

    @classmethod
    def from_toml(cls, text: str) -> HeaderTable:
        data = tomllib.loads(text)
        tiers: list[dict[str, str]] = []
        seen: dict[str, str] = {}  # normalised header → where it is listed
        for tier_name in ("fields", "fallback"):
            tier: dict[str, str] = {}
            for field_name, headers in data.get(tier_name, {}).items():
                if field_name not in LEAD_FIELDS:
                    raise ValueError(f"[{tier_name}] {field_name} is not a lead field")
                for header in headers:
                    key = normalize_header(header)
                    if not key:
                        raise ValueError(f"[{tier_name}] {field_name}: empty header {header!r}")
                    where = f"[{tier_name}] {field_name}"
                    if seen.get(key, where) != where:
                        raise ValueError(
                            f"header {header!r} is listed twice ({seen[key]}, {where})"
                        )
                    seen[key] = where
                    tier[key] = field_name
            tiers.append(tier)
        return cls(primary=tiers[0], fallback=tiers[1])

    def lookup(self, header: str) -> tuple[str, int] | None:
        """(field, tier) for a header, trying it without a trailing number second."""
        key = normalize_header(header)
        for candidate in (key, _TRAILING_NUMBER.sub("", key)):
            if not candidate:
                continue
            if candidate in self.primary:
                return self.primary[candidate], 0
            if candidate in self.fallback:
                return self.fallback[candidate], 1
        return None


@functools.cache
def header_table() -> HeaderTable:
    """The table shipped in ``sdrdesk.resources`` (``data/import_headers.toml``)."""
    path = resources.files("sdrdesk.resources").joinpath("data/import_headers.toml")
    return HeaderTable.from_toml(path.read_text(encoding="utf-8"))


def check_target(value: str) -> str:
    """A field name as a user may type it (``"First Name"``, ``"e-mail"``) → ``first_name``."""
    name = re.sub(r"[\s-]+", "_", value.strip().casefold())
    if name == "e_mail":
        name = "email"
    if name not in TARGETS:
        raise ValidationError(
            f"“{value.strip()}” is not a lead field; use one of {', '.join(LEAD_FIELDS)}, "
            f"or {IGNORE} (leave the column out) or {EXTRA} (keep it as extra data)."
        )
    return name


def parse_mapping_text(text: str) -> dict[str, str]:
    """``"Header A=email, Header B=phone"`` (or one entry per line) → {header: field}."""
    mapping: dict[str, str] = {}
    for item in re.split(r"[,\n]", text):
        if not item.strip():
            continue
        header, sep, target = item.rpartition("=")
        if not sep or not header.strip():
            raise ValidationError(
                f"“{item.strip()}” in the column mapping is not of the form Header=field "
                "(e.g. “Mail=email,Handy=mobile”)."
            )
        mapping[header.strip()] = check_target(target)
    if not mapping:
        raise ValidationError("The column mapping is empty; write it as Header=field,…")
    return mapping


@dataclass(frozen=True)
class ColumnMapping:
    """What each column of a file becomes: a lead field, ``extra`` or ``ignore``."""

    headers: tuple[str, ...]
    targets: tuple[str, ...]
    notes: tuple[str, ...] = ()
    # (contact field, columns): in a row where the field's own column is empty, the first
    # of these (kept as extra data) with a value fills it, e.g. a "Corporate Phone" next
    # to an empty "Direct Phone", so the lead can still be called.
    backups: tuple[tuple[str, tuple[int, ...]], ...] = ()
    extra_keys: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        keys: list[str] = []
        used: set[str] = set()
        for number, header in enumerate(self.headers, start=1):
            key = header.strip() or f"Column {number}"
            candidate, n = key, 1
            while candidate in used:
                n += 1
                candidate = f"{key} ({n})"
            used.add(candidate)
            keys.append(candidate)
        object.__setattr__(self, "extra_keys", tuple(keys))

    def column_of(self, field_name: str) -> int | None:
        try:
            return self.targets.index(field_name)
        except ValueError:
            return None

    @property
    def has_contact_column(self) -> bool:
        return any(t in CONTACT_FIELDS for t in self.targets)

    def as_dict(self) -> dict[str, str]:
        """Header (as the lead's extra data names it) → field, ``extra`` or ``ignore``."""
        return dict(zip(self.extra_keys, self.targets, strict=True))

    def lead_builder(self) -> LeadBuilder:
        return LeadBuilder(self)


class LeadBuilder:
    """Turns one row of the file into a ``LeadInput`` (the per-row fast path: one
    ``itemgetter`` picks every field's value in ``LeadInput``'s order, a field without
    a column takes the ``None`` appended to the row)."""

    def __init__(self, mapping: ColumnMapping) -> None:
        width = len(mapping.targets)
        column = {t: i for i, t in enumerate(mapping.targets) if t not in (EXTRA, IGNORE)}
        self._pick = operator.itemgetter(*(column.get(name, width) for name in LEAD_FIELDS))
        self._extra = tuple(
            (i, mapping.extra_keys[i]) for i, t in enumerate(mapping.targets) if t == EXTRA
        )
        self._backups = tuple(
            (LEAD_FIELDS.index(name), columns) for name, columns in mapping.backups
        )

    def __call__(self, row: Sequence[str]) -> LeadInput:
        extra: dict[str, str] = {}
        for i, key in self._extra:
            if row[i]:
                extra[key] = row[i]
        values: list[Any] = [*self._pick([*row, None]), extra]
        if not self._backups:
            return LeadInput(*values)
        for position, columns in self._backups:
            value = values[position]
            if value is None or not value.strip():
                values[position] = next((row[c] for c in columns if row[c].strip()), value)
        return LeadInput(*values)


def build_mapping(
    headers: Sequence[str],
    explicit: Mapping[str, str] | None = None,
    table: HeaderTable | None = None,
) -> ColumnMapping:
    """Map each header: explicit entries first, then the table (first column wins)."""
    table = table or header_table()
    targets: list[str | None] = [None] * len(headers)
    taken: dict[str, int] = {}
    notes: list[str] = []

    for key, raw_target in (explicit or {}).items():
        target = check_target(raw_target)
        column = _find_column(headers, key, targets)
        targets[column] = target
        if target in LEAD_FIELDS:
            if target in taken:
                raise ValidationError(
                    f"The column mapping sends both “{headers[taken[target]]}” and "
                    f"“{headers[column]}” to {target}; map each field once."
                )
            taken[target] = column
    explicit_columns = {i for i, t in enumerate(targets) if t is not None}
    _leave_out_own_notes(headers, targets, notes)

    matches = {i: table.lookup(h) for i, h in enumerate(headers) if targets[i] is None}
    for tier in (0, 1):
        for i, match in matches.items():
            if match is not None and match[1] == tier and match[0] not in taken:
                targets[i] = match[0]
                taken[match[0]] = i
    backups: dict[str, list[int]] = {}
    for tier in (0, 1):
        for i, match in matches.items():
            if match is None or match[1] != tier or targets[i] is not None:
                continue
            spare = _OVERFLOW.get(match[0])
            if spare is not None and spare not in taken:
                targets[i] = spare
                taken[spare] = i
                continue
            winner = headers[taken[match[0]]]
            if match[0] in CONTACT_FIELDS and taken[match[0]] not in explicit_columns:
                backups.setdefault(match[0], []).append(i)
                notes.append(_backup_note(headers[i], match[0], winner))
            elif tier == 0:
                notes.append(
                    f"column “{headers[i]}” also looks like {match[0]}, but “{winner}” comes "
                    "first; it is kept as extra data"
                )

    _settle_names(headers, targets, taken, explicit_columns, notes)
    return ColumnMapping(
        headers=tuple(headers),
        targets=tuple(t or EXTRA for t in targets),
        notes=tuple(notes),
        backups=tuple((name, tuple(columns)) for name, columns in backups.items()),
    )


def retargeted(mapping: ColumnMapping, targets: Sequence[str]) -> ColumnMapping:
    """``mapping`` with the columns sent where ``targets`` says (one target per column,
    as a person chose them): every lead field at most once. A backup column (see
    ``ColumnMapping.backups``) still fills its field where the field and the backup keep
    their columns; the notes are then only about those (the others were about the
    automatic choice)."""
    if len(targets) != len(mapping.headers):
        raise ValidationError(
            f"The file has {len(mapping.headers)} columns, but {len(targets)} were mapped."
        )
    chosen = tuple(check_target(t) for t in targets)
    seen: dict[str, int] = {}
    for i, target in enumerate(chosen):
        if target in LEAD_FIELDS:
            if target in seen:
                raise ValidationError(
                    f"Both “{mapping.headers[seen[target]]}” and “{mapping.headers[i]}” "
                    f"are mapped to {FIELD_LABELS[target].lower()}; map each field once."
                )
            seen[target] = i
    if chosen == mapping.targets:
        return mapping
    backups = tuple(
        (name, columns)
        for name, columns in mapping.backups
        if seen.get(name) == mapping.column_of(name) and all(chosen[c] == EXTRA for c in columns)
    )
    headers = mapping.headers
    notes = tuple(
        _backup_note(headers[c], name, headers[seen[name]])
        for name, columns in backups
        for c in columns
    )
    return ColumnMapping(headers, chosen, notes, backups)


def _backup_note(header: str, field_name: str, first: str) -> str:
    return (
        f"column “{header}” fills {field_name} where “{first}” is empty; it is also kept as "
        "extra data"
    )


def _leave_out_own_notes(
    headers: Sequence[str], targets: list[str | None], notes: list[str]
) -> None:
    """A file of rows an earlier import left out (``imports.not_imported_csv``), fixed
    and imported again: its line numbers and reasons are not the leads' data."""
    wanted = normalize_header(NOT_IMPORTED_BECAUSE)
    for i, header in enumerate(headers):
        if normalize_header(header) != wanted or targets[i] is not None:
            continue
        left_out = [i]
        if i > 0 and targets[i - 1] is None and normalize_header(headers[i - 1]) in _NUMBERS:
            left_out.insert(0, i - 1)
        for column in left_out:
            targets[column] = IGNORE
        shown = " and ".join(f"“{headers[c]}”" for c in left_out)
        notes.append(f"{shown} (why an earlier import left these rows out) are left out")


_NUMBERS = frozenset({"line", "row"})


def _find_column(headers: Sequence[str], key: str, targets: Sequence[str | None]) -> int:
    for i, header in enumerate(headers):
        if header == key and targets[i] is None:
            return i
    wanted = normalize_header(key)
    for i, header in enumerate(headers):
        if wanted and normalize_header(header) == wanted and targets[i] is None:
            return i
    shown = ", ".join(f"“{h}”" for h in headers)
    raise ValidationError(
        f"The column mapping names “{key}”, which is not a column of this file; "
        f"its columns are {shown}."
    )


def _settle_names(
    headers: Sequence[str],
    targets: list[str | None],
    taken: dict[str, int],
    explicit_columns: set[int],
    notes: list[str],
) -> None:
    """A "Name" next to "Vorname" is the last name (German exports); a full name next to
    first and last name columns is kept as extra data, not silently dropped."""
    column = taken.get("full_name")
    if column is None or column in explicit_columns:
        return
    if "first_name" in taken and "last_name" not in taken:
        targets[column] = "last_name"
        taken["last_name"] = taken.pop("full_name")
    elif "first_name" in taken and "last_name" in taken:
        targets[column] = None
        del taken["full_name"]
        notes.append(
            f"column “{headers[column]}” is kept as extra data: the file has first and last "
            "name columns"
        )


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
