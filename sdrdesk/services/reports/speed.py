"""Speed to lead: how fast the leads handed off in the period were triaged and called.

Time to triage: hand-off to the first accept or reject (undone ones do not count).
Time to first call: hand-off to the first call attempt, for accepted leads. "Within
target" compares with the team's speed-to-lead minutes; its share is taken over the
leads whose deadline has passed or that were handled (a fresh lead is not late yet).
Overdue now: leads still waiting for triage past the target, whatever the period.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from sdrdesk.db.models import Lead, User
from sdrdesk.domain.lifecycle import Status
from sdrdesk.i18n import N_, _, format_number, ngettext
from sdrdesk.services.reports.cohort import Breakdown, facts, group_label, grouped, summarize
from sdrdesk.services.reports.common import count_if, groups_then_total, median_seconds, user_names
from sdrdesk.services.reports.filters import ReportFilter
from sdrdesk.services.reports.table import Col, Kind, Table, ratio

# Upper bounds (seconds) of the buckets of time to triage shown in the chart.
BUCKETS: tuple[tuple[str, float], ...] = (
    (N_("≤ 15 min"), 15 * 60),
    (N_("15–60 min"), 60 * 60),
    (N_("1–4 h"), 4 * 3600),
    (N_("4–24 h"), 24 * 3600),
    (N_("> 1 day"), float("inf")),
)
OVERDUE_LIST = 200


@dataclass(frozen=True, slots=True)
class SpeedRow:
    group: str
    leads: int
    triaged: int
    triage_due: int  # triaged, or past the target without triage
    triaged_in_target: int
    median_triage_seconds: float | None
    accepted: int
    called: int
    call_due: int
    called_in_target: int
    median_call_seconds: float | None
    buckets: tuple[int, ...]  # per BUCKETS, then "not yet triaged"
    is_total: bool = False

    @property
    def triage_share(self) -> float | None:
        return ratio(self.triaged_in_target, self.triage_due)

    @property
    def call_share(self) -> float | None:
        return ratio(self.called_in_target, self.call_due)


@dataclass(frozen=True, slots=True)
class OverdueLead:
    lead_id: int
    name: str
    company: str | None
    source: str | None
    handed_off_at: datetime
    owner: str | None


@dataclass(frozen=True, slots=True)
class SpeedReport:
    target_minutes: int
    rows: tuple[SpeedRow, ...]  # groups, then the team total last
    overdue_count: int
    overdue: tuple[OverdueLead, ...]  # the oldest first, at most OVERDUE_LIST

    @property
    def total(self) -> SpeedRow:
        return self.rows[-1]


def _not_yet_due(
    session: Session, f: ReportFilter, by: Breakdown, dialect: str, due_before: datetime
) -> dict[str, tuple[int, int]]:
    """Per group and for the team (``'*'``): the leads of the period handed off after
    ``due_before`` still waiting for triage, and the accepted ones not yet called. A
    lead is "due" once handled or past its deadline, so the due counts are the leads
    (accepted leads) less these: the period's last minutes, not a test of every row."""
    since = max(f.since, due_before)
    if since >= f.until:
        return {}
    recent_f = replace(f, since=since)
    c = facts(recent_f, dialect, by, "call_at")
    g = grouped(
        c,
        by,
        dialect,
        handed_off_at=c.c.handed_off_at,
        mql_secs=c.c.mql_seconds,
        triage_secs=c.c.triage_seconds,
        call_secs=c.c.call_seconds,
    )
    fresh = g.c.handed_off_at > due_before  # not yet past its deadline
    counts = [
        func.count(),
        count_if(and_(g.c.triage_secs.is_(None), fresh)),
        count_if(and_(g.c.mql_secs.is_not(None), g.c.call_secs.is_(None), fresh)),
    ]
    rows = summarize(session, recent_f, g, by, dialect, counts, {})
    return {grp: (int(untriaged), int(uncalled)) for grp, _n, untriaged, uncalled in rows}


def speed(
    session: Session,
    f: ReportFilter,
    by: Breakdown,
    dialect: str,
    *,
    now: datetime,
    target_minutes: int,
) -> SpeedReport:
    target = target_minutes * 60.0
    due_before = now - timedelta(minutes=target_minutes)
    c = facts(f, dialect, by, "call_at")
    g = grouped(
        c,
        by,
        dialect,
        mql_secs=c.c.mql_seconds,
        triage_secs=c.c.triage_seconds,
        call_secs=c.c.call_seconds,
    )
    # Durations only (NULL where a moment is missing): every column the counts read is
    # in the period indexes of lead_facts (migration 0021).
    called = g.c.call_secs.is_not(None)
    accepted = g.c.mql_secs.is_not(None)
    # Leads triaged within each bucket's upper bound and within the target, as counts
    # of "at most": one comparison a row each (a bucket is the difference of two).
    edges = sorted({-1.0, target, *(high for _t, high in BUCKETS if high != float("inf"))})
    counts = [
        func.count().label("leads"),
        func.count(g.c.triage_secs).label("triaged"),
        func.count(g.c.mql_secs).label("accepted"),
        count_if(and_(accepted, called)).label("called"),
        count_if(and_(accepted, g.c.call_secs <= target)).label("call_ok"),
        *(count_if(g.c.triage_secs <= edge).label(f"le{i}") for i, edge in enumerate(edges)),
    ]
    summed = summarize(
        session,
        f,
        g,
        by,
        dialect,
        counts,
        {
            "triage_secs": ("triage_seconds", g.c.triage_secs),
            "call_secs": ("call_seconds", g.c.call_secs),
        },
    )
    names = user_names(session) if by is Breakdown.SDR else {}
    fresh = _not_yet_due(session, f, by, dialect, due_before)
    rows: list[SpeedRow] = []
    n = len(BUCKETS)
    k = 6 + len(edges)
    for record in summed:
        values = tuple(record)
        grp = values[0]
        leads, triaged, acc, calls, call_ok = (int(v) for v in values[1:6])
        at_most = dict(zip(edges, (int(v) for v in values[6:k]), strict=True))
        triage_ok = at_most[target]
        bounds = [at_most[-1.0], *(at_most[h] for _t, h in BUCKETS[:-1]), triaged]
        buckets = tuple(high - low for low, high in itertools.pairwise(bounds))
        untriaged, uncalled = fresh.get(grp, (0, 0))
        triage_due, call_due = leads - untriaged, acc - uncalled
        m_triage, m_call = values[k], values[k + 1]
        rows.append(
            SpeedRow(
                group_label(grp, by, names),
                leads,
                triaged,
                triage_due,
                triage_ok,
                median_seconds(m_triage),
                acc,
                calls,
                call_due,
                call_ok,
                median_seconds(m_call),
                (*buckets, leads - triaged),
                is_total=grp == "*",
            )
        )
    empty = SpeedRow(_("Team"), 0, 0, 0, 0, None, 0, 0, 0, 0, None, (0,) * (n + 1), True)
    count, oldest = _overdue(session, f, due_before)
    return SpeedReport(
        target_minutes, tuple(groups_then_total(rows, lambda r: r.leads, empty)), count, oldest
    )


def _overdue(
    session: Session, f: ReportFilter, due_before: datetime
) -> tuple[int, tuple[OverdueLead, ...]]:
    where = [Lead.status == Status.MQL, Lead.handed_off_at <= due_before]
    if f.source is not None:
        where.append(Lead.source == f.source)
    if f.product is not None:
        where.append(Lead.product == f.product)
    if f.sdr_id is not None:
        where.append(Lead.owner_id == f.sdr_id)
    count = session.scalar(select(func.count()).select_from(Lead).where(*where)) or 0
    rows = session.execute(
        select(
            Lead.id,
            Lead.first_name,
            Lead.last_name,
            Lead.email,
            Lead.company,
            Lead.source,
            Lead.handed_off_at,
            User.display_name,
        )
        .outerjoin(User, User.id == Lead.owner_id)
        .where(*where)
        .order_by(Lead.handed_off_at, Lead.id)
        .limit(OVERDUE_LIST)
    )
    leads = tuple(
        OverdueLead(
            lead_id,
            " ".join(p for p in (first, last) if p) or email or _("Lead {id}").format(id=lead_id),
            company,
            source,
            handed_off_at,
            owner,
        )
        for lead_id, first, last, email, company, source, handed_off_at, owner in rows
    )
    return int(count), leads


def speed_table(report: SpeedReport, by: Breakdown) -> Table:
    def cells(r: SpeedRow) -> tuple[object, ...]:
        return (
            r.group,
            r.leads,
            r.triaged,
            r.median_triage_seconds,
            r.triage_share,
            r.accepted,
            r.called,
            r.median_call_seconds,
            r.call_share,
        )

    minutes = report.target_minutes
    return Table(
        _("Speed to lead"),
        (
            Col("group", by.label if by is not Breakdown.TOTAL else ""),
            Col("leads", _("Handed off"), Kind.COUNT),
            Col("triaged", _("Triaged"), Kind.COUNT),
            Col("triage_time", _("Median time to triage"), Kind.HOURS),
            Col(
                "triage_share",
                _("Triaged within {minutes} min").format(minutes=minutes),
                Kind.PERCENT,
            ),
            Col("accepted", _("Accepted"), Kind.COUNT),
            Col("called", _("Called"), Kind.COUNT),
            Col("call_time", _("Median time to first call"), Kind.HOURS),
            Col(
                "call_share", _("Called within {minutes} min").format(minutes=minutes), Kind.PERCENT
            ),
        ),
        tuple(cells(r) for r in report.rows[:-1]),
        total=cells(report.total),
        notes=(
            ngettext(
                "Overdue now: {n} lead waiting for triage longer than {minutes} min.",
                "Overdue now: {n} leads waiting for triage longer than {minutes} min.",
                report.overdue_count,
            ).format(n=format_number(report.overdue_count), minutes=minutes),
        ),
    )


def overdue_table(report: SpeedReport) -> Table:
    shown = len(report.overdue)
    title = _("Waiting for triage past the target now")
    if shown < report.overdue_count:
        title = _("Waiting for triage past the target now (the oldest {shown} of {total})").format(
            shown=format_number(shown), total=format_number(report.overdue_count)
        )
    return Table(
        title,
        (
            Col("lead", _("Lead"), Kind.COUNT),
            Col("name", _("Name")),
            Col("company", _("Company")),
            Col("source", _("Source")),
            Col("handed_off", _("Handed off")),
            Col("owner", _("Assigned to")),
        ),
        tuple(
            (
                o.lead_id,
                o.name,
                o.company,
                o.source,
                o.handed_off_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                o.owner,
            )
            for o in report.overdue
        ),
    )
