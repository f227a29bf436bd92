"""A team working one pool: claims, reassignment, idempotent retries."""

from __future__ import annotations

import threading
import uuid

import pytest

from sdrdesk.domain.errors import ConflictError, PermissionDeniedError, ValidationError
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.claims import ClaimService
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.queue import QueueQuery, QueueService, QueueView
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService
from tests.factories import add_leads


def _pool(ctx: ServiceContext, n: int) -> list[int]:
    return add_leads(
        ctx,
        *(
            {
                "first_name": f"L{i}",
                "phone": f"030 12345{i:02d}",
                "country": "DE",
                "score": str(90 - i),
                "minutes_ago": 300 + i,
            }
            for i in range(n)
        ),
    )


def test_next_lead_claims_the_most_urgent_unclaimed_one(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    ids = _pool(ctx, 5)
    claims = ClaimService(ctx)
    first = claims.claim_next(actor_id=sdr.id)
    second = claims.claim_next(actor_id=other_sdr.id)
    assert first is not None
    assert second is not None
    assert (first.lead_id, second.lead_id) == (ids[0], ids[1])  # highest scores first
    queue = QueueService(ctx)
    mine = {r.lead.id for r in queue.first_page(QueueQuery(user_id=sdr.id)).rows}
    assert ids[0] in mine
    assert ids[1] not in mine  # Ben's now
    pool = {r.lead.id for r in queue.first_page(QueueQuery(view=QueueView.POOL)).rows}
    assert pool == set(ids[2:])
    events = [e.action for e in LeadService(ctx).events(ids[0])]
    assert events == ["hand_off", "claimed"]


def test_an_empty_pool_gives_nothing(ctx: ServiceContext, sdr: UserInfo) -> None:
    assert ClaimService(ctx).claim_next(actor_id=sdr.id) is None


def test_racing_sdrs_never_get_the_same_lead(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    ids = _pool(ctx, 30)
    third = UserService(ctx).add("cem", Role.SDR)
    claimed: list[tuple[str, int]] = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def work(user: UserInfo) -> None:
        service = ClaimService(ctx)
        while True:
            try:
                result = service.claim_next(actor_id=user.id)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
                return
            if result is None:
                return
            with lock:
                claimed.append((user.name, result.lead_id))

    threads = [threading.Thread(target=work, args=(u,)) for u in (sdr, other_sdr, third)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    leads = [lead_id for _, lead_id in claimed]
    assert sorted(leads) == sorted(ids)  # every lead claimed exactly once
    owners = {lead.id: lead.owner for lead in LeadService(ctx).list_leads()}
    assert all(owners[lead_id] == name for name, lead_id in claimed)


def test_a_claimed_lead_is_the_claimers_to_triage(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    lead_id = _pool(ctx, 1)[0]
    ClaimService(ctx).claim(lead_id, actor_id=other_sdr.id)
    with pytest.raises(ConflictError, match="Ben Okafor is working this lead"):
        TriageService(ctx).accept(lead_id, actor_id=sdr.id)
    with pytest.raises(ConflictError, match="Ben Okafor has already claimed"):
        ClaimService(ctx).claim(lead_id, actor_id=sdr.id)
    TriageService(ctx).accept(lead_id, actor_id=other_sdr.id)
    assert LeadService(ctx).get(lead_id).summary.status is Status.SAL


def test_a_manager_reassigns_and_only_a_manager(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    lead_id = _pool(ctx, 1)[0]
    ClaimService(ctx).claim(lead_id, actor_id=sdr.id)
    with pytest.raises(
        PermissionDeniedError,
        match="Only a manager may reassign leads; anna is a sales development rep",
    ):
        ClaimService(ctx).assign(lead_id, to_user="ben", actor_id=sdr.id)
    boss = UserService(ctx).add("tom", Role.MANAGER, display_name="Tom Becker")
    ClaimService(ctx).assign(lead_id, to_user="ben", actor_id=boss.id)
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.owner == "ben"
    assigned = detail.events[-1]
    assert (assigned.action, assigned.actor, assigned.data) == (
        "assigned",
        "Tom Becker",
        {"from_owner": "anna", "to_owner": "ben"},
    )
    ClaimService(ctx).assign(lead_id, to_user="", actor_id=boss.id)
    assert LeadService(ctx).get(lead_id).summary.owner is None
    with pytest.raises(ValidationError, match="not an active SDR"):
        ClaimService(ctx).assign(lead_id, to_user="tom", actor_id=boss.id)


def test_a_retried_action_is_applied_once(ctx: ServiceContext, sdr: UserInfo) -> None:
    lead_id = _pool(ctx, 1)[0]
    op = str(uuid.uuid4())
    triage = TriageService(ctx)
    first = triage.accept(lead_id, actor_id=sdr.id, expected_version=1, op_id=op)
    # The reply was lost; the client sends the same action again with the same id.
    again = triage.accept(lead_id, actor_id=sdr.id, expected_version=1, op_id=op)
    assert again.event_id == first.event_id
    assert [e.action for e in LeadService(ctx).events(lead_id)] == ["hand_off", "accept"]
    # A different action on the same lead is a real conflict, not a retry.
    with pytest.raises(ConflictError, match="Anna Schmidt accepted this lead"):
        triage.reject(
            lead_id,
            actor_id=sdr.id,
            reason_code="spam",
            expected_version=1,
            op_id=str(uuid.uuid4()),
        )
