"""Keeping the reports' read model (``lead_facts``) with the writes.

Every write that can change what the reports show goes through ``db.lifecycle`` (events
added in a session, bulk hand-offs) or changes a lead's row. After each flush the leads
it touched are recomputed from their own events (``FACTS_SQL``: one lead's history, a
few index seeks) in the same transaction, so undo, reassignment and erasure leave exactly
what recomputing everything gives (``sdrdesk db rebuild-reports`` checks that).

The same refresh recomputes the lead's rollup parts (``db.rollups``) and grade marks
(``db.grademarks``).

On PostgreSQL the recomputation runs inside ``sdrdesk_refresh_facts(int[])`` (migration
0013; the rollups' and marks' functions in the same statement), a SECURITY DEFINER
function: team members may call it but not write the table, and since it only ever
recomputes from the append-only history, calling it cannot forge a fact.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, TextClause, bindparam, event, inspect, text
from sqlalchemy.orm import Session

from sdrdesk.db import grademarks, ranges, rollups
from sdrdesk.db.models.core import Lead, LeadEvent

COLUMNS = (
    "lead_id",
    "handed_off_at",
    "source",
    "campaign",
    "owner_id",
    "grade",
    "accept_at",
    "accept_by",
    "reject_at",
    "reject_by",
    "demo_at",
    "call_at",
    "disqualified_at",
    "nurtured_at",
    "product",
)
# A lead's own columns among them: all a lead just handed off in bulk has.
_OWN = ("lead_id", "handed_off_at", "source", "campaign", "owner_id", "grade", "product")

# Accepts and rejects taken back by an undo: the status change just before each undo.
_UNDONE = (
    "SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p"
    " WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL)"
    " FROM lead_events u WHERE u.lead_id = l.id"
    " AND u.action IN ('undo_accept', 'undo_reject')"
)


def _first(action: str, column: str, *, undoable: bool = False) -> str:
    undone = f" AND e.id NOT IN ({_UNDONE})" if undoable else ""
    return (
        f"(SELECT e.{column} FROM lead_events e WHERE e.lead_id = l.id"
        f" AND e.action = '{action}'{undone} ORDER BY e.at, e.id LIMIT 1)"
    )


def facts_select(where: str) -> str:
    """The facts of the leads ``where`` (a condition on ``l``, the leads), recomputed."""
    return (
        "SELECT l.id, l.handed_off_at, coalesce(l.source, ''), l.campaign, l.owner_id,"
        f" l.grade, {_first('accept', 'at', undoable=True)},"
        f" {_first('accept', 'actor_id', undoable=True)},"
        f" {_first('reject', 'at', undoable=True)},"
        f" {_first('reject', 'actor_id', undoable=True)},"
        f" {_first('book_demo', 'at')}, {_first('call_logged', 'at')},"
        f" {_first('disqualify', 'at')}, {_first('nurture', 'at')}, l.product"
        f" FROM leads l WHERE {where}"
    )


def refresh_statements(where: str) -> tuple[str, str]:
    """DELETE and INSERT that make the facts of the leads ``where`` current."""
    return (
        f"DELETE FROM lead_facts WHERE lead_id IN (SELECT l.id FROM leads l WHERE {where})",
        f"INSERT INTO lead_facts ({', '.join(COLUMNS)}) {facts_select(where)}",
    )


# New leads from a bulk hand-off have no event but the hand-off yet: their facts are
# their own columns (no lookups). A lead that already has its row is left as it is, so
# calling this cannot change a fact either.
_NEW_FACTS = (
    f"INSERT INTO lead_facts ({', '.join(_OWN)})"
    " SELECT l.id, l.handed_off_at, coalesce(l.source, ''), l.campaign, l.owner_id, l.grade,"
    " l.product"
    " FROM leads l WHERE l.id BETWEEN {low} AND {high}"
    " ON CONFLICT (lead_id) DO NOTHING"
)

PG_NEW_FUNCTION = (
    "CREATE OR REPLACE FUNCTION sdrdesk_new_lead_facts(low integer, high integer)"
    " RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ "
    + _NEW_FACTS.format(low="low", high="high")
    + " $fn$"
)

PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION sdrdesk_refresh_facts(ids integer[]) RETURNS void"
    " LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ "
    + "; ".join(refresh_statements("l.id = ANY(ids)"))
    + " $fn$"
)


def refresh(conn: Connection, lead_ids: Iterable[int]) -> None:
    """Recompute the facts and the rollups' parts of ``lead_ids`` in the caller's
    transaction (one round trip on PostgreSQL)."""
    ids = sorted(set(lead_ids))
    if not ids:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "SELECT sdrdesk_refresh_facts(CAST(:ids AS integer[])),"
                " sdrdesk_refresh_rollups(CAST(:ids AS integer[])),"
                " sdrdesk_refresh_grades(CAST(:ids AS integer[]))"
            ),
            {"ids": ids},
        )
        return
    for statement in _sqlite_refresh():
        conn.execute(statement, {"ids": ids})
    rollups.refresh(conn, ids)
    grademarks.refresh(conn, ids)


@functools.cache
def _sqlite_refresh() -> list[TextClause]:
    """SQLite's statements for a list of leads, made once (every write runs them)."""
    return [
        text(statement).bindparams(bindparam("ids", expanding=True))
        for statement in refresh_statements("l.id IN :ids")
    ]


def add_new(conn: Connection, low: int, high: int) -> None:
    """The facts of leads just handed off in bulk (ids ``low``..``high``, no other
    events yet): straight from their rows."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT sdrdesk_new_lead_facts(:low, :high)"), {"low": low, "high": high})
        return
    conn.execute(text(_NEW_FACTS.format(low=":low", high=":high")), {"low": low, "high": high})


def refresh_range(conn: Connection, low: int, high: int) -> None:
    """Recompute the facts of the leads with ``low <= id <= high`` (bulk hand-off,
    migration, rebuild)."""
    statements = refresh_statements("l.id BETWEEN :low AND :high")
    ranges.refresh_range(conn, "sdrdesk_refresh_facts", statements, low, high)


Progress = Callable[[int], None]


def rebuild(conn: Connection, progress: Progress | None = None, *, steps: int = 10) -> None:
    """Recompute every lead's facts, rollups and grade marks from scratch, calling
    ``progress(percent)`` after each tenth of the leads."""
    for table in (*rollups.TABLES, grademarks.TABLE):
        conn.execute(text(f"DELETE FROM {table}"))

    def tenth(low: int, high: int) -> None:
        refresh_range(conn, low, high)
        rollups.refresh_range(conn, low, high)
        grademarks.refresh_range(conn, low, high)

    ranges.in_steps(conn, tenth, progress, steps)


def differences(conn: Connection) -> dict[str, int]:
    """How many stored facts differ from a recomputation: rows ``missing``, ``extra``
    and ``changed`` (per column compared), and rollup rows with other counts
    (``rollups``). Empty when the read model is right."""
    fresh = facts_select("1 = 1")
    names = ", ".join(COLUMNS)
    recomputed = f"WITH f({names}) AS ({fresh}) SELECT * FROM f"
    missing = conn.execute(
        text(
            f"SELECT count(*) FROM ({recomputed}) r"
            " WHERE NOT EXISTS (SELECT 1 FROM lead_facts s WHERE s.lead_id = r.lead_id)"
        )
    ).scalar_one()
    extra = conn.execute(
        text(
            "SELECT count(*) FROM lead_facts s"
            " WHERE NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = s.lead_id)"
        )
    ).scalar_one()
    same = " AND ".join(
        f"(s.{c} = r.{c} OR (s.{c} IS NULL AND r.{c} IS NULL))" for c in COLUMNS[1:]
    )
    changed = conn.execute(
        text(
            f"SELECT count(*) FROM ({recomputed}) r JOIN lead_facts s ON s.lead_id = r.lead_id"
            f" WHERE NOT ({same})"
        )
    ).scalar_one()
    found = {
        "missing": int(missing),
        "extra": int(extra),
        "changed": int(changed),
        "rollups": rollups.differences(conn),
        "grades": grademarks.differences(conn),
    }
    return {k: v for k, v in found.items() if v}


_TOUCHED = "sdrdesk_facts_touched"


@event.listens_for(Session, "before_flush")
def _note_touched(session: Session, _ctx: Any, _instances: Any) -> None:
    touched: list[Any] = session.info.setdefault(_TOUCHED, [])
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, LeadEvent | Lead):
            touched.append(obj)


@event.listens_for(Session, "after_flush_postexec")
def _refresh_touched(session: Session, _ctx: Any) -> None:
    touched = session.info.pop(_TOUCHED, [])
    ids = set()
    for obj in touched:
        state = inspect(obj)
        if not state.has_identity:
            continue
        lead_id = obj.lead_id if isinstance(obj, LeadEvent) else obj.id
        if lead_id is not None:
            ids.add(lead_id)
    if ids:
        refresh(session.connection(), ids)
