"""``sdrdesk feedback``: the leads sent back to marketing, as CSV, JSON or Excel, and
``sdrdesk digest``: the same period summed up for a mail."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdrdesk.cli.common import UsageError, open_for
from sdrdesk.domain.wording import counted
from sdrdesk.services.feedback import (
    DELIMITERS,
    ExportFormat,
    feedback_csv,
    feedback_json,
    write_feedback,
)

if TYPE_CHECKING:
    from sdrdesk.services.feedback import Feedback

DEFAULT_DAYS = 7


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    period = argparse.ArgumentParser(add_help=False)
    period.add_argument(
        "--since", type=_date, help="first day, YYYY-MM-DD (default: 6 days before --until)"
    )
    period.add_argument("--until", type=_date, help="last day, included (default: today)")
    period.add_argument("--source", help="only leads from this source")

    p = sub.add_parser(
        "feedback",
        parents=[common, period],
        help="export the rejected and disqualified leads for marketing",
        description="One row per lead rejected or disqualified in the period (source, "
        "campaign, reason, comment, SDR, dates), plus a summary by campaign. CSV is UTF-8 "
        "with BOM; cells that a spreadsheet would run as formulas are neutralised.",
    )
    p.add_argument("--format", choices=[f.value for f in ExportFormat], default=None)
    p.add_argument(
        "--delimiter",
        choices=sorted(DELIMITERS),
        default="comma",
        help="CSV separator; 'semicolon' for Excel in German and other European locales",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="file to write (CSV: the campaign summary goes beside it as NAME-by-campaign.csv;"
        " default: standard output, except for xlsx)",
    )
    p.set_defaults(handler=cmd_feedback)

    p = sub.add_parser(
        "digest",
        parents=[common, period],
        help="a summary of the period's feedback, for a mail to marketing",
    )
    p.add_argument("--html", action="store_true", help="HTML instead of plain text")
    p.set_defaults(handler=cmd_digest)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date (use YYYY-MM-DD)") from None


def _collect(args: argparse.Namespace) -> Feedback:
    from sdrdesk.services.feedback import FeedbackService
    from sdrdesk.services.reports import period_from_dates

    app_ctx = open_for(args)
    until = args.until or app_ctx.services.now().astimezone().date()
    since = args.since or until - timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    return FeedbackService(app_ctx.services).collect(
        period_from_dates(since, until, source=args.source)
    )


def _format(args: argparse.Namespace) -> ExportFormat:
    if args.format:
        return ExportFormat(args.format)
    if args.output is not None:
        suffix = args.output.suffix.lower().lstrip(".")
        if suffix in {f.value for f in ExportFormat}:
            return ExportFormat(suffix)
    return ExportFormat.CSV


def cmd_feedback(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if fmt is ExportFormat.XLSX and args.output is None:
        raise UsageError("--format xlsx needs -o FILE (an Excel file cannot go to the terminal)")
    feedback = _collect(args)
    delimiter = DELIMITERS[args.delimiter]
    if args.output is None:
        if fmt is ExportFormat.JSON:
            sys.stdout.write(feedback_json(feedback))
        else:
            sys.stdout.write(feedback_csv(feedback, delimiter).replace("\r\n", "\n"))
        return 0
    written = write_feedback(feedback, args.output, fmt, delimiter=delimiter)
    print(
        f"Wrote {counted(len(feedback.rows), 'lead')} sent back and "
        f"{counted(len(feedback.summary), 'campaign')} to "
        + " and ".join(str(p) for p in written)
        + "."
    )
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    from sdrdesk.services.feedback import build_digest

    digest = build_digest(_collect(args))
    sys.stdout.write(digest.html + "\n" if args.html else digest.text)
    return 0
