"""Writing the marketing feedback as CSV, JSON or XLSX, safe to open in a spreadsheet.

CSV is UTF-8 with a byte-order mark (so Excel reads the umlauts), comma- or
semicolon-separated (German Excel expects semicolons). Text that a spreadsheet would
run as a formula — a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return (and their full-width forms) — is neutralised as OWASP recommends: prefixed with
a single quote and quoted. In XLSX such text is written as a text cell with Excel's
"quote prefix" (never as a formula), so it shows as typed and stays text when edited.
Every text is first cleaned of the characters a file cannot hold
(``domain.safe_text.for_file``), in CSV, JSON and XLSX alike.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.safe_text import for_file, value_for_file
from sdrdesk.files import write_private
from sdrdesk.i18n import N_, _, current_language, decimal_separator, list_separator
from sdrdesk.services.cells import cell, is_dangerous
from sdrdesk.services.reason_labels import reason_label
from sdrdesk.services.reports.common import NO_CAMPAIGN, NO_SOURCE

if TYPE_CHECKING:
    from sdrdesk.services.feedback.service import CampaignSummary, Feedback, FeedbackRow


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"


_CSV_DATETIME = {"de": "%d.%m.%Y %H:%M"}
"""How a CSV cell holds a date and time where ISO is not what the locale's Excel shows."""

DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}

ROW_HEADER = (
    N_("Lead ID"),
    N_("External ID"),
    N_("Name"),
    N_("Company"),
    N_("E-mail"),
    N_("Source"),
    N_("Campaign"),
    N_("Decision"),
    N_("Reason code"),
    N_("Reason"),
    N_("Comment"),
    N_("SDR"),
    N_("Handed off"),
    N_("Decided"),
)
SUMMARY_HEADER = (
    N_("Source"),
    N_("Campaign"),
    N_("Triaged"),
    N_("Accepted"),
    N_("Rejected"),
    N_("Rejection rate"),
    N_("Disqualified"),
    N_("Top reasons"),
)


ROWS_SHEET = N_("Rejected leads")
SUMMARY_SHEET = N_("By campaign")
RATE_COLUMN = SUMMARY_HEADER[5]


def _header(header: Sequence[str]) -> list[str]:
    """A header row in the current language."""
    return [_(h) for h in header]


def _local(at: datetime) -> datetime:
    return at.astimezone().replace(tzinfo=None, microsecond=0)


def _row_values(r: FeedbackRow) -> list[Any]:
    return [
        r.lead_id,
        r.external_id,
        r.name,
        r.company,
        r.email,
        r.source,
        r.campaign,
        r.decision,
        r.reason_code,
        r.reason_label,
        r.comment,
        r.sdr,
        _local(r.handed_off_at),
        _local(r.decided_at),
    ]


def _human_row(r: FeedbackRow) -> list[Any]:
    """A row for people (CSV, XLSX): the decision and the set-up's reasons translated."""
    values = _row_values(r)
    values[5] = _(r.source) if r.source == NO_SOURCE else r.source
    values[6] = _(r.campaign) if r.campaign == NO_CAMPAIGN else r.campaign
    values[7] = _(r.decision)
    values[9] = reason_label(r.reason_code or None, r.reason_label)
    return values


def _top(s: CampaignSummary) -> str:
    return "; ".join(f"{reason_label(None, label)} ({n})" for label, n in s.top_reasons)


def _summary_values(s: CampaignSummary) -> list[Any]:
    rate = s.rejection_rate
    return [
        _(s.source) if s.source == NO_SOURCE else s.source,
        _(s.campaign) if s.campaign == NO_CAMPAIGN else s.campaign,
        s.triaged,
        s.accepted,
        s.rejected,
        None if rate is None else round(rate, 4),
        s.disqualified,
        _top(s),
    ]


def csv_text(header: Sequence[str], rows: Iterable[list[Any]], delimiter: str) -> str:
    """A CSV for people: dates and decimal commas as the language writes them, every text
    cleaned for the file (``for_file``), a row with a formula-like cell quoted whole and
    made inert (the feedback export and the SQL export alike)."""
    out = io.StringIO()
    plain = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    plain.writerow(header)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, datetime):
                value = value.strftime(_CSV_DATETIME.get(current_language(), "%Y-%m-%d %H:%M"))
            elif isinstance(value, float):
                value = str(value).replace(".", decimal_separator())
            cells.append(
                "" if value is None else for_file(value) if isinstance(value, str) else value
            )
        # Quote every cell of a row that carries neutralised text, as OWASP advises.
        if any(isinstance(c, str) and is_dangerous(c) for c in cells):
            quoted = csv.writer(
                out, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_ALL
            )
            quoted.writerow([cell(c) for c in cells])
        else:
            plain.writerow(cells)
    return out.getvalue()


def feedback_csv(feedback: Feedback, delimiter: str | None = None) -> str:
    """The leads as CSV for the current language: its headers, labels, dates and decimal
    separator; ``delimiter`` ``None``: the one the locale's spreadsheets expect (``;``
    in German)."""
    rows = (_human_row(r) for r in feedback.rows)
    return csv_text(_header(ROW_HEADER), rows, delimiter or list_separator())


def summary_csv(feedback: Feedback, delimiter: str | None = None) -> str:
    rows = (_summary_values(s) for s in feedback.summary)
    return csv_text(_header(SUMMARY_HEADER), rows, delimiter or list_separator())


def summary_path(path: Path) -> Path:
    """Where the campaign summary of a CSV export goes: beside it."""
    return path.with_name(f"{path.stem}-by-campaign{path.suffix or '.csv'}")


def feedback_json(feedback: Feedback) -> str:
    def iso(at: datetime) -> str:
        return at.isoformat()

    data = {
        "period": {"since": iso(feedback.period.since), "until": iso(feedback.period.until)},
        "generated_at": iso(feedback.generated_at),
        "leads": [
            dict(
                zip(
                    (
                        "lead_id",
                        "external_id",
                        "name",
                        "company",
                        "email",
                        "source",
                        "campaign",
                        "decision",
                        "reason_code",
                        "reason",
                        "comment",
                        "sdr",
                    ),
                    _row_values(r)[:12],
                    strict=True,
                ),
                handed_off_at=iso(r.handed_off_at),
                decided_at=iso(r.decided_at),
            )
            for r in feedback.rows
        ],
        "by_campaign": [
            {
                "source": s.source,
                "campaign": s.campaign,
                "triaged": s.triaged,
                "accepted": s.accepted,
                "rejected": s.rejected,
                "rejection_rate": s.rejection_rate,
                "disqualified": s.disqualified,
                "top_reasons": [{"reason": label, "leads": n} for label, n in s.top_reasons],
            }
            for s in feedback.summary
        ],
    }
    return json.dumps(value_for_file(data), ensure_ascii=False, indent=2) + "\n"


def write_feedback(
    feedback: Feedback, path: Path, fmt: ExportFormat, *, delimiter: str | None = None
) -> list[Path]:
    """Write the export (CSV: two files, the leads and the summary); returns the files."""
    try:
        if fmt is ExportFormat.CSV:
            extra = summary_path(path)
            _write_text(path, "\ufeff" + feedback_csv(feedback, delimiter))
            _write_text(extra, "\ufeff" + summary_csv(feedback, delimiter))
            return [path, extra]
        if fmt is ExportFormat.JSON:
            _write_text(path, feedback_json(feedback))
            return [path]
        from sdrdesk.services.feedback.xlsx import write_workbook

        write_workbook(
            path,
            [
                (_(ROWS_SHEET), _header(ROW_HEADER), [_human_row(r) for r in feedback.rows]),
                (
                    _(SUMMARY_SHEET),
                    _header(SUMMARY_HEADER),
                    [_summary_values(s) for s in feedback.summary],
                ),
            ],
            percent_columns={_(SUMMARY_SHEET): {_(RATE_COLUMN)}},
        )
        return [path]
    except OSError as exc:
        raise ValidationError(
            _("Could not write {path}: {value}.").format(path=path, value=exc.strerror or exc)
        ) from exc


def _write_text(path: Path, text: str) -> None:
    # The CSV's own CRLF line ends are kept; 0600 (``sdrdesk.files``).
    write_private(path, text)
