"""One row per lead handed off in the period, with the first moments that matter.

The funnel and speed-to-lead reports follow the leads handed off in the period (a
cohort) wherever they went afterwards. For each lead this finds, in one grouped pass over
the relevant events (undone accepts and rejects left out): its first accept and first
reject (and so who triaged it), its first demo booking and its first call attempt.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import String, and_, case, cast, func, literal, select, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Subquery

from sdrdesk.db.models import Lead, LeadEvent
from sdrdesk.db.reporting import undone_event_ids
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action
from sdrdesk.services.reports.common import NO_SOURCE, NOBODY
from sdrdesk.services.reports.filters import ReportFilter


class Breakdown(StrEnum):
    TOTAL = "total"
    SDR = "sdr"
    SOURCE = "source"

    @property
    def label(self) -> str:
        return {"total": "Team", "sdr": "SDR", "source": "Source"}[self.value]


def facts(f: ReportFilter) -> Subquery:
    """Columns: lead_id, handed_off_at, source ('' for none), sdr_id (who triaged:
    the first accept's actor, else the first reject's), triage_at, accept_at, demo_at,
    call_at.

    The cohort's leads are read along the hand-off index; each one's events are one
    seek into the (lead, action, at) index, and the grouping follows the same order, so
    the database streams instead of sorting.
    """
    e = LeadEvent
    firsts = (
        select(
            Lead.id.label("lead_id"),
            Lead.handed_off_at.label("handed_off_at"),
            func.coalesce(Lead.source, "").label("source"),
            func.min(_if(e.action == Action.ACCEPT.value, e.id)).label("accept_id"),
            func.min(_if(e.action == Action.REJECT.value, e.id)).label("reject_id"),
            func.min(_if(e.action == Action.BOOK_DEMO.value, e.at)).label("demo_at"),
            func.min(_if(e.action == EventKind.CALL_LOGGED.value, e.at)).label("call_at"),
        )
        .select_from(Lead)
        .outerjoin(
            e,
            and_(
                e.lead_id == Lead.id,
                e.action.in_(_KINDS),
                e.id.not_in(undone_event_ids()),
            ),
        )
        .where(Lead.handed_off_at >= f.since, Lead.handed_off_at < f.until)
        .group_by(Lead.handed_off_at, Lead.id)
    )
    if f.source is not None:
        firsts = firsts.where(Lead.source == f.source)
    first = firsts.subquery("firsts")
    accept = aliased(LeadEvent, name="first_accept")
    reject = aliased(LeadEvent, name="first_reject")
    sdr = func.coalesce(accept.actor_id, reject.actor_id)
    query = (
        select(
            first.c.lead_id,
            first.c.handed_off_at,
            first.c.source,
            sdr.label("sdr_id"),
            func.coalesce(accept.at, reject.at).label("triage_at"),
            accept.at.label("accept_at"),
            first.c.demo_at,
            first.c.call_at,
        )
        .select_from(first)
        .outerjoin(accept, accept.id == first.c.accept_id)
        .outerjoin(reject, reject.id == first.c.reject_id)
    )
    if f.sdr_id is not None:
        query = query.where(sdr == f.sdr_id)
    return query.cte("cohort")  # type: ignore[return-value]


_KINDS = (
    Action.ACCEPT.value,
    Action.REJECT.value,
    Action.BOOK_DEMO.value,
    EventKind.CALL_LOGGED.value,
)


def _if(condition: Any, value: Any) -> Any:
    return case((condition, value))


def grouped(cohort: Subquery, by: Breakdown, **columns: Any) -> Subquery:
    """``columns`` (expressions over the cohort) with a ``grp`` text column, plus every
    row again under ``'*'`` (the team total) unless ``by`` is already the total."""
    picked = [expr.label(name) for name, expr in columns.items()]
    total = select(literal("*", String).label("grp"), *picked)
    if by is Breakdown.TOTAL:
        return total.subquery("grouped")
    key: Any
    if by is Breakdown.SDR:
        key = func.coalesce(cast(cohort.c.sdr_id, String), "")
    else:
        key = cohort.c.source
    return union_all(select(key.label("grp"), *picked), total).subquery("grouped")


def group_label(grp: str, by: Breakdown, names: dict[int, str]) -> str:
    """What a ``grp`` value of :func:`grouped` reads as."""
    if grp == "*":
        return "Team"
    if by is Breakdown.SDR:
        return NOBODY if grp == "" else names.get(int(grp), f"user {grp}")
    return grp or NO_SOURCE
