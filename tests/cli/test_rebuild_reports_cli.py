"""``sdrdesk db rebuild-reports`` and the migration that builds the reports' read model,
run as a user would in a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import SCHEMA_HEAD, alembic_config
from tests.cli.test_cli import run


def _work(capsys: pytest.CaptureFixture[str], *url: str) -> None:
    """A rejection, an accept and a touch, so the rollups have something to count."""
    me = ("--user", "anna", *url)
    assert run(capsys, "reject", "1", "--reason", "spam", *me)[0] == 0
    assert run(capsys, "accept", "2", *me)[0] == 0
    assert run(capsys, "touch", "2", "--channel", "email", "--outcome", "sent", *me)[0] == 0


def test_rebuild_reports_says_what_differed_and_repairs_it(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ("--database-url", database_url)
    assert run(capsys, "sample-data", "--count", "30", "--seed", "3", *url)[0] == 0
    _work(capsys, *url)
    code, out, _ = run(capsys, "db", "rebuild-reports", *url)
    assert code == 0
    assert "matched the history; nothing differed" in out
    store = Store.open(database_url)
    with store.engine.begin() as conn:  # the owner damages the read model by hand
        conn.execute(text("DELETE FROM lead_facts WHERE lead_id IN (1, 2)"))
        conn.execute(text("UPDATE lead_facts SET source = 'forged' WHERE lead_id = 3"))
        conn.execute(text("UPDATE decision_hours SET n = n + 5 WHERE action = 'reject'"))
        conn.execute(text("DELETE FROM touch_hours"))
        conn.execute(
            text(
                "INSERT INTO grade_marks (event_id, lead_id, at, sdr_id, grade, demo)"
                " VALUES (999999, 1, CURRENT_TIMESTAMP, 1, 'A', 1)"
            )
        )
    code, out, _ = run(capsys, "db", "rebuild-reports", *url)
    assert code == 0
    assert "differed from the history and was rebuilt" in out
    assert "leads missing: 2" in out
    assert "leads with other figures: 1" in out
    assert "hourly totals with other figures:" in out
    assert "graded leads with other figures: 1" in out
    assert out.count("Building the reports' read model") == 10
    code, out, _ = run(capsys, "db", "rebuild-reports", *url)
    assert "nothing differed" in out
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM lead_facts")).scalar() == 30
    store.dispose()


def test_upgrading_an_older_store_builds_the_read_model_with_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    run(capsys, "sample-data", "--count", "25", "--seed", "5", "--database-url", url)
    store = Store.open(url)
    with store.engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0010")  # as it was before the read model
    store.dispose()
    code, out, _ = run(capsys, "db", "upgrade", "--database-url", url)
    assert code == 0
    lines = [line for line in out.splitlines() if "read model" in line]
    assert lines[0] == "Building the reports' read model: 10% done"
    assert lines[-1] == "Building the reports' read model: 100% done"
    # lead_facts (0013), the hourly rollups (0018), grades (0020) by tenths; the three
    # period indexes (0021) one by one
    assert len(lines) == 33
    assert f"from 0010 to {SCHEMA_HEAD}" in out
    code, out, _ = run(capsys, "db", "rebuild-reports", "--database-url", url)
    assert "nothing differed" in out


def test_any_command_on_an_older_store_shows_the_build_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    run(capsys, "sample-data", "--count", "12", "--seed", "2", "--database-url", url)
    store = Store.open(url)
    with store.engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0010")
    store.dispose()
    code, out, err = run(capsys, "leads", "--json", "--database-url", url)
    assert code == 0
    assert len(json.loads(out)) == 12  # the JSON on stdout is untouched
    assert err.count("Building the reports' read model") == 33


def test_upgrading_from_0015_builds_the_rollups_with_a_line_per_tenth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    run(capsys, "sample-data", "--count", "40", "--seed", "4", "--database-url", url)
    _work(capsys, "--database-url", url)
    store = Store.open(url)
    with store.engine.begin() as conn:
        before = conn.execute(text("SELECT sum(n) FROM decision_hours")).scalar()
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0015")  # as it was before the rollups
    store.dispose()
    code, out, _ = run(capsys, "db", "upgrade", "--database-url", url)
    assert code == 0
    lines = [line for line in out.splitlines() if "read model" in line]
    tenths = [f"{p}% done" for p in range(10, 101, 10)]
    thirds = ["33% done", "66% done", "100% done"]  # the period indexes (0021)
    assert [line.split(": ")[1] for line in lines] == tenths * 2 + thirds  # rollups, grades
    store = Store.open(url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT sum(n) FROM decision_hours")).scalar() == before == 2
    store.dispose()
    code, out, _ = run(capsys, "db", "rebuild-reports", "--database-url", url)
    assert "nothing differed" in out
