"""The app as a desktop citizen: its icon, the log folder, and unexpected errors.

- ``app_icon``: ``resources/icons/sdrdesk.svg``, the window icon of every window (set on
  the application) and the picture in About.
- ``open_log_folder``: Help › Open log folder, in the file manager.
- ``install_error_dialog``: an exception nobody caught (a bug) is logged with its
  traceback and shown in a dialog that names the log file and offers "Copy details"
  (the version, the platform and the traceback, for a bug report); the app goes on.
"""

from __future__ import annotations

import importlib.resources
import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sdrdesk import __version__, paths
from sdrdesk.i18n import _

log = logging.getLogger(__name__)

DESKTOP_ID = "io.github.sdrdesk.SdrDesk"  # the .desktop file's name, the Wayland app id


def icon_path() -> str:
    return str(importlib.resources.files("sdrdesk.resources") / "icons" / "sdrdesk.svg")


def app_icon() -> QIcon:
    return QIcon(icon_path())


def set_identity(app: QGuiApplication) -> None:
    """The window icon of every window, and the desktop entry the windows belong to."""
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_ID)


def about(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(text)
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def open_log_folder() -> bool:
    """Show the folder of the log files in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir())))


def error_details(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(kind, error, tb)
    return (
        f"sdrdesk {__version__}, Python {platform.python_version()}, "
        f"{platform.platform()}\n\n" + "".join(lines)
    )


class UnexpectedErrorDialog(QDialog):
    """What went wrong, where the log is, the details to read, and "Copy details"."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unexpectedErrorDialog")
        self.setWindowTitle(_("Unexpected error"))
        self.details = details
        layout = QVBoxLayout(self)
        self.message = QLabel(summary)
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        text = QPlainTextEdit(details)
        text.setObjectName("errorDetails")
        text.setAccessibleName(_("Details"))
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy = buttons.addButton(_("&Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy.setObjectName("copyDetails")
        self.copy.clicked.connect(self.copy_details)
        folder = buttons.addButton(_("Open &log folder"), QDialogButtonBox.ButtonRole.ActionRole)
        folder.setObjectName("openLogFolder")
        folder.clicked.connect(open_log_folder)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy.setText(_("Copied"))


def show_unexpected_error(
    kind: type[BaseException],
    error: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> UnexpectedErrorDialog:
    """Log the error with its traceback and show it; returns the (open) dialog."""
    log.error("Unexpected error", exc_info=(kind, error, tb))
    summary = _(
        "Something went wrong that sdrdesk did not expect ({error}). What was saved is "
        "kept. The details are in the log file {path}."
    ).format(error=f"{kind.__name__}: {error}", path=paths.log_file())
    dialog = UnexpectedErrorDialog(summary, error_details(kind, error, tb), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install_error_dialog() -> None:
    """From now on an exception nobody caught is shown (``show_unexpected_error``)."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            previous(kind, error, tb)
            return
        try:
            show_unexpected_error(kind, error, tb, QApplication.activeWindow())
        except Exception:  # never let the dialog itself bring the app down
            previous(kind, error, tb)

    sys.excepthook = hook


def show_about(parent: QWidget, store_url: str) -> QMessageBox:
    """Help › About: the version and the store in use, with the icon."""
    return about(
        parent,
        _("About sdrdesk"),
        _(
            "<b>sdrdesk {version}</b><br>A keyboard-first work queue for SDRs.<br>Store: {store}"
        ).format(version=__version__, store=store_url),
    )
