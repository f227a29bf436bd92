"""Composition root: settings → store (migrated) → services → (optionally) the GUI.

Only this module and ``sdrdesk.gui`` touch Qt; only this module creates the
``QApplication`` (or reuses the one that exists, so tests and scripts can drive the app
in-process).
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdrdesk import paths, startup
from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import MigrationResult, upgrade
from sdrdesk.domain.assignment import load_rules
from sdrdesk.domain.criteria import load_criteria, load_product_criteria
from sdrdesk.domain.errors import SdrdeskError, StoreUnavailableError, ValidationError
from sdrdesk.domain.products import load_products
from sdrdesk.files import private_file
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.settings import Settings, load_settings, rules_from

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication, QMainWindow

log = logging.getLogger(__name__)

DATABASE_URL_ENV = "SDRDESK_DATABASE_URL"
QUIT_AFTER_START_ENV = "SDRDESK_QUIT_AFTER_START"


def resolve_database_url(cli_url: str | None, settings: Settings) -> str:
    """``--database-url`` › ``SDRDESK_DATABASE_URL`` › settings › the SQLite default."""
    return (
        cli_url
        or os.environ.get(DATABASE_URL_ENV)
        or settings.database_url
        or paths.default_database_url()
    )


def database_user(store: Store) -> str | None:
    """On a team database each SDR connects as themself: that role is who they are."""
    if store.is_sqlite:
        return None
    return store.engine.url.username or None


def default_user_name(settings: Settings, store: Store | None = None) -> str:
    """Who acts without ``--user``: the settings, the database role, else the OS login."""
    if settings.user:
        return settings.user
    if store is not None and (name := database_user(store)):
        return name
    try:
        return getpass.getuser()
    except Exception:
        return "sdr"


@dataclass
class AppContext:
    settings: Settings
    services: ServiceContext
    migration: MigrationResult
    warnings: list[str] = field(default_factory=list)

    @property
    def store(self) -> Store:
        return self.services.store


def open_app(
    database_url: str | None = None,
    settings: Settings | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> AppContext:
    """Load settings, open and migrate the store. Raises domain errors with clear text.

    ``progress`` gets the percent done while a long migration step runs (0013 builds
    the reports' read model from every lead's history)."""
    settings = settings or load_settings()
    url = resolve_database_url(database_url, settings)
    store = Store.open(url)
    try:
        migration = upgrade(store.engine, progress=progress)
    except Exception as exc:
        store.dispose()
        from sqlalchemy.exc import DBAPIError

        from sdrdesk.db.engine import describe_store_error

        if isinstance(exc, DBAPIError):
            raise StoreUnavailableError(describe_store_error(exc, store.display_url)) from exc
        raise
    if migration.backup:
        log.info("Schema migrated; the old file was kept as %s", migration.backup)
    warnings: list[str] = []
    criteria = load_criteria()
    if settings.sal_criteria_file:
        try:
            criteria = load_criteria(Path(settings.sal_criteria_file).expanduser())
        except ValidationError as exc:
            warnings.append(_("{problem} Using the default SAL criteria.").format(problem=exc))
    if settings.call_script_file:
        from sdrdesk.services.calls import ScriptSource

        _script, script_warning = ScriptSource(settings.call_script_file).get()
        if script_warning:
            warnings.append(script_warning)
    assignment = load_rules()
    if settings.assignment_rules_file:
        try:
            assignment = load_rules(Path(settings.assignment_rules_file).expanduser())
        except ValidationError as exc:
            warnings.append(_("{problem} New leads stay in the team pool.").format(problem=exc))
    products = load_products()
    if settings.products_file:
        try:
            products = load_products(Path(settings.products_file).expanduser())
        except ValidationError as exc:
            warnings.append(_("{problem} Using the default product list.").format(problem=exc))
    product_criteria, problems = load_product_criteria(products)
    warnings.extend(problems)
    services = ServiceContext(
        store=store,
        rules=rules_from(settings),
        criteria=criteria,
        assignment=assignment,
        products=products,
        product_criteria=product_criteria,
    )
    return AppContext(settings, services, migration, warnings)


def setup_logging(verbose: bool = False) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_sdrdesk", False) for h in root.handlers):
        return
    handler = _PrivateLog(paths.log_file(), maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._sdrdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


class _PrivateLog(logging.handlers.RotatingFileHandler):
    """The log, rotated at 2 MB with three old files kept, each 0600 from its first line."""

    def _open(self) -> Any:
        private_file(Path(self.baseFilename))
        return super()._open()


def log_file() -> str:
    return str(paths.log_file())


def check_display() -> None:
    """Raise ``SdrdeskError`` (one sentence) if Qt could not open a window here, where
    it would end the process itself (``sdrdesk.gui.display``); nothing to check when
    a QApplication runs already (tests, scripts)."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is not None and widgets.QApplication.instance() is not None:
        return
    from sdrdesk.gui.display import display_problem

    problem = display_problem()
    if problem is not None:
        raise SdrdeskError(problem)


def show_start_error(message: str) -> None:
    """Why the window cannot open (a settings file with a password, a database that
    cannot be reached), in a message box: a start from the application menu has no
    terminal. Nothing when a QApplication runs already (tests, scripts)."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is not None and widgets.QApplication.instance() is not None:
        return
    if os.environ.get(QUIT_AFTER_START_ENV):
        return  # a smoke test reads stderr
    from PySide6.QtWidgets import QMessageBox

    qt_app, _owned = ensure_qapplication([])
    QMessageBox.critical(None, qt_app.applicationDisplayName(), message)


def ensure_qapplication(argv: list[str]) -> tuple[QApplication, bool]:
    """The running QApplication, or a new one; the flag says whether we created it."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing, False  # type: ignore[return-value]
    app = QApplication(["sdrdesk", *argv])
    app.setApplicationName("sdrdesk")
    app.setOrganizationName("sdrdesk")
    app.setApplicationDisplayName("sdrdesk")
    from sdrdesk.gui import desktop

    desktop.set_identity(app)  # the icon of every window, the desktop entry's id
    desktop.install_error_dialog()  # a bug is shown, named in the log, and copied
    return app, True


def open_app_in_window(database_url: str | None = None) -> tuple[AppContext, bool]:
    """``open_app`` for the window: while an upgrade builds the reports' figures, a
    window shows its progress (``gui.upgrade_progress``). The flag says whether the
    QApplication was created for that window (``run_gui``'s ``owned``)."""
    shown: list[Any] = []  # the window, made on the first report only (a lazy import)

    def progress(percent: int) -> None:
        if not shown:
            from sdrdesk.gui.upgrade_progress import UpgradeProgress

            shown.append(UpgradeProgress(lambda: ensure_qapplication([])))
        shown[0](percent)

    try:
        return open_app(database_url, progress=progress), bool(shown and shown[0].created_app)
    finally:
        if shown:
            shown[0].close()


def run_gui(app_ctx: AppContext, user: str | None, argv: list[str], *, owned: bool = False) -> int:
    """Open the main window. Blocks in the event loop only if we created the QApplication
    (here, or for the upgrade's progress: ``owned``)."""
    qt_app, created = ensure_qapplication(argv)
    owned = owned or created
    from PySide6.QtCore import QTimer

    from sdrdesk.gui import translation

    translation.install(qt_app, app_ctx.settings.language)

    from sdrdesk.gui.main_window import MainWindow
    from sdrdesk.services.catalog import Services

    window = MainWindow(
        Services(app_ctx.services),
        app_ctx.settings,
        user_name=user or app_ctx.settings.user or database_user(app_ctx.store),
        warnings=app_ctx.warnings,
    )
    _keep_alive(qt_app, window)
    if not owned:
        # Opened into a caller's QApplication (tests, scripts): main() returns now and
        # resumes garbage collection as it does after any command, so a paused
        # collection never outlives the call into the caller's own work.
        window.show()
        return 0
    # Garbage collection stays paused (sdrdesk.startup) until the first rows are on
    # screen and the window's features are loaded.
    startup.hand_over()
    window.started.connect(startup.resume_after_start)
    QTimer.singleShot(int(startup.GRACE_SECONDS * 1000), startup.resume_after_start)
    _close_on_termination(qt_app, window)
    if os.environ.get(QUIT_AFTER_START_ENV):
        # A smoke test of a build: quit once the first rows are on screen.
        window.started.connect(window.close)
        window.started.connect(qt_app.quit)
    window.show()
    code = qt_app.exec()
    app_ctx.store.dispose()
    return int(code)


def _close_on_termination(qt_app: QApplication, window: QMainWindow) -> None:
    """SIGTERM (a logout, ``kill``, a service manager stopping the session) and SIGINT
    (Ctrl+C in the terminal that started it) close the window as its close button does:
    the layout is saved, following the team and the background work stop, and a call
    being typed keeps its draft; then the app exits.

    Qt's event loop does not let Python run a signal handler until something wakes it:
    the signal's byte on a socket does (``signal.set_wakeup_fd``), read by a socket
    notifier in the loop."""
    if os.name != "posix":
        return
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, qt_app)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    def close(signum: int, _frame: object) -> None:
        # Nothing but scheduling here: the handler may run in the middle of a write to
        # the log file (a reentrant write there fails and the line is lost).
        name = signal.Signals(signum).name

        def close_window() -> None:
            log.info("Closing on %s", name)
            window.close()
            qt_app.quit()  # also with a dialog still open over it

        QTimer.singleShot(0, close_window)

    notifier.activated.connect(drain)
    signal.signal(signal.SIGTERM, close)
    signal.signal(signal.SIGINT, close)  # Ctrl+C in the terminal that started it
    qt_app._sdrdesk_termination = (reader, writer, notifier)  # type: ignore[attr-defined]


def _keep_alive(qt_app: QApplication, window: QMainWindow) -> None:
    # A window opened into someone else's QApplication (tests, scripts) has no Python
    # owner once main() returns; the application keeps it until it is closed.
    from shiboken6 import isValid

    windows: list[QMainWindow] = getattr(qt_app, "_sdrdesk_windows", [])
    windows = [w for w in windows if isValid(w) and w.isVisible()]  # deleted ones: gone
    windows.append(window)
    qt_app._sdrdesk_windows = windows  # type: ignore[attr-defined]
