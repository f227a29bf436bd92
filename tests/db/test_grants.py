"""Least privilege on a team database: each role can do its job and nothing more."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from sdrdesk.db.base import Base
from sdrdesk.db.engine import Store
from sdrdesk.db.grants import MARKETING, SDR, apply_grants
from sdrdesk.db.migrate import SCHEMA_HEAD
from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService
from tests.factories import add_lead

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def logins(store: Store) -> Iterator[dict[str, str]]:
    """Apply the grants and make one login per group; returns their database URLs."""
    suffix = uuid.uuid4().hex[:8]
    made = {"sdr": f"t_sdr_{suffix}", "marketing": f"t_mkt_{suffix}"}
    with store.engine.begin() as conn:
        apply_grants(conn, Base.metadata, SCHEMA_HEAD)
        conn.execute(text(f"CREATE ROLE {made['sdr']} LOGIN PASSWORD 'pw' IN ROLE {SDR}"))
        conn.execute(
            text(f"CREATE ROLE {made['marketing']} LOGIN PASSWORD 'pw' IN ROLE {MARKETING}")
        )
    base = make_url(str(store.engine.url.render_as_string(hide_password=False)))
    yield {
        k: base.set(username=v, password="pw").render_as_string(hide_password=False)
        for k, v in made.items()
    }
    with store.engine.begin() as conn:
        for role in made.values():  # they own no objects: their rows belong to the tables
            conn.execute(text(f"DROP ROLE {role}"))


def test_an_sdr_works_leads_but_cannot_delete_or_rewrite(
    store: Store, logins: dict[str, str], backend: str
) -> None:
    owner_ctx = ServiceContext(store, Rules(default_region="DE"))
    lead_id = add_lead(owner_ctx, first_name="Ada", email="ada@example.com")
    sdr_store = Store.open(logins["sdr"])
    ctx = ServiceContext(sdr_store, Rules(default_region="DE"))
    me = UserService(ctx).ensure(make_url(logins["sdr"]).username or "")
    TriageService(ctx).accept(lead_id, actor_id=me.id)
    assert LeadService(ctx).get(lead_id).summary.owner == me.name
    for statement in (
        "DELETE FROM leads",
        "UPDATE leads SET external_id = 'X-1'",  # contact data: test_trust_corrections
        "TRUNCATE lead_events",
        "INSERT INTO rejection_reasons (code, label, requires_comment, active, stage,"
        " sort_order) VALUES ('mine', 'Mine', false, true, 'reject', 1)",
    ):
        with pytest.raises(PermissionDeniedError, match="may not"), sdr_store.write() as s:
            s.execute(text(statement))
    sdr_store.dispose()


def test_marketing_reads_but_changes_nothing(store: Store, logins: dict[str, str]) -> None:
    owner_ctx = ServiceContext(store, Rules(default_region="DE"))
    lead_id = add_lead(owner_ctx, first_name="Ada", email="ada@example.com")
    boss = UserService(owner_ctx).ensure("sdr_for_marketing_test")
    mkt_store = Store.open(logins["marketing"])
    ctx = ServiceContext(mkt_store, Rules(default_region="DE"))
    assert [lead.first_name for lead in LeadService(ctx).list_leads()] == ["Ada"]
    with pytest.raises(PermissionDeniedError, match="may not change leads"):
        TriageService(ctx).accept(lead_id, actor_id=boss.id)
    assert LeadService(ctx).get(lead_id).summary.status.value == "mql"
    mkt_store.dispose()


def test_an_sdr_may_not_change_full_names_on_a_team_database(
    store: Store, logins: dict[str, str]
) -> None:
    owner_ctx = ServiceContext(store, Rules(default_region="DE"))
    sdr_store = Store.open(logins["sdr"])
    ctx = ServiceContext(sdr_store, Rules(default_region="DE"))
    users = UserService(ctx)
    me = users.ensure(make_url(logins["sdr"]).username or "", display_name="Sam Dar")
    with pytest.raises(PermissionDeniedError, match="may not change users"):
        users.rename(me, "Samuel Dar")
    assert users.get(me.name).display_name == "Sam Dar"
    sdr_store.dispose()
    # Whoever may update users (a manager, here the database owner) can.
    assert UserService(owner_ctx).rename(me, "Samuel Dar").display_name == "Samuel Dar"
