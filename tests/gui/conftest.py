"""A main window on a real store (SQLite and PostgreSQL), driven with qtbot."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from sdrdesk.db.engine import Store
from sdrdesk.gui.dialogs.import_preview import ImportPreviewDialog
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.paths import data_dir
from sdrdesk.services.catalog import Services
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.settings import Settings
from tests.conftest import FakeClock
from tests.factories import add_leads

WindowFactory = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp: Any) -> Iterator[None]:
    """Hand back what a test copied while Python still runs: offscreen Qt keeps the
    clipboard's QMimeData in a static that is destroyed after the interpreter, and
    destroying a Python-made QMimeData then crashes the process on exit."""
    yield
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def _no_call_drafts() -> None:
    """Every test starts without call drafts: the PostgreSQL tests share one store URL,
    and so one drafts folder, and their lead ids repeat."""
    shutil.rmtree(data_dir() / "drafts", ignore_errors=True)


# Office hours in Berlin, London and New York at the fake clock's 14:30 UTC.
QUEUE = [
    {
        "first_name": "Fresh",
        "last_name": "Berlin",
        "phone": "030 1234567",
        "country": "DE",
        "company": "Nordlicht Logistik GmbH",
        "title": "Head of Operations",
        "score": "70",
        "minutes_ago": 50,
        "source": "Webinar",
        "email": "fresh@nordlicht.de",
        "company_size": "201-500",
    },
    {
        "first_name": "Hot",
        "last_name": "London",
        "phone": "020 7946 0123",
        "country": "GB",
        "company": "Brightpath Ltd",
        "score": "95",
        "minutes_ago": 300,
        "source": "Paid search",
        "email": "hot@brightpath.co.uk",
    },
    {
        "first_name": "Warm",
        "last_name": "NewYork",
        "phone": "(212) 555-0100",
        "country": "US",
        "company": "Cobalt Inc.",
        "score": "60",
        "minutes_ago": 600,
        "source": "Webinar",
        "email": "warm@cobalt.com",
    },
    {
        "first_name": "Night",
        "last_name": "Tokyo",
        "phone": "03-1234-5678",
        "country": "JP",
        "company": "Orbital KK",
        "score": "99",
        "minutes_ago": 20,
        "source": "Webinar",
        "email": "night@orbital.jp",
    },
]


def wait_idle(qtbot: QtBot, window: MainWindow, timeout: int = 10_000) -> None:
    qtbot.waitUntil(
        lambda: window.background.pending == 0 and not window.model.is_loading, timeout=timeout
    )


@pytest.fixture
def make_window(qtbot: QtBot, database_url: str, clock: FakeClock) -> Iterator[WindowFactory]:
    stores: list[Store] = []

    def make(
        *leads: dict[str, Any],
        user: str | None = "anna",
        lock_timeout_ms: int = 10_000,
        rules: Rules | None = None,
        ready: bool = True,
    ) -> MainWindow:
        """A window shown on a store with ``leads``; with ``ready`` (and a ``user``) only
        once it has started (first rows painted, features loaded) and is idle."""
        store = Store.open(database_url, lock_timeout_ms=lock_timeout_ms)
        stores.append(store)
        ctx = ServiceContext(store, rules or Rules(default_region="DE", undo_seconds=10), clock)
        if leads:
            add_leads(ctx, *leads)
        window = MainWindow(Services(ctx), Settings(user=None, default_region="DE"), user_name=user)
        qtbot.addWidget(window)
        window.resize(1280, 780)
        window.show()
        if user is not None and ready:
            qtbot.waitUntil(lambda: window.has_started, timeout=10_000)
            wait_idle(qtbot, window)
        return window

    yield make
    for store in stores:
        store.dispose()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window(*QUEUE)


def shown(label: QLabel) -> str:
    """The text a label puts on screen (HTML rendered as Qt renders it)."""
    text = label.text()
    rich = label.textFormat() is Qt.TextFormat.RichText or (
        label.textFormat() is Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def labels_showing(root: QObject, text: str) -> list[str]:
    """What the visible labels under ``root`` that mention ``text`` put on screen."""
    return [
        shown(label)
        for label in root.findChildren(QLabel)
        if label.isVisible() and text in shown(label)
    ]


def confirm_import(qtbot: QtBot, window: MainWindow) -> ImportPreviewDialog:
    """Wait for the import's column dialog and its dry run, then press Enter (which
    imports): the dialog, to look at."""
    qtbot.waitUntil(lambda: window.importer.preview_dialog is not None, timeout=20_000)
    dialog = window.importer.preview_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    return dialog
