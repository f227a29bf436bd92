"""The SQL of the reports' read model as each migration wrote it (frozen copies).

A migration must build what it built on the day it was written, whatever
``db.readmodel`` generates today; so each version of the read model's SQL is copied
here once, as text, and never edited afterwards. ``tests/services/test_readmodel_frozen.py``
requires the newest copy to equal what ``db.readmodel`` generates: a change to the read
model therefore comes with a new migration and a new copy here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from sdrdesk.db import ranges


@dataclass(frozen=True)
class FactsSql:
    """One version: the PostgreSQL functions and SQLite's statements for a range of ids."""

    pg_refresh: str  # CREATE FUNCTION sdrdesk_refresh_facts(integer[])
    pg_new: str  # CREATE FUNCTION sdrdesk_new_lead_facts(integer, integer)
    range_delete: str  # SQLite: the facts of leads :low..:high, deleted ...
    range_insert: str  # ... and recomputed


# Migration 0013: lead_facts with 14 columns.
V0013 = FactsSql(
    pg_refresh=(
        "CREATE OR REPLACE FUNCTION sdrdesk_refresh_facts(ids integer[]) RETURNS void "
        "LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ DELETE FROM "
        "lead_facts WHERE lead_id IN (SELECT l.id FROM leads l WHERE l.id = ANY(ids)); INSERT "
        "INTO lead_facts (lead_id, handed_off_at, source, campaign, owner_id, grade, "
        "accept_at, accept_by, reject_at, reject_by, demo_at, call_at, disqualified_at, "
        "nurtured_at) SELECT l.id, l.handed_off_at, coalesce(l.source, ''), l.campaign, "
        "l.owner_id, l.grade, (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id AND "
        "e.action = 'accept' AND e.id NOT IN (SELECT (SELECT coalesce(max(p.id), 0) FROM "
        "lead_events p WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS NOT "
        "NULL) FROM lead_events u WHERE u.lead_id = l.id AND u.action IN ('undo_accept', "
        "'undo_reject')) ORDER BY e.at, e.id LIMIT 1), (SELECT e.actor_id FROM lead_events e "
        "WHERE e.lead_id = l.id AND e.action = 'accept' AND e.id NOT IN (SELECT (SELECT "
        "coalesce(max(p.id), 0) FROM lead_events p WHERE p.lead_id = u.lead_id AND p.id < "
        "u.id AND p.to_status IS NOT NULL) FROM lead_events u WHERE u.lead_id = l.id AND "
        "u.action IN ('undo_accept', 'undo_reject')) ORDER BY e.at, e.id LIMIT 1), (SELECT "
        "e.at FROM lead_events e WHERE e.lead_id = l.id AND e.action = 'reject' AND e.id NOT "
        "IN (SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p WHERE p.lead_id = "
        "u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL) FROM lead_events u WHERE "
        "u.lead_id = l.id AND u.action IN ('undo_accept', 'undo_reject')) ORDER BY e.at, e.id "
        "LIMIT 1), (SELECT e.actor_id FROM lead_events e WHERE e.lead_id = l.id AND e.action "
        "= 'reject' AND e.id NOT IN (SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p "
        "WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL) FROM "
        "lead_events u WHERE u.lead_id = l.id AND u.action IN ('undo_accept', 'undo_reject')) "
        "ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id "
        "AND e.action = 'book_demo' ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM "
        "lead_events e WHERE e.lead_id = l.id AND e.action = 'call_logged' ORDER BY e.at, "
        "e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id AND e.action = "
        "'disqualify' ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE "
        "e.lead_id = l.id AND e.action = 'nurture' ORDER BY e.at, e.id LIMIT 1) FROM leads l "
        "WHERE l.id = ANY(ids) $fn$"
    ),
    pg_new=(
        "CREATE OR REPLACE FUNCTION sdrdesk_new_lead_facts(low integer, high integer) RETURNS "
        "void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ INSERT INTO "
        "lead_facts (lead_id, handed_off_at, source, campaign, owner_id, grade) SELECT l.id, "
        "l.handed_off_at, coalesce(l.source, ''), l.campaign, l.owner_id, l.grade FROM leads "
        "l WHERE l.id BETWEEN low AND high ON CONFLICT (lead_id) DO NOTHING $fn$"
    ),
    range_delete=(
        "DELETE FROM lead_facts WHERE lead_id IN (SELECT l.id FROM leads l WHERE l.id BETWEEN "
        ":low AND :high)"
    ),
    range_insert=(
        "INSERT INTO lead_facts (lead_id, handed_off_at, source, campaign, owner_id, grade, "
        "accept_at, accept_by, reject_at, reject_by, demo_at, call_at, disqualified_at, "
        "nurtured_at) SELECT l.id, l.handed_off_at, coalesce(l.source, ''), l.campaign, "
        "l.owner_id, l.grade, (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id AND "
        "e.action = 'accept' AND e.id NOT IN (SELECT (SELECT coalesce(max(p.id), 0) FROM "
        "lead_events p WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS NOT "
        "NULL) FROM lead_events u WHERE u.lead_id = l.id AND u.action IN ('undo_accept', "
        "'undo_reject')) ORDER BY e.at, e.id LIMIT 1), (SELECT e.actor_id FROM lead_events e "
        "WHERE e.lead_id = l.id AND e.action = 'accept' AND e.id NOT IN (SELECT (SELECT "
        "coalesce(max(p.id), 0) FROM lead_events p WHERE p.lead_id = u.lead_id AND p.id < "
        "u.id AND p.to_status IS NOT NULL) FROM lead_events u WHERE u.lead_id = l.id AND "
        "u.action IN ('undo_accept', 'undo_reject')) ORDER BY e.at, e.id LIMIT 1), (SELECT "
        "e.at FROM lead_events e WHERE e.lead_id = l.id AND e.action = 'reject' AND e.id NOT "
        "IN (SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p WHERE p.lead_id = "
        "u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL) FROM lead_events u WHERE "
        "u.lead_id = l.id AND u.action IN ('undo_accept', 'undo_reject')) ORDER BY e.at, e.id "
        "LIMIT 1), (SELECT e.actor_id FROM lead_events e WHERE e.lead_id = l.id AND e.action "
        "= 'reject' AND e.id NOT IN (SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p "
        "WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL) FROM "
        "lead_events u WHERE u.lead_id = l.id AND u.action IN ('undo_accept', 'undo_reject')) "
        "ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id "
        "AND e.action = 'book_demo' ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM "
        "lead_events e WHERE e.lead_id = l.id AND e.action = 'call_logged' ORDER BY e.at, "
        "e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id AND e.action = "
        "'disqualify' ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE "
        "e.lead_id = l.id AND e.action = 'nurture' ORDER BY e.at, e.id LIMIT 1) FROM leads l "
        "WHERE l.id BETWEEN :low AND :high"
    ),
)

# Migration 0015: and the lead's product.
V0015 = FactsSql(
    pg_refresh=(
        "CREATE OR REPLACE FUNCTION sdrdesk_refresh_facts(ids integer[]) RETURNS void "
        "LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ DELETE FROM "
        "lead_facts WHERE lead_id IN (SELECT l.id FROM leads l WHERE l.id = ANY(ids)); INSERT "
        "INTO lead_facts (lead_id, handed_off_at, source, campaign, owner_id, grade, "
        "accept_at, accept_by, reject_at, reject_by, demo_at, call_at, disqualified_at, "
        "nurtured_at, product) SELECT l.id, l.handed_off_at, coalesce(l.source, ''), "
        "l.campaign, l.owner_id, l.grade, (SELECT e.at FROM lead_events e WHERE e.lead_id = "
        "l.id AND e.action = 'accept' AND e.id NOT IN (SELECT (SELECT coalesce(max(p.id), 0) "
        "FROM lead_events p WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS "
        "NOT NULL) FROM lead_events u WHERE u.lead_id = l.id AND u.action IN ('undo_accept', "
        "'undo_reject')) ORDER BY e.at, e.id LIMIT 1), (SELECT e.actor_id FROM lead_events e "
        "WHERE e.lead_id = l.id AND e.action = 'accept' AND e.id NOT IN (SELECT (SELECT "
        "coalesce(max(p.id), 0) FROM lead_events p WHERE p.lead_id = u.lead_id AND p.id < "
        "u.id AND p.to_status IS NOT NULL) FROM lead_events u WHERE u.lead_id = l.id AND "
        "u.action IN ('undo_accept', 'undo_reject')) ORDER BY e.at, e.id LIMIT 1), (SELECT "
        "e.at FROM lead_events e WHERE e.lead_id = l.id AND e.action = 'reject' AND e.id NOT "
        "IN (SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p WHERE p.lead_id = "
        "u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL) FROM lead_events u WHERE "
        "u.lead_id = l.id AND u.action IN ('undo_accept', 'undo_reject')) ORDER BY e.at, e.id "
        "LIMIT 1), (SELECT e.actor_id FROM lead_events e WHERE e.lead_id = l.id AND e.action "
        "= 'reject' AND e.id NOT IN (SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p "
        "WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL) FROM "
        "lead_events u WHERE u.lead_id = l.id AND u.action IN ('undo_accept', 'undo_reject')) "
        "ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id "
        "AND e.action = 'book_demo' ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM "
        "lead_events e WHERE e.lead_id = l.id AND e.action = 'call_logged' ORDER BY e.at, "
        "e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id AND e.action = "
        "'disqualify' ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE "
        "e.lead_id = l.id AND e.action = 'nurture' ORDER BY e.at, e.id LIMIT 1), l.product "
        "FROM leads l WHERE l.id = ANY(ids) $fn$"
    ),
    pg_new=(
        "CREATE OR REPLACE FUNCTION sdrdesk_new_lead_facts(low integer, high integer) RETURNS "
        "void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ INSERT INTO "
        "lead_facts (lead_id, handed_off_at, source, campaign, owner_id, grade, product) "
        "SELECT l.id, l.handed_off_at, coalesce(l.source, ''), l.campaign, l.owner_id, "
        "l.grade, l.product FROM leads l WHERE l.id BETWEEN low AND high ON CONFLICT "
        "(lead_id) DO NOTHING $fn$"
    ),
    range_delete=(
        "DELETE FROM lead_facts WHERE lead_id IN (SELECT l.id FROM leads l WHERE l.id BETWEEN "
        ":low AND :high)"
    ),
    range_insert=(
        "INSERT INTO lead_facts (lead_id, handed_off_at, source, campaign, owner_id, grade, "
        "accept_at, accept_by, reject_at, reject_by, demo_at, call_at, disqualified_at, "
        "nurtured_at, product) SELECT l.id, l.handed_off_at, coalesce(l.source, ''), "
        "l.campaign, l.owner_id, l.grade, (SELECT e.at FROM lead_events e WHERE e.lead_id = "
        "l.id AND e.action = 'accept' AND e.id NOT IN (SELECT (SELECT coalesce(max(p.id), 0) "
        "FROM lead_events p WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS "
        "NOT NULL) FROM lead_events u WHERE u.lead_id = l.id AND u.action IN ('undo_accept', "
        "'undo_reject')) ORDER BY e.at, e.id LIMIT 1), (SELECT e.actor_id FROM lead_events e "
        "WHERE e.lead_id = l.id AND e.action = 'accept' AND e.id NOT IN (SELECT (SELECT "
        "coalesce(max(p.id), 0) FROM lead_events p WHERE p.lead_id = u.lead_id AND p.id < "
        "u.id AND p.to_status IS NOT NULL) FROM lead_events u WHERE u.lead_id = l.id AND "
        "u.action IN ('undo_accept', 'undo_reject')) ORDER BY e.at, e.id LIMIT 1), (SELECT "
        "e.at FROM lead_events e WHERE e.lead_id = l.id AND e.action = 'reject' AND e.id NOT "
        "IN (SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p WHERE p.lead_id = "
        "u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL) FROM lead_events u WHERE "
        "u.lead_id = l.id AND u.action IN ('undo_accept', 'undo_reject')) ORDER BY e.at, e.id "
        "LIMIT 1), (SELECT e.actor_id FROM lead_events e WHERE e.lead_id = l.id AND e.action "
        "= 'reject' AND e.id NOT IN (SELECT (SELECT coalesce(max(p.id), 0) FROM lead_events p "
        "WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS NOT NULL) FROM "
        "lead_events u WHERE u.lead_id = l.id AND u.action IN ('undo_accept', 'undo_reject')) "
        "ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id "
        "AND e.action = 'book_demo' ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM "
        "lead_events e WHERE e.lead_id = l.id AND e.action = 'call_logged' ORDER BY e.at, "
        "e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE e.lead_id = l.id AND e.action = "
        "'disqualify' ORDER BY e.at, e.id LIMIT 1), (SELECT e.at FROM lead_events e WHERE "
        "e.lead_id = l.id AND e.action = 'nurture' ORDER BY e.at, e.id LIMIT 1), l.product "
        "FROM leads l WHERE l.id BETWEEN :low AND :high"
    ),
)

NEWEST = V0015


def install_functions(conn: Connection, sql: FactsSql) -> None:
    """(Re)create the PostgreSQL functions of ``sql``, callable by nobody but the owner
    until ``sdrdesk db grants`` grants them."""
    conn.execute(text(sql.pg_refresh))
    conn.execute(text(sql.pg_new))
    conn.execute(text("REVOKE ALL ON FUNCTION sdrdesk_refresh_facts(integer[]) FROM PUBLIC"))
    conn.execute(
        text("REVOKE ALL ON FUNCTION sdrdesk_new_lead_facts(integer, integer) FROM PUBLIC")
    )


def rebuild(
    conn: Connection, sql: FactsSql, progress: Callable[[int], None] | None, steps: int = 10
) -> None:
    """Recompute every lead's facts with ``sql``, a tenth of the leads at a time, calling
    ``progress(percent)`` after each tenth."""
    statements = (sql.range_delete, sql.range_insert)
    ranges.in_steps(
        conn,
        lambda low, high: ranges.refresh_range(
            conn, "sdrdesk_refresh_facts", statements, low, high
        ),
        progress,
        steps,
    )
