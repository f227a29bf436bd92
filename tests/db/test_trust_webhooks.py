"""Webhooks on a team database, with real logins: only managers see endpoints' secrets and
change deliveries; an SDR's action still writes its outbox rows in its own transaction."""

from __future__ import annotations

import pytest

from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.webhooks import WebhookService
from tests.db.conftest import TeamLogins
from tests.factories import add_lead

pytestmark = pytest.mark.postgres_only


def _endpoint(team: TeamLogins) -> int:
    created = WebhookService(team.tom.ctx).add(
        "https://crm.example/hooks", "lead.accepted,lead.rejected", actor_id=team.tom.user.id
    )
    return created.endpoint.id


def test_an_sdrs_accept_queues_its_webhook_and_the_undo_withdraws_it(team: TeamLogins) -> None:
    _endpoint(team)
    lead = add_lead(team.owner)
    triage = TriageService(team.anna.ctx)
    done = triage.accept(lead, actor_id=team.anna.user.id)
    rows = team.owner_sql(
        "SELECT event_type, lead_id, status, source_event_id FROM webhook_deliveries"
    )
    assert rows == [("lead.accepted", lead, "pending", done.event_id)]
    triage.undo(done.event_id, actor_id=team.anna.user.id)
    assert team.owner_sql("SELECT status, last_error FROM webhook_deliveries") == [
        ("cancelled", "undone")
    ]


def test_an_sdr_reads_no_secret_and_changes_no_delivery(team: TeamLogins) -> None:
    _endpoint(team)
    lead = add_lead(team.owner)
    TriageService(team.anna.ctx).accept(lead, actor_id=team.anna.user.id)
    anna = team.anna
    for statement in (
        "SELECT secret FROM webhook_endpoints",
        "SELECT payload FROM webhook_deliveries",
        "UPDATE webhook_deliveries SET status = 'delivered'",
        "UPDATE webhook_endpoints SET url = 'https://evil.example/'",
        "INSERT INTO webhook_deliveries (endpoint_id, message_id, event_type, payload, status,"
        " created_at, available_at, attempts) VALUES (1, 'msg_x', 'lead.sql', '{}', 'pending',"
        " now(), now(), 0)",
    ):
        with pytest.raises(PermissionDeniedError):
            anna.sql(statement)
    with pytest.raises(PermissionDeniedError):
        WebhookService(anna.ctx).add("https://x.example/", "lead.sql", actor_id=anna.user.id)
    assert WebhookService(team.tom.ctx).endpoints()[0].url == "https://crm.example/hooks"


def test_nobody_queues_a_webhook_for_an_action_they_did_not_take(team: TeamLogins) -> None:
    _endpoint(team)
    lead = add_lead(team.owner)
    done = TriageService(team.ben.ctx).accept(lead, actor_id=team.ben.user.id)
    forged = "SELECT sdrdesk_webhook_emit('lead.accepted', '{}', :l, :e, now(), now())"
    with pytest.raises(PermissionDeniedError, match="action of this transaction"):
        team.anna.sql(forged, l=lead, e=done.event_id)
    with pytest.raises(PermissionDeniedError, match="undo of this transaction"):
        team.anna.sql("SELECT sdrdesk_webhook_withdraw(:e)", e=done.event_id)
    with pytest.raises(PermissionDeniedError):  # marketing acts on no lead
        team.mara.sql(forged, l=lead, e=done.event_id)
    assert team.owner_sql("SELECT count(*) FROM webhook_deliveries") == [(1,)]
