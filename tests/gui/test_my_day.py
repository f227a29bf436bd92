"""My day in the window: the start page when it has anything, all from the keyboard."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from sdrdesk.db.tables import leads
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.services.myday import DayKind
from tests.conftest import FakeClock
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle
from tests.gui.queue_helpers import selected_name


def _lead_id(window: MainWindow, first_name: str) -> int:
    return next(r.lead.id for r in window.model.rows() if r.lead.first_name == first_name)


def _headings(window: MainWindow) -> list[str]:
    view = window.my_day.view
    return [view.topLevelItem(i).text(0) for i in range(view.topLevelItemCount())]  # type: ignore[union-attr]


def test_my_day_is_the_start_page_when_it_has_anything(
    qtbot: QtBot, make_window: WindowFactory, clock: FakeClock
) -> None:
    first = make_window(*QUEUE)
    qtbot.waitUntil(lambda: first.my_day.day is not None)
    assert first.my_day.day is not None
    assert first.my_day.day.empty
    assert first.ui.mainStack.currentWidget() is first.ui.workPage  # nothing today: the queue
    hot = _lead_id(first, "Hot")
    services = first.services
    assert first.user is not None
    services.triage.accept(hot, actor_id=first.user.id)
    with services.ctx.store.write() as s:
        s.execute(
            update(leads)
            .where(leads.c.id == hot)
            .values(callback_due_at=clock() - timedelta(hours=1), attempt_count=1)
        )

    window = make_window()
    qtbot.waitUntil(lambda: window.ui.mainStack.currentWidget() is window.my_day.view)
    view = window.my_day.view
    assert view.hasFocus() or view.isVisible()
    assert _headings(window)[0] == "Callbacks due today (1)"
    assert _headings(window)[1:] == [
        "Demos today (0)",
        "Routed to me, not yet touched (0)",
        "Over the speed-to-lead target (0)",
    ]
    row = view.currentItem()
    assert row is not None
    assert row.text(2) == "Hot London"
    assert "overdue" in row.text(4)
    day = window.my_day.day
    assert day is not None
    assert day.group(DayKind.CALLBACKS).items[0].overdue

    # Enter: the lead in the queue (My accepted leads), selected.
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.ui.mainStack.currentWidget() is window.ui.workPage
    qtbot.waitUntil(lambda: selected_name(window) == "Hot London")
    wait_idle(qtbot, window)

    # Ctrl+Shift+M: My day again; Escape: back to the queue.
    window.action("actionMyDay").trigger()
    assert window.ui.mainStack.currentWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.ui.mainStack.currentWidget() is window.ui.workPage


def test_the_my_day_action(window: MainWindow) -> None:
    action = window.action("actionMyDay")
    assert action.objectName() == "actionMyDay"
    assert action.shortcut() == QKeySequence("Ctrl+Shift+M")
    assert action.toolTip().startswith("My day (")
