"""Every decision leaves as a signed webhook written in the action's own transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from sdrdesk.domain.call_script import Decision
from sdrdesk.domain.errors import ValidationError
from sdrdesk.services.calls.results import DecisionInput
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos.results import DemoRequest
from sdrdesk.services.demos.service import DemoService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.privacy import PrivacyService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.webhooks import WebhookService
from tests.conftest import FakeClock
from tests.demo_helpers import accepted_lead, berlin, handover, make_team
from tests.factories import add_lead
from tests.services.call_helpers import GOOD, call
from tests.services.webhook_helpers import connect, deliver, receiver
from tests.webhook_receiver import Receiver

__all__ = ["receiver"]

# (A NUL or a lone surrogate is refused at input: tests/services/test_exports_never_break.)
NAUGHTY = 'ESC\x1b "quotes" \\ back\nline <script>x</script> \u202eRTL =SUM(A1) 🤖\u2028 end'
STORED = NAUGHTY


def test_accept_and_reject_arrive_signed_once_the_undo_window_is_over(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    first, second = add_lead(ctx, external_id="CRM-0042"), add_lead(ctx)
    triage = TriageService(ctx)
    triage.accept(first, actor_id=sdr.id)
    triage.reject(second, actor_id=sdr.id, reason_code="duplicate", comment=NAUGHTY)
    assert deliver(ctx).attempted == 0  # held while it can still be undone
    clock.advance(seconds=ctx.rules.undo_seconds + 1)
    assert deliver(ctx).delivered == 2
    assert sorted(receiver.types()) == ["lead.accepted", "lead.rejected"]  # sent side by side
    assert all(r.verified for r in receiver.received)
    receiver.received.sort(key=lambda r: r.body["type"])
    accepted, rejected = (r.body for r in receiver.received)
    assert accepted["data"]["lead"]["external_id"] == "CRM-0042"
    assert accepted["id"].startswith("evt_")
    assert accepted["timestamp"].startswith("2026-03-10")
    assert rejected["data"]["reason"]["code"] == "duplicate"
    assert rejected["data"]["reason"]["label"]
    assert rejected["data"]["comment"] == STORED  # escaped in the JSON, intact after it
    assert rejected["data"]["sdr"] == "anna"
    raw = receiver.received[1].raw
    assert b"\\u001b" in raw
    assert b"\x1b" not in raw
    assert b"\x00" not in raw
    raw.decode("utf-8")  # valid UTF-8
    assert deliver(ctx).attempted == 0  # nothing twice


def test_an_undone_accept_is_never_sent(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    lead = add_lead(ctx)
    triage = TriageService(ctx)
    done = triage.accept(lead, actor_id=sdr.id)
    clock.advance(seconds=5)
    triage.undo(done.event_id, actor_id=sdr.id)
    clock.advance(minutes=5)
    assert deliver(ctx).attempted == 0
    assert receiver.received == []
    (log,) = WebhookService(ctx).log()
    assert (log.status, log.last_error) == ("cancelled", "undone")


def test_a_rolled_back_action_sends_nothing(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    lead = add_lead(ctx)
    with pytest.raises(ValidationError):
        TriageService(ctx).reject(lead, actor_id=sdr.id, reason_code="no_such_reason")
    clock.advance(minutes=1)
    assert deliver(ctx).attempted == 0
    assert WebhookService(ctx).log() == []


def test_an_endpoint_gets_only_the_events_it_asked_for(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver, events="lead.rejected")
    triage = TriageService(ctx)
    triage.accept(add_lead(ctx), actor_id=sdr.id)
    triage.reject(add_lead(ctx), actor_id=sdr.id, reason_code="duplicate")
    clock.advance(minutes=1)
    deliver(ctx)
    assert receiver.types() == ["lead.rejected"]


def test_calls_demos_and_erasure_send_their_events(
    ctx: ServiceContext, clock: FakeClock, manager: UserInfo, receiver: Receiver
) -> None:
    team = make_team(ctx)
    connect(ctx, manager, receiver)
    calls = CallService(ctx)
    nurtured = accepted_lead(ctx, team.sdr, email="n@example.com")
    later = ctx.now() + timedelta(days=30)
    why = "Budget frozen until the merger closes"
    nurture = DecisionInput(Decision.NURTURE, recontact_at=later, override_reason=why)
    call(calls, nurtured, team.sdr, answers=GOOD, decision=nurture)
    gone = accepted_lead(ctx, team.sdr, email="d@example.com")
    answers = {**GOOD, "budget_status": "none"}
    del answers["budget_amount"]
    no_budget = DecisionInput(Decision.DISQUALIFY, reason_code="no_budget")
    call(calls, gone, team.sdr, answers=answers, decision=no_budget)
    sql = accepted_lead(ctx, team.sdr, external_id="SF-00Q1")
    demos = DemoService(ctx, handover=handover)
    request = DemoRequest(
        ae_id=team.david.id, starts_at=berlin(2026, 3, 11, 16), duration_minutes=30,
        location=None, note=None, time_zone="Europe/Berlin",
    )  # fmt: skip
    booked = demos.book(sql, request, actor_id=team.sdr.id)
    moved = replace(request, starts_at=berlin(2026, 3, 12, 10))
    demos.reschedule(booked.demo.id, moved, actor_id=team.sdr.id)
    demos.cancel(booked.demo.id, actor_id=team.sdr.id, reason="The lead asked to wait")
    PrivacyService(ctx).erase(actor_id=manager.id, reason="Art. 17 request", lead_id=gone)
    erased_at = ctx.now().isoformat()
    clock.advance(minutes=1)
    deliver(ctx)
    assert all(r.verified for r in receiver.received)
    by_type = {r.body["type"]: r.body["data"] for r in receiver.received}
    assert set(by_type) >= {
        "lead.nurture", "lead.sql", "demo.moved", "demo.cancelled", "lead.erased",
    }  # fmt: skip
    assert by_type["lead.nurture"]["recontact_at"] == later.isoformat()
    sql_data = by_type["lead.sql"]
    assert sql_data["lead"]["external_id"] == "SF-00Q1"
    assert sql_data["demo"]["ae"]["name"] == "david"
    assert sql_data["qualification"]["grade"] == "A"
    assert sql_data["qualification"]["scores"]["budget"] == 3.0
    assert sql_data["qualification"]["answers"][0]["section"] == "Budget"
    assert "CFO may join" in sql_data["qualification"]["notes"]
    assert by_type["demo.moved"]["previous_starts_at"]
    assert by_type["demo.cancelled"]["reason"] == "The lead asked to wait"
    assert by_type["lead.erased"] == {"lead": {"id": gone}, "erased_at": erased_at}
    # The disqualification still waiting when the person was erased is never sent.
    log = {item.event_type: item for item in WebhookService(ctx).log(limit=100)}
    assert (log["lead.disqualified"].status, log["lead.disqualified"].last_error) == (
        "cancelled",
        "erased",
    )
    assert not any(b"d@example.com" in r.raw for r in receiver.received)
