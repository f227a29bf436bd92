"""A team on the test PostgreSQL: the grants applied, one real login per person.

Login roles are cluster-wide, so each gets a random suffix and is dropped afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from sdrdesk.db.base import Base
from sdrdesk.db.engine import Store
from sdrdesk.db.grants import MANAGER, MARKETING, SDR, apply_grants
from sdrdesk.db.migrate import SCHEMA_HEAD
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService


@dataclass
class Login:
    """One person connected as their own login, with the user it is bound to."""

    name: str
    url: str
    store: Store
    ctx: ServiceContext
    user: UserInfo

    def sql(self, statement: str, **params: Any) -> list[Any]:
        """Run plain SQL in one transaction as this login (refusals are translated)."""
        with self.store.write() as s:
            result = s.connection().execute(text(statement), params)
            return list(result) if result.returns_rows else []


@dataclass
class TeamLogins:
    owner: ServiceContext
    anna: Login  # SDR
    ben: Login  # SDR
    tom: Login  # manager
    mara: Login  # marketing

    def owner_sql(self, statement: str, **params: Any) -> list[Any]:
        """Plain SQL as the database owner, committed."""
        with self.owner.store.begin() as conn:
            result = conn.execute(text(statement), params)
            return list(result) if result.returns_rows else []


GROUP_OF = {"anna": SDR, "ben": SDR, "tom": MANAGER, "mara": MARKETING}


@pytest.fixture
def team(store: Store) -> Iterator[TeamLogins]:
    suffix = uuid.uuid4().hex[:8]
    names = {person: f"{person}_{suffix}" for person in GROUP_OF}
    with store.engine.begin() as conn:
        apply_grants(conn, Base.metadata, SCHEMA_HEAD)
        for person, login in names.items():
            conn.execute(
                text(f"CREATE ROLE {login} LOGIN PASSWORD 'pw' IN ROLE {GROUP_OF[person]}")
            )
    base = make_url(store.engine.url.render_as_string(hide_password=False))
    logins: dict[str, Login] = {}
    try:
        for person, login in names.items():
            url = base.set(username=login, password="pw").render_as_string(hide_password=False)
            person_store = Store.open(url)
            ctx = ServiceContext(person_store, Rules(default_region="DE"))
            user = UserService(ctx).ensure(login)
            logins[person] = Login(login, url, person_store, ctx, user)
        yield TeamLogins(ServiceContext(store, Rules(default_region="DE")), **logins)
    finally:
        for login_ in logins.values():
            login_.store.dispose()
        with store.engine.begin() as conn:
            for login in names.values():  # they own no objects
                conn.execute(text(f"DROP ROLE IF EXISTS {login}"))
