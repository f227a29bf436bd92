"""What a call decides: knock-outs, overriding the recommendation, giving up, do-not-call."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from sdrdesk.domain.call_script import Decision
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Status
from sdrdesk.services.calls.results import DecisionInput
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.results import UserInfo
from tests.services.call_helpers import GOOD, call, events


def test_a_knock_out_recommends_disqualifying_and_following_it_hands_back(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo
) -> None:
    answers = {**GOOD, "budget_status": "none"}
    del answers["budget_amount"]
    result = call(
        calls, lead_id, sdr, answers=answers,
        decision=DecisionInput(Decision.DISQUALIFY, reason_code="no_budget"),
    )  # fmt: skip
    assert result.recommendation is not None
    assert (result.recommendation.decision, result.recommendation.reason_code) == (
        Decision.DISQUALIFY,
        "no_budget",
    )
    assert (result.grade, result.status) == ("C", Status.DISQUALIFIED)
    last = LeadService(ctx).events(lead_id)[-1]
    assert (last.action, last.reason_code, last.to_status) == (
        "disqualify",
        "no_budget",
        Status.DISQUALIFIED,
    )
    assert EventKind.RECOMMENDATION_OVERRIDDEN not in events(ctx, lead_id)
    with pytest.raises(ValidationError, match="not called any more"):
        calls.start(lead_id)


def test_going_against_the_recommendation_needs_a_reason(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo
) -> None:
    nurture = DecisionInput(Decision.NURTURE, recontact_at=ctx.now() + timedelta(days=30))
    with pytest.raises(ValidationError, match="say why"):
        call(calls, lead_id, sdr, answers=GOOD, decision=nurture)
    assert events(ctx, lead_id) == ["hand_off", "accept"]  # nothing half-written
    why = replace(nurture, override_reason="Budget frozen until the merger closes")
    result = call(calls, lead_id, sdr, answers=GOOD, decision=why)
    assert result.status is Status.NURTURE
    override = next(
        e for e in LeadService(ctx).events(lead_id) if e.action == "recommendation_overridden"
    )
    assert override.data == {
        "recommendation": "demo",
        "decision": "nurture",
        "reason": "Budget frozen until the merger closes",
    }
    nurtured = LeadService(ctx).events(lead_id)[-1]
    assert nurtured.action == "nurture"
    assert nurtured.data["recontact_at"] == (ctx.now() + timedelta(days=30)).isoformat()


@pytest.mark.parametrize(("outcome", "reason"), [("wrong_number", "Wrong number"),
                                                 ("do_not_call", "Do not call again")])  # fmt: skip
def test_do_not_call_marks_the_lead_so_it_is_not_dialled_again(
    ctx: ServiceContext,
    calls: CallService,
    lead_id: int,
    sdr: UserInfo,
    outcome: str,
    reason: str,
) -> None:
    result = call(calls, lead_id, sdr, outcome, duration_seconds=12)
    assert result.do_not_call
    assert result.recommendation is not None
    assert result.recommendation.decision is Decision.DISQUALIFY
    dnc = LeadService(ctx).events(lead_id)[-1]
    assert (dnc.action, dnc.data["reason"]) == ("do_not_call", reason)
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.do_not_call
    assert detail.do_not_call_reason == reason
    with pytest.raises(ValidationError, match="do not call"):
        calls.start(lead_id)


def test_unanswered_leads_are_recommended_for_disqualification_after_enough_tries(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo
) -> None:
    results = [call(calls, lead_id, sdr, "no_answer") for _ in range(6)]
    assert [r.recommendation is None for r in results] == [True] * 5 + [False]
    last = results[-1].recommendation
    assert last is not None
    assert (last.decision, last.reason_code) == (Decision.DISQUALIFY, "unresponsive")


def test_deciding_later_against_a_recommendation_is_an_override_with_its_reason(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo
) -> None:
    later = DecisionInput(None)
    with pytest.raises(ValidationError, match="you chose “Decide later” instead"):
        call(calls, lead_id, sdr, answers=GOOD, decision=later)
    assert events(ctx, lead_id) == ["hand_off", "accept"]
    result = call(
        calls, lead_id, sdr, answers=GOOD,
        decision=replace(later, override_reason="The buyer decides after the board meeting"),
    )  # fmt: skip
    assert (result.status, result.decision) == (Status.WORKING, None)
    override = LeadService(ctx).events(lead_id)[-1]
    assert (override.action, override.data) == (
        "recommendation_overridden",
        {
            "recommendation": "demo",
            "decision": "later",
            "reason": "The buyer decides after the board meeting",
        },
    )
    # Still open: the next call continues the qualification.
    assert calls.start(lead_id).answers == GOOD
