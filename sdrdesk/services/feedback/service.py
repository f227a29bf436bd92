"""Feedback for marketing: every lead sent back (rejected or disqualified) in a period,
with the reason and the SDR's comment, plus a summary by campaign.

A decision that was undone is not feedback: it is left out. A lead recycled and sent
back again appears once per decision.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from sdrdesk.db.models import Lead, LeadEvent, RejectionReason, User
from sdrdesk.domain.lifecycle import Action
from sdrdesk.domain.users import Role
from sdrdesk.i18n import N_, _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.reports import rejections
from sdrdesk.services.reports.common import DECISIONS, NO_CAMPAIGN, NO_SOURCE, events_in_period
from sdrdesk.services.reports.filters import ReportFilter
from sdrdesk.services.reports.table import ratio

DECISION_LABELS = {
    Action.REJECT.value: N_("rejected"),
    Action.DISQUALIFY.value: N_("disqualified"),
}  # translated where people read them (CSV, XLSX, digest); JSON keeps these words


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    lead_id: int
    external_id: str | None
    name: str
    company: str | None
    email: str | None
    source: str
    campaign: str
    decision: str  # "rejected" or "disqualified"
    reason_code: str
    reason_label: str
    comment: str | None
    sdr: str | None
    handed_off_at: datetime
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class CampaignSummary:
    source: str
    campaign: str
    triaged: int
    accepted: int
    rejected: int
    disqualified: int
    top_reasons: tuple[tuple[str, int], ...]  # (reason label, leads), most frequent first

    @property
    def rejection_rate(self) -> float | None:
        return ratio(self.rejected, self.triaged)


@dataclass(frozen=True, slots=True)
class Feedback:
    period: ReportFilter
    rows: tuple[FeedbackRow, ...]
    summary: tuple[CampaignSummary, ...]
    generated_at: datetime
    recipients: tuple[str, ...] = ()  # e-mail addresses of the marketing team


class FeedbackService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def collect(self, f: ReportFilter) -> Feedback:
        e = LeadEvent
        actor = aliased(User, name="actor")
        query = (
            events_in_period(
                f,
                DECISIONS,
                Lead.id,
                Lead.external_id,
                Lead.first_name,
                Lead.last_name,
                Lead.company,
                Lead.email,
                Lead.source,
                Lead.campaign,
                e.action,
                e.reason_code,
                RejectionReason.label,
                e.comment,
                actor.display_name,
                Lead.handed_off_at,
                e.at,
                join_leads=True,
            )
            .outerjoin(RejectionReason, RejectionReason.code == e.reason_code)
            .outerjoin(actor, actor.id == e.actor_id)
            .order_by(e.at, e.id)
        )
        with self._ctx.store.read() as s:
            rows = tuple(_row(*r) for r in s.execute(query))
            counts = rejections.by_campaign(s, f)
            recipients = tuple(
                mail
                for mail in s.scalars(
                    select(User.email)
                    .where(User.role == Role.MARKETING, User.active.is_(True))
                    .order_by(User.email)
                )
                if mail
            )
        return Feedback(f, rows, _summary(rows, counts), self._ctx.now(), recipients)


def _row(
    lead_id: int,
    external_id: str | None,
    first: str | None,
    last: str | None,
    company: str | None,
    email: str | None,
    source: str | None,
    campaign: str | None,
    action: str,
    code: str | None,
    label: str | None,
    comment: str | None,
    sdr: str | None,
    handed_off_at: datetime,
    decided_at: datetime,
) -> FeedbackRow:
    name = " ".join(p for p in (first, last) if p) or email or _("Lead {id}").format(id=lead_id)
    return FeedbackRow(
        lead_id,
        external_id,
        name,
        company,
        email,
        source or NO_SOURCE,
        campaign or NO_CAMPAIGN,
        DECISION_LABELS.get(action, action),
        code or "",
        label or code or "",
        comment,
        sdr,
        handed_off_at,
        decided_at,
    )


def _summary(
    rows: tuple[FeedbackRow, ...], counts: list[rejections.CampaignCount]
) -> tuple[CampaignSummary, ...]:
    reasons: dict[tuple[str, str], Counter[str]] = {}
    for row in rows:
        reasons.setdefault((row.source, row.campaign), Counter())[row.reason_label] += 1
    out = []
    for c in counts:
        tally = reasons.get((c.source, c.campaign), Counter())
        top = tuple(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(
            CampaignSummary(
                c.source, c.campaign, c.triaged, c.accepted, c.rejected, c.disqualified, top
            )
        )
    return tuple(out)
