"""Accepting, rejecting and undoing from the queue window, and a save that fails or loses a race."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sdrdesk.domain.lifecycle import Status
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService
from tests.factories import add_leads
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle
from tests.gui.queue_helpers import child, names, press, selected_name


def test_accept_is_one_key_and_moves_to_the_next_lead(qtbot: QtBot, window: MainWindow) -> None:
    assert selected_name(window) == "Fresh Berlin"
    press(qtbot, window, "a")
    # Immediately, before the write finished: the next lead is selected.
    assert selected_name(window) == "Hot London"
    assert "Fresh Berlin" not in names(window)
    wait_idle(qtbot, window)
    leads = LeadService(window._ctx)
    fresh = next(lead for lead in leads.list_leads() if lead.first_name == "Fresh")
    assert fresh.status is Status.SAL
    assert fresh.owner == "anna"
    assert window.action("actionUndo").isEnabled()
    count = child(window, QLabel, "queueCount")
    qtbot.waitUntil(lambda: count.text() == f"{len(QUEUE) - 1} leads")
    assert "Accepted Fresh Berlin" in child(window, QLabel, "undoLabel").text()


def test_reject_is_two_keys_r_and_a_digit(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "r")
    dialog = window.triage.reject_dialog
    assert dialog is not None
    assert dialog.objectName() == "rejectDialog"
    assert dialog.ui.reasonList.count() == 9
    assert dialog.ui.reasonList.item(7).text().startswith("8  Spam")
    qtbot.keyClick(dialog.ui.reasonList, Qt.Key.Key_8)
    assert window.triage.reject_dialog is None
    assert selected_name(window) == "Hot London"
    wait_idle(qtbot, window)
    events = LeadService(window._ctx).events()
    reject = events[-1]
    assert (reject.action, reject.reason_code, reject.actor) == ("reject", "spam", "anna")


def test_a_reason_that_needs_a_comment_waits_for_it(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "r")
    dialog = window.triage.reject_dialog
    assert dialog is not None
    qtbot.keyClick(dialog.ui.reasonList, Qt.Key.Key_9)  # Other: comment required
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.ui.rejectComment
    dialog.confirm()
    assert dialog.isVisible()
    assert "needs a comment" in dialog.ui.rejectError.text()
    qtbot.keyClicks(dialog.ui.rejectComment, "Agency looking for partners")
    qtbot.keyClick(dialog.ui.rejectComment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    last = LeadService(window._ctx).events()[-1]
    assert (last.reason_code, last.comment) == ("other", "Agency looking for partners")


def test_the_dialog_will_not_confirm_without_a_reason(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "r")
    dialog = window.triage.reject_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.findChild(QPushButton, "rejectConfirm"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Choose a reason" in dialog.ui.rejectError.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert names(window)[0] == "Fresh Berlin"
    assert [e.action for e in LeadService(window._ctx).events()] == ["hand_off"] * len(QUEUE)


def test_undo_brings_the_lead_back_as_a_new_event(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "a")
    wait_idle(qtbot, window)
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: "Fresh Berlin" in names(window))
    assert selected_name(window) == "Fresh Berlin"
    actions = [e.action for e in LeadService(window._ctx).events() if e.action != "hand_off"]
    assert actions == ["accept", "undo_accept"]
    assert not window.action("actionUndo").isEnabled()


def test_a_lost_race_names_the_winner_and_refreshes(qtbot: QtBot, window: MainWindow) -> None:
    ctx = window._ctx
    ben = UserService(ctx).add(
        "ben", __import__("sdrdesk.domain.users").domain.users.Role.SDR, display_name="Ben Okafor"
    )
    lead_id = window.current_row().lead.id  # type: ignore[union-attr]
    TriageService(ctx).accept(lead_id, actor_id=ben.id)  # Ben, on another desktop
    press(qtbot, window, "a")
    wait_idle(qtbot, window)
    assert window.ui.banner.isVisible()
    assert "Ben Okafor accepted this lead" in window.ui.bannerLabel.text()
    assert "Fresh Berlin" not in names(window)
    events = [e.action for e in LeadService(ctx).events(lead_id)]
    assert events == ["hand_off", "accept"]


def test_a_failed_save_keeps_the_reject_comment(
    qtbot: QtBot, make_window: WindowFactory, backend: str, database_url: str
) -> None:
    window = make_window(*QUEUE, lock_timeout_ms=300)
    lead_id = window.current_row().lead.id  # type: ignore[union-attr]
    # Another program holds a lock on the lead (or the whole SQLite file).
    if backend == "sqlite":
        blocker: Any = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        blocker.execute("BEGIN IMMEDIATE")
    else:
        blocker = window._ctx.store.engine.connect()
        blocker.begin()
        blocker.execute(text("SELECT id FROM leads WHERE id = :id FOR UPDATE"), {"id": lead_id})
    press(qtbot, window, "r")
    dialog = window.triage.reject_dialog
    assert dialog is not None
    qtbot.keyClick(dialog.ui.reasonList, Qt.Key.Key_9)
    qtbot.keyClicks(dialog.ui.rejectComment, "Wrong person, asked to remove her")
    dialog.confirm()
    qtbot.waitUntil(lambda: window.triage.reject_dialog is not None, timeout=10_000)
    again = window.triage.reject_dialog
    assert again is not None
    assert again.comment == "Wrong person, asked to remove her"
    assert again.reason_code == "other"
    assert "busy" in again.ui.rejectError.text()
    assert "busy" in window.ui.bannerLabel.text()
    assert "Fresh Berlin" in names(window)
    blocker.rollback()
    blocker.close()
    again.confirm()
    wait_idle(qtbot, window)
    last = LeadService(window._ctx).events(lead_id)[-1]
    assert (last.action, last.comment) == ("reject", "Wrong person, asked to remove her")


@pytest.mark.postgres_only
def test_reject_pressed_while_the_reasons_load_opens_when_they_arrive(
    qtbot: QtBot, make_window: WindowFactory, ctx: ServiceContext
) -> None:
    """The SDR presses r at once: the keystroke is not lost while the reasons load."""
    add_leads(ctx, *QUEUE)
    blocker = ctx.store.engine.connect()
    blocker.begin()  # another session keeps the reason list locked for a moment
    blocker.execute(text("LOCK TABLE rejection_reasons IN ACCESS EXCLUSIVE MODE"))
    try:
        window = make_window(ready=False)
        qtbot.waitUntil(lambda: window.has_started, timeout=10_000)
        first = window.current_row()
        assert first is not None
        press(qtbot, window, "r")
        assert window.triage.reject_dialog is None
        assert "Loading the rejection reasons" in window.ui.statusBar.currentMessage()
    finally:
        blocker.rollback()
        blocker.close()
    qtbot.waitUntil(lambda: window.triage.reject_dialog is not None, timeout=10_000)
    dialog = window.triage.reject_dialog
    assert dialog is not None
    assert first.lead.name in dialog.ui.rejectLeadLabel.text()
    assert dialog.ui.reasonList.count() == len(window.triage.reasons) > 5
