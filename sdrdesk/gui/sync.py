"""Watching the team's changes on a thread of its own.

The monitor waits on the store's change signal (PostgreSQL LISTEN, or SQLite polling)
and tells the window when to read the event log. When the database goes away it says so
once, keeps trying with growing pauses, and says when it is back.
"""

from __future__ import annotations

import contextlib
import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal

from sdrdesk.domain.errors import StoreUnavailableError
from sdrdesk.services.sync import ChangeSignal

log = logging.getLogger(__name__)

BACKOFF_SECONDS = (1.0, 2.0, 3.0, 5.0)


class _Watcher(QObject):
    changed = Signal()
    lost = Signal(str)
    restored = Signal()

    def __init__(self, signal: ChangeSignal) -> None:
        super().__init__()
        self._signal = signal
        self._stop = threading.Event()

    def run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                changed = self._signal.wait(1.0)
            except StoreUnavailableError as exc:
                if failures == 0:
                    self.lost.emit(str(exc))
                pause = BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS) - 1)]
                failures += 1
                self._stop.wait(pause)
                continue
            except Exception:  # never let the watcher die silently
                log.exception("The change watcher failed; retrying")
                self._stop.wait(BACKOFF_SECONDS[-1])
                continue
            if failures:
                failures = 0
                self.restored.emit()
            if changed and not self._stop.is_set():
                self.changed.emit()

    def stop(self) -> None:
        self._stop.set()
        self._signal.close()


class SyncMonitor(QObject):
    """Owns the watcher thread; its signals arrive on the GUI thread."""

    changed = Signal()
    lost = Signal(str)
    restored = Signal()

    def __init__(self, signal: ChangeSignal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("sdrdesk-sync")
        self._watcher = _Watcher(signal)
        self._watcher.moveToThread(self._thread)
        self._thread.started.connect(self._watcher.run)
        self._watcher.changed.connect(self.changed)
        self._watcher.lost.connect(self.lost)
        self._watcher.restored.connect(self.restored)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        # Nothing the watcher says from now on may reach a window that is closing.
        for signal in (self._watcher.changed, self._watcher.lost, self._watcher.restored):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect()
        self._watcher.stop()
        self._thread.quit()
        self._thread.wait(5000)
