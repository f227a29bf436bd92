"""Duplicates an import finds, within the file and against the store, and a concurrent import."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from sdrdesk.db.engine import Store
from sdrdesk.db.models import ImportBatch
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports import RowIssue
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead
from tests.services.import_helpers import _many_rows, by_email, counts, run, stored, write_csv


def test_duplicates_within_the_file_and_against_the_store(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    known = add_lead(ctx, email="known@x.example", phone="+49 30 11111111")
    path = write_csv(
        tmp_path,
        [
            ["Email", "Phone", "Last Name"],
            ["anna@x.example", "+49 30 22222222", "line 2"],
            ["ANNA@x.example", "", "line 3: same e-mail"],
            ["", "030 22222222", "line 4: no e-mail, same phone"],
            ["ben@x.example", "+49 30 22222222", "line 5: switchboard, new lead"],
            ["Known@X.example", "", "line 6: in the store"],
            ["", "+49 (0)30 1111 1111", "line 7: in the store by phone"],
            ["carl@x.example", "+49 30 11111111", "line 8: own address, shared phone"],
        ],
    )

    report = run(ctx, sdr, path)

    assert report.duplicates == (
        RowIssue(3, "same e-mail as line 2"),
        RowIssue(4, "same phone number as line 2"),
        RowIssue(6, f"already in the store as lead {known} (same e-mail)"),
        RowIssue(7, f"already in the store as lead {known} (same phone number)"),
    )
    assert report.duplicate_of == {6: known, 7: known}
    assert report.imported == 3
    assert sorted(e for e in by_email(ctx) if e is not None) == [
        "anna@x.example",
        "ben@x.example",
        "carl@x.example",
        "known@x.example",
    ]
    summary = report.summary()
    assert "4 duplicates" in summary
    assert f"line 6: already in the store as lead {known} (same e-mail)" in summary
    with ctx.store.read() as s:
        batch = s.get(ImportBatch, report.batch_id)
        assert batch is not None
        assert (batch.rows_total, batch.rows_imported, batch.rows_duplicate) == (7, 3, 4)
        assert batch.imported_by_id == sdr.id
        assert batch.file_name == "leads.csv"
        assert batch.report["duplicates"][0] == [3, "same e-mail as line 2"]


def test_a_number_two_stored_leads_share_matches_the_older_one(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """Whatever else the file holds: the lead a phone number matches does not depend on
    which other rows name which stored lead."""
    reception = add_lead(ctx, email=None, phone="+49 30 33333333", last_name="Reception")
    dora = add_lead(ctx, email="dora@x.example", phone="+49 30 33333333")
    rows = [
        ["Email", "Phone"],
        ["eve@x.example", "030 33333333"],  # no e-mail at the reception: the same lead
        ["dora@x.example", ""],
    ]
    for order in (rows, [rows[0], rows[2], rows[1]]):
        report = run(ctx, sdr, write_csv(tmp_path, order), dry_run=True)
        assert sorted(report.duplicate_of.values()) == [reception, dora]


def test_the_same_file_twice_imports_nothing_new(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [["Email", "Phone"], ["a@x.example", "+49 30 1234567"], ["", "+1 212 555 0182"]],
    )
    first = run(ctx, sdr, path)
    after_first = counts(ctx)

    second = run(ctx, sdr, path)

    assert first.imported == 2
    assert second.imported == 0
    assert [d.line for d in second.duplicates] == [2, 3]
    assert all("already in the store as lead" in d.message for d in second.duplicates)
    assert any(w.line is None and "imported before" in w.message for w in second.warnings)
    assert counts(ctx)[:2] == after_first[:2]


@pytest.mark.postgres_only
def test_a_concurrent_import_of_the_same_lead_rolls_back_with_a_clear_message(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, database_url: str
) -> None:
    rows = [*_many_rows(99), ["race@x.example", ""]]
    path = write_csv(tmp_path, rows)
    other = ServiceContext(store=Store.open(database_url), rules=ctx.rules, clock=ctx.clock)
    added: list[int] = []

    def progress(done: int, total: int) -> None:
        # Checking ends below 80 %; at 80 % this import has looked the file's leads up in
        # the store and not yet inserted any: now another client adds one of them.
        if done >= 0.8 * total and not added:
            worker = threading.Thread(
                target=lambda: added.append(add_lead(other, email="race@x.example"))
            )
            worker.start()
            worker.join(timeout=30)
            assert added, "the other client could not insert its lead"

    try:
        with pytest.raises(
            SdrdeskError,
            match=r"^Another import added some of these leads meanwhile; nothing was imported, "
            r"run it again\.$",
        ):
            run(ctx, sdr, path, progress=progress)
    finally:
        other.store.dispose()
    assert [lead["email"] for lead in stored(ctx)] == ["race@x.example"]
    assert counts(ctx) == (1, 1, 0)
