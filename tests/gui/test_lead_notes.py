"""Notes, touches and corrections from the window: their actions (objectName, keys,
tooltip), each dialog from the keyboard, and what the lead's history then shows."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from sdrdesk.gui.dialogs import lead_notes
from sdrdesk.gui.dialogs.lead_notes import EditLeadDialog, NoteDialog, TouchDialog
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.notes import NotesController
from sdrdesk.services.leads import LeadService, TriageService
from tests.gui.conftest import wait_idle
from tests.gui.queue_helpers import child, press, selected_name


def notes(window: MainWindow) -> NotesController:
    controller = window.controller("notes")
    assert isinstance(controller, NotesController)
    return controller


def selected_events(window: MainWindow) -> list[str]:
    row = window.current_row()
    assert row is not None
    return [e.description for e in LeadService(window._ctx).get(row.lead.id).events]


def test_the_actions_have_their_names_keys_and_tooltips(window: MainWindow) -> None:
    expected = {
        "actionAddNote": ("Shift+N", "Add note (Shift+N)"),
        "actionLogTouch": ("T", "Log touch (T)"),
        "actionEditLead": ("E", "Correct lead (E)"),
    }
    for name, (key, tip) in expected.items():
        action = window.action(name)
        assert action.objectName() == name
        assert [k.toString() for k in action.shortcuts()] == [key]
        assert action.toolTip() == tip
        assert action.isEnabled()


def test_a_note_from_the_keyboard_lands_in_the_history(qtbot: QtBot, window: MainWindow) -> None:
    name = selected_name(window)
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    dialog = notes(window).dialog
    assert isinstance(dialog, NoteDialog)
    assert dialog.objectName() == "noteDialog"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # empty: refused, the dialog stays
    assert dialog.isVisible()
    assert child(dialog, QLabel, "leadDialogError").text().startswith("The note is empty")
    qtbot.keyClicks(child(dialog, QPlainTextEdit, "noteText"), "Budget approved in Q3")
    dialog.confirm()
    wait_idle(qtbot, window)
    assert selected_name(window) == name
    assert selected_events(window)[-1] == "anna added a note to this lead"
    assert f"Added a note to {name}." in window.ui.statusBar.currentMessage()


def test_a_touch_counts_as_an_attempt(qtbot: QtBot, window: MainWindow) -> None:
    row = window.current_row()
    assert row is not None
    user = window.user
    assert user is not None
    TriageService(window._ctx).accept(row.lead.id, actor_id=user.id)
    press(qtbot, window, "t")
    dialog = notes(window).dialog
    assert isinstance(dialog, TouchDialog)
    channel = child(dialog, QComboBox, "touchChannel")
    outcome = child(dialog, QComboBox, "touchOutcome")
    channel.setCurrentIndex(channel.findData("linkedin"))
    assert [outcome.itemData(i) for i in range(outcome.count())] == [
        "sent",
        "replied",
        "connected",
    ]
    outcome.setCurrentIndex(outcome.findData("replied"))
    child(dialog, QLineEdit, "touchNote").setText("Asked for a call next week")
    dialog.confirm()
    wait_idle(qtbot, window)
    detail = LeadService(window._ctx).get(row.lead.id)
    assert detail.summary.attempt_count == 1
    assert detail.events[-1].description.endswith("logged a touch: LinkedIn message, Replied")
    assert detail.events[-1].comment == "Asked for a call next week"


def test_a_refused_touch_keeps_what_was_typed(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "t")  # a new lead: not accepted yet
    dialog = notes(window).dialog
    assert isinstance(dialog, TouchDialog)
    child(dialog, QLineEdit, "touchNote").setText("Sent the deck")
    dialog.confirm()
    qtbot.waitUntil(lambda: isinstance(notes(window).dialog, TouchDialog))
    again = notes(window).dialog
    assert isinstance(again, TouchDialog)
    assert again.note == "Sent the deck"
    error = child(again, QLabel, "leadDialogError").text()
    assert "first: only accepted leads are contacted" in error
    again.reject()


def test_a_correction_shows_the_values_and_saves_only_the_changes(
    qtbot: QtBot, window: MainWindow
) -> None:
    row = window.current_row()
    assert row is not None
    press(qtbot, window, "e")
    qtbot.waitUntil(lambda: isinstance(notes(window).dialog, EditLeadDialog))
    dialog = notes(window).dialog
    assert isinstance(dialog, EditLeadDialog)
    assert dialog.objectName() == "editLeadDialog"
    first = child(dialog, QLineEdit, "edit_first_name")
    assert first.text() == row.lead.first_name
    assert first.hasFocus() or dialog.isVisible()
    phone = child(dialog, QLineEdit, "edit_phone")
    phone.setText("12")
    dialog.confirm()
    qtbot.waitUntil(lambda: isinstance(notes(window).dialog, EditLeadDialog))
    again = notes(window).dialog
    assert isinstance(again, EditLeadDialog)
    assert child(again, QLineEdit, "edit_phone").text() == "12"
    assert "“12” is not a valid phone number" in child(again, QLabel, "leadDialogError").text()
    child(again, QLineEdit, "edit_phone").setText("+49 30 7654321")
    child(again, QLineEdit, "edit_title").setText("Head of Sales")
    again.confirm()
    wait_idle(qtbot, window)
    detail = LeadService(window._ctx).get(row.lead.id)
    assert detail.summary.phone_e164 == "+49307654321"
    assert detail.summary.title == "Head of Sales"
    event = detail.events[-1]
    assert event.action == "lead_edited"
    assert set(event.data["changes"]) == {"title", "phone"}


def test_a_correction_can_be_undone_from_the_status_bar_and_ctrl_z(
    qtbot: QtBot, window: MainWindow
) -> None:
    row = window.current_row()
    assert row is not None
    before = LeadService(window._ctx).get(row.lead.id).summary.title
    undo = window.undo
    for undo_by in ("key", "button"):
        press(qtbot, window, "e")
        qtbot.waitUntil(lambda: isinstance(notes(window).dialog, EditLeadDialog))
        dialog = notes(window).dialog
        assert isinstance(dialog, EditLeadDialog)
        child(dialog, QLineEdit, "edit_title").setText("Chief Typo Officer")
        dialog.confirm()
        wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: undo.button.isVisible(), timeout=5000)
        assert undo.label.text() == f"Corrected {row.lead.name}. Undo: Ctrl+Z"
        assert window.action("actionUndo").isEnabled()
        assert LeadService(window._ctx).get(row.lead.id).summary.title == "Chief Typo Officer"
        if undo_by == "key":
            window.activateWindow()  # back from the dialog
            qtbot.waitUntil(window.isActiveWindow)
            qtbot.keyClick(window.ui.queueView, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        else:
            undo.button.click()
        wait_idle(qtbot, window)
        qtbot.waitUntil(
            lambda: LeadService(window._ctx).get(row.lead.id).summary.title == before,
            timeout=5000,
        )
        assert not undo.button.isVisible()
        assert f"Undone: the correction of {row.lead.name}." in (
            window.ui.statusBar.currentMessage()
        )
    events = LeadService(window._ctx).get(row.lead.id).events
    assert [e.action for e in events[-4:]] == ["lead_edited"] * 4
    assert events[-1].data.get("undoes_event") == events[-2].id


def test_an_email_from_a_template_opens_in_the_mail_program(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = window.current_row()
    assert row is not None
    opened: list[str] = []

    def mail_program(url: QUrl) -> bool:  # the desktop's handler for mailto:
        opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return True

    monkeypatch.setattr(lead_notes, "open_url", mail_program)
    press(qtbot, window, "t")
    dialog = notes(window).dialog
    assert isinstance(dialog, TouchDialog)
    template = child(dialog, QComboBox, "touchTemplate")
    assert template.isVisibleTo(dialog)
    template.setCurrentIndex(template.findData("demo_follow_up"))
    child(dialog, QComboBox, "touchOutcome").setCurrentIndex(1)
    qtbot.mouseClick(child(dialog, QPushButton, "touchWriteMail"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened))
    url = urlsplit(opened[0])
    query = parse_qs(url.query)
    assert (url.scheme, unquote(url.path)) == ("mailto", row.lead.email)
    # A lead in Germany gets the German text, whatever the window's language.
    assert query["subject"] == [f"Eine Demo für {row.lead.company}?"]
    assert query["body"][0].startswith(f"Guten Tag {row.lead.first_name} {row.lead.last_name},")
    assert query["body"][0].endswith("Mit freundlichen Grüßen\r\nanna")
    assert dialog.outcome == "sent"  # written: the touch is an e-mail sent
    child(dialog, QComboBox, "touchChannel").setCurrentIndex(2)  # a meeting: no mail
    assert not template.isVisibleTo(dialog)
    dialog.reject()
