"""``sdrdesk feedback`` and ``sdrdesk digest`` in a terminal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sdrdesk.cli import main
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.report_scenario import COMMENT_L5, build


@pytest.fixture
def filled(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, other_sdr: UserInfo, database_url: str
) -> str:
    build(ctx, clock, sdr, other_sdr)
    return database_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


PERIOD = ("--since", "2026-03-02", "--until", "2026-03-15")


def test_feedback_csv_to_the_terminal(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "feedback", *PERIOD, "--database-url", filled)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(r["Reason code"] for r in rows) == ["duplicate", "no_budget", "not_icp", "other"]
    assert next(r for r in rows if r["Reason code"] == "other")["Comment"] == "'" + COMMENT_L5


def test_feedback_files_in_every_format(
    filled: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "week.csv"
    code, out, _ = run(
        capsys,
        "feedback",
        *PERIOD,
        "--delimiter",
        "semicolon",
        "-o",
        str(target),
        "--database-url",
        filled,
    )
    assert code == 0, out
    assert "Wrote 4 leads sent back and 2 campaigns" in out
    assert target.read_bytes().startswith(b"\xef\xbb\xbfLead ID;External ID;")
    assert (tmp_path / "week-by-campaign.csv").exists()
    book_path = tmp_path / "week.xlsx"
    code, _, _ = run(capsys, "feedback", *PERIOD, "-o", str(book_path), "--database-url", filled)
    assert code == 0
    assert load_workbook(book_path)["Rejected leads"].max_row == 5
    code, out, _ = run(
        capsys,
        "feedback",
        *PERIOD,
        "--format",
        "json",
        "--source",
        "Webinar",
        "--database-url",
        filled,
    )
    assert code == 0
    assert out.count('"lead_id"') == 2


def test_feedback_refuses_bad_input(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "feedback", "--format", "xlsx", "--database-url", filled)
    assert code == 2
    assert "needs -o FILE" in err
    code, _, err = run(capsys, "feedback", "--since", "March", "--database-url", filled)
    assert code == 2
    assert "is not a date" in err
    code, _, err = run(
        capsys,
        "feedback",
        "--since",
        "2026-03-10",
        "--until",
        "2026-03-01",
        "--database-url",
        filled,
    )
    assert code == 2
    assert "after --until" in err


def test_digest(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "digest", *PERIOD, "--database-url", filled)
    assert code == 0
    assert out.startswith("Lead feedback Mar 2, 2026 – Mar 15, 2026\n")
    assert "Brand (Paid search)" in out
    code, out, _ = run(capsys, "digest", *PERIOD, "--html", "--database-url", filled)
    assert "<h2>Lead feedback" in out
