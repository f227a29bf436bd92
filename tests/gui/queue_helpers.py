"""Driving the queue window in tests: its children, the names it shows, keys and drops."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sdrdesk.gui.main_window import MainWindow

T = TypeVar("T", bound=QObject)


def child(parent: QObject, kind: type[T], name: str) -> T:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def names(window: MainWindow) -> list[str]:
    return [r.lead.name for r in window.model.rows()]


def selected_name(window: MainWindow) -> str | None:
    row = window.current_row()
    return row.lead.name if row else None


def press(qtbot: QtBot, window: MainWindow, key: str | Qt.Key, widget: object = None) -> None:
    target = widget or window.ui.queueView
    if isinstance(key, str):
        qtbot.keyClicks(target, key)
    else:
        qtbot.keyClick(target, key)


def _drop(window: MainWindow, *paths: Path, url: str | None = None) -> tuple[bool, bool]:
    """Drag ``paths`` (or a web ``url``) over the window and drop them, as a file manager
    does; whether the drag and the drop were accepted."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths] + ([QUrl(url)] if url else []))
    where = QPointF(window.rect().center())
    enter = QDragEnterEvent(
        where.toPoint(), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(
        where, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()
