"""Accept and reject, as an SDR does them, with a colleague working the same pool."""

from __future__ import annotations

import threading

import pytest

from sdrdesk.domain.errors import ConflictError, IllegalTransitionError, ValidationError
from sdrdesk.domain.lifecycle import Action, ReasonStage, Status
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.reasons import ReasonService
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.factories import add_lead


def test_accept_makes_the_lead_a_sal_owned_by_the_sdr(ctx: ServiceContext, sdr: UserInfo) -> None:
    lead_id = add_lead(ctx, first_name="Max", last_name="Muster", phone="030 1234567")
    result = TriageService(ctx).accept(lead_id, actor_id=sdr.id, expected_version=1)
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.status is Status.SAL
    assert detail.summary.owner == "anna"
    assert detail.summary.version == result.version == 2
    accept = detail.events[-1]
    assert (accept.action, accept.actor, accept.from_status, accept.to_status) == (
        "accept",
        "Anna Schmidt",
        Status.MQL,
        Status.SAL,
    )
    assert accept.at == ctx.now()


def test_reject_records_reason_and_comment(ctx: ServiceContext, sdr: UserInfo) -> None:
    lead_id = add_lead(ctx)
    TriageService(ctx).reject(
        lead_id, actor_id=sdr.id, reason_code="other", comment="  Asked for a job, not a demo  "
    )
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.status is Status.REJECTED
    assert detail.summary.owner is None
    event = detail.events[-1]
    assert event.reason_code == "other"
    assert event.reason_label == "Other (explain in the comment)"
    assert event.comment == "Asked for a job, not a demo"


@pytest.mark.parametrize(
    ("reason", "comment", "message"),
    [
        (None, None, "Choose a reason"),
        ("", None, "Choose a reason"),
        ("other", "   ", "needs a comment"),
        ("no_budget", None, "cannot be used"),
        ("no_such_reason", None, "no reason"),
    ],
)
def test_a_bad_rejection_changes_nothing(
    ctx: ServiceContext, sdr: UserInfo, reason: str | None, comment: str | None, message: str
) -> None:
    lead_id = add_lead(ctx)
    with pytest.raises(ValidationError, match=message):
        TriageService(ctx).reject(lead_id, actor_id=sdr.id, reason_code=reason, comment=comment)
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.status is Status.MQL
    assert [e.action for e in detail.events] == ["hand_off"]


def test_a_retired_reason_is_not_offered_and_refused(ctx: ServiceContext, sdr: UserInfo) -> None:
    reasons = ReasonService(ctx)
    reasons.set_active("spam", False)
    assert "spam" not in [r.code for r in reasons.list_reasons(ReasonStage.REJECT)]
    with pytest.raises(ValidationError, match="no longer in use"):
        TriageService(ctx).reject(add_lead(ctx), actor_id=sdr.id, reason_code="spam")


def test_a_team_can_add_its_own_reason(ctx: ServiceContext, sdr: UserInfo) -> None:
    ReasonService(ctx).add("wrong_region", "Outside our sales territory")
    codes = [r.code for r in ReasonService(ctx).list_reasons(ReasonStage.REJECT)]
    assert codes[-1] == "wrong_region"
    TriageService(ctx).reject(add_lead(ctx), actor_id=sdr.id, reason_code="wrong_region")
    with pytest.raises(ValidationError, match="already exists"):
        ReasonService(ctx).add("wrong_region", "Again")


def test_the_loser_of_a_race_is_told_who_won(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    lead_id = add_lead(ctx)
    seen_version = LeadService(ctx).get(lead_id).summary.version
    TriageService(ctx).accept(lead_id, actor_id=other_sdr.id, expected_version=seen_version)
    with pytest.raises(ConflictError) as err:
        TriageService(ctx).reject(
            lead_id, actor_id=sdr.id, reason_code="spam", expected_version=seen_version
        )
    assert err.value.changed_by == "Ben Okafor"
    assert "Ben Okafor accepted this lead" in str(err.value)
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.owner == "ben"
    assert [e.action for e in detail.events] == ["hand_off", "accept"]


def test_two_sdrs_racing_for_one_lead_only_one_wins(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    for _ in range(5):
        lead_id = add_lead(ctx)
        barrier = threading.Barrier(2)
        outcomes: list[object] = []

        def work(
            actor: UserInfo,
            lead_id: int = lead_id,
            barrier: threading.Barrier = barrier,
            outcomes: list[object] = outcomes,
        ) -> None:
            barrier.wait()
            try:
                outcomes.append(
                    TriageService(ctx).accept(lead_id, actor_id=actor.id, expected_version=1)
                )
            except (ConflictError, IllegalTransitionError) as exc:
                outcomes.append(exc)

        threads = [threading.Thread(target=work, args=(u,)) for u in (sdr, other_sdr)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        winners = [o for o in outcomes if not isinstance(o, Exception)]
        assert len(winners) == 1, outcomes
        events = LeadService(ctx).events(lead_id)
        assert [e.action for e in events] == ["hand_off", "accept"]


def test_undo_is_its_own_event_and_restores_the_queue(
    ctx: ServiceContext, sdr: UserInfo, clock: FakeClock
) -> None:
    lead_id = add_lead(ctx)
    triage = TriageService(ctx)
    accepted = triage.accept(lead_id, actor_id=sdr.id)
    clock.advance(seconds=5)
    undone = triage.undo(accepted.event_id, actor_id=sdr.id)
    assert undone.action is Action.UNDO_ACCEPT
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.status is Status.MQL
    assert detail.summary.owner is None
    assert [e.action for e in detail.events] == ["hand_off", "accept", "undo_accept"]
    assert detail.events[-1].data["undoes_event"] == accepted.event_id


def test_undo_has_limits(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo, clock: FakeClock
) -> None:
    triage = TriageService(ctx)
    late = triage.reject(add_lead(ctx), actor_id=sdr.id, reason_code="spam")
    clock.advance(seconds=ctx.rules.undo_seconds + 1)
    with pytest.raises(ValidationError, match="only possible for"):
        triage.undo(late.event_id, actor_id=sdr.id)
    mine = triage.reject(add_lead(ctx), actor_id=sdr.id, reason_code="spam")
    with pytest.raises(ValidationError, match="your own"):
        triage.undo(mine.event_id, actor_id=other_sdr.id)
    triage.undo(mine.event_id, actor_id=sdr.id)
    with pytest.raises(ValidationError, match="nothing to undo"):
        triage.undo(mine.event_id + 1, actor_id=sdr.id)
