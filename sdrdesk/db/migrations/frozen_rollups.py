"""The SQL of the reports' hourly rollups as each migration wrote it (frozen copies).

As ``frozen_facts`` for ``lead_facts``: a migration builds what it built the day it was
written, whatever ``db.rollups`` generates today. tests/db/test_readmodel_frozen.py
requires the newest copy to equal what ``db.rollups`` generates, so a change to the
rollups' SQL comes with a new migration and a new copy here; copies are never edited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from sdrdesk.db import ranges


@dataclass(frozen=True)
class RollupSql:
    """One version: PostgreSQL's function and SQLite's statements for ids :low..:high."""

    pg_refresh: str  # CREATE FUNCTION sdrdesk_refresh_rollups(integer[])
    range_statements: tuple[str, ...]


# Migration 0018: decision_hours and touch_hours with their parts.
V0018 = RollupSql(
    pg_refresh=(
        "CREATE OR REPLACE FUNCTION sdrdesk_refresh_rollups(ids integer[]) RETURNS void "
        "LANGUAGE sql SECURITY DEFINER SET search_path = public AS $fn$ UPDATE decision_hours"
        " SET n = decision_hours.n - d.n FROM (SELECT hour, action, reason, sdr_id, source, "
        "campaign, product, count(*) AS n FROM decision_parts WHERE lead_id = ANY(ids) GROUP "
        "BY hour, action, reason, sdr_id, source, campaign, product) d WHERE "
        "decision_hours.hour = d.hour AND decision_hours.action = d.action AND "
        "decision_hours.reason = d.reason AND decision_hours.sdr_id = d.sdr_id AND "
        "decision_hours.source = d.source AND decision_hours.campaign = d.campaign AND "
        "decision_hours.product = d.product; DELETE FROM decision_hours WHERE n = 0 AND hour "
        "IN (SELECT hour FROM decision_parts WHERE lead_id = ANY(ids)); DELETE FROM "
        "decision_parts WHERE lead_id = ANY(ids); INSERT INTO decision_parts (event_id, "
        "lead_id, hour, action, reason, sdr_id, source, campaign, product) SELECT e.id, "
        "e.lead_id, CAST(floor(extract(epoch FROM e.at) / 3600) AS integer), e.action, "
        "coalesce(e.reason_code, ''), coalesce(e.actor_id, 0), coalesce(l.source, ''), "
        "coalesce(l.campaign, ''), coalesce(l.product, '') FROM lead_events e JOIN leads l ON"
        " l.id = e.lead_id WHERE e.lead_id = ANY(ids) AND e.action IN ('accept', 'reject', "
        "'disqualify') AND e.id NOT IN (SELECT (SELECT coalesce(max(p.id), 0) FROM "
        "lead_events p WHERE p.lead_id = u.lead_id AND p.id < u.id AND p.to_status IS NOT "
        "NULL) FROM lead_events u WHERE u.lead_id = l.id AND u.action IN ('undo_accept', "
        "'undo_reject')); INSERT INTO decision_hours (hour, action, reason, sdr_id, source, "
        "campaign, product, n) SELECT hour, action, reason, sdr_id, source, campaign, "
        "product, count(*) AS n FROM decision_parts WHERE lead_id = ANY(ids) GROUP BY hour, "
        "action, reason, sdr_id, source, campaign, product ON CONFLICT (hour, action, reason,"
        " sdr_id, source, campaign, product) DO UPDATE SET n = decision_hours.n + excluded.n;"
        " UPDATE touch_hours SET n = touch_hours.n - d.n, connected = touch_hours.connected -"
        " d.connected, talk_seconds = touch_hours.talk_seconds - d.talk_seconds FROM (SELECT "
        "hour, channel, outcome, sdr_id, source, product, count(*) AS n, sum(connected) AS "
        "connected, sum(talk_seconds) AS talk_seconds FROM touch_parts WHERE lead_id = "
        "ANY(ids) GROUP BY hour, channel, outcome, sdr_id, source, product) d WHERE "
        "touch_hours.hour = d.hour AND touch_hours.channel = d.channel AND "
        "touch_hours.outcome = d.outcome AND touch_hours.sdr_id = d.sdr_id AND "
        "touch_hours.source = d.source AND touch_hours.product = d.product; DELETE FROM "
        "touch_hours WHERE n = 0 AND hour IN (SELECT hour FROM touch_parts WHERE lead_id = "
        "ANY(ids)); DELETE FROM touch_parts WHERE lead_id = ANY(ids); INSERT INTO touch_parts"
        " (event_id, lead_id, hour, channel, outcome, sdr_id, source, product, connected, "
        "talk_seconds) SELECT e.id, e.lead_id, CAST(floor(extract(epoch FROM e.at) / 3600) AS"
        " integer), CASE WHEN e.action = 'call_logged' THEN 'call' ELSE coalesce((e.data ->> "
        "'channel'), '') END, coalesce((e.data ->> 'outcome'), ''), coalesce(e.actor_id, 0), "
        "coalesce(l.source, ''), coalesce(l.product, ''), CASE WHEN e.action = 'call_logged' "
        "THEN CASE WHEN e.data -> 'connected' = 'true'::jsonb THEN 1 ELSE 0 END ELSE 0 END, "
        "CASE WHEN e.action = 'call_logged' THEN (CASE WHEN e.data -> 'connected' = "
        "'true'::jsonb THEN 1 ELSE 0 END) * coalesce(CAST((e.data ->> 'duration_seconds') AS "
        "integer), 0) ELSE 0 END FROM lead_events e JOIN leads l ON l.id = e.lead_id WHERE "
        "e.lead_id = ANY(ids) AND e.action IN ('call_logged', 'touch_logged'); INSERT INTO "
        "touch_hours (hour, channel, outcome, sdr_id, source, product, n, connected, "
        "talk_seconds) SELECT hour, channel, outcome, sdr_id, source, product, count(*) AS n,"
        " sum(connected) AS connected, sum(talk_seconds) AS talk_seconds FROM touch_parts "
        "WHERE lead_id = ANY(ids) GROUP BY hour, channel, outcome, sdr_id, source, product ON"
        " CONFLICT (hour, channel, outcome, sdr_id, source, product) DO UPDATE SET n = "
        "touch_hours.n + excluded.n, connected = touch_hours.connected + excluded.connected, "
        "talk_seconds = touch_hours.talk_seconds + excluded.talk_seconds $fn$"
    ),
    range_statements=(
        (
            "UPDATE decision_hours SET n = decision_hours.n - d.n FROM (SELECT hour, action, "
            "reason, sdr_id, source, campaign, product, count(*) AS n FROM decision_parts WHERE "
            "lead_id BETWEEN :low AND :high GROUP BY hour, action, reason, sdr_id, source, "
            "campaign, product) d WHERE decision_hours.hour = d.hour AND decision_hours.action = "
            "d.action AND decision_hours.reason = d.reason AND decision_hours.sdr_id = d.sdr_id "
            "AND decision_hours.source = d.source AND decision_hours.campaign = d.campaign AND "
            "decision_hours.product = d.product"
        ),
        (
            "DELETE FROM decision_hours WHERE n = 0 AND hour IN (SELECT hour FROM decision_parts "
            "WHERE lead_id BETWEEN :low AND :high)"
        ),
        ("DELETE FROM decision_parts WHERE lead_id BETWEEN :low AND :high"),
        (
            "INSERT INTO decision_parts (event_id, lead_id, hour, action, reason, sdr_id, source,"
            " campaign, product) SELECT e.id, e.lead_id, CAST(strftime('%s', e.at) AS INTEGER) / "
            "3600, e.action, coalesce(e.reason_code, ''), coalesce(e.actor_id, 0), "
            "coalesce(l.source, ''), coalesce(l.campaign, ''), coalesce(l.product, '') FROM "
            "lead_events e JOIN leads l ON l.id = e.lead_id WHERE e.lead_id BETWEEN :low AND "
            ":high AND e.action IN ('accept', 'reject', 'disqualify') AND e.id NOT IN (SELECT "
            "(SELECT coalesce(max(p.id), 0) FROM lead_events p WHERE p.lead_id = u.lead_id AND "
            "p.id < u.id AND p.to_status IS NOT NULL) FROM lead_events u WHERE u.lead_id = l.id "
            "AND u.action IN ('undo_accept', 'undo_reject'))"
        ),
        (
            "INSERT INTO decision_hours (hour, action, reason, sdr_id, source, campaign, product,"
            " n) SELECT hour, action, reason, sdr_id, source, campaign, product, count(*) AS n "
            "FROM decision_parts WHERE lead_id BETWEEN :low AND :high GROUP BY hour, action, "
            "reason, sdr_id, source, campaign, product ON CONFLICT (hour, action, reason, sdr_id,"
            " source, campaign, product) DO UPDATE SET n = decision_hours.n + excluded.n"
        ),
        (
            "UPDATE touch_hours SET n = touch_hours.n - d.n, connected = touch_hours.connected - "
            "d.connected, talk_seconds = touch_hours.talk_seconds - d.talk_seconds FROM (SELECT "
            "hour, channel, outcome, sdr_id, source, product, count(*) AS n, sum(connected) AS "
            "connected, sum(talk_seconds) AS talk_seconds FROM touch_parts WHERE lead_id BETWEEN "
            ":low AND :high GROUP BY hour, channel, outcome, sdr_id, source, product) d WHERE "
            "touch_hours.hour = d.hour AND touch_hours.channel = d.channel AND "
            "touch_hours.outcome = d.outcome AND touch_hours.sdr_id = d.sdr_id AND "
            "touch_hours.source = d.source AND touch_hours.product = d.product"
        ),
        (
            "DELETE FROM touch_hours WHERE n = 0 AND hour IN (SELECT hour FROM touch_parts WHERE "
            "lead_id BETWEEN :low AND :high)"
        ),
        ("DELETE FROM touch_parts WHERE lead_id BETWEEN :low AND :high"),
        (
            "INSERT INTO touch_parts (event_id, lead_id, hour, channel, outcome, sdr_id, source, "
            "product, connected, talk_seconds) SELECT e.id, e.lead_id, CAST(strftime('%s', e.at) "
            "AS INTEGER) / 3600, CASE WHEN e.action = 'call_logged' THEN 'call' ELSE "
            "coalesce(json_extract(e.data, '$.channel'), '') END, coalesce(json_extract(e.data, "
            "'$.outcome'), ''), coalesce(e.actor_id, 0), coalesce(l.source, ''), "
            "coalesce(l.product, ''), CASE WHEN e.action = 'call_logged' THEN CASE WHEN "
            "json_extract(e.data, '$.connected') = 1 THEN 1 ELSE 0 END ELSE 0 END, CASE WHEN "
            "e.action = 'call_logged' THEN (CASE WHEN json_extract(e.data, '$.connected') = 1 "
            "THEN 1 ELSE 0 END) * coalesce(CAST(json_extract(e.data, '$.duration_seconds') AS "
            "integer), 0) ELSE 0 END FROM lead_events e JOIN leads l ON l.id = e.lead_id WHERE "
            "e.lead_id BETWEEN :low AND :high AND e.action IN ('call_logged', 'touch_logged')"
        ),
        (
            "INSERT INTO touch_hours (hour, channel, outcome, sdr_id, source, product, n, "
            "connected, talk_seconds) SELECT hour, channel, outcome, sdr_id, source, product, "
            "count(*) AS n, sum(connected) AS connected, sum(talk_seconds) AS talk_seconds FROM "
            "touch_parts WHERE lead_id BETWEEN :low AND :high GROUP BY hour, channel, outcome, "
            "sdr_id, source, product ON CONFLICT (hour, channel, outcome, sdr_id, source, "
            "product) DO UPDATE SET n = touch_hours.n + excluded.n, connected = "
            "touch_hours.connected + excluded.connected, talk_seconds = touch_hours.talk_seconds "
            "+ excluded.talk_seconds"
        ),
    ),
)

NEWEST = V0018


def install_function(conn: Connection, sql: RollupSql) -> None:
    """(Re)create the PostgreSQL function of ``sql``, callable by nobody but the owner
    until ``sdrdesk db grants`` grants it."""
    conn.execute(text(sql.pg_refresh))
    conn.execute(text("REVOKE ALL ON FUNCTION sdrdesk_refresh_rollups(integer[]) FROM PUBLIC"))


def rebuild(
    conn: Connection, sql: RollupSql, progress: Callable[[int], None] | None, steps: int = 10
) -> None:
    """Both rollups from the events of every lead with ``sql``, a tenth of the leads at a
    time, calling ``progress(percent)`` after each tenth."""
    ranges.in_steps(
        conn,
        lambda low, high: ranges.refresh_range(
            conn, "sdrdesk_refresh_rollups", sql.range_statements, low, high
        ),
        progress,
        steps,
    )
