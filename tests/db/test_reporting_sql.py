"""The SQL that SQLite and PostgreSQL spell differently gives the same answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Float, String, literal, select, union_all

from sdrdesk.db.base import UTCDateTime
from sdrdesk.db.engine import Store
from sdrdesk.db.reporting import grouped_median, seconds_between, week_start


def test_median_of_odd_and_even_groups_ignores_nulls(store: Store) -> None:
    rows = [("a", 1.0), ("a", 5.0), ("a", 2.0), ("b", 4.0), ("b", 1.0), ("b", None), ("c", None)]
    source = union_all(
        *(select(literal(g, String).label("g"), literal(v, Float).label("v")) for g, v in rows)
    ).subquery()
    median = grouped_median(source, "v", ["g"], store.dialect)
    with store.read() as s:
        got = {g: m for g, m in s.execute(select(median.c.g, median.c.median))}
    assert got == {"a": 2.0, "b": 2.5}


@pytest.mark.parametrize(
    ("at", "offset", "monday"),
    [
        (datetime(2026, 3, 8, 23, 30, tzinfo=UTC), 0, "2026-03-02"),  # Sunday night
        (datetime(2026, 3, 9, 0, 10, tzinfo=UTC), 0, "2026-03-09"),  # Monday morning
        (datetime(2026, 3, 8, 23, 30, tzinfo=UTC), 60, "2026-03-09"),  # Monday in Berlin
        (datetime(2026, 3, 9, 0, 10, tzinfo=UTC), -300, "2026-03-02"),  # Sunday in New York
        (datetime(2027, 1, 1, 12, 0, tzinfo=UTC), 0, "2026-12-28"),  # ISO week 53 of 2026
    ],
)
def test_week_start_is_the_local_monday(
    store: Store, at: datetime, offset: int, monday: str
) -> None:
    with store.read() as s:
        assert s.scalar(select(week_start(literal(at, UTCDateTime()), offset))) == monday


def test_seconds_between_keeps_fractions(store: Store) -> None:
    start = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    end = datetime(2026, 3, 11, 15, 30, 0, 500_000, tzinfo=UTC)
    with store.read() as s:
        got = s.scalar(
            select(seconds_between(literal(start, UTCDateTime()), literal(end, UTCDateTime())))
        )
    assert got == pytest.approx(91800.5, abs=1e-3)
