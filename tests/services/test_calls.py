"""Logging calls on a real store: attempts, answers, grades, decisions, callbacks, do-not-call."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sdrdesk.db.models import CallAttempt, Lead, Qualification
from sdrdesk.domain.call_script import Decision
from sdrdesk.domain.errors import ConflictError, ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Status
from sdrdesk.services.calls.results import CallLog, CallResult, DecisionInput
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.queue import QueueQuery, QueueService, QueueView
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.factories import add_lead

# Everything the default script asks, answered by a lead that fits well (grade A).
GOOD = {
    "interest_trigger": "evaluating",
    "interest_next_step": "yes",
    "fit_employees": 320,
    "fit_current_solution": "spreadsheets",
    "budget_status": "approved",
    "budget_amount": 40000,
    "authority_role": "decides",
    "need_problems": ["manual_work", "errors", "no_overview"],
    "need_urgency": "critical",
    "timeline_go_live": "2026-05-15",
}


@pytest.fixture
def calls(ctx: ServiceContext) -> CallService:
    return CallService(ctx)


@pytest.fixture
def lead_id(ctx: ServiceContext, sdr: UserInfo) -> int:
    """An accepted lead in Berlin, owned by Anna."""
    lead = add_lead(
        ctx, first_name="Jana", last_name="Vogel", phone="030 1234567", country="DE",
        company="Nordlicht Logistik GmbH",
    )  # fmt: skip
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    return lead


def call(
    calls: CallService,
    lead_id: int,
    sdr: UserInfo,
    outcome: str = "connected",
    **changes: Any,
) -> CallResult:
    setup = calls.start(lead_id)
    log = CallLog(
        lead_id=lead_id,
        expected_version=setup.lead.version,
        script=setup.script,
        started_at=setup.started_at,
        duration_seconds=changes.pop("duration_seconds", 180),
        outcome=outcome,
        answers=changes.pop("answers", setup.answers),
        **changes,
    )
    return calls.log_attempt(log, actor_id=sdr.id)


def events(ctx: ServiceContext, lead_id: int) -> list[str]:
    return [e.action for e in LeadService(ctx).events(lead_id)]


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


def test_a_callback_shows_up_in_the_queue_when_it_is_due(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo, clock: FakeClock
) -> None:
    with pytest.raises(ValidationError, match="when to call back"):
        call(calls, lead_id, sdr, "callback_requested")
    due = ctx.now() + timedelta(days=1)
    call(calls, lead_id, sdr, "callback_requested", callback_at=due)
    queue = QueueService(ctx)
    callbacks = QueueQuery(view=QueueView.CALLBACKS, user_id=sdr.id)
    assert queue.first_page(callbacks).lead_ids == []
    clock.current = due + timedelta(minutes=1)
    assert queue.first_page(callbacks).lead_ids == [lead_id]
    logged = LeadService(ctx).events(lead_id)[-1]
    assert logged.data["callback_at"] == due.isoformat()
    # The next call settles the callback.
    call(calls, lead_id, sdr, "connected")
    assert queue.first_page(callbacks).lead_ids == []


def test_a_past_callback_time_is_refused(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo
) -> None:
    with pytest.raises(ValidationError, match="already passed"):
        call(calls, lead_id, sdr, "callback_requested", callback_at=ctx.now() - timedelta(hours=1))


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


def test_a_custom_script_is_used_and_its_version_kept(
    store: Any, clock: FakeClock, sdr: UserInfo, lead_id: int, tmp_path: Path
) -> None:
    script = tmp_path / "team.toml"
    script.write_text(TEAM_SCRIPT, encoding="utf-8")
    ctx = ServiceContext(store, Rules(default_region="DE", call_script_file=str(script)), clock)
    calls = CallService(ctx)
    setup = calls.start(lead_id)
    assert (setup.script.id, setup.script.version, setup.script_warning) == ("team", "7", None)
    result = call(calls, lead_id, sdr, answers={"pain": "yes", "seats": 40})
    assert (result.grade, result.complete) == ("A", True)
    # The team changes its script: the stored answers keep the old version.
    script.write_text(TEAM_SCRIPT.replace('version = "7"', 'version = "8"'), encoding="utf-8")
    setup = calls.start(lead_id)
    assert setup.script.version == "8"
    assert setup.answers == {"pain": "yes", "seats": 40}
    assert setup.continuing is not None
    call(calls, lead_id, sdr, answers=setup.answers)
    with ctx.store.read() as s:
        versions = [q.script_version for q in s.scalars(select(Qualification).order_by("id"))]
        assert versions == ["7", "8"]


def test_a_broken_team_script_falls_back_and_says_why(
    store: Any, clock: FakeClock, sdr: UserInfo, lead_id: int, tmp_path: Path
) -> None:
    script = tmp_path / "team.toml"
    script.write_text(TEAM_SCRIPT.replace('type = "number"', 'type = "numbr"'), encoding="utf-8")
    ctx = ServiceContext(store, Rules(default_region="DE", call_script_file=str(script)), clock)
    setup = CallService(ctx).start(lead_id)
    assert setup.script.id == "sdrdesk_bant"
    assert setup.script_warning is not None
    assert f"{script}, line 28:" in setup.script_warning
    assert "“numbr”" in setup.script_warning
    assert "default script" in setup.script_warning


def test_unanswered_leads_are_recommended_for_disqualification_after_enough_tries(
    ctx: ServiceContext, calls: CallService, lead_id: int, sdr: UserInfo
) -> None:
    results = [call(calls, lead_id, sdr, "no_answer") for _ in range(6)]
    assert [r.recommendation is None for r in results] == [True] * 5 + [False]
    last = results[-1].recommendation
    assert last is not None
    assert (last.decision, last.reason_code) == (Decision.DISQUALIFY, "unresponsive")


def test_callback_suggestion_is_inside_the_leads_business_hours(
    ctx: ServiceContext, calls: CallService, lead_id: int
) -> None:
    setup = calls.start(lead_id)
    local = setup.suggested_callback.astimezone(datetime.now(UTC).astimezone().tzinfo)
    assert setup.zone == "Europe/Berlin"
    berlin = setup.suggested_callback.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Berlin"))
    assert berlin.weekday() < 5
    assert 9 <= berlin.hour < 18
    assert local > ctx.now()


TEAM_SCRIPT = """\
id = "team"
name = "Team script"
version = "7"

[[grades]]
grade = "A"
min_total = 80
recommend = "demo"

[[grades]]
grade = "C"
recommend = "nurture"
recontact_days = 30

[[sections]]
id = "need"
title = "Need"

[[sections.questions]]
id = "pain"
text = "Does it hurt?"
type = "yes_no"
weight = { yes = 10 }

[[sections.questions]]
id = "seats"
text = "How many seats?"
type = "number"
bands = [{ min = 20, weight = 10 }, { weight = 2 }]
"""
