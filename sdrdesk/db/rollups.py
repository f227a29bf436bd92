"""The reports' hourly rollups, kept with the writes beside ``lead_facts``.

Two rollups hold counts per UTC hour, so a report of a year reads a few hundred
thousand pre-summed rows instead of the events:

* ``decision_hours``: accepts, rejects and disqualifications (undone ones left out) per
  hour × action × reason × SDR (who decided) × source × campaign × product;
* ``touch_hours``: call attempts and touches per hour × channel (``call``, or the
  touch's channel) × outcome × SDR × source × product, with the connected calls and
  their talk time.

**Why UTC hours.** A report cuts at the viewer's local midnight and starts its weeks on
Monday local midnight (``ReportFilter.week_offset_minutes``); in every zone with a
whole-hour offset, daylight saving time included, those instants are whole UTC hours,
so hour buckets serve every viewer exactly. A period that starts or ends inside an hour
(a zone such as +05:30, or any instant) reads the events of those partial hours
directly (``services/reports/hours.py``). Days in one team time zone would compress more
but would be wrong for a viewer in another zone.

**Kept exact.** Each rollup has its parts: one row per counted event with the keys it
was added under (``decision_parts``, ``touch_parts``). Refreshing a lead subtracts its
stored parts from the rollup, recomputes its parts from its events and the lead's
current source, campaign and product, and adds them back, in the transaction of the
write. The rollup is therefore always the sum of the parts, and the parts what the
history says, after undo, reassignment, correction or erasure alike. On PostgreSQL this
runs in ``sdrdesk_refresh_rollups(integer[])``, SECURITY DEFINER (migration 0018): it
can only make a lead's contribution what the history says, so anyone working may call it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from sqlalchemy import Connection, TextClause, bindparam, text

from sdrdesk.db import ranges

Condition = Callable[[str], str]

DECISION_ACTIONS: tuple[str, ...] = ("accept", "reject", "disqualify")
TOUCH_ACTIONS: tuple[str, ...] = ("call_logged", "touch_logged")
DECISION_KEY = ("hour", "action", "reason", "sdr_id", "source", "campaign", "product")
TOUCH_KEY = ("hour", "channel", "outcome", "sdr_id", "source", "product")
TOUCH_MEASURES = ("n", "connected", "talk_seconds")
TABLES = ("decision_hours", "decision_parts", "touch_hours", "touch_parts")
# Accepts and rejects taken back by an undo (as in ``readmodel``): the status change just
# before each undo of the lead ``l``.
UNDONE = (
    "SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p"
    " WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL)"
    " FROM lead_events u WHERE u.lead_id = l.id"
    " AND u.action IN ('undo_accept', 'undo_reject')"
)


def _hour(dialect: str) -> str:
    if dialect == "postgresql":
        return "CAST(floor(extract(epoch FROM e.at) / 3600) AS integer)"
    return "CAST(strftime('%s', e.at) AS INTEGER) / 3600"


def _json(dialect: str, key: str) -> str:
    if dialect == "postgresql":
        return f"(e.data ->> '{key}')"
    return f"json_extract(e.data, '$.{key}')"


def _connected(dialect: str) -> str:
    if dialect == "postgresql":
        return "CASE WHEN e.data -> 'connected' = 'true'::jsonb THEN 1 ELSE 0 END"
    return "CASE WHEN json_extract(e.data, '$.connected') = 1 THEN 1 ELSE 0 END"


def _parts_select(dialect: str, kind: str, where: str) -> str:
    """The parts of the leads ``where`` (a condition on ``e.lead_id``), from the events."""
    lead = "coalesce(l.source, ''), "
    if kind == "decision":
        columns = (
            f"e.id, e.lead_id, {_hour(dialect)}, e.action, coalesce(e.reason_code, ''),"
            f" coalesce(e.actor_id, 0), {lead}coalesce(l.campaign, ''), coalesce(l.product, '')"
        )
        actions = DECISION_ACTIONS
        undone = f" AND e.id NOT IN ({UNDONE})"
    else:
        connected = _connected(dialect)
        duration = f"coalesce(CAST({_json(dialect, 'duration_seconds')} AS integer), 0)"
        columns = (
            f"e.id, e.lead_id, {_hour(dialect)},"
            f" CASE WHEN e.action = 'call_logged' THEN 'call'"
            f" ELSE coalesce({_json(dialect, 'channel')}, '') END,"
            f" coalesce({_json(dialect, 'outcome')}, ''), coalesce(e.actor_id, 0),"
            f" {lead}coalesce(l.product, ''),"
            f" CASE WHEN e.action = 'call_logged' THEN {connected} ELSE 0 END,"
            f" CASE WHEN e.action = 'call_logged' THEN ({connected}) * {duration} ELSE 0 END"
        )
        actions = TOUCH_ACTIONS
        undone = ""
    listed = ", ".join(f"'{a}'" for a in actions)
    return (
        f"SELECT {columns} FROM lead_events e JOIN leads l ON l.id = e.lead_id"
        f" WHERE {where} AND e.action IN ({listed}){undone}"
    )


def _rollup_statements(dialect: str, kind: str, where: Condition) -> list[str]:
    hours, parts = f"{kind}_hours", f"{kind}_parts"
    key = DECISION_KEY if kind == "decision" else TOUCH_KEY
    measures = ("n",) if kind == "decision" else TOUCH_MEASURES
    keys = ", ".join(key)
    sums = ", ".join("count(*) AS n" if m == "n" else f"sum({m}) AS {m}" for m in measures)
    part_columns = ("event_id", "lead_id", *key, *measures[1:])
    mine = where("lead_id")
    summed = f"SELECT {keys}, {sums} FROM {parts} WHERE {mine} GROUP BY {keys}"
    matching = " AND ".join(f"{hours}.{k} = d.{k}" for k in key)
    return [
        # Take the leads' stored contribution out, dropping rows left at zero ...
        f"UPDATE {hours} SET "
        + ", ".join(f"{m} = {hours}.{m} - d.{m}" for m in measures)
        + f" FROM ({summed}) d WHERE {matching}",
        f"DELETE FROM {hours} WHERE n = 0 AND hour IN (SELECT hour FROM {parts} WHERE {mine})",
        # ... recompute it from the history ...
        f"DELETE FROM {parts} WHERE {mine}",
        f"INSERT INTO {parts} ({', '.join(part_columns)})"
        f" {_parts_select(dialect, kind, where('e.lead_id'))}",
        # ... and add it back.
        f"INSERT INTO {hours} ({keys}, {', '.join(measures)}) {summed}"
        f" ON CONFLICT ({keys}) DO UPDATE SET "
        + ", ".join(f"{m} = {hours}.{m} + excluded.{m}" for m in measures),
    ]


def refresh_statements(dialect: str, where: Condition) -> list[str]:
    """The statements that make both rollups current for the leads ``where(column)``."""
    return [
        *_rollup_statements(dialect, "decision", where),
        *_rollup_statements(dialect, "touch", where),
    ]


def _range(column: str) -> str:
    return f"{column} BETWEEN :low AND :high"


PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION sdrdesk_refresh_rollups(ids integer[]) RETURNS void"
    " LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ "
    + "; ".join(refresh_statements("postgresql", lambda c: f"{c} = ANY(ids)"))
    + " $fn$"
)


def sqlite_range_statements() -> list[str]:
    """SQLite's statements for the leads with ids ``:low``..``:high``."""
    return refresh_statements("sqlite", _range)


@functools.cache
def _sqlite_refresh() -> list[TextClause]:
    """SQLite's statements for a list of leads, made once (an accept runs them all)."""
    return [
        text(statement).bindparams(bindparam("ids", expanding=True))
        for statement in refresh_statements("sqlite", lambda c: f"{c} IN :ids")
    ]


def refresh(conn: Connection, lead_ids: Iterable[int]) -> None:
    """Bring the rollups up to date for ``lead_ids`` in the caller's transaction (on
    PostgreSQL ``db.readmodel.refresh`` calls the function with the facts')."""
    ids = sorted(set(lead_ids))
    if not ids:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT sdrdesk_refresh_rollups(CAST(:ids AS integer[]))"), {"ids": ids})
        return
    for statement in _sqlite_refresh():
        conn.execute(statement, {"ids": ids})


def refresh_range(conn: Connection, low: int, high: int) -> None:
    """The rollups' parts of the leads ``low <= id <= high`` recomputed."""
    ranges.refresh_range(conn, "sdrdesk_refresh_rollups", sqlite_range_statements(), low, high)


def differences(conn: Connection) -> int:
    """How many rollup rows (both rollups) differ from a recomputation from the events:
    missing, extra or with other counts. 0 when the rollups are right."""
    dialect = conn.dialect.name
    total = 0
    for kind in ("decision", "touch"):
        key = DECISION_KEY if kind == "decision" else TOUCH_KEY
        measures = ("n",) if kind == "decision" else TOUCH_MEASURES
        names = ("event_id", "lead_id", *key, *measures[1:])
        sums = ", ".join("count(*)" if m == "n" else f"sum({m})" for m in measures)
        keys = ", ".join(key)
        stored = f"SELECT {keys}, {', '.join(measures)} FROM {kind}_hours"
        found = conn.execute(
            text(
                f"WITH p({', '.join(names)}) AS ({_parts_select(dialect, kind, '1 = 1')}),"
                f" f AS (SELECT {keys}, {sums} FROM p GROUP BY {keys})"
                f" SELECT (SELECT count(*) FROM ({stored} EXCEPT SELECT * FROM f) a)"
                f" + (SELECT count(*) FROM (SELECT * FROM f EXCEPT {stored}) b)"
            )
        ).scalar_one()
        total += int(found)
    return total
