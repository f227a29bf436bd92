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
from sdrdesk.domain.contact import PhoneQuality
from sdrdesk.domain.lifecycle import Status
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
