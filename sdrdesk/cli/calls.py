"""Call commands: check a call script file, list logged calls with their answers."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdrdesk.cli.common import open_for
from sdrdesk.cli.output import format_number, when
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.results import to_jsonable

if TYPE_CHECKING:
    from sdrdesk.domain.call_script import CallScript


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    script = sub.add_parser("script", help=_("the qualification call script"))
    s_sub = script.add_subparsers(
        dest="script_command", metavar=_("ACTION"), title=_("actions"), required=True
    )
    p = s_sub.add_parser(
        "check",
        parents=[common],
        help=_("check a call script file (default: the one in the settings)"),
        description=_(
            "Read a call script and report the first problem with its line and "
            "field, or a summary of the script. Without FILE the setting call_script_file is "
            "checked, else the built-in script."
        ),
    )
    p.add_argument(
        "file", metavar=_("FILE"), nargs="?", type=Path, help=_("the script file (TOML)")
    )
    p.set_defaults(handler=cmd_script_check)

    p = sub.add_parser("calls", parents=[common], help=_("list logged calls, newest first"))
    p.add_argument("--lead", metavar="ID", type=int, help=_("only this lead's calls"))
    p.add_argument(
        "--limit",
        metavar=_("COUNT"),
        type=int,
        default=50,
        help=_("at most this many (default %(default)s)"),
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=cmd_calls)


def cmd_script_check(args: argparse.Namespace) -> int:
    from sdrdesk.domain.script_file import load_script
    from sdrdesk.settings import load_settings

    path: Path | None = args.file
    if path is None:
        configured = load_settings().call_script_file
        path = Path(configured).expanduser() if configured else None
    script = load_script(path)  # a broken file raises with its line and field
    print(_("{script}: OK").format(script=path or _("The built-in script")))
    print(_summary(script))
    return 0


def _summary(script: CallScript) -> str:
    lines = [
        _("“{name}” (id {id}, version {version})").format(
            name=script.name, id=script.id, version=script.version
        )
    ]
    for section in script.sections:
        conditional = sum(1 for q in section.questions if q.ask_if)
        count = len(section.questions)
        questions = ngettext("{count} question", "{count} questions", count).format(
            count=format_number(count)
        )
        if conditional:
            questions += _(", {count} conditional").format(count=format_number(conditional))
        lines.append(f"  {section.title}: {questions}")
    knockouts = sorted(
        {c.knockout for _, q in script.questions() for c in q.choices if c.knockout}
        | {b.knockout for _, q in script.questions() for b in q.bands if b.knockout}
    )
    if knockouts:
        lines.append(
            "  " + _("knock-outs disqualify with: {codes}").format(codes=", ".join(knockouts))
        )
    for rule in script.grades:
        limits = []
        if rule.min_total:
            limits.append(_("total ≥ {points}").format(points=format_number(rule.min_total)))
        if rule.min_each:
            limits.append(_("each ≥ {points}").format(points=format_number(rule.min_each)))
        limits += [f"{s} ≥ {format_number(v)}" for s, v in rule.min_sections]
        condition = ", ".join(limits) or _("otherwise")
        lines.append(
            "  "
            + _("grade {grade} ({condition}): {recommendation}").format(
                grade=rule.grade, condition=condition, recommendation=rule.recommend.label.lower()
            )
        )
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
        minutes, seconds = divmod(c.duration_seconds, 60)
        by = "  " + _("by {caller}").format(caller=c.caller) if c.caller else ""
        print(
            _("#{call}  lead {lead}  {when}  {outcome}  {duration}").format(
                call=c.id,
                lead=c.lead_id,
                when=when(c.started_at),
                outcome=c.outcome_label,
                duration=f"{minutes}:{seconds:02d}",
            )
            + by
        )
        if c.callback_at:
            print("    " + _("call back {when}").format(when=when(c.callback_at)))
        if c.decision:
            print("    " + _("decision: {decision}").format(decision=c.decision))
        if c.notes:
            print("    " + _("notes: {notes}").format(notes=c.notes))
        for a in c.answers:
            print(f"    [{a.section}] {a.question} — {a.answer}")
        if c.script_version:
            print(
                "    "
                + _("script {script} version {version}").format(
                    script=c.script_id, version=c.script_version
                )
            )
    if not calls:
        print(_("No calls."))
    return 0
