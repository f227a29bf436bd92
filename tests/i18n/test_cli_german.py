"""The command line in German: under ``LANG=de_DE.UTF-8`` or with the language setting,
every message, the help (argparse's own words too), dates and numbers are German;
``LANG=en_US.UTF-8`` stays English. Machine-readable output never changes: ``--json``
keys and values are the same in every language."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sdrdesk.cli import main
from sdrdesk.db.migrate import SCHEMA_HEAD
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.results import UserInfo
from tests.cli.test_demo_commands import booked  # noqa: F401 (the fixture)
from tests.conftest import FakeClock
from tests.report_scenario import build

GERMAN_WHEN = re.compile(r"\b\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\b")  # 04.12.2026 14:20
GERMAN_WHEN_SECONDS = re.compile(r"\b\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}\b")
US_WHEN = re.compile(r"\b[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2} [AP]M\b")  # Dec 4, 2026 2:20 PM
PERIOD = ("--since", "2026-03-02", "--until", "2026-03-15")


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """A German system: ``LANG=de_DE.UTF-8``, no setting."""
    monkeypatch.setenv("LANG", "de_DE.UTF-8")


@pytest.fixture
def own_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A settings directory of this test's own (the language setting is written there)."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("SDRDESK_CONFIG_DIR", str(config))
    return config / "settings.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sdrdesk(*argv: str, lang: str) -> subprocess.CompletedProcess[str]:
    """``sdrdesk ARGV`` in a process of its own, as a terminal starts it."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "sdrdesk", *argv],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_help_follows_the_system_language() -> None:
    german = sdrdesk("--help", lang="de_DE.UTF-8")
    assert german.returncode == 0, german.stderr
    assert german.stdout.startswith("Aufruf: sdrdesk [-h]")
    for text in (
        "Optionen:",
        "diese Hilfe anzeigen und beenden",  # argparse's own words, from our catalog
        "Befehle:",
        "BEFEHL",
        "Leads auflisten",
        "die abgelehnten und disqualifizierten Leads für das",
    ):
        assert text in german.stdout
    assert "show this help" not in german.stdout
    english = sdrdesk("--help", lang="en_US.UTF-8")
    assert english.stdout.startswith("usage: sdrdesk [-h]")
    assert "show this help message and exit" in english.stdout
    assert "list leads" in english.stdout
    assert "Leads auflisten" not in english.stdout


def test_a_command_s_help_in_german(german: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["feedback", "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert out.startswith("Aufruf: sdrdesk feedback")
    assert "CSV-Trennzeichen (Standard: 'semicolon'" in out
    assert "erster Tag, JJJJ-MM-TT" in out


def test_leads_and_events_in_german_with_german_dates_and_numbers(
    german: None,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = ("--database-url", database_url, "--user", "anna")
    code, out, _ = run(capsys, "sample-data", "--count", "1001", "--seed", "7", *url)
    assert code == 0
    assert out.startswith("1.001 Beispiel-Leads zu ")  # German thousands separator
    code, out, _ = run(capsys, "sample-data", "--count", "1001", "--seed", "7", *url)
    assert "0 Beispiel-Leads" in out
    assert "1.001 übersprungen, die schon in der Datenbank waren." in out

    code, out, _ = run(capsys, "leads", "--limit", "3", *url)
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == [
        "ID",
        "Status",
        "Name",
        "Firma",
        "Land",
        "Telefon",
        "Quelle",
        "Score",
        "Übergeben",
    ]
    assert len(lines) == 4
    assert all(GERMAN_WHEN.search(line) for line in lines[1:])
    code, out, _ = run(capsys, "events", "--lead", "1", *url)
    assert code == 0
    assert out.startswith("#1  Lead 1  ")
    assert GERMAN_WHEN_SECONDS.search(out)
    assert run(capsys, "leads", "--status", "sql", *url)[1] == "Keine Leads.\n"

    # JSON is for programs: the same keys and values in every language.
    code, out, _ = run(capsys, "leads", "--json", "--limit", "1", *url)
    lead = json.loads(out)[0]
    assert {"id", "status", "handed_off_at", "first_name", "company"} <= set(lead)
    assert lead["status"] == "mql"
    assert re.fullmatch(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00", lead["handed_off_at"]
    )

    # The same commands on an English system stay English.
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, out, _ = run(capsys, "leads", "--limit", "3", *url)
    assert out.splitlines()[0].split()[-2:] == ["Handed", "off"]
    assert US_WHEN.search(out.splitlines()[1])
    assert not GERMAN_WHEN.search(out)
    code, out, _ = run(capsys, "sample-data", "--count", "1001", "--seed", "7", *url)
    assert "Skipped 1,001 that were already in the store." in out


def test_demos_in_german_with_the_lead_s_clock(
    german: None,
    database_url: str,
    booked: list[int],  # noqa: F811 (the fixture)
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "demos", "--from", "2026-03-01", "--database-url", database_url)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "ID",
        "Beginn",
        "Min.",
        "Lead",
        "Firma",
        "AE",
        "SDR",
        "Zeit",
        "beim",
        "Lead",
        "Status",
    ]
    assert GERMAN_WHEN.search(lines[1])
    assert "Mi. 11:00 EDT" in lines[1]  # the lead's weekday and clock, written in German
    code, out, _ = run(capsys, "demos", "--from", "1.3.2026", "--database-url", database_url)
    assert code == 2
    target = tmp_path / "demo.ics"
    code, out, _ = run(
        capsys, "invite", str(booked[0]), "-o", str(target), "--database-url", database_url
    )
    assert code == 0
    assert out == (
        f"REQUEST (Sequenz 0) für Demo {booked[0]} geschrieben\n"
        f"nach {target}; öffnen Sie die Datei mit Ihrem Mail- oder Kalenderprogramm, um sie "
        "zu versenden.\n"
    )


def test_the_language_setting_wins_over_the_locale(
    own_settings: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ("--database-url", "mysql://x/y")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    own_settings.write_text(json.dumps({"language": "de"}), encoding="utf-8")
    code, _, err = run(capsys, "leads", *url)
    assert code == 1
    assert err == (
        "sdrdesk: Fehler: Nicht unterstützte Datenbank „mysql“: Verwenden Sie eine "
        "sqlite:///-Datei oder eine postgresql://-URL.\n"
    )
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    own_settings.write_text(json.dumps({"language": "en"}), encoding="utf-8")
    code, _, err = run(capsys, "leads", *url)
    assert err.startswith("sdrdesk: error: Unsupported database “mysql”")
    own_settings.write_text(json.dumps({}), encoding="utf-8")  # no setting: the system's
    code, _, err = run(capsys, "leads", *url)
    assert err.startswith("sdrdesk: Fehler: Nicht unterstützte Datenbank")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ["leads", "--status", "won"],
            2,
            "Argument --status: unbekannter Status „won“ (möglich sind mql, sal, working,",
        ),
        (["frobnicate"], 2, "ungültige Auswahl: 'frobnicate' (möglich sind "),
        (["invite", "3"], 2, "folgende Argumente fehlen: -o/--output"),
        (
            ["demos", "--from", "4.12.2026"],
            2,
            "„4.12.2026“ ist kein Datum (verwenden Sie JJJJ-MM-TT)",
        ),
        (["calls", "--limit", "viele"], 2, "ungültiger int-Wert: 'viele'"),
        (["--ver"], 2, "mehrdeutige Option: --ver könnte --version, --verbose sein"),
        (["feedback", "--format", "xlsx"], 2, "--format xlsx braucht -o DATEI"),
        (["privacy", "export", "-o", "-"], 1, "Geben Sie entweder eine Lead-ID oder --email"),
        (
            ["leads", "--database-url", "postgresql://nobody@127.0.0.1:1/none"],
            1,
            "Die Datenbank postgresql+psycopg://nobody@127.0.0.1:1/none ist nicht erreichbar: ",
        ),
    ],
)
def test_mistakes_are_told_in_german(
    german: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    message: str,
) -> None:
    if "--database-url" not in argv:
        argv = [*argv, "--database-url", f"sqlite:///{tmp_path / 'cli.db'}"]
    got, out, err = run(capsys, *argv)
    assert got == code
    assert err.startswith("sdrdesk: Fehler: ")
    assert message in err
    if argv[0] != "feedback":  # argparse's complaints point to the help, in German
        assert code == 1 or err.rstrip().endswith("--help“)")  # (siehe „sdrdesk … --help“)
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_an_unknown_lead_is_one_german_error_line(
    german: None, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "privacy", "export", "99999", "-o", "-", "--database-url", database_url
    )
    assert code == 1
    assert not out
    assert err.startswith("sdrdesk: Fehler: ")
    assert "99999" in err
    assert len(err.strip().splitlines()) == 1


def test_db_commands_in_german(
    german: None, tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    code, out, _ = run(capsys, "db", "upgrade", "--database-url", fresh)
    assert code == 0
    assert out == f"{fresh} von leer auf {SCHEMA_HEAD} aktualisiert.\n"
    _, out, _ = run(capsys, "db", "upgrade", "--database-url", fresh)
    assert out == f"{fresh} ist aktuell (Stand {SCHEMA_HEAD}).\n"
    code, _, err = run(capsys, "db", "grants", "--database-url", fresh)
    assert code == 1
    assert "Rollen und Rechte gibt es für eine gemeinsame PostgreSQL-Datenbank" in err

    code, out, _ = run(capsys, "db", "status", "--database-url", database_url)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith(f": Stand {SCHEMA_HEAD} — aktuell")
    if database_url.startswith("postgresql"):
        assert lines[1].startswith("Team-Rechte: ")


def test_feedback_csv_is_german_excel_shaped_unless_told_otherwise(
    german: None,
    ctx: ServiceContext,
    clock: FakeClock,
    sdr: UserInfo,
    other_sdr: UserInfo,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build(ctx, clock, sdr, other_sdr)
    url = ("--database-url", database_url)
    code, out, _ = run(capsys, "feedback", *PERIOD, *url)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert len(rows) == 5  # the header and four leads, semicolon-separated
    assert {len(row) for row in rows} == {14}
    code, out, _ = run(capsys, "feedback", *PERIOD, "--delimiter", "comma", *url)
    rows = list(csv.reader(io.StringIO(out)))
    assert {len(row) for row in rows} == {14}
    assert ";" not in out.splitlines()[0]

    target = tmp_path / "woche.csv"
    code, out, _ = run(capsys, "feedback", *PERIOD, "-o", str(target), *url)
    assert code == 0
    assert out == (
        f"Rückmeldungen zu 4 Leads und 2 Kampagnen nach {target} und "
        f"{tmp_path / 'woche-by-campaign.csv'} geschrieben.\n"
    )
    assert target.read_text(encoding="utf-8-sig").splitlines()[0].count(";") == 13

    # JSON keys never translate; the rate stays a JSON number.
    code, out, _ = run(capsys, "feedback", *PERIOD, "--format", "json", *url)
    data = json.loads(out)
    assert set(data) == {"period", "generated_at", "leads", "by_campaign"}
    assert "rejection_rate" in data["by_campaign"][0]
    assert all(isinstance(c["rejection_rate"], float | None) for c in data["by_campaign"])

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, out, _ = run(capsys, "feedback", *PERIOD, *url)
    assert out.splitlines()[0].startswith("Lead ID,External ID,")
    code, out, _ = run(capsys, "feedback", *PERIOD, "-o", str(target), *url)
    assert out.startswith("Wrote 4 leads sent back and 2 campaigns to ")


def test_a_rejection_in_the_history_reads_its_reason_in_german(
    german: None, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ("--database-url", database_url, "--user", "anna")
    assert run(capsys, "sample-data", "--count", "3", "--seed", "7", *url)[0] == 0
    assert run(capsys, "claim", *url)[0] == 0
    code, out, err = run(capsys, "leads", "--json", "--owner", "anna", *url)
    lead = json.loads(out)[0]["id"]
    code, out, err = run(capsys, "reject", str(lead), "--reason", "student_private", *url)
    assert code == 0, err
    code, out, _ = run(capsys, "events", "--lead", str(lead), *url)
    assert "anna hat diesen Lead abgelehnt: Student, Arbeitssuchender oder Privatperson" in out
