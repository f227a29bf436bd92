"""The report an import from the window ends with: rows not imported to save, big imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from sdrdesk.services.sync.service import ChangeBatch
from tests.gui.conftest import WindowFactory, wait_idle
from tests.gui.preview_helpers import _enter, _open_preview


def test_the_report_saves_the_rows_not_imported(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, dialog = _open_preview(
        qtbot,
        make_window,
        tmp_path / "messe.csv",
        "First Name,Email,Phone\nAda,ada@analytical.example,\nBen,,\nAda,ada@analytical.example,\n",
    )
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    report = _enter(qtbot, window, dialog)
    asked: list[str] = []

    def save_as(parent: object, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "fix me.csv"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    button = report.findChild(QPushButton, "importSaveNotImported")
    assert button is not None
    button.click()

    assert asked == [str(tmp_path / "messe - not imported.csv")]
    saved = (tmp_path / "fix me.csv").read_text(encoding="utf-8-sig").splitlines()
    assert saved[0] == "Line,Not imported because,First Name,Email,Phone"
    assert saved[1] == '3,"cannot be contacted: no e-mail address, no phone number",Ben,,'
    assert saved[2] == "4,same e-mail as line 2,Ada,ada@analytical.example,"
    label = report.findChild(QLabel, "importSaved")
    assert label is not None
    assert (
        label.text()
        == f"Saved 2 rows to {tmp_path / 'fix me.csv'}, with why each was not imported."
    )


def test_a_report_with_every_row_imported_offers_nothing_to_save(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window, dialog = _open_preview(
        qtbot, make_window, tmp_path / "mqls.csv", "First Name,Email\nAda,ada@analytical.example\n"
    )
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    report = _enter(qtbot, window, dialog)
    assert report.findChild(QPushButton, "importSaveNotImported") is None


def test_after_a_big_import_the_window_does_not_blame_the_team(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    """More new events than the window patches in: it reloads, and the status bar keeps
    saying what the SDR did instead of "Many leads changed"."""
    rows = "".join(f"Lead{i},lead{i}@firm{i}.example\n" for i in range(520))
    window, dialog = _open_preview(qtbot, make_window, tmp_path / "big.csv", "Name,Email\n" + rows)
    qtbot.waitUntil(lambda: window.team._monitor is not None, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    batches: list[ChangeBatch] = []
    window.team.synced.connect(batches.append)
    _enter(qtbot, window, dialog)
    qtbot.waitUntil(lambda: any(b.truncated for b in batches), timeout=20_000)
    wait_idle(qtbot, window)
    assert window.ui.statusBar.currentMessage() == "Imported 520 leads."
    assert window.model.rowCount() > 0
