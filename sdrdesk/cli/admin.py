"""Administration: the database schema, users and rejection reasons."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sdrdesk.app import AppContext
from sdrdesk.cli.common import acting_user, check_login, open_for
from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import SCHEMA_HEAD, current_revision, upgrade
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.lifecycle import ReasonStage
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _, format_number, format_percent
from sdrdesk.services.results import to_jsonable
from sdrdesk.services.users import UserService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", help="database schema: upgrade, status")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    p = db_sub.add_parser("upgrade", parents=[common], help="create or upgrade the schema")
    p.set_defaults(handler=cmd_db_upgrade)
    p = db_sub.add_parser("status", parents=[common], help="show the schema revision")
    p.set_defaults(handler=cmd_db_status)
    p = db_sub.add_parser(
        "grants",
        parents=[common],
        help="the PostgreSQL roles and grants for a team (prints SQL; --apply runs it)",
    )
    p.add_argument("--apply", action="store_true", help="run the SQL as the connected owner")
    p.set_defaults(handler=cmd_db_grants)
    p = db_sub.add_parser(
        "set-password",
        parents=[common],
        help="store the database password in the system keyring (never in a file)",
    )
    p.set_defaults(handler=cmd_db_set_password)
    p = db_sub.add_parser(
        "rebuild-reports",
        parents=[common],
        help=_("recompute the reports' read model from the history and say what differed"),
    )
    p.set_defaults(handler=cmd_db_rebuild_reports)

    users = sub.add_parser(
        "users", help="list, add, edit, deactivate users (SDRs, AEs, marketing, managers)"
    )
    u_sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    p = u_sub.add_parser("list", parents=[common], help="list users")
    p.add_argument("--role", type=Role, choices=list(Role), help="only this role")
    p.add_argument("--json", action="store_true")
    p.add_argument("--active", action="store_true", help="leave out inactive users")
    p.set_defaults(handler=cmd_users_list)
    p = u_sub.add_parser("add", parents=[common], help="add a user")
    p.add_argument("name", help="short user name, e.g. anna")
    p.add_argument("--role", type=Role, choices=list(Role), default=Role.SDR)
    p.add_argument("--display-name", help="full name shown in the app")
    p.add_argument("--email", help="e-mail address (used in calendar invites)")
    p.add_argument("--time-zone", help="IANA time zone, e.g. Europe/Berlin")
    p.set_defaults(handler=cmd_users_add)
    p = u_sub.add_parser(
        "edit", parents=[common], help="change a user's e-mail, full name, time zone or role"
    )
    p.add_argument("name")
    p.add_argument("--email", help="e-mail address ('' clears it)")
    p.add_argument("--full-name", help="full name shown in the app")
    p.add_argument("--time-zone", help="IANA time zone, e.g. Europe/Berlin ('' clears it)")
    p.add_argument("--role", type=Role, choices=list(Role))
    p.set_defaults(handler=cmd_users_edit)
    p = u_sub.add_parser(
        "deactivate",
        parents=[common],
        help="someone who left: their open leads go back to the pool (or --to a colleague)",
    )
    p.add_argument("name")
    p.add_argument("--to", dest="to_user", help="an active SDR who takes over the open leads")
    p.set_defaults(handler=cmd_users_deactivate)
    p = u_sub.add_parser("reactivate", parents=[common], help="let a deactivated user work again")
    p.add_argument("name")
    p.set_defaults(handler=cmd_users_reactivate)

    reasons = sub.add_parser("reasons", help="the team's rejection/disqualification reasons")
    r_sub = reasons.add_subparsers(dest="reasons_command", metavar="ACTION", required=True)
    p = r_sub.add_parser("list", parents=[common], help="list reasons")
    p.add_argument("--all", action="store_true", help="include retired reasons")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_reasons_list)
    p = r_sub.add_parser("add", parents=[common], help="add a reason")
    p.add_argument("code", help="short code, e.g. no_fit_emea")
    p.add_argument("label", help="what the SDR sees")
    p.add_argument(
        "--stage", type=ReasonStage, choices=list(ReasonStage), default=ReasonStage.REJECT
    )
    p.add_argument("--requires-comment", action="store_true")
    p.set_defaults(handler=cmd_reasons_add)
    for name, active in (("retire", False), ("restore", True)):
        p = r_sub.add_parser(
            name,
            parents=[common],
            help=("stop offering" if not active else "offer again") + " a reason",
        )
        p.add_argument("code")
        p.set_defaults(handler=cmd_reasons_toggle, active=active)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from sdrdesk.app import resolve_database_url
    from sdrdesk.settings import load_settings

    url = resolve_database_url(getattr(args, "database_url", None), load_settings())
    store = Store.open(url)
    try:
        result = upgrade(store.engine, progress=_print_progress)
    finally:
        store.dispose()
    if result.changed:
        before = result.from_revision or "empty"
        print(f"Upgraded {store.display_url} from {before} to {result.to_revision}.")
        if result.backup:
            print(f"The previous file was kept as {result.backup}.")
    else:
        print(f"{store.display_url} is up to date (revision {result.to_revision}).")
    return 0


def _print_progress(percent: int) -> None:
    print(
        _("Building the reports' read model: {percent} done").format(
            percent=format_percent(percent / 100)
        ),
        flush=True,
    )  # on stdout: these commands' output is this


def cmd_db_rebuild_reports(args: argparse.Namespace) -> int:
    """Recompute ``lead_facts`` from the events; print what differed (exit 0 either way)."""
    from sdrdesk.db import readmodel

    store = _store_for(args)
    try:
        with store.engine.execution_options(sdrdesk_write=True).begin() as conn:
            found = readmodel.differences(conn)
            readmodel.rebuild(conn, _print_progress)
    finally:
        store.dispose()
    if not found:
        print(_("The reports' read model matched the history; nothing differed."))
        return 0
    labels = {
        "missing": _("leads missing: {n}"),
        "extra": _("rows without a lead: {n}"),
        "changed": _("leads with other figures: {n}"),
    }
    print(_("The reports' read model differed from the history and was rebuilt:"))
    for key, count in found.items():
        print("  " + labels[key].format(n=format_number(count)))
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    from sdrdesk.app import resolve_database_url
    from sdrdesk.settings import load_settings

    url = resolve_database_url(getattr(args, "database_url", None), load_settings())
    store = Store.open(url)
    try:
        revision = current_revision(store.engine)
        grants = _grants_state(store, revision)
    finally:
        store.dispose()
    state = "up to date" if revision == SCHEMA_HEAD else f"needs upgrade to {SCHEMA_HEAD}"
    print(f"{store.display_url}: revision {revision or 'none (empty)'} — {state}")
    if grants:
        print(grants)
    return 0


def _grants_state(store: Store, revision: str | None) -> str | None:
    """On PostgreSQL, whether the team grants match the schema (None on SQLite)."""
    from sdrdesk.db.grants import grants_revision

    if store.is_sqlite or revision is None:
        return None
    with store.connect() as conn:
        applied = grants_revision(conn)
    if applied is None:
        return "Team grants: never applied (run `sdrdesk db grants --apply` as the owner)."
    if applied != revision:
        return (
            f"Team grants: applied for revision {applied}, older than the schema ({revision}); "
            "run `sdrdesk db grants --apply` as the owner."
        )
    return f"Team grants: applied for revision {applied} (up to date)."


def _store_for(args: argparse.Namespace) -> Store:
    from sdrdesk.app import resolve_database_url
    from sdrdesk.settings import load_settings

    return Store.open(resolve_database_url(getattr(args, "database_url", None), load_settings()))


def cmd_db_grants(args: argparse.Namespace) -> int:
    from sdrdesk.db.base import Base
    from sdrdesk.db.grants import apply_grants, grants_sql
    from sdrdesk.domain.errors import ValidationError

    store = _store_for(args)
    try:
        if store.is_sqlite:
            raise ValidationError(
                "Roles and grants are for a shared PostgreSQL database; "
                "a SQLite file is protected by the file system."
            )
        revision = upgrade(store.engine).to_revision
        if not args.apply:
            print(grants_sql(Base.metadata, store.engine.url.database or "", revision), end="")
            return 0
        with store.begin() as conn:
            apply_grants(conn, Base.metadata, revision)
        print(f"Applied the sdrdesk roles and grants to {store.display_url}.")
        return 0
    finally:
        store.dispose()


def cmd_db_set_password(args: argparse.Namespace) -> int:
    import getpass

    from sdrdesk.app import resolve_database_url
    from sdrdesk.db.engine import normalize_url
    from sdrdesk.db.secrets import keyring_account, store_password
    from sdrdesk.settings import load_settings

    url = normalize_url(resolve_database_url(getattr(args, "database_url", None), load_settings()))
    if url.get_backend_name() != "postgresql" or not url.username:
        raise ValidationError("Give a postgresql://USER@HOST/DATABASE URL with a user name.")
    password = getpass.getpass(f"Password for {keyring_account(url)}: ")
    if not password:
        raise ValidationError("No password given; nothing stored.")
    try:
        store_password(url, password)
    except Exception as exc:
        raise ValidationError(f"The system keyring refused the password: {exc}") from exc
    print(f"Stored in the system keyring as sdrdesk / {keyring_account(url)}.")
    return 0


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
            + ("" if u.active else "  (inactive)")
        )
    if not users:
        print("No users.")
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    service = UserService(app_ctx.services)
    if service.find(args.name.strip()) is not None:
        raise ValidationError(
            f"A user called “{args.name.strip()}” already exists; change them with "
            f"`sdrdesk users edit {args.name.strip()} …`."
        )
    user = service.add(
        args.name,
        args.role,
        display_name=args.display_name,
        email=args.email,
        time_zone=args.time_zone,
        actor_id=actor.id,
    )
    print(f"Added {user.display_name} ({user.role.label}).")
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
    from sdrdesk.domain.wording import counted

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    done = UserService(app_ctx.services).deactivate(
        args.name, actor_id=actor.id, to_user=args.to_user
    )
    where = done.to_user or "the team pool"
    print(
        f"Deactivated {done.user.display_name}; "
        f"{counted(done.leads_moved, 'open lead')} went to {where}."
    )
    return 0


def cmd_users_reactivate(args: argparse.Namespace) -> int:
    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    user = UserService(app_ctx.services).reactivate(args.name, actor_id=actor.id)
    print(f"{user.display_name} is active again.")
    return 0


def cmd_reasons_list(args: argparse.Namespace) -> int:
    from sdrdesk.services.reasons import ReasonService

    reasons = ReasonService(open_for(args).services).list_reasons(include_inactive=args.all)
    if args.json:
        json.dump([to_jsonable(r) for r in reasons], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in reasons:
        flags = ("comment required" if r.requires_comment else "") + (
            "" if r.active else " retired"
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
    print(f"Added reason “{reason.label}” ({reason.code}).")
    return 0


def cmd_reasons_toggle(args: argparse.Namespace) -> int:
    from sdrdesk.services.reasons import ReasonService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    reason = ReasonService(app_ctx.services).set_active(args.code, args.active, actor_id=actor.id)
    print(f"Reason “{reason.label}” is {'offered again' if reason.active else 'retired'}.")
    return 0
