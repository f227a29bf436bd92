"""Giving new leads to SDRs by the team's assignment rules (``domain.assignment``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import Lead, LeadEvent, User
from sdrdesk.domain.assignment import AssignmentRules, LeadFacts, next_in_turn
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action, Status
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
        with self._ctx.store.write() as s:
            rows = s.execute(
                select(
                    Lead.id,
                    Lead.country,
                    Lead.source,
                    Lead.score,
                    Lead.campaign,
                    Lead.extra,
                    Lead.product,
                )
                .where(Lead.status == Status.MQL, Lead.owner_id.is_(None))
                .order_by(Lead.handed_off_at, Lead.id)
            ).all()
            routed = route_leads(
                s,
                rules,
                [(row[0], facts_of(*row[1:])) for row in rows],
                actor_id=actor_id,
                now=self._ctx.now(),
            )
        given = Counter(r.sdr for r in routed.values())
        return Distribution(dict(given), len(rows) - len(routed))

    def route_new(self, lead_ids: Sequence[int], *, actor_id: int | None) -> Distribution:
        """The team's rules (``ctx.assignment``) for leads just brought in by a file
        import, from the window (File › Import, paste, a dropped file) or from ``sdrdesk
        import``, as the intake routes each lead on arrival: ``route_leads``. Leads someone
        took meanwhile are left as they are."""
        rules = self._ctx.assignment
        if not rules.assigns or not lead_ids:
            return Distribution({}, 0)
        with self._ctx.store.write() as s:
            rows: list[Any] = []
            ordered = sorted(set(lead_ids))
            for start in range(0, len(ordered), CHUNK):
                rows += s.execute(
                    select(
                        Lead.id,
                        Lead.country,
                        Lead.source,
                        Lead.score,
                        Lead.campaign,
                        Lead.extra,
                        Lead.product,
                    )
                    .where(
                        Lead.id.in_(ordered[start : start + CHUNK]),
                        Lead.status == Status.MQL,
                        Lead.owner_id.is_(None),
                    )
                    .order_by(Lead.handed_off_at, Lead.id)
                ).all()
            routed = route_leads(
                s,
                rules,
                [(row[0], facts_of(*row[1:])) for row in rows],
                actor_id=actor_id,
                now=self._ctx.now(),
            )
        given = Counter(r.sdr for r in routed.values())
        return Distribution(dict(given), len(rows) - len(routed))


@dataclass(frozen=True)
class Routed:
    """Where the rules sent one lead: the SDR's name, the rule, and whether it was
    accepted for them (an SAL) or only given to them."""

    sdr: str
    sdr_id: int
    rule: str
    accepted: bool


def facts_of(
    country: str | None,
    source: str | None,
    score: int | None,
    campaign: str | None,
    extra: Mapping[str, Any] | None,
    product: str | None = None,
) -> LeadFacts:
    """What the rules look at of a lead: its product is its ``product`` column, else
    (leads stored before there was one) a kept ``product`` field of its extra data."""
    if product is None:
        for key, value in (extra or {}).items():
            if key.casefold() in _PRODUCT_KEYS and isinstance(value, str):
                product = value
                break
    return LeadFacts(country, source, score, campaign, product)


_PRODUCT_KEYS = frozenset({"product", "produkt", "product interest", "product_interest"})


def route_leads(
    session: Session,
    rules: AssignmentRules,
    leads: Sequence[tuple[int, LeadFacts]],
    *,
    actor_id: int | None,
    now: datetime,
) -> dict[int, Routed]:
    """**The one routing of new leads** (after an import, the pool given out, and each
    lead arriving over the intake): each unowned new MQL of ``leads`` goes by the first
    rule that matches it to the next SDR of that rule's group in turn, given to them
    (``assign``) or accepted as their SAL (``accept``). Every routed lead's history names
    the rule. Leads no rule routes stay in the pool. Returns lead id → where it went."""
    if not rules.assigns or not leads:
        return {}
    sdrs = {
        u.name: u.id
        for u in session.scalars(select(User).where(User.role == Role.SDR, User.active.is_(True)))
    }
    if not sdrs:
        raise ValidationError(_("There are no active SDRs to give leads to."))
    named = [n for r in rules.rules for n in r.sdrs] + list(rules.sdrs)
    unknown = [n for n in named if n not in sdrs]
    if unknown:
        raise ValidationError(
            _("{rules}: “{name}” is not an active SDR in this store.").format(
                rules=rules.source, name=unknown[0]
            )
        )
    last = _last_given(session)
    routed: dict[int, Routed] = {}
    for lead_id, facts in leads:
        rule = rules.route(facts)
        if rule is None:
            continue
        members = rule.sdrs or tuple(sorted(sdrs))
        name = next_in_turn(members, last.get(rule.name))
        last[rule.name] = name
        lead = session.get(Lead, lead_id)
        assert lead is not None
        accepted = rule.action == "accept"
        lead.owner_id = sdrs[name]
        lead.assigned_at = now
        data = {"from_owner": None, "to_owner": name, "rule": rule.name}
        lifecycle.record(session, lead_id, EventKind.ASSIGNED, actor_id=actor_id, at=now, data=data)
        if accepted:
            lifecycle.transition(
                session,
                lead,
                Action.ACCEPT,
                actor_id=actor_id,
                at=now,
                data={"previous_owner_id": None, "rule": rule.name, "for": name},
            )
        routed[lead_id] = Routed(name, sdrs[name], rule.name, accepted)
        if len(routed) % CHUNK == 0:
            session.flush()
    session.flush()
    return routed


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
