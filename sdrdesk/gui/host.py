"""What a feature controller (triage, team, calls, demos) may ask of the main window.

One protocol instead of one per controller: controllers depend on this, not on the
window class, so each can be tested and reasoned about on its own.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from sdrdesk.gui.models.queue_model import QueueModel
from sdrdesk.gui.workers import Background
from sdrdesk.services.queue import QueueRow, QueueService
from sdrdesk.services.results import UserInfo


class WindowHost(Protocol):
    model: QueueModel
    background: Background
    queue_service: QueueService

    @property
    def user(self) -> UserInfo | None: ...

    def current_row(self) -> QueueRow | None: ...

    def select_position(self, position: int) -> None: ...

    def select_lead(self, lead_id: int) -> None: ...

    def show_banner(self, text: str) -> None: ...

    def hide_banner(self) -> None: ...

    def show_error(self, error: Exception, context: str) -> None: ...

    def notify(self, message: str, msecs: int = 5000) -> None: ...

    def lead_changed(self, lead_id: int) -> None: ...

    def refresh(self) -> None: ...

    def dialog_parent(self) -> QWidget: ...
