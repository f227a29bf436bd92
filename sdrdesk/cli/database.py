"""``sdrdesk db``: the database schema, the team's grants, the password in the keyring."""

from __future__ import annotations

import argparse
from typing import Any

from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import SCHEMA_HEAD, current_revision, upgrade
from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _, format_number, format_percent


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser("db", help=_("database schema: upgrade, status"))
    db_sub = db.add_subparsers(
        dest="db_command", metavar=_("ACTION"), title=_("actions"), required=True
    )
    p = db_sub.add_parser("upgrade", parents=[common], help=_("create or upgrade the schema"))
    p.set_defaults(handler=cmd_db_upgrade)
    p = db_sub.add_parser("status", parents=[common], help=_("show the schema revision"))
    p.set_defaults(handler=cmd_db_status)
    p = db_sub.add_parser(
        "grants",
        parents=[common],
        help=_("the PostgreSQL roles and grants for a team (prints SQL; --apply runs it)"),
    )
    p.add_argument("--apply", action="store_true", help=_("run the SQL as the connected owner"))
    p.set_defaults(handler=cmd_db_grants)
    p = db_sub.add_parser(
        "set-password",
        parents=[common],
        help=_("store the database password in the system keyring (never in a file)"),
    )
    p.set_defaults(handler=cmd_db_set_password)
    p = db_sub.add_parser(
        "rebuild-reports",
        parents=[common],
        help=_("recompute the reports' read model from the history and say what differed"),
    )
    p.set_defaults(handler=cmd_db_rebuild_reports)


def _store_for(args: argparse.Namespace) -> Store:
    from sdrdesk.app import resolve_database_url
    from sdrdesk.settings import load_settings

    return Store.open(resolve_database_url(getattr(args, "database_url", None), load_settings()))


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    store = _store_for(args)
    try:
        result = upgrade(store.engine, progress=_print_progress)
    finally:
        store.dispose()
    if result.changed:
        print(
            _("Upgraded {store} from {before} to {after}.").format(
                store=store.display_url,
                before=result.from_revision or _("empty"),
                after=result.to_revision,
            )
        )
        if result.backup:
            print(_("The previous file was kept as {file}.").format(file=result.backup))
    else:
        print(
            _("{store} is up to date (revision {revision}).").format(
                store=store.display_url, revision=result.to_revision
            )
        )
    return 0


def cmd_db_status(args: argparse.Namespace) -> int:
    store = _store_for(args)
    try:
        revision = current_revision(store.engine)
        grants = _grants_state(store, revision)
    finally:
        store.dispose()
    state = (
        _("up to date")
        if revision == SCHEMA_HEAD
        else _("needs upgrade to {revision}").format(revision=SCHEMA_HEAD)
    )
    print(
        _("{store}: revision {revision} — {state}").format(
            store=store.display_url, revision=revision or _("none (empty)"), state=state
        )
    )
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
        return _("Team grants: never applied (run `sdrdesk db grants --apply` as the owner).")
    if applied != revision:
        return _(
            "Team grants: applied for revision {applied}, older than the schema ({revision}); "
            "run `sdrdesk db grants --apply` as the owner."
        ).format(applied=applied, revision=revision)
    return _("Team grants: applied for revision {applied} (up to date).").format(applied=applied)


def cmd_db_grants(args: argparse.Namespace) -> int:
    from sdrdesk.db.base import Base
    from sdrdesk.db.grants import apply_grants, grants_sql

    store = _store_for(args)
    try:
        if store.is_sqlite:
            raise ValidationError(
                _(
                    "Roles and grants are for a shared PostgreSQL database; "
                    "a SQLite file is protected by the file system."
                )
            )
        revision = upgrade(store.engine).to_revision
        if not args.apply:
            print(grants_sql(Base.metadata, store.engine.url.database or "", revision), end="")
            return 0
        with store.begin() as conn:
            apply_grants(conn, Base.metadata, revision)
        print(_("Applied the sdrdesk roles and grants to {store}.").format(store=store.display_url))
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
        raise ValidationError(_("Give a postgresql://USER@HOST/DATABASE URL with a user name."))
    password = getpass.getpass(_("Password for {account}: ").format(account=keyring_account(url)))
    if not password:
        raise ValidationError(_("No password given; nothing stored."))
    try:
        store_password(url, password)
    except Exception as exc:
        raise ValidationError(
            _("The system keyring refused the password: {error}").format(error=exc)
        ) from exc
    print(
        _("Stored in the system keyring as sdrdesk / {account}.").format(
            account=keyring_account(url)
        )
    )
    return 0


def _print_progress(percent: int) -> None:
    print(
        _("Building the reports' read model: {percent} done").format(
            percent=format_percent(percent / 100)
        ),
        flush=True,
    )  # on stdout: these commands' output is this


def cmd_db_rebuild_reports(args: argparse.Namespace) -> int:
    """Recompute ``lead_facts`` and the rollups from the events; print what differed
    (exit 0 either way)."""
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
        "rollups": _("hourly totals with other figures: {n}"),
        "grades": _("graded leads with other figures: {n}"),
    }
    print(_("The reports' read model differed from the history and was rebuilt:"))
    for key, count in found.items():
        print("  " + labels[key].format(n=format_number(count)))
    return 0
