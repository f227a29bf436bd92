"""The bulk insert path stores what the ORM stores and refuses what the schema refuses."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from sdrdesk.db import bulk, tables
from sdrdesk.db.engine import Store
from sdrdesk.db.models import Lead, LeadEvent
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.phones import PhoneQuality
from sdrdesk.services.context import ServiceContext

LEADS = tables.leads
NOW = datetime(2026, 3, 10, 14, 30, tzinfo=UTC)


def _lead(**values: Any) -> dict[str, Any]:
    return {
        "email": "ada@example.com",
        "email_key": "ada@example.com",
        "email_valid": True,
        "phone_quality": PhoneQuality.MISSING,
        "handed_off_at": NOW,
        "status": Status.MQL,
        "do_not_call": False,
        "attempt_count": 0,
        "extra": {"Notes": "wants a demo", "Größe": "51–200"},
        "created_at": NOW,
        "updated_at": NOW,
        "version": 1,
        **values,
    }


def test_rows_read_back_as_the_orm_wrote_them(ctx: ServiceContext) -> None:
    with ctx.store.write() as s:
        rows = [_lead(), _lead(email_key="b@example.com")]
        ids = bulk.insert_rows(s, LEADS, rows, return_ids=True)
    with ctx.store.read() as s:
        lead = s.get_one(Lead, ids[0])
        assert (lead.status, lead.phone_quality, lead.handed_off_at) == (
            Status.MQL,
            PhoneQuality.MISSING,
            NOW,
        )
        assert lead.extra == {"Notes": "wants a demo", "Größe": "51–200"}
    assert ids[1] == ids[0] + 1


@pytest.mark.parametrize("column", ["status", "phone_quality"])
def test_a_value_outside_an_enum_is_refused(ctx: ServiceContext, column: str) -> None:
    with pytest.raises((ValueError, StatementError)), ctx.store.write() as s:
        bulk.insert_rows(s, LEADS, [_lead(**{column: "lost"})])
    with ctx.store.read() as s:
        assert s.scalars(select(Lead)).all() == []


def test_sqlite_checks_its_constraints_again_after_a_bulk_insert(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """The bulk path checks enum values itself and has SQLite skip its CHECKs for that one
    statement; every other statement is checked by SQLite as before."""
    shutil.copy(sqlite_template, tmp_path / "checks.db")
    store = Store.open(f"sqlite:///{tmp_path / 'checks.db'}")
    try:
        with store.write() as s:
            (lead_id,) = bulk.insert_rows(s, LEADS, [_lead()], return_ids=True)
            event = {"lead_id": lead_id, "at": NOW, "action": "hand_off", "data": {}}
            bulk.insert_rows(s, cast(Table, LeadEvent.__table__), [event])
        with pytest.raises(IntegrityError, match="CHECK constraint failed"), store.write() as s:
            s.execute(text("UPDATE leads SET status = 'lost'"))
    finally:
        store.dispose()


def test_a_big_import_gets_a_bigger_page_cache_for_its_transaction_only(
    sqlite_template: Path, tmp_path: Path
) -> None:
    shutil.copy(sqlite_template, tmp_path / "cache.db")
    store = Store.open(f"sqlite:///{tmp_path / 'cache.db'}")
    try:
        with store.write() as s:

            def size() -> Any:
                return s.connection().exec_driver_sql("PRAGMA cache_size").scalar()

            before = size()
            with bulk.cache_for_rows(s, 100_000):
                assert size() == -100_000  # KiB
            with bulk.cache_for_rows(s, 10**9):
                assert size() == -256 * 1024
            with bulk.cache_for_rows(s, 10):  # never smaller than it was
                assert size() == before
            assert size() == before
    finally:
        store.dispose()


def _indexes(store: Store) -> list[tuple[str, str]]:
    """The indexes of ``leads`` as another connection sees them (committed state)."""
    with store.engine.connect() as conn:
        return [
            (str(name), str(sql))
            for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                " AND tbl_name = 'leads' AND sql IS NOT NULL ORDER BY name"
            )
        ]


def _plan(store: Store, sql: str) -> str:
    with store.engine.connect() as conn:
        return " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))


@pytest.fixture
def sqlite_store(sqlite_template: Path, tmp_path: Path) -> Any:
    shutil.copy(sqlite_template, tmp_path / "bulk.db")
    store = Store.open(f"sqlite:///{tmp_path / 'bulk.db'}")
    yield store
    store.dispose()


def _many(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [
        _lead(email=f"l{i}@example.com", email_key=f"l{i}@example.com", score=i % 97)
        for i in range(start, start + n)
    ]


def test_indexes_dropped_for_a_big_insert_are_made_again_as_they_were(
    sqlite_store: Store,
) -> None:
    before = _indexes(sqlite_store)
    assert len(before) >= 6
    with sqlite_store.write() as s:
        with bulk.indexes_built_after(
            s, LEADS, 50, keep={"ix_leads_phone_e164"}, min_rows=10
        ) as built_after:
            during = {
                str(name)
                for (name,) in s.connection().exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads'"
                )
            }
            bulk.insert_rows(s, LEADS, _many(50))
        assert built_after
        # Kept: the one named, and the unique e-mail key, which checks every row.
        assert "ix_leads_phone_e164" in during
        assert "ix_leads_zone_queue" not in during
        assert any(name.startswith("sqlite_autoindex_leads") for name in during)
    assert _indexes(sqlite_store) == before
    assert "ix_leads_zone_queue" in _plan(
        sqlite_store,
        "SELECT id FROM leads WHERE status = 'mql' AND time_zone = 'Europe/Berlin'"
        " ORDER BY score DESC",
    )
    with sqlite_store.read() as s:
        assert s.scalar(text("SELECT count(*) FROM leads WHERE score = 3")) == 1


def test_an_insert_that_fails_leaves_the_indexes_and_no_row(sqlite_store: Store) -> None:
    before = _indexes(sqlite_store)
    with (  # noqa: PT012
        pytest.raises(IntegrityError),
        sqlite_store.write() as s,
        bulk.indexes_built_after(s, LEADS, 50, min_rows=10),
    ):
        bulk.insert_rows(s, LEADS, _many(40))
        bulk.insert_rows(s, LEADS, _many(1))  # the same e-mail key again
    assert _indexes(sqlite_store) == before
    with sqlite_store.read() as s:
        assert s.scalar(text("SELECT count(*) FROM leads")) == 0


def test_a_table_bigger_than_the_insert_and_a_small_insert_keep_their_indexes(
    sqlite_store: Store,
) -> None:
    with sqlite_store.write() as s:
        bulk.insert_rows(s, LEADS, _many(30))
    before = _indexes(sqlite_store)
    with sqlite_store.write() as s:
        with bulk.indexes_built_after(s, LEADS, 20, min_rows=10) as bigger_table:
            names = [
                name
                for (name,) in s.connection().exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads'"
                    " AND sql IS NOT NULL ORDER BY name"
                )
            ]
            assert names == [name for name, _sql in before]
        with bulk.indexes_built_after(s, LEADS, 200) as small_insert:  # default: 10,000
            pass
    assert (bigger_table, small_insert) == (False, False)
