"""Desktop notifications for leads that arrive over the intake: routed to me, or hot in
the pool; a click selects the lead; muting silences them."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from sdrdesk.domain.assignment import parse_rules
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.notifications import NotificationsController
from sdrdesk.services.intake import IntakeService, TokenService
from tests.gui.conftest import QUEUE, WindowFactory


def notifications(window: MainWindow) -> NotificationsController:
    controller = window.controller("notifications")
    assert isinstance(controller, NotificationsController)
    return controller


def post(window: MainWindow, *leads: dict[str, str], rules: str | None = None) -> list[int]:
    """Leads posted as the intake service takes them (its own service, another client)."""
    ctx = window._ctx
    if rules is not None:
        ctx = replace(ctx, assignment=parse_rules(rules, "rules.toml"))
    token = TokenService(ctx).add("Web form", actor_id=None)
    caller = TokenService(ctx).caller(token.token)
    assert caller is not None
    answer = IntakeService(ctx).receive(caller, {"leads": list(leads)})
    assert answer.status == 201, answer.body
    return [lead["id"] for lead in answer.body["leads"]]


def test_a_hot_pool_lead_is_notified_and_a_click_selects_it(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*QUEUE)
    shown: list[tuple[str, str]] = []
    controller = notifications(window)
    controller.notifier.shown.connect(lambda title, text: shown.append((title, text)))
    [hot] = post(
        window,
        {
            "first_name": "Greta",
            "last_name": "Glut",
            "email": "greta@glut.de",
            "score": "93",
            "company": "Glut GmbH",
            "phone": "030 1234567",
        },
    )
    post(window, {"first_name": "Lau", "email": "lau@warm.de", "score": "20"})
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert shown[0] == ("A hot lead in the pool", "Greta Glut, Glut GmbH (score 93)")
    qtbot.wait(300)
    assert len(shown) == 1  # the cold one says nothing
    qtbot.waitUntil(lambda: window.model.position_of(hot) is not None, timeout=3000)
    controller.notifier.message_clicked()
    current = window.current_row()
    assert current is not None
    assert current.lead.id == hot


def test_a_lead_routed_to_me_is_notified_unless_muted(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*QUEUE)
    shown: list[tuple[str, str]] = []
    controller = notifications(window)
    controller.notifier.shown.connect(lambda title, text: shown.append((title, text)))
    rules = (
        'mode = "pool"\n[[rule]]\nname = "Ads"\nsources = ["Web form"]\n'
        'action = "accept"\nsdrs = ["anna"]\n'
    )
    post(window, {"first_name": "Mia", "email": "mia@mine.de", "score": "50"}, rules=rules)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert shown[0][0] == "A new lead for you"
    window.action("actionMuteNotifications").trigger()
    assert window.action("actionMuteNotifications").isChecked()
    assert window.settings.notifications_muted
    post(window, {"first_name": "Max", "email": "max@mine.de", "score": "99"}, rules=rules)
    qtbot.wait(1500)
    assert len(shown) == 1


def test_what_i_do_myself_is_no_news_to_me(qtbot: QtBot, make_window: WindowFactory) -> None:
    """Accepting a lead makes it mine; that is not "a new lead for you"."""
    window = make_window(*QUEUE)
    shown: list[tuple[str, str]] = []
    controller = notifications(window)
    controller.notifier.shown.connect(lambda title, text: shown.append((title, text)))
    window.ui.queueView.setFocus()
    before = window.model.rowCount()
    window.action("actionAccept").trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() < before, timeout=3000)
    post(window, {"first_name": "Greta", "email": "greta@glut.de", "score": "95"})
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)  # the live sync has run since
    assert [title for title, _text in shown] == ["A hot lead in the pool"]
