"""What an import reports: every row's fate, and a summary for people."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sdrdesk.domain.wording import counted

_SUMMARY_WARNINGS = 50


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
        return f"{unit} {self.line}: {text}" if self.line is not None else text


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
        counts = f"{self.imported:,} of {self.rows_total:,} rows from {self.file_name}"
        how = f"({self.encoding}, {self.delimiter})"
        if self.dry_run:
            head = f"Dry run: would import {counts} {how}; nothing was written."
        else:
            head = f"Imported {counts} {how}."
        parts = [head]
        tally = []
        if self.duplicates:
            tally.append(counted(len(self.duplicates), "duplicate"))
        if self.skipped:
            tally.append(counted(len(self.skipped), "row") + " skipped")
        if self.warnings:
            tally.append(counted(len(self.warnings), "warning"))
        if tally:
            parts.append(", ".join(tally).capitalize() + ".")
        if labels is None:
            used = [f"{h} → {t}" for h, t in self.mapping.items() if t != "extra"]
            left_out = []
        else:
            used = [f"{h} → {labels.get(t, t)}" for h, t in self.mapping.items()
                    if t not in ("extra", "ignore")]  # fmt: skip
            left_out = [h for h, t in self.mapping.items() if t == "ignore"]
        kept = [h for h, t in self.mapping.items() if t == "extra"]
        parts.append("Columns: " + ", ".join(used) + ".")
        if kept:
            parts.append("Kept as extra data: " + ", ".join(kept) + ".")
        if left_out:
            parts.append("Left out: " + ", ".join(left_out) + ".")
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
            lines.extend(f"  {issue.shown(self.unit)}" for issue in shown)
            if len(issues) > len(shown):
                lines.append(
                    f"  … and {len(issues) - len(shown)} more (kept in the import's report)"
                )
        return "\n".join(lines)
