"""Call commands: check a call script file, list logged calls with their answers."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdrdesk.cli.common import open_for
from sdrdesk.services.results import to_jsonable

if TYPE_CHECKING:
    from sdrdesk.domain.call_script import CallScript


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    script = sub.add_parser("script", help="the qualification call script")
    s_sub = script.add_subparsers(dest="script_command", metavar="ACTION", required=True)
    p = s_sub.add_parser(
        "check",
        parents=[common],
        help="check a call script file (default: the one in the settings)",
        description="Read a call script and report the first problem with its line and "
        "field, or a summary of the script. Without FILE the setting call_script_file is "
        "checked, else the built-in script.",
    )
    p.add_argument("file", nargs="?", type=Path, help="the script file (TOML)")
    p.set_defaults(handler=cmd_script_check)

    p = sub.add_parser("calls", parents=[common], help="list logged calls, newest first")
    p.add_argument("--lead", type=int, help="only this lead's calls")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_calls)


def cmd_script_check(args: argparse.Namespace) -> int:
    from sdrdesk.domain.script_file import load_script
    from sdrdesk.settings import load_settings

    path: Path | None = args.file
    if path is None:
        configured = load_settings().call_script_file
        path = Path(configured).expanduser() if configured else None
    script = load_script(path)  # a broken file raises with its line and field
    print(f"{path or 'The built-in script'}: OK")
    print(_summary(script))
    return 0


def _summary(script: CallScript) -> str:
    lines = [f"“{script.name}” (id {script.id}, version {script.version})"]
    for section in script.sections:
        conditional = sum(1 for q in section.questions if q.ask_if)
        extra = f", {conditional} conditional" if conditional else ""
        lines.append(f"  {section.title}: {len(section.questions)} questions{extra}")
    knockouts = sorted(
        {c.knockout for _, q in script.questions() for c in q.choices if c.knockout}
        | {b.knockout for _, q in script.questions() for b in q.bands if b.knockout}
    )
    if knockouts:
        lines.append(f"  knock-outs disqualify with: {', '.join(knockouts)}")
    for rule in script.grades:
        limits = []
        if rule.min_total:
            limits.append(f"total ≥ {rule.min_total:g}")
        if rule.min_each:
            limits.append(f"each ≥ {rule.min_each:g}")
        limits += [f"{s} ≥ {v:g}" for s, v in rule.min_sections]
        when = ", ".join(limits) or "otherwise"
        lines.append(f"  grade {rule.grade} ({when}): {rule.recommend.label.lower()}")
    return "\n".join(lines)


def cmd_calls(args: argparse.Namespace) -> int:
    from sdrdesk.services.calls import CallService

    service = CallService(open_for(args).services)
    calls = service.history(args.lead) if args.lead else service.recent(args.limit)
    calls = calls[: args.limit]
    if args.json:
        json.dump([to_jsonable(c) for c in calls], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for c in calls:
        when = c.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        minutes, seconds = divmod(c.duration_seconds, 60)
        by = f"  by {c.caller}" if c.caller else ""
        print(f"#{c.id}  lead {c.lead_id}  {when}  {c.outcome_label}  {minutes}:{seconds:02d}{by}")
        if c.callback_at:
            print(f"    call back {c.callback_at.astimezone():%Y-%m-%d %H:%M}")
        if c.decision:
            print(f"    decision: {c.decision}")
        if c.notes:
            print(f"    notes: {c.notes}")
        for a in c.answers:
            print(f"    [{a.section}] {a.question} — {a.answer}")
        if c.script_version:
            print(f"    script {c.script_id} version {c.script_version}")
    if not calls:
        print("No calls.")
    return 0
