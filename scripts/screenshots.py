"""Take the README's screenshots: the app on a fresh store with sample leads.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out docs]
    LANGUAGE=de LANG=de_DE.UTF-8 QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

Runs the real app (``sdrdesk.cli.main``) in this process on a throw-away SQLite file,
works one lead from the keyboard so the history and the status bar have something to
show, and saves ``queue-window.png`` and ``reports-window.png``; in another language
(the system's, as the app itself follows it) ``screenshots/<lang>-main-window.png`` and
``screenshots/<lang>-reports-window.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="sdrdesk-shots-"))
    os.environ["SDRDESK_CONFIG_DIR"] = str(home / "config")
    os.environ["SDRDESK_DATA_DIR"] = str(home / "data")
    url = f"sqlite:///{home / 'sample.db'}"

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTabWidget

    from sdrdesk import i18n
    from sdrdesk.cli import main as sdrdesk

    app = QApplication.instance() or QApplication(["sdrdesk"])
    user = ["--database-url", url, "--user", "sam.rivera"]
    if sdrdesk(["sample-data", "--count", "400", "--seed", "7", *user]) != 0:
        return 1
    sdrdesk(user)

    def wait(condition: Callable[[], bool], seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the window did not get there in time")
            app.processEvents()
            time.sleep(0.01)

    def settle() -> None:
        wait(lambda: window.background.pending == 0)
        for _ in range(20):
            app.processEvents()

    window = next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")
    window.resize(1440, 860)
    wait(lambda: window.model.rowCount() > 0)
    settle()
    view = window.ui.queueView
    view.setFocus()
    # Work the top of the queue: accept, or reject with a reason (its number in the
    # dialog: 1 not our customer, 2 wrong person, 3 private, 7 bad data).
    for keys in ["A", "R1", "A", "R2", "R7", "A", "R1", "R3", "A", "R2", "A", "R1", "A", "R7"]:
        before = window.model.rowCount()
        (
            window.action("actionAccept") if keys[0] == "A" else window.action("actionReject")
        ).trigger()
        if keys[0] == "R":
            wait(lambda: _visible(app, "rejectDialog") is not None)
            wait(lambda: _visible(app, "rejectDialog").ui.reasonList.count() > 0)
            QTest.keyClicks(_visible(app, "rejectDialog").ui.reasonList, keys[1])
        wait(lambda n=before: window.model.rowCount() < n and window.background.pending == 0)
        settle()
        view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_J)  # look at the next lead
    wait(lambda: not window.queue_count.timer.isActive())
    settle()
    language = i18n.current_language()
    if language == i18n.SOURCE_LANGUAGE:
        main_shot, reports_shot = out / "queue-window.png", out / "reports-window.png"
    else:
        (out / "screenshots").mkdir(exist_ok=True)
        main_shot = out / "screenshots" / f"{language}-main-window.png"
        reports_shot = out / "screenshots" / f"{language}-reports-window.png"
    window.grab().save(str(main_shot))

    window.reports.action.trigger()
    wait(lambda: _reports(app) is not None)
    reports = _reports(app)
    assert reports is not None
    reports.resize(1440, 900)
    reports.findChild(QTabWidget).setCurrentIndex(1)  # sources and campaigns
    wait(lambda: window.background.pending == 0)
    settle()
    time.sleep(1)
    settle()
    reports.grab().save(str(reports_shot))
    print(f"saved {main_shot} and {reports_shot}")
    for widget in app.topLevelWidgets():
        widget.close()
    return 0


def _visible(app: object, name: str) -> Any:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    return next(
        (w for w in app.topLevelWidgets() if w.objectName() == name and w.isVisible()), None
    )


def _reports(app: object) -> object | None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    return next((w for w in app.topLevelWidgets() if w.objectName() == "reportsWindow"), None)


if __name__ == "__main__":
    sys.exit(main())
