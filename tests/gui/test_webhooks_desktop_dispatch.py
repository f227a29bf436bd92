"""The desktop's own dispatcher (setting ``webhook_dispatch_in_window``, off by default):
with it on, a manager's window sends what the team decides, as ``intake serve`` would;
an SDR's window on a team database does not (deliveries are managers' data); with it
off, nothing is sent from the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from sdrdesk.db.engine import Store
from sdrdesk.domain.users import Role
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.webhooks import WebhooksController
from sdrdesk.services.catalog import Services
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService
from sdrdesk.services.webhooks import DispatcherHandle, WebhookService
from sdrdesk.settings import Settings
from tests.factories import add_leads
from tests.gui.conftest import wait_idle
from tests.gui.test_privacy_window import add_managers
from tests.webhook_receiver import Receiver


@pytest.fixture
def hooked(database_url: str) -> Iterator[tuple[ServiceContext, Receiver]]:
    """A team with an endpoint for ``lead.accepted`` (the real clock, no undo hold)."""
    receiver = Receiver().start()
    add_managers(database_url, "tom")
    store = Store.open(database_url)
    ctx = ServiceContext(store, Rules(default_region="DE", undo_seconds=0))
    tom = UserService(ctx).find("tom")
    assert tom is not None
    receiver.secret = WebhookService(ctx).add(receiver.url, "lead.accepted", actor_id=tom.id).secret
    yield ctx, receiver
    receiver.stop()
    store.dispose()


def _window(
    qtbot: QtBot, database_url: str, user: str, *, dispatch: bool, deleted_by_test: bool = False
) -> MainWindow:
    store = Store.open(database_url)
    ctx = ServiceContext(store, Rules(default_region="DE", undo_seconds=0))
    settings = Settings(user=None, default_region="DE", webhook_dispatch_in_window=dispatch)
    window = MainWindow(Services(ctx), settings, user_name=user)
    if not deleted_by_test:
        qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.has_started, timeout=10_000)
    wait_idle(qtbot, window)
    return window


def _accept_one(ctx: ServiceContext) -> str:
    """An SDR elsewhere accepts a lead (another process's commit, as far as the window
    knows: a store of its own); the delivery's webhook-id."""
    anna = UserService(ctx).find("anna") or UserService(ctx).add("anna", Role.SDR)
    (lead,) = add_leads(ctx, {})
    TriageService(ctx).accept(lead, actor_id=anna.id)
    (item,) = WebhookService(ctx).log()
    return item.message_id


def _dispatcher(window: MainWindow) -> object:
    controller = window.controller("webhooks")
    assert isinstance(controller, WebhooksController)
    return controller.dispatcher


def test_a_managers_window_sends_webhooks_when_the_setting_is_on(
    qtbot: QtBot, database_url: str, hooked: tuple[ServiceContext, Receiver]
) -> None:
    ctx, receiver = hooked
    window = _window(qtbot, database_url, "tom", dispatch=True, deleted_by_test=True)
    assert _dispatcher(window) is not None
    message_id = _accept_one(ctx)
    qtbot.waitUntil(lambda: len(receiver.received) == 1, timeout=10_000)
    assert receiver.received[0].webhook_id == message_id
    assert receiver.received[0].verified
    handle = _dispatcher(window)
    assert isinstance(handle, DispatcherHandle)
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not handle.running, timeout=10_000)  # gone with the window


def test_an_sdrs_window_on_a_team_database_does_not_send(
    qtbot: QtBot, database_url: str, hooked: tuple[ServiceContext, Receiver]
) -> None:
    """On PostgreSQL an SDR may not read the endpoints' secrets: only a manager's window
    dispatches. A personal SQLite file has no such line: its user's window sends."""
    ctx, receiver = hooked
    window = _window(qtbot, database_url, "anna", dispatch=True)
    if not ctx.store.is_sqlite:
        assert _dispatcher(window) is None
        return
    assert _dispatcher(window) is not None
    _accept_one(ctx)
    qtbot.waitUntil(lambda: len(receiver.received) == 1, timeout=10_000)


def test_the_window_sends_nothing_when_the_setting_is_off(
    qtbot: QtBot, database_url: str, hooked: tuple[ServiceContext, Receiver]
) -> None:
    ctx, receiver = hooked
    window = _window(qtbot, database_url, "tom", dispatch=False)
    assert _dispatcher(window) is None
    _accept_one(ctx)
    qtbot.wait(1500)
    assert receiver.received == []
    window.close()
