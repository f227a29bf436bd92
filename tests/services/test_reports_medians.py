"""The medians of the funnel and of speed to lead, per group and for the team, equal the
medians of the durations worked out by hand from each lead's facts (odd and even counts,
groups of one, groups without a value), on both backends.

The reports pick the middle value(s) from sorted rows (``cohort.summarize``); a wrong
position, an odd/even mix-up or a value counted in the wrong group shows here as a
difference of seconds or hours, never a rounding matter.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from sdrdesk.db.models import LeadFact
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.reports import Breakdown, ReportFilter, ReportService, period_from_dates
from sdrdesk.services.reports.cohort import group_label
from sdrdesk.services.reports.common import user_names
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.services.test_reports_readmodel import _random_history

# The reports round a median to milliseconds; SQLite's julianday() differs from exact
# microseconds by far less than that.
CLOSE = 0.002


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    return None if start is None or end is None else (end - start).total_seconds()


def _by_hand(
    ctx: ServiceContext, f: ReportFilter, by: Breakdown
) -> dict[str, dict[str, float | None]]:
    """{group label: {"mql"|"sal"|"triage"|"call": median seconds}}, the team as "*"."""
    with ctx.store.read() as s:
        x = LeadFact
        facts = s.execute(
            select(
                x.handed_off_at,
                x.source,
                x.accept_at,
                x.accept_by,
                x.reject_at,
                x.reject_by,
                x.demo_at,
                x.call_at,
            ).where(x.handed_off_at >= f.since, x.handed_off_at < f.until)
        ).all()
        names = user_names(s)
    values: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in facts:
        sdr = r.accept_by if r.accept_by is not None else r.reject_by
        if f.source is not None and r.source != f.source:
            continue
        if f.sdr_id is not None and sdr != f.sdr_id:
            continue
        key = {
            Breakdown.TOTAL: "*",
            Breakdown.SDR: "" if sdr is None else str(sdr),
            Breakdown.SOURCE: r.source,
        }[by]
        triage_at = r.accept_at or r.reject_at
        durations = {
            "mql": _seconds(r.handed_off_at, r.accept_at),
            "sal": _seconds(r.accept_at, r.demo_at),
            "triage": _seconds(r.handed_off_at, triage_at),
            "call": _seconds(r.handed_off_at, r.call_at),
        }
        for label in {key, "*"}:
            for name, value in durations.items():
                if value is not None:
                    values[label][name].append(value)
    return {
        ("*" if key == "*" else group_label(key, by, names)): {
            name: statistics.median(v[name]) if v[name] else None
            for name in ("mql", "sal", "triage", "call")
        }
        for key, v in values.items()
    }


def _same(report: float | None, hand: float | None) -> bool:
    if report is None or hand is None:
        return report is hand
    return abs(report - hand) <= CLOSE


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_medians_per_group_and_team_are_those_worked_out_by_hand(
    ctx: ServiceContext,
    clock: FakeClock,
    sdr: UserInfo,
    other_sdr: UserInfo,
    manager: UserInfo,
    seed: int,
) -> None:
    _random_history(ctx, clock, [sdr, other_sdr], manager, seed)
    reports = ReportService(ctx)
    checked = 0
    for f in (
        period_from_dates(date(2026, 3, 1), date(2026, 3, 31), zone=UTC),
        period_from_dates(date(2026, 3, 4), date(2026, 3, 12), zone=UTC),
        # Filtered: the medians come from sorts rather than the indexes.
        period_from_dates(date(2026, 3, 1), date(2026, 3, 31), zone=UTC, source="Webinar"),
        period_from_dates(date(2026, 3, 1), date(2026, 3, 31), zone=UTC, sdr_id=sdr.id),
    ):
        for by in Breakdown:
            hand = _by_hand(ctx, f, by)
            funnel = reports.funnel(f, by)
            speed = reports.speed_to_lead(f, by).rows
            assert len(funnel) == len(speed) == len(hand)
            for row, times in zip(funnel, speed, strict=True):
                expected = hand["*" if row.is_total else row.group]
                assert row.group == times.group
                got = {
                    "mql": row.median_mql_seconds,
                    "sal": row.median_sal_seconds,
                    "triage": times.median_triage_seconds,
                    "call": times.median_call_seconds,
                }
                assert all(_same(got[k], expected[k]) for k in got), (by, row.group, got, expected)
                checked += sum(v is not None for v in got.values())
    assert checked > 30, "the history has enough durations to compare"


def test_an_even_count_takes_the_mean_of_the_two_middle_values(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    """Two leads accepted after 10 and 30 minutes: the median is 20 minutes; a third
    after 60 minutes (another SDR's): 30 minutes for the team, 20 for the first SDR."""
    from sdrdesk.services.leads.triage import TriageService
    from tests.factories import add_lead

    triage = TriageService(ctx)
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    for minutes, who in ((10, sdr), (30, sdr), (60, other_sdr)):
        clock.current = start
        lead = add_lead(ctx, source="Webinar", minutes_ago=0)
        clock.advance(minutes=minutes)
        triage.accept(lead, actor_id=who.id)
        start = start.replace(hour=start.hour + 1)
    f = period_from_dates(date(2026, 3, 2), date(2026, 3, 2), zone=UTC)
    rows = {r.group: r.median_mql_seconds for r in ReportService(ctx).funnel(f, Breakdown.SDR)}
    assert rows == {"Anna Schmidt": 1200.0, "Ben Okafor": 3600.0, "Team": 1800.0}
    team = ReportService(ctx).speed_to_lead(f).total
    assert team.median_triage_seconds == 1800.0
