"""The call workspace on a team's own call script, loaded from disk or broken."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sdrdesk.db.models import Qualification
from sdrdesk.services.context import Rules
from tests.gui.call_helpers import accept_all_and_show_mine, open_call, save
from tests.gui.conftest import QUEUE, WindowFactory
from tests.services.call_helpers import TEAM_SCRIPT


def test_a_team_script_is_loaded_from_disk(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    script = tmp_path / "team-script.toml"
    script.write_text(TEAM_SCRIPT, encoding="utf-8")
    window = make_window(*QUEUE, rules=Rules(default_region="DE", call_script_file=str(script)))
    accept_all_and_show_mine(qtbot, window)
    ws = open_call(qtbot, window)
    assert "Team script (version 7)" in ws.ui.scriptNotice.text()
    assert ws.ui.scriptView.sectionList.count() == 1
    assert not ws.ui.workspaceMessage.isVisible()
    ws.ui.scriptView.editor("pain").set_value("yes")
    ws.ui.scriptView.editor("seats").set_value(25)
    assert "Grade A" in ws.ui.gradeLabel.text()
    ws.pick_outcome(1)
    save(qtbot, window, ws)
    with window._ctx.store.read() as s:
        q = s.scalars(select(Qualification)).one()
        assert (q.script_id, q.script_version, q.grade) == ("team", "7", "A")


def test_a_broken_team_script_is_reported_clearly(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    script = tmp_path / "team-script.toml"
    script.write_text(TEAM_SCRIPT.replace('[[grades]]\ngrade = "C"', '[[grades]]\ngrade = "c"'))
    window = make_window(*QUEUE, rules=Rules(default_region="DE", call_script_file=str(script)))
    accept_all_and_show_mine(qtbot, window)
    ws = open_call(qtbot, window)
    message = ws.ui.workspaceMessage.text()
    assert ws.ui.workspaceMessage.isVisible()
    assert f"{script}, line 11:" in message
    assert "grade “c”" in message
    assert "default script until the file is fixed" in message
    assert "Standard qualification (BANT)" in ws.ui.scriptNotice.text()
