"""Shared fixtures: every store-backed test runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from ``SDRDESK_TEST_DATABASE_URL`` (``.ci/run`` sets it). Without it a
PostgreSQL test is skipped on a developer machine, and *fails* when ``CI`` is set, so CI
can never pass with the PostgreSQL half silently missing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Before anything imports Qt or reads settings: no display, no user directories.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = Path(tempfile.mkdtemp(prefix="sdrdesk-tests-"))
os.environ["SDRDESK_DATA_DIR"] = str(_SANDBOX / "data")
os.environ["SDRDESK_CONFIG_DIR"] = str(_SANDBOX / "config")
os.environ.pop("SDRDESK_DATABASE_URL", None)
# English unless a test asks for German (tests/i18n): the host's locale must not leak in.
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "en_US.UTF-8"

import pytest
from sqlalchemy import Connection, text

from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import upgrade
from sdrdesk.domain.users import Role
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService

PG_ENV = "SDRDESK_TEST_DATABASE_URL"


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switched the language leaves English behind for the next one."""
    yield
    from sdrdesk import i18n

    i18n.set_language("en")


IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Tables a test may fill; reasons are restored to the migration's seed instead.
_KEEP = {"alembic_version", "rejection_reasons"}


def postgres_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        message = f"PostgreSQL tests need {PG_ENV} (see .ci/run)"
        if IN_CI:
            pytest.fail(message + " — in CI a missing PostgreSQL is a failure", pytrace=False)
        pytest.skip(message)
    return url


class FakeClock:
    """A clock tests move by hand. Starts on a Tuesday morning, Berlin and New York awake."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 3, 10, 14, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@dataclass
class _PgState:
    store: Store
    reasons: list[dict[str, object]]
    tables: list[str]
    truncate_guards: list[tuple[str, str]]  # (table, trigger) that refuse TRUNCATE

    def truncate(self, conn: Connection) -> None:
        """Empty every table. The history refuses TRUNCATE, the owner's too (migration
        0009): the tests' owner lifts that guard for this statement only."""
        for table, trigger in self.truncate_guards:
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}"))
        conn.execute(text(f"TRUNCATE {', '.join(self.tables)} RESTART IDENTITY CASCADE"))
        for table, trigger in self.truncate_guards:
            conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    store = Store.open(f"sqlite:///{path}")
    upgrade(store.engine)
    store.dispose()
    return path


@pytest.fixture(scope="session")
def _pg_state() -> Iterator[_PgState]:
    url = postgres_url()
    store = Store.open(url)
    with store.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(store.engine)
    with store.engine.connect() as conn:
        reasons = [dict(r._mapping) for r in conn.execute(text("SELECT * FROM rejection_reasons"))]
        tables = [
            t
            for (t,) in conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            )
            if t not in _KEEP
        ]
        guards = [
            (str(table), str(trigger))
            for table, trigger in conn.execute(
                text(
                    "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
                    "WHERE tgname LIKE '%\\_no\\_truncate'"
                )
            )
        ]
    yield _PgState(store, reasons, tables, guards)
    store.dispose()


def _reset_postgres(state: _PgState) -> None:
    with state.store.engine.begin() as conn:
        if state.tables:
            state.truncate(conn)
        conn.execute(text("DELETE FROM rejection_reasons"))
        conn.execute(
            text(
                "INSERT INTO rejection_reasons (id, code, label, requires_comment, active, stage,"
                " sort_order) VALUES (:id, :code, :label, :requires_comment, :active, :stage,"
                " :sort_order)"
            ),
            state.reasons,
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A ``postgres_only`` test has no SQLite variant, a ``sqlite_only`` test no PostgreSQL
    variant (deselected, not skipped)."""
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec is not None else None
        other = {"sqlite": "postgres_only", "postgresql": "sqlite_only"}.get(backend or "")
        (drop if other and item.get_closest_marker(other) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture
def database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> str:
    """A migrated, empty store (reasons seeded) on the backend under test."""
    if backend == "sqlite":
        path = tmp_path / "sdrdesk.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    state: _PgState = request.getfixturevalue("_pg_state")
    _reset_postgres(state)
    return os.environ[PG_ENV]


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = Store.open(database_url)
    yield s
    s.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def rules() -> Rules:
    return Rules(default_region="DE", speed_to_lead_minutes=60)


@pytest.fixture
def ctx(store: Store, rules: Rules, clock: FakeClock) -> ServiceContext:
    return ServiceContext(store=store, rules=rules, clock=clock)


@pytest.fixture
def sdr(ctx: ServiceContext) -> UserInfo:
    return UserService(ctx).add("anna", Role.SDR, display_name="Anna Schmidt")


@pytest.fixture
def other_sdr(ctx: ServiceContext) -> UserInfo:
    return UserService(ctx).add("ben", Role.SDR, display_name="Ben Okafor")


@pytest.fixture
def manager(ctx: ServiceContext) -> UserInfo:
    return UserService(ctx).add("maria", Role.MANAGER, display_name="Maria Manager")
