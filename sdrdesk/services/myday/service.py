"""My day: one read of the SDR's plan for today, against the service clock.

"Today" is the SDR's own day: midnight to midnight in their time zone (the user's, else
the zone the window runs in, else UTC). Each group is an indexed read of the SDR's own
leads (``ix_leads_owner_callback``, ``ix_leads_owner_untouched``: migration 0016) or
demos, at most ``GROUP_LIMIT`` rows per status in the index's order (callbacks:
that many overdue and that many still to come), with the group's full count from the
index alone, so a store of a million leads opens My day as fast as
a small one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Table, func, select, union_all
from sqlalchemy.engine import Connection

from sdrdesk.db.models.demos import Demo
from sdrdesk.db.tables import leads, users
from sdrdesk.domain.demos import DemoStatus
from sdrdesk.domain.lifecycle import Status
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.lead_rows import SUMMARY_COLUMNS, summary_select
from sdrdesk.services.myday.results import DayGroup, DayItem, DayKind, MyDay
from sdrdesk.services.results import LeadSummary

GROUP_LIMIT = 200  # rows shown per group; the count says how many there are
CALLBACK_STATUSES = (Status.SAL, Status.WORKING, Status.NURTURE)
LATE_STATUSES = (Status.MQL, Status.SAL)
DEMOS: Table = Demo.__table__  # type: ignore[assignment]


class MyDayService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def today(self, user_id: int, zone: str | None = None) -> MyDay:
        """The SDR's plan for today; ``zone``: the window's own, used when the user has
        none stored."""
        now = self._ctx.now()
        with self._ctx.store.connect() as conn:
            stored = conn.scalar(select(users.c.time_zone).where(users.c.id == user_id))
            tz_name, tz = _zone(stored, zone)
            local = now.astimezone(tz)
            start = datetime(local.year, local.month, local.day, tzinfo=tz)
            end = start + timedelta(days=1)
            end = datetime(end.year, end.month, end.day, tzinfo=tz)  # a DST day is 23 or 25 h
            start_utc, end_utc = start.astimezone(now.tzinfo), end.astimezone(now.tzinfo)
            target = now - timedelta(minutes=self._ctx.rules.speed_to_lead_minutes)
            mine = leads.c.owner_id == user_id
            untouched = leads.c.attempt_count == 0
            due = leads.c.callback_due_at < end_utc
            fresh = leads.c.handed_off_at >= target
            late = leads.c.handed_off_at < target
            groups = (
                _group(
                    conn,
                    DayKind.CALLBACKS,
                    (mine, due),
                    CALLBACK_STATUSES,
                    leads.c.callback_due_at,
                    now,
                    split=True,  # however many are overdue, the next ones are read too
                ),
                _demos(conn, user_id, start_utc, end_utc),
                _group(
                    conn,
                    DayKind.ROUTED,
                    (mine, untouched, fresh),
                    (Status.MQL,),
                    leads.c.handed_off_at,
                    now,
                ),
                _group(
                    conn,
                    DayKind.LATE,
                    (mine, untouched, late),
                    LATE_STATUSES,
                    leads.c.handed_off_at,
                    now,
                ),
            )
        return MyDay(now=now, zone=tz_name, day_start=start, day_end=end, groups=groups)


def _zone(stored: str | None, fallback: str | None) -> tuple[str, ZoneInfo]:
    for name in (stored, fallback):
        if name:
            try:
                return name, ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return "UTC", ZoneInfo("UTC")


def _group(
    conn: Connection,
    kind: DayKind,
    conds: tuple[ColumnElement[bool], ...],
    statuses: tuple[Status, ...],
    at: Any,
    now: datetime,
    *,
    split: bool = False,
) -> DayGroup:
    """One group: its count from the index alone, and its first ``GROUP_LIMIT`` rows
    read per status in the index's order (owner, status, …, ``at``, id) in one
    statement (a UNION ALL) and merged, so neither reads more than it shows. ``split``:
    the first ``GROUP_LIMIT`` before ``now`` and the first from ``now`` on, so that a
    long overdue list does not hide the callbacks coming up (and their reminders)."""
    count = int(
        conn.scalar(
            select(func.count()).select_from(leads).where(leads.c.status.in_(statuses), *conds)
        )
        or 0
    )
    items: tuple[DayItem, ...] = ()
    if count:
        windows: tuple[tuple[ColumnElement[bool], ...], ...] = (
            ((at < now,), (at >= now,)) if split else ((),)
        )
        parts = [
            select(
                *(
                    summary_select()
                    .add_columns(at)
                    .where(leads.c.status == status, *conds, *window)
                    .order_by(at, leads.c.id)
                    .limit(GROUP_LIMIT)
                    .subquery(f"part_{i}_{j}")
                    .c
                )
            )
            for i, status in enumerate(statuses)
            for j, window in enumerate(windows)
        ]
        statement: Any = parts[0] if len(parts) == 1 else union_all(*parts)
        rows: list[Any] = list(conn.execute(statement))  # one round trip
        rows.sort(key=lambda row: (row[-1], row[0]))  # at, then id
        if split:
            before = [r for r in rows if r[-1] < now][:GROUP_LIMIT]
            rows = before + [r for r in rows if r[-1] >= now][:GROUP_LIMIT]
        else:
            rows = rows[:GROUP_LIMIT]
        items = tuple(_item(row, now, kind is DayKind.CALLBACKS) for row in rows)
    return DayGroup(kind, items, count)


def _demos(conn: Connection, user_id: int, start: datetime, end: datetime) -> DayGroup:
    conds = (
        DEMOS.c.sdr_id == user_id,
        DEMOS.c.status == DemoStatus.BOOKED,
        DEMOS.c.starts_at >= start,
        DEMOS.c.starts_at < end,
    )
    count = int(conn.scalar(select(func.count()).select_from(DEMOS).where(*conds)) or 0)
    items: tuple[DayItem, ...] = ()
    if count:
        statement = (
            summary_select()
            .add_columns(DEMOS.c.starts_at)
            .join(DEMOS, DEMOS.c.lead_id == leads.c.id)
            .where(*conds)
            .order_by(DEMOS.c.starts_at, DEMOS.c.id)
            .limit(GROUP_LIMIT)
        )
        items = tuple(_item(row, start, False) for row in conn.execute(statement))
    return DayGroup(DayKind.DEMOS, items, count)


def _item(row: Any, now: datetime, due: bool) -> DayItem:
    values = tuple(row)
    lead = LeadSummary(*values[: len(SUMMARY_COLUMNS)])
    at: datetime = values[len(SUMMARY_COLUMNS)]
    return DayItem(lead=lead, at=at, overdue=due and at < now)
