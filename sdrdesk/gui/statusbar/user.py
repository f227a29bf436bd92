"""Who is working: "Anna Berg (SDR)"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from sdrdesk.gui.models import formats
from sdrdesk.i18n import _
from sdrdesk.services.results import UserInfo


class UserLabel(QLabel):
    def __init__(self) -> None:
        super().__init__(_("Connecting…"))
        self.setObjectName("userLabel")
        self.setTextFormat(Qt.TextFormat.PlainText)  # names as typed, never HTML

    def show_user(self, user: UserInfo) -> None:
        self.setText(f"{user.display_name} ({formats.data_label(user.role.label)})")
