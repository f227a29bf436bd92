"""Reminders: a notification minutes before a callback or a demo, on the service clock."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import update

from sdrdesk.db.tables import leads
from sdrdesk.domain.demos import DemoStatus
from sdrdesk.domain.users import Role
from sdrdesk.services.myday.service import DEMOS
from sdrdesk.services.users.service import UserService
from tests.conftest import FakeClock
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle


def test_a_reminder_comes_minutes_before_a_callback_and_a_demo(
    qtbot: QtBot, make_window: WindowFactory, clock: FakeClock
) -> None:
    window = make_window(*QUEUE)
    given: list[tuple[str, str]] = []
    window.reminders.reminded.connect(lambda title, text: given.append((title, text)))
    assert window.reminders.minutes == 10
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
    assert "Demo in 9 minutes" in window.ui.bannerLabel.text()  # no tray here: the banner
