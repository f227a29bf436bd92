"""Administration: users and rejection reasons (the database schema: ``cli.database``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sdrdesk.app import AppContext
from sdrdesk.cli.common import acting_user, check_login, open_for
from sdrdesk.cli.output import format_number
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.lifecycle import ReasonStage
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.results import to_jsonable
from sdrdesk.services.users import UserService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    users = sub.add_parser(
        "users", help=_("list, add, edit, deactivate users (SDRs, AEs, marketing, managers)")
    )
    u_sub = users.add_subparsers(
        dest="users_command", metavar=_("ACTION"), title=_("actions"), required=True
    )
    p = u_sub.add_parser("list", parents=[common], help=_("list users"))
    p.add_argument("--role", type=Role, choices=list(Role), help=_("only this role"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument("--active", action="store_true", help=_("leave out inactive users"))
    p.set_defaults(handler=cmd_users_list)
    p = u_sub.add_parser("add", parents=[common], help=_("add a user"))
    p.add_argument("name", metavar=_("NAME"), help=_("short user name, e.g. anna"))
    p.add_argument(
        "--role", type=Role, choices=list(Role), default=Role.SDR, help=_("the user's role")
    )
    p.add_argument("--display-name", metavar=_("NAME"), help=_("full name shown in the app"))
    p.add_argument(
        "--email", metavar=_("ADDRESS"), help=_("e-mail address (used in calendar invites)")
    )
    p.add_argument("--time-zone", metavar=_("ZONE"), help=_("IANA time zone, e.g. Europe/Berlin"))
    p.set_defaults(handler=cmd_users_add)
    p = u_sub.add_parser(
        "edit", parents=[common], help=_("change a user's e-mail, full name, time zone or role")
    )
    p.add_argument("name", metavar=_("NAME"), help=_("the user name"))
    p.add_argument("--email", metavar=_("ADDRESS"), help=_("e-mail address ('' clears it)"))
    p.add_argument("--full-name", metavar=_("NAME"), help=_("full name shown in the app"))
    p.add_argument(
        "--time-zone",
        metavar=_("ZONE"),
        help=_("IANA time zone, e.g. Europe/Berlin ('' clears it)"),
    )
    p.add_argument("--role", type=Role, choices=list(Role), help=_("the user's role"))
    p.set_defaults(handler=cmd_users_edit)
    p = u_sub.add_parser(
        "deactivate",
        parents=[common],
        help=_("someone who left: their open leads go back to the pool (or --to a colleague)"),
    )
    p.add_argument("name", metavar=_("NAME"), help=_("the user name"))
    p.add_argument(
        "--to",
        metavar=_("USER"),
        dest="to_user",
        help=_("an active SDR who takes over the open leads"),
    )
    p.set_defaults(handler=cmd_users_deactivate)
    p = u_sub.add_parser(
        "reactivate", parents=[common], help=_("let a deactivated user work again")
    )
    p.add_argument("name", metavar=_("NAME"), help=_("the user name"))
    p.set_defaults(handler=cmd_users_reactivate)

    reasons = sub.add_parser("reasons", help=_("the team's rejection/disqualification reasons"))
    r_sub = reasons.add_subparsers(
        dest="reasons_command", metavar=_("ACTION"), title=_("actions"), required=True
    )
    p = r_sub.add_parser("list", parents=[common], help=_("list reasons"))
    p.add_argument("--all", action="store_true", help=_("include retired reasons"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=cmd_reasons_list)
    p = r_sub.add_parser("add", parents=[common], help=_("add a reason"))
    p.add_argument("code", metavar=_("CODE"), help=_("short code, e.g. no_fit_emea"))
    p.add_argument("label", metavar=_("LABEL"), help=_("what the SDR sees"))
    p.add_argument(
        "--stage",
        type=ReasonStage,
        choices=list(ReasonStage),
        default=ReasonStage.REJECT,
        help=_("offered when rejecting or when disqualifying (default: %(default)s)"),
    )
    p.add_argument("--requires-comment", action="store_true", help=_("the SDR must add a comment"))
    p.set_defaults(handler=cmd_reasons_add)
    for name, active, text in (
        ("retire", False, _("stop offering a reason")),
        ("restore", True, _("offer a reason again")),
    ):
        p = r_sub.add_parser(name, parents=[common], help=text)
        p.add_argument("code", metavar=_("CODE"), help=_("the reason's code"))
        p.set_defaults(handler=cmd_reasons_toggle, active=active)


def _as_login(args: argparse.Namespace) -> AppContext:
    """The store, once the login is known to act as the ``--user`` it names."""
    app_ctx = open_for(args)
    check_login(args, app_ctx)
    return app_ctx


def cmd_users_list(args: argparse.Namespace) -> int:
    users = UserService(open_for(args).services).list_users(args.role, active_only=args.active)
    if args.json:
        json.dump([to_jsonable(u) for u in users], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for u in users:
        print(
            f"{u.name:<16} {u.role.value:<10} {u.display_name}"
            + (f" <{u.email}>" if u.email else "")
            + ("" if u.active else "  " + _("(inactive)"))
        )
    if not users:
        print(_("No users."))
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    service = UserService(app_ctx.services)
    if service.find(args.name.strip()) is not None:
        raise ValidationError(
            _(
                "A user called “{name}” already exists; change them with "
                "`sdrdesk users edit {name} …`."
            ).format(name=args.name.strip())
        )
    user = service.add(
        args.name,
        args.role,
        display_name=args.display_name,
        email=args.email,
        time_zone=args.time_zone,
        actor_id=actor.id,
    )
    print(_("Added {name} ({role}).").format(name=user.display_name, role=user.role.label))
    return 0


def cmd_users_edit(args: argparse.Namespace) -> int:
    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    user = UserService(app_ctx.services).edit(
        args.name,
        actor_id=actor.id,
        email=args.email,
        display_name=args.full_name,
        time_zone=args.time_zone,
        role=args.role,
    )
    details = ", ".join(p for p in (user.email, user.time_zone) if p)
    print(
        f"{user.name}: {user.display_name} ({user.role.label})"
        + (f", {details}" if details else "")
        + "."
    )
    return 0


def cmd_users_deactivate(args: argparse.Namespace) -> int:
    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    done = UserService(app_ctx.services).deactivate(
        args.name, actor_id=actor.id, to_user=args.to_user
    )
    where = done.to_user or _("the team pool")
    print(
        ngettext(
            "Deactivated {name}; {count} open lead went to {where}.",
            "Deactivated {name}; {count} open leads went to {where}.",
            done.leads_moved,
        ).format(name=done.user.display_name, count=format_number(done.leads_moved), where=where)
    )
    return 0


def cmd_users_reactivate(args: argparse.Namespace) -> int:
    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    user = UserService(app_ctx.services).reactivate(args.name, actor_id=actor.id)
    print(_("{name} is active again.").format(name=user.display_name))
    return 0


def cmd_reasons_list(args: argparse.Namespace) -> int:
    from sdrdesk.services.reasons import ReasonService

    reasons = ReasonService(open_for(args).services).list_reasons(include_inactive=args.all)
    if args.json:
        json.dump([to_jsonable(r) for r in reasons], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in reasons:
        flags = (_("comment required") if r.requires_comment else "") + (
            "" if r.active else " " + _("retired")
        )
        print(f"{r.code:<20} {r.stage.value:<10} {r.label}  {flags.strip()}".rstrip())
    return 0


def cmd_reasons_add(args: argparse.Namespace) -> int:
    from sdrdesk.services.reasons import ReasonService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    reason = ReasonService(app_ctx.services).add(
        args.code,
        args.label,
        stage=args.stage,
        requires_comment=args.requires_comment,
        actor_id=actor.id,
    )
    print(_("Added reason “{label}” ({code}).").format(label=reason.label, code=reason.code))
    return 0


def cmd_reasons_toggle(args: argparse.Namespace) -> int:
    from sdrdesk.services.reasons import ReasonService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    reason = ReasonService(app_ctx.services).set_active(args.code, args.active, actor_id=actor.id)
    if reason.active:
        print(_("Reason “{label}” is offered again.").format(label=reason.label))
    else:
        print(_("Reason “{label}” is retired.").format(label=reason.label))
    return 0
