"""Disqualifying or nurturing an accepted lead without a call, and a manager lifting
do-not-call, from the window: the actions, their dialogs, what the history shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from sdrdesk.db.engine import Store
from sdrdesk.db.models import Lead
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.gui.dialogs.lead_notes import LiftDoNotCallDialog, NurtureDialog
from sdrdesk.gui.dialogs.reject_dialog import RejectDialog
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.notes import NotesController
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads import LeadService, TriageService
from sdrdesk.services.queue import QueueView
from sdrdesk.services.users import UserService
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle
from tests.gui.queue_helpers import child


def notes(window: MainWindow) -> NotesController:
    controller = window.controller("notes")
    assert isinstance(controller, NotesController)
    return controller


def accepted_selected(qtbot: QtBot, window: MainWindow) -> int:
    """The selected lead, accepted, shown and selected in "My leads"."""
    row = window.current_row()
    user = window.user
    assert row is not None
    assert user is not None
    TriageService(window._ctx).accept(row.lead.id, actor_id=user.id)
    views = window.ui.viewFilter
    views.setCurrentIndex(views.findData(QueueView.MINE))
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.current_row() is not None)
    window.queue.select_lead(row.lead.id)
    selected = window.current_row()
    assert selected is not None
    assert selected.lead.id == row.lead.id
    assert selected.lead.status is Status.SAL
    return row.lead.id


def test_the_actions_have_their_names_keys_and_tooltips(window: MainWindow) -> None:
    expected = {
        "actionDisqualify": ("Shift+X", "Disqualify (Shift+X)"),
        "actionNurture": ("Shift+U", "Nurture (Shift+U)"),
        "actionLiftDoNotCall": ("Ctrl+Shift+L", "Lift do-not-call (Ctrl+Shift+L)"),
    }
    for name, (key, tip) in expected.items():
        action = window.action(name)
        assert action.objectName() == name
        assert [k.toString() for k in action.shortcuts()] == [key]
        assert action.toolTip() == tip
    assert not window.action("actionLiftDoNotCall").isEnabled()  # anna is no manager


def test_an_accepted_lead_is_disqualified_with_a_reason(qtbot: QtBot, window: MainWindow) -> None:
    lead = accepted_selected(qtbot, window)
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_X, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(notes(window).dialog, RejectDialog))
    dialog = notes(window).dialog
    assert isinstance(dialog, RejectDialog)
    assert dialog.objectName() == "disqualifyDialog"
    assert "Disqualify" in dialog.ui.rejectLeadLabel.text()
    dialog.ui.reasonList.setCurrentRow(0)
    code = dialog.reason_code
    dialog.confirm()
    wait_idle(qtbot, window)
    detail = LeadService(window._ctx).get(lead)
    assert detail.summary.status is Status.DISQUALIFIED
    assert detail.events[-1].reason_code == code


def test_an_accepted_lead_is_nurtured_until_a_date(qtbot: QtBot, window: MainWindow) -> None:
    lead = accepted_selected(qtbot, window)
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_U, Qt.KeyboardModifier.ShiftModifier)
    dialog = notes(window).dialog
    assert isinstance(dialog, NurtureDialog)
    dialog.confirm()  # no reason: refused, stays open
    assert dialog.isVisible()
    child(dialog, QLineEdit, "nurtureReason").setText("New budget in Q2")
    day = dialog.day
    dialog.confirm()
    wait_idle(qtbot, window)
    summary = LeadService(window._ctx).get(lead).summary
    assert summary.status is Status.NURTURE
    assert summary.callback_due_at is not None
    assert summary.callback_due_at.astimezone(_zone(summary.time_zone)).date() == day


def _zone(name: str | None):  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    return ZoneInfo(name or "UTC")


def test_a_manager_lifts_do_not_call(
    qtbot: QtBot, make_window: WindowFactory, database_url: str
) -> None:
    setup = Store.open(database_url)
    UserService(ServiceContext(setup)).add("tom", Role.MANAGER, display_name="Tom Becker")
    setup.dispose()
    window = make_window(*QUEUE, user="tom")
    row = window.current_row()
    assert row is not None
    with window._ctx.store.write() as s:
        lead = s.get(Lead, row.lead.id)
        assert lead is not None
        lead.do_not_call, lead.do_not_call_reason = True, "Wrong number"
    assert window.action("actionLiftDoNotCall").isEnabled()
    qtbot.keyClick(
        window.ui.queueView,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = notes(window).dialog
    assert isinstance(dialog, LiftDoNotCallDialog)
    child(dialog, QLineEdit, "liftReason").setText("The number had a typo; corrected")
    dialog.confirm()
    wait_idle(qtbot, window)
    detail = LeadService(window._ctx).get(row.lead.id)
    assert not detail.summary.do_not_call
    assert detail.events[-1].description == "Tom Becker lifted do-not-call for this lead"
    assert "may be called again" in window.ui.statusBar.currentMessage()
