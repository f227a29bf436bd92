"""Managing webhook endpoints and their deliveries (managers), one transaction a use case."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.orm import Session

from sdrdesk.db.models import WebhookDelivery, WebhookEndpoint
from sdrdesk.domain.errors import NotFoundError, ValidationError
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.roles import require_manager
from sdrdesk.services.webhooks import outbox, payloads, signing
from sdrdesk.services.webhooks.results import (
    DeliveryInfo,
    DeliverySettings,
    EndpointCreated,
    EndpointInfo,
    PingResult,
)
from sdrdesk.services.webhooks.sending import shown_url

EVENT_TYPES = tuple(dict.fromkeys(outbox.EVENT_TYPES.values()))
MAX_URL = 2000


def check_url(url: str) -> str:
    """An http(s) URL with a host, else one sentence saying why not."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            _(
                "“{url}” is not an http:// or https:// address; webhooks go to web addresses only."
            ).format(url=shown_url(url))
        )
    if len(url) > MAX_URL or any(c.isspace() for c in url):
        raise ValidationError(
            _("“{url}” is not a valid web address.").format(url=shown_url(url)[:100])
        )
    return url


def check_events(events: str | list[str]) -> tuple[str, ...]:
    names = events.split(",") if isinstance(events, str) else events
    chosen = tuple(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not chosen:
        raise ValidationError(_("Choose at least one event (--events)."))
    unknown = [n for n in chosen if n not in EVENT_TYPES]
    if unknown:
        raise ValidationError(
            _("Unknown event “{name}”; the events are: {known}.").format(
                name=unknown[0], known=", ".join(EVENT_TYPES)
            )
        )
    return chosen


class WebhookService:
    def __init__(self, ctx: ServiceContext, settings: DeliverySettings | None = None) -> None:
        self._ctx = ctx
        self._settings = settings or DeliverySettings()

    def add(
        self, url: str, events: str | list[str], *, actor_id: int, description: str | None = None
    ) -> EndpointCreated:
        """A new endpoint; its signing secret is returned this once."""
        url = check_url(url)
        chosen = check_events(events)
        secret = signing.new_secret()
        with self._ctx.store.write() as s:
            require_manager(s, actor_id, _("manage webhooks"))
            endpoint_id = s.execute(
                insert(WebhookEndpoint)
                .values(
                    url=url,
                    description=(description or "").strip() or None,
                    events=",".join(chosen),
                    secret=secret,
                    status="active",
                    created_at=self._ctx.now(),
                    created_by_id=actor_id,
                )
                .returning(WebhookEndpoint.id)
            ).scalar_one()
            return EndpointCreated(self._endpoints(s, endpoint_id)[0], secret)

    def endpoints(self) -> list[EndpointInfo]:
        """Every endpoint that is not removed, with its delivery counts (no secrets)."""
        with self._ctx.store.read() as s:
            return self._endpoints(s)

    def remove(self, endpoint_id: int, *, actor_id: int) -> EndpointInfo:
        """The endpoint gets nothing more; its unsent deliveries are cancelled, its log kept."""
        with self._ctx.store.write() as s:
            require_manager(s, actor_id, _("manage webhooks"))
            found = self._endpoints(s, endpoint_id)
            if not found:
                raise NotFoundError(_("There is no webhook endpoint {id}.").format(id=endpoint_id))
            now = self._ctx.now()
            s.execute(
                update(WebhookEndpoint)
                .where(WebhookEndpoint.id == endpoint_id)
                .values(status="removed", changed_at=now)
            )
            s.execute(
                update(WebhookDelivery)
                .where(
                    WebhookDelivery.endpoint_id == endpoint_id,
                    WebhookDelivery.status == "pending",
                )
                .values(status="cancelled", last_error="endpoint removed")
            )
            return found[0]

    def ping(self, endpoint_id: int, *, actor_id: int) -> int:
        """Queue a ``ping`` for the endpoint (whatever its status); returns the delivery."""
        with self._ctx.store.write() as s:
            require_manager(s, actor_id, _("manage webhooks"))
            found = self._endpoints(s, endpoint_id)
            if not found:
                raise NotFoundError(_("There is no webhook endpoint {id}.").format(id=endpoint_id))
            now = self._ctx.now()
            body = payloads.body("ping", now, {"endpoint": {"id": endpoint_id}})
            outbox.queue(s, "ping", body, None, None, now, now, [endpoint_id], direct=True)
            return int(
                s.scalar(
                    select(func.max(WebhookDelivery.id)).where(
                        WebhookDelivery.endpoint_id == endpoint_id
                    )
                )
                or 0
            )

    def test(self, endpoint_id: int, *, actor_id: int) -> PingResult:
        """Send a ping now and say what the receiver answered (the log keeps it too)."""
        from sdrdesk.services.webhooks.dispatcher import Dispatcher
        from sdrdesk.services.webhooks.marking import load_claimed, mark

        delivery_id = self.ping(endpoint_id, actor_id=actor_id)
        with self._ctx.store.read() as s:
            item = load_claimed(s, [delivery_id])[0]
        dispatcher = Dispatcher(self._ctx, self._settings)
        try:
            attempt = dispatcher.send(item)
        finally:
            dispatcher.close()
        with self._ctx.store.write() as s:
            mark(s, self._settings, [(item, attempt)], self._ctx.now())
        return PingResult(delivery_id, attempt.status, attempt.error, attempt.ok)

    def log(
        self, *, failed_only: bool = False, endpoint_id: int | None = None, limit: int = 100
    ) -> list[DeliveryInfo]:
        """The latest deliveries, newest first (``failed_only``: failed, or retrying)."""
        d, e = WebhookDelivery, WebhookEndpoint
        query = (
            select(d, e.url)
            .join(e, e.id == d.endpoint_id)
            .order_by(d.id.desc())
            .limit(max(1, min(limit, 10_000)))
        )
        if failed_only:
            query = query.where(
                (d.status == "failed") | ((d.status == "pending") & (d.attempts > 0))
            )
        if endpoint_id is not None:
            query = query.where(d.endpoint_id == endpoint_id)
        with self._ctx.store.read() as s:
            return [_delivery(row, url) for row, url in s.execute(query)]

    def retry(self, delivery_id: int, *, actor_id: int) -> DeliveryInfo:
        """Send a failed (or waiting) delivery again now, with the same webhook-id; its
        endpoint, if it was disabled or failing, is active again."""
        d, e = WebhookDelivery, WebhookEndpoint
        with self._ctx.store.write() as s:
            require_manager(s, actor_id, _("manage webhooks"))
            found = s.execute(select(d, e.status).join(e).where(d.id == delivery_id)).first()
            if found is None:
                raise NotFoundError(_("There is no webhook delivery {id}.").format(id=delivery_id))
            delivery, endpoint_status = found
            if delivery.status == "delivered":
                raise ValidationError(
                    _("Delivery {id} was delivered already.").format(id=delivery_id)
                )
            if endpoint_status == "removed":
                raise ValidationError(
                    _("The endpoint of delivery {id} was removed.").format(id=delivery_id)
                )
            now = self._ctx.now()
            s.execute(
                update(d)
                .where(d.id == delivery_id)
                .values(
                    status="pending",
                    available_at=now,
                    created_at=now,  # a new retry period from now
                    locked_by=None,
                    locked_until=None,
                )
            )
            s.execute(
                update(e)
                .where(e.id == delivery.endpoint_id, e.status != "active")
                .values(status="active", status_note=None, changed_at=now)
            )
            s.flush()
            url = s.scalar(select(e.url).where(e.id == delivery.endpoint_id)) or ""
            s.refresh(delivery)
            return _delivery(delivery, url)

    def attention(self) -> list[EndpointInfo]:
        """Endpoints a manager must look at: failing or disabled."""
        return [e for e in self.endpoints() if e.status in ("failing", "disabled")]

    def _endpoints(self, s: Session, endpoint_id: int | None = None) -> list[EndpointInfo]:
        d, e = WebhookDelivery, WebhookEndpoint
        counts = (
            select(
                d.endpoint_id,
                func.sum(case((d.status == "pending", 1), else_=0)).label("pending"),
                func.sum(case((d.status == "failed", 1), else_=0)).label("failed"),
                func.sum(case((d.status == "delivered", 1), else_=0)).label("delivered"),
            )
            .group_by(d.endpoint_id)
            .subquery()
        )
        query = (
            select(e, counts.c.pending, counts.c.failed, counts.c.delivered)
            .outerjoin(counts, counts.c.endpoint_id == e.id)
            .where(e.status != "removed")
            .order_by(e.id)
        )
        if endpoint_id is not None:
            query = query.where(e.id == endpoint_id)
        return [
            EndpointInfo(
                row.id,
                shown_url(row.url),
                row.description,
                tuple(row.events.split(",")),
                row.status,
                row.status_note,
                row.created_at,
                int(pending or 0),
                int(failed or 0),
                int(delivered or 0),
            )
            for row, pending, failed, delivered in s.execute(query)
        ]


def _delivery(row: WebhookDelivery, url: str) -> DeliveryInfo:
    return DeliveryInfo(
        row.id,
        row.endpoint_id,
        shown_url(url),
        row.message_id,
        row.event_type,
        row.lead_id,
        row.status,
        row.attempts,
        row.created_at,
        row.available_at,
        row.last_attempt_at,
        row.delivered_at,
        row.response_status,
        row.response_body,
        row.last_error,
    )
