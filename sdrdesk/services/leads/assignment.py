"""Giving new leads to SDRs by the team's assignment rules (``domain.assignment``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import Lead, LeadEvent, User
from sdrdesk.domain.assignment import AssignmentRules, next_in_turn
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.roles import require_manager

CHUNK = 2000


@dataclass(frozen=True)
class Distribution:
    assigned: dict[str, int]  # user name -> leads given
    left_in_pool: int


class AssignmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def distribute(
        self, rules: AssignmentRules, *, actor_id: int | None, after_import: bool = False
    ) -> Distribution:
        """Give every unowned new lead an owner by the rules (oldest hand-off first).
        Managers only, except right ``after_import``: the team's rules give out what
        its importer (an SDR too) just brought in."""
        if actor_id is not None and not after_import:
            with self._ctx.store.read() as s:
                require_manager(s, actor_id, _("give out the pool"))
        if not rules.assigns:
            with self._ctx.store.read() as s:
                left = len(_pool_ids(s))
            return Distribution({}, left)
        given: Counter[str] = Counter()
        left = 0
        with self._ctx.store.write() as s:
            sdrs = {
                u.name: u.id
                for u in s.scalars(select(User).where(User.role == Role.SDR, User.active.is_(True)))
            }
            if not sdrs:
                raise ValidationError(_("There are no active SDRs to give leads to."))
            named = [n for r in rules.rules for n in r.sdrs] + list(rules.sdrs)
            unknown = [n for n in named if n not in sdrs]
            if unknown:
                raise ValidationError(
                    _("{source}: “{unknown}” is not an active SDR in this store.").format(
                        source=rules.source, unknown=unknown[0]
                    )
                )
            last = _last_given(s)
            rows = s.execute(
                select(Lead.id, Lead.country, Lead.source)
                .where(Lead.status == Status.MQL, Lead.owner_id.is_(None))
                .order_by(Lead.handed_off_at, Lead.id)
            ).all()
            now = self._ctx.now()
            for lead_id, country, source in rows:
                group, members = rules.group_for(country, source)
                members = members or tuple(sorted(sdrs))
                name = next_in_turn(members, last.get(group))
                last[group] = name
                lead = s.get(Lead, lead_id)
                assert lead is not None
                lead.owner_id = sdrs[name]
                lead.assigned_at = now
                lifecycle.record(
                    s,
                    lead_id,
                    EventKind.ASSIGNED,
                    actor_id=actor_id,
                    at=now,
                    data={"from_owner": None, "to_owner": name, "rule": group},
                )
                given[name] += 1
                if sum(given.values()) % CHUNK == 0:
                    s.flush()
        return Distribution(dict(given), left)


def _pool_ids(session: Session) -> list[int]:
    return list(
        session.scalars(select(Lead.id).where(Lead.status == Status.MQL, Lead.owner_id.is_(None)))
    )


def _last_given(session: Session) -> dict[str, str]:
    """Per group, who got the last lead by rule (round robin continues after them)."""
    last: dict[str, str] = {}
    events = session.scalars(
        select(LeadEvent)
        .where(LeadEvent.action == EventKind.ASSIGNED.value)
        .order_by(LeadEvent.id.desc())
        .limit(500)
    )
    for event in events:
        group = (event.data or {}).get("rule")
        if group and group not in last and event.data.get("to_owner"):
            last[group] = event.data["to_owner"]
    return last
