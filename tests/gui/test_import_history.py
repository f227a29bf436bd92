"""An imported lead's history in the lead panel: who imported it, and marketing's own
hand-off time (issue 22), on both backends."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from sdrdesk.services.imports import ImportService
from tests.gui.conftest import WindowFactory, wait_idle


def test_the_history_says_who_imported_and_when_marketing_handed_off(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    assert window.user is not None
    source = tmp_path / "webinar.csv"
    source.write_text(
        "First name,Last name,Email,Phone,Country,Handed off at\n"
        "Jo,Kurz,jo@firma-x.de,+49 30 5551234,DE,2026-03-01 09:30\n",
        encoding="utf-8",
    )
    ImportService(window.services.ctx).run(source, actor_id=window.user.id)
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.select_position(0)
    window.controller("triage")
    history = window.ui.leadPanel.ui.leadHistory
    qtbot.waitUntil(lambda: history.count() > 0, timeout=10_000)
    wait_idle(qtbot, window)
    text = history.item(history.count() - 1).text()  # the oldest, at the bottom
    assert f"{window.user.display_name} imported this lead from webinar.csv (line 2)" in text
    assert "handed off this lead" not in text
    assert "Handed off by marketing: " in text.splitlines()[1]
    assert "Mar 1" in text.splitlines()[1]
    if os.environ.get("SDRDESK_SCREENSHOTS"):
        window.resize(1280, 780)
        window.grab().save(os.environ["SDRDESK_SCREENSHOTS"] + "/import-history.png")
