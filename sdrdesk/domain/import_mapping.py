"""Which column of an imported file fills which lead field.

Headers are recognised by ``import_headers`` (a table of the headers common CRMs and
spreadsheets use); the targets a column can have are ``import_fields``'. The
user can name columns explicitly (``Header=field``); those entries win. Every column
that fills no field is kept with the lead under its original header, so nothing in a
file is lost. Pure Python: no Qt, no database.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.import_fields import (
    CONTACT_FIELDS,
    EXTRA,
    IGNORE,
    LEAD_FIELDS,
    check_target,
    field_in_sentence,
)
from sdrdesk.domain.import_headers import HeaderTable, header_table, normalize_header
from sdrdesk.domain.leads import LeadInput
from sdrdesk.i18n import LANGUAGES, N_, _, translator

# The column sdrdesk writes beside the rows an import left out (after the line or row
# number), for the person to fix them and import the file again: both are left out then.
# English; the file is written in the importer's language and read back in any of them.
NOT_IMPORTED_BECAUSE = N_("Not imported because")

# A second column for a field that is taken fills this one if it is still free.
_OVERFLOW = {"phone": "mobile", "mobile": "phone"}


def parse_mapping_text(text: str) -> dict[str, str]:
    """``"Header A=email, Header B=phone"`` (or one entry per line) → {header: field}."""
    mapping: dict[str, str] = {}
    for item in re.split(r"[,\n]", text):
        if not item.strip():
            continue
        header, sep, target = item.rpartition("=")
        if not sep or not header.strip():
            raise ValidationError(
                _(
                    "“{item}” in the column mapping is not of the form Header=field "
                    "(e.g. “Mail=email,Handy=mobile”)."
                ).format(item=item.strip())
            )
        mapping[header.strip()] = check_target(target)
    if not mapping:
        raise ValidationError(_("The column mapping is empty; write it as Header=field,…"))
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
            key = header.strip() or _("Column {number}").format(number=number)
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
                    _(
                        "The column mapping sends both “{first}” and “{second}” to {field}; "
                        "map each field once."
                    ).format(
                        first=headers[taken[target]],
                        second=headers[column],
                        field=field_in_sentence(target),
                    )
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
                    _(
                        "column “{header}” also looks like {field}, but “{winner}” comes "
                        "first; it is kept as extra data"
                    ).format(header=headers[i], field=field_in_sentence(match[0]), winner=winner)
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
            _("The file has {columns} columns, but {mapped} were mapped.").format(
                columns=len(mapping.headers), mapped=len(targets)
            )
        )
    chosen = tuple(check_target(t) for t in targets)
    seen: dict[str, int] = {}
    for i, target in enumerate(chosen):
        if target in LEAD_FIELDS:
            if target in seen:
                raise ValidationError(
                    _(
                        "Both “{first}” and “{second}” are mapped to {field}; map each field once."
                    ).format(
                        first=mapping.headers[seen[target]],
                        second=mapping.headers[i],
                        field=field_in_sentence(target),
                    )
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
    return _(
        "column “{header}” fills {field} where “{first}” is empty; it is also kept as extra data"
    ).format(header=header, field=field_in_sentence(field_name), first=first)


def _leave_out_own_notes(
    headers: Sequence[str], targets: list[str | None], notes: list[str]
) -> None:
    """A file of rows an earlier import left out (``imports.not_imported_csv``), fixed
    and imported again: its line numbers and reasons are not the leads' data."""
    wanted = {
        normalize_header(translator(lang).gettext(NOT_IMPORTED_BECAUSE)) for lang in LANGUAGES
    }
    numbers = {
        normalize_header(translator(lang).gettext(n)) for n in _NUMBERS for lang in LANGUAGES
    }
    for i, header in enumerate(headers):
        if normalize_header(header) not in wanted or targets[i] is not None:
            continue
        left_out = [i]
        if i > 0 and targets[i - 1] is None and normalize_header(headers[i - 1]) in numbers:
            left_out.insert(0, i - 1)
        for column in left_out:
            targets[column] = IGNORE
        shown = _(" and ").join(f"“{headers[c]}”" for c in left_out)
        notes.append(
            _("{columns} (why an earlier import left these rows out) are left out").format(
                columns=shown
            )
        )


# The unit column beside it, as the file of rows left out names it (its first column).
_NUMBERS = (N_("Line"), N_("Row"))


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
        _(
            "The column mapping names “{key}”, which is not a column of this file; "
            "its columns are {columns}."
        ).format(key=key, columns=shown)
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
            _(
                "column “{header}” is kept as extra data: the file has first and last name columns"
            ).format(header=headers[column])
        )
