"""Marketing › Webhooks… (managers, Ctrl+Shift+W): endpoints, recent deliveries, a
failure with the receiver's answer, and Retry; a failing endpoint named in the banner."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from sdrdesk.db.engine import Store
from sdrdesk.gui.dialogs.webhooks_dialog import WebhooksDialog
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.webhooks import WebhooksController
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.webhooks import WebhookService
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle
from tests.gui.test_privacy_window import add_managers
from tests.webhook_receiver import Receiver


@pytest.fixture
def gone(database_url: str) -> Iterator[Receiver]:
    """An endpoint whose receiver answered a ping with 410 Gone (so it is disabled)."""
    receiver = Receiver(mode="410").start()
    add_managers(database_url, "tom")
    store = Store.open(database_url)
    hooks = WebhookService(ServiceContext(store))
    with store.engine.connect() as conn:
        tom = conn.exec_driver_sql("SELECT id FROM users WHERE name = 'tom'").scalar_one()
    created = hooks.add(receiver.url, "lead.sql,lead.rejected", actor_id=tom, description="CRM")
    receiver.secret = created.secret
    hooks.test(created.endpoint.id, actor_id=tom)
    store.dispose()
    yield receiver
    receiver.stop()


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def open_webhooks(qtbot: QtBot, window: MainWindow) -> WebhooksDialog:
    qtbot.keyClick(
        window.ui.queueView,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    controller = window.controller("webhooks")
    assert isinstance(controller, WebhooksController)
    qtbot.waitUntil(lambda: controller.dialog is not None)
    dialog = controller.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.deliveries.rowCount() > 0, timeout=5000)
    return dialog


def test_a_manager_sees_the_failure_with_the_receivers_answer_and_retries(
    qtbot: QtBot, make_window: WindowFactory, gone: Receiver
) -> None:
    window = make_window(*QUEUE, user="tom")
    action = window.action("actionWebhooks")
    assert action.isEnabled()
    assert action.toolTip() == "Webhooks (Ctrl+Shift+W)"
    window.controller("webhooks")
    qtbot.waitUntil(lambda: window.ui.banner.isVisible(), timeout=5000)
    assert window.ui.bannerLabel.text() == (
        f"Webhooks to {gone.url} are not arriving. See Marketing › Webhooks…."
    )
    dialog = open_webhooks(qtbot, window)
    endpoint = [cell(dialog.endpoints, 0, c) for c in range(3)]
    assert endpoint == [gone.url, "lead.sql, lead.rejected", "disabled"]
    assert dialog.status.text().startswith(f"Needs attention: {gone.url} — The receiver answered")
    cells = [cell(dialog.deliveries, 0, c) for c in range(1, 6)]
    assert cells == ["ping", "", "failed", "1", "HTTP 410"]
    assert "gone" in dialog.answer.toPlainText()
    assert "webhook-id: msg_" in dialog.answer.toPlainText()
    dialog.grab().save("/tmp/webhooks-dialog.png")
    assert dialog.retry_button.isEnabled()
    gone.mode = "ok"
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(dialog.endpoints, 0, 2) == "active", timeout=5000)
    wait_idle(qtbot, window)
    assert dialog.status.text() == (
        "The delivery is due again; the dispatcher sends it within seconds."
    )


def test_an_sdr_has_no_webhooks(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*QUEUE, user="anna")
    assert not window.action("actionWebhooks").isEnabled()
    controller = window.controller("webhooks")
    assert isinstance(controller, WebhooksController)
    controller.open()
    assert controller.dialog is None
