"""Which store the window works on (a file or a PostgreSQL URL without its password)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sdrdesk.gui import theme
from sdrdesk.gui.statusbar.elided import ElidedLabel


class StoreLabel(ElidedLabel):
    def __init__(self, display_url: str) -> None:
        super().__init__(display_url, Qt.TextElideMode.ElideMiddle)  # a URL, never HTML
        self.setObjectName("storeLabel")
        self.setMaximumWidth(theme.chars(self, 40))  # the file's name and the folder's start
