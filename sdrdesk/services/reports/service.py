"""The reports: one method per report, each one read transaction.

``ReportService`` has one method per report; each is one read transaction and returns
plain dataclasses (and, through the ``*_table`` functions, a ``Table`` to show, print
or export). The SQL that differs between SQLite and PostgreSQL lives in
``sdrdesk.db.reporting``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from sdrdesk.db.models import Lead, LeadEvent, User
from sdrdesk.domain.lifecycle import Action
from sdrdesk.domain.products import product_names
from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.reports import activity, funnel, rejections, speed, touches
from sdrdesk.services.reports.cohort import Breakdown
from sdrdesk.services.reports.filters import ReportFilter


@dataclass(frozen=True, slots=True)
class FilterOptions:
    sdrs: tuple[tuple[int, str], ...]  # (user id, display name): everyone who triaged
    sources: tuple[str, ...]
    products: tuple[tuple[str, str], ...] = ()  # (name as stored, label): the list's, then others


class ReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    @property
    def _dialect(self) -> str:
        return self._ctx.store.dialect

    def filter_options(self) -> FilterOptions:
        """The SDRs (active SDRs and anyone who ever triaged) and the lead sources."""
        with self._ctx.store.read() as s:
            actors = (
                select(LeadEvent.actor_id)
                .where(LeadEvent.action == Action.ACCEPT.value)
                .distinct()
                .scalar_subquery()
            )
            people = s.execute(
                select(User.id, User.display_name)
                .where(or_(and_(User.role == Role.SDR, User.active.is_(True)), User.id.in_(actors)))
                .order_by(User.display_name)
            )
            sources = s.scalars(
                select(Lead.source).where(Lead.source.is_not(None)).distinct().order_by(Lead.source)
            )
            stored = s.scalars(select(Lead.product).where(Lead.product.is_not(None)).distinct())
            names = product_names(self._ctx.products, list(stored))
            return FilterOptions(
                tuple((uid, name) for uid, name in people),
                tuple(x for x in sources if x),
                tuple((n, self._ctx.products.label_of(n) or n) for n in names),
            )

    def rejections_by_reason(self, f: ReportFilter) -> list[rejections.ReasonCount]:
        with self._ctx.store.read() as s:
            return rejections.by_reason(s, f)

    def rejections_by_campaign(self, f: ReportFilter) -> list[rejections.CampaignCount]:
        with self._ctx.store.read() as s:
            return rejections.by_campaign(s, f)

    def rejections_by_week(self, f: ReportFilter) -> list[rejections.WeekCount]:
        with self._ctx.store.read() as s:
            return rejections.by_week(s, f)

    def funnel(self, f: ReportFilter, by: Breakdown = Breakdown.TOTAL) -> list[funnel.FunnelRow]:
        with self._ctx.store.read() as s:
            return funnel.funnel(s, f, by, self._dialect)

    def speed_to_lead(self, f: ReportFilter, by: Breakdown = Breakdown.TOTAL) -> speed.SpeedReport:
        with self._ctx.store.read() as s:
            return speed.speed(
                s,
                f,
                by,
                self._dialect,
                now=self._ctx.now(),
                target_minutes=self._ctx.rules.speed_to_lead_minutes,
            )

    def call_outcomes(self, f: ReportFilter) -> list[activity.OutcomeCount]:
        with self._ctx.store.read() as s:
            return activity.call_outcomes(s, f)

    def touches(self, f: ReportFilter) -> list[touches.TouchCount]:
        """E-mails, LinkedIn messages and meetings logged (they count as attempts)."""
        with self._ctx.store.read() as s:
            return touches.touches(s, f)

    def grades(self, f: ReportFilter) -> list[activity.GradeCount]:
        with self._ctx.store.read() as s:
            return activity.grades(s, f)
