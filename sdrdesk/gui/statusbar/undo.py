"""The last accept, reject or correction, with a button (and Ctrl+Z) to take it back
while it may be.

Both sit at the left of the status bar's permanent widgets: a message (``showMessage``,
a notification, a menu's status tip) is drawn only in the room left of them, so it never
covers the undo label, and the undo stays in sight while a message is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QStatusBar

from sdrdesk.gui import theme
from sdrdesk.gui.statusbar.elided import ElidedLabel
from sdrdesk.i18n import _


@dataclass(frozen=True)
class UndoOffer:
    """Something just saved that Ctrl+Z may take back for a few seconds (the triage
    controller holds the one offer of the moment)."""

    lead_id: int
    message: str  # the status bar's text: "Corrected Jo Kurz. Undo: Ctrl+Z"
    take_back: Callable[[int, str], object]  # (user id, operation id), on a worker thread
    undone: str  # said once it is taken back
    reload: bool = True  # the queue is read again (the lead comes back to it)


class UndoIndicator:
    """``undoLabel`` names what Undo takes back; ``undoButton`` triggers ``action``."""

    def __init__(self, bar: QStatusBar, action: QAction) -> None:
        self._action = action
        self.label = ElidedLabel()  # lead names as typed, never HTML
        self.label.setObjectName("undoLabel")
        self.label.setContentsMargins(theme.chars(self.label, 2), 0, 0, 0)  # apart from a message
        self.button = QPushButton(_("Undo"))
        self.button.setObjectName("undoButton")
        self.button.setVisible(False)
        self.button.setFlat(True)
        self.button.clicked.connect(action.trigger)
        bar.addPermanentWidget(self.label)
        bar.addPermanentWidget(self.button)

    def show(self, text: str) -> None:
        """What may be undone now ("" when nothing is)."""
        self.label.setText(text)
        self.button.setVisible(bool(text))
        self._action.setEnabled(bool(text))
