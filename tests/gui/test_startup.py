"""Start-up order: the first rows are painted before the ORM is imported, and what the
window loads after them (lead panel data, triage) still arrives without a keystroke.
Garbage collection is off until then (``sdrdesk.startup``) and on again afterwards.

Runs ``sdrdesk`` in a fresh process: this test process has imported everything already.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import upgrade
from sdrdesk.services.context import Rules, ServiceContext
from tests.factories import add_leads

CHILD = r"""
# The app as the sdrdesk command runs it: main() makes the QApplication and runs its
# event loop. The child only watches, from the moment the window is shown.
import gc, json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from sdrdesk.cli import main
from sdrdesk.gui.main_window import MainWindow

seen = {}
keep = []


class Watch(QObject):
    def __init__(self, window):
        super().__init__()
        self.window = window

    def eventFilter(self, obj, event):
        window = self.window
        if event.type() == QEvent.Type.Paint and window.model.rowCount() and not seen:
            seen["rows"] = window.model.rowCount()
            seen["orm_at_first_rows"] = "sqlalchemy.orm" in sys.modules
            seen["first_id"] = window.model.row(0).lead.id
            seen["gc_at_first_rows"] = gc.isenabled()
        return False


def check(window):
    detail = window.ui.leadPanel.detail
    # (Only what a user sees: the window's properties would load the features themselves.)
    if seen and detail is not None and window.action("actionStartCall").isEnabled():
        seen["panel_id"] = detail.id
        seen["orm_after"] = "sqlalchemy.orm" in sys.modules
        seen["gc_after"] = gc.isenabled()
        window.close()
        QApplication.quit()


show = MainWindow.show


def watched_show(window):
    watch = Watch(window)
    window.ui.queueView.viewport().installEventFilter(watch)
    poll = QTimer(interval=20)
    poll.timeout.connect(lambda: check(window))
    poll.start()
    QTimer.singleShot(20_000, QApplication.quit)
    keep.extend([watch, poll])
    show(window)


MainWindow.show = watched_show
code = main(["--database-url", sys.argv[1], "--user", "anna"])
seen["exit"] = code
print(json.dumps(seen))
"""


def test_first_rows_come_before_the_orm_and_the_rest_follows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'leads.db'}"
    store = Store.open(url)
    upgrade(store.engine)
    ctx = ServiceContext(store, Rules(default_region="DE"))
    add_leads(ctx, *({"first_name": f"Lead{i}", "score": str(50 + i)} for i in range(5)))
    store.dispose()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SDRDESK_CONFIG_DIR": str(tmp_path / "config"),
        "SDRDESK_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["exit"] == 0
    assert seen["rows"] == 5
    assert seen["orm_at_first_rows"] is False
    assert seen["gc_at_first_rows"] is False
    # Then, with no input, the panel shows the selected lead and calls can be started.
    assert seen["panel_id"] == seen["first_id"]
    assert seen["orm_after"] is True
    assert seen["gc_after"] is True


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_closes_the_window_as_its_close_button_does(
    tmp_path: Path, sent: signal.Signals
) -> None:
    """A logout or ``kill`` sends SIGTERM, Ctrl+C in a terminal SIGINT: the window closes
    properly (its layout is saved) and the app exits with 0, instead of dying on the spot
    (SIGTERM) or not at all (SIGINT, which Qt's loop held back)."""
    url = f"sqlite:///{tmp_path / 'leads.db'}"
    store = Store.open(url)
    upgrade(store.engine)
    add_leads(ServiceContext(store, Rules(default_region="DE")), {"first_name": "Ada"})
    store.dispose()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SDRDESK_CONFIG_DIR": str(tmp_path / "config"),
        "SDRDESK_DATA_DIR": str(tmp_path / "data"),
    }
    log_file = tmp_path / "data" / "logs" / "sdrdesk.log"
    app = subprocess.Popen(
        [sys.executable, "-m", "sdrdesk", "--database-url", url, "--user", "anna"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while "Window ready" not in (log_file.read_text() if log_file.exists() else ""):
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            assert time.monotonic() < deadline, "the window never got ready"
            time.sleep(0.05)
        app.send_signal(sent)
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()
    assert f"Closing on {sent.name}" in log_file.read_text()
    saved = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert "geometry" in saved["window"]  # the layout, as closing the window saves it
