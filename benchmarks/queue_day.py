"""The bench SDR's day in a queue_bench store (issue 22): their leads, callbacks and
demos (``prepare_day``), and notes and touches to search (``prepare_notes``)."""

from __future__ import annotations

from pathlib import Path


def prepare_day(db: Path) -> None:
    """Once per store: the bench SDR owns 1 % of the leads, being worked with a callback
    within a day of now (half of them overdue), 1 % more new leads routed to them, and 50
    demos today: what My day and a call session read."""
    import sqlite3
    from datetime import UTC, datetime, timedelta

    conn = sqlite3.connect(db)
    try:
        if conn.execute("SELECT count(*) FROM leads WHERE owner_id = 1").fetchone()[0]:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        conn.execute(
            "UPDATE leads SET owner_id = 1, assigned_at = ?, status = 'working',"
            " attempt_count = 1, last_attempt_at = ?,"
            " callback_due_at = datetime(?, ((id / 100) % 48 - 24) || ' hours')"
            " WHERE id % 100 = 0",
            (stamp, stamp, stamp),
        )
        conn.execute("UPDATE leads SET owner_id = 1, assigned_at = ? WHERE id % 100 = 50", (stamp,))
        for i, (lead,) in enumerate(
            conn.execute("SELECT id FROM leads WHERE id % 100 = 0 LIMIT 50").fetchall()
        ):
            starts = (now + timedelta(minutes=10 * i)).strftime("%Y-%m-%d %H:%M:%S.%f")
            conn.execute(
                "INSERT INTO demos (uid, lead_id, ae_id, sdr_id, starts_at, duration_minutes,"
                " include_handover, status, sequence, created_at, updated_at, version)"
                " VALUES (?, ?, 2, 1, ?, 30, 1, 'booked', 0, ?, ?, 1)",
                (f"bench-{lead}", lead, starts, stamp, stamp),
            )
        conn.commit()
    finally:
        conn.close()


def prepare_notes(db: Path) -> None:
    """Once per store: 20,000 notes and touches on the bench SDR's leads (searchable, so
    the search keystrokes also read the notes' index: "mull" is in some of them)."""
    import sqlite3
    from datetime import UTC, datetime

    conn = sqlite3.connect(db)
    try:
        if conn.execute("SELECT count(*) FROM lead_events WHERE action = 'note_added'").fetchone()[
            0
        ]:
            return
        stamp = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        texts = (
            "Budget approved for Q3, the CFO decides",
            "Spoke with Mrs Müller at the front desk, call back after lunch",
            "Sent the case study; asked about the pilot",
            "Mullins from purchasing wants a quote first",
        )
        conn.executemany(
            "INSERT INTO lead_events (lead_id, at, actor_id, action, comment, data)"
            " VALUES (?, ?, 1, ?, ?, '{}')",
            [
                (lead, stamp, "note_added" if i % 3 else "touch_logged", texts[i % len(texts)])
                for i, (lead,) in enumerate(
                    conn.execute("SELECT id FROM leads WHERE owner_id = 1 LIMIT 20000")
                )
            ],
        )
        conn.commit()
    finally:
        conn.close()
