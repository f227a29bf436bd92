"""The migrated schema is the models' schema, on both backends, and history is append-only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from sdrdesk.db import lifecycle
from sdrdesk.db.base import Base
from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import SCHEMA_HEAD, backup_sqlite, script_head, upgrade
from sdrdesk.db.models import Lead, LeadEvent, RejectionReason, load_all
from sdrdesk.db.search import include_object
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.domain.leads import LeadInput, clean_lead
from sdrdesk.domain.lifecycle import Action, Status
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.intake import insert_leads
from sdrdesk.services.queue import QueueQuery, QueueService, QueueView
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService


def _one_lead(ctx: ServiceContext, actor: UserInfo) -> int:
    lead = clean_lead(
        LeadInput(first_name="Ada", last_name="Lovelace", email="ada@example.com"),
        default_region="GB",
        now=ctx.now(),
    )
    with ctx.store.write() as s:
        return insert_leads(s, [lead], actor_id=actor.id)[0]


def test_migrated_schema_equals_the_models(store: Store) -> None:
    load_all()
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, Base.metadata) == []


# (an index's SQL, the names of a table's indexes) as each backend lists them
_INDEX_QUERIES = {
    "sqlite": (
        "SELECT sql FROM sqlite_master WHERE name = :name",
        "SELECT name FROM sqlite_master WHERE tbl_name = :table",
    ),
    "postgresql": (
        "SELECT indexdef FROM pg_indexes WHERE indexname = :name",
        "SELECT indexname FROM pg_indexes WHERE tablename = :table",
    ),
}


def test_the_op_id_index_holds_user_actions_only_and_still_refuses_a_repeat(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    """Migration 0007: the op_id index is partial on both backends (compare_metadata does
    not compare index predicates), and a second event with the same op_id is refused."""
    lead_id = _one_lead(ctx, sdr)
    one_index, table_indexes = _INDEX_QUERIES[ctx.store.engine.dialect.name]
    with ctx.store.engine.connect() as conn:
        sql = conn.execute(text(one_index), {"name": "uq_lead_events_op_id"}).scalar_one()
        names = set(conn.execute(text(table_indexes), {"table": "lead_events"}).scalars())
    assert "op_id IS NOT NULL" in sql
    assert not names & {"ix_lead_events_lead", "ix_lead_events_action_at"}
    with ctx.store.write() as s:
        lifecycle.record(s, lead_id, "note", actor_id=sdr.id, op_id="retry-1")
    with pytest.raises(DBAPIError), ctx.store.write() as s:
        lifecycle.record(s, lead_id, "note", actor_id=sdr.id, op_id="retry-1")


def test_schema_head_constant_matches_the_migration_scripts() -> None:
    assert script_head() == SCHEMA_HEAD


def test_default_reasons_are_seeded(store: Store) -> None:
    with store.read() as s:
        codes = list(s.scalars(select(RejectionReason.code).order_by(RejectionReason.sort_order)))
        assert codes[:9][-1] == "other"
        other = s.scalars(select(RejectionReason).where(RejectionReason.code == "other")).one()
        assert other.requires_comment
        assert len(codes) >= 12


def test_events_cannot_be_rewritten_even_with_raw_sql(ctx: ServiceContext, sdr: UserInfo) -> None:
    _one_lead(ctx, sdr)
    for statement in ("UPDATE lead_events SET comment = 'edited'", "DELETE FROM lead_events"):
        with pytest.raises(DBAPIError, match="append-only"), ctx.store.engine.begin() as conn:
            conn.execute(text(statement))
    with ctx.store.read() as s:
        assert s.scalar(select(func.count()).select_from(LeadEvent)) == 1


def test_status_cannot_change_outside_the_lifecycle(ctx: ServiceContext, sdr: UserInfo) -> None:
    lead_id = _one_lead(ctx, sdr)
    with ctx.store.write() as s:
        lead = s.get(Lead, lead_id)
        assert lead is not None
        lead.status = Status.SQL
        with pytest.raises(RuntimeError, match="outside the lifecycle"):
            s.flush()
        s.rollback()
    with ctx.store.read() as s:
        assert s.get(Lead, lead_id).status is Status.MQL  # type: ignore[union-attr]


def test_a_transition_and_its_event_commit_together(ctx: ServiceContext, sdr: UserInfo) -> None:
    lead_id = _one_lead(ctx, sdr)

    class LaterStepFailed(Exception):
        pass

    def accept_then_fail() -> None:
        with ctx.store.write() as s:
            lead = s.get(Lead, lead_id)
            assert lead is not None
            lifecycle.transition(s, lead, Action.ACCEPT, actor_id=sdr.id)
            s.flush()
            raise LaterStepFailed  # anything failing later in the same user action

    with pytest.raises(LaterStepFailed):
        accept_then_fail()
    with ctx.store.read() as s:
        assert s.get(Lead, lead_id).status is Status.MQL  # type: ignore[union-attr]
        actions = list(s.scalars(select(LeadEvent.action).where(LeadEvent.lead_id == lead_id)))
        assert actions == ["hand_off"]


def test_sqlite_pragmas(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'x.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 5000
    store.dispose()


def test_the_sqlite_backup_is_a_complete_copy(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'live.db'}")
    upgrade(store.engine)
    ctx = ServiceContext(store)
    _one_lead(ctx, UserService(ctx).ensure("anna"))  # still in the WAL, not checkpointed
    backup = backup_sqlite(store.engine, "0000")
    store.dispose()
    assert backup is not None
    assert backup.exists()
    assert "before-" in backup.name
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT email FROM leads").fetchall() == [("ada@example.com",)]


def test_an_older_file_is_copied_aside_then_migrated_keeping_its_data(tmp_path: Path) -> None:
    from alembic import command

    from sdrdesk.db.migrate import alembic_config

    path = tmp_path / "old.db"
    store = Store.open(f"sqlite:///{path}")
    with store.engine.execution_options(sdrdesk_write=True).begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")  # a file written by the first release
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO leads (email, email_key, email_valid, phone_quality, handed_off_at,"
                " status, do_not_call, attempt_count, extra, created_at, updated_at, version)"
                " VALUES ('old@example.com', 'old@example.com', 1, 'missing',"
                " '2026-01-05 10:00:00.000000', 'mql', 0, 0, '{}', '2026-01-05 10:00:00.000000',"
                " '2026-01-05 10:00:00.000000', 1)"
            )
        )
    result = upgrade(store.engine)
    load_all()
    assert (result.from_revision, result.to_revision) == ("0001", SCHEMA_HEAD)
    assert result.backup is not None
    with sqlite3.connect(result.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT email FROM leads").fetchall() == [("old@example.com",)]
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT email FROM leads")).scalars().all() == ["old@example.com"]
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, Base.metadata) == []
        triggers = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'lead_events'"
        ).scalars()
        assert set(triggers) == {
            "lead_events_no_update",
            "lead_events_no_delete",
            "lead_events_note_search",  # notes searchable (0016)
            "lead_events_note_search_update",
        }
    # The search index was made again (0006) from the leads, this one included: a search
    # for its first letter, and for a longer start, finds it.
    queue = QueueService(ServiceContext(store))
    for typed in ("o", "ol", "e", "example"):
        page = queue.first_page(QueueQuery(view=QueueView.ALL, text=typed))
        assert [row.lead.email for row in page.rows] == ["old@example.com"], typed
    assert queue.first_page(QueueQuery(view=QueueView.ALL, text="x")).rows == ()
    store.dispose()


def test_a_database_from_a_newer_sdrdesk_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    store = Store.open(f"sqlite:///{path}")
    upgrade(store.engine)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SdrdeskError, match="newer sdrdesk"):
        upgrade(store.engine)
    store.dispose()
    # The file itself was left alone.
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
    assert list(tmp_path.glob("*.before-*")) == []


def test_a_foreign_database_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "foreign.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE leads (id INTEGER PRIMARY KEY, name TEXT)")
    store = Store.open(f"sqlite:///{path}")
    with pytest.raises(SdrdeskError, match="not created by sdrdesk"):
        upgrade(store.engine)
    store.dispose()
