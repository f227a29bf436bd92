"""SQL for reports that SQLite and PostgreSQL spell differently, in one place.

Reports are computed in the database from the event history. Four things are written
differently by the two backends; everything else in a report query is plain SQL:

* the seconds between two timestamps (``seconds_between``),
* the Monday that starts a timestamp's ISO week (``week_start``, as ``YYYY-MM-DD`` text),
* a key of an event's JSON ``data`` as text or as a boolean (``json_text``, ``json_flag``),
* the median of a value per group (``grouped_median``): PostgreSQL's ``percentile_cont``,
  on SQLite the average of the middle row(s) found with window functions. Both give the
  same number (for an even count, the mean of the two middle values);
* and, for speed only, the shape of "the first event of each kind per lead"
  (``firsts_per_lead``).

The helpers are SQLAlchemy elements compiled per dialect, so a report builds one query
and runs it on either backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Select,
    String,
    Subquery,
    and_,
    case,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import SQLCoreOperations
from sqlalchemy.sql.functions import FunctionElement

from sdrdesk.db.models import LeadEvent
from sdrdesk.db.sqltime import seconds_between as seconds_between
from sdrdesk.domain.lifecycle import Action

_SQLExpression = SQLCoreOperations[Any]


class week_start(FunctionElement[str]):
    """The Monday (``YYYY-MM-DD``) of the ISO week a UTC timestamp falls in, after
    shifting it by ``offset_minutes`` (the viewer's UTC offset, so weeks start at local
    midnight)."""

    type = String()
    inherit_cache = False
    name = "week_start"

    def __init__(self, at: _SQLExpression, offset_minutes: int = 0) -> None:
        self.offset_minutes = int(offset_minutes)
        super().__init__(at)


@compiles(week_start, "sqlite")
def _week_sqlite(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    (at,) = list(element.clauses)
    # 'weekday 0' moves forward to the next Sunday (or stays on one); 6 days back is Monday.
    return (
        f"date({compiler.process(at, **kw)}, '{element.offset_minutes:+d} minutes',"
        " 'weekday 0', '-6 days')"
    )


@compiles(week_start, "postgresql")
def _week_pg(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    (at,) = list(element.clauses)
    return (
        "to_char(date_trunc('week', "
        f"({compiler.process(at, **kw)} AT TIME ZONE 'UTC')"
        f" + make_interval(mins => {element.offset_minutes})), 'YYYY-MM-DD')"
    )


class hour_week_start(FunctionElement[str]):
    """As ``week_start`` for an hour of the rollups (an integer: hours since 1970)."""

    type = String()
    inherit_cache = False
    name = "hour_week_start"

    def __init__(self, hour: _SQLExpression, offset_minutes: int = 0) -> None:
        self.offset_minutes = int(offset_minutes)
        super().__init__(hour)


@compiles(hour_week_start, "sqlite")
def _hour_week_sqlite(element: hour_week_start, compiler: SQLCompiler, **kw: Any) -> str:
    (hour,) = list(element.clauses)
    return (
        f"date({compiler.process(hour, **kw)} * 3600, 'unixepoch',"
        f" '{element.offset_minutes:+d} minutes', 'weekday 0', '-6 days')"
    )


@compiles(hour_week_start, "postgresql")
def _hour_week_pg(element: hour_week_start, compiler: SQLCompiler, **kw: Any) -> str:
    (hour,) = list(element.clauses)
    return (
        "to_char(date_trunc('week', "
        f"(to_timestamp({compiler.process(hour, **kw)} * 3600) AT TIME ZONE 'UTC')"
        f" + make_interval(mins => {element.offset_minutes})), 'YYYY-MM-DD')"
    )


class json_text(FunctionElement[str]):
    """``data[key]`` as text (NULL when absent)."""

    type = String()
    inherit_cache = False
    name = "json_text"

    def __init__(self, data: _SQLExpression, key: str) -> None:
        if not key.isidentifier():
            raise ValueError(f"not a plain JSON key: {key!r}")
        self.key = key
        super().__init__(data)


@compiles(json_text, "sqlite")
def _json_text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    (data,) = list(element.clauses)
    return f"json_extract({compiler.process(data, **kw)}, '$.{element.key}')"


@compiles(json_text, "postgresql")
def _json_text_pg(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    (data,) = list(element.clauses)
    return f"({compiler.process(data, **kw)} ->> '{element.key}')"


class json_flag(FunctionElement[bool]):
    """``data[key]`` as a boolean (true only for JSON ``true``)."""

    type = Boolean()
    inherit_cache = False
    name = "json_flag"

    def __init__(self, data: _SQLExpression, key: str) -> None:
        if not key.isidentifier():
            raise ValueError(f"not a plain JSON key: {key!r}")
        self.key = key
        super().__init__(data)


@compiles(json_flag, "sqlite")
def _json_flag_sqlite(element: json_flag, compiler: SQLCompiler, **kw: Any) -> str:
    (data,) = list(element.clauses)
    return f"(coalesce(json_extract({compiler.process(data, **kw)}, '$.{element.key}'), 0) = 1)"


@compiles(json_flag, "postgresql")
def _json_flag_pg(element: json_flag, compiler: SQLCompiler, **kw: Any) -> str:
    (data,) = list(element.clauses)
    return f"coalesce(({compiler.process(data, **kw)} -> '{element.key}') = 'true'::jsonb, false)"


def grouped_median(
    source: Subquery, value: str, by: Sequence[str], dialect: str, *, label: str = "median"
) -> Subquery:
    """``SELECT by..., median(value) FROM source GROUP BY by...`` (NULL values ignored).

    The group columns must not be NULL (use ``coalesce`` in ``source``), since the
    result is usually joined back on them.
    """
    groups = [source.c[name] for name in by]
    v = source.c[value]
    if dialect == "postgresql":
        median = func.percentile_cont(0.5).within_group(v)
        return (
            select(*groups, median.label(label)).where(v.is_not(None)).group_by(*groups).subquery()
        )
    ranked = select(
        *groups,
        v.label("v"),
        func.row_number().over(partition_by=groups, order_by=v).label("rn"),
        # The same window as row_number (one sort), framed over the whole group.
        func.count().over(partition_by=groups, order_by=v, rows=(None, None)).label("n"),
    ).where(v.is_not(None))
    r = ranked.subquery()
    keys = [r.c[name] for name in by]
    return (
        select(*keys, func.avg(r.c.v).label(label))
        .where(r.c.rn.in_([(r.c.n + 1) // 2, (r.c.n + 2) // 2]))
        .group_by(*keys)
        .subquery()
    )


UNDO_OF: dict[Action, Action] = {
    Action.ACCEPT: Action.UNDO_ACCEPT,
    Action.REJECT: Action.UNDO_REJECT,
}


def undone_event_ids() -> Select[tuple[int]]:
    """Ids of accept/reject events that were taken back by an undo.

    An undo is only possible while the accept or reject is the lead's latest status
    change, so the event an undo takes back is the status change just before it. Undos
    are rare: this reads a handful of rows through the (action, at) and (lead, id)
    indexes, and reports exclude its result with ``NOT IN``.
    """
    u = aliased(LeadEvent, name="undo")
    p = aliased(LeadEvent, name="undone")
    previous = (
        select(func.coalesce(func.max(p.id), 0))
        .where(and_(p.lead_id == u.lead_id, p.id < u.id, p.to_status.is_not(None)))
        .scalar_subquery()
    )
    # coalesce: never NULL, which would make every "NOT IN" unknown.
    return select(previous).where(u.action.in_([a.value for a in UNDO_OF.values()]))


@dataclass(frozen=True)
class First:
    """From each lead's first event of kind ``action`` (earliest ``at``, then ``id``),
    the value of ``column`` ("at", "id" or "actor_id"), as ``label``."""

    label: str
    action: str
    column: str


def firsts_per_lead(
    leads: Select[*tuple[Any, ...]],
    lead_id: _SQLExpression,
    firsts: Sequence[First],
    *,
    since: datetime,
    dialect: str,
) -> Subquery:
    """``leads`` (a select with a ``lead_id`` column) plus, per lead, the values in
    ``firsts`` (undone accepts and rejects left out).

    The fastest shape differs: SQLite seeks each lead's events in the (lead, action, at)
    index (a correlated lookup per value, no sort); PostgreSQL groups the period's
    events once and hash-joins them to the leads. Both give the same rows.
    """
    e = LeadEvent
    undone = undone_event_ids()
    if dialect == "sqlite":
        columns = []
        for f in firsts:
            first = select(func.min(e.at) if f.column == "at" else getattr(e, f.column)).where(
                e.lead_id == lead_id, e.action == f.action, e.id.not_in(undone)
            )
            if f.column != "at":
                first = first.order_by(e.at, e.id).limit(1)
            columns.append(first.scalar_subquery().label(f.label))
        return leads.add_columns(*columns).subquery("firsts")
    values = [
        # The earliest time is a plain min() (cheap, hashable); another column of the
        # earliest event needs the lead's events in order.
        (
            func.min(case((e.action == f.action, e.at)))
            if f.column == "at"
            else func.array_agg(aggregate_order_by(getattr(e, f.column), e.at, e.id)).filter(
                e.action == f.action
            )[1]
        ).label(f.label)
        for f in firsts
    ]
    grouped = (
        select(e.lead_id, *values)
        # Nothing happens to a lead before its hand-off, so older events cannot belong
        # to leads handed off since ``since``.
        .where(
            e.action.in_(sorted({f.action for f in firsts})),
            e.at >= since,
            e.id.not_in(undone),
        )
        .group_by(e.lead_id)
        .subquery("grouped_firsts")
    )
    base = leads.subquery("cohort_leads")
    return (
        select(base, *(grouped.c[f.label] for f in firsts))
        .select_from(base)
        .outerjoin(grouped, grouped.c.lead_id == base.c.lead_id)
        .subquery("firsts")
    )
