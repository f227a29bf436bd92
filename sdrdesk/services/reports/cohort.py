"""One row per lead handed off in the period, with the first moments that matter.

The funnel and speed-to-lead reports follow the leads handed off in the period (a
cohort) wherever they went afterwards. For each lead this finds, in one grouped pass over
the relevant events (undone accepts and rejects left out): its first accept and first
reject (and so who triaged it), its first demo booking and its first call attempt.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import String, case, cast, func, literal, null, select, union_all
from sqlalchemy.sql import Subquery

from sdrdesk.db.models import Lead
from sdrdesk.db.reporting import First, firsts_per_lead
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action
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
    the first accept's actor, else the first reject's), triage_at, accept_at, and of
    ``demo_at`` and ``call_at`` those ``wanted`` (the others are NULL).

    Only what the report needs is looked up: each value is one index seek per lead on
    SQLite, one more aggregate on PostgreSQL.
    """
    leads = select(
        Lead.id.label("lead_id"),
        Lead.handed_off_at.label("handed_off_at"),
        func.coalesce(Lead.source, "").label("source"),
    ).where(Lead.handed_off_at >= f.since, Lead.handed_off_at < f.until)
    if f.source is not None:
        leads = leads.where(Lead.source == f.source)
    need_sdr = by is Breakdown.SDR or f.sdr_id is not None
    firsts = [
        x
        for x in _FIRSTS
        if (x.column != "actor_id" or need_sdr) and (x.label in wanted or x.label in _ALWAYS)
    ]
    first = firsts_per_lead(leads, Lead.id, firsts, since=f.since, dialect=dialect)
    c = first.c

    def column(name: str) -> Any:
        return c[name] if name in c else null()

    sdr = func.coalesce(column("accept_by"), column("reject_by"))
    query = select(
        c.lead_id,
        c.handed_off_at,
        c.source,
        sdr.label("sdr_id"),
        func.coalesce(c.accept_at, c.reject_at).label("triage_at"),
        c.accept_at,
        column("demo_at").label("demo_at"),
        column("call_at").label("call_at"),
    )
    if f.sdr_id is not None:
        query = query.where(sdr == f.sdr_id)
    return query.cte("cohort")  # type: ignore[return-value]


_ALWAYS = ("accept_at", "accept_by", "reject_at", "reject_by")
_FIRSTS = (
    First("accept_at", Action.ACCEPT.value, "at"),
    First("accept_by", Action.ACCEPT.value, "actor_id"),
    First("reject_at", Action.REJECT.value, "at"),
    First("reject_by", Action.REJECT.value, "actor_id"),
    First("demo_at", Action.BOOK_DEMO.value, "at"),
    First("call_at", EventKind.CALL_LOGGED.value, "at"),
)


def _if(condition: Any, value: Any) -> Any:
    return case((condition, value))


def grouped(cohort: Subquery, by: Breakdown, **columns: Any) -> Subquery:
    """``columns`` (expressions over the cohort) with a ``grp`` text column, plus every
    row again under ``'*'`` (the team total) unless ``by`` is already the total."""
    picked = [expr.label(name) for name, expr in columns.items()]
    total = select(literal("*", String).label("grp"), *picked)
    if by is Breakdown.TOTAL:
        return total.cte("grouped")  # type: ignore[return-value]
    key: Any
    if by is Breakdown.SDR:
        key = func.coalesce(cast(cohort.c.sdr_id, String), "")
    else:
        key = cohort.c.source
    return union_all(select(key.label("grp"), *picked), total).cte("grouped")  # type: ignore[return-value]


def group_label(grp: str, by: Breakdown, names: dict[int, str]) -> str:
    """What a ``grp`` value of :func:`grouped` reads as."""
    if grp == "*":
        return _("Team")
    if by is Breakdown.SDR:
        return _(NOBODY) if grp == "" else names.get(int(grp)) or _("user {id}").format(id=grp)
    return grp or _(NO_SOURCE)
