"""``sdrdesk script check`` and ``sdrdesk calls``, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sdrdesk.cli import main
from sdrdesk.services.calls.results import CallLog
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead
from tests.services.call_helpers import TEAM_SCRIPT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_built_in_script_checks_out(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "script", "check")
    assert code == 0
    assert "The built-in script: OK" in out
    assert "“Standard qualification (BANT)” (id sdrdesk_bant, version 2026.1)" in out
    assert "Budget: 2 questions, 1 conditional" in out
    assert "grade A (total ≥ 75, each ≥ 50): book a demo" in out
    assert "no_budget" in out


def test_a_broken_script_names_line_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "team.toml"
    script.write_text(TEAM_SCRIPT.replace("weight = { yes = 10 }", "weigth = { yes = 10 }"))
    code, out, err = run(capsys, "script", "check", str(script))
    assert code == 1
    assert out == ""
    assert err.startswith(f"sdrdesk: error: {script}, line 23: section “need”, question “pain”:")
    assert "field “weigth” is not known" in err
    code, out, _ = run(capsys, "script", "check", str(tmp_path / "missing.toml"))
    assert code == 1


def test_calls_lists_attempts_with_their_answers(
    ctx: ServiceContext, sdr: UserInfo, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lead = add_lead(ctx, first_name="Jana", phone="030 1234567", country="DE")
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    calls = CallService(ctx)
    setup = calls.start(lead)
    log = CallLog(
        lead,
        setup.lead.version,
        setup.script,
        setup.started_at,
        95,
        "connected",
        notes="Asked for pricing",
        answers={"budget_status": "planned", "budget_amount": 12000},
    )
    attempt = calls.log_attempt(log, actor_id=sdr.id)
    code, out, _ = run(capsys, "calls", "--lead", str(lead), "--database-url", database_url)
    assert code == 0
    assert f"#{attempt.attempt_id}  lead {lead}" in out
    assert "Connected  1:35  by Anna Schmidt" in out
    assert "notes: Asked for pricing" in out
    assert "[Budget] Roughly what amount per year? — 12,000 EUR" in out
    assert "script sdrdesk_bant version 2026.1" in out
    code, out, _ = run(capsys, "calls", "--json", "--database-url", database_url)
    [data] = json.loads(out)
    assert data["outcome"] == "connected"
    assert data["answers"][0] == {
        "section": "Budget",
        "question": "Is there budget for solving this?",
        "answer": "Planned or being requested",
    }


def test_the_window_is_told_at_start_when_the_team_script_is_broken(
    database_url: str, tmp_path: Path
) -> None:
    from sdrdesk.app import open_app
    from sdrdesk.settings import Settings

    script = tmp_path / "team.toml"
    script.write_text(TEAM_SCRIPT.replace('version = "7"\n', ""), encoding="utf-8")
    app_ctx = open_app(database_url, Settings(call_script_file=str(script)))
    try:
        [warning] = app_ctx.warnings
        assert warning.startswith(f"{script}: the script: field “version” is missing")
        assert "Calls use the default script until the file is fixed." in warning
        assert app_ctx.services.rules.call_script_file == str(script)
    finally:
        app_ctx.store.dispose()
