"""The warning banner above the queue: errors and warnings that stay until closed."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFrame, QLabel, QToolButton

from sdrdesk.domain.errors import SdrdeskError, StoreUnavailableError
from sdrdesk.gui import theme
from sdrdesk.gui.theme import themed
from sdrdesk.i18n import _

log = logging.getLogger(__name__)


class Banner:
    """Drives the form's ``banner`` frame, its ``bannerLabel`` and ``bannerClose``."""

    def __init__(self, frame: QFrame, label: QLabel, close: QToolButton) -> None:
        self.frame, self.label = frame, label
        close.clicked.connect(self.hide)
        themed(frame, lambda: frame.setStyleSheet(theme.box_sheet("warning", "banner", "0")))

    def show(self, text: str) -> None:
        self.label.setText(text)
        self.frame.setVisible(True)

    def hide(self) -> None:
        self.frame.setVisible(False)

    def text(self) -> str:
        return self.label.text()

    def show_error(self, error: Exception, context: str) -> None:
        """A user's error as it is; anything else logged, and named with what failed."""
        text = error_text(error, context)
        if isinstance(error, StoreUnavailableError):
            text += " " + _("Nothing was lost: what you typed is kept; try again.")
        self.show(text)


def error_text(error: Exception, context: str) -> str:
    """What a dialog or the banner says of ``error``: a user's error (one sentence) as it
    is; anything else logged, and named with what failed (``context``: "Saving the user")."""
    if isinstance(error, SdrdeskError):
        return str(error)
    log.error("%s failed", context, exc_info=error)
    return _("{context} failed unexpectedly ({error}).").format(
        context=context, error=f"{type(error).__name__}: {error}"
    )
