"""The SDR's queue window, driven from the keyboard as an SDR drives it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.models.queue_model import Column
from sdrdesk.paths import data_dir
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService
from tests.factories import add_leads
from tests.gui.conftest import (
    QUEUE,
    WindowFactory,
    confirm_import,
    labels_showing,
    shown,
    wait_idle,
)
from tests.spreadsheets import GERMAN_XLS, write_ods

T = TypeVar("T", bound=QObject)


def child(parent: QObject, kind: type[T], name: str) -> T:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def names(window: MainWindow) -> list[str]:
    return [r.lead.name for r in window.model.rows()]


def selected_name(window: MainWindow) -> str | None:
    row = window.current_row()
    return row.lead.name if row else None


def press(qtbot: QtBot, window: MainWindow, key: str | Qt.Key, widget: object = None) -> None:
    target = widget or window.ui.queueView
    if isinstance(key, str):
        qtbot.keyClicks(target, key)
    else:
        qtbot.keyClick(target, key)


def test_the_window_has_its_parts(window: MainWindow) -> None:
    for name in ("queueView", "queueFilter", "leadPanel", "statusBar", "viewFilter"):
        assert window.findChild(QObject, name) is not None, name
    assert window.objectName() == "MainWindow"
    assert window.ui.queueView.hasFocus()


def test_most_urgent_first_with_countdown_and_local_time(window: MainWindow) -> None:
    # Callable now: the fresh Berlin lead (10 min left), then overdue by score (London 95,
    # New York 60); Tokyo is asleep, so its score of 99 does not lift it.
    assert names(window) == ["Fresh Berlin", "Hot London", "Warm NewYork", "Night Tokyo"]
    model = window.model
    assert model.index(0, Column.WAITING).data() == "10 min left"
    assert model.index(1, Column.WAITING).data() == "overdue 4 h"
    assert model.index(0, Column.LOCAL_TIME).data() == "Tue 15:30"
    assert model.index(3, Column.LOCAL_TIME).data() == "Tue 23:30 ☾"
    assert "outside calling hours" in model.index(3, Column.LOCAL_TIME).data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_the_lead_panel_shows_the_selected_lead(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.ui.leadPanel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.summary.first_name == "Fresh")
    ui = panel.ui
    assert ui.leadName.text() == "Fresh Berlin"
    assert 'href="tel:+49301234567"' in ui.leadPhoneLink.text()
    assert "030 1234567" in ui.leadPhoneLink.text()
    assert "mailto:fresh@nordlicht.de" in ui.leadEmailLink.text()
    assert "15:30 (Europe/Berlin)" in ui.leadLocalTime.text()
    assert "good time to call" in ui.leadLocalTime.text()
    assert "Webinar" in ui.leadSource.text()
    criteria = ui.leadCriteria.text()
    assert "✔</span> Business e-mail address" in criteria
    assert "✔</span> Title with buying influence" in criteria
    assert "handed off" in ui.leadHistory.item(0).text()


def test_the_lead_panel_shows_everything_the_import_kept(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """Form answers apart, and every other column without a field of its own (notes, a
    salutation, a second phone number), escaped, long text cut."""
    window = make_window(
        {
            "first_name": "Jürgen",
            "email": "j.weiss@mueller-soehne.de",
            "phone": "030 1234567",
            "mobile": "0171 2345678",
            "extra": {
                "Wie viele Nutzer?": "50–200",
                "Bemerkung": "Will Demo; <b>bitte</b> anrufen",
                "Anrede": "Herr",
                "Notizen": "x" * 1000,
            },
        }
    )
    ui = window.ui.leadPanel.ui
    qtbot.waitUntil(lambda: ui.leadName.text() == "Jürgen")
    assert ui.leadFormAnswers.text() == "<b>Wie viele Nutzer?</b><br>50–200"
    shown = ui.leadExtra.text()
    assert "<b>Bemerkung</b>: Will Demo; &lt;b&gt;bitte&lt;/b&gt; anrufen" in shown
    assert "<b>Anrede</b>: Herr" in shown
    assert "<b>other phone</b>: 0171 2345678" in shown
    assert "x" * 299 + "…" in shown
    assert "x" * 300 not in shown
    assert "Wie viele" not in shown


def test_text_that_looks_like_html_is_shown_as_typed(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(
        {
            "first_name": "<i>Eve",
            "last_name": "<img src=x>",
            "company": "<b>Acme</b> & Co",
            "title": "<h1>CTO",
            "source": "<u>Webinar",
            "campaign": "<s>Spring",
            "email": "eve@acme.de",
            "phone": "030 1234567",
            "country": "DE",
        }
    )
    ui = window.ui.leadPanel.ui
    qtbot.waitUntil(lambda: ui.leadName.text() == "<i>Eve <img src=x>")
    wait_idle(qtbot, window)
    assert shown(ui.leadName) == "<i>Eve <img src=x>"
    assert shown(ui.leadCompany).startswith("<b>Acme</b> & Co")
    assert shown(ui.leadSubtitle).startswith("<h1>CTO")
    assert shown(ui.leadSource) == "<u>Webinar"
    assert shown(ui.leadCampaign) == "<s>Spring"
    assert all("<i>Eve" in text for text in labels_showing(window, "Eve"))
    press(qtbot, window, "r")
    dialog = window.triage.reject_dialog
    assert dialog is not None
    assert shown(dialog.ui.rejectLeadLabel) == "Reject <i>Eve <img src=x>"
    dialog.reject()
    press(qtbot, window, "a")
    undo = child(window, QLabel, "undoLabel")
    qtbot.waitUntil(lambda: "<i>Eve <img src=x>" in shown(undo))


def test_an_ampersand_is_shown_as_typed(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Company names are full of "&" ("Müller & Söhne KG", "AT&T"); text without any tag
    must not show the escaped "&amp;"."""
    window = make_window(
        {
            "first_name": "Jürgen",
            "last_name": "Müller",
            "company": "Müller & Söhne KG",
            "title": "Head of R&D",
            "source": "Trade & Fair",
            "campaign": "Q&A 2026",
            "email": "jm@ms.example",
            "phone": "030 1234567",
            "country": "DE",
        }
    )
    ui = window.ui.leadPanel.ui
    qtbot.waitUntil(lambda: ui.leadName.text() == "Jürgen Müller")
    wait_idle(qtbot, window)
    assert shown(ui.leadCompany).startswith("Müller & Söhne KG")
    assert shown(ui.leadSubtitle).startswith("Head of R&D · Müller & Söhne KG")
    assert (shown(ui.leadSource), shown(ui.leadCampaign)) == ("Trade & Fair", "Q&A 2026")
    texts = [t for word in ("Söhne", "R&D", "Fair", "Q&A") for t in labels_showing(window, word)]
    assert len(texts) >= 4
    assert not [t for t in texts if "&amp;" in t]


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


def test_search_narrows_the_queue(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "/")
    assert window.ui.queueFilter.hasFocus()
    qtbot.keyClicks(window.ui.queueFilter, "cobalt")
    qtbot.waitUntil(lambda: names(window) == ["Warm NewYork"])
    count = child(window, QLabel, "queueCount")
    qtbot.waitUntil(lambda: count.text() == "1 lead")
    qtbot.keyClick(window.ui.queueFilter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(names(window)) == len(QUEUE))
    qtbot.waitUntil(lambda: count.text() == f"{len(QUEUE)} leads")
    # Typing in the search box never triggers a single-key shortcut.
    qtbot.keyClicks(window.ui.queueFilter, "ar")
    wait_idle(qtbot, window)
    assert [e.action for e in LeadService(window._ctx).events()] == ["hand_off"] * len(QUEUE)


def test_a_search_starts_with_the_key_and_ends_with_the_last_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The first key searches at once (no waiting for more keys); keys that come faster
    than the queue can answer are searched for the text they leave."""
    press(qtbot, window, "/")
    qtbot.keyClick(window.ui.queueFilter, Qt.Key.Key_C)
    assert window.model.query.text == "c"
    qtbot.keyClicks(window.ui.queueFilter, "obalt")
    qtbot.waitUntil(lambda: window.model.query.text == "cobalt")
    qtbot.waitUntil(lambda: names(window) == ["Warm NewYork"])


def test_a_too_broad_search_says_so_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sdrdesk.services.queue.service as queue_module

    monkeypatch.setattr(queue_module, "SEARCH_LIMIT", 2)
    press(qtbot, window, "/")
    qtbot.keyClicks(window.ui.queueFilter, "n")  # Nordlicht, NewYork, Night
    qtbot.waitUntil(lambda: "More than 2 leads match" in window.statusBar().currentMessage())
    assert len(names(window)) == 2


def test_source_and_view_filters(qtbot: QtBot, window: MainWindow) -> None:
    combo = window.ui.sourceFilter
    qtbot.waitUntil(lambda: combo.count() == 3)
    combo.setCurrentIndex(combo.findText("Paid search"))
    qtbot.waitUntil(lambda: names(window) == ["Hot London"])
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(names(window)) == len(QUEUE))
    press(qtbot, window, "a")
    wait_idle(qtbot, window)
    views = window.ui.viewFilter
    views.setCurrentIndex(views.findText("My accepted leads"))
    qtbot.waitUntil(lambda: names(window) == ["Fresh Berlin"])


def test_shortcuts_are_shown_in_tooltips_and_the_overview(qtbot: QtBot, window: MainWindow) -> None:
    assert window.action("actionAccept").toolTip() == "Accept (A)"
    assert window.action("actionReject").toolTip() == "Reject (R)"
    assert "/" in window.action("actionSearch").toolTip()
    assert "Ctrl+F" in window.action("actionSearch").toolTip()
    press(qtbot, window, Qt.Key.Key_F1)
    dialog = window._shortcuts_dialog
    assert dialog.isVisible()
    table = child(dialog, QTableWidget, "shortcutsTable")
    cells = [(table.item(r, 0), table.item(r, 1)) for r in range(table.rowCount())]
    rows = {what.text(): keys.text() for what, keys in cells if what and keys}
    assert rows["Accept"] == "A"
    assert rows["Next lead"] == "J"
    assert rows["Undo"] == "Ctrl+Z"
    assert dialog.width() <= 480  # the introduction wraps rather than widening the dialog


def test_a_banner_shows_names_as_typed_never_as_html(qtbot: QtBot, window: MainWindow) -> None:
    ctx = window._ctx
    ben = UserService(ctx).add("ben", Role.SDR, display_name="<b>Ben</b> <img src=x>")
    lead_id = window.current_row().lead.id  # type: ignore[union-attr]
    TriageService(ctx).accept(lead_id, actor_id=ben.id)
    press(qtbot, window, "a")
    wait_idle(qtbot, window)
    banner = window.ui.bannerLabel
    assert banner.isVisible()
    assert "<b>Ben</b> <img src=x> accepted this lead" in banner.text()
    assert banner.textFormat() is Qt.TextFormat.PlainText  # the tags show as typed


def test_j_and_k_move_through_the_queue(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "j")
    assert selected_name(window) == "Hot London"
    press(qtbot, window, "jj")
    assert selected_name(window) == "Night Tokyo"
    press(qtbot, window, "j")
    assert selected_name(window) == "Night Tokyo"
    press(qtbot, window, "k")
    assert selected_name(window) == "Warm NewYork"


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


def test_an_empty_store_offers_sample_leads(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: window.ui.mainStack.currentWidget() is window.ui.emptyPage)
    qtbot.mouseClick(window.ui.loadSampleButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() > 50, timeout=20_000)
    assert window.ui.mainStack.currentWidget() is window.ui.workPage


def lead_actions_enabled(window: MainWindow) -> list[bool]:
    names = ("actionAccept", "actionReject", "actionStartCall", "actionScheduleDemo")
    return [window.action(name).isEnabled() for name in names]


def test_lead_actions_are_greyed_out_without_a_selected_lead(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: window.ui.mainStack.currentWidget() is window.ui.emptyPage)
    assert lead_actions_enabled(window) == [False] * 4
    press(qtbot, window, "a")  # the key of a greyed-out action does nothing
    wait_idle(qtbot, window)
    assert LeadService(window._ctx).events() == []
    qtbot.mouseClick(window.ui.loadSampleButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_row() is not None, timeout=20_000)
    qtbot.waitUntil(lambda: lead_actions_enabled(window) == [True] * 4)
    # A search that finds nobody leaves nothing to act on; clearing it brings them back.
    press(qtbot, window, "/")
    qtbot.keyClicks(window.ui.queueFilter, "zzqx-nobody")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    qtbot.waitUntil(lambda: lead_actions_enabled(window) == [False] * 4)
    assert window.ui.leadPanel.ui.leadName.text() == "No lead matches “zzqx-nobody”"
    qtbot.keyClick(window.ui.queueFilter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: lead_actions_enabled(window) == [True] * 4)


def test_import_from_the_window_shows_the_report(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    csv = tmp_path / "leads.csv"
    csv.write_text(
        "First Name,Last Name,Email,Phone,Country\n"
        "Ada,Lovelace,ada@analytical.co.uk,020 7946 0001,GB\n"
        "Ada,Lovelace,ada@analytical.co.uk,020 7946 0001,GB\n"
        "No,Contact,,,DE\n",
        encoding="utf-8",
    )
    assert window.user is not None
    window.importer.start(csv, window.user.id)
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    report = window.importer.report_dialog
    assert report is not None
    headline = child(report, QLabel, "importHeadline").text()
    assert "1 imported" in headline
    assert "1 duplicate," in headline
    assert "1 skipped" in headline
    assert "line 4" in child(report, QPlainTextEdit, "importReport").toPlainText()
    qtbot.waitUntil(lambda: names(window) == ["Ada Lovelace"])


def test_an_excel_workbook_is_imported_from_the_window(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["First Name", "Last Name", "Email", "Phone", "Country"])
    book.active.append(["Ada", "Lovelace", "ada@analytical.co.uk", "020 7946 0001", "GB"])
    path = tmp_path / "mqls.xlsx"
    book.save(path)
    window = make_window()
    assert window.user is not None
    window.importer.start(path, window.user.id)
    progress = window.importer.progress_dialog
    assert progress is not None
    assert progress.maximum() == 0  # busy while the workbook is read, not stuck at 0 %
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    report = window.importer.report_dialog
    assert report is not None
    assert "1 imported" in child(report, QLabel, "importHeadline").text()
    assert (
        "(Excel workbook, sheet “Sheet”)"
        in child(report, QPlainTextEdit, "importReport").toPlainText()
    )
    qtbot.waitUntil(lambda: names(window) == ["Ada Lovelace"])


def test_an_opendocument_spreadsheet_is_chosen_and_imported_from_the_window(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file dialog offers spreadsheets (LibreOffice's .ods, old .xls) besides CSV, and
    the chosen one is imported."""
    path = write_ods(
        tmp_path / "mqls.ods",
        [("MQLs", [["First Name", "Last Name", "Email", "Phone", "Country"],
                   ["Ada", "Lovelace", "ada@analytical.co.uk", "020 7946 0001", "GB"]])],
    )  # fmt: skip
    offered: list[str] = []

    def choose(parent: object, caption: str, folder: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    window = make_window()
    assert window.user is not None
    window.importer.choose_and_start(window.user.id)
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    first = offered[0].split(";;")[0]
    assert all(f"*.{ext}" in first for ext in ("csv", "xlsx", "xls", "ods"))
    report = window.importer.report_dialog
    assert report is not None
    assert "1 imported" in child(report, QLabel, "importHeadline").text()
    assert (
        "(OpenDocument spreadsheet, sheet “MQLs”)"
        in child(report, QPlainTextEdit, "importReport").toPlainText()
    )
    qtbot.waitUntil(lambda: names(window) == ["Ada Lovelace"])


def _drop(window: MainWindow, *paths: Path, url: str | None = None) -> tuple[bool, bool]:
    """Drag ``paths`` (or a web ``url``) over the window and drop them, as a file manager
    does; whether the drag and the drop were accepted."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths] + ([QUrl(url)] if url else []))
    where = QPointF(window.rect().center())
    enter = QDragEnterEvent(
        where.toPoint(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        where, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_a_file_dropped_on_the_window_is_imported(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    csv = tmp_path / "mqls.csv"
    csv.write_text(
        "First Name,Last Name,Email,Phone,Country\n"
        "Ada,Lovelace,ada@analytical.co.uk,020 7946 0001,GB\n",
        encoding="utf-8",
    )
    window = make_window()
    wait_idle(qtbot, window)

    assert _drop(window, url="https://example.com/leads.csv") == (False, False)  # no file
    assert window.importer.progress_dialog is None
    assert _drop(window, csv, tmp_path / "other.csv") == (True, True)
    assert "Drop one file at a time" in window.ui.statusBar.currentMessage()
    assert window.importer.progress_dialog is None

    assert _drop(window, csv) == (True, True)
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    report = window.importer.report_dialog
    assert report is not None
    assert "1 imported" in child(report, QLabel, "importHeadline").text()
    qtbot.waitUntil(lambda: names(window) == ["Ada Lovelace"])
    assert window.ui.statusBar.currentMessage() == "Imported 1 lead."


def test_a_workbook_with_several_sheets_asks_which_to_import(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "Export.xls"
    path.write_bytes(GERMAN_XLS.read_bytes())  # sheets "Leads" and "Legende"
    asked: list[tuple[str, list[str], int]] = []
    answer: list[tuple[str, bool]] = [("", False)]  # cancel first

    def get_item(
        parent: object, title: str, label: str, items: list[str], current: int, editable: bool
    ) -> tuple[str, bool]:
        asked.append((label, list(items), current))
        return answer[0]

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    window = make_window()
    wait_idle(qtbot, window)
    assert window.user is not None
    window.importer.start(path, window.user.id)
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)  # once the file is read
    assert asked == [("Export.xls has 2 sheets. Import the leads of:", ["Leads", "Legende"], 0)]
    assert window.importer.progress_dialog is None  # cancelled: nothing imported

    answer[0] = ("Legende", True)  # a sheet with a header only: refused, nothing imported
    window.importer.start(path, window.user.id)
    banner = window.ui.bannerLabel
    qtbot.waitUntil(lambda: "no data rows in sheet “Legende”" in banner.text(), timeout=20_000)
    assert window.ui.banner.isVisible()

    answer[0] = ("Leads", True)
    window.importer.start(path, window.user.id)
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    assert not window.ui.banner.isVisible()  # the failed attempt's message is gone
    report = window.importer.report_dialog
    assert report is not None
    text = child(report, QPlainTextEdit, "importReport").toPlainText()
    assert "(Excel 97-2003 workbook, sheet “Leads”)" in text
    assert "other sheets" not in text  # the SDR chose this one
    qtbot.waitUntil(lambda: sorted(names(window)) == ["Anna Weiß", "Jürgen Müller"])


def test_rows_copied_from_a_spreadsheet_are_pasted_as_leads(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """Ctrl+Shift+V imports the clipboard's rows (a spreadsheet copies them tab
    separated); what was pasted is kept as a file the report names."""
    window = make_window()
    wait_idle(qtbot, window)
    clipboard = QApplication.clipboard()
    clipboard.setText("   ")
    window.action("actionPasteLeads").trigger()
    assert "The clipboard holds no leads" in window.ui.statusBar.currentMessage()
    assert window.importer.progress_dialog is None

    pasted = (
        "First Name\tLast Name\tCompany\tEmail\tPhone\tCountry\n"
        "Ada\tLovelace\tAnalytical & Co\tada@analytical.co.uk\t020 7946 0001\tGB\n"
        'Grace\tHopper\t"Navy\nYard"\tgrace@navy.example\t\tUS\n'
    )
    clipboard.setText(pasted)
    assert window.action("actionPasteLeads").shortcut().toString() == "Ctrl+Shift+V"
    window.action("actionPasteLeads").trigger()
    window.action("actionPasteLeads").trigger()  # again, before the first import is done: refused
    assert "An import is running" in window.ui.statusBar.currentMessage()
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    report = window.importer.report_dialog
    assert report is not None
    assert "2 imported" in child(report, QLabel, "importHeadline").text()
    text = child(report, QPlainTextEdit, "importReport").toPlainText()
    assert "from Pasted leads " in text
    assert "(UTF-8, tab)" in text
    qtbot.waitUntil(lambda: sorted(names(window)) == ["Ada Lovelace", "Grace Hopper"])
    name = re.search(r"from (Pasted leads .+?\.tsv) \(UTF-8", text)
    assert name is not None
    assert (data_dir() / "pasted" / name[1]).read_text(encoding="utf-8") == pasted


def test_first_start_asks_who_is_working(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*QUEUE, user=None)
    qtbot.waitUntil(lambda: window.identity_dialog is not None)
    dialog = window.identity_dialog
    assert dialog is not None
    child(dialog, QLineEdit, "identityName").setText("carla")
    child(dialog, QLineEdit, "identityDisplayName").setText("Carla Weiss")
    dialog.confirm()
    qtbot.waitUntil(lambda: window.user is not None)
    assert window.user is not None
    assert window.user.display_name == "Carla Weiss"
    assert window.settings.user == "carla"
    wait_idle(qtbot, window)
    assert len(names(window)) == len(QUEUE)


def test_change_user_shows_the_full_name_and_changes_it(qtbot: QtBot, window: MainWindow) -> None:
    following = window.team._monitor
    assert following is not None
    window.action("actionChangeUser").trigger()
    qtbot.waitUntil(lambda: window.identity_dialog is not None)
    dialog = window.identity_dialog
    assert dialog is not None
    name = child(dialog, QLineEdit, "identityName")
    full = child(dialog, QLineEdit, "identityDisplayName")
    error = child(dialog, QLabel, "identityError")
    assert (name.text(), full.text(), error.isVisible()) == ("anna", "anna", False)
    # Another user name: anna's full name is not given to them; back to anna, it returns.
    name.setFocus()
    qtbot.keyClicks(name, "x")
    assert full.text() == ""
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    assert full.text() == "anna"
    name.clear()
    qtbot.keyClick(name, Qt.Key.Key_Return)  # no user name: refused, said under the fields
    assert error.isVisible()
    assert "not a valid user name" in error.text()
    assert dialog.isVisible()
    qtbot.keyClicks(name, "anna")
    full.setFocus()
    full.selectAll()
    qtbot.keyClicks(full, "Anna Schmidt-Weiß")
    qtbot.keyClick(full, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.user is not None and window.user.name == "anna")
    qtbot.waitUntil(lambda: window.user is not None and window.user.display_name != "anna")
    assert window.user is not None
    assert window.user.display_name == "Anna Schmidt-Weiß"
    shown = [w.text() for w in window.ui.statusBar.findChildren(QLabel)]
    assert any(t.startswith("Anna Schmidt-Weiß (") for t in shown), shown
    stored = UserService(window._ctx).get("anna")
    assert stored.display_name == "Anna Schmidt-Weiß"
    # The queue is shown again for the user, and the team is still followed by one
    # listener (a second one was started, left running, and aborted the app as it quit).
    wait_idle(qtbot, window)
    assert len(names(window)) == len(QUEUE)
    assert window.team._monitor is following


def test_another_user_cannot_undo_the_last_users_accept(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "a")
    wait_idle(qtbot, window)
    assert window.action("actionUndo").isEnabled()
    window.action("actionChangeUser").trigger()
    qtbot.waitUntil(lambda: window.identity_dialog is not None)
    dialog = window.identity_dialog
    assert dialog is not None
    child(dialog, QLineEdit, "identityName").setText("ben")
    dialog.confirm()
    qtbot.waitUntil(lambda: window.user is not None and window.user.name == "ben")
    assert not window.action("actionUndo").isEnabled()  # anna's accept stays anna's


def test_a_full_name_the_store_cannot_take_is_said_and_the_user_still_works(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.action("actionChangeUser").trigger()
    qtbot.waitUntil(lambda: window.identity_dialog is not None)
    dialog = window.identity_dialog
    assert dialog is not None
    child(dialog, QLineEdit, "identityDisplayName").setText("A" * 201)
    dialog.confirm()
    qtbot.waitUntil(lambda: window.ui.banner.isVisible())
    assert window.ui.bannerLabel.text() == (
        "Your full name stays “anna”: The full name is 201 characters long; at most 200 fit."
    )
    assert window.user is not None
    assert window.user.display_name == "anna"
    wait_idle(qtbot, window)
    assert len(names(window)) == len(QUEUE)


@pytest.mark.slow
def test_twenty_leads_worked_from_the_keyboard_only(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    leads = [
        {
            "first_name": f"Lead{i:02d}",
            "email": f"lead{i}@firm{i}.de",
            "phone": f"030 12345{i:02d}",
            "country": "DE",
            "score": str(90 - i),
            "minutes_ago": 120 + i,
        }
        for i in range(20)
    ]
    window = make_window(*leads)
    assert names(window)[0] == "Lead00"
    done: list[tuple[str, str]] = []
    for i in range(20):
        name = selected_name(window)
        assert name is not None
        if i % 3 == 0:
            press(qtbot, window, "r")
            dialog = window.triage.reject_dialog
            assert dialog is not None
            qtbot.keyClick(dialog.ui.reasonList, Qt.Key.Key_1)  # not our target customer
            done.append((name, "reject"))
        else:
            press(qtbot, window, "a")
            done.append((name, "accept"))
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 0
    events = [e for e in LeadService(window._ctx).events() if e.action != "hand_off"]
    ids = {lead.name: lead.id for lead in LeadService(window._ctx).list_leads()}
    # Writes run in parallel, so commits may interleave; each action is there exactly once.
    assert sorted((e.lead_id, e.action) for e in events) == sorted((ids[n], a) for n, a in done)
    assert all(e.actor == "anna" for e in events)
    statuses = {lead.name: lead.status for lead in LeadService(window._ctx).list_leads()}
    assert sum(s is Status.SAL for s in statuses.values()) == 13
    assert sum(s is Status.REJECTED for s in statuses.values()) == 7
    assert isinstance(window.triage.reject_dialog, QDialog | None)
