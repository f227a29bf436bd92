"""The call workspace, driven from the keyboard as an SDR drives it, on both backends."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QUrl
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sdrdesk.domain.call_script import Decision
from sdrdesk.domain.lifecycle import Status
from sdrdesk.gui.call_drafts import CallDrafts
from sdrdesk.gui.dialogs.call_workspace import CallWorkspace
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.models.queue_model import Column
from sdrdesk.paths import data_dir
from sdrdesk.services.leads.details import LeadService
from tests.conftest import FakeClock
from tests.gui.call_helpers import CTRL, accept_all_and_show_mine, attempts, open_call, save
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle


@pytest.fixture
def mine(qtbot: QtBot, make_window: WindowFactory) -> MainWindow:
    window = make_window(*QUEUE)
    accept_all_and_show_mine(qtbot, window)
    return window


def key(qtbot: QtBot, workspace: CallWorkspace, k: Qt.Key, modifier: Any = None) -> None:
    target = workspace.focusWidget() or workspace
    if modifier is None:
        qtbot.keyClick(target, k)
    else:
        qtbot.keyClick(target, k, modifier)


def test_a_full_call_from_the_keyboard(qtbot: QtBot, mine: MainWindow, clock: FakeClock) -> None:
    ws = open_call(qtbot, mine)
    ui = ws.ui
    assert ws.objectName() == "callWorkspace"
    assert ui.callLeadName.text() == "Fresh Berlin"
    assert 'href="tel:+49301234567"' in ui.callPhoneLink.text()
    assert "3:30\u202fPM (Europe/Berlin) — good time to call" in ui.callLocalTime.text()
    assert "Call 1" in ui.callAttemptInfo.text()
    dialled: list[str] = []
    ws._open_url = lambda url: dialled.append(QUrl(url).toString())
    key(qtbot, ws, Qt.Key.Key_D, CTRL)
    assert dialled == ["tel:+49301234567"]

    # Interest: the first question has the focus; 1 picks a choice, Y answers yes/no.
    assert ws.focusWidget().objectName() == "choice_interest_trigger_evaluating"
    key(qtbot, ws, Qt.Key.Key_1)
    key(qtbot, ws, Qt.Key.Key_Tab)
    key(qtbot, ws, Qt.Key.Key_Y)
    assert ws.ui.scriptView.answers() == {
        "interest_trigger": "evaluating",
        "interest_next_step": "yes",
    }
    # Fit: Ctrl+PgDown moves on and focuses the first open question.
    key(qtbot, ws, Qt.Key.Key_PageDown, CTRL)
    assert ui.scriptView.current_section() == "fit"
    qtbot.keyClicks(ws.focusWidget(), "320")
    key(qtbot, ws, Qt.Key.Key_Tab)
    key(qtbot, ws, Qt.Key.Key_1)  # spreadsheets
    key(qtbot, ws, Qt.Key.Key_PageDown, CTRL)
    # Budget: the amount is only asked once there is (or will be) budget.
    assert not ui.scriptView.is_shown("budget_amount")
    key(qtbot, ws, Qt.Key.Key_1)  # approved
    assert ui.scriptView.is_shown("budget_amount")
    key(qtbot, ws, Qt.Key.Key_Tab)
    qtbot.keyClicks(ws.focusWidget(), "40k")
    key(qtbot, ws, Qt.Key.Key_PageDown, CTRL)
    key(qtbot, ws, Qt.Key.Key_1)  # authority: decides alone
    assert not ui.scriptView.is_shown("authority_access")
    key(qtbot, ws, Qt.Key.Key_PageDown, CTRL)
    for digit in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):  # need: three problems
        key(qtbot, ws, digit)
    ui.scriptView.editor("need_urgency").focus_target().setFocus()
    key(qtbot, ws, Qt.Key.Key_1)  # critical
    key(qtbot, ws, Qt.Key.Key_PageDown, CTRL)
    ui.scriptView.editor("timeline_go_live").set_value("2026-05-15")
    assert "No grade yet" not in ui.gradeLabel.text()
    assert "Grade A" in ui.gradeLabel.text()
    assert "Book a demo" in ui.recommendationLabel.text()
    assert ui.scriptView.progress.value() == 6

    qtbot.keyClicks(ui.callNotes, "Peak season starts in June.")
    clock.advance(minutes=4, seconds=5)
    ws._tick()
    assert ui.callTimer.text() == "04:05"
    key(qtbot, ws, Qt.Key.Key_1, CTRL)  # outcome: connected
    assert ws.wrapup.outcome() is not None
    assert ws.decision is Decision.DEMO  # follows the recommendation
    save(qtbot, mine, ws)

    [attempt] = attempts(mine)
    assert (attempt.outcome, attempt.duration_seconds) == ("connected", 245)
    assert attempt.notes == "Peak season starts in June."
    assert attempt.answers["budget_amount"] == 40000
    assert attempt.script_version == "2026.1"
    fresh = next(r.lead for r in mine.model.rows() if r.lead.name == "Fresh Berlin")
    assert (fresh.status, fresh.grade, fresh.attempt_count) == (Status.WORKING, "A", 1)
    row = mine.model.position_of(fresh.id)
    assert row is not None
    assert mine.model.index(row, Column.ATTEMPTS).data() == "1"
    panel = mine.ui.leadPanel
    qtbot.waitUntil(lambda: panel.detail is not None and len(panel.detail.attempts) == 1)
    assert "Grade A" in panel.callHistory.qualification.text()
    tree = panel.callHistory.attempts
    assert tree.topLevelItem(0).text(1) == "Connected"
    first = tree.topLevelItem(0)
    children = [first.child(i).text(0) for i in range(first.childCount())]
    assert "Notes: Peak season starts in June." in children
    assert "Budget: Is there budget for solving this? — Approved" in children


def test_a_knock_out_ends_qualification_and_disqualifies(qtbot: QtBot, mine: MainWindow) -> None:
    ws = open_call(qtbot, mine)
    view = ws.ui.scriptView
    view.editor("interest_trigger").set_value("evaluating")
    view.editor("authority_role").set_value("influences")
    assert view.is_shown("authority_access")  # ask only if they do not decide
    view.editor("authority_access").set_value("no")  # knock-out: no access to who decides
    assert "✖ Recommended: <b>Disqualify</b>" in ws.ui.recommendationLabel.text()
    assert "Grade C" in ws.ui.gradeLabel.text()
    assert not ws.ui.scriptView._blocks["need_urgency"].isEnabled()  # moot after the knock-out
    assert ws.decision is Decision.DISQUALIFY
    assert ws.ui.disqualifyReason.currentData() == "no_authority"
    ws.pick_outcome(1)
    save(qtbot, mine, ws)
    lead_id = attempts(mine)[0].lead_id
    last = LeadService(mine._ctx).events(lead_id)[-1]
    assert (last.action, last.reason_code) == ("disqualify", "no_authority")
    qtbot.waitUntil(lambda: "Fresh Berlin" not in [r.lead.name for r in mine.model.rows()])


def test_the_workspace_does_not_close_without_an_outcome(qtbot: QtBot, mine: MainWindow) -> None:
    ws = open_call(qtbot, mine)
    qtbot.keyClicks(ws.ui.callNotes, "Rang twice")
    qtbot.keyClick(ws.ui.callNotes, Qt.Key.Key_Escape)
    assert ws.isVisible()
    assert "needs an outcome" in ws.ui.workspaceMessage.text()
    ws.close()
    assert ws.isVisible()
    ws.save()
    assert "Choose how the call ended" in ws.ui.workspaceMessage.text()
    assert ws.ui.callNotes.toPlainText() == "Rang twice"
    ws.pick_outcome(3)
    ws.close()
    assert ws.isVisible()
    assert "Save the call (Ctrl+S)" in ws.ui.workspaceMessage.text()
    # Discarding takes two clicks and logs nothing.
    qtbot.mouseClick(ws.ui.discardButton, Qt.MouseButton.LeftButton)
    assert ws.isVisible()
    qtbot.mouseClick(ws.ui.discardButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mine.calls.workspace is None)
    wait_idle(qtbot, mine)
    assert attempts(mine) == []


def test_a_callback_reappears_in_the_queue_when_it_is_due(
    qtbot: QtBot, mine: MainWindow, clock: FakeClock
) -> None:
    ws = open_call(qtbot, mine)
    assert not ws.ui.callbackAt.isVisible()
    key(qtbot, ws, Qt.Key.Key_6, CTRL)  # callback requested
    assert ws.ui.callbackAt.isVisible()
    hint = ws.ui.callbackHint.text()
    assert "their time (Europe/Berlin)" in hint
    assert "outside" not in hint
    due = ws.wrapup.callback_at()
    assert due is not None
    assert due.astimezone(ws._zone).hour == 15  # tomorrow, same time on their clock
    save(qtbot, mine, ws)
    views = mine.ui.viewFilter
    views.setCurrentIndex(views.findText("Callbacks due"))
    qtbot.waitUntil(lambda: not mine.model.is_loading)
    wait_idle(qtbot, mine)
    assert mine.model.rowCount() == 0
    clock.current = due + timedelta(minutes=5)
    mine.refresh()
    qtbot.waitUntil(lambda: [r.lead.name for r in mine.model.rows()] == ["Fresh Berlin"])


def test_a_wrong_number_is_not_dialled_again(qtbot: QtBot, mine: MainWindow) -> None:
    ws = open_call(qtbot, mine)
    ws.pick_outcome(8)  # wrong number
    assert ws.decision is Decision.DISQUALIFY  # recommended: bad contact data
    assert ws.ui.disqualifyReason.currentData() == "bad_contact"
    ws.ui.decisionLater.click()  # keep the lead: the SDR looks for another number
    # Deciding later goes against the recommendation too: it asks why, and keeps it.
    assert ws.ui.overrideReason.isVisible()
    ws.ui.overrideReason.setText("Another number is on their website")
    save(qtbot, mine, ws)
    panel = mine.ui.leadPanel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.summary.do_not_call)
    assert "do not call" in panel.ui.leadPhoneLink.text()
    assert "Wrong number" in panel.ui.leadPhoneLink.text()
    row = mine.current_row()
    assert row is not None
    override = next(
        e
        for e in LeadService(mine._ctx).events(row.lead.id)
        if e.action == "recommendation_overridden"
    )
    assert override.data["decision"] == "later"
    assert override.data["reason"] == "Another number is on their website"
    qtbot.keyClick(mine.ui.queueView, Qt.Key.Key_C)
    assert mine.calls.workspace is None
    assert "marked do not call" in mine.ui.statusBar.currentMessage()


def test_going_against_the_recommendation_asks_why(qtbot: QtBot, mine: MainWindow) -> None:
    ws = open_call(qtbot, mine)
    answers = {
        "interest_trigger": "evaluating",
        "interest_next_step": "yes",
        "fit_employees": 320,
        "fit_current_solution": "spreadsheets",
        "budget_status": "approved",
        "budget_amount": 40000,
        "authority_role": "decides",
        "need_problems": ["manual_work", "errors"],
        "need_urgency": "critical",
        "timeline_go_live": "2026-05-15",
    }
    for qid, value in answers.items():
        ws.ui.scriptView.editor(qid).set_value(value)
    ws.pick_outcome(1)
    assert ws.decision is Decision.DEMO
    ws.ui.decisionNurture.click()
    assert ws.ui.overrideReason.isVisible()
    ws.save()
    assert "Say why" in ws.ui.workspaceMessage.text()
    assert ws.isVisible()
    qtbot.keyClicks(ws.ui.overrideReason, "Merger first; asked us to wait")
    save(qtbot, mine, ws)
    lead_id = attempts(mine)[0].lead_id
    kinds = [e.action for e in LeadService(mine._ctx).events(lead_id)]
    assert kinds[-2:] == ["recommendation_overridden", "nurture"]


def test_a_partial_qualification_is_continued(qtbot: QtBot, mine: MainWindow) -> None:
    ws = open_call(qtbot, mine)
    ws.ui.scriptView.editor("interest_trigger").set_value("problem")
    ws.ui.scriptView.editor("fit_employees").set_value(80)
    ws.pick_outcome(6)
    save(qtbot, mine, ws)
    panel = mine.ui.leadPanel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.qualification is not None)
    assert "press C to continue" in panel.callHistory.qualification.text()
    again = open_call(qtbot, mine)
    assert again.ui.scriptView.answers() == {"interest_trigger": "problem", "fit_employees": 80}
    assert "Continuing the qualification" in again.ui.scriptNotice.text()
    assert "Previous calls (1)" in again.ui.previousCalls.text()
    assert "Call 2" in again.ui.callAttemptInfo.text()
    # The section list shows what is done: interest is half answered.
    assert again.ui.scriptView.sectionList.item(0).text().startswith("◐")


def test_a_failed_save_keeps_everything_typed(
    qtbot: QtBot, make_window: WindowFactory, backend: str, database_url: str
) -> None:
    window = make_window(*QUEUE, lock_timeout_ms=300)
    accept_all_and_show_mine(qtbot, window)
    ws = open_call(qtbot, window)
    lead_id = ws.setup.lead.id
    ws.ui.scriptView.editor("interest_trigger").set_value("evaluating")
    qtbot.keyClicks(ws.ui.callNotes, "They want a demo next week")
    ws.pick_outcome(1)
    if backend == "sqlite":
        blocker: Any = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        blocker.execute("BEGIN IMMEDIATE")
    else:
        blocker = window._ctx.store.engine.connect()
        blocker.begin()
        blocker.execute(text("SELECT id FROM leads WHERE id = :id FOR UPDATE"), {"id": lead_id})
    ws.save()
    qtbot.waitUntil(lambda: ws.ui.saveButton.isEnabled(), timeout=10_000)
    assert "busy" in ws.ui.workspaceMessage.text()
    assert "Nothing you typed was lost" in ws.ui.workspaceMessage.text()
    assert ws.isVisible()
    assert ws.ui.callNotes.toPlainText() == "They want a demo next week"
    assert ws.ui.scriptView.answers() == {"interest_trigger": "evaluating"}
    blocker.rollback()
    blocker.close()
    save(qtbot, window, ws)
    [attempt] = attempts(window)
    assert attempt.notes == "They want a demo next week"


def test_what_was_typed_in_a_call_the_app_closed_under_comes_back(
    qtbot: QtBot, mine: MainWindow, make_window: WindowFactory
) -> None:
    ws = open_call(qtbot, mine)
    lead_id = ws.setup.lead.id
    key(qtbot, ws, Qt.Key.Key_1)  # the first question: evaluating solutions now
    qtbot.keyClicks(ws.ui.callNotes, "Budget frozen until May")
    draft = CallDrafts.for_store(data_dir() / "drafts", mine._ctx.store.display_url).path(lead_id)
    qtbot.waitUntil(
        lambda: draft.exists() and "Budget frozen until May" in draft.read_text("utf-8"),
        timeout=5_000,
    )
    # The app ends under the call, nothing saved; it is started again on the same store
    # and says which call is left.
    again = make_window()
    assert again.ui.banner.isVisible()
    assert again.ui.bannerLabel.text().startswith(
        "Not saved when sdrdesk last closed: your call with Fresh Berlin ("
    )
    views = again.ui.viewFilter
    views.setCurrentIndex(views.findText("My accepted leads"))
    qtbot.waitUntil(lambda: any(r.lead.id == lead_id for r in again.model.rows()))
    wait_idle(qtbot, again)
    carried = open_call(qtbot, again)
    assert carried.ui.callNotes.toPlainText() == "Budget frozen until May"
    assert carried.ui.scriptView.answers()["interest_trigger"] == "evaluating"
    assert "which was not saved" in carried.ui.workspaceMessage.text()
    carried.pick_outcome(3)  # no answer
    save(qtbot, again, carried)
    assert not draft.exists()  # saved: nothing left to carry on
    assert attempts(again)[-1].notes == "Budget frozen until May"


def test_a_callback_at_night_on_their_clock_asks_once_more(qtbot: QtBot, mine: MainWindow) -> None:
    ws = open_call(qtbot, mine)
    key(qtbot, ws, Qt.Key.Key_6, CTRL)  # callback requested
    suggested = ws.wrapup.callback_at()
    assert suggested is not None
    local = suggested.astimezone(ws._zone)
    saturday = local + timedelta(days=(5 - local.weekday()) % 7 or 7)
    night = saturday.replace(hour=3, minute=0).astimezone()  # the SDR's clock
    ws.ui.callbackAt.setDateTime(
        QDateTime(QDate(night.year, night.month, night.day), QTime(night.hour, night.minute))
    )
    assert "outside their business hours" in ws.ui.callbackHint.text()
    key(qtbot, ws, Qt.Key.Key_S, CTRL)
    assert ws.isVisible()  # not saved yet
    assert ws.ui.saveButton.text() == "Save anyway"
    message = ws.ui.workspaceMessage.text()
    assert "outside their business hours" in message
    assert "on Sat " in message  # their weekday and clock
    assert attempts(mine) == []
    save(qtbot, mine, ws)  # the second press keeps it
    saved = attempts(mine)[-1].callback_at
    assert saved is not None
    theirs = saved.astimezone(ws._zone)
    assert (theirs.strftime("%a"), theirs.hour < 9) == ("Sat", True)
