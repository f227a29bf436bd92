"""Lead commands: import, leads, events, sample-data."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from sdrdesk.cli.common import acting_user, open_for
from sdrdesk.domain.errors import PermissionDeniedError, SdrdeskError
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.wording import counted
from sdrdesk.i18n import _
from sdrdesk.services.results import LeadSummary, to_jsonable


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import MQLs from a CSV file or spreadsheet",
        description="Import marketing-qualified leads from a CSV export (HubSpot, Salesforce, "
        "Zoho, Pipedrive, Excel …). Encoding, delimiter and columns are detected.",
    )
    p.add_argument("file", type=Path, help="the CSV file or spreadsheet")
    p.add_argument(
        "--mapping",
        help="column mapping, e.g. 'Mail=email,Tel.=phone' or a .json/.toml file "
        "{header: field}; use 'ignore' to skip a column",
    )
    p.add_argument("--default-region", help="country for phone numbers without +code (e.g. DE)")
    p.add_argument("--dry-run", action="store_true", help="check the file, change nothing")
    p.add_argument(
        "--sheet",
        help="of a spreadsheet, the sheet to import (default: the one open when it was saved)",
    )
    p.add_argument(
        "--not-imported",
        type=Path,
        metavar="OUT.csv",
        help="also write the rows skipped or found duplicate, as the file had them, each "
        "with its line and why (to fix and import again)",
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("leads", parents=[common], help="list leads")
    p.add_argument(
        "--status",
        type=_status,
        help="only leads with this status: " + ", ".join(s.value for s in Status),
    )
    p.add_argument("--owner", help="only leads owned by this user")
    p.add_argument("--limit", type=int, help="at most this many")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--format",
        choices=("csv", "json", "xlsx"),
        help=_("with --status sql: the SQLs with their demo and qualification, as a file"),
    )
    p.add_argument("-o", "--output", type=Path, help=_("file to write (xlsx needs one)"))
    p.set_defaults(handler=cmd_leads)

    p = sub.add_parser("events", parents=[common], help="show the history of leads")
    p.add_argument("--lead", type=int, help="only this lead's events")
    p.add_argument("--after", type=int, help="only events after this event id")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_events)

    p = sub.add_parser(
        "sample-data", parents=[common], help="fill the store with realistic demo leads"
    )
    p.add_argument("--count", type=int, default=200, help="how many leads (default 200)")
    p.add_argument("--seed", type=int, help="random seed, for the same leads every time")
    p.set_defaults(handler=cmd_sample_data)


def _status(text: str) -> Status:
    try:
        return Status(text.strip().lower())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"unknown status “{text}” (use one of {', '.join(s.value for s in Status)})"
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
        left_out = counted(len(report.skipped) + len(report.duplicates), "row")
        print(f"Wrote {left_out} not imported to {out.name}.")
    rules = app_ctx.services.assignment
    if rules.assigns and report.imported and not args.dry_run:
        from sdrdesk.services.leads import AssignmentService

        try:
            result = AssignmentService(app_ctx.services).distribute(
                rules, actor_id=user.id, after_import=True
            )
        except PermissionDeniedError:
            # The import is saved; on a team database only a manager gives leads to others.
            print(
                f"The new leads wait in the team pool: your role may not give them out by "
                f"{rules.source}; a manager does (`sdrdesk assign --auto`)."
            )
            return 0
        given = ", ".join(f"{n} {name}" for name, n in sorted(result.assigned.items()))
        print(f"Assigned by {rules.source}: {given or 'nothing'}.")
    return 0


def _open_output(path: Path) -> TextIO:
    """``path`` opened to be written after the import; for appending, so that an existing
    file is left as it was if the import fails."""
    try:
        return path.open("a", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SdrdeskError(
            f"{path} cannot be written ({exc.strerror or exc}); nothing was imported."
        ) from exc


def cmd_leads(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import LeadService

    if args.format or args.output:
        from sdrdesk.cli.webhooks import export_sqls

        return export_sqls(args)
    app_ctx = open_for(args)
    service = LeadService(app_ctx.services)
    if args.json:
        records = service.list_records(status=args.status, owner=args.owner, limit=args.limit)
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
    _print_table(service.list_leads(status=args.status, owner=args.owner, limit=args.limit))
    return 0


def _print_table(leads: list[LeadSummary]) -> None:
    if not leads:
        print("No leads.")
        return
    header = (
        "ID",
        "Status",
        "Name",
        "Company",
        "Country",
        "Phone",
        "Source",
        "Score",
        "Handed off",
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
            "" if lead.score is None else str(lead.score),
            lead.handed_off_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
        for lead in leads
    ]
    widths = [min(30, max(len(r[i]) for r in [header, *rows])) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell[:30].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def cmd_events(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import LeadService

    app_ctx = open_for(args)
    events = LeadService(app_ctx.services).events(args.lead, after_id=args.after)
    if args.json:
        json.dump([to_jsonable(e) for e in events], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for e in events:
        when = e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        comment = f" — {e.comment}" if e.comment else ""
        print(f"#{e.id}  lead {e.lead_id}  {when}  {e.description}{comment}")
    if not events:
        print("No events.")
    return 0


def cmd_sample_data(args: argparse.Namespace) -> int:
    from sdrdesk.services.sample_data import SampleDataService

    app_ctx = open_for(args)
    user = acting_user(args, app_ctx)
    result = SampleDataService(app_ctx.services).generate(
        args.count, actor_id=user.id, seed=args.seed
    )
    print(f"Added {result.created} sample leads to {app_ctx.store.display_url}.")
    if result.skipped_duplicates:
        print(f"Skipped {result.skipped_duplicates} that were already in the store.")
    if result.users_created:
        print("Added the demo team: " + ", ".join(result.users_created) + ".")
    return 0
