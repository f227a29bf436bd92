"""The SDR's queue window: its parts, order, lead panel, shortcuts and a keyboard-only shift."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.models.queue_model import Column
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService
from tests.gui.conftest import WindowFactory, labels_showing, shown, wait_idle
from tests.gui.queue_helpers import child, names, press, selected_name


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
    assert (
        model.index(0, Column.LOCAL_TIME).data() == "Tue 3:30\u202fPM"
    )  # en_US: the locale's clock
    assert model.index(3, Column.LOCAL_TIME).data() == "Tue 11:30\u202fPM ☾"
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
    assert "3:30\u202fPM (Europe/Berlin)" in ui.leadLocalTime.text()
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
