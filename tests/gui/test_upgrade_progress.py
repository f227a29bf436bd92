"""Starting the window on a store that predates the reports' rollups (migration 0018):
a window shows the build's progress, then the store opens with its figures built."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from PySide6.QtWidgets import QLabel, QProgressBar
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sdrdesk.app import open_app_in_window
from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import SCHEMA_HEAD, alembic_config
from sdrdesk.gui import upgrade_progress
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead

pytestmark = pytest.mark.sqlite_only


def test_an_upgrade_that_builds_the_rollups_shows_a_progress_bar(
    qtbot: QtBot,
    ctx: ServiceContext,
    sdr: UserInfo,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for n in range(12):
        lead = add_lead(ctx, first_name=f"Lead {n}", source="Webinar")
        TriageService(ctx).reject(lead, actor_id=sdr.id, reason_code="spam")
    store = Store.open(database_url)
    with store.engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0015")  # a store from before the rollups
    store.dispose()

    shown: list[upgrade_progress.UpgradeProgress] = []
    grabbed: list[tuple[int, str, str]] = []
    real_call = upgrade_progress.UpgradeProgress.__call__

    def watching(self: upgrade_progress.UpgradeProgress, percent: int) -> None:
        real_call(self, percent)
        if self not in shown:
            shown.append(self)
        assert self.window is not None
        assert self.window.isVisible()
        bar = self.window.findChild(QProgressBar)
        label = self.window.findChild(QLabel)
        assert bar is not None
        assert label is not None
        if percent == 50:
            self.window.grab().save(str(tmp_path / "upgrade-progress.png"))
        grabbed.append((bar.value(), bar.text(), label.text()))

    monkeypatch.setattr(upgrade_progress.UpgradeProgress, "__call__", watching)
    app_ctx, owned = open_app_in_window(database_url)
    try:
        assert owned is False  # the tests' QApplication ran already
        # the rollups (0018), the grades' marks (0020), the period indexes (0021)
        values = [value for value, _text, _label in grabbed]
        assert values == list(range(10, 101, 10)) * 2 + [33, 66, 100]
        assert grabbed[4][1] == "50% done"
        assert "Building the reports' figures" in grabbed[0][2]
        assert shown[0].window is None  # closed once the store is open
        assert (tmp_path / "upgrade-progress.png").stat().st_size > 0
        assert app_ctx.migration.to_revision == SCHEMA_HEAD
        with app_ctx.store.engine.connect() as conn:
            assert conn.execute(text("SELECT sum(n) FROM decision_hours")).scalar() == 12
    finally:
        app_ctx.store.dispose()


def test_a_store_that_needs_no_build_opens_without_the_window(
    qtbot: QtBot, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[object] = []
    monkeypatch.setattr(upgrade_progress.UpgradeProgress, "_show", lambda self: made.append(self))
    app_ctx, owned = open_app_in_window(database_url)
    app_ctx.store.dispose()
    assert (made, owned) == ([], False)
