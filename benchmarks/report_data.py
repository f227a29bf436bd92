"""A year of a busy team's history for the report benchmark, loaded in bulk.

Leads and events are generated in Python (deterministic for a seed) and written with
the driver's fastest path: ``executemany`` on SQLite, ``COPY`` on PostgreSQL. The
history follows the lifecycle (hand-off; accept or reject, a few undone; calls,
qualification, then demo, disqualification or nurture), so the reports see the same
shapes as in real use.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

SDRS = 20
SOURCES = (
    "Webinar",
    "Paid search",
    "LinkedIn ads",
    "Website demo request",
    "Free trial",
    "Trade fair",
    "Content download",
    "Partner referral",
)
CAMPAIGNS_PER_SOURCE = 5
REJECT_REASONS = ("not_icp", "wrong_persona", "student_private", "competitor", "duplicate", "spam")
DQ_REASONS = ("no_budget", "no_need", "no_authority", "no_timeline", "not_interested")
OUTCOMES = (
    ("no_answer", False),
    ("voicemail", False),
    ("busy", False),
    ("connected", True),
    ("wrong_number", False),
    ("callback_requested", True),
)
END = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
START = END - timedelta(days=365)


@dataclass
class Generated:
    leads: int = 0
    events: int = 0


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def generate(count: int, seed: int = 7) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(lead rows, event rows). As in a real store, leads are numbered in hand-off order
    and events in the order they happened."""
    rng = random.Random(seed)
    span = (END - START).total_seconds()
    handed_times = sorted(START + timedelta(seconds=rng.random() * span) for _ in range(count))
    leads: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    for lead_id, handed in enumerate(handed_times, start=1):
        source = SOURCES[rng.randrange(len(SOURCES))]
        campaign = f"{source} {2025 + rng.randrange(2)}-{rng.randrange(CAMPAIGNS_PER_SOURCE)}"
        status = "mql"
        owner: int | None = None
        history: list[tuple[Any, ...]] = [(handed, None, "hand_off", None, "mql", None, {})]
        sdr = 1 + rng.randrange(SDRS)
        at = handed + timedelta(minutes=rng.expovariate(1 / 90))
        roll = rng.random()
        if at < END and roll < 0.95:
            if rng.random() < 0.01:  # a slip of the key, taken back
                history.append((at, sdr, "accept", "mql", "sal", None, {}))
                at += timedelta(seconds=4)
                history.append((at, sdr, "undo_accept", "sal", "mql", None, {}))
                at += timedelta(minutes=3)
            if roll < 0.32:
                reason = REJECT_REASONS[int(rng.triangular(0, len(REJECT_REASONS), 0))]
                comment = "Not a fit for us" if rng.random() < 0.2 else None
                history.append((at, sdr, "reject", "mql", "rejected", reason, {}, comment))
                status = "rejected"
            else:
                history.append((at, sdr, "accept", "mql", "sal", None, {}))
                status, owner = "sal", sdr
                status = _work(rng, history, at, sdr, status)
        for row in history:
            when, actor, action, before, after, reason, data, *rest = row
            comment = rest[0] if rest else None
            events.append((when, lead_id, actor, action, before, after, reason, comment, data))
        leads.append((lead_id, handed, source, campaign, status, owner))
    events.sort(key=lambda e: e[0])
    return leads, events


def _work(
    rng: random.Random, history: list[tuple[Any, ...]], at: datetime, sdr: int, status: str
) -> str:
    """Calls after an accept, then perhaps a grade and an end."""
    calls = 1 + int(rng.expovariate(1 / 1.2))
    for attempt in range(calls):
        at += (
            timedelta(hours=rng.expovariate(1 / 20))
            if attempt
            else timedelta(minutes=rng.expovariate(1 / 45))
        )
        if at >= END:
            return status
        outcome, connected = OUTCOMES[rng.randrange(len(OUTCOMES))]
        history.append(
            (
                at,
                sdr,
                "call_logged",
                None,
                None,
                None,
                {
                    "attempt_id": attempt + 1,
                    "outcome": outcome,
                    "connected": connected,
                    "duration_seconds": rng.randrange(60, 1200) if connected else 0,
                    "callback_at": None,
                },
            )
        )
    if at + timedelta(days=3) >= END:
        return status
    if status == "sal":
        at += timedelta(minutes=1)
        history.append((at, sdr, "start_working", "sal", "working", None, {}))
        status = "working"
    end = rng.random()
    if end < 0.45:
        at += timedelta(minutes=5)
        grade = "ABC"[int(rng.triangular(0, 3, 1))]
        history.append((at, sdr, "qualified", None, None, None, {"grade": grade, "complete": True}))
        if end < 0.2:
            at += timedelta(hours=rng.expovariate(1 / 24))
            history.append((at, sdr, "book_demo", status, "sql", None, {"demo_id": 1}))
            return "sql"
    if end < 0.6:
        at += timedelta(hours=2)
        reason = DQ_REASONS[rng.randrange(len(DQ_REASONS))]
        history.append((at, sdr, "disqualify", status, "disqualified", reason, {}))
        return "disqualified"
    if end < 0.7:
        at += timedelta(hours=1)
        history.append((at, sdr, "nurture", status, "nurture", None, {}))
        return "nurture"
    return status


LEAD_COLUMNS = (
    "id, first_name, last_name, email, email_key, email_valid, phone_quality, company,"
    " source, campaign, handed_off_at, status, owner_id, do_not_call, attempt_count, extra,"
    " created_at, updated_at, version"
)
EVENT_COLUMNS = (
    "id, lead_id, at, actor_id, action, from_status, to_status, reason_code, comment, data"
)


def _lead_values(row: tuple[Any, ...], zone: str) -> tuple[Any, ...]:
    lead_id, handed, source, campaign, status, owner = row
    ts = _ts(handed) + zone
    return (
        lead_id,
        "Lead",
        str(lead_id),
        f"lead{lead_id}@bench.example",
        f"lead{lead_id}@bench.example",
        True,
        "valid",
        f"Company {lead_id % 50_000}",
        source,
        campaign,
        ts,
        status,
        owner,
        False,
        0,
        "{}",
        ts,
        ts,
        1,
    )


def _event_values(event_id: int, row: tuple[Any, ...], zone: str) -> tuple[Any, ...]:
    when, lead_id, actor, action, before, after, reason, comment, data = row
    at = _ts(when) + zone
    return (event_id, lead_id, at, actor, action, before, after, reason, comment, json.dumps(data))


def create_users(engine: Engine) -> None:
    with engine.begin() as conn:
        for i in range(1, SDRS + 1):
            conn.execute(
                text(
                    "INSERT INTO users (id, name, display_name, role, active, created_at)"
                    " VALUES (:id, :name, :display, 'sdr', :active, :at)"
                ),
                {"id": i, "name": f"sdr{i}", "display": f"SDR {i:02d}", "active": True, "at": END},
            )


def load(engine: Engine, count: int, seed: int = 7) -> Generated:
    create_users(engine)
    done = Generated()
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        postgres = engine.dialect.name == "postgresql"
        zone = "+00" if postgres else ""
        if not postgres:
            cursor.execute("BEGIN")
        leads, events = generate(count, seed)
        chunk = 50_000
        for first in range(0, len(leads), chunk):
            rows = [_lead_values(r, zone) for r in leads[first : first + chunk]]
            _write(cursor, postgres, "leads", LEAD_COLUMNS, rows)
            done.leads += len(rows)
        for first in range(0, len(events), chunk):
            part = events[first : first + chunk]
            rows = [_event_values(first + i + 1, r, zone) for i, r in enumerate(part)]
            _write(cursor, postgres, "lead_events", EVENT_COLUMNS, rows)
            done.events += len(rows)
        if postgres:
            cursor.execute("SELECT setval('leads_id_seq', (SELECT max(id) FROM leads))")
            cursor.execute("SELECT setval('lead_events_id_seq', (SELECT max(id) FROM lead_events))")
            cursor.execute("SELECT setval('users_id_seq', (SELECT max(id) FROM users))")
        if postgres:
            raw.commit()
        else:
            cursor.execute("COMMIT")
    finally:
        raw.close()
    # Written past sdrdesk, so the read model is built as the migration builds it.
    from sdrdesk.db import readmodel

    with engine.begin() as conn:
        readmodel.rebuild(conn)
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            raw.driver_connection.autocommit = True  # type: ignore[union-attr]
            raw.cursor().execute("VACUUM ANALYZE")
        finally:
            raw.close()
    return done


def _write(cursor: Any, postgres: bool, table: str, columns: str, rows: list[Any]) -> None:
    if postgres:
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in rows[0])
    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
