"""Searching and filtering the queue window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from sdrdesk.gui.main_window import MainWindow
from sdrdesk.services.leads.details import LeadService
from tests.gui.conftest import QUEUE, wait_idle
from tests.gui.queue_helpers import child, names, press


def test_search_narrows_the_queue(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "/")
    assert window.ui.queueFilter.hasFocus()
    qtbot.keyClicks(window.ui.queueFilter, "cobalt")
    qtbot.waitUntil(lambda: names(window) == ["Warm NewYork"])
    count = child(window, QLabel, "queueCount")
    qtbot.waitUntil(lambda: count.text() == "1 lead")
    qtbot.keyClick(window.ui.queueFilter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(names(window)) == len(QUEUE))
    qtbot.waitUntil(lambda: count.text() == f"{len(QUEUE)} leads")
    # Typing in the search box never triggers a single-key shortcut.
    qtbot.keyClicks(window.ui.queueFilter, "ar")
    wait_idle(qtbot, window)
    assert [e.action for e in LeadService(window._ctx).events()] == ["hand_off"] * len(QUEUE)


def test_a_search_starts_with_the_key_and_ends_with_the_last_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The first key searches at once (no waiting for more keys); keys that come faster
    than the queue can answer are searched for the text they leave."""
    press(qtbot, window, "/")
    qtbot.keyClick(window.ui.queueFilter, Qt.Key.Key_C)
    assert window.model.query.text == "c"
    qtbot.keyClicks(window.ui.queueFilter, "obalt")
    qtbot.waitUntil(lambda: window.model.query.text == "cobalt")
    qtbot.waitUntil(lambda: names(window) == ["Warm NewYork"])


def test_a_too_broad_search_says_so_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sdrdesk.services.queue.service as queue_module

    monkeypatch.setattr(queue_module, "SEARCH_LIMIT", 2)
    press(qtbot, window, "/")
    qtbot.keyClicks(window.ui.queueFilter, "n")  # Nordlicht, NewYork, Night
    qtbot.waitUntil(lambda: "More than 2 leads match" in window.statusBar().currentMessage())
    assert len(names(window)) == 2


def test_source_and_view_filters(qtbot: QtBot, window: MainWindow) -> None:
    combo = window.ui.sourceFilter
    qtbot.waitUntil(lambda: combo.count() == 3)
    combo.setCurrentIndex(combo.findText("Paid search"))
    qtbot.waitUntil(lambda: names(window) == ["Hot London"])
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(names(window)) == len(QUEUE))
    press(qtbot, window, "a")
    wait_idle(qtbot, window)
    views = window.ui.viewFilter
    views.setCurrentIndex(views.findText("My accepted leads"))
    qtbot.waitUntil(lambda: names(window) == ["Fresh Berlin"])
