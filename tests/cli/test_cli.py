"""The sdrdesk command, run in-process as a user would run it in a terminal."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sdrdesk.cli import main
from sdrdesk.db.migrate import SCHEMA_HEAD
from sdrdesk.domain.lifecycle import Status


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_data_then_leads_as_json(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "sample-data",
        "--count",
        "40",
        "--seed",
        "7",
        "--database-url",
        database_url,
        "--user",
        "anna",
    )
    assert code == 0
    assert "Added 40 sample leads" in out
    code, out, _ = run(capsys, "leads", "--json", "--database-url", database_url)
    assert code == 0
    leads = json.loads(out)
    assert len(leads) == 40
    assert {lead["status"] for lead in leads} == {"mql"}
    countries = {lead["country"] for lead in leads}
    assert {"DE", "US"} <= countries
    assert all(lead["phone_e164"] is None or lead["phone_e164"].startswith("+") for lead in leads)
    assert all(lead["handed_off_at"].endswith("+00:00") for lead in leads)
    # Same seed, same leads: nothing new, nothing lost.
    code, out, _ = run(
        capsys, "sample-data", "--count", "40", "--seed", "7", "--database-url", database_url
    )
    assert "Added 0 sample leads" in out
    assert "Skipped 40" in out


def test_leads_filters_by_status_and_prints_a_table(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "sample-data", "--count", "5", "--database-url", database_url)
    code, out, _ = run(capsys, "leads", "--status", "sal", "--database-url", database_url)
    assert (code, out.strip()) == (0, "No leads.")
    code, out, _ = run(capsys, "leads", "--status", "MQL", "--database-url", database_url)
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["ID", "Status", "Name"]
    assert len(out.splitlines()) == 6


def test_events_show_the_hand_off(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "sample-data", "--count", "2", "--database-url", database_url, "--user", "anna")
    code, out, _ = run(capsys, "events", "--json", "--database-url", database_url)
    events = json.loads(out)
    assert code == 0
    assert [(e["action"], e["to_status"], e["actor"]) for e in events] == [
        ("hand_off", Status.MQL.value, "anna")
    ] * 2
    # Demo leads nobody in marketing handed over: the history says where they came from.
    assert {e["description"] for e in events} == {"anna added this sample lead"}


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["leads", "--status", "won"], 2, "unknown status “won”"),
        (["frobnicate"], 2, "invalid choice"),
        (["leads", "--database-url", "mysql://x/y"], 1, "Unsupported database “mysql”"),
        (
            ["leads", "--database-url", "postgresql://nobody@127.0.0.1:1/none"],
            1,
            "cannot be reached",
        ),
        (["sample-data", "--count", "0"], 1, "Count must be between"),
        (["users", "add", "bad name!"], 1, "not a valid user name"),
        # Window options the quick reading of a plain ``sdrdesk`` leaves to the full one:
        (["--user"], 2, "expected one argument"),
        (["--ver"], 2, "ambiguous option: --ver could match --version, --verbose"),
        (["--user", "anna", "stray"], 2, "invalid choice: 'stray'"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    if "--database-url" not in argv:
        argv = [*argv, "--database-url", f"sqlite:///{tmp_path / 'cli.db'}"]
    got, out, err = run(capsys, *argv)
    assert got == code
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out
    assert gc.isenabled()  # paused while the command started (sdrdesk.startup), then back


def test_users_and_reasons_admin(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = ["--database-url", database_url, "--user", "tom"]
    code, _, err = run(capsys, "reasons", "retire", "spam", *url)
    assert code == 1
    assert "Only a manager may retire rejection reasons; tom is a sales development rep" in err
    assert run(capsys, "users", "edit", "tom", "--role", "manager", *url)[0] == 0  # the first
    assert (
        run(
            capsys,
            "users",
            "add",
            "carla",
            "--role",
            "ae",
            "--display-name",
            "Carla Weiss",
            "--email",
            "carla@example.com",
            *url,
        )[0]
        == 0
    )
    _, out, _ = run(capsys, "users", "list", "--role", "ae", "--json", *url)
    assert [u["display_name"] for u in json.loads(out)] == ["Carla Weiss"]
    assert run(capsys, "reasons", "add", "wrong_region", "Outside our territory", *url)[0] == 0
    assert run(capsys, "reasons", "retire", "spam", *url)[0] == 0
    _, out, _ = run(capsys, "reasons", "list", "--json", *url)
    codes = [r["code"] for r in json.loads(out)]
    assert "wrong_region" in codes
    assert "spam" not in codes
    assert run(capsys, "users", "add", "anna", *url)[0] == 0
    _, out, _ = run(
        capsys,
        "users",
        "edit",
        "anna",
        "--email",
        "anna@x.de",
        "--time-zone",
        "Europe/Berlin",
        *url,
    )
    assert out.strip() == "anna: anna (Sales development rep), anna@x.de, Europe/Berlin."
    _, out, _ = run(capsys, "users", "deactivate", "anna", *url)
    assert out.strip() == "Deactivated anna; 0 open leads went to the team pool."
    _, out, _ = run(capsys, "users", "list", *url)
    assert [line.split()[0] for line in out.splitlines() if "(inactive)" in line] == ["anna"]
    code, _, err = run(capsys, "--user", "anna", "assign", "--auto", *url[:2])
    assert code == 1
    assert run(capsys, "users", "reactivate", "anna", *url)[0] == 0


def test_privacy_erase_and_export(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = ["--database-url", database_url, "--user", "tom"]
    assert run(capsys, "users", "edit", "tom", "--role", "manager", *url)[0] == 0
    assert run(capsys, "sample-data", *url)[0] == 0
    _, out, _ = run(capsys, "privacy", "export", "1", "-o", "-", *url)
    name = json.loads(out)["leads"][0]["lead"]["last_name"]
    code, _, err = run(capsys, "--user", "anna", "privacy", "erase", "1", "--reason", "x", *url[:2])
    assert (code, "anna is a sales development rep" in err) == (1, True)
    code, _, err = run(capsys, "privacy", "erase", "1", "--reason", "a\x00\x1b", *url)
    assert (code, "control characters" in err) == (1, True)
    _, out, _ = run(capsys, "privacy", "erase", "1", "--reason", "Asked on 3 May", *url)
    assert out.strip() == "Erased the personal data of lead 1."
    target = tmp_path / "person.json"
    assert run(capsys, "privacy", "export", "1", "-o", str(target), *url)[0] == 0
    person = json.loads(target.read_text(encoding="utf-8"))["leads"][0]
    assert person["lead"]["last_name"] is None
    assert person["events"][-1]["action"] == "erased"
    _, out, _ = run(capsys, "leads", "--json", *url)
    assert name not in [lead["last_name"] for lead in json.loads(out) if lead["id"] == 1]


def test_db_upgrade_and_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    code, out, _ = run(capsys, "db", "upgrade", "--database-url", url)
    assert code == 0
    assert f"from empty to {SCHEMA_HEAD}" in out
    _, out, _ = run(capsys, "db", "upgrade", "--database-url", url)
    assert "up to date" in out
    code, out, _ = run(capsys, "db", "status", "--database-url", url)
    assert f"revision {SCHEMA_HEAD}" in out


def test_no_command_opens_the_window_on_the_default_store(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--user", "anna"]) == 0
    # Opened into the caller's QApplication: main() returns with collection back on,
    # not paused until the window has painted (that is for the app's own start).
    assert gc.isenabled()
    windows = [
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "MainWindow" and w.isVisible()
    ]
    assert len(windows) == 1
    window = windows[0]
    qtbot.addWidget(window)
    assert window.isVisible()
    default_db = Path(__import__("os").environ["SDRDESK_DATA_DIR"]) / "sdrdesk.db"
    assert default_db.exists()


def test_import_sheet_chooses_which_sheet_of_a_workbook(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Summary"
    book.active.append(["Email"])
    book.active.append(["summary@x.example"])
    leads = book.create_sheet("Trade show")
    leads.append(["Email", "Phone"])
    leads.append(["booth@x.example", "+49 30 1234567"])
    leads.append(["stand@x.example", ""])
    path = tmp_path / "mqls.xlsx"
    book.save(path)
    db = ["--database-url", database_url, "--user", "anna"]

    code, out, err = run(capsys, "import", str(path), "--sheet", "Booth", *db)
    assert (code, out) == (1, "")
    assert "mqls.xlsx has no sheet “Booth”; its sheets are “Summary”, “Trade show”." in err
    plain = tmp_path / "x.csv"
    plain.write_text("Email\na@x.example\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(plain), "--sheet", "A", *db)
    assert code == 1
    assert "x.csv is not a spreadsheet, so it has no sheet “A” to read." in err

    code, out, _ = run(capsys, "import", str(path), "--sheet", "Trade show", *db)
    assert code == 0
    assert out.startswith(
        "Imported 2 of 2 rows from mqls.xlsx (Excel workbook, sheet “Trade show”)"
    )
    _, out, _ = run(capsys, "leads", "--json", *db)
    assert sorted(lead["email"] for lead in json.loads(out)) == [
        "booth@x.example",
        "stand@x.example",
    ]


def test_a_german_excel_export_imported_and_listed_with_all_it_held(
    tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Semicolons, Windows-1252, German headers; the listing shows each lead with the
    phone as typed and the columns that have no field of their own."""
    export = tmp_path / "Leads Messe.csv"
    export.write_bytes(
        (
            "Anrede;Vorname;Nachname;Firma;E-Mail;Telefon;Land;Quelle;Bemerkung\r\n"
            "Herr;Jürgen;Weiß;Müller & Söhne GmbH;j.weiss@mueller-soehne.de;"
            '+49 (0)30 / 123 45 67;Deutschland;Messe;"Will Demo; bitte anrufen"\r\n'
            "Frau;Änne;Groß;Bäckerei KG;keine-adresse;12;DE;Messe;\r\n"
        ).encode("cp1252")
    )
    db = ["--database-url", database_url, "--user", "anna"]
    code, out, _ = run(capsys, "import", str(export), *db)
    assert code == 0
    assert out.startswith("Imported 1 of 2 rows from Leads Messe.csv (Windows-1252, semicolon).")
    assert "line 3: cannot be contacted" in out

    code, out, _ = run(capsys, "leads", "--json", *db)
    assert code == 0
    (lead,) = json.loads(out)
    assert (lead["name"], lead["company"], lead["country"]) == (
        "Jürgen Weiß",
        "Müller & Söhne GmbH",
        "DE",
    )
    assert (lead["phone_raw"], lead["phone_e164"]) == ("+49 (0)30 / 123 45 67", "+49301234567")
    assert lead["extra"] == {"Anrede": "Herr", "Bemerkung": "Will Demo; bitte anrufen"}
    assert lead["import_batch_id"] is not None

    code, out, _ = run(capsys, "import", str(export), *db)  # the same file again
    assert code == 0
    assert out.startswith("Imported 0 of 2 rows")
    broken = tmp_path / "leads.csv"
    broken.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    code, out, err = run(capsys, "import", str(broken), *db)
    assert (code, out) == (1, "")
    assert err.strip().count("\n") == 0
    assert "is a ZIP archive, not CSV or a spreadsheet" in err
    _, out, _ = run(capsys, "leads", "--json", *db)
    assert len(json.loads(out)) == 1


def test_import_writes_the_rows_not_imported(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    leads = tmp_path / "messe.csv"
    leads.write_text(
        "Name;Mail;Telefon\nAda Lovelace;ada@analytical.example;\nBen;;\n", encoding="utf-8"
    )
    kept = tmp_path / "left out.csv"
    kept.write_text("an earlier list\n", encoding="utf-8")

    # The output cannot be written: said before anything is imported.
    code, out, err = run(
        capsys, "import", str(leads), "--not-imported", str(tmp_path / "no" / "x.csv"),
        "--database-url", database_url,
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err.strip().endswith(
        "cannot be written (No such file or directory); nothing was imported."
    )
    # The file to import is broken: an existing output is left as it was.
    code, _, err = run(
        capsys, "import", str(tmp_path / "missing.csv"), "--not-imported", str(kept),
        "--database-url", database_url,
    )  # fmt: skip
    assert code == 1
    assert kept.read_text(encoding="utf-8") == "an earlier list\n"
    assert run(capsys, "leads", "--json", "--database-url", database_url)[1].strip() == "[]"

    code, out, _ = run(
        capsys, "import", str(leads), "--not-imported", str(kept), "--database-url", database_url
    )
    assert code == 0
    assert out.splitlines()[-1] == f"Wrote 1 row not imported to {kept}."
    assert kept.read_text(encoding="utf-8-sig").splitlines() == [
        "Line;Not imported because;Name;Mail;Telefon",
        "3;cannot be contacted: no e-mail address, no phone number;Ben;;",
    ]


def test_install_desktop_puts_the_entry_icon_and_metainfo_in_the_xdg_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil
    import subprocess

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    entry = tmp_path / "applications" / "io.github.sdrdesk.SdrDesk.desktop"
    icon = tmp_path / "icons/hicolor/scalable/apps/io.github.sdrdesk.SdrDesk.svg"
    metainfo = tmp_path / "metainfo" / "io.github.sdrdesk.SdrDesk.metainfo.xml"
    assert icon.read_text().startswith("<?xml")
    assert metainfo.exists()
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert "sdrdesk" in exec_line
    assert exec_line != "Exec=sdrdesk"  # this installation's program, not whatever is on PATH
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(entry)]).returncode == 0
    assert str(entry) in capsys.readouterr().out
    assert main(["install-desktop", "--uninstall"]) == 0
    assert not entry.exists()
    assert not icon.exists()
