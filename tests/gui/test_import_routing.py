"""A file imported in the window (dropped, pasted, File › Import) is routed by the team's
assignment rules, as ``sdrdesk import`` and the intake route theirs: one routing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sdrdesk.domain.assignment import parse_rules
from sdrdesk.gui.main_window import MainWindow
from tests.gui.conftest import WindowFactory, confirm_import, wait_idle
from tests.gui.queue_helpers import _drop

RULES = (
    'mode = "pool"\n'
    '[[rule]]\nname = "Trade fair"\nsources = ["Messe"]\naction = "accept"\nsdrs = ["anna"]\n'
)
FILE = (
    "First Name,Last Name,Email,Source\n"
    "Mia,Muster,mia@messe.example,Messe\n"
    "Ole,Online,ole@web.example,Website\n"
)


def _with_rules(window: MainWindow) -> list[str]:
    """The rules set on the window's services; the status bar's messages, as shown."""
    window.services.ctx = replace(
        window.services.ctx, assignment=parse_rules(RULES, "assignment_rules.toml")
    )
    messages: list[str] = []
    window.ui.statusBar.messageChanged.connect(messages.append)
    return messages


def _routed(messages: list[str]) -> bool:
    return any("given out by the assignment rules" in m for m in messages)


def _owners(window: MainWindow) -> dict[str, tuple[str | None, str, str | None]]:
    """E-mail → (owner, status, the rule the history names)."""
    with window.services.ctx.store.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT l.email, u.name, l.status, (SELECT e.data FROM lead_events e "
                "WHERE e.lead_id = l.id AND e.action = 'assigned' ORDER BY e.id LIMIT 1) "
                "FROM leads l LEFT JOIN users u ON u.id = l.owner_id"
            )
        ).all()
    found: dict[str, tuple[str | None, str, str | None]] = {}
    for email, owner, status, data in rows:
        if isinstance(data, str):
            data = json.loads(data)
        found[email] = (owner, status, (data or {}).get("rule"))
    return found


def test_a_dropped_file_is_routed_by_the_assignment_rules(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    messages = _with_rules(window)
    path = tmp_path / "messe.csv"
    path.write_text(FILE, encoding="utf-8")
    assert _drop(window, path) == (True, True)
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: _routed(messages), timeout=60_000)
    assert "Imported 2 leads. 1 of them was given out by the assignment rules." in messages
    wait_idle(qtbot, window)
    assert _owners(window) == {
        "mia@messe.example": ("anna", "sal", "Trade fair"),  # accepted for anna by the rule
        "ole@web.example": (None, "mql", None),  # no rule: the pool
    }


def test_pasted_rows_are_routed_too(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    messages = _with_rules(window)
    QApplication.clipboard().setText(FILE.replace(",", "\t"))
    window.imports.paste()
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: _routed(messages), timeout=60_000)
    wait_idle(qtbot, window)
    assert _owners(window)["mia@messe.example"] == ("anna", "sal", "Trade fair")
