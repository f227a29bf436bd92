"""Demo commands: ``demos`` lists booked demos, ``invite`` writes a demo's invite again."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdrdesk.cli.common import open_for
from sdrdesk.domain.demos import DemoStatus
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.zones import zone
from sdrdesk.files import write_private
from sdrdesk.services.results import to_jsonable

if TYPE_CHECKING:
    from sdrdesk.services.demos import DemoInfo


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demos",
        parents=[common],
        help="list booked demos",
        description="List booked demos in start order, from today on unless --from says "
        "otherwise. Times are shown in your local time zone.",
    )
    p.add_argument(
        "--from",
        dest="since",
        type=_date,
        help="only demos starting on or after this date (YYYY-MM-DD; default: today)",
    )
    p.add_argument("--ae", help="only this account executive's demos (user name)")
    p.add_argument("--cancelled", action="store_true", help="also list cancelled demos")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_demos)

    p = sub.add_parser(
        "invite",
        parents=[common],
        help="write a demo's calendar invite (.ics) again",
        description="Write the demo's latest invite: the REQUEST while it is booked, the "
        "CANCEL once it was cancelled. Open the file with your mail or calendar program "
        "to send it.",
    )
    p.add_argument("demo_id", type=int, metavar="DEMO_ID", help="the demo's id (see `demos`)")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="where to write the .ics file ('-' for standard output)",
    )
    p.set_defaults(handler=cmd_invite)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date (use YYYY-MM-DD)") from None


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
        print("No demos.")
        return 0
    header = ("ID", "Starts", "Min", "Lead", "Company", "AE", "SDR", "Lead's time", "Status")
    rows = [
        (
            str(d.id),
            d.starts_at.astimezone().strftime("%Y-%m-%d %H:%M"),
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
    widths = [min(30, max(len(r[i]) for r in [header, *rows])) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell[:30].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


def _lead_time(demo: DemoInfo) -> str:
    tz = zone(demo.lead.time_zone)
    return demo.starts_at.astimezone(tz).strftime("%a %H:%M %Z") if tz else ""


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
        raise ValidationError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    print(f"Wrote the {invite.method} (sequence {invite.sequence}) for demo {invite.demo_id}")
    print(f"to {path}; open it with your mail or calendar program to send it.")
    return 0
