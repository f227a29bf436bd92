"""Seeing the team's changes: read the event log since the last event this client saw.

Event ids grow with every insert, but on PostgreSQL transactions can commit out of id
order: an event with a smaller id may become visible after a larger one was read.
``EventCursor`` remembers such gaps for a while and asks for them again, so no change is
missed; SQLite has a single writer and never leaves gaps.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy import exists, func, or_, select

from sdrdesk.db.models import LeadEvent, User
from sdrdesk.db.notify import ChangeSignal, change_signal

__all__ = ["Change", "ChangeBatch", "ChangeSignal", "EventCursor", "SyncService"]
from sdrdesk.services.context import ServiceContext

MAX_EVENTS = 500  # beyond this, a client reloads its views instead of patching them
GAP_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Change:
    event_id: int
    lead_id: int
    action: str
    actor: str | None  # display name
    actor_id: int | None


@dataclass(frozen=True)
class ChangeBatch:
    changes: tuple[Change, ...]
    truncated: bool  # more than MAX_EVENTS: reload rather than patch
    # Of a truncated batch: whether anyone but the reader (``changes_since``'s ``me``) made
    # some of its changes; a client that imported a big file itself says nothing of them.
    by_others: bool = True

    @property
    def lead_ids(self) -> frozenset[int]:
        return frozenset(c.lead_id for c in self.changes)


@dataclass
class EventCursor:
    """Where this client is in the event log (plain data, owned by one client)."""

    last_id: int = 0
    gaps: dict[int, float] = field(default_factory=dict)  # missing id -> first noticed

    def copy(self) -> EventCursor:
        """A copy to read with: keep it only once what was read has been applied, so a
        connection lost half-way loses nothing."""
        return EventCursor(self.last_id, dict(self.gaps))

    def advance(self, ids: list[int], now: float) -> None:
        seen = set(ids)
        for event_id in ids:
            self.gaps.pop(event_id, None)
        top = max(ids, default=self.last_id)
        for missing in range(self.last_id + 1, top):
            if missing not in seen:
                self.gaps.setdefault(missing, now)
        self.last_id = max(self.last_id, top)
        for missing, since in list(self.gaps.items()):
            if now - since > GAP_SECONDS:
                del self.gaps[missing]  # a rolled-back insert: that id never comes


class SyncService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def head(self) -> int:
        """The newest event id now (a client starts reading after it)."""
        with self._ctx.store.read() as s:
            return int(s.scalar(select(func.coalesce(func.max(LeadEvent.id), 0))) or 0)

    def changes_since(self, cursor: EventCursor, *, me: int | None = None) -> ChangeBatch:
        """What happened after ``cursor`` (and in its gaps); advances the cursor. ``me``:
        the reader, whose own changes a truncated batch tells from others'."""
        condition = LeadEvent.id > cursor.last_id
        if cursor.gaps:
            condition = or_(condition, LeadEvent.id.in_(sorted(cursor.gaps)))
        query = (
            select(LeadEvent.id, LeadEvent.lead_id, LeadEvent.action, User.display_name, User.id)
            .outerjoin(User, User.id == LeadEvent.actor_id)
            .where(condition)
            .order_by(LeadEvent.id)
            .limit(MAX_EVENTS + 1)
        )
        with self._ctx.store.read() as s:
            rows = s.execute(query).all()
            truncated = len(rows) > MAX_EVENTS
            if truncated:
                head = int(s.scalar(select(func.max(LeadEvent.id))) or 0)
                others = me is None or bool(
                    s.scalar(
                        select(
                            exists().where(
                                condition,
                                LeadEvent.id <= head,
                                or_(LeadEvent.actor_id.is_(None), LeadEvent.actor_id != me),
                            )
                        )
                    )
                )
        if truncated:
            cursor.last_id = head
            cursor.gaps.clear()
            return ChangeBatch((), truncated=True, by_others=others)
        changes = tuple(Change(*row) for row in rows)
        cursor.advance([c.event_id for c in changes], time.monotonic())
        return ChangeBatch(changes, truncated=False)

    def change_signal(self) -> ChangeSignal:
        return change_signal(self._ctx.store.engine.url)
