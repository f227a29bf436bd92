"""Code that runs in child processes (spawned) for the multi-process tests."""

from __future__ import annotations

import os
import signal
import uuid
from typing import Any

from sdrdesk.db import lifecycle
from sdrdesk.db.engine import Store
from sdrdesk.db.models import Lead
from sdrdesk.domain.errors import ConflictError
from sdrdesk.domain.lifecycle import Action
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.leads.claims import ClaimService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService


def work_the_pool(url: str, name: str, out: Any) -> None:
    """Claim and triage until the pool is empty; report what this client committed."""
    store = Store.open(url)
    ctx = ServiceContext(store, Rules(default_region="DE"))
    me = UserService(ctx).ensure(name)
    claims, triage = ClaimService(ctx), TriageService(ctx)
    done: list[tuple[int, str, int]] = []
    conflicts = 0
    n = 0
    while True:
        claimed = claims.claim_next(actor_id=me.id, op_id=str(uuid.uuid4()))
        if claimed is None:
            break
        n += 1
        try:
            if n % 2:
                result = triage.accept(
                    claimed.lead_id, actor_id=me.id, expected_version=claimed.version
                )
            else:
                result = triage.reject(
                    claimed.lead_id,
                    actor_id=me.id,
                    reason_code="not_icp",
                    expected_version=claimed.version,
                )
            done.append((result.lead_id, result.action.value, result.event_id))
        except ConflictError:
            conflicts += 1
    store.dispose()
    out.put((name, done, conflicts))


def die_while_accepting(url: str, lead_id: int, name: str) -> None:
    """Start accepting a lead, write it, and get killed before the commit."""
    store = Store.open(url)
    ctx = ServiceContext(store, Rules(default_region="DE"))
    me = UserService(ctx).ensure(name)
    with store.write() as s:
        lead = s.get(Lead, lead_id)
        assert lead is not None
        lifecycle.transition(s, lead, Action.ACCEPT, actor_id=me.id)
        lead.owner_id = me.id
        s.flush()  # the rows are written and locked, not committed
        os.kill(os.getpid(), signal.SIGKILL)
