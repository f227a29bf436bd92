"""Decisions leave sdrdesk as signed webhooks (Standard Webhooks), at least once:
endpoints, the transactional outbox (``outbox.emit``, used by the services that make
the decisions) and the dispatcher that sends it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.webhooks.dispatcher import (
        Dispatcher,
        DispatcherHandle,
        start_dispatcher,
    )
    from sdrdesk.services.webhooks.handoffs import (
        FORMATS,
        SqlHandoff,
        handoffs_csv,
        handoffs_json,
        sql_handoffs,
        write_handoffs,
    )
    from sdrdesk.services.webhooks.results import (
        DeliveryInfo,
        DeliverySettings,
        DispatchReport,
        EndpointCreated,
        EndpointInfo,
        PingResult,
    )
    from sdrdesk.services.webhooks.service import EVENT_TYPES, WebhookService

WHERE = {
    "dispatcher": ("Dispatcher", "DispatcherHandle", "start_dispatcher"),
    "handoffs": (
        "FORMATS",
        "SqlHandoff",
        "handoffs_csv",
        "handoffs_json",
        "sql_handoffs",
        "write_handoffs",
    ),
    "results": (
        "DeliveryInfo",
        "DeliverySettings",
        "DispatchReport",
        "EndpointCreated",
        "EndpointInfo",
        "PingResult",
    ),
    "service": ("EVENT_TYPES", "WebhookService"),
}
__all__ = [
    "EVENT_TYPES",
    "FORMATS",
    "DeliveryInfo",
    "DeliverySettings",
    "DispatchReport",
    "Dispatcher",
    "DispatcherHandle",
    "EndpointCreated",
    "EndpointInfo",
    "PingResult",
    "SqlHandoff",
    "WebhookService",
    "handoffs_csv",
    "handoffs_json",
    "sql_handoffs",
    "start_dispatcher",
    "write_handoffs",
]
__getattr__ = lazy_names(__name__, WHERE)
