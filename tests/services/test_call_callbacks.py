"""Callbacks a call sets: due in the queue, never in the past, inside business hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sdrdesk.domain.errors import ValidationError
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.queue import QueueQuery, QueueService, QueueView
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.services.call_helpers import call


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
