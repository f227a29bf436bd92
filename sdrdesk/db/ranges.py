"""The reports' read model a range of leads at a time: rebuilds, migrations, bulk work.

Each part of the read model (``lead_facts``, the hourly rollups, the grades' marks) is
recomputed for the leads with ids ``:low``..``:high`` by a PostgreSQL function over
their ids or by SQLite statements bound to ``:low`` and ``:high``; a rebuild walks the
leads in tenths, telling ``progress`` (a line per 10 % in ``sdrdesk db upgrade``, the
bar in the window) after each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection, text

Progress = Callable[[int], None]


def refresh_range(
    conn: Connection, pg_function: str, statements: Sequence[str], low: int, high: int
) -> None:
    """Recompute the leads ``low <= id <= high`` with ``pg_function`` (one of ours,
    never input) on PostgreSQL, else with ``statements``."""
    bounds = {"low": low, "high": high}
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                f"SELECT {pg_function}(ARRAY(SELECT id FROM leads WHERE id BETWEEN :low AND :high))"
            ),
            bounds,
        )
        return
    for statement in statements:
        conn.execute(text(statement), bounds)


def in_steps(
    conn: Connection,
    work: Callable[[int, int], None],
    progress: Progress | None,
    steps: int = 10,
) -> None:
    """``work(low, high)`` over every lead's id in ``steps`` ranges, ``progress(percent)``
    after each; nothing (and no progress) without leads."""
    low, high = conn.execute(text("SELECT min(id), max(id) FROM leads")).one()
    if low is None:
        return
    span = high - low + 1
    for step in range(steps):
        start = low + span * step // steps
        end = low + span * (step + 1) // steps - 1
        if end >= start:
            work(start, end)
        if progress:
            progress(100 * (step + 1) // steps)
