"""Guard against a Qt binding that corrupts reference counts.

PySide6 6.12.0 drops a reference to ``None`` on every call that returns nothing. On
CPython before 3.12 (where ``None`` is not immortal) the app then dies after a few
thousand calls with "deallocating None". pyproject.toml keeps 6.12 away from those
Pythons; this test fails loudly if such a binding is installed anyway.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        label.update()
        QCoreApplication.processEvents()
    lost = before - sys.getrefcount(None)
    assert lost < 100, f"the Qt binding leaked {lost} references to None in 1,500 calls"
