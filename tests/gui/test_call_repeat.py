"""A repeat call with no new answers writes no second "qualified" event (issue 22), from
the call workspace as the SDR saves it, on both backends."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Status
from sdrdesk.services.leads.details import LeadService
from tests.conftest import FakeClock
from tests.gui.call_helpers import accept_all_and_show_mine, attempts, open_call, save
from tests.gui.conftest import QUEUE, WindowFactory
from tests.services.call_helpers import GOOD


def test_a_repeat_call_after_a_decision_keeps_one_qualified_event(
    qtbot: QtBot, make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window(*QUEUE)
    accept_all_and_show_mine(qtbot, window)
    ws = open_call(qtbot, window)
    for qid, value in GOOD.items():
        ws.ui.scriptView.editor(qid).set_value(value)
    ws.pick_outcome(1)  # connected: grade A, a demo recommended; nurtured instead
    ws.ui.decisionNurture.click()
    qtbot.keyClicks(ws.ui.overrideReason, "Budget frozen until spring")
    save(qtbot, window, ws)
    lead_id = attempts(window)[0].lead_id
    assert LeadService(window._ctx).get(lead_id).summary.status is Status.NURTURE
    for _ in range(2):  # called again: the answers are filled in, nothing new is said
        clock.advance(minutes=30)
        window.calls.start_lead(lead_id, "Fresh Berlin")
        qtbot.waitUntil(lambda: window.calls.workspace is not None, timeout=10_000)
        again = window.calls.workspace
        assert again is not None
        qtbot.waitUntil(again.isVisible)
        assert again.ui.scriptView.answers() == GOOD
        again.pick_outcome(3)  # no answer
        save(qtbot, window, again)
    kinds = [e.action for e in LeadService(window._ctx).events(lead_id)]
    assert kinds.count(EventKind.CALL_LOGGED) == 3
    assert kinds.count(EventKind.QUALIFIED) == 1
