"""Reminders: a notification minutes before a callback or a demo, on the service clock,
through the window's one Notifier (muted with the others; a click selects the lead)."""

from __future__ import annotations

import re
from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import update

from sdrdesk.db.tables import leads
from sdrdesk.domain.demos import DemoStatus
from sdrdesk.domain.users import Role
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.services.myday.service import DEMOS
from sdrdesk.services.users.service import UserService
from tests.conftest import FakeClock
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle
from tests.gui.test_notifications import notifications

REMINDER = re.compile("Callback in|Demo in")  # not the live sync's "New leads for you"


def test_a_reminder_comes_minutes_before_a_callback_and_a_demo(
    qtbot: QtBot, make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window(*QUEUE)
    given: list[tuple[str, str]] = []
    controller = notifications(window)
    controller.notifier.shown.connect(
        lambda title, text: given.extend([(title, text)] if REMINDER.match(title) else [])
    )
    assert controller.reminders.minutes == 10
    assert window.user is not None
    rows = {r.lead.first_name: r.lead.id for r in window.model.rows()}
    services, now = window.services, clock()
    for name in ("Fresh", "Hot"):
        services.triage.accept(rows[name], actor_id=window.user.id)
    ae = UserService(services.ctx).add("carla", Role.AE, display_name="Carla Weiss")
    with services.ctx.store.write() as s:
        s.execute(
            update(leads)
            .where(leads.c.id == rows["Fresh"])
            .values(callback_due_at=now + timedelta(minutes=25), attempt_count=1)
        )
        s.execute(
            DEMOS.insert().values(
                uid="demo-hot", lead_id=rows["Hot"], ae_id=ae.id, sdr_id=window.user.id,
                starts_at=now + timedelta(minutes=50), duration_minutes=30,
                status=DemoStatus.BOOKED, sequence=0, include_handover=True, created_at=now,
                updated_at=now, version=1,
            )
        )  # fmt: skip

    def tick(minutes: int) -> None:
        clock.advance(minutes=minutes)
        window.my_day.refresh()
        wait_idle(qtbot, window)

    tick(10)  # the callback is 15 minutes away: not yet
    assert given == []
    tick(6)  # 9 minutes away
    qtbot.waitUntil(lambda: len(given) == 1)
    assert given[0][0] == "Callback in 9 minutes"
    assert given[0][1].startswith("Call Fresh Berlin (Nordlicht Logistik GmbH) back at ")
    tick(1)  # once only
    assert len(given) == 1
    tick(24)  # the demo is 9 minutes away
    qtbot.waitUntil(lambda: len(given) == 2)
    assert given[1][0] == "Demo in 9 minutes"
    assert given[1][1].startswith("Demo with Hot London (Brightpath Ltd) at ")
    # No tray here: the Notifier's status bar message.
    assert "Demo in 9 minutes" in window.ui.statusBar.currentMessage()
    # Clicking the reminder: its lead, selected in the view it is in (My leads).
    controller.notifier.message_clicked()
    qtbot.waitUntil(lambda: _selected(window) == rows["Hot"], timeout=5000)
    assert window.ui.mainStack.currentWidget() is window.ui.workPage


def _selected(window: MainWindow) -> int | None:
    row = window.current_row()
    return None if row is None else row.lead.id


def test_muted_notifications_mute_the_reminders_too(
    qtbot: QtBot, make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window(*QUEUE)
    controller = notifications(window)
    given: list[str] = []
    controller.notifier.shown.connect(
        lambda title, _text: given.extend([title] if REMINDER.match(title) else [])
    )
    assert window.user is not None
    lead = window.model.rows()[0].lead.id
    window.services.triage.accept(lead, actor_id=window.user.id)
    with window.services.ctx.store.write() as s:
        s.execute(
            update(leads)
            .where(leads.c.id == lead)
            .values(callback_due_at=clock() + timedelta(minutes=5), attempt_count=1)
        )
    window.action("actionMuteNotifications").trigger()
    window.my_day.refresh()
    wait_idle(qtbot, window)
    qtbot.wait(200)
    assert given == []
    window.action("actionMuteNotifications").trigger()  # on again: the next read says it
    window.my_day.refresh()
    qtbot.waitUntil(lambda: given == ["Callback in 5 minutes"], timeout=5000)
