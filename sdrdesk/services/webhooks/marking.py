"""Recording what came of a batch's attempts, in one transaction.

Delivered (2xx): done. 410 Gone: the delivery fails and the endpoint is disabled. Any
other answer, or none: tried again after a delay that doubles with every attempt (with
jitter) until ``retry_hours`` after the event; then the delivery fails and the endpoint
is marked failing (managers see it in ``webhooks list`` and Marketing › Webhooks…; it
is still tried with new events, and a success makes it active again). A delivery left
untried because its endpoint did not answer this batch keeps its attempts and waits
like a retry. When an endpoint answers again, its waiting retries are due at once.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from sdrdesk.db.models import WebhookDelivery, WebhookEndpoint
from sdrdesk.services.webhooks.results import DeliverySettings, DispatchReport
from sdrdesk.services.webhooks.sending import Attempt, shown_url

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    message_id: str
    payload: str
    endpoint_id: int
    attempts: int
    created_at: datetime
    url: str
    secret: str


def load_claimed(s: Session, ids: list[int]) -> list[Claimed]:
    """The deliveries with what sending them needs (their endpoint's URL and secret)."""
    d, e = WebhookDelivery, WebhookEndpoint
    rows = s.execute(
        select(
            d.id, d.message_id, d.payload, d.endpoint_id, d.attempts, d.created_at, e.url, e.secret
        )
        .join(e, e.id == d.endpoint_id)
        .where(d.id.in_(ids))
        .order_by(d.id)
    )
    return [Claimed(*row) for row in rows]


def backoff(settings: DeliverySettings, attempts: int) -> float:
    """Seconds before attempt ``attempts + 1``: doubling, with jitter (50–100 %)."""
    delay = settings.first_retry_seconds * 2 ** max(attempts - 1, 0)
    return float(min(settings.max_retry_seconds, delay) * random.uniform(0.5, 1.0))


def _unlocked() -> dict[str, None]:
    return {"locked_by": None, "locked_until": None}


# Why an endpoint is failing or disabled (``status_note``; shown translated).
GONE = "gone"
RETRIES_RAN_OUT = "retries"


def mark(
    s: Session,
    settings: DeliverySettings,
    results: list[tuple[Claimed, Attempt | None]],
    now: datetime,
) -> DispatchReport:
    d = WebhookDelivery
    window = timedelta(hours=settings.retry_hours)
    delivered = retrying = failed = deferred = 0
    disabled: dict[int, str] = {}
    failing: dict[int, str] = {}
    for item, attempt in results:
        row = d.id == item.id
        if attempt is None:  # not tried: its endpoint did not answer this batch
            deferred += 1
            s.execute(
                update(d)
                .where(row, d.status == "pending")
                .values(
                    available_at=_next(settings, item, item.attempts + 1, now, window),
                    last_error="not tried: the endpoint did not answer",
                    **_unlocked(),
                )
            )
            continue
        values = {
            "attempts": item.attempts + 1,
            "last_attempt_at": now,
            "response_status": attempt.status,
            "response_body": attempt.body,
            "last_error": attempt.error,
            **_unlocked(),
        }
        if attempt.ok:
            delivered += 1
            s.execute(
                update(d)
                .where(row, d.status == "pending")
                .values(status="delivered", delivered_at=now, **values)
            )
        elif attempt.status == 410:
            failed += 1
            disabled[item.endpoint_id] = shown_url(item.url)
            s.execute(update(d).where(row).values(status="failed", **values))
        elif now >= item.created_at + window:
            failed += 1
            failing[item.endpoint_id] = shown_url(item.url)
            s.execute(update(d).where(row).values(status="failed", **values))
        else:
            retrying += 1
            s.execute(
                update(d)
                .where(row)
                .values(
                    available_at=_next(settings, item, item.attempts + 1, now, window), **values
                )
            )
    took = {item.endpoint_id for item, a in results if a is not None and a.ok}
    _endpoints(s, now, took, disabled, failing)
    return DispatchReport(
        delivered,
        retrying,
        failed,
        deferred,
        tuple(sorted(set(disabled.values()))),
        tuple(sorted(set(failing.values()))),
    )


def _next(
    settings: DeliverySettings, item: Claimed, attempts: int, now: datetime, window: timedelta
) -> datetime:
    return min(now + timedelta(seconds=backoff(settings, attempts)), item.created_at + window)


def _endpoints(
    s: Session,
    now: datetime,
    took: set[int],
    disabled: dict[int, str],
    failing: dict[int, str],
) -> None:
    d, e = WebhookDelivery, WebhookEndpoint
    for endpoint_id in took:
        # It answers again: what waits for a retry is due now, and it is healthy.
        s.execute(
            update(d)
            .where(
                d.endpoint_id == endpoint_id,
                d.status == "pending",
                d.available_at > now,
                d.locked_by.is_(None),
                or_(d.attempts > 0, d.last_error.is_not(None)),
            )
            .values(available_at=now)
        )
        s.execute(
            update(e)
            .where(e.id == endpoint_id, e.status == "failing")
            .values(status="active", status_note=None, changed_at=now)
        )
    for endpoint_id, url in failing.items():
        if endpoint_id in took:
            continue
        log.warning("Webhook endpoint %s is failing: deliveries ran out of retries", url)
        s.execute(
            update(e)
            .where(e.id == endpoint_id, e.status == "active")
            .values(
                status="failing",
                status_note=RETRIES_RAN_OUT,
                changed_at=now,
            )
        )
    for endpoint_id, url in disabled.items():
        log.warning("Webhook endpoint %s answered 410 Gone: disabled", url)
        s.execute(
            update(e)
            .where(e.id == endpoint_id, e.status.in_(("active", "failing")))
            .values(
                status="disabled",
                status_note=GONE,
                changed_at=now,
            )
        )
