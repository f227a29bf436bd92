"""Who works the queue window: the first start, changing user, and another user's undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from sdrdesk.gui.main_window import MainWindow
from sdrdesk.services.users.service import UserService
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle
from tests.gui.queue_helpers import child, names, press


def test_first_start_asks_who_is_working(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*QUEUE, user=None)
    qtbot.waitUntil(lambda: window.identity_dialog is not None)
    dialog = window.identity_dialog
    assert dialog is not None
    child(dialog, QLineEdit, "identityName").setText("carla")
    child(dialog, QLineEdit, "identityDisplayName").setText("Carla Weiss")
    dialog.confirm()
    qtbot.waitUntil(lambda: window.user is not None)
    assert window.user is not None
    assert window.user.display_name == "Carla Weiss"
    assert window.settings.user == "carla"
    wait_idle(qtbot, window)
    assert len(names(window)) == len(QUEUE)


def test_change_user_shows_the_full_name_and_changes_it(qtbot: QtBot, window: MainWindow) -> None:
    following = window.team._monitor
    assert following is not None
    window.action("actionChangeUser").trigger()
    qtbot.waitUntil(lambda: window.identity_dialog is not None)
    dialog = window.identity_dialog
    assert dialog is not None
    name = child(dialog, QLineEdit, "identityName")
    full = child(dialog, QLineEdit, "identityDisplayName")
    error = child(dialog, QLabel, "identityError")
    assert (name.text(), full.text(), error.isVisible()) == ("anna", "anna", False)
    # Another user name: anna's full name is not given to them; back to anna, it returns.
    name.setFocus()
    qtbot.keyClicks(name, "x")
    assert full.text() == ""
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    assert full.text() == "anna"
    name.clear()
    qtbot.keyClick(name, Qt.Key.Key_Return)  # no user name: refused, said under the fields
    assert error.isVisible()
    assert "not a valid user name" in error.text()
    assert dialog.isVisible()
    qtbot.keyClicks(name, "anna")
    full.setFocus()
    full.selectAll()
    qtbot.keyClicks(full, "Anna Schmidt-Weiß")
    qtbot.keyClick(full, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.user is not None and window.user.name == "anna")
    qtbot.waitUntil(lambda: window.user is not None and window.user.display_name != "anna")
    assert window.user is not None
    assert window.user.display_name == "Anna Schmidt-Weiß"
    shown = [w.text() for w in window.ui.statusBar.findChildren(QLabel)]
    assert any(t.startswith("Anna Schmidt-Weiß (") for t in shown), shown
    stored = UserService(window._ctx).get("anna")
    assert stored.display_name == "Anna Schmidt-Weiß"
    # The queue is shown again for the user, and the team is still followed by one
    # listener (a second one was started, left running, and aborted the app as it quit).
    wait_idle(qtbot, window)
    assert len(names(window)) == len(QUEUE)
    assert window.team._monitor is following


def test_another_user_cannot_undo_the_last_users_accept(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, "a")
    wait_idle(qtbot, window)
    assert window.action("actionUndo").isEnabled()
    window.action("actionChangeUser").trigger()
    qtbot.waitUntil(lambda: window.identity_dialog is not None)
    dialog = window.identity_dialog
    assert dialog is not None
    child(dialog, QLineEdit, "identityName").setText("ben")
    dialog.confirm()
    qtbot.waitUntil(lambda: window.user is not None and window.user.name == "ben")
    assert not window.action("actionUndo").isEnabled()  # anna's accept stays anna's


def test_a_full_name_the_store_cannot_take_is_said_and_the_user_still_works(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.action("actionChangeUser").trigger()
    qtbot.waitUntil(lambda: window.identity_dialog is not None)
    dialog = window.identity_dialog
    assert dialog is not None
    child(dialog, QLineEdit, "identityDisplayName").setText("A" * 201)
    dialog.confirm()
    qtbot.waitUntil(lambda: window.ui.banner.isVisible())
    assert window.ui.bannerLabel.text() == (
        "Your full name stays “anna”: The full name is 201 characters long; at most 200 fit."
    )
    assert window.user is not None
    assert window.user.display_name == "anna"
    wait_idle(qtbot, window)
    assert len(names(window)) == len(QUEUE)
