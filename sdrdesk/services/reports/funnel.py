"""The funnel MQL → SAL → SQL of the leads handed off in the period.

MQL: handed off in the period. SAL: accepted at some point (undone accepts do not
count). SQL: a demo was booked for it at some point. Time in MQL: hand-off to the first
accept; time in SAL: first accept to the first demo booking (medians). Per SDR, a lead
belongs to whoever triaged it (accepted it, else rejected it).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func
from sqlalchemy.orm import Session

from sdrdesk.i18n import _
from sdrdesk.services.reports.cohort import Breakdown, facts, group_label, grouped, summarize
from sdrdesk.services.reports.common import count_if, groups_then_total, median_seconds, user_names
from sdrdesk.services.reports.filters import ReportFilter
from sdrdesk.services.reports.table import Col, Kind, Table, ratio


@dataclass(frozen=True, slots=True)
class FunnelRow:
    group: str  # SDR name, source, or "Team" for the total
    mql: int
    sal: int
    sql: int
    rejected: int
    median_mql_seconds: float | None
    median_sal_seconds: float | None
    is_total: bool = False

    @property
    def open(self) -> int:
        return self.mql - self.sal - self.rejected

    @property
    def mql_to_sal(self) -> float | None:
        return ratio(self.sal, self.mql)

    @property
    def sal_to_sql(self) -> float | None:
        return ratio(self.sql, self.sal)

    @property
    def mql_to_sql(self) -> float | None:
        return ratio(self.sql, self.mql)


def funnel(session: Session, f: ReportFilter, by: Breakdown, dialect: str) -> list[FunnelRow]:
    """Rows per group (largest first), then the team total last."""
    c = facts(f, dialect, by, "demo_at")
    g = grouped(
        c,
        by,
        dialect,
        mql_secs=c.c.mql_seconds,
        sal_secs=c.c.sal_seconds,
        triage_secs=c.c.triage_seconds,
    )
    # Durations only, NULL where a moment is missing (a SAL has a time as MQL, an SQL a
    # time as SAL): every column read is in the period indexes (migration 0021).
    counts = [
        func.count().label("mql"),
        func.count(g.c.mql_secs).label("sal"),
        func.count(g.c.sal_secs).label("sql"),
        count_if(and_(g.c.triage_secs.is_not(None), g.c.mql_secs.is_(None))).label("rej"),
    ]
    summed = summarize(
        session,
        f,
        g,
        by,
        dialect,
        counts,
        {
            "mql_secs": ("mql_seconds", g.c.mql_secs),
            "sal_secs": ("sal_seconds", g.c.sal_secs),
        },
    )
    names = user_names(session) if by is Breakdown.SDR else {}
    rows = [
        FunnelRow(
            group_label(grp, by, names),
            int(mql),
            int(sal),
            int(sql),
            int(rej),
            median_seconds(m1),
            median_seconds(m2),
            is_total=grp == "*",
        )
        for grp, mql, sal, sql, rej, m1, m2 in summed
    ]
    empty = FunnelRow(_("Team"), 0, 0, 0, 0, None, None, is_total=True)
    return groups_then_total(rows, lambda r: r.mql, empty)


def funnel_table(rows: list[FunnelRow], by: Breakdown) -> Table:
    body = [r for r in rows if not r.is_total]
    total = next(r for r in rows if r.is_total)

    def cells(r: FunnelRow) -> tuple[object, ...]:
        return (
            r.group,
            r.mql,
            r.sal,
            r.sql,
            r.rejected,
            r.open,
            r.mql_to_sal,
            r.sal_to_sql,
            r.mql_to_sql,
            r.median_mql_seconds,
            r.median_sal_seconds,
        )

    return Table(
        _("Funnel MQL → SAL → SQL"),
        (
            Col("group", by.label if by is not Breakdown.TOTAL else ""),
            Col("mql", _("MQL"), Kind.COUNT),
            Col("sal", _("SAL"), Kind.COUNT),
            Col("sql", _("SQL"), Kind.COUNT),
            Col("rejected", _("Rejected"), Kind.COUNT),
            Col("open", _("Not yet triaged"), Kind.COUNT),
            Col("mql_to_sal", _("MQL → SAL"), Kind.PERCENT),
            Col("sal_to_sql", _("SAL → SQL"), Kind.PERCENT),
            Col("mql_to_sql", _("MQL → SQL"), Kind.PERCENT),
            Col("mql_time", _("Median time as MQL"), Kind.HOURS),
            Col("sal_time", _("Median time as SAL"), Kind.HOURS),
        ),
        tuple(cells(r) for r in body),
        total=cells(total),
        notes=(
            _("Leads handed off in the period, followed to today."),
            _("Time as MQL: hand-off to first accept. Time as SAL: accept to demo booked."),
        ),
    )
