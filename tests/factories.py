"""Test data through the real intake path (no fixtures that bypass the lifecycle)."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from sdrdesk.domain.leads import LeadInput, clean_lead
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.intake import insert_leads

# Unique default addresses across calls (an object's id() is reused once it is freed, and
# two calls then made the same address: a flaky UNIQUE failure).
_SERIAL = itertools.count(1)


def add_leads(
    ctx: ServiceContext, *specs: dict[str, Any], actor_id: int | None = None
) -> list[int]:
    """Insert leads; each spec holds LeadInput fields plus ``minutes_ago`` (hand-off age)."""
    now = ctx.now()
    cleaned = []
    for i, spec in enumerate(specs):
        spec = dict(spec)
        minutes_ago = spec.pop("minutes_ago", 10 + i)
        spec.setdefault("email", f"lead{next(_SERIAL)}@example-corp.com")
        lead = clean_lead(LeadInput(**spec), default_region=ctx.rules.default_region, now=now)
        lead.handed_off_at = now - timedelta(minutes=minutes_ago)
        cleaned.append(lead)
    with ctx.store.write() as s:
        return insert_leads(s, cleaned, actor_id=actor_id, at=now)


def add_lead(ctx: ServiceContext, actor_id: int | None = None, **fields: Any) -> int:
    return add_leads(ctx, fields, actor_id=actor_id)[0]
