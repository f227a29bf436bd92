"""An import's report: skipped rows with their lines, the rows not imported to fix, the summary."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports import ImportService, RowIssue, not_imported_csv
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.results import UserInfo
from tests.services.import_helpers import by_email, run, stored, write_csv


def test_skipped_rows_are_reported_with_the_line_they_start_on(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    text = (
        "Email,Phone,Notes\r\n"  # 1
        'a@x.example,,"a note\r\nover three\r\nlines"\r\n'  # 2-4
        ",,nobody to call\r\n"  # 5
        "b@x.example,030 1234567\r\n"  # 6: a field missing
        ",,\r\n"  # 7: empty: not reported
        "\r\n"  # 8: empty
        'not-an-address,n/a,"x\ny"\r\n'  # 9-10
        "c@x.example,,ok\r\n"  # 11
    )
    path = tmp_path / "leads.csv"
    path.write_bytes(text.encode())

    report = run(ctx, sdr, path)

    assert report.skipped == (
        RowIssue(5, "cannot be contacted: no e-mail address, no phone number"),
        RowIssue(
            6,
            "has 2 fields, but the header has 3; a delimiter or quote is probably missing or extra",
        ),
        RowIssue(
            9,
            "cannot be contacted: e-mail “not-an-address” is not valid, phone “n/a” "
            "is not a number",
        ),
    )
    assert (report.rows_total, report.imported) == (5, 2)
    summary = report.summary()
    assert "3 rows skipped" in summary
    assert "line 9: cannot be contacted" in summary
    assert [lead["email"] for lead in stored(ctx)] == ["a@x.example", "c@x.example"]
    assert by_email(ctx)["a@x.example"]["extra"] == {"Notes": "a note\r\nover three\r\nlines"}
    c_id = by_email(ctx)["c@x.example"]["id"]
    assert [e.description for e in LeadService(ctx).get(c_id).events] == [
        f"{sdr.display_name} imported this lead from {path.name} (line 11)"
    ]


def test_the_rows_not_imported_are_saved_to_fix_and_import_again(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """A German export: the rows left out come back as the file had them (semicolons,
    every column), with their line and why; formulas stay inert; fixed and imported
    again, they become leads without the notes."""
    path = write_csv(
        tmp_path,
        [
            ["Vorname", "Nachname", "E-Mail", "Telefon", "Notiz"],
            ["Jürgen", "Groß", "jg@mueller.example", "030 1234567", ""],
            ["Änne", "Öztürk", "", "+49 12", '=HYPERLINK("http://x")'],
            ["Jürgen", "Groß", "jg@mueller.example", "", "zweimal"],
        ],
        encoding="cp1252",
        delimiter=";",
    )
    service = ImportService(ctx)
    preview = service.preview(path)
    report = service.run(path, actor_id=sdr.id, prepared=preview)
    assert (report.imported, len(report.skipped), len(report.duplicates)) == (1, 1, 1)

    text = not_imported_csv(preview, report)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Line", "Not imported because", "Vorname", "Nachname", "E-Mail",
                       "Telefon", "Notiz"]  # fmt: skip
    assert rows[1][:5] == ["3", rows[1][1], "Änne", "Öztürk", ""]
    assert "cannot be contacted" in rows[1][1]
    assert rows[1][6] == '\'=HYPERLINK("http://x")'  # a spreadsheet shows it, never runs it
    assert rows[1][5] == "'+49 12"  # neutralised like every cell ("+1+1" would run)
    assert rows[2][:3] == ["4", "same e-mail as line 2", "Jürgen"]
    assert len(rows) == 3

    fixed = tmp_path / "fixed.csv"
    rows[1][4:6] = ["aenne@oeztuerk.example", ""]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";").writerows(rows[:2])
    fixed.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    again = run(ctx, sdr, fixed)
    assert again.imported == 1
    assert again.mapping["Line"] == again.mapping["Not imported because"] == "ignore"
    lead = by_email(ctx)["aenne@oeztuerk.example"]
    assert lead["extra"] == {"Notiz": '\'=HYPERLINK("http://x")'}


def test_the_summary_writes_big_counts_with_thousands_separators(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    rows = [["Email"], *([f"lead{i}@firm{i}.example"] for i in range(1_200))]
    path = write_csv(tmp_path, [*rows, ["lead1@firm1.example"]])
    report = run(ctx, sdr, path, dry_run=True)
    assert report.summary().startswith(
        "Dry run: would import 1,200 of 1,201 rows from leads.csv (UTF-8, comma)"
    )
