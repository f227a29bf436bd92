"""One row per lead handed off in the period, with the first moments that matter.

The funnel and speed-to-lead reports follow the leads handed off in the period (a
cohort) wherever they went afterwards. Each lead's first accept and first reject (and so
who triaged it), first demo booking and first call attempt, undone accepts and rejects
left out, are kept with the writes in ``lead_facts`` (``db.readmodel``); a report reads
the period's rows of it, so its cost follows the leads in the period, not the history.
The event-based derivation is kept in tests/report_reference.py as the check.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import String, case, cast, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from sdrdesk.db.models import LeadFact
from sdrdesk.db.reporting import grouped_median
from sdrdesk.i18n import _
from sdrdesk.services.reports.common import NO_SOURCE, NOBODY
from sdrdesk.services.reports.filters import ReportFilter


class Breakdown(StrEnum):
    TOTAL = "total"
    SDR = "sdr"
    SOURCE = "source"

    @property
    def label(self) -> str:
        return {"total": _("Team"), "sdr": _("SDR"), "source": _("Source")}[self.value]


def facts(f: ReportFilter, dialect: str, by: Breakdown, *wanted: str) -> Subquery:
    """Columns: lead_id, handed_off_at, source ('' for none), sdr_id (who triaged:
    the first accept's actor, else the first reject's), triage_at, accept_at, demo_at
    and call_at, read from the read model (``lead_facts``, one row per lead).

    ``dialect`` and ``wanted`` are kept for the callers: every fact is a column now.
    """
    del dialect, by, wanted
    x = LeadFact
    sdr = func.coalesce(x.accept_by, x.reject_by)
    query = select(
        x.lead_id,
        x.handed_off_at,
        x.source,
        sdr.label("sdr_id"),
        func.coalesce(x.accept_at, x.reject_at).label("triage_at"),
        x.accept_at,
        x.demo_at,
        x.call_at,
    ).where(x.handed_off_at >= f.since, x.handed_off_at < f.until)
    if f.source is not None:
        query = query.where(x.source == f.source)
    if f.product is not None:
        query = query.where(x.product == f.product)
    if f.sdr_id is not None:
        query = query.where(sdr == f.sdr_id)
    return query.cte("cohort")  # type: ignore[return-value]


def _if(condition: Any, value: Any) -> Any:
    return case((condition, value))


def grouped(cohort: Subquery, by: Breakdown, dialect: str = "", **columns: Any) -> Subquery:
    """``columns`` (expressions over the cohort) with a ``grp`` text column: the group
    (SDR id as text, '' for nobody; or the source), '*' for the team breakdown. Each row
    once: :func:`summarize` adds the team total."""
    del dialect
    picked = [expr.label(name) for name, expr in columns.items()]
    key: Any
    if by is Breakdown.TOTAL:
        key = literal("*", String)
    elif by is Breakdown.SDR:
        key = func.coalesce(cast(cohort.c.sdr_id, String), "")
    else:
        key = cohort.c.source
    return select(key.label("grp"), *picked).cte("grouped")  # type: ignore[return-value]


def summarize(
    session: Session,
    g: Subquery,
    by: Breakdown,
    dialect: str,
    counts: list[Any],
    medians: list[str],
) -> list[tuple[Any, ...]]:
    """Rows of ``grp``, the aggregates ``counts`` (each a ``count``) and the median of
    each of ``medians`` (columns of ``g``, NULLs ignored), per group and for the team
    (``'*'``, last).

    Cheapest at a year's million leads, as measured (docs/architecture.md): the counts
    in one pass grouped by ``grp`` (PostgreSQL runs it in parallel), the team's counts
    their sums; then each median in a query of its own over the rows that have a value,
    so each is one sort: the team's a ``LIMIT 1 or 2 OFFSET`` its middle (the count is
    known), the groups' a ``percentile_cont`` per group (PostgreSQL) or one window sort
    (SQLite). Medians are exact: the middle value, or the mean of the two middle ones.
    """
    present = [func.count(g.c[m]).label(f"n_{m}") for m in medians]
    if by is Breakdown.TOTAL:
        query = select(literal("*", String), *counts, *present)
    else:
        query = select(g.c.grp, *counts, *present).group_by(g.c.grp)
    rows: list[tuple[Any, ...]] = [tuple(r) for r in session.execute(query)]
    if not rows or not rows[0][1]:  # no leads (the team's count(*) without groups: 0)
        return []
    k = len(counts)
    team: tuple[Any, ...] = (
        "*",
        *(sum(int(r[1 + i]) for r in rows) for i in range(k + len(medians))),
    )
    groups = [] if by is Breakdown.TOTAL else rows
    middle: dict[str, list[float | None]] = {}
    for i, m in enumerate(medians):
        n = int(team[1 + k + i])
        per_group = _group_medians(session, g, m, dialect) if groups else {}
        middle[m] = [per_group.get(r[0]) for r in groups]
        middle[m].append(_middle(session, g, m, n, dialect))
    result: list[tuple[Any, ...]] = []
    for j, r in enumerate([*groups, team]):
        result.append((r[0], *r[1 : 1 + k], *(middle[m][j] for m in medians)))
    return result


def _middle(session: Session, g: Subquery, column: str, n: int, dialect: str) -> float | None:
    """The median of ``g.column`` over its ``n`` non-NULL values: the middle one after a
    single bounded sort, or the two middle ones combined as the database's own median
    would (PostgreSQL ``percentile_cont``, SQLite the average)."""
    if n == 0:
        return None
    v = g.c[column]
    picked = session.scalars(
        select(v).where(v.is_not(None)).order_by(v).limit(2 - n % 2).offset((n - 1) // 2)
    ).all()
    low, high = (float(x) for x in (picked[0], picked[-1]))
    if dialect == "postgresql":
        return low + 0.5 * (high - low)  # as percentile_cont interpolates
    return (low + high) / 2.0


def _group_medians(session: Session, g: Subquery, column: str, dialect: str) -> dict[str, Any]:
    """``{grp: median}`` of ``g.column`` per group (groups without a value left out)."""
    v = g.c[column]
    if dialect == "postgresql":
        key = g.c.grp.collate("C")  # grouped by bytes: the order of the groups is ours
        query = (
            select(key, func.percentile_cont(0.5).within_group(v))
            .where(v.is_not(None))
            .group_by(key)
        )
        return {grp: value for grp, value in session.execute(query)}
    median = grouped_median(g, column, ["grp"], dialect)
    return {grp: value for grp, value in session.execute(select(median))}


def group_label(grp: str, by: Breakdown, names: dict[int, str]) -> str:
    """What a ``grp`` value of :func:`grouped` reads as."""
    if grp == "*":
        return _("Team")
    if by is Breakdown.SDR:
        return _(NOBODY) if grp == "" else names.get(int(grp)) or _("user {id}").format(id=grp)
    return grp or _(NO_SOURCE)
