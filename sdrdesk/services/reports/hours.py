"""Reading the hourly rollups (``db.rollups``) for a period.

A period is cut into the whole UTC hours inside it, read from the rollups, and the
pieces of hours at its ends, read from the events (``events_in_period``). A viewer in a
zone with a whole-hour offset asks for local midnights, which are whole UTC hours, so
only an odd period (a +05:30 zone, a period ending at 14:20) reads any events at all.
Weeks that start inside an hour (such a zone again) are counted from the events.

Each reader returns counts per key, summed with :func:`add` over the pieces.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from sdrdesk.db.models import DecisionHour, TouchHour
from sdrdesk.db.reporting import hour_week_start
from sdrdesk.services.reports.filters import ReportFilter

Counts = dict[Any, tuple[int, ...]]


@dataclasses.dataclass(frozen=True)
class Split:
    """``first``..``last`` (exclusive) the whole hours (hours since 1970) inside the
    period; ``pieces`` the rest of it, as filters for the events."""

    first: int
    last: int
    pieces: tuple[ReportFilter, ...]

    @property
    def has_hours(self) -> bool:
        return self.last > self.first


def split(f: ReportFilter) -> Split:
    since, until = f.since.timestamp(), f.until.timestamp()
    first, last = math.ceil(since / 3600), math.floor(until / 3600)
    if last <= first:
        return Split(0, 0, (f,))
    pieces = []
    if since < first * 3600:
        pieces.append(dataclasses.replace(f, until=_at(first)))
    if last * 3600 < until:
        pieces.append(dataclasses.replace(f, since=_at(last)))
    return Split(first, last, tuple(pieces))


def _at(hour: int) -> datetime:
    return datetime.fromtimestamp(hour * 3600, UTC)


def add(*parts: Mapping[Any, Iterable[int]]) -> Counts:
    """Counts per key summed over ``parts`` (tuples of the same length per key)."""
    out: Counts = {}
    for part in parts:
        for key, values in part.items():
            row = tuple(int(v or 0) for v in values)
            have = out.get(key)
            out[key] = row if have is None else tuple(a + b for a, b in zip(have, row, strict=True))
    return out


Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


# Beyond this many hours SQLite reads a whole group index rather than sort the rows.
LONG = 60 * 24


def _filtered(query: Q, table: Any, f: ReportFilter, s: Split, *, by_group: bool = False) -> Q:
    """``query`` limited to the whole hours and the filters. ``by_group``: a long period
    is read along the table's group index (``hour + 0`` keeps SQLite off the key's
    hour range, so it takes the covering index in group order, no sort)."""
    hour: Any = table.hour
    if by_group and s.last - s.first > LONG:
        hour = hour + 0
    query = query.where(hour >= s.first, hour < s.last)
    if f.sdr_id is not None:
        query = query.where(table.sdr_id == f.sdr_id)
    if f.source is not None:
        query = query.where(table.source == f.source)
    if f.product is not None:
        query = query.where(table.product == f.product)
    return query


def decisions(
    session: Session, f: ReportFilter, s: Split, by: str, actions: tuple[str, ...]
) -> Counts:
    """Per ``by`` (``reason``, ``campaign`` (source, campaign) or ``week``), the counts of
    each of ``actions`` in the whole hours of the period.

    Shaped for a year of rows: reasons and weeks are summed per hour first, in the
    table's key order (no sort), then per reason or week; campaigns over a long period
    are read along their own index, in group order.
    """
    if not s.has_hours:
        return {}
    d = DecisionHour
    if by == "campaign":
        keys: list[Any] = [d.source, d.campaign]
        query = select(*keys, *(func.sum(d.n).filter(d.action == a) for a in actions))
        query = _filtered(query.where(d.action.in_(list(actions))), d, f, s, by_group=True)
        query = query.group_by(*keys)
        return {(row[0], row[1]): tuple(row[2:]) for row in session.execute(query)}
    inner_keys: list[Any] = [d.hour, d.action] + ([d.reason] if by == "reason" else [])
    per_hour = _filtered(
        select(*inner_keys, func.sum(d.n).label("n")).where(d.action.in_(list(actions))), d, f, s
    )
    h = per_hour.group_by(*inner_keys).subquery("per_hour")
    key = h.c.reason if by == "reason" else hour_week_start(h.c.hour, f.week_offset_minutes)
    outer = select(key, *(func.sum(h.c.n).filter(h.c.action == a) for a in actions)).group_by(key)
    return {row[0]: tuple(row[1:]) for row in session.execute(outer)}


def call_outcomes(session: Session, f: ReportFilter, s: Split) -> Counts:
    """Per (SDR id or 0, outcome): calls, connected calls, their talk seconds."""
    if not s.has_hours:
        return {}
    t = TouchHour
    query = select(
        t.sdr_id, t.outcome, func.sum(t.n), func.sum(t.connected), func.sum(t.talk_seconds)
    ).where(t.channel == "call")
    query = _filtered(query, t, f, s, by_group=True).group_by(t.sdr_id, t.outcome)
    return {(row[0], row[1]): tuple(row[2:]) for row in session.execute(query)}


def week_needs_events(f: ReportFilter) -> bool:
    """Weeks starting inside an hour (a zone such as +05:30) cannot be cut from hours."""
    return f.week_offset_minutes % 60 != 0
