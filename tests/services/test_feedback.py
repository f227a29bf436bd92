"""The feedback marketing receives: rows, summary, files read back with independent
readers (the csv module, openpyxl, json), formula injection neutralised, the digest."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from openpyxl import load_workbook

from sdrdesk.domain.users import Role
from sdrdesk.services.cells import neutralise
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.feedback.digest import build_digest
from sdrdesk.services.feedback.export import (
    ExportFormat,
    feedback_csv,
    summary_path,
    write_feedback,
)
from sdrdesk.services.feedback.service import Feedback, FeedbackService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService
from tests.conftest import FakeClock
from tests.report_scenario import COMMENT_L5, Scenario, build

# One payload per dangerous first character (OWASP), plus harmless look-alikes.
PAYLOADS = {
    '=HYPERLINK("http://evil.example","x")': True,
    "+1+cmd|' /C calc'!A0": True,
    "-2+3+cmd|' /C calc'!A0": True,
    "@SUM(1+9)*cmd|' /C calc'!A0": True,
    "\t=1+1": True,
    "\r=1+1": True,
    "＝1+1": True,  # full-width equals sign
    "Sales said: =1+1 is fine": False,
    "'already quoted": False,
    "Preis 5 € — „ok“": False,
}


@pytest.fixture
def scenario(ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, other_sdr: UserInfo) -> Scenario:
    return build(ctx, clock, sdr, other_sdr)


@pytest.fixture
def feedback(ctx: ServiceContext, scenario: Scenario) -> Feedback:
    UserService(ctx).add("mia", Role.MARKETING, display_name="Mia Marketing", email="mia@x.de")
    return FeedbackService(ctx).collect(scenario.period())


def test_one_row_per_lead_sent_back_and_never_the_undone_one(
    feedback: Feedback, scenario: Scenario
) -> None:
    rows = {r.lead_id: r for r in feedback.rows}
    ids = scenario.ids
    assert set(rows) == {ids["L8"], ids["L2"], ids["L5"], ids["L3"]}  # not L4 (undone)
    l8 = rows[ids["L8"]]
    assert (l8.source, l8.campaign, l8.decision, l8.reason_code, l8.sdr) == (
        "Paid search",
        "Brand",
        "rejected",
        "duplicate",
        "Ben Okafor",
    )
    assert l8.reason_label == "Duplicate of another lead"
    assert (l8.handed_off_at.day, l8.decided_at.day) == (5, 6)
    assert rows[ids["L3"]].decision == "disqualified"
    assert rows[ids["L2"]].comment == "Retail, 5 people"
    assert feedback.rows[0].lead_id == ids["L8"]  # oldest decision first
    assert feedback.recipients == ("mia@x.de",)


def test_summary_by_campaign(feedback: Feedback) -> None:
    got = {
        (s.source, s.campaign): (s.triaged, s.rejected, s.disqualified, s.top_reasons)
        for s in feedback.summary
    }
    assert got == {
        ("Webinar", "Spring"): (
            3,
            2,
            0,
            (
                ("Not our target customer (industry, size or region)", 1),
                ("Other (explain in the comment)", 1),
            ),
        ),
        ("Paid search", "Brand"): (
            2,
            1,
            1,
            (("Duplicate of another lead", 1), ("No budget", 1)),
        ),
    }


@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_neutralise_each_dangerous_first_character(payload: str) -> None:
    dangerous = PAYLOADS[payload]
    assert neutralise(payload) == ("'" + payload if dangerous else payload)


def test_csv_opens_in_excel_and_cannot_run_formulas(feedback: Feedback, tmp_path: Path) -> None:
    target = tmp_path / "feedback.csv"
    written = write_feedback(feedback, target, ExportFormat.CSV, delimiter=";")
    assert written == [target, summary_path(target)]
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the umlauts
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == 4
    by_lead = {r["Name"]: r for r in rows}
    assert by_lead["Lead L5"]["Comment"] == "'" + COMMENT_L5
    assert by_lead["Lead L5"]["Reason"] == "Other (explain in the comment)"
    assert by_lead["Lead L2"]["Comment"] == "Retail, 5 people"
    assert by_lead["Lead L8"]["Handed off"].startswith("2026-03-05")
    # The neutralised cell is quoted in the file itself, as OWASP advises.
    text = raw.decode("utf-8-sig")
    assert f'"\'{COMMENT_L5.replace(chr(34), chr(34) * 2)}"' in text
    with summary_path(target).open(encoding="utf-8-sig", newline="") as fh:
        summary = list(csv.DictReader(fh, delimiter=";"))
    assert [(s["Campaign"], s["Rejected"], s["Rejection rate"]) for s in summary] == [
        ("Brand", "1", "0.5"),
        ("Spring", "2", "0.6667"),
    ]


def test_every_payload_survives_a_csv_round_trip_inert(feedback: Feedback) -> None:
    from dataclasses import replace

    rows = tuple(replace(feedback.rows[0], comment=p, company=p, name=p) for p in PAYLOADS)
    text = feedback_csv(replace(feedback, rows=rows))
    read = list(csv.reader(io.StringIO(text)))[1:]
    for payload, row in zip(PAYLOADS, read, strict=True):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝"))
        assert row[10] == neutralise(payload)


def test_xlsx_holds_text_never_formulas(feedback: Feedback, tmp_path: Path) -> None:
    from dataclasses import replace

    rows = (*feedback.rows, *(replace(feedback.rows[0], comment=p) for p in PAYLOADS))
    target = tmp_path / "feedback.xlsx"
    write_feedback(replace(feedback, rows=rows), target, ExportFormat.XLSX)
    book = load_workbook(target)
    assert book.sheetnames == ["Rejected leads", "By campaign"]
    sheet = book["Rejected leads"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Lead ID", "External ID", "Name"]
    comment = header.index("Comment")
    cells = [row[comment] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    # XML reads a carriage return back as a line feed; the cell is text either way.
    expected = {p.replace("\r", "\n"): p for p in PAYLOADS}
    payload_cells = {expected[c.value]: c for c in cells if c.value in expected}
    assert set(payload_cells) == set(PAYLOADS)
    for payload, cell in payload_cells.items():
        assert cell.data_type == "s"
        assert cell.quotePrefix is PAYLOADS[payload]
    decided = header.index("Decided")
    assert sheet.cell(row=2, column=decided + 1).is_date
    summary = book["By campaign"]
    assert [c.value for c in summary["B"]][1:] == ["Brand", "Spring"]


def test_json_export(feedback: Feedback, tmp_path: Path) -> None:
    target = tmp_path / "feedback.json"
    write_feedback(feedback, target, ExportFormat.JSON)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["leads"]) == 4
    first = data["leads"][0]
    assert (first["reason_code"], first["decision"], first["sdr"]) == (
        "duplicate",
        "rejected",
        "Ben Okafor",
    )
    assert first["decided_at"].startswith("2026-03-06T10:00")
    assert data["by_campaign"][1]["top_reasons"][0]["leads"] == 1


def test_an_unwritable_file_is_a_clear_error(feedback: Feedback, tmp_path: Path) -> None:
    from sdrdesk.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="Could not write"):
        write_feedback(feedback, tmp_path / "missing" / "x.csv", ExportFormat.CSV)


def test_digest_text_html_and_mail_link(feedback: Feedback) -> None:
    digest = build_digest(feedback)
    assert digest.subject == "Lead feedback Mar 2, 2026 – Mar 15, 2026"
    assert "5 leads triaged, 3 rejected (60%), 1 disqualified after contact." in digest.text
    assert "Spring (Webinar)\n  2 of 3 rejected (67%)" in digest.text
    # The longest comment is the notable one; the HTML escapes it.
    assert COMMENT_L5 in digest.text
    assert "=HYPERLINK(&quot;http://x&quot;)" in digest.html
    assert "<h3>Brand (Paid search)</h3>" in digest.html
    link = urlsplit(digest.mailto())
    assert (link.scheme, unquote(link.path)) == ("mailto", "mia@x.de")
    query = parse_qs(link.query)
    assert query["subject"] == [digest.subject]
    assert query["body"] == [digest.text]


def test_a_quiet_period_says_so(ctx: ServiceContext, scenario: Scenario) -> None:
    from datetime import date

    from sdrdesk.services.reports import period_from_dates

    quiet = FeedbackService(ctx).collect(
        period_from_dates(date(2025, 1, 1), date(2025, 1, 7), zone=UTC)
    )
    assert quiet.rows == ()
    assert "No lead was sent back in this period." in build_digest(quiet).text
