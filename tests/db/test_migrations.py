"""A store in daily use migrates to the newest schema with its data, on both backends.

Each test builds a store at the revision before the newest one, fills it the way use
fills it (users who own leads and wrote their history, a call), migrates it as the app
does at start-up, and checks the data and that the schema is the models' schema.
"""

from __future__ import annotations

import ast
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import make_url

from sdrdesk.db.base import Base
from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import SCHEMA_HEAD, alembic_config, upgrade
from sdrdesk.db.models import load_all
from sdrdesk.db.search import include_object
from tests.conftest import postgres_url

BEFORE = "0007"  # the schema the last release wrote
T0 = "2026-11-02 09:00:00+00:00"


@pytest.fixture
def old_store(backend: str, tmp_path: Path) -> Iterator[Store]:
    """An empty store of the backend under test, at ``BEFORE``."""
    if backend == "sqlite":
        store = Store.open(f"sqlite:///{tmp_path / 'old.db'}")
        yield from _at_before(store)
        return
    base = make_url(postgres_url())
    name = f"{base.database}_migr_{uuid.uuid4().hex[:8]}"
    admin = Store.open(postgres_url())
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        store = Store.open(base.set(database=name).render_as_string(hide_password=False))
        yield from _at_before(store)
    finally:
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _at_before(store: Store) -> Iterator[Store]:
    with store.engine.execution_options(sdrdesk_write=True).begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, BEFORE)
    try:
        yield store
    finally:
        store.dispose()


def _fill(store: Store) -> None:
    """Three users, a lead anna accepted, called and booked a demo for with carla, in the
    columns of ``BEFORE``."""
    statements = [
        "INSERT INTO users (id, name, display_name, role, active, created_at) VALUES"
        f" (1, 'anna', 'Anna Schmidt', 'sdr', true, '{T0}'),"
        f" (2, 'tom', 'Tom Becker', 'manager', true, '{T0}'),"
        f" (3, 'carla', 'Carla Weiss', 'ae', true, '{T0}')",
        "INSERT INTO leads (id, first_name, email, email_key, email_valid, phone_quality,"
        " handed_off_at, status, owner_id, do_not_call, attempt_count, extra, created_at,"
        " updated_at, version) VALUES (1, 'Ada', 'ada@example.com', 'ada@example.com', true,"
        f" 'missing', '{T0}', 'working', 1, false, 1, '{{}}', '{T0}', '{T0}', 3)",
        "INSERT INTO lead_events (id, lead_id, at, actor_id, action, from_status, to_status,"
        f" data) VALUES (1, 1, '{T0}', 2, 'hand_off', NULL, 'mql', '{{}}'),"
        f" (2, 1, '{T0}', 1, 'accept', 'mql', 'sal', '{{}}'),"
        f" (3, 1, '{T0}', 1, 'start_working', 'sal', 'working', '{{}}')",
        "INSERT INTO call_attempts (id, lead_id, caller_id, started_at, duration_seconds,"
        " outcome, connected, notes, answers, answer_lines, created_at) VALUES"
        f" (1, 1, 1, '{T0}', 120, 'connected', true, 'Call back in May', '{{}}', '[]', '{T0}')",
        "INSERT INTO demos (id, uid, lead_id, ae_id, sdr_id, starts_at, duration_minutes,"
        " include_handover, status, sequence, created_at, updated_at, version) VALUES"
        f" (1, 'd1@sdrdesk', 1, 3, 1, '{T0}', 30, true, 'booked', 0, '{T0}', '{T0}', 1)",
    ]
    with store.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def test_a_store_in_use_migrates_to_the_newest_schema_keeping_its_data(
    old_store: Store,
) -> None:
    _fill(old_store)
    result = upgrade(old_store.engine)
    assert (result.from_revision, result.to_revision) == (BEFORE, SCHEMA_HEAD)
    with old_store.engine.connect() as conn:
        assert conn.execute(text("SELECT name, login FROM users ORDER BY id")).all() == [
            ("anna", None),  # no login role of that name on this server
            ("tom", None),
            ("carla", None),
        ]
        assert conn.execute(text("SELECT owner_id, status, version FROM leads")).one() == (
            1,
            "working",
            3,
        )
        events = conn.execute(text("SELECT actor_id, action FROM lead_events ORDER BY id")).all()
        assert events == [(2, "hand_off"), (1, "accept"), (1, "start_working")]
        assert conn.execute(text("SELECT caller_id, notes FROM call_attempts")).one() == (
            1,
            "Call back in May",
        )
        assert conn.execute(text("SELECT uid, sdr_id, lead_email FROM demos")).one() == (
            "d1@sdrdesk",
            1,
            None,  # the invite goes to the lead's own address
        )
        load_all()
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_each_migration_names_the_one_it_follows_truthfully() -> None:
    """The header's ``Revises:`` is what a reader trusts; it must say ``down_revision``,
    and the chain must be one line from 0001 to the head (no branch left by a merge)."""

    versions = Path(__file__).parents[2] / "sdrdesk" / "db" / "migrations" / "versions"
    follows: dict[str, str | None] = {}
    for path in sorted(versions.glob("0*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        values = {
            node.target.id: ast.literal_eval(node.value)
            for node in tree.body
            if isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
            and node.target.id in {"revision", "down_revision"}
        }
        header = next(
            line.removeprefix("Revises:").strip()
            for line in (ast.get_docstring(tree) or "").splitlines()
            if line.startswith("Revises:")
        )
        assert header == (values["down_revision"] or ""), path.name
        follows[values["revision"]] = values["down_revision"]
    chain: list[str] = []
    at: str | None = SCHEMA_HEAD
    while at is not None:
        chain.append(at)
        at = follows[at]
    assert sorted(chain) == sorted(follows), "migrations off the chain to SCHEMA_HEAD"
