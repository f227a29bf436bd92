"""The grades report's read model: ``grade_marks``, one row per ``qualified`` event.

The grades report counts each lead scored in a period once, with the latest grade given
in the period. Read from the events, that is a "latest per lead" over the period's
qualifications: a group or a sort of every one of them (1.3 s for a year at a million
leads). Each mark therefore carries, besides the grade, who gave it and the lead's
source and product, ``later_at``: the earliest moment among the lead's later
qualifications (by event id), NULL for the lead's last one. A mark in a period is the
latest of that period when ``later_at`` is NULL or not before the period's end; when
``later_at`` falls in the period it is not; only when it lies before the period's start
(a later-written qualification dated earlier, which sdrdesk does not write but imported
histories may hold) does the report look at the lead's other marks. The report is then
one filtered pass over narrow rows with no sort (``services/reports/activity.py``).

``demo`` is 1 when the lead has a ``book_demo`` event at any time, as the report counts
"demo booked".

Kept as ``lead_facts`` and the rollups are: a touched lead's marks are deleted and
recomputed from its events and its current source and product in the transaction of the
write (``db.readmodel.refresh``). On PostgreSQL in ``sdrdesk_refresh_grades(integer[])``,
SECURITY DEFINER (migration 0020): it can only make a lead's marks what its history
says, so anyone working may call it; nobody but the owner writes the table.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from sqlalchemy import Connection, TextClause, bindparam, text

from sdrdesk.db import ranges

Condition = Callable[[str], str]
COLUMNS = ("event_id", "lead_id", "at", "sdr_id", "grade", "later_at", "demo", "source", "product")
TABLE = "grade_marks"


def _grade(dialect: str) -> str:
    if dialect == "postgresql":
        return "(e.data ->> 'grade')"
    return "json_extract(e.data, '$.grade')"


def marks_select(dialect: str, where: str) -> str:
    """The marks of the leads ``where`` (a condition on ``e.lead_id``), from the events."""
    return (
        f"SELECT e.id, e.lead_id, e.at, e.actor_id, {_grade(dialect)},"
        " (SELECT min(m.at) FROM lead_events m WHERE m.lead_id = e.lead_id"
        " AND m.action = 'qualified' AND m.id > e.id),"
        " CASE WHEN EXISTS (SELECT 1 FROM lead_events b WHERE b.lead_id = e.lead_id"
        " AND b.action = 'book_demo') THEN 1 ELSE 0 END,"
        " l.source, l.product"
        " FROM lead_events e JOIN leads l ON l.id = e.lead_id"
        f" WHERE {where} AND e.action = 'qualified'"
    )


def refresh_statements(dialect: str, where: Condition) -> list[str]:
    """The statements that make the marks of the leads ``where(column)`` current."""
    return [
        f"DELETE FROM {TABLE} WHERE {where('lead_id')}",
        f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) {marks_select(dialect, where('e.lead_id'))}",
    ]


PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION sdrdesk_refresh_grades(ids integer[]) RETURNS void"
    " LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ "
    + "; ".join(refresh_statements("postgresql", lambda c: f"{c} = ANY(ids)"))
    + " $fn$"
)


def sqlite_range_statements() -> list[str]:
    """SQLite's statements for the leads with ids ``:low``..``:high``."""
    return refresh_statements("sqlite", lambda c: f"{c} BETWEEN :low AND :high")


@functools.cache
def _sqlite_refresh() -> list[TextClause]:
    return [
        text(statement).bindparams(bindparam("ids", expanding=True))
        for statement in refresh_statements("sqlite", lambda c: f"{c} IN :ids")
    ]


def refresh(conn: Connection, lead_ids: Iterable[int]) -> None:
    """SQLite: the marks of ``lead_ids`` recomputed in the caller's transaction (on
    PostgreSQL ``db.readmodel.refresh`` calls the function with the facts')."""
    ids = sorted(set(lead_ids))
    if ids:
        for statement in _sqlite_refresh():
            conn.execute(statement, {"ids": ids})


def refresh_range(conn: Connection, low: int, high: int) -> None:
    """The marks of the leads ``low <= id <= high`` recomputed."""
    ranges.refresh_range(conn, "sdrdesk_refresh_grades", sqlite_range_statements(), low, high)


def differences(conn: Connection) -> int:
    """How many marks differ from a recomputation from the events (missing, extra or
    other), 0 when they are right."""
    names = ", ".join(COLUMNS)
    fresh = marks_select(conn.dialect.name, "1 = 1")
    stored = f"SELECT {names} FROM {TABLE}"
    found = conn.execute(
        text(
            f"WITH f({names}) AS ({fresh})"
            f" SELECT (SELECT count(*) FROM ({stored} EXCEPT SELECT * FROM f) a)"
            f" + (SELECT count(*) FROM (SELECT * FROM f EXCEPT {stored}) b)"
        )
    ).scalar_one()
    return int(found)
