"""The SQL of the grades report's marks as each migration wrote it (frozen copies).

As ``frozen_facts`` and ``frozen_rollups``: a migration builds what it built the day it
was written, whatever ``db.grademarks`` generates today. tests/db/test_readmodel_frozen.py
requires the newest copy to equal what ``db.grademarks`` generates; copies are never
edited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from sdrdesk.db import ranges


@dataclass(frozen=True)
class GradeSql:
    """One version: PostgreSQL's function and SQLite's statements for ids :low..:high."""

    pg_refresh: str  # CREATE FUNCTION sdrdesk_refresh_grades(integer[])
    range_statements: tuple[str, ...]


# Migration 0020: grade_marks.
V0020 = GradeSql(
    pg_refresh=(
        "CREATE OR REPLACE FUNCTION sdrdesk_refresh_grades(ids integer[]) RETURNS void "
        "LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ DELETE FROM "
        "grade_marks WHERE lead_id = ANY(ids); INSERT INTO grade_marks (event_id, lead_id, "
        "at, sdr_id, grade, later_at, demo, source, product) SELECT e.id, e.lead_id, e.at, "
        "e.actor_id, (e.data ->> 'grade'), (SELECT min(m.at) FROM lead_events m WHERE "
        "m.lead_id = e.lead_id AND m.action = 'qualified' AND m.id > e.id), CASE WHEN EXISTS "
        "(SELECT 1 FROM lead_events b WHERE b.lead_id = e.lead_id AND b.action = 'book_demo')"
        " THEN 1 ELSE 0 END, l.source, l.product FROM lead_events e JOIN leads l ON l.id = "
        "e.lead_id WHERE e.lead_id = ANY(ids) AND e.action = 'qualified' $fn$"
    ),
    range_statements=(
        "DELETE FROM grade_marks WHERE lead_id BETWEEN :low AND :high",
        (
            "INSERT INTO grade_marks (event_id, lead_id, at, sdr_id, grade, later_at, demo, "
            "source, product) SELECT e.id, e.lead_id, e.at, e.actor_id, json_extract(e.data, "
            "'$.grade'), (SELECT min(m.at) FROM lead_events m WHERE m.lead_id = e.lead_id AND "
            "m.action = 'qualified' AND m.id > e.id), CASE WHEN EXISTS (SELECT 1 FROM lead_events"
            " b WHERE b.lead_id = e.lead_id AND b.action = 'book_demo') THEN 1 ELSE 0 END, "
            "l.source, l.product FROM lead_events e JOIN leads l ON l.id = e.lead_id WHERE "
            "e.lead_id BETWEEN :low AND :high AND e.action = 'qualified'"
        ),
    ),
)

NEWEST = V0020


def install_function(conn: Connection, sql: GradeSql) -> None:
    """(Re)create the PostgreSQL function of ``sql``, callable by nobody but the owner
    until ``sdrdesk db grants`` grants it."""
    conn.execute(text(sql.pg_refresh))
    conn.execute(text("REVOKE ALL ON FUNCTION sdrdesk_refresh_grades(integer[]) FROM PUBLIC"))


def rebuild(
    conn: Connection, sql: GradeSql, progress: Callable[[int], None] | None, steps: int = 10
) -> None:
    """Every lead's marks from its events with ``sql``, a tenth of the leads at a
    time, calling ``progress(percent)`` after each tenth."""
    ranges.in_steps(
        conn,
        lambda low, high: ranges.refresh_range(
            conn, "sdrdesk_refresh_grades", sql.range_statements, low, high
        ),
        progress,
        steps,
    )
