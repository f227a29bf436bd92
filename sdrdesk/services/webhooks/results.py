"""What the webhooks capability returns: endpoints, deliveries, a dispatcher's pass."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

LEASE_MARGIN_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """How the dispatcher sends (the settings' ``webhook_*`` values)."""

    retry_hours: float = 24.0  # then the delivery fails and the endpoint is marked failing
    timeout_seconds: float = 10.0  # one attempt, connecting and reading the answer
    max_response_bytes: int = 64 * 1024  # of the receiver's answer, the rest is not read
    batch_size: int = 100  # deliveries claimed at once
    concurrency: int = 8  # requests in flight
    lease_seconds: float | None = None  # None: timeout_seconds + LEASE_MARGIN_SECONDS
    first_retry_seconds: float = 5.0  # doubled on every failed attempt, with jitter
    max_retry_seconds: float = 3600.0
    poll_seconds: float = 0.05  # SQLite: how often other processes' commits are looked for
    idle_seconds: float = 5.0  # the longest wait between two looks at the outbox

    @property
    def lease(self) -> float:
        """Seconds a claimed batch stays this dispatcher's without a renewal (renewed
        every third of it while sending): just longer than one request may take."""
        if self.lease_seconds is not None:
            return self.lease_seconds
        return self.timeout_seconds + LEASE_MARGIN_SECONDS


@dataclass(frozen=True, slots=True)
class EndpointInfo:
    id: int
    url: str
    description: str | None
    events: tuple[str, ...]
    status: str  # active, failing, disabled
    status_note: str | None
    created_at: datetime
    pending: int = 0
    failed: int = 0
    delivered: int = 0


@dataclass(frozen=True, slots=True)
class EndpointCreated:
    endpoint: EndpointInfo
    secret: str  # shown once, at creation


@dataclass(frozen=True, slots=True)
class DeliveryInfo:
    id: int
    endpoint_id: int
    url: str
    message_id: str
    event_type: str
    lead_id: int | None
    status: str  # pending, delivered, failed, cancelled
    attempts: int
    created_at: datetime
    available_at: datetime
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    response_status: int | None
    response_body: str | None
    last_error: str | None


@dataclass(frozen=True, slots=True)
class DispatchReport:
    """One pass of a dispatcher over what was due."""

    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    deferred: int = 0
    disabled: tuple[str, ...] = ()  # endpoints that answered 410 Gone
    failing: tuple[str, ...] = ()  # endpoints whose retries ran out

    @property
    def attempted(self) -> int:
        return self.delivered + self.retrying + self.failed

    def __add__(self, other: DispatchReport) -> DispatchReport:
        return DispatchReport(
            self.delivered + other.delivered,
            self.retrying + other.retrying,
            self.failed + other.failed,
            self.deferred + other.deferred,
            tuple(dict.fromkeys(self.disabled + other.disabled)),
            tuple(dict.fromkeys(self.failing + other.failing)),
        )


@dataclass(frozen=True, slots=True)
class PingResult:
    delivery_id: int
    status: int | None
    error: str | None
    ok: bool = field(default=False)
