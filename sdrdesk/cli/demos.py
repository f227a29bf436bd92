"""Demo commands: ``demos`` lists booked demos, ``invite`` writes a demo's invite again."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdrdesk.cli.common import open_for
from sdrdesk.cli.output import print_table, weekday_time, when
from sdrdesk.domain.demos import DemoStatus
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.zones import zone
from sdrdesk.files import write_private
from sdrdesk.i18n import _, pgettext
from sdrdesk.services.results import to_jsonable

if TYPE_CHECKING:
    from sdrdesk.services.demos import DemoInfo


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demos",
        parents=[common],
        help=_("list booked demos"),
        description=_(
            "List booked demos in start order, from today on unless --from says "
            "otherwise. Times are shown in your local time zone."
        ),
    )
    p.add_argument(
        "--from",
        metavar=_("DATE"),
        dest="since",
        type=_date,
        help=_("only demos starting on or after this date (YYYY-MM-DD; default: today)"),
    )
    p.add_argument(
        "--ae", metavar=_("USER"), help=_("only this account executive's demos (user name)")
    )
    p.add_argument("--cancelled", action="store_true", help=_("also list cancelled demos"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=cmd_demos)

    p = sub.add_parser(
        "invite",
        parents=[common],
        help=_("write a demo's calendar invite (.ics) again"),
        description=_(
            "Write the demo's latest invite: the REQUEST while it is booked, the "
            "CANCEL once it was cancelled. Open the file with your mail or calendar program "
            "to send it."
        ),
    )
    p.add_argument("demo_id", type=int, metavar="DEMO_ID", help=_("the demo's id (see `demos`)"))
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=_("FILE"),
        help=_("where to write the .ics file ('-' for standard output)"),
    )
    p.set_defaults(handler=cmd_invite)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a date (use YYYY-MM-DD)").format(text=text)
        ) from None


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()  # the machine's local zone


def cmd_demos(args: argparse.Namespace) -> int:
    from sdrdesk.services.demos import demo_service

    app_ctx = open_for(args)
    since = _local_midnight(args.since or datetime.now(UTC).astimezone().date())
    demos = demo_service(app_ctx.services).list_demos(
        since=since, ae=args.ae, status=None if args.cancelled else DemoStatus.BOOKED
    )
    if args.json:
        data = [_json(d) for d in demos]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not demos:
        print(_("No demos."))
        return 0
    header = (
        pgettext("table column", "ID"),
        pgettext("table column", "Starts"),
        pgettext("table column", "Min"),
        pgettext("table column", "Lead"),
        pgettext("table column", "Company"),
        pgettext("table column", "AE"),
        pgettext("table column", "SDR"),
        pgettext("table column", "Lead's time"),
        pgettext("table column", "Status"),
    )
    rows = [
        (
            str(d.id),
            when(d.starts_at),
            str(d.duration_minutes),
            d.lead.display_name,
            d.lead_company or "",
            d.ae.display_name,
            d.sdr.display_name,
            _lead_time(d),
            d.status.value,
        )
        for d in demos
    ]
    print_table(header, rows)
    return 0


def _lead_time(demo: DemoInfo) -> str:
    tz = zone(demo.lead.time_zone)
    return weekday_time(demo.starts_at.astimezone(tz)) if tz else ""


def _json(demo: DemoInfo) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(demo)
    data["ends_at"] = demo.ends_at.isoformat()
    data["url"] = demo.url
    return data


def cmd_invite(args: argparse.Namespace) -> int:
    from sdrdesk.services.demos import demo_service

    app_ctx = open_for(args)
    invite = demo_service(app_ctx.services).invite(args.demo_id)
    if args.output == "-":
        sys.stdout.buffer.write(invite.data)
        sys.stdout.flush()
        return 0
    path = Path(args.output).expanduser()
    if path.is_dir():
        path = path / invite.file_name
    try:
        write_private(path, invite.data)
    except OSError as exc:
        raise ValidationError(
            _("Cannot write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from exc
    print(
        _("Wrote the {method} (sequence {sequence}) for demo {demo}").format(
            method=invite.method, sequence=invite.sequence, demo=invite.demo_id
        )
    )
    print(_("to {path}; open it with your mail or calendar program to send it.").format(path=path))
    return 0
