"""The dispatcher: sends what the outbox holds, at least once, never twice at a time.

A pass claims up to ``batch_size`` due deliveries with a lease (``locked_by``,
``locked_until``), in one short transaction: on PostgreSQL the due rows are locked with
``FOR UPDATE SKIP LOCKED``, so two dispatchers claim different rows without waiting; on
SQLite the claim is one ``BEGIN IMMEDIATE`` transaction, one writer at a time, taken in
the first gap between other writers' transactions (``claiming.Writer``). It then sends
them, outside any transaction, ``concurrency`` at a time over one keep-alive HTTP client,
each signed anew, and records the outcomes in one transaction (``marking``).

The lease is a little longer than one request's timeout and is renewed while the batch
is being sent (``claiming.LeaseKeeper``). A dispatcher killed between sending and
marking leaves its lease to run out: within ``timeout + 5 s`` another pass sends the
delivery again with the same ``webhook-id`` (at least once; the receiver drops what it
has seen).

``run()`` loops until ``stop()``: after each pass it sleeps until the next delivery is
due, woken at once by a commit in this process (``wake``), by PostgreSQL's NOTIFY from
another, or on SQLite by ``PRAGMA data_version`` looked at every ``poll_seconds``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sdrdesk.db.models import WebhookDelivery, WebhookEndpoint
from sdrdesk.db.notify import PostgresListener
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.webhooks import claiming, marking, sending, signing, wake
from sdrdesk.services.webhooks.marking import Claimed
from sdrdesk.services.webhooks.outbox import LIVE
from sdrdesk.services.webhooks.results import DeliverySettings, DispatchReport

log = logging.getLogger(__name__)

CHANNEL = "sdrdesk_webhooks"


class Dispatcher:
    def __init__(
        self,
        ctx: ServiceContext,
        settings: DeliverySettings | None = None,
        *,
        name: str | None = None,
        on_report: Callable[[DispatchReport], None] | None = None,
    ) -> None:
        self._ctx = ctx
        self.settings = settings or DeliverySettings()
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._on_report = on_report
        self._http = sending.client(self.settings.timeout_seconds, self.settings.concurrency)
        self._pool = ThreadPoolExecutor(self.settings.concurrency, "sdrdesk-webhook")
        self._stopping = threading.Event()
        self._woken = threading.Event()
        self._listener: PostgresListener | None = None
        self._writer = claiming.Writer(ctx.store)
        self.lease = self.settings.lease

    # --- one pass ---------------------------------------------------------------------

    def deliver_due(self) -> DispatchReport:
        """Send everything due now, batch after batch; returns what came of it. The
        outcomes of one batch are recorded in the transaction that claims the next (one
        write a batch: on SQLite the write lock is everyone's bottleneck)."""
        total = DispatchReport()
        claimed = self._writer.run(self._claim_in) if not self._stopping.is_set() else []
        while claimed:
            ids = [item.id for item in claimed]
            with claiming.LeaseKeeper(self._writer, self.name, ids, self.lease, self._ctx.now):
                results = self._send_all(claimed)
            report, claimed = self._writer.run(partial(self._mark_and_claim, results))
            total = total + report
            if self._on_report is not None:
                self._on_report(report)
        return total

    def _claim_in(self, s: Session) -> list[Claimed]:
        return claiming.claim(
            s,
            name=self.name,
            now=self._ctx.now(),
            lease=self.lease,
            limit=self.settings.batch_size,
        )

    def _mark_and_claim(
        self, results: list[tuple[Claimed, sending.Attempt | None]], s: Session
    ) -> tuple[DispatchReport, list[Claimed]]:
        report = marking.mark(s, self.settings, results, self._ctx.now())
        if self._stopping.is_set():
            return report, []
        return report, self._claim_in(s)

    def _send_all(self, claimed: list[Claimed]) -> list[tuple[Claimed, sending.Attempt | None]]:
        """Each endpoint's deliveries, ``concurrency`` at a time; once a whole group got no
        answer, the endpoint's rest waits (a receiver that is down costs one timeout)."""
        by_endpoint: dict[int, list[Claimed]] = {}
        for item in claimed:
            by_endpoint.setdefault(item.endpoint_id, []).append(item)
        results: list[tuple[Claimed, sending.Attempt | None]] = []
        step = self.settings.concurrency
        for items in by_endpoint.values():
            down = False
            for start in range(0, len(items), step):
                chunk = items[start : start + step]
                if down or self._stopping.is_set():
                    results.extend((item, None) for item in chunk)
                    continue
                attempts = list(self._pool.map(self.send, chunk))
                results.extend(zip(chunk, attempts, strict=True))
                down = all(a.unreachable for a in attempts)
        return results

    def send(self, item: Claimed) -> sending.Attempt:
        body = item.payload.encode("utf-8")
        headers = signing.headers(item.secret, item.message_id, int(time.time()), body)
        return sending.post(
            self._http,
            item.url,
            body,
            headers,
            timeout=self.settings.timeout_seconds,
            max_response_bytes=self.settings.max_response_bytes,
        )

    def next_due(self) -> datetime | None:
        """When the next pending delivery of a live endpoint is due."""
        d, e = WebhookDelivery, WebhookEndpoint
        with self._ctx.store.read() as s:
            return s.scalar(
                select(func.min(d.available_at))
                .join(e, e.id == d.endpoint_id)
                .where(d.status == "pending", e.status.in_(LIVE))
            )

    # --- running ----------------------------------------------------------------------

    def run(self) -> None:
        """Deliver until ``stop()``; a database that goes away is waited for."""
        key = wake.database_key(self._ctx.store.engine.url)
        wake.register(key, self._woken)
        if not self._ctx.store.is_sqlite:
            self._listener = PostgresListener(self._ctx.store.engine.url, channel=CHANNEL)
        try:
            while not self._stopping.is_set():
                try:
                    self.deliver_due()
                    self._sleep(self._seconds_to_next())
                except SdrdeskError as exc:
                    log.warning("Webhook dispatcher: %s", exc)
                    self._stopping.wait(2.0)
        finally:
            wake.unregister(key, self._woken)
            if self._listener is not None:
                self._listener.close()

    def _seconds_to_next(self) -> float:
        due = self.next_due()
        if due is None:
            return self.settings.idle_seconds
        return max(0.0, (due - self._ctx.now()).total_seconds())

    def _sleep(self, seconds: float) -> None:
        if seconds <= 0:  # due now, but claimed by another dispatcher: look again shortly
            self._stopping.wait(0.05)
            return
        seconds = min(seconds, self.settings.idle_seconds)
        if self._listener is not None:
            self._listener.wait(seconds)
            return
        # SQLite: a commit in this process wakes at once; another process's commit is
        # seen by the cheap data_version look every poll_seconds.
        deadline = time.monotonic() + seconds
        while not self._stopping.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if self._woken.wait(min(left, self.settings.poll_seconds)):
                self._woken.clear()
                return
            if self._writer.changed():
                return

    def stop(self) -> None:
        self._stopping.set()
        self._woken.set()
        if self._listener is not None:
            self._listener.close()

    def close(self) -> None:
        self.stop()
        self._pool.shutdown(wait=True)
        self._http.close()
        self._writer.close()


class DispatcherHandle:
    """A dispatcher running on a thread of its own (``intake serve``, the desktop)."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self._thread = threading.Thread(
            target=dispatcher.run, name="sdrdesk-webhook-dispatcher", daemon=True
        )
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 15.0) -> None:
        self.dispatcher.stop()
        self._thread.join(timeout)
        self.dispatcher.close()


def start_dispatcher(
    ctx: ServiceContext, settings: DeliverySettings | None = None
) -> DispatcherHandle:
    """Start delivering in the background; ``handle.stop()`` ends it (waits for the
    batch in flight, at most the timeout)."""
    return DispatcherHandle(Dispatcher(ctx, settings))
