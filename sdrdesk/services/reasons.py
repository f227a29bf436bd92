"""The team's reasons for rejecting or disqualifying a lead (data in the store)."""

from __future__ import annotations

import re

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from sdrdesk.db.models import RejectionReason
from sdrdesk.domain.errors import NotFoundError, ValidationError
from sdrdesk.domain.lifecycle import ReasonStage
from sdrdesk.domain.text import check_text
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.reason_labels import reason_label
from sdrdesk.services.results import ReasonInfo
from sdrdesk.services.roles import require_manager

_CODE = re.compile(r"^[a-z][a-z0-9_]{1,49}$")


def reason_info(reason: RejectionReason) -> ReasonInfo:
    return ReasonInfo(
        code=reason.code,
        label=reason_label(reason.code, reason.label),
        requires_comment=reason.requires_comment,
        stage=reason.stage,
        active=reason.active,
        sort_order=reason.sort_order,
    )


class ReasonService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list_reasons(
        self, stage: ReasonStage = ReasonStage.BOTH, *, include_inactive: bool = False
    ) -> list[ReasonInfo]:
        """Reasons usable at ``stage`` (those marked for both included), in order.
        ``ReasonStage.BOTH`` lists every reason."""
        query = select(RejectionReason).order_by(RejectionReason.sort_order, RejectionReason.id)
        if stage is not ReasonStage.BOTH:
            query = query.where(
                or_(RejectionReason.stage == stage, RejectionReason.stage == ReasonStage.BOTH)
            )
        if not include_inactive:
            query = query.where(RejectionReason.active.is_(True))
        with self._ctx.store.read() as s:
            return [reason_info(r) for r in s.scalars(query)]

    def add(
        self,
        code: str,
        label: str,
        *,
        stage: ReasonStage = ReasonStage.REJECT,
        requires_comment: bool = False,
        sort_order: int | None = None,
        actor_id: int | None = None,
    ) -> ReasonInfo:
        """A new reason; ``actor_id`` must be a manager (``None``: the set-up, tests)."""
        code = code.strip().lower()
        check_text(label, _("reason's label"), 200)
        label = " ".join(label.split())
        if not _CODE.match(code):
            raise ValidationError(
                _(
                    "Reason code “{code}” must be 2–50 lower-case letters, digits or underscores."
                ).format(code=code)
            )
        if not label:
            raise ValidationError(_("A reason needs a label."))
        try:
            with self._ctx.store.write() as s:
                if actor_id is not None:
                    require_manager(s, actor_id, _("add rejection reasons"))
                if sort_order is None:
                    top = s.scalar(select(func.max(RejectionReason.sort_order))) or 0
                    sort_order = top + 10
                reason = RejectionReason(
                    code=code,
                    label=label,
                    stage=stage,
                    requires_comment=requires_comment,
                    active=True,
                    sort_order=sort_order,
                )
                s.add(reason)
                s.flush()
                return reason_info(reason)
        except IntegrityError as exc:
            raise ValidationError(
                _("A reason with the code “{code}” already exists.").format(code=code)
            ) from exc

    def set_active(self, code: str, active: bool, *, actor_id: int | None = None) -> ReasonInfo:
        """Reasons are never deleted (the history refers to them); they are retired.
        ``actor_id`` must be a manager (``None``: the set-up, tests)."""
        with self._ctx.store.write() as s:
            if actor_id is not None:
                what = _("restore rejection reasons") if active else _("retire rejection reasons")
                require_manager(s, actor_id, what)
            reason = s.scalars(select(RejectionReason).where(RejectionReason.code == code)).first()
            if reason is None:
                raise NotFoundError(_("There is no reason “{code}”.").format(code=code))
            reason.active = active
            return reason_info(reason)
