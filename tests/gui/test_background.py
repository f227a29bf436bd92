"""Database work off the GUI thread (``gui.workers.Background``)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sized
from functools import partial

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from sdrdesk.gui.workers import Background


class _Panel(QWidget):
    """A widget with a Python override, as every dialog of the app has."""

    def sizeHint(self) -> QSize:
        return QSize(100, 100)


def _has(items: Sized, count: int) -> bool:
    return len(items) == count


def test_a_widget_a_task_held_is_let_go_in_the_gui_thread(qtbot: QtBot) -> None:
    """A background task's closure may hold a dialog (``lambda: self._estimate(…)``),
    and so may the frames of an exception it raised. When the dialog is closed
    meanwhile, the task held its last reference; freeing it in the worker thread
    disconnected its signals under Qt's lock while waiting for the GIL, and the window
    froze for good (seen once in five runs of the GUI tests)."""
    background = Background()
    freed: list[threading.Thread] = []
    results: list[object] = []
    errors: list[Exception] = []

    def task_of(panel: _Panel, fail: bool) -> Callable[[], object]:
        def task() -> object:
            held = panel  # a frame that holds it too
            if fail:
                raise ValueError("database gone")
            return held.objectName()

        return task

    for fail in (False, True):
        panel = _Panel()
        panel.setObjectName("panel")
        weakref.finalize(panel, lambda: freed.append(threading.current_thread()))
        background.run(task_of(panel, fail), results.append, errors.append)
        del panel  # now only the task holds it
        qtbot.waitUntil(lambda: background.pending == 0, timeout=5_000)
        background.wait()
        if fail:
            assert [str(e) for e in errors] == ["database gone"]
            errors.clear()  # the window let go of the error it showed
        qtbot.waitUntil(partial(_has, freed, 1 + fail), timeout=5_000)

    assert results == ["panel"]
    assert freed == [threading.main_thread()] * 2
