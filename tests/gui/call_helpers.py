"""Driving the call workspace in tests: opening a call, keys, saving, the stored attempts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sdrdesk.db.models import CallAttempt
from sdrdesk.gui.dialogs.call_workspace import CallWorkspace
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.services.leads.triage import TriageService
from tests.gui.conftest import QUEUE, wait_idle

CTRL = Qt.KeyboardModifier.ControlModifier


def accept_all_and_show_mine(qtbot: QtBot, window: MainWindow) -> None:
    """Anna accepted every lead; the queue shows her accepted leads."""
    assert window.user is not None
    for row in window.model.rows():
        TriageService(window._ctx).accept(row.lead.id, actor_id=window.user.id)
    views = window.ui.viewFilter
    views.setCurrentIndex(views.findText("My accepted leads"))
    qtbot.waitUntil(lambda: window.model.rowCount() == len(QUEUE) and not window.model.is_loading)
    wait_idle(qtbot, window)


def open_call(qtbot: QtBot, window: MainWindow, name: str = "Fresh Berlin") -> CallWorkspace:
    lead = next(r.lead for r in window.model.rows() if r.lead.name == name)
    window.select_lead(lead.id)
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: window.calls.workspace is not None, timeout=10_000)
    workspace = window.calls.workspace
    assert workspace is not None
    qtbot.waitUntil(workspace.isVisible)
    workspace.activateWindow()
    qtbot.waitUntil(lambda: workspace.isActiveWindow())
    return workspace


def save(qtbot: QtBot, window: MainWindow, workspace: CallWorkspace) -> None:
    qtbot.keyClick(workspace.focusWidget() or workspace, Qt.Key.Key_S, CTRL)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.calls.workspace is None, timeout=10_000)


def attempts(window: MainWindow) -> list[CallAttempt]:
    with window._ctx.store.read() as s:
        rows = list(s.scalars(select(CallAttempt).order_by(CallAttempt.id)))
        s.expunge_all()
        return rows
