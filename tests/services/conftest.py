"""Fixtures the service tests share: the call service and an accepted lead to call."""

from __future__ import annotations

import pytest

from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead


@pytest.fixture
def calls(ctx: ServiceContext) -> CallService:
    return CallService(ctx)


@pytest.fixture
def lead_id(ctx: ServiceContext, sdr: UserInfo) -> int:
    """An accepted lead in Berlin, owned by Anna."""
    lead = add_lead(
        ctx, first_name="Jana", last_name="Vogel", phone="030 1234567", country="DE",
        company="Nordlicht Logistik GmbH",
    )  # fmt: skip
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    return lead
