"""``sdrdesk demos`` and ``sdrdesk invite``, run in-process as in a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sdrdesk.cli import main
from sdrdesk.db.engine import Store
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.demos.results import DemoRequest
from sdrdesk.services.demos.service import DemoService
from tests.conftest import FakeClock
from tests.demo_helpers import accepted_lead, berlin, make_team
from tests.ics_validator import validate


@pytest.fixture
def booked(database_url: str) -> list[int]:
    """Two demos in March 2026 (one with David, one with Eva) and a cancelled one."""
    store = Store.open(database_url)
    ctx = ServiceContext(store, Rules(), FakeClock())
    team = make_team(ctx)
    service = DemoService(ctx)
    ids = []
    for n, (ae, day) in enumerate(((team.david, 11), (team.eva, 12), (team.david, 13))):
        lead_id = accepted_lead(ctx, team.sdr, email=f"lead{n}@corp.example")
        request = DemoRequest(ae.id, berlin(2026, 3, day, 16), time_zone="Europe/Berlin")
        ids.append(service.book(lead_id, request, actor_id=team.sdr.id).demo.id)
    service.cancel(ids[2], actor_id=team.sdr.id, reason="Lead asked to cancel")
    store.dispose()
    return ids


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demos_lists_booked_demos_filtered(
    database_url: str, booked: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "demos", "--from", "2026-03-01", "--database-url", database_url)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ID", "Starts", "Min"]
    assert len(lines) == 3  # the cancelled one is left out
    assert "David Chen" in lines[1]
    assert "Wed 11:00 AM EDT" in lines[1]  # the lead's clock, as US English writes it
    code, out, _ = run(
        capsys, "demos", "--from", "2026-03-12", "--ae", "david", "--database-url", database_url
    )
    assert out.strip() == "No demos."
    code, out, _ = run(
        capsys,
        "demos",
        "--from",
        "2026-03-01",
        "--cancelled",
        "--json",
        "--database-url",
        database_url,
    )
    data = json.loads(out)
    assert [d["id"] for d in data] == booked
    assert [d["status"] for d in data] == ["booked", "booked", "cancelled"]
    assert data[0]["ae"]["name"] == "david"
    assert data[0]["starts_at"] == "2026-03-11T15:00:00+00:00"
    assert data[0]["ends_at"] == "2026-03-11T15:30:00+00:00"
    code, _, err = run(capsys, "demos", "--from", "11.03.2026", "--database-url", database_url)
    assert code == 2
    assert "is not a date" in err
    code, _, err = run(capsys, "demos", "--ae", "nobody", "--database-url", database_url)
    assert (code, err.strip()) == (1, "sdrdesk: error: There is no user called “nobody”.")


def test_invite_writes_the_request_or_the_cancel_again(
    database_url: str, booked: list[int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "again.ics"
    code, out, _ = run(
        capsys, "invite", str(booked[0]), "-o", str(target), "--database-url", database_url
    )
    assert code == 0
    assert "REQUEST (sequence 0)" in out
    assert validate(target.read_bytes(), "REQUEST").errors == []
    code, out, _ = run(
        capsys, "invite", str(booked[2]), "-o", str(tmp_path), "--database-url", database_url
    )
    assert code == 0
    written = list(tmp_path.glob("*-cancelled.ics"))
    assert len(written) == 1
    report = validate(written[0].read_bytes(), "CANCEL")
    assert report.errors == []
    assert report.event.value("SEQUENCE") == "1"
    code, out, _ = run(capsys, "invite", str(booked[1]), "-o", "-", "--database-url", database_url)
    assert code == 0
    assert out.startswith("BEGIN:VCALENDAR\r\n")
    code, _, err = run(capsys, "invite", "999", "-o", "-", "--database-url", database_url)
    assert (code, err.strip()) == (1, "sdrdesk: error: Demo 999 does not exist.")
