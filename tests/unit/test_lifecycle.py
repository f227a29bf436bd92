"""The lifecycle rules, as a sales manager would state them."""

from __future__ import annotations

import pytest

from sdrdesk.domain.errors import IllegalTransitionError, ValidationError
from sdrdesk.domain.lifecycle import (
    TRANSITIONS,
    Action,
    ReasonRule,
    ReasonStage,
    Status,
    allowed_actions,
    plan_transition,
)

SPAM = ReasonRule("spam", "Spam", requires_comment=False, active=True, stage=ReasonStage.REJECT)
OTHER = ReasonRule("other", "Other", requires_comment=True, active=True, stage=ReasonStage.BOTH)
NO_BUDGET = ReasonRule("no_budget", "No budget", False, True, ReasonStage.DISQUALIFY)


def test_the_happy_path_from_hand_off_to_demo() -> None:
    status = plan_transition(None, Action.HAND_OFF)
    assert status is Status.MQL
    status = plan_transition(status, Action.ACCEPT)
    assert status is Status.SAL
    status = plan_transition(status, Action.START_WORKING)
    assert status is Status.WORKING
    assert plan_transition(status, Action.BOOK_DEMO) is Status.SQL


def test_only_new_leads_can_be_accepted_or_rejected() -> None:
    for status in Status:
        if status is Status.MQL:
            continue
        with pytest.raises(IllegalTransitionError) as err:
            plan_transition(status, Action.ACCEPT)
        assert status.label in str(err.value)
        with pytest.raises(IllegalTransitionError):
            plan_transition(status, Action.REJECT, SPAM)


def test_reject_needs_a_reason_of_the_right_stage() -> None:
    with pytest.raises(ValidationError, match="Choose a reason"):
        plan_transition(Status.MQL, Action.REJECT)
    with pytest.raises(ValidationError, match="cannot be used"):
        plan_transition(Status.MQL, Action.REJECT, NO_BUDGET)
    assert plan_transition(Status.MQL, Action.REJECT, SPAM) is Status.REJECTED


@pytest.mark.parametrize("comment", [None, "", "   \n\t"])
def test_a_reason_that_needs_a_comment_refuses_a_blank_one(comment: str | None) -> None:
    with pytest.raises(ValidationError, match="needs a comment"):
        plan_transition(Status.MQL, Action.REJECT, OTHER, comment)


def test_retired_reasons_are_refused() -> None:
    retired = ReasonRule("old", "Old reason", False, active=False, stage=ReasonStage.REJECT)
    with pytest.raises(ValidationError, match="no longer in use"):
        plan_transition(Status.MQL, Action.REJECT, retired)


def test_accept_takes_no_reason() -> None:
    with pytest.raises(ValidationError):
        plan_transition(Status.MQL, Action.ACCEPT, SPAM)


def test_disqualify_after_contact_and_cancel_demo_returns_to_sal() -> None:
    assert plan_transition(Status.WORKING, Action.DISQUALIFY, NO_BUDGET) is Status.DISQUALIFIED
    assert plan_transition(Status.SAL, Action.DISQUALIFY, OTHER, "moved on") is Status.DISQUALIFIED
    assert plan_transition(Status.SQL, Action.CANCEL_DEMO) is Status.SAL
    with pytest.raises(IllegalTransitionError):
        plan_transition(Status.MQL, Action.DISQUALIFY, NO_BUDGET)


def test_every_status_is_reachable_and_every_action_has_a_target() -> None:
    reachable = {t.target for t in TRANSITIONS.values()}
    assert reachable == set(Status)
    assert set(TRANSITIONS) == set(Action)
    assert Action.ACCEPT in allowed_actions(Status.MQL)
    assert allowed_actions(Status.SQL) == [Action.CANCEL_DEMO]
