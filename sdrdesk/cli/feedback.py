"""``sdrdesk feedback``: the leads sent back to marketing, as CSV, JSON or Excel, and
``sdrdesk digest``: the same period summed up for a mail."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdrdesk.cli.common import UsageError, open_for, product_option
from sdrdesk.cli.output import format_number
from sdrdesk.i18n import _, list_separator, ngettext
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
        "--since",
        metavar=_("DATE"),
        type=_date,
        help=_("first day, YYYY-MM-DD (default: 6 days before --until)"),
    )
    period.add_argument(
        "--until", metavar=_("DATE"), type=_date, help=_("last day, included (default: today)")
    )
    period.add_argument("--source", metavar=_("SOURCE"), help=_("only leads from this source"))
    period.add_argument(
        "--product", metavar=_("PRODUCT"), help=_("only leads of this product (its name)")
    )

    p = sub.add_parser(
        "feedback",
        parents=[common, period],
        help=_("export the rejected and disqualified leads for marketing"),
        description=_(
            "One row per lead rejected or disqualified in the period (source, "
            "campaign, reason, comment, SDR, dates), plus a summary by campaign. CSV is UTF-8 "
            "with BOM; cells that a spreadsheet would run as formulas are neutralised. "
            "Under a locale that writes decimal commas (German …) the CSV is separated by "
            "semicolons, as Excel there expects; --delimiter overrides that."
        ),
    )
    p.add_argument(
        "--format",
        choices=[f.value for f in ExportFormat],
        default=None,
        help=_("csv, json or xlsx (default: from the file name, else csv)"),
    )
    p.add_argument(
        "--delimiter",
        choices=sorted(DELIMITERS),
        default=None,
        help=_(
            "CSV separator (default: 'semicolon' where the locale writes decimal commas, "
            "as German Excel expects, else 'comma')"
        ),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar=_("FILE"),
        type=Path,
        help=_(
            "file to write (CSV: the campaign summary goes beside it as NAME-by-campaign.csv;"
            " default: standard output, except for xlsx)"
        ),
    )
    p.set_defaults(handler=cmd_feedback)

    p = sub.add_parser(
        "digest",
        parents=[common, period],
        help=_("a summary of the period's feedback, for a mail to marketing"),
    )
    p.add_argument("--html", action="store_true", help=_("HTML instead of plain text"))
    p.set_defaults(handler=cmd_digest)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a date (use YYYY-MM-DD)").format(text=text)
        ) from None


def _collect(args: argparse.Namespace) -> Feedback:
    from sdrdesk.services.feedback import FeedbackService
    from sdrdesk.services.reports import period_from_dates

    app_ctx = open_for(args)
    until = args.until or app_ctx.services.now().astimezone().date()
    since = args.since or until - timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        raise UsageError(
            _("--since {since} is after --until {until}").format(since=since, until=until)
        )
    return FeedbackService(app_ctx.services).collect(
        period_from_dates(since, until, source=args.source, product=product_option(args, app_ctx))
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
        raise UsageError(_("--format xlsx needs -o FILE (an Excel file cannot go to the terminal)"))
    feedback = _collect(args)
    delimiter = DELIMITERS[args.delimiter] if args.delimiter else list_separator()
    if args.output is None:
        if fmt is ExportFormat.JSON:
            sys.stdout.write(feedback_json(feedback))
        else:
            sys.stdout.write(feedback_csv(feedback, delimiter).replace("\r\n", "\n"))
        return 0
    written = write_feedback(feedback, args.output, fmt, delimiter=delimiter)
    leads = ngettext("{count} lead", "{count} leads", len(feedback.rows)).format(
        count=format_number(len(feedback.rows))
    )
    campaigns = ngettext("{count} campaign", "{count} campaigns", len(feedback.summary)).format(
        count=format_number(len(feedback.summary))
    )
    files = str(written[0])
    if len(written) > 1:  # CSV: the leads and the campaign summary beside them
        files = _("{first} and {second}").format(first=written[0], second=written[1])
    print(
        _("Wrote {leads} sent back and {campaigns} to {files}.").format(
            leads=leads, campaigns=campaigns, files=files
        )
    )
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    from sdrdesk.services.feedback import build_digest

    digest = build_digest(_collect(args))
    sys.stdout.write(digest.html + "\n" if args.html else digest.text)
    return 0
