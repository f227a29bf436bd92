"""The ``sdrdesk`` command: without a subcommand it opens the window.

``main(argv)`` takes its arguments as a list and returns the exit code, so tests and
scripts can run any command in-process (the GUI reuses an existing QApplication).
Every failure a user can cause ends in one line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from sdrdesk import __version__, startup
from sdrdesk.i18n import _

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        from sdrdesk.cli.common import UsageError

        raise UsageError(
            _("{message} (see “{command} --help”)").format(message=message, command=self.prog)
        )


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--database-url",
        metavar="URL",
        default=default,
        help=_(
            "database to use: sqlite:///path/file.db or postgresql://user@host/db "
            "(default: $SDRDESK_DATABASE_URL, the settings, else the local SQLite file)"
        ),
    )
    parser.add_argument(
        "--user",
        metavar=_("USER"),
        default=default,
        help=_("act as this user for this run (default: the settings)"),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=_("log more detail to the log file"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sdrdesk",
        description=_("Work your queue of handed-off leads: triage, call, book demos."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"sdrdesk {__version__}",
        help=_("show the version and exit"),
    )
    _common_options(parser, suppress=False)
    common = _Parser(add_help=False)
    _common_options(common, suppress=True)
    sub = parser.add_subparsers(
        dest="command", metavar=_("COMMAND"), title=_("commands"), parser_class=_Parser
    )
    gui = sub.add_parser("gui", parents=[common], help=_("open the window (the default)"))
    gui.set_defaults(handler=run_gui)
    from sdrdesk.cli import (
        admin,
        calls,
        database,
        demos,
        desktop,
        feedback,
        intake,
        leads,
        privacy,
        team,
        triage,
        webhooks,
    )

    for module in (
        leads,
        triage,
        calls,
        demos,
        feedback,
        database,
        admin,
        team,
        privacy,
        intake,
        webhooks,
        desktop,
    ):
        module.register(sub, common)
    parser.set_defaults(handler=run_gui)
    return parser


class _NotJustTheWindow(Exception):
    pass


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotJustTheWindow(message)


def _window_args(args_list: list[str]) -> argparse.Namespace | None:
    """The arguments of a plain ``sdrdesk [--database-url …] [--user …] [-v]``, which
    opens the window, read without building every command's parser (about 10 ms of a
    start); ``None`` for anything else (a command, --help, an abbreviation, a mistake),
    which the full parser reads."""
    parser = _WindowParser(add_help=False, allow_abbrev=False)
    _common_options(parser, suppress=False)
    try:
        args, rest = parser.parse_known_args(args_list)
    except _NotJustTheWindow:
        return None
    if rest:
        return None
    args.command = None
    args.handler = run_gui
    return args


def run_gui(args: argparse.Namespace) -> int:
    from sdrdesk import app
    from sdrdesk.domain.errors import SdrdeskError

    app.check_display()  # before the store is opened: Qt would abort the process
    try:
        # An upgrade that builds the reports' figures shows its progress in a window.
        app_ctx, owned = app.open_app_in_window(getattr(args, "database_url", None))
    except SdrdeskError as exc:
        app.show_start_error(str(exc))  # started from the menu, nobody reads stderr
        raise
    return app.run_gui(app_ctx, args.user, [], owned=owned)


def main(argv: Sequence[str] | None = None) -> int:
    # Before anything else is imported: see sdrdesk.startup.
    startup.pause()
    from sdrdesk.cli.terminal import escaped

    try:
        with escaped():
            return _run(list(sys.argv[1:] if argv is None else argv))
    finally:
        startup.command_done()


def _run(args_list: list[str]) -> int:
    _use_language()
    from sdrdesk.app import log_file, setup_logging
    from sdrdesk.cli.common import EXIT_ERROR, EXIT_USAGE, UsageError, fail
    from sdrdesk.domain.errors import SdrdeskError

    try:
        args = _window_args(args_list) or build_parser().parse_args(args_list)
        setup_logging(getattr(args, "verbose", False))
        return int(args.handler(args))
    except UsageError as exc:
        return fail(str(exc), EXIT_USAGE)
    except SdrdeskError as exc:
        return fail(str(exc), EXIT_ERROR)
    except KeyboardInterrupt:
        return fail(_("interrupted"), 130)
    except BrokenPipeError:
        return 0
    except Exception as exc:
        log.exception("Unexpected error in sdrdesk %s", args_list[:1])
        return fail(
            _("unexpected error ({error}); details in {log}").format(
                error=f"{type(exc).__name__}: {exc}", log=log_file()
            ),
            EXIT_ERROR,
        )


def _use_language() -> None:
    """The settings' language, else the system's; argparse's own text follows it."""
    import argparse as _argparse

    from sdrdesk import i18n
    from sdrdesk.domain.errors import SdrdeskError
    from sdrdesk.settings import load_settings

    try:
        language = load_settings().language
    except SdrdeskError:
        language = None  # the system's; the command says what is wrong with the file
    i18n.set_language(language)
    _argparse._ = i18n._  # type: ignore[attr-defined]
    _argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def main_entry() -> None:
    sys.exit(main())
