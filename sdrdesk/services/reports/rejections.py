"""Rejections and disqualifications: by reason, by source and campaign, by week.

Counted are decisions dated in the period (a reject or disqualify event that was not
undone). The rejection rate of a campaign is rejected / triaged, where triaged counts
the accepts and rejects of the period; disqualifications come later, after contact, and
are shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlalchemy.orm import Session

from sdrdesk.db.models import Lead, LeadEvent
from sdrdesk.db.reporting import week_start
from sdrdesk.domain.lifecycle import Action
from sdrdesk.services.reports.common import (
    DECISIONS,
    NO_CAMPAIGN,
    NO_SOURCE,
    TRIAGE,
    count_if,
    events_in_period,
    reason_labels,
)
from sdrdesk.services.reports.filters import ReportFilter
from sdrdesk.services.reports.table import Col, Kind, Table, ratio

_REJECT = LeadEvent.action == Action.REJECT.value
_DISQUALIFY = LeadEvent.action == Action.DISQUALIFY.value
_ACCEPT = LeadEvent.action == Action.ACCEPT.value


@dataclass(frozen=True, slots=True)
class ReasonCount:
    code: str
    label: str
    rejected: int
    disqualified: int

    @property
    def total(self) -> int:
        return self.rejected + self.disqualified


@dataclass(frozen=True, slots=True)
class CampaignCount:
    source: str
    campaign: str
    accepted: int
    rejected: int
    disqualified: int

    @property
    def triaged(self) -> int:
        return self.accepted + self.rejected

    @property
    def names(self) -> tuple[str, str]:
        return self.source, self.campaign

    @property
    def rejection_rate(self) -> float | None:
        return ratio(self.rejected, self.triaged)


@dataclass(frozen=True, slots=True)
class WeekCount:
    week: date  # the Monday
    accepted: int
    rejected: int
    disqualified: int

    @property
    def label(self) -> str:
        year, number, _ = self.week.isocalendar()
        return f"{year}-W{number:02d}"

    @property
    def rejection_rate(self) -> float | None:
        return ratio(self.rejected, self.accepted + self.rejected)


def by_reason(session: Session, f: ReportFilter) -> list[ReasonCount]:
    e = LeadEvent
    query = events_in_period(
        f, DECISIONS, e.reason_code, count_if(_REJECT), count_if(_DISQUALIFY)
    ).group_by(e.reason_code)
    labels = reason_labels(session)
    rows = [
        ReasonCount(code or "", labels.get(code or "", code or "(no reason)"), int(r), int(d))
        for code, r, d in session.execute(query)
    ]
    return sorted(rows, key=lambda c: (-c.total, c.label))


def by_campaign(session: Session, f: ReportFilter) -> list[CampaignCount]:
    source = func.coalesce(Lead.source, "")
    campaign = func.coalesce(Lead.campaign, "")
    query = events_in_period(
        f,
        (*TRIAGE, Action.DISQUALIFY.value),
        source,
        campaign,
        count_if(_ACCEPT),
        count_if(_REJECT),
        count_if(_DISQUALIFY),
        join_leads=True,
    ).group_by(source, campaign)
    rows = [
        CampaignCount(s or NO_SOURCE, c or NO_CAMPAIGN, int(a), int(r), int(d))
        for s, c, a, r, d in session.execute(query)
    ]
    return sorted(rows, key=lambda c: (-(c.rejected + c.disqualified), c.source, c.campaign))


def by_week(session: Session, f: ReportFilter) -> list[WeekCount]:
    week = week_start(LeadEvent.at, f.week_offset_minutes)
    query = (
        events_in_period(
            f,
            (*TRIAGE, Action.DISQUALIFY.value),
            week.label("week"),
            count_if(_ACCEPT),
            count_if(_REJECT),
            count_if(_DISQUALIFY),
        )
        .group_by(week)
        .order_by(week)
    )
    return [
        WeekCount(date.fromisoformat(w), int(a), int(r), int(d))
        for w, a, r, d in session.execute(query)
    ]


def reason_table(rows: list[ReasonCount]) -> Table:
    total = sum(r.total for r in rows)
    return Table(
        "Rejections by reason",
        (
            Col("reason", "Reason"),
            Col("rejected", "Rejected", Kind.COUNT),
            Col("disqualified", "Disqualified", Kind.COUNT),
            Col("total", "Total", Kind.COUNT),
            Col("share", "Share", Kind.PERCENT),
        ),
        tuple((r.label, r.rejected, r.disqualified, r.total, ratio(r.total, total)) for r in rows),
        total=(
            "Total",
            sum(r.rejected for r in rows),
            sum(r.disqualified for r in rows),
            total,
            1.0 if total else None,
        ),
    )


def campaign_table(rows: list[CampaignCount]) -> Table:
    accepted = sum(r.accepted for r in rows)
    rejected = sum(r.rejected for r in rows)
    return Table(
        "Rejections by source and campaign",
        (
            Col("source", "Source"),
            Col("campaign", "Campaign"),
            Col("triaged", "Triaged", Kind.COUNT),
            Col("accepted", "Accepted", Kind.COUNT),
            Col("rejected", "Rejected", Kind.COUNT),
            Col("rate", "Rejection rate", Kind.PERCENT),
            Col("disqualified", "Disqualified", Kind.COUNT),
        ),
        tuple(
            (*r.names, r.triaged, r.accepted, r.rejected, r.rejection_rate, r.disqualified)
            for r in rows
        ),
        total=(
            "Total",
            "",
            accepted + rejected,
            accepted,
            rejected,
            ratio(rejected, accepted + rejected),
            sum(r.disqualified for r in rows),
        ),
        notes=("Rejection rate: rejected ÷ triaged (accepted + rejected) in the period.",),
    )


def week_table(rows: list[WeekCount]) -> Table:
    accepted = sum(r.accepted for r in rows)
    rejected = sum(r.rejected for r in rows)
    return Table(
        "Rejections by week",
        (
            Col("week", "Week"),
            Col("starts", "Starts", Kind.DATE),
            Col("accepted", "Accepted", Kind.COUNT),
            Col("rejected", "Rejected", Kind.COUNT),
            Col("rate", "Rejection rate", Kind.PERCENT),
            Col("disqualified", "Disqualified", Kind.COUNT),
        ),
        tuple(
            (r.label, r.week.isoformat(), r.accepted, r.rejected, r.rejection_rate, r.disqualified)
            for r in rows
        ),
        total=(
            "Total",
            "",
            accepted,
            rejected,
            ratio(rejected, accepted + rejected),
            sum(r.disqualified for r in rows),
        ),
    )
