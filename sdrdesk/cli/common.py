"""Helpers every command uses: opening the store, who acts, printing and failing."""

from __future__ import annotations

import argparse
import sys

from sdrdesk.app import AppContext, default_user_name, open_app
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _, format_percent
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users import UserService

EXIT_ERROR = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad command line (argparse's complaints, one line)."""


def fail(message: str, code: int) -> int:
    text = " ".join(str(message).split())
    print(_("sdrdesk: error: {message}").format(message=text), file=sys.stderr)
    return code


def open_for(args: argparse.Namespace) -> AppContext:
    return open_app(getattr(args, "database_url", None), progress=migration_progress)


def product_option(args: argparse.Namespace, app_ctx: AppContext) -> str | None:
    """``--product`` as stored: a product of the list named by its id or a label gives
    its id; any other text is taken as typed (a product kept from an import)."""
    text: str | None = getattr(args, "product", None)
    found = app_ctx.services.products.find(text)
    return found.name if found else text


def migration_progress(percent: int) -> None:
    """A line per tenth while an upgrade builds something big (on stderr, so a
    command's own output, e.g. JSON, stays as it is)."""
    print(
        _("Building the reports' read model: {percent} done").format(
            percent=format_percent(percent / 100)
        ),
        file=sys.stderr,
        flush=True,
    )


def acting_user(args: argparse.Namespace, app_ctx: AppContext) -> UserInfo:
    """The ``--user``, else the configured user, else the OS login (created as an SDR).
    On a team database: the login's own user; naming another is refused."""
    requested = getattr(args, "user", None) or app_ctx.settings.user
    fallback = default_user_name(app_ctx.settings, app_ctx.store)
    return UserService(app_ctx.services).identify(requested, fallback, Role.SDR)


def check_login(args: argparse.Namespace, app_ctx: AppContext) -> None:
    """On a team database, refuse a ``--user`` (or configured user) that is not the
    login's own user, before a command that does not otherwise need who acts."""
    requested = getattr(args, "user", None) or app_ctx.settings.user
    UserService(app_ctx.services).check_login(requested)
