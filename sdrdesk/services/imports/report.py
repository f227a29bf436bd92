"""What an import reports: every row's fate, and a summary for people."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sdrdesk.i18n import N_, _, format_number, ngettext

_SUMMARY_WARNINGS = 50
LINE = N_("line")
ROW = N_("row")
DELIMITER_NAMES = (N_("comma"), N_("semicolon"), N_("tab"), N_("pipe"))


@dataclass(frozen=True, slots=True)
class RowIssue:
    """Something about one row (``line`` is where its record starts in the file), or
    about the whole file (``line`` is ``None``)."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.shown("line")

    def shown(self, unit: str) -> str:
        """``"line 4: …"`` (``unit`` names what the number counts: a file's lines, a
        sheet's rows)."""
        text = " ↵ ".join(self.message.splitlines())  # one issue, one line
        if self.line is None:
            return text
        shown = _(ROW) if unit == "row" else _(LINE) if unit == "line" else unit
        return f"{shown} {format_number(self.line)}: {text}"


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
    unit: str = "line"  # what an issue's number counts: "row" in an Excel workbook

    def summary(self, labels: Mapping[str, str] | None = None) -> str:
        """The report for people; ``labels``: how fields are named (``FIELD_LABELS``, as
        the import dialog names them), else by the names ``--mapping`` takes."""
        counts = {
            "imported": format_number(self.imported),
            "total": format_number(self.rows_total),
            "file": self.file_name,
            "encoding": _(self.encoding) if self.encoding else "",
            "delimiter": _(self.delimiter) if self.delimiter in DELIMITER_NAMES else self.delimiter,
        }
        if self.dry_run:
            head = ngettext(
                "Dry run: would import {imported} of {total} row from {file} "
                "({encoding}, {delimiter}); nothing was written.",
                "Dry run: would import {imported} of {total} rows from {file} "
                "({encoding}, {delimiter}); nothing was written.",
                self.rows_total,
            ).format(**counts)
        else:
            head = ngettext(
                "Imported {imported} of {total} row from {file} ({encoding}, {delimiter}).",
                "Imported {imported} of {total} rows from {file} ({encoding}, {delimiter}).",
                self.rows_total,
            ).format(**counts)
        parts = [head]
        tally = []
        if self.duplicates:
            n = len(self.duplicates)
            tally.append(ngettext("{n} duplicate", "{n} duplicates", n).format(n=format_number(n)))
        if self.skipped:
            n = len(self.skipped)
            tally.append(
                ngettext("{n} row skipped", "{n} rows skipped", n).format(n=format_number(n))
            )
        if self.warnings:
            n = len(self.warnings)
            tally.append(ngettext("{n} warning", "{n} warnings", n).format(n=format_number(n)))
        if tally:
            parts.append(_("{tally}.").format(tally=", ".join(tally)))
        if labels is None:
            used = [f"{h} → {t}" for h, t in self.mapping.items() if t != "extra"]
            left_out = []
        else:
            used = [f"{h} → {labels.get(t, t)}" for h, t in self.mapping.items()
                    if t not in ("extra", "ignore")]  # fmt: skip
            left_out = [h for h, t in self.mapping.items() if t == "ignore"]
        kept = [h for h, t in self.mapping.items() if t == "extra"]
        parts.append(_("Columns: {columns}.").format(columns=", ".join(used)))
        if kept:
            parts.append(_("Kept as extra data: {columns}.").format(columns=", ".join(kept)))
        if left_out:
            parts.append(_("Left out: {columns}.").format(columns=", ".join(left_out)))
        if self.dates_dayfirst is not None:
            parts.append(
                _("Dates like 03/04/2026 were read as 3 April (day first).")
                if self.dates_dayfirst
                else _("Dates like 03/04/2026 were read as March 4 (month first).")
            )
        lines = [" ".join(parts)]
        for title, issues, limit in (
            (_("Duplicates (not imported)"), self.duplicates, None),
            (_("Skipped"), self.skipped, None),
            (_("Warnings"), self.warnings, _SUMMARY_WARNINGS),
        ):
            if not issues:
                continue
            lines.append(_("{title}:").format(title=title))
            shown = issues if limit is None else issues[:limit]
            lines.extend(f"  {issue.shown(self.unit)}" for issue in shown)
            if len(issues) > len(shown):
                more = len(issues) - len(shown)
                lines.append(
                    "  "
                    + ngettext(
                        "… and {n} more (kept in the import's report)",
                        "… and {n} more (kept in the import's report)",
                        more,
                    ).format(n=format_number(more))
                )
        return "\n".join(lines)
