""" "Working…" while the background has database or file work running."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from sdrdesk.gui.workers import Background
from sdrdesk.i18n import _


class BusyLabel(QLabel):
    def __init__(self, background: Background) -> None:
        super().__init__(_("Working…"))
        self.setObjectName("busyLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setVisible(False)
        background.busy_changed.connect(self.setVisible)
