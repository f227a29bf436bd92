"""Rejections and disqualifications: by reason, by source and campaign, by week.

Counted are decisions dated in the period (a reject or disqualify event that was not
undone), read from the hourly rollups (``hours``; the events only for the ends of a
period that start or end inside an hour).

The rejection rate of a campaign is rejected / triaged, where triaged counts
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
from sdrdesk.i18n import _
from sdrdesk.services.reason_labels import reason_label
from sdrdesk.services.reports import hours
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
from sdrdesk.services.reports.hours import Counts
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


def _reason(code: str | None, labels: dict[str, str]) -> str:
    if not code:
        return _("(no reason)")
    label = labels.get(code)
    return code if label is None else reason_label(code, label)


_TRIAGE_AND_DQ = (*TRIAGE, Action.DISQUALIFY.value)


def reasons_from_events(session: Session, f: ReportFilter) -> Counts:
    """Per reason code ('' for none): rejected, disqualified, counted from the events."""
    e = LeadEvent
    query = events_in_period(
        f, DECISIONS, e.reason_code, count_if(_REJECT), count_if(_DISQUALIFY)
    ).group_by(e.reason_code)
    return hours.add(*({code or "": (r, d)} for code, r, d in session.execute(query)))


def campaigns_from_events(session: Session, f: ReportFilter) -> Counts:
    """Per (source, campaign) ('' for none): accepted, rejected, disqualified."""
    source = func.coalesce(Lead.source, "")
    campaign = func.coalesce(Lead.campaign, "")
    query = events_in_period(
        f,
        _TRIAGE_AND_DQ,
        source,
        campaign,
        count_if(_ACCEPT),
        count_if(_REJECT),
        count_if(_DISQUALIFY),
        join_leads=True,
    ).group_by(source, campaign)
    return {(s, c): (a, r, d) for s, c, a, r, d in session.execute(query)}


def weeks_from_events(session: Session, f: ReportFilter) -> Counts:
    """Per week (its Monday, ``YYYY-MM-DD``): accepted, rejected, disqualified."""
    week = week_start(LeadEvent.at, f.week_offset_minutes)
    query = events_in_period(
        f,
        _TRIAGE_AND_DQ,
        week.label("week"),
        count_if(_ACCEPT),
        count_if(_REJECT),
        count_if(_DISQUALIFY),
    ).group_by(week)
    return {w: (a, r, d) for w, a, r, d in session.execute(query)}


def by_reason(session: Session, f: ReportFilter) -> list[ReasonCount]:
    s = hours.split(f)
    counts = hours.add(
        hours.decisions(session, f, s, "reason", DECISIONS),
        *(reasons_from_events(session, piece) for piece in s.pieces),
    )
    labels = reason_labels(session)
    rows = [
        ReasonCount(code, _reason(code, labels), r, d) for code, (r, d) in counts.items() if r or d
    ]
    return sorted(rows, key=lambda c: (-c.total, c.label))


def by_campaign(session: Session, f: ReportFilter) -> list[CampaignCount]:
    s = hours.split(f)
    counts = hours.add(
        hours.decisions(session, f, s, "campaign", _TRIAGE_AND_DQ),
        *(campaigns_from_events(session, piece) for piece in s.pieces),
    )
    rows = [
        CampaignCount(source or NO_SOURCE, campaign or NO_CAMPAIGN, a, r, d)
        for (source, campaign), (a, r, d) in counts.items()
        if a or r or d
    ]
    return sorted(rows, key=lambda c: (-(c.rejected + c.disqualified), c.source, c.campaign))


def by_week(session: Session, f: ReportFilter) -> list[WeekCount]:
    if hours.week_needs_events(f):
        counts = weeks_from_events(session, f)
    else:
        s = hours.split(f)
        counts = hours.add(
            hours.decisions(session, f, s, "week", _TRIAGE_AND_DQ),
            *(weeks_from_events(session, piece) for piece in s.pieces),
        )
    return [
        WeekCount(date.fromisoformat(w), a, r, d)
        for w, (a, r, d) in sorted(counts.items())
        if a or r or d
    ]


def reason_table(rows: list[ReasonCount]) -> Table:
    total = sum(r.total for r in rows)
    return Table(
        _("Rejections by reason"),
        (
            Col("reason", _("Reason")),
            Col("rejected", _("Rejected"), Kind.COUNT),
            Col("disqualified", _("Disqualified"), Kind.COUNT),
            Col("total", _("Total"), Kind.COUNT),
            Col("share", _("Share"), Kind.PERCENT),
        ),
        tuple((r.label, r.rejected, r.disqualified, r.total, ratio(r.total, total)) for r in rows),
        total=(
            _("Total"),
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
        _("Rejections by source and campaign"),
        (
            Col("source", _("Source")),
            Col("campaign", _("Campaign")),
            Col("triaged", _("Triaged"), Kind.COUNT),
            Col("accepted", _("Accepted"), Kind.COUNT),
            Col("rejected", _("Rejected"), Kind.COUNT),
            Col("rate", _("Rejection rate"), Kind.PERCENT),
            Col("disqualified", _("Disqualified"), Kind.COUNT),
        ),
        tuple(
            (*r.names, r.triaged, r.accepted, r.rejected, r.rejection_rate, r.disqualified)
            for r in rows
        ),
        total=(
            _("Total"),
            "",
            accepted + rejected,
            accepted,
            rejected,
            ratio(rejected, accepted + rejected),
            sum(r.disqualified for r in rows),
        ),
        notes=(_("Rejection rate: rejected ÷ triaged (accepted + rejected) in the period."),),
    )


def week_table(rows: list[WeekCount]) -> Table:
    accepted = sum(r.accepted for r in rows)
    rejected = sum(r.rejected for r in rows)
    return Table(
        _("Rejections by week"),
        (
            Col("week", _("Week")),
            Col("starts", _("Starts"), Kind.DATE),
            Col("accepted", _("Accepted"), Kind.COUNT),
            Col("rejected", _("Rejected"), Kind.COUNT),
            Col("rate", _("Rejection rate"), Kind.PERCENT),
            Col("disqualified", _("Disqualified"), Kind.COUNT),
        ),
        tuple(
            (r.label, r.week.isoformat(), r.accepted, r.rejected, r.rejection_rate, r.disqualified)
            for r in rows
        ),
        total=(
            _("Total"),
            "",
            accepted,
            rejected,
            ratio(rejected, accepted + rejected),
            sum(r.disqualified for r in rows),
        ),
    )
