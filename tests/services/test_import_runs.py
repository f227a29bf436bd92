"""An import's run: dry runs, progress, cancelling and the events it records."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from sdrdesk.db.models import LeadEvent
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead
from tests.services.import_helpers import _many_rows, counts, run, write_csv


def test_dry_run_writes_nothing(ctx: ServiceContext, sdr: UserInfo, tmp_path: Path) -> None:
    add_lead(ctx, email="known@x.example")
    before = counts(ctx)
    path = write_csv(
        tmp_path,
        [["Email"], ["a@x.example"], ["known@x.example"], ["A@x.example"], ["b@x.example"]],
    )

    report = run(ctx, sdr, path, dry_run=True)

    assert counts(ctx) == before
    assert (report.dry_run, report.imported, report.imported_ids, report.batch_id) == (
        True,
        2,
        (),
        None,
    )
    assert [d.line for d in report.duplicates] == [3, 4]
    assert report.summary().startswith(
        "Dry run: would import 2 of 4 rows from leads.csv (UTF-8, comma); nothing was written."
    )
    assert run(ctx, sdr, path).imported == 2  # and the real run agrees


def test_progress_is_reported_regularly_and_ends_at_the_total(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    path = write_csv(tmp_path, _many_rows(1000))

    report = run(ctx, sdr, path, progress=lambda done, total: calls.append((done, total)))

    assert report.imported == 1000
    assert 20 <= len(calls) <= 150  # about every 1 %, not every row
    assert all(total == 1000 for _, total in calls)
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert calls[-1] == (1000, 1000)


@pytest.mark.parametrize("stop_at", [0.1, 0.85, 1.0], ids=["checking", "writing", "last"])
def test_cancel_rolls_everything_back(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, stop_at: float
) -> None:
    add_lead(ctx, email="known@x.example")
    before = counts(ctx)
    path = write_csv(tmp_path, _many_rows(1200))

    def progress(done: int, total: int) -> bool:
        return done < stop_at * total

    with pytest.raises(SdrdeskError, match=r"^Import cancelled; nothing was imported\.$"):
        run(ctx, sdr, path, progress=progress)
    assert counts(ctx) == before


def test_events_record_the_import_and_the_line(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    report = run(ctx, sdr, write_csv(tmp_path, [["Email"], ["a@x.example"], ["b@x.example"]]))
    with ctx.store.read() as s:
        events = s.execute(
            select(
                LeadEvent.lead_id, LeadEvent.action, LeadEvent.actor_id, LeadEvent.data
            ).order_by(LeadEvent.id)
        ).all()
    assert [(e.lead_id, e.action, e.actor_id) for e in events] == [
        (lead_id, "hand_off", sdr.id) for lead_id in report.imported_ids
    ]
    assert [e.data["line"] for e in events] == [2, 3]
