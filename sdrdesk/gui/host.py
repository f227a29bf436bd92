"""What a controller (triage, team, calls, demos, imports) may ask of the main window.

One protocol instead of one per controller: controllers depend on this, not on the
window class, so each can be tested and reasoned about on its own. Every controller is
made alike, ``Controller(host, services)``: its services come from ``services``
(``sdrdesk.services.catalog``), everything else from the host.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from sdrdesk.gui.banner import Banner
from sdrdesk.gui.models.queue_model import QueueModel
from sdrdesk.gui.queue_pane import QueuePane
from sdrdesk.gui.widgets.lead_panel import LeadPanel
from sdrdesk.gui.workers import Background
from sdrdesk.services.catalog import Services
from sdrdesk.services.results import UserInfo
from sdrdesk.settings import Settings


class WindowHost(Protocol):
    model: QueueModel
    background: Background
    services: Services
    settings: Settings
    banner: Banner
    lead_panel: LeadPanel
    queue: QueuePane  # the queue view: the selected row, moving the selection

    @property
    def user(self) -> UserInfo | None: ...

    def action(self, name: str) -> QAction: ...

    def controller(self, name: str) -> QObject: ...

    def show_banner(self, text: str) -> None: ...

    def hide_banner(self) -> None: ...

    def show_error(self, error: Exception, context: str) -> None: ...

    def notify(self, message: str, msecs: int = 5000) -> None: ...

    def lead_changed(self, lead_id: int) -> None: ...

    def refresh(self) -> None: ...

    def dialog_parent(self) -> QWidget: ...
