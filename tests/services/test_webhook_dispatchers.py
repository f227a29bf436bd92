"""At least once, never twice at a time: two dispatchers at once, and one killed between
sending a delivery and marking it sent (in a process of its own, with SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from sdrdesk.db.engine import Store
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.webhooks import DeliverySettings, Dispatcher, DispatchReport, WebhookService
from tests.factories import add_leads
from tests.services.webhook_helpers import connect, deliver, receiver
from tests.webhook_receiver import Receiver

__all__ = ["receiver"]


def _live(store: Store) -> ServiceContext:
    """The real clock and no undo hold: leases and due times as in production."""
    return ServiceContext(store, Rules(default_region="DE", undo_seconds=0))


def test_two_dispatchers_never_send_the_same_delivery(
    store: Store, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    ctx = _live(store)
    connect(ctx, manager, receiver)
    triage = TriageService(ctx)
    for lead in add_leads(ctx, *({} for _ in range(120))):
        triage.accept(lead, actor_id=sdr.id)
    settings = DeliverySettings(batch_size=10, concurrency=4, timeout_seconds=5)
    dispatchers = [Dispatcher(ctx, settings), Dispatcher(ctx, settings)]
    reports = []
    threads = [
        threading.Thread(target=lambda d=d: reports.append(d.deliver_due())) for d in dispatchers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for dispatcher in dispatchers:
        dispatcher.close()
    ids = [r.webhook_id for r in receiver.received]
    assert len(ids) == 120
    assert len(set(ids)) == 120  # none twice
    assert all(report.delivered > 0 for report in reports)  # both took a share
    assert all(r.verified for r in receiver.received)


def test_a_dispatcher_killed_before_marking_leaves_it_to_be_sent_again_with_the_same_id(
    store: Store, database_url: str, tmp_path: Path, sdr: UserInfo, manager: UserInfo,
    receiver: Receiver,
) -> None:  # fmt: skip
    """The default lease is the timeout plus 5 s: the re-send comes seconds after the
    kill, not minutes."""
    ctx = _live(store)
    connect(ctx, manager, receiver)
    (lead,) = add_leads(ctx, {})
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    env = {**os.environ, "SDRDESK_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sdrdesk", "--database-url", database_url,
         "webhooks", "deliver", "--once", "--timeout", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    receiver.mode = process.kill  # it has sent the request; it dies before the answer
    process.wait(60)
    killed = time.monotonic()
    assert process.returncode == -9
    assert len(receiver.received) == 1
    (item,) = WebhookService(ctx).log()
    assert (item.status, item.attempts) == ("pending", 0)  # never marked
    receiver.mode = "ok"
    assert deliver(ctx).attempted == 0  # the dead dispatcher's lease still holds
    while deliver(ctx).delivered == 0:
        assert time.monotonic() - killed < 1 + 5 + 3, "not sent again within the lease"
        time.sleep(0.2)
    assert time.monotonic() - killed > 4  # not before the lease ran out
    first, second = receiver.received
    assert first.webhook_id == second.webhook_id == item.message_id
    assert first.body == second.body
    assert second.verified


def test_a_lease_is_renewed_while_a_long_batch_is_sent(
    store: Store, sdr: UserInfo, manager: UserInfo, receiver: Receiver
) -> None:
    """A batch that takes longer than its lease (a slow receiver) stays its
    dispatcher's: a second dispatcher sends none of it again."""
    ctx = _live(store)
    connect(ctx, manager, receiver)
    triage = TriageService(ctx)
    for lead in add_leads(ctx, *({} for _ in range(6))):
        triage.accept(lead, actor_id=sdr.id)
    receiver.mode = lambda: time.sleep(0.5)  # answers, slowly: 6 × 0.5 s one at a time
    slow = Dispatcher(ctx, DeliverySettings(batch_size=6, concurrency=1, timeout_seconds=2,
                                            lease_seconds=1.2))  # fmt: skip
    other = Dispatcher(ctx, DeliverySettings(timeout_seconds=2, lease_seconds=1.2))
    reports: dict[str, DispatchReport] = {}
    first = threading.Thread(target=lambda: reports.update(slow=slow.deliver_due()))
    first.start()
    time.sleep(1.8)  # past the lease it was given at the claim
    reports["other"] = other.deliver_due()
    first.join(30)
    slow.close()
    other.close()
    ids = [r.webhook_id for r in receiver.received]
    assert len(ids) == 6
    assert len(set(ids)) == 6  # none twice
    assert (reports["slow"].delivered, reports["other"].attempted) == (6, 0)


def test_webhooks_deliver_sends_and_stops_on_sigterm(
    store: Store, database_url: str, tmp_path: Path, sdr: UserInfo, manager: UserInfo,
    receiver: Receiver,
) -> None:  # fmt: skip
    """As a service manager runs it: it sends what another process commits, and SIGTERM
    ends it within seconds with status 0 (on PostgreSQL it waits in LISTEN)."""
    ctx = _live(store)
    connect(ctx, manager, receiver)
    env = {**os.environ, "SDRDESK_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sdrdesk", "--database-url", database_url,
         "webhooks", "deliver"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith(b"Delivering webhooks from")
        (lead,) = add_leads(ctx, {})
        TriageService(ctx).accept(lead, actor_id=sdr.id)
        deadline = time.monotonic() + 10
        while not receiver.received and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(receiver.received) == 1
        time.sleep(1)  # waiting for the next commit (LISTEN on PostgreSQL)
        stopped = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
        assert time.monotonic() - stopped < 5
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
