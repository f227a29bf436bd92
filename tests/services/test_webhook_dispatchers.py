"""At least once, never twice at a time: two dispatchers at once, and one killed between
sending a delivery and marking it sent (in a process of its own, with SIGKILL)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from sdrdesk.db.engine import Store
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.webhooks import DeliverySettings, Dispatcher, WebhookService
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
    ctx = _live(store)
    connect(ctx, manager, receiver)
    (lead,) = add_leads(ctx, {})
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    env = {**os.environ, "SDRDESK_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [sys.executable, "-m", "sdrdesk", "--database-url", database_url,
         "webhooks", "deliver", "--once", "--lease", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    receiver.mode = process.kill  # it has sent the request; it dies before the answer
    process.wait(60)
    assert process.returncode == -9
    assert len(receiver.received) == 1
    (item,) = WebhookService(ctx).log()
    assert (item.status, item.attempts) == ("pending", 0)  # never marked
    receiver.mode = "ok"
    assert deliver(ctx).attempted == 0  # the dead dispatcher's lease still holds
    time.sleep(2.1)
    assert deliver(ctx).delivered == 1
    first, second = receiver.received
    assert first.webhook_id == second.webhook_id == item.message_id
    assert first.body == second.body
    assert second.verified
