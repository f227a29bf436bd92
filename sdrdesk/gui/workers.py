"""Running service calls off the GUI thread (after Anki's ``aqt.operations``).

``Background.run(fn, on_done, on_error)`` runs ``fn()`` on a worker thread and calls
``on_done(result)`` or ``on_error(exception)`` back on the GUI thread. Callbacks of an
operation that was superseded (``key`` reused) or whose owner is gone are dropped, so a
slow answer to an old search never overwrites the current one.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, SignalInstance

log = logging.getLogger(__name__)

_Done = Callable[[Any], None] | None
_Failed = Callable[[Exception], None] | None


def _ran() -> None:
    """What a task holds once its function has run."""


class _Task(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], deliver: SignalInstance) -> None:
        super().__init__()
        self._task_id = task_id
        self._fn = fn
        self._deliver = deliver
        self.setAutoDelete(True)

    def run(self) -> None:
        # The last reference to anything a task holds (a dialog in a closure, in the
        # frames of an exception it raised) must go in the GUI thread. Freeing a Qt
        # object's Python wrapper in this thread disconnects its signals under Qt's lock
        # and then waits for the GIL, while the GUI thread, holding the GIL, may wait for
        # that lock: the window froze for good. So the Background keeps ``fn`` until it
        # has the outcome, which it takes out of ``box``: what this thread holds once it
        # has emitted, the GUI thread may have let go of already.
        fn, self._fn = self._fn, _ran
        try:
            box: list[tuple[bool, object]] = [(True, fn())]
        except BaseException as exc:  # delivered to the GUI, never lost in a thread
            if not isinstance(exc, Exception):
                log.error("Worker interrupted: %s", traceback.format_exc())
            box = [(False, exc)]
        del fn
        try:
            self._deliver.emit((self._task_id, box))
        except RuntimeError:
            # The window that asked is gone (closed while this ran): nobody to tell.
            log.debug("Dropped the result of a background task whose window closed")


class Background(QObject):
    """A small pool for one window's database work."""

    busy_changed = Signal(bool)
    _delivered = Signal(object)  # (task id, [(ok, result)]): emitted by workers, queued to us

    def __init__(self, parent: QObject | None = None, max_threads: int = 3) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._generation: dict[str, int] = {}
        self._callbacks: dict[int, tuple[Callable[[], bool], _Done, _Failed]] = {}
        self._running: dict[int, Callable[[], Any]] = {}  # released in this thread, see _Task
        self._next_id = 0
        self._closed = False
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: _Done = None,
        on_error: _Failed = None,
        *,
        key: str | None = None,
    ) -> None:
        if self._closed:
            return  # the window is closing: start nothing new
        generation = None
        if key is not None:
            generation = self._generation.get(key, 0) + 1
            self._generation[key] = generation

        def current() -> bool:
            return key is None or self._generation.get(key) == generation

        self._next_id += 1
        self._callbacks[self._next_id] = (current, on_done, on_error)
        self._running[self._next_id] = fn
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Task(self._next_id, fn, self._delivered))

    def _deliver(self, outcome: tuple[int, list[tuple[bool, object]]]) -> None:
        task_id, box = outcome
        ok, result = box.pop()
        current, on_done, on_error = self._callbacks.pop(task_id)
        del self._running[task_id]
        if not self._callbacks:
            self.busy_changed.emit(False)
        if not current():
            return
        if ok:
            if on_done is not None:
                on_done(result)
        elif isinstance(result, Exception):
            if on_error is not None:
                on_error(result)
            else:
                log.error("Background operation failed", exc_info=result)

    def cancel(self, key: str) -> None:
        """Forget the answer of the operation running under ``key``."""
        self._generation[key] = self._generation.get(key, 0) + 1

    def shutdown(self, msecs: int = 5000) -> bool:
        """Start nothing new and wait for what runs (the window is closing)."""
        self._closed = True
        return self.wait(msecs)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the workers are idle (shutdown and tests only)."""
        return bool(self._pool.waitForDone(msecs))
