"""The reports' per-lead facts derived from the raw events, the way the product did
before the read model (``lead_facts``): the reference the read model is checked against
(tests/services/test_reports_readmodel.py). Not used by the product."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, null, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Subquery

from sdrdesk.db.models import Lead, LeadEvent
from sdrdesk.db.reporting import First, firsts_per_lead, json_text, seconds_between
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action
from sdrdesk.services.reports.cohort import Breakdown
from sdrdesk.services.reports.common import count_if, events_in_period
from sdrdesk.services.reports.filters import ReportFilter


def reference_facts(f: ReportFilter, dialect: str, by: Breakdown, *wanted: str) -> Subquery:
    """Columns: lead_id, handed_off_at, source ('' for none), sdr_id (who triaged:
    the first accept's actor, else the first reject's), triage_at, accept_at, of
    ``demo_at`` and ``call_at`` those ``wanted`` (the others are NULL), and the
    durations the reports count and take medians of, as ``lead_facts`` computes them.

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
    if f.product is not None:
        leads = leads.where(Lead.product == f.product)
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
        seconds_between(c.handed_off_at, c.accept_at).label("mql_seconds"),
        seconds_between(c.accept_at, column("demo_at")).label("sal_seconds"),
        seconds_between(c.handed_off_at, func.coalesce(c.accept_at, c.reject_at)).label(
            "triage_seconds"
        ),
        seconds_between(c.handed_off_at, column("call_at")).label("call_seconds"),
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


def reference_grades(session: Session, f: ReportFilter) -> list[tuple[int | None, str, int, int]]:
    """The grades report from the events, as it was computed before ``grade_marks``: per
    lead the latest ``qualified`` event of the period (the SDR filter applied), counted
    when it has a grade, with "demo booked" at any time."""
    e = LeadEvent
    latest = (
        events_in_period(f, (EventKind.QUALIFIED.value,), func.max(e.id).label("id"))
        .group_by(e.lead_id)
        .subquery("latest")
    )
    q = aliased(LeadEvent, name="q")
    booked = aliased(LeadEvent, name="booked")
    demo = (
        select(booked.id)
        .where(booked.lead_id == q.lead_id, booked.action == Action.BOOK_DEMO.value)
        .exists()
    )
    grade = json_text(q.data, "grade")
    query = (
        select(q.actor_id, grade.label("grade"), func.count(), count_if(demo))
        .select_from(latest)
        .join(q, q.id == latest.c.id)
        .where(grade.is_not(None))
        .group_by(q.actor_id, grade)
    )
    return [(actor, str(g), int(n), int(d)) for actor, g, n, d in session.execute(query)]
