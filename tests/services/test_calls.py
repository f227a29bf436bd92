"""Logging calls on a real store: attempts, answers, grades, continuing, races, nurtured leads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from sdrdesk.db.models import CallAttempt, Lead, Qualification
from sdrdesk.domain.call_script import Decision
from sdrdesk.domain.errors import ConflictError, ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Status
from sdrdesk.services.calls.results import CallLog, DecisionInput
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.queue import QueueQuery, QueueService, QueueView
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.factories import add_lead
from tests.services.call_helpers import GOOD, call, events


def test_a_full_call_is_stored_with_answers_grade_and_events(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo
) -> None:
    result = call(calls, lead_id, sdr, answers=GOOD, notes="Wants it before the peak season.")
    assert (result.grade, result.complete, result.status) == ("A", True, Status.WORKING)
    assert result.recommendation is not None
    assert result.recommendation.decision is Decision.DEMO
    assert events(ctx, lead_id) == [
        "hand_off",
        "accept",
        "start_working",
        EventKind.CALL_LOGGED,
        EventKind.QUALIFIED,
    ]
    logged, qualified = LeadService(ctx).events(lead_id)[-2:]
    assert logged.data == {
        "attempt_id": result.attempt_id,
        "outcome": "connected",
        "connected": True,
        "duration_seconds": 180,
        "callback_at": None,
        "attempt_number": 1,
        "decision": None,
    }
    assert qualified.data["grade"] == "A"
    assert qualified.data["recommendation"] == "demo"
    assert qualified.data["complete"] is True
    assert (qualified.data["script_id"], qualified.data["script_version"]) == (
        "sdrdesk_bant",
        "2026.1",
    )
    assert set(qualified.data["scores"]) == {
        "interest",
        "fit",
        "budget",
        "authority",
        "need",
        "timeline",
    }
    with ctx.store.read() as s:
        attempt = s.scalars(select(CallAttempt)).one()
        assert attempt.outcome == "connected"
        assert attempt.started_at == ctx.now()
        assert attempt.notes == "Wants it before the peak season."
        assert attempt.answers == GOOD
        assert (attempt.script_id, attempt.script_version) == ("sdrdesk_bant", "2026.1")
        lead = s.get(Lead, lead_id)
        assert lead is not None
        assert (lead.attempt_count, lead.last_attempt_at, lead.grade) == (1, ctx.now(), "A")
    summary = calls.qualification_summary(lead_id)
    assert summary is not None
    assert summary.grade == "A"
    assert summary.recommendation == "demo"
    lines = {a.question: a.answer for a in summary.answers}
    assert lines["Is there budget for solving this?"] == "Approved"
    assert lines["Roughly what amount per year?"] == "40,000 EUR"
    assert "Wants it before the peak season." in summary.notes


def test_only_the_first_attempt_starts_working(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo
) -> None:
    call(calls, lead_id, sdr, "no_answer", duration_seconds=25)
    call(calls, lead_id, sdr, "voicemail", duration_seconds=40)
    assert events(ctx, lead_id).count("start_working") == 1
    history = calls.history(lead_id)
    assert [a.outcome_label for a in history] == ["Left voicemail", "No answer"]
    assert LeadService(ctx).get(lead_id).summary.attempt_count == 2
    # No answers were given, so there is no qualification yet.
    assert calls.qualification_summary(lead_id) is None


def test_a_partial_qualification_is_continued_on_the_next_call(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo, clock: FakeClock
) -> None:
    first = {k: GOOD[k] for k in ("interest_trigger", "interest_next_step", "fit_employees")}
    result = call(calls, lead_id, sdr, "callback_requested", answers=first,
                  callback_at=ctx.now() + timedelta(hours=3))  # fmt: skip
    assert (result.grade, result.complete) == (None, False)
    clock.advance(hours=3)
    setup = calls.start(lead_id)
    assert setup.answers == first
    assert setup.continuing is not None
    assert "Continuing" in setup.continuing
    call(calls, lead_id, sdr, answers={**setup.answers, **GOOD})
    with ctx.store.read() as s:
        assert s.scalars(select(Qualification)).one().complete
        second = s.scalars(select(CallAttempt).order_by(CallAttempt.id)).all()[1]
        # The second call's answer set is what was new on it.
        assert set(second.answers) == set(GOOD) - set(first)


def test_an_mql_is_not_called_before_it_is_accepted(
    ctx: ServiceContext, calls: CallService, sdr: UserInfo
) -> None:
    fresh = add_lead(ctx, first_name="Nina", phone="030 7654321", country="DE")
    with pytest.raises(ValidationError, match="Accept Nina first"):
        calls.start(fresh)


def test_a_lost_race_names_who_changed_the_lead(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    setup = calls.start(lead_id)
    TriageService(ctx).undo(LeadService(ctx).events(lead_id)[-1].id, actor_id=sdr.id)
    log = CallLog(lead_id, setup.lead.version, setup.script, setup.started_at, 60, "connected")
    with pytest.raises(ConflictError, match="Anna Schmidt undid the acceptance"):
        calls.log_attempt(log, actor_id=sdr.id)
    assert calls.history(lead_id) == []


def test_a_nurtured_lead_comes_back_and_is_reactivated_by_the_next_call(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo, clock: FakeClock
) -> None:
    answers = {**GOOD, "need_urgency": "nice_to_have", "budget_status": "unknown"}
    del answers["budget_amount"]
    answers.update(
        timeline_go_live="2026-12-01",
        interest_trigger="content_only",
        interest_next_step="no",
        fit_employees=8,
    )
    recontact = ctx.now() + timedelta(days=90)
    result = call(calls, lead_id, sdr, answers=answers,
                  decision=DecisionInput(Decision.NURTURE, recontact_at=recontact))  # fmt: skip
    assert result.grade == "C"
    assert result.status is Status.NURTURE
    clock.current = recontact + timedelta(hours=1)
    callbacks = QueueQuery(view=QueueView.CALLBACKS, user_id=sdr.id)
    assert QueueService(ctx).first_page(callbacks).lead_ids == [lead_id]
    setup = calls.start(lead_id)
    assert setup.continuing is not None
    assert "grade C" in setup.continuing
    again = call(calls, lead_id, sdr, answers=setup.answers)
    assert again.status is Status.WORKING
    assert events(ctx, lead_id)[-4:-2] == ["reactivate", "start_working"]
    with ctx.store.read() as s:
        assert len(s.scalars(select(Qualification)).all()) == 2  # a new qualification


def test_repeat_calls_with_no_new_answers_write_one_qualified_event(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo, clock: FakeClock
) -> None:
    call(calls, lead_id, sdr, answers=GOOD)
    for _ in range(2):
        clock.advance(minutes=10)
        call(calls, lead_id, sdr, outcome="no_answer")  # the answers filled in again
    clock.advance(minutes=10)
    call(calls, lead_id, sdr, decision=DecisionInput(Decision.DEMO))  # decided, no demo yet
    for _ in range(2):  # a new qualification with the same answers: nothing new to say
        clock.advance(minutes=10)
        call(calls, lead_id, sdr)
    clock.advance(minutes=10)
    call(calls, lead_id, sdr, answers={**GOOD, "budget_status": "none"})  # new answers
    kinds = events(ctx, lead_id)
    assert kinds.count(EventKind.CALL_LOGGED) == 7
    assert kinds.count(EventKind.QUALIFIED) == 2
