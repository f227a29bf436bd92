"""The default (most urgent) order without sorting the pool: per (status, time zone)
streams read along the index ``(status, time_zone, score DESC, handed_off_at)``, merged.

Each helper builds or runs index range scans; ``QueueService`` merges their keys into
pages (see its module's docstring).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    literal,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.engine import Connection

from sdrdesk.db.tables import leads
from sdrdesk.domain.lifecycle import Status
from sdrdesk.services.queue.results import StreamKey, StreamPos

_ZONES = text(
    "WITH RECURSIVE z(tz) AS ("
    " SELECT min(time_zone) FROM leads WHERE status = :status"
    " UNION ALL"
    " SELECT (SELECT min(time_zone) FROM leads WHERE status = :status AND time_zone > z.tz)"
    " FROM z WHERE z.tz IS NOT NULL)"
    " SELECT tz FROM z WHERE tz IS NOT NULL"
    " UNION ALL"
    " SELECT NULL WHERE EXISTS"
    " (SELECT 1 FROM leads WHERE status = :status AND time_zone IS NULL)"
)


def zones(conn: Connection, status: Status) -> list[str | None]:
    """Distinct time zones of one status: a loose index scan, one round trip."""
    zones: list[str | None] = list(conn.scalars(_ZONES, {"status": status.value}))
    return sorted(zones, key=lambda z: (z is not None, z or ""))


def stream_cond(key: StreamKey) -> ColumnElement[bool]:
    status, zone = key
    zone_cond = leads.c.time_zone.is_(None) if zone is None else leads.c.time_zone == zone
    return and_(leads.c.status == status, zone_cond)


def bind_pos(pos: tuple[datetime, int]) -> tuple[Any, Any]:
    stamp, lead_id = pos
    return (literal(stamp, leads.c.handed_off_at.type), literal(lead_id, leads.c.id.type))


def keyed(
    key: StreamKey, keys: list[tuple[int | None, datetime, int]]
) -> list[tuple[tuple[int, float, datetime, int], StreamKey, tuple[int | None, datetime, int]]]:
    return [(_stream_order(pos), key, pos) for pos in keys]


def _stream_order(pos: tuple[int | None, datetime, int]) -> tuple[int, float, datetime, int]:
    score, stamp, lead_id = pos
    if score is None:
        return (1, 0.0, stamp, lead_id)
    return (0, -score, stamp, lead_id)


def _stream_parts(
    base: list[ColumnElement[bool]], key: StreamKey, pos: StreamPos, n: int
) -> list[Select[*tuple[Any, ...]]]:
    """Index ranges that hold a stream's next ``n`` keys after ``pos``, in order.

    With the index ``(status, time_zone, score DESC, handed_off_at)`` each part is one
    range scan: leads of the same score after the position, then lower scores, then
    leads without a score (kept apart so NULL ordering never differs between engines).
    """
    cond = [*base, stream_cond(key)]
    by_time = (leads.c.handed_off_at, leads.c.id)
    by_score = (leads.c.score.desc(), leads.c.handed_off_at, leads.c.id)
    no_score = leads.c.score.is_(None)

    def part(*extra: ColumnElement[bool], order: tuple[Any, ...]) -> Select[*tuple[Any, ...]]:
        keys = select(leads.c.score, leads.c.handed_off_at, leads.c.id)
        return keys.where(*cond, *extra).order_by(*order).limit(n)

    if pos is None:
        return [part(leads.c.score.is_not(None), order=by_score), part(no_score, order=by_time)]
    score, stamp, lead_id = pos
    after = tuple_(leads.c.handed_off_at, leads.c.id) > tuple_(*bind_pos((stamp, lead_id)))
    if score is None:
        return [part(no_score, after, order=by_time)]
    return [
        part(leads.c.score == score, after, order=by_time),
        part(leads.c.score < score, order=by_score),
        part(no_score, order=by_time),
    ]


def stream_keys(
    conn: Connection,
    base: list[ColumnElement[bool]],
    wanted: list[tuple[StreamKey, StreamPos]],
    n: int,
) -> dict[StreamKey, list[tuple[int | None, datetime, int]]]:
    """The next ``n`` keys (score, hand-off, id) of each stream, in one round trip."""
    parts = []
    for number, (key, pos) in enumerate(wanted):
        for part in _stream_parts(base, key, pos, n):
            sub = part.subquery()
            parts.append(
                select(
                    sub.c.score, sub.c.handed_off_at, sub.c.id, literal(number, Integer).label("n")
                )
            )
    found: dict[StreamKey, list[tuple[int | None, datetime, int]]] = {key: [] for key, _ in wanted}
    if not parts:
        return found
    statement = union_all(*parts) if len(parts) > 1 else parts[0]
    for score, stamp, lead_id, number in conn.execute(statement):
        found[wanted[number][0]].append((score, stamp, lead_id))
    for keys in found.values():
        keys.sort(key=_stream_order)
        del keys[n:]
    return found
