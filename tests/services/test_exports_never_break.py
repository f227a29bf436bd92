"""Exports never break: the naughty strings (a subset of blns.txt) and CSV-injection
payloads, stored as reject comments, go through every export on both backends, and
every file written opens (openpyxl, csv, json, icalendar) with every string as stored,
or cleaned as ``sdrdesk.domain.safe_text`` documents."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import icalendar
import pytest
from openpyxl import load_workbook

from sdrdesk.cli import main
from sdrdesk.domain.errors import ImportFileError, ValidationError
from sdrdesk.domain.safe_text import for_terminal, nul_message
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos.invites import build_invite
from sdrdesk.services.feedback import ExportFormat, FeedbackService, write_feedback
from sdrdesk.services.imports import ImportService, not_imported_csv
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.reports import period_from_dates
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead
from tests.naughty import NAUGHTY, expected_in_csv, expected_in_file
from tests.services.import_helpers import by_email, write_csv
from tests.services.test_invites import _demo

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


SURROGATE = re.compile("[\ud800-\udfff]")
STORABLE = [t for t in NAUGHTY if not SURROGATE.search(t)]


def _reject_all(ctx: ServiceContext, sdr: UserInfo) -> dict[str, str]:
    """Each naughty string as the comment of a rejected lead: {lead name: comment}."""
    comments = {}
    triage = TriageService(ctx)
    for i, text in enumerate(STORABLE):
        name = f"Naughty{i:03d}"
        lead_id = add_lead(ctx, first_name="Lead", last_name=name, source="Naughty")
        triage.reject(lead_id, actor_id=sdr.id, reason_code="other", comment=text)
        comments[f"Lead {name}"] = text
    return comments


def _stored(ctx: ServiceContext, comments: dict[str, str]) -> dict[str, str]:
    today = ctx.now().date()
    feedback = FeedbackService(ctx).collect(period_from_dates(today, today))
    stored = {r.name: r.comment or "" for r in feedback.rows}
    assert set(stored) == set(comments)
    for name, text in comments.items():  # stored as entered (a comment is trimmed)
        assert stored[name] in (text, text.strip())
    return stored


def test_every_export_file_opens_with_every_string(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    stored = _stored(ctx, _reject_all(ctx, sdr))
    today = ctx.now().date()
    feedback = FeedbackService(ctx).collect(period_from_dates(today, today))

    csv_path, _summary = write_feedback(feedback, tmp_path / "f.csv", ExportFormat.CSV)
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["Name"]: r["Comment"] for r in rows} == {
        n: expected_in_csv(c) for n, c in stored.items()
    }

    (json_path,) = write_feedback(feedback, tmp_path / "f.json", ExportFormat.JSON)
    leads = json.loads(json_path.read_text(encoding="utf-8"))["leads"]
    assert {r["name"]: r["comment"] for r in leads} == {
        n: expected_in_file(c) for n, c in stored.items()
    }

    (xlsx_path,) = write_feedback(feedback, tmp_path / "f.xlsx", ExportFormat.XLSX)
    sheet = load_workbook(xlsx_path)["Rejected leads"]
    header = [c.value for c in sheet[1]]
    name_col, comment_col = header.index("Name"), header.index("Comment")
    in_xlsx = {
        row[name_col]: row[comment_col] or "" for row in sheet.iter_rows(2, values_only=True)
    }
    # XML reads a carriage return as a line feed; everything else comes back as written.
    assert in_xlsx == {
        n: expected_in_file(c).replace("\r\n", "\n").replace("\r", "\n") for n, c in stored.items()
    }


def test_a_person_export_opens_with_every_string(
    ctx: ServiceContext,
    sdr: UserInfo,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    comments = _reject_all(ctx, sdr)
    stored = _stored(ctx, comments)
    found = {}
    # The leads whose comment the export cleans (a CLI run each costs a start).
    ids = [i + 1 for i, text in enumerate(STORABLE) if expected_in_file(text) != text]
    assert len(ids) >= 8
    for lead_id in ids:
        target = tmp_path / f"person-{lead_id}.json"
        code = main(
            ["privacy", "export", str(lead_id), "-o", str(target), "--database-url", database_url]
        )
        assert code == 0, capsys.readouterr().err
        (lead,) = json.loads(target.read_text(encoding="utf-8"))["leads"]
        name = f"{lead['lead']['first_name']} {lead['lead']['last_name']}"
        found[name] = next(e["comment"] for e in lead["events"] if e.get("comment")) or ""
    assert found == {n: expected_in_file(c) for n, c in stored.items() if n in found}
    assert len(found) == len(ids)


def test_the_terminal_never_gets_a_control_character(
    ctx: ServiceContext, sdr: UserInfo, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _reject_all(ctx, sdr)
    assert main(["events", "--database-url", database_url]) == 0
    out = capsys.readouterr().out
    assert not RAW_CONTROL.search(out.replace("\r\n", "").replace("\n", "").replace("\t", ""))
    assert "\\x1b[31mred\\x1b[0m and \\x1b]0;title\\x07" in out
    assert "\\u202e reversed text" in out

    assert main(["events", "--json", "--database-url", database_url]) == 0
    events = json.loads(capsys.readouterr().out)  # still JSON
    comments = {e["comment"] for e in events if e.get("comment")}
    assert "\u202e reversed text" in comments  # an escape JSON reads back as the character
    assert "\ufffd[31mred\ufffd[0m and \ufffd]0;title\ufffd" in comments

    day = ctx.now().date().isoformat()
    assert main(["feedback", "--since", day, "--until", day, "--database-url", database_url]) == 0
    out = capsys.readouterr().out
    assert not RAW_CONTROL.search(out.replace("\r\n", "").replace("\n", "").replace("\t", ""))
    assert len(list(csv.DictReader(io.StringIO(out)))) == len(STORABLE)


def test_an_invite_with_every_string_opens(ctx: ServiceContext) -> None:
    for text in NAUGHTY:
        invite = build_invite(_demo(note=text, location=text), None)
        event = icalendar.Calendar.from_ical(invite.data).walk("VEVENT")[0]
        expected = expected_in_file(text).replace("\r\n", "\n").replace("\r", "\n")
        expected = expected.replace("\ufeff", "")
        description = str(event["description"]).replace("\r\n", "\n").replace("\r", "\n")
        assert expected.strip() in description.replace("\ufeff", "")
        location = str(event["location"]).replace("\r\n", "\n").replace("\r", "\n")
        location = location.replace("\ufeff", "")
        assert location == expected


def test_the_rows_not_imported_are_neutralised_header_included(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    payloads = [t for t in NAUGHTY if "\x00" not in t and not re.search("[\ud800-\udfff]", t)]
    header = ["E-mail", "=1+1", "-1+1", "Note"]
    rows = [["", "", "", p] for p in payloads]  # no e-mail, no phone: none imported
    rows += [["", "+1+1", "-1+1", "@SUM(1+1)"]]
    path = write_csv(tmp_path, [header, *rows])
    service = ImportService(ctx)
    preview = service.preview(path)
    report = service.run(path, actor_id=sdr.id, prepared=preview)
    assert report.imported == 0
    written = list(csv.reader(io.StringIO(not_imported_csv(preview, report))))
    assert written[0] == ["Line", "Not imported because", "E-mail", "'=1+1", "'-1+1", "Note"]
    assert written[-1][3:] == ["'+1+1", "'-1+1", "'@SUM(1+1)"]
    notes = [r[5] for r in written[1:-1]]
    assert notes == [expected_in_csv(p.strip()) for p in payloads if p.strip()] or notes


def test_a_nul_is_refused_with_one_sentence_on_both_backends(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    lead_id = add_lead(ctx, first_name="Nul", last_name="Comment")
    with pytest.raises(ValidationError) as refused:
        TriageService(ctx).reject(lead_id, actor_id=sdr.id, reason_code="other", comment="a\x00b")
    assert str(refused.value) == nul_message()
    assert LeadService(ctx).get(lead_id).summary.status.value == "mql"  # nothing changed
    with pytest.raises(ValidationError, match="lone UTF-16 surrogate"):
        TriageService(ctx).reject(lead_id, actor_id=sdr.id, reason_code="other", comment="\ud800")


def test_the_terminal_escape_is_visible_and_keeps_lines() -> None:
    # A CR that is not a CRLF line end could hide what precedes it: escaped.
    assert for_terminal("a\x1b[2Jb\x07\rX\r\n\tc") == "a\\x1b[2Jb\\x07\\x0dX\r\n\tc"
    assert for_terminal("\ud800\u202e") == "\\ud800\\u202e"
    assert for_terminal("Müller 田中 👾") == "Müller 田中 👾"


def test_an_import_refuses_a_nul_and_drops_control_characters(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """A file with a NUL is refused in one sentence; an escape is dropped from the lead's
    values and its extra columns, on both backends alike."""
    path = tmp_path / "leads.csv"
    path.write_text("E-mail,Last name\r\nnul@firm.example,Null\x00er\r\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="contains NUL bytes"):
        ImportService(ctx).run(path, actor_id=sdr.id)
    path.write_text(
        "E-mail,Last name,Note\r\nesc@firm.example,Esc\x1ber,a\x07b \x1b[31mred\r\n",
        encoding="utf-8",
    )
    assert ImportService(ctx).run(path, actor_id=sdr.id).imported == 1
    lead = by_email(ctx)["esc@firm.example"]
    assert lead["last_name"] == "Escer"
    assert lead["extra"] == {"Note": "ab [31mred"}
