"""Lead › Erase personal data… (managers): the question names the person, a reason is
required, and the window forgets the person once the erasure is saved."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from sdrdesk.db.engine import Store
from sdrdesk.domain.users import Role
from sdrdesk.gui.dialogs.erase_dialog import EraseDialog
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.privacy import PrivacyController
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.results import to_jsonable
from sdrdesk.services.users import UserService
from tests.gui.conftest import QUEUE, WindowFactory, shown, wait_idle

FRESH = ("Fresh", "fresh@nordlicht.de", "Nordlicht", "1234567")


def add_managers(database_url: str, *names: str) -> None:
    setup = Store.open(database_url)
    users = UserService(ServiceContext(setup))
    for name in names:
        users.add(name, Role.MANAGER, display_name=name.title())
    setup.dispose()


def privacy(window: MainWindow) -> PrivacyController:
    controller = window.controller("privacy")
    assert isinstance(controller, PrivacyController)
    return controller


def open_erase(qtbot: QtBot, window: MainWindow) -> EraseDialog:
    qtbot.keyClick(
        window.ui.queueView,
        Qt.Key.Key_Delete,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: privacy(window).erase_dialog is not None)
    dialog = privacy(window).erase_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def button(dialog: EraseDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None, name
    return found


def stored_text(window: MainWindow, lead_id: int) -> str:
    export = window.services.privacy.export(lead_id=lead_id)
    return json.dumps(to_jsonable(export.as_json()), ensure_ascii=False)


def test_a_manager_erases_the_selected_person(
    qtbot: QtBot, make_window: WindowFactory, database_url: str
) -> None:
    add_managers(database_url, "tom")
    window = make_window(*QUEUE, user="tom")
    row = window.current_row()
    assert row is not None
    assert row.lead.name == "Fresh Berlin"
    lead_id = row.lead.id
    action = window.action("actionErasePersonalData")
    assert action.isEnabled()
    assert action.toolTip() == "Erase personal data (Ctrl+Shift+Del)"

    # The question names the person; keeping the data changes nothing.
    dialog = open_erase(qtbot, window)
    assert dialog.objectName() == "eraseDialog"
    intro = shown(dialog.ui.eraseIntro)
    assert intro.startswith("Erase everything stored about Fresh Berlin (fresh@nordlicht.de)?")
    assert dialog.focusWidget() is dialog.ui.eraseReason
    button(dialog, "eraseKeep").click()
    qtbot.waitUntil(lambda: privacy(window).erase_dialog is None)
    wait_idle(qtbot, window)
    assert all(word in stored_text(window, lead_id) for word in FRESH)

    # No reason: refused, the dialog still open.
    dialog = open_erase(qtbot, window)
    button(dialog, "eraseConfirm").click()
    assert dialog.isVisible()
    assert dialog.ui.eraseError.text().startswith("Give the reason for the erasure")
    intro = dialog.ui.eraseIntro  # the message's room did not cut the question
    assert intro.height() >= intro.heightForWidth(intro.width())
    wait_idle(qtbot, window)
    assert "Fresh" in stored_text(window, lead_id)

    # With a reason: erased; the lead panel and the export no longer hold the person.
    qtbot.keyClicks(dialog.ui.eraseReason, "Request by e-mail of 3 May")
    qtbot.keyClick(dialog.ui.eraseReason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: privacy(window).erase_dialog is None)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.lead_panel.ui.leadName.text() == f"Lead {lead_id}")
    assert window.ui.statusBar.currentMessage().startswith(
        "Erased the personal data of Fresh Berlin"
    )
    assert "Fresh Berlin" not in [r.lead.name for r in window.model.rows()]
    stored = stored_text(window, lead_id)
    assert not [word for word in FRESH if word in stored]
    assert "Request by e-mail of 3 May" in stored  # the erasure's reason is kept


def test_a_refusal_is_one_sentence_in_the_dialog_and_the_reason_stays(
    qtbot: QtBot, make_window: WindowFactory, database_url: str
) -> None:
    add_managers(database_url, "tom", "boss")
    window = make_window(*QUEUE, user="tom")
    lead_id = window.current_row().lead.id  # type: ignore[union-attr]
    dialog = open_erase(qtbot, window)
    # Meanwhile another manager makes Tom an SDR again.
    users = window.services.users
    users.edit("tom", role=Role.SDR, actor_id=users.get("boss").id)
    qtbot.keyClicks(dialog.ui.eraseReason, "Request of 3 May")
    button(dialog, "eraseConfirm").click()
    qtbot.waitUntil(lambda: dialog.ui.eraseError.isVisible())
    assert dialog.ui.eraseError.text() == (
        "Only a manager may erase a person's data; tom is a sales development rep."
    )
    assert dialog.isVisible()
    assert dialog.reason == "Request of 3 May"
    assert button(dialog, "eraseConfirm").isEnabled()
    assert "Fresh" in stored_text(window, lead_id)


def test_an_sdr_cannot_erase(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*QUEUE)  # anna, an SDR
    assert not window.action("actionErasePersonalData").isEnabled()
    privacy(window).erase_current()  # forced, as a stray key would
    assert privacy(window).erase_dialog is None
    assert window.ui.statusBar.currentMessage() == "Only a manager may erase a person's data."
