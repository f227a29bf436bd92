"""Helpers every command uses: opening the store, who acts, printing and failing."""

from __future__ import annotations

import argparse
import sys

from sdrdesk.app import AppContext, default_user_name, open_app
from sdrdesk.domain.users import Role
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users import UserService

EXIT_ERROR = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad command line (argparse's complaints, one line)."""


def fail(message: str, code: int) -> int:
    text = " ".join(str(message).split())
    print(f"sdrdesk: error: {text}", file=sys.stderr)
    return code


def open_for(args: argparse.Namespace) -> AppContext:
    return open_app(getattr(args, "database_url", None))


def acting_user(args: argparse.Namespace, app_ctx: AppContext) -> UserInfo:
    """The ``--user``, else the configured user, else the OS login (created as an SDR)."""
    name = getattr(args, "user", None) or default_user_name(app_ctx.settings, app_ctx.store)
    return UserService(app_ctx.services).ensure(name, Role.SDR)
