"""Who works which lead: claiming the most urgent lead from the team pool, and managers
reassigning leads.

"Next lead" must never hand the same lead to two SDRs. On PostgreSQL the candidates are
locked with ``FOR UPDATE SKIP LOCKED`` (a lead another SDR is claiming right now is
skipped, not waited for); on SQLite, a conditional UPDATE under the single write lock does
the same. Candidates come in queue order, so the claimed lead is the most urgent one free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import Lead, User
from sdrdesk.domain.errors import ConflictError, NotFoundError, ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _
from sdrdesk.services.conflicts import load_lead
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.queue import QueueQuery, QueueService, QueueView
from sdrdesk.services.roles import require_manager

CANDIDATES = 25
ATTEMPTS = 4


@dataclass(frozen=True, slots=True)
class ClaimResult:
    lead_id: int
    event_id: int
    version: int


class ClaimService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def claim_next(self, *, actor_id: int, op_id: str | None = None) -> ClaimResult | None:
        """Take the most urgent unclaimed lead; None when the pool is empty."""
        queue = QueueService(self._ctx)
        page = queue.first_page(QueueQuery(view=QueueView.POOL, user_id=actor_id), CANDIDATES)
        for _attempt in range(ATTEMPTS):
            ids = page.lead_ids
            if not ids:
                return None
            result = self._claim_first(ids, actor_id, op_id)
            if result is not None:
                return result
            if page.next is None:  # every candidate was taken meanwhile: look again
                page = queue.first_page(
                    QueueQuery(view=QueueView.POOL, user_id=actor_id), CANDIDATES
                )
            else:
                page = queue.next_page(page.next, CANDIDATES)
        return None

    def claim(self, lead_id: int, *, actor_id: int, op_id: str | None = None) -> ClaimResult:
        """Take one particular lead from the pool."""
        result = self._claim_first([lead_id], actor_id, op_id)
        if result is None:
            with self._ctx.store.read() as s:
                lead = load_lead(s, lead_id)
                owner = s.get(User, lead.owner_id) if lead.owner_id else None
                who = owner.display_name if owner else None
            if who:
                raise ConflictError(
                    _("{who} has already claimed this lead.").format(who=who),
                    lead_id=lead_id,
                    changed_by=who,
                )
            raise ConflictError(
                _("Lead {lead_id} is no longer in the pool.").format(lead_id=lead_id),
                lead_id=lead_id,
            )
        return result

    def _claim_first(
        self, candidates: list[int], actor_id: int, op_id: str | None
    ) -> ClaimResult | None:
        with self._ctx.store.write() as s:
            done = lifecycle.find_operation(s, op_id)
            if done is not None:
                lead = load_lead(s, done.lead_id)
                return ClaimResult(lead.id, done.id, lead.version)
            free = _lock_free(s, candidates)
            for lead_id in candidates:
                if lead_id in free and _take(s, lead_id, actor_id, self._ctx.now()):
                    event = lifecycle.record(
                        s,
                        lead_id,
                        EventKind.CLAIMED,
                        actor_id=actor_id,
                        at=self._ctx.now(),
                        op_id=op_id,
                    )
                    s.flush()
                    version = s.scalar(select(Lead.version).where(Lead.id == lead_id))
                    return ClaimResult(lead_id, event.id, int(version or 0))
            return None

    def assign(
        self,
        lead_id: int,
        *,
        to_user: str,
        actor_id: int,
        expected_version: int | None = None,
        op_id: str | None = None,
    ) -> ClaimResult:
        """A manager gives a lead to an SDR (or back to the pool with ``to_user=""``)."""
        with self._ctx.store.write() as s:
            done = lifecycle.find_operation(s, op_id)
            if done is not None:
                lead = load_lead(s, done.lead_id)
                return ClaimResult(lead.id, done.id, lead.version)
            require_manager(s, actor_id, _("reassign leads"))
            lead = load_lead(s, lead_id, expected_version)
            if not lead.status.is_open:
                raise ValidationError(
                    _("This lead is {label}; only open leads can be reassigned.").format(
                        label=lead.status.label
                    )
                )
            target = _sdr(s, to_user) if to_user else None
            before = s.get(User, lead.owner_id) if lead.owner_id else None
            lead.owner_id = target.id if target else None
            lead.assigned_at = self._ctx.now() if target else None
            event = lifecycle.record(
                s,
                lead.id,
                EventKind.ASSIGNED,
                actor_id=actor_id,
                at=self._ctx.now(),
                data={
                    "from_owner": before.name if before else None,
                    "to_owner": target.name if target else None,
                },
                op_id=op_id,
            )
            s.flush()
            return ClaimResult(lead.id, event.id, lead.version)


def _sdr(session: Session, name: str) -> User:
    user = session.scalars(select(User).where(User.name == name)).first()
    if user is None:
        raise NotFoundError(_("There is no user called “{name}”.").format(name=name))
    if user.role is not Role.SDR or not user.active:
        raise ValidationError(
            _("{display_name} is not an active SDR.").format(display_name=user.display_name)
        )
    return user


def _lock_free(session: Session, candidates: list[int]) -> set[int]:
    """The candidates still in the pool; on PostgreSQL locked for us, skipping any that
    another SDR is claiming at this very moment."""
    query = select(Lead.id).where(
        Lead.id.in_(candidates), Lead.owner_id.is_(None), Lead.status == Status.MQL
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return set(session.scalars(query))


def _take(session: Session, lead_id: int, actor_id: int, now: datetime) -> bool:
    """Conditional UPDATE: only if still unowned and new (bumps the version)."""
    result = session.execute(
        update(Lead)
        .where(Lead.id == lead_id, Lead.owner_id.is_(None), Lead.status == Status.MQL)
        .values(owner_id=actor_id, assigned_at=now, version=Lead.version + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
