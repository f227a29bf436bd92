"""Lead commands: import, leads, events, sample-data."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from sdrdesk.cli.common import acting_user, open_for, product_option
from sdrdesk.cli.output import format_number, print_table, when
from sdrdesk.domain.errors import PermissionDeniedError, SdrdeskError
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.safe_text import value_for_file
from sdrdesk.i18n import _, ngettext, pgettext
from sdrdesk.services.results import LeadSummary, to_jsonable


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help=_("import MQLs from a CSV file or spreadsheet"),
        description=_(
            "Import marketing-qualified leads from a CSV export (HubSpot, Salesforce, "
            "Zoho, Pipedrive, Excel …). Encoding, delimiter and columns are detected."
        ),
    )
    p.add_argument("file", metavar=_("FILE"), type=Path, help=_("the CSV file or spreadsheet"))
    p.add_argument(
        "--mapping",
        metavar=_("MAPPING"),
        help=_(
            "column mapping, e.g. 'Mail=email,Tel.=phone' or a .json/.toml file "
            "{header: field}; use 'ignore' to skip a column"
        ),
    )
    p.add_argument(
        "--default-region",
        metavar=_("COUNTRY"),
        help=_("country for phone numbers without +code (e.g. DE)"),
    )
    p.add_argument("--dry-run", action="store_true", help=_("check the file, change nothing"))
    p.add_argument(
        "--sheet",
        metavar=_("SHEET"),
        help=_("of a spreadsheet, the sheet to import (default: the one open when it was saved)"),
    )
    p.add_argument(
        "--not-imported",
        type=Path,
        metavar="OUT.csv",
        help=_(
            "also write the rows skipped or found duplicate, as the file had them, each "
            "with its line and why (to fix and import again)"
        ),
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("leads", parents=[common], help=_("list leads"))
    p.add_argument(
        "--status",
        metavar=_("STATUS"),
        type=_status,
        help=_("only leads with this status: {statuses}").format(
            statuses=", ".join(s.value for s in Status)
        ),
    )
    p.add_argument("--owner", metavar=_("USER"), help=_("only leads owned by this user"))
    p.add_argument(
        "--product", metavar=_("PRODUCT"), help=_("only leads of this product (its name)")
    )
    p.add_argument("--limit", metavar=_("COUNT"), type=int, help=_("at most this many"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument(
        "--format",
        choices=("csv", "json", "xlsx"),
        help=_("with --status sql: the SQLs with their demo and qualification, as a file"),
    )
    p.add_argument("-o", "--output", type=Path, help=_("file to write (xlsx needs one)"))
    p.set_defaults(handler=cmd_leads)

    p = sub.add_parser("events", parents=[common], help=_("show the history of leads"))
    p.add_argument("--lead", metavar="ID", type=int, help=_("only this lead's events"))
    p.add_argument("--after", metavar="ID", type=int, help=_("only events after this event id"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=cmd_events)

    p = sub.add_parser(
        "sample-data", parents=[common], help=_("fill the store with realistic demo leads")
    )
    p.add_argument(
        "--count",
        metavar=_("COUNT"),
        type=int,
        default=200,
        help=_("how many leads (default %(default)s)"),
    )
    p.add_argument(
        "--seed",
        metavar=_("NUMBER"),
        type=int,
        help=_("random seed, for the same leads every time"),
    )
    p.set_defaults(handler=cmd_sample_data)


def _status(text: str) -> Status:
    try:
        return Status(text.strip().lower())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("unknown status “{status}” (use one of {statuses})").format(
                status=text, statuses=", ".join(s.value for s in Status)
            )
        ) from None


def cmd_import(args: argparse.Namespace) -> int:
    from sdrdesk.services.imports import (
        ImportService,
        given_region,
        not_imported_csv,
        parse_mapping,
    )

    mapping = parse_mapping(args.mapping) if args.mapping else None
    # Where national numbers are read: this region, else as decide_region decides.
    region = given_region(args.default_region)
    app_ctx = open_for(args)
    user = acting_user(args, app_ctx)
    service = ImportService(app_ctx.services)
    # To write the rows left out, the file is read first and kept (else it is read as
    # the workers start, which is faster for a big file), and the output is opened first:
    # a path that cannot be written stops the import before it writes anything.
    existed = args.not_imported is not None and args.not_imported.exists()
    out = _open_output(args.not_imported) if args.not_imported else None
    try:
        prepared = (
            service.preview(args.file, sheet=args.sheet, mapping=mapping)
            if out is not None
            else None
        )
        report = service.run(
            args.file,
            actor_id=user.id,
            mapping=None if prepared else mapping,
            default_region=region,
            dry_run=args.dry_run,
            sheet=args.sheet,
            prepared=prepared,
        )
    except BaseException:
        if out is not None:
            out.close()  # as it was: opened for appending, nothing written
            if not existed:
                Path(out.name).unlink(missing_ok=True)
        raise
    print(report.summary())
    if out is not None and prepared is not None:
        with out:
            out.seek(0)
            out.truncate()
            out.write(not_imported_csv(prepared, report))
        left_out = len(report.skipped) + len(report.duplicates)
        print(
            ngettext(
                "Wrote {count} row not imported to {file}.",
                "Wrote {count} rows not imported to {file}.",
                left_out,
            ).format(count=format_number(left_out), file=out.name)
        )
    rules = app_ctx.services.assignment
    if rules.assigns and report.imported and not args.dry_run:
        from sdrdesk.services.leads import AssignmentService

        try:
            result = AssignmentService(app_ctx.services).route_new(
                report.imported_ids, actor_id=user.id
            )
        except PermissionDeniedError:
            # The import is saved; on a team database only a manager gives leads to others.
            print(
                _(
                    "The new leads wait in the team pool: your role may not give them out by "
                    "{rules}; a manager does (`sdrdesk assign --auto`)."
                ).format(rules=rules.source)
            )
            return 0
        given = ", ".join(
            f"{format_number(n)} {name}" for name, n in sorted(result.assigned.items())
        )
        print(
            _("Assigned by {rules}: {given}.").format(
                rules=rules.source, given=given or _("nothing")
            )
        )
    return 0


def _open_output(path: Path) -> TextIO:
    """``path`` opened to be written after the import; for appending, so that an existing
    file is left as it was if the import fails."""
    try:
        return path.open("a", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SdrdeskError(
            _("{path} cannot be written ({reason}); nothing was imported.").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc


def cmd_leads(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import LeadService

    if args.format or args.output:
        from sdrdesk.cli.webhooks import export_sqls

        return export_sqls(args)
    app_ctx = open_for(args)
    args.product = product_option(args, app_ctx)
    service = LeadService(app_ctx.services)
    if args.json:
        records = service.list_records(
            status=args.status, owner=args.owner, limit=args.limit, product=args.product
        )
        data = [
            {
                **to_jsonable(r.summary),
                "name": r.summary.name,
                **{k: v for k, v in to_jsonable(r).items() if k != "summary"},
            }
            for r in records
        ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    _print_table(
        service.list_leads(
            status=args.status, owner=args.owner, limit=args.limit, product=args.product
        )
    )
    return 0


def _print_table(leads: list[LeadSummary]) -> None:
    if not leads:
        print(_("No leads."))
        return
    header = (
        pgettext("table column", "ID"),
        pgettext("table column", "Status"),
        pgettext("table column", "Name"),
        pgettext("table column", "Company"),
        pgettext("table column", "Country"),
        pgettext("table column", "Phone"),
        pgettext("table column", "Source"),
        pgettext("table column", "Score"),
        pgettext("table column", "Handed off"),
    )
    rows = [
        (
            str(lead.id),
            lead.status.value,
            lead.name,
            lead.company or "",
            lead.country or "",
            lead.phone_e164 or "",
            lead.source or "",
            "" if lead.score is None else format_number(lead.score),
            when(lead.handed_off_at),
        )
        for lead in leads
    ]
    print_table(header, rows)


def cmd_events(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import LeadService

    app_ctx = open_for(args)
    events = LeadService(app_ctx.services).events(args.lead, after_id=args.after)
    if args.json:
        rows = value_for_file([to_jsonable(e) for e in events])
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for e in events:
        comment = f" — {e.comment}" if e.comment else ""
        print(
            _("#{event}  lead {lead}  {when}  {what}").format(
                event=e.id, lead=e.lead_id, when=when(e.at, seconds=True), what=e.description
            )
            + comment
        )
        if e.handed_off_at is not None:  # an import: marketing's own hand-off time
            print("    " + _("Handed off by marketing: {when}").format(when=when(e.handed_off_at)))
    if not events:
        print(_("No events."))
    return 0


def cmd_sample_data(args: argparse.Namespace) -> int:
    from sdrdesk.services.sample_data import SampleDataService

    app_ctx = open_for(args)
    user = acting_user(args, app_ctx)
    result = SampleDataService(app_ctx.services).generate(
        args.count, actor_id=user.id, seed=args.seed
    )
    print(
        ngettext(
            "Added {count} sample lead to {store}.",
            "Added {count} sample leads to {store}.",
            result.created,
        ).format(count=format_number(result.created), store=app_ctx.store.display_url)
    )
    if result.skipped_duplicates:
        print(
            ngettext(
                "Skipped {count} that was already in the store.",
                "Skipped {count} that were already in the store.",
                result.skipped_duplicates,
            ).format(count=format_number(result.skipped_duplicates))
        )
    if result.users_created:
        print(_("Added the demo team: {names}.").format(names=", ".join(result.users_created)))
    return 0
