"""The intake's login on a team database: it adds and routes the leads it hands off, and
nothing else; nobody else reads a token's hash."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from sdrdesk.db.engine import Store
from sdrdesk.db.grants import INTAKE
from sdrdesk.domain.assignment import parse_rules
from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.intake import IntakeService, TokenService
from tests.db.conftest import TeamLogins
from tests.factories import add_leads

pytestmark = pytest.mark.postgres_only


def test_the_intake_login_routes_what_it_hands_off_and_nothing_else(
    team: TeamLogins, backend: str
) -> None:
    login = f"intake_{uuid.uuid4().hex[:8]}"
    team.owner_sql(f"CREATE ROLE {login} LOGIN PASSWORD 'pw' IN ROLE {INTAKE}")
    url = make_url(team.owner.store.engine.url.render_as_string(hide_password=False))
    store = Store.open(url.set(username=login, password="pw"))
    try:
        rules = parse_rules(
            f'mode = "pool"\n[[rule]]\nname = "Hot"\nmin_score = 80\naction = "accept"\n'
            f'sdrs = ["{team.anna.name}"]\n',
            "rules.toml",
        )
        ctx = replace(ServiceContext(store, Rules(default_region="DE")), assignment=rules)
        token = TokenService(team.owner).add("Web", actor_id=None)
        caller = TokenService(ctx).caller(token.token)
        assert caller is not None
        answer = IntakeService(ctx).receive(
            caller, {"leads": [{"email": "hot@x.de", "score": "90"}, {"email": "c@x.de"}]}
        )
        assert answer.status == 201, answer.body
        hot, cold = answer.body["leads"]
        assert (hot["owner"], hot["accepted"]) == (team.anna.name, True)
        actor = team.owner_sql(
            "SELECT u.login FROM lead_events e JOIN users u ON u.id = e.actor_id "
            "WHERE e.lead_id = :i AND e.action = 'accept'",
            i=hot["id"],
        )
        assert actor == [(login,)]  # in the intake's own name
        [older] = add_leads(team.owner, {"email": "older@x.de", "score": "95"})
        with pytest.raises(PermissionDeniedError), store.write() as s:
            s.connection().execute(
                text("UPDATE leads SET owner_id = :o WHERE id = :i"),
                {"o": team.anna.user.id, "i": older},
            )
        assert cold["status"] == "created"
    finally:
        store.dispose()
        team.owner_sql(f"DROP ROLE IF EXISTS {login}")


def test_an_sdr_reads_a_tokens_source_but_never_its_hash(team: TeamLogins, backend: str) -> None:
    TokenService(team.owner).add("Web", actor_id=None)
    assert team.anna.sql("SELECT source, hint FROM intake_tokens")[0][0] == "Web"
    assert [t.source for t in TokenService(team.anna.ctx).list()] == ["Web"]
    with pytest.raises(PermissionDeniedError):
        team.anna.sql("SELECT token_hash FROM intake_tokens")
    with pytest.raises(PermissionDeniedError):
        team.anna.sql("SELECT key FROM intake_answers")
