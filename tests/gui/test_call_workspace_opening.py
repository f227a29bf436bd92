"""Opening the call workspace: C and Shift+C on a new lead, names and ampersands as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sdrdesk.domain.lifecycle import Status
from sdrdesk.gui.dialogs.call_workspace import CallWorkspace
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from tests.gui.call_helpers import attempts, open_call
from tests.gui.conftest import QUEUE, WindowFactory, labels_showing, wait_idle


def test_c_on_a_new_lead_explains_what_to_do_first(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_C)
    assert window.calls.workspace is None
    assert "Accept Fresh Berlin first (A)" in window.ui.statusBar.currentMessage()
    assert window.action("actionStartCall").toolTip() == "Start call (C)"


def _call_accepted(
    qtbot: QtBot, make_window: WindowFactory, lead: dict[str, str], name: str
) -> CallWorkspace:
    """The call workspace of ``lead``, accepted by the window's user."""
    window = make_window(lead)
    assert window.user is not None
    TriageService(window._ctx).accept(window.model.rows()[0].lead.id, actor_id=window.user.id)
    views = window.ui.viewFilter
    views.setCurrentIndex(views.findText("My accepted leads"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and not window.model.is_loading)
    return open_call(qtbot, window, name)


def test_the_workspace_shows_an_ampersand_as_typed(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    lead = {
        "first_name": "Jürgen",
        "last_name": "Müller",
        "title": "Head of R&D",
        "company": "Müller & Söhne KG",
        "email": "jm@ms.example",
        "phone": "030 1234567",
        "country": "DE",
    }
    workspace = _call_accepted(qtbot, make_window, lead, "Jürgen Müller")
    texts = labels_showing(workspace, "Söhne") + labels_showing(workspace, "R&D")
    assert texts
    assert not [t for t in texts if "&amp;" in t]


def test_the_workspace_shows_names_as_typed(qtbot: QtBot, make_window: WindowFactory) -> None:
    lead = {
        "first_name": "<i>Eve",
        "last_name": "<img src=x>",
        "title": "<h1>CTO",
        "company": "<b>Acme</b> & Co",
        "email": "eve@acme.de",
        "phone": "030 1234567",
        "country": "DE",
    }
    workspace = _call_accepted(qtbot, make_window, lead, "<i>Eve <img src=x>")
    ui = workspace.ui
    for label in (ui.callLeadName, ui.callLeadSubtitle):
        assert label.textFormat() is Qt.TextFormat.PlainText
    assert ui.callLeadName.text() == "<i>Eve <img src=x>"
    assert ui.callLeadSubtitle.text() == "<h1>CTO · <b>Acme</b> & Co"
    texts = labels_showing(workspace, "Eve") + labels_showing(workspace, "Acme")
    assert texts
    assert all("<i>Eve" in t or "<b>Acme</b>" in t for t in texts)


def test_shift_c_accepts_a_new_lead_and_calls_it(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*QUEUE)
    lead = next(r.lead for r in window.model.rows() if r.lead.name == "Fresh Berlin")
    window.select_lead(lead.id)
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_C)  # a new lead: C says what to do
    assert window.ui.statusBar.currentMessage() == (
        "Accept Fresh Berlin first (A), or accept and call (Shift+C): only accepted leads"
        " are called."
    )
    assert window.calls.workspace is None
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.calls.workspace is not None, timeout=10_000)
    ws = window.calls.workspace
    assert ws is not None
    assert ws.ui.callLeadName.text() == "Fresh Berlin"
    accepted = LeadService(window._ctx).get(lead.id).summary
    assert (accepted.status, accepted.owner) == (Status.SAL, "anna")
    # The queue has moved on to the next new lead, for after the call.
    assert "Fresh Berlin" not in [r.lead.name for r in window.model.rows()]
    current = window.current_row()
    assert current is not None
    assert current.lead.status is Status.MQL
    for _ in range(2):  # discarding takes two clicks
        qtbot.mouseClick(ws.ui.discardButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.calls.workspace is None)
    wait_idle(qtbot, window)
    assert attempts(window) == []
