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

from sqlalchemy import Select, String, case, cast, func, literal, select, tuple_, union_all
from sqlalchemy.sql import Subquery

from sdrdesk.db.models import LeadFact
from sdrdesk.db.reporting import with_group_medians
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
    """``columns`` (expressions over the cohort) with a ``grp`` text column, plus every
    row again under ``'*'`` (the team total) unless ``by`` is already the total.
    PostgreSQL gets each row once: :func:`summary` adds the total by grouping sets."""
    picked = [expr.label(name) for name, expr in columns.items()]
    total = select(literal("*", String).label("grp"), *picked)
    if by is Breakdown.TOTAL:
        return total.cte("grouped")  # type: ignore[return-value]
    key: Any
    if by is Breakdown.SDR:
        key = func.coalesce(cast(cohort.c.sdr_id, String), "")
    else:
        key = cohort.c.source
    if dialect == "postgresql":
        return select(key.label("grp"), *picked).cte("grouped")  # type: ignore[return-value]
    return union_all(select(key.label("grp"), *picked), total).cte("grouped")  # type: ignore[return-value]


def summary(
    g: Subquery, by: Breakdown, dialect: str, counts: list[Any], medians: list[str]
) -> Select[Any]:
    """Rows of ``grp``, the aggregates ``counts`` and the median of each of ``medians``
    (columns of ``g``, NULLs ignored), per group and for the team (``'*'``).

    PostgreSQL: one pass, the groups and the total as grouping sets, each median a
    ``percentile_cont`` sort per group. SQLite: per ``grp`` of :func:`grouped` (whose
    rows hold the total again), each median found by a window function.
    """
    if dialect != "postgresql":
        sums = select(g.c.grp, *counts).group_by(g.c.grp).subquery("counts")
        return with_group_medians(sums, g, medians, dialect)
    middle = [func.percentile_cont(0.5).within_group(g.c[m]) for m in medians]
    if by is Breakdown.TOTAL:
        return select(literal("*", String), *counts, *middle)
    grp = case((func.grouping(g.c.grp) == 1, literal("*", String)), else_=g.c.grp)
    return select(grp, *counts, *middle).group_by(func.grouping_sets(g.c.grp, tuple_()))


def group_label(grp: str, by: Breakdown, names: dict[int, str]) -> str:
    """What a ``grp`` value of :func:`grouped` reads as."""
    if grp == "*":
        return _("Team")
    if by is Breakdown.SDR:
        return _(NOBODY) if grp == "" else names.get(int(grp)) or _("user {id}").format(id=grp)
    return grp or _(NO_SOURCE)
