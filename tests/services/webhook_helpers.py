"""Fixtures of the webhook tests: a receiver on 127.0.0.1, an endpoint, a dispatcher."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sdrdesk.services.context import ServiceContext
from sdrdesk.services.results import UserInfo
from sdrdesk.services.webhooks import DeliverySettings, Dispatcher, DispatchReport, WebhookService
from tests.webhook_receiver import Receiver

ALL_EVENTS = (
    "lead.accepted,lead.rejected,lead.disqualified,lead.nurture,lead.sql,demo.moved,"
    "demo.cancelled,lead.erased"
)
FAST = DeliverySettings(timeout_seconds=1.0, first_retry_seconds=1.0, lease_seconds=30.0)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver().start()
    yield r
    r.stop()


def connect(
    ctx: ServiceContext, manager: UserInfo, receiver: Receiver, events: str = ALL_EVENTS
) -> int:
    """An endpoint for ``receiver``, which learns its secret."""
    created = WebhookService(ctx).add(receiver.url, events, actor_id=manager.id)
    receiver.secret = created.secret
    return created.endpoint.id


def deliver(ctx: ServiceContext, settings: DeliverySettings = FAST) -> DispatchReport:
    dispatcher = Dispatcher(ctx, settings)
    try:
        return dispatcher.deliver_due()
    finally:
        dispatcher.close()
