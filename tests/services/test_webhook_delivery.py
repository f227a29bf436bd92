"""Delivery against a real receiver that misbehaves: down, slow, 500, 410, redirects,
50 MB answers; retries with backoff until the endpoint is marked failing."""

from __future__ import annotations

import time
from datetime import timedelta

from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.webhooks import WebhookService
from tests.conftest import FakeClock
from tests.factories import add_lead
from tests.services.webhook_helpers import FAST, connect, deliver, receiver
from tests.webhook_receiver import Receiver

__all__ = ["receiver"]


def _rejected(ctx: ServiceContext, sdr: UserInfo, clock: FakeClock, n: int = 1) -> None:
    triage = TriageService(ctx)
    for _ in range(n):
        triage.reject(add_lead(ctx), actor_id=sdr.id, reason_code="duplicate")
    clock.advance(seconds=ctx.rules.undo_seconds + 1)


def test_a_receiver_that_is_down_gets_everything_once_it_is_back(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    port = receiver.port
    receiver.stop()
    _rejected(ctx, sdr, clock, n=20)
    report = deliver(ctx)
    # The first group found nobody; the rest was not even tried (the endpoint is down).
    assert (report.delivered, report.retrying, report.deferred) == (0, 8, 12)
    waiting = WebhookService(ctx).log(failed_only=True)
    assert len(waiting) == 8
    assert all(item.response_status is None and item.last_error for item in waiting)
    receiver.start(port)
    clock.advance(seconds=FAST.first_retry_seconds * 1.01)
    report = deliver(ctx)
    assert report.delivered == 20
    assert len({r.webhook_id for r in receiver.received}) == 20
    assert all(r.verified for r in receiver.received)


def test_500_is_retried_with_growing_delays_until_the_endpoint_is_marked_failing(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    receiver.mode = "500"
    _rejected(ctx, sdr, clock)
    hooks = WebhookService(ctx)
    delays = []
    for _ in range(4):
        assert deliver(ctx).retrying == 1
        (item,) = hooks.log()
        delays.append((item.available_at - clock.current).total_seconds())
        assert (item.response_status, item.response_body) == (500, '{"error": "database on fire"}')
        clock.current = item.available_at
    first = FAST.first_retry_seconds
    for n, delay in enumerate(delays):
        assert first * 2**n * 0.5 <= delay <= first * 2**n  # doubling, with jitter
    assert hooks.attention() == []
    clock.advance(hours=FAST.retry_hours)
    report = deliver(ctx)
    assert (report.failed, report.failing) == (1, (receiver.url,))
    (endpoint,) = hooks.attention()
    assert (endpoint.status, endpoint.status_note, endpoint.failed) == ("failing", "retries", 1)
    # A later event that arrives makes it healthy again.
    receiver.mode = "ok"
    _rejected(ctx, sdr, clock)
    assert deliver(ctx).delivered == 1
    assert hooks.attention() == []


def test_a_slow_receiver_times_out_and_is_tried_again(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    receiver.mode, receiver.slow_seconds = "slow", 3.0
    _rejected(ctx, sdr, clock)
    started = time.monotonic()
    assert deliver(ctx).retrying == 1
    assert time.monotonic() - started < 2.5
    (item,) = WebhookService(ctx).log()
    assert item.last_error == "no answer within 1 s"
    receiver.mode = "ok"
    clock.advance(minutes=1)
    assert deliver(ctx).delivered == 1
    assert receiver.received[0].webhook_id == item.message_id  # the same id on the retry


def test_410_disables_the_endpoint(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    receiver.mode = "410"
    _rejected(ctx, sdr, clock, n=2)
    report = deliver(ctx)
    assert report.disabled == (receiver.url,)
    hooks = WebhookService(ctx)
    (endpoint,) = hooks.endpoints()
    assert (endpoint.status, endpoint.status_note) == ("disabled", "gone")
    hits = receiver.hits
    _rejected(ctx, sdr, clock)
    clock.advance(days=1)
    deliver(ctx)
    assert receiver.hits == hits  # nothing more is sent to it
    failed = next(item for item in hooks.log() if item.status == "failed")
    receiver.mode = "ok"
    hooks.retry(failed.id, actor_id=manager.id)  # a manager sends it again: active again
    assert deliver(ctx).delivered == 1
    assert hooks.endpoints()[0].status == "active"


def test_a_redirect_is_not_followed(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    receiver.mode = "redirect"
    _rejected(ctx, sdr, clock)
    assert deliver(ctx).retrying == 1
    (item,) = WebhookService(ctx).log()
    assert item.response_status == 302
    assert item.last_error == "redirect to http://198.51.100.7/elsewhere not followed"
    assert receiver.hits == 1


def test_a_50_mb_answer_is_cut_off(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    receiver.mode = "huge"
    _rejected(ctx, sdr, clock)
    started = time.monotonic()
    assert deliver(ctx).delivered == 1
    assert time.monotonic() - started < 5
    (item,) = WebhookService(ctx).log()
    assert item.response_body is not None
    assert len(item.response_body) == FAST.max_response_bytes


def test_the_hold_of_an_accept_ends_with_its_undo_window(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    connect(ctx, manager, receiver)
    TriageService(ctx).accept(add_lead(ctx), actor_id=sdr.id)
    clock.advance(seconds=ctx.rules.undo_seconds)
    assert deliver(ctx).attempted == 0
    clock.advance(seconds=1)
    assert deliver(ctx).delivered == 1
    (item,) = WebhookService(ctx).log()
    assert item.available_at - item.created_at == timedelta(seconds=ctx.rules.undo_seconds + 1)
