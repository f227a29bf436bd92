"""What a receiver may rely on about order (README, "Delivery guarantees"): none across
retries. A delivery that failed is sent again later, after newer ones; every body
carries its decision's time (``timestamp``), so a receiver that orders by it sees the
decisions in the order they were made, and the retry keeps its ``webhook-id``."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.webhooks import WebhookService
from tests.conftest import FakeClock
from tests.factories import add_lead
from tests.services.webhook_helpers import FAST, connect, deliver, receiver
from tests.webhook_receiver import Receiver

__all__ = ["receiver"]

SLOW_RETRY = replace(FAST, first_retry_seconds=600.0)


def test_a_retried_delivery_arrives_after_a_newer_one_and_orders_by_its_timestamp(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    triage = TriageService(ctx)
    hold = ctx.rules.undo_seconds + 1
    first = add_lead(ctx)
    triage.reject(first, actor_id=sdr.id, reason_code="duplicate")
    clock.advance(seconds=hold)
    receiver.mode = "500"
    assert deliver(ctx, SLOW_RETRY).retrying == 1  # its next try is minutes away
    (waiting,) = WebhookService(ctx).log()

    receiver.mode = "ok"
    clock.advance(seconds=5)
    second = add_lead(ctx)
    triage.reject(second, actor_id=sdr.id, reason_code="duplicate")
    clock.advance(seconds=hold)
    assert deliver(ctx, SLOW_RETRY).delivered == 2  # the answer makes the retry due now

    arrived = [r.body["data"]["lead"]["id"] for r in receiver.received]
    assert arrived == [second, first]  # the retry overtaken
    by_time = sorted(receiver.received, key=lambda r: datetime.fromisoformat(r.body["timestamp"]))
    assert [r.body["data"]["lead"]["id"] for r in by_time] == [first, second]
    assert receiver.received[1].webhook_id == waiting.message_id  # the same id as tried
    assert all(r.verified for r in receiver.received)
