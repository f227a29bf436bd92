"""Which store the window works on (a file or a PostgreSQL URL without its password)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


class StoreLabel(QLabel):
    def __init__(self, display_url: str) -> None:
        super().__init__(display_url)
        self.setObjectName("storeLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a URL as it is, never HTML
