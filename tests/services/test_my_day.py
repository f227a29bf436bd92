"""My day: today's callbacks, demos, new and late leads, on the service clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update

from sdrdesk.db.tables import leads, users
from sdrdesk.domain.demos import DemoStatus
from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.myday import DayKind, MyDayService
from sdrdesk.services.myday.service import DEMOS
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService
from tests.conftest import FakeClock
from tests.factories import add_lead


def _set(ctx: ServiceContext, lead_id: int, **values: Any) -> None:
    with ctx.store.write() as s:
        s.execute(update(leads).where(leads.c.id == lead_id).values(**values))


def _accepted(ctx: ServiceContext, user: UserInfo, name: str, **values: Any) -> int:
    lead = add_lead(ctx, first_name=name, last_name="Test", phone="030 1234567", country="DE")
    TriageService(ctx).accept(lead, actor_id=user.id)
    if values:
        _set(ctx, lead, **values)
    return lead


def _demo(ctx: ServiceContext, lead_id: int, sdr: UserInfo, ae: UserInfo, at: datetime) -> None:
    now = ctx.now()
    with ctx.store.write() as s:
        s.execute(
            DEMOS.insert().values(
                uid=f"demo-{lead_id}-{at.isoformat()}",
                lead_id=lead_id,
                ae_id=ae.id,
                sdr_id=sdr.id,
                starts_at=at,
                duration_minutes=30,
                status=DemoStatus.BOOKED,
                sequence=0,
                include_handover=True,
                created_at=now,
                updated_at=now,
                version=1,
            )
        )


def test_my_day_groups_today_in_the_sdrs_zone(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo, clock: FakeClock
) -> None:
    # 14:30 UTC on a Tuesday: 15:30 in Berlin; Anna's day ends at 23:00 UTC.
    with ctx.store.write() as s:
        s.execute(update(users).where(users.c.id == sdr.id).values(time_zone="Europe/Berlin"))
    now = clock()
    overdue = _accepted(ctx, sdr, "Overdue", callback_due_at=now - timedelta(hours=2))
    later = _accepted(ctx, sdr, "Later", callback_due_at=now + timedelta(hours=3))
    _accepted(ctx, sdr, "Tomorrow", callback_due_at=now + timedelta(hours=9))
    _accepted(ctx, other_sdr, "Colleague", callback_due_at=now)
    routed = add_lead(ctx, first_name="Routed", minutes_ago=5)
    _set(ctx, routed, owner_id=sdr.id, assigned_at=now)
    late = add_lead(ctx, first_name="Late", minutes_ago=600)
    _set(ctx, late, owner_id=sdr.id, assigned_at=now)
    add_lead(ctx, first_name="Pool", minutes_ago=600)  # nobody's: not in my day
    ae = UserService(ctx).add("carla", Role.AE, display_name="Carla Weiss")
    _demo(ctx, later, sdr, ae, now + timedelta(hours=2))
    _demo(ctx, overdue, sdr, ae, now + timedelta(days=1))  # tomorrow

    day = MyDayService(ctx).today(sdr.id)

    assert day.zone == "Europe/Berlin"
    callbacks = day.group(DayKind.CALLBACKS)
    assert [i.lead.first_name for i in callbacks.items] == ["Overdue", "Later"]
    assert [i.overdue for i in callbacks.items] == [True, False]
    assert callbacks.count == 2
    assert [i.lead.first_name for i in day.group(DayKind.DEMOS).items] == ["Later"]
    assert [i.lead.first_name for i in day.group(DayKind.ROUTED).items] == ["Routed"]
    assert [i.lead.first_name for i in day.group(DayKind.LATE).items] == ["Late"]
    assert day.total == 5
    assert not day.empty


def test_my_day_follows_the_clock(ctx: ServiceContext, sdr: UserInfo, clock: FakeClock) -> None:
    _accepted(ctx, sdr, "Soon", callback_due_at=clock() + timedelta(hours=20))
    service = MyDayService(ctx)
    assert service.today(sdr.id, "UTC").empty  # due tomorrow, UTC
    clock.advance(hours=12)
    day = service.today(sdr.id, "UTC")
    assert day.group(DayKind.CALLBACKS).count == 1
    clock.advance(hours=9)
    assert day.group(DayKind.CALLBACKS).items[0].overdue is False
    assert service.today(sdr.id, "UTC").group(DayKind.CALLBACKS).items[0].overdue


def test_an_unknown_zone_falls_back_to_utc(ctx: ServiceContext, sdr: UserInfo) -> None:
    assert MyDayService(ctx).today(sdr.id, "Mars/Olympus").zone == "UTC"


def test_a_long_overdue_list_does_not_hide_the_callbacks_coming_up(
    ctx: ServiceContext, sdr: UserInfo, monkeypatch: Any
) -> None:
    """More overdue callbacks than a group shows: the ones still to come are read too
    (the reminders and the SDR's next hour come from them)."""
    from sdrdesk.services.myday import service

    monkeypatch.setattr(service, "GROUP_LIMIT", 3)
    now = ctx.now()
    for i in range(5):
        _accepted(ctx, sdr, f"Late{i}", callback_due_at=now - timedelta(hours=5 - i))
    soon = _accepted(ctx, sdr, "Soon", callback_due_at=now + timedelta(minutes=10))
    day = MyDayService(ctx).today(sdr.id, "UTC")
    callbacks = day.group(DayKind.CALLBACKS)
    assert callbacks.count == 6
    assert [i.lead.first_name for i in callbacks.items] == ["Late0", "Late1", "Late2", "Soon"]
    assert callbacks.items[-1].lead.id == soon
    assert not callbacks.items[-1].overdue
