"""File › Team… (managers): everyone listed, the selected person edited in place,
deactivated with their open leads handed to a colleague, reactivated."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from sdrdesk.db.engine import Store
from sdrdesk.domain.users import Role
from sdrdesk.gui.dialogs.team_dialog import TeamDialog
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.users import UsersController
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.users import UserService
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle


def add_team(database_url: str) -> None:
    setup = Store.open(database_url)
    users = UserService(ServiceContext(setup))
    users.add("tom", Role.MANAGER, display_name="Tom Becker")
    users.add("ben", Role.SDR, display_name="Ben Okafor")
    users.add("cara", Role.SDR, display_name="Cara Diaz", email="cara@example.com")
    users.add("dora", Role.SDR, display_name="Dora Lind", time_zone="Europe/Stockholm")
    users.deactivate("dora", actor_id=users.get("tom").id)
    setup.dispose()


def users(window: MainWindow) -> UsersController:
    controller = window.controller("users")
    assert isinstance(controller, UsersController)
    return controller


def open_team(qtbot: QtBot, window: MainWindow) -> TeamDialog:
    qtbot.keyClick(
        window.ui.queueView,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: users(window).dialog is not None)
    dialog = users(window).dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.ui.teamList.topLevelItemCount() > 0)
    wait_idle(qtbot, window)
    return dialog


def listed(dialog: TeamDialog) -> dict[str, list[str]]:
    view = dialog.ui.teamList
    rows = [view.topLevelItem(i) for i in range(view.topLevelItemCount())]
    return {row.text(0): [row.text(c) for c in range(1, 6)] for row in rows}


def select(qtbot: QtBot, dialog: TeamDialog, name: str) -> None:
    view = dialog.ui.teamList
    view.setFocus()
    for _ in range(view.topLevelItemCount()):
        if dialog.selected and dialog.selected.name == name:
            return
        qtbot.keyClick(view, Qt.Key.Key_Down)
    raise AssertionError(f"{name} is not in the list")


def test_a_manager_edits_deactivates_and_reactivates(
    qtbot: QtBot, make_window: WindowFactory, database_url: str
) -> None:
    add_team(database_url)
    window = make_window(*QUEUE, user="tom")
    assert window.action("actionTeam").isEnabled()
    assert window.action("actionTeam").toolTip() == "Team (Ctrl+Shift+T)"
    ctx = window._ctx
    ben = UserService(ctx).get("ben")
    leads = window.services.leads
    bens = [row.lead for row in window.model.rows()[:2]]  # Ben works two of the leads
    for lead in bens:
        window.services.claims.assign(
            lead.id, to_user="ben", actor_id=UserService(ctx).get("tom").id
        )
    dialog = open_team(qtbot, window)
    assert dialog.objectName() == "teamDialog"
    assert listed(dialog)["ben"] == ["Ben Okafor", "Sales development rep", "", "", "Active"]
    assert listed(dialog)["dora"] == [
        "Dora Lind", "Sales development rep", "", "Europe/Stockholm", "Inactive",
    ]  # fmt: skip
    assert listed(dialog)["cara"][2] == "cara@example.com"
    assert dialog.focusWidget().objectName() == "teamList"
    assert dialog.ui.teamMessage.text() == "4 people, 1 of them inactive."
    for widget in dialog.findChildren(QWidget):
        if widget.isVisible() and widget.objectName().startswith("team"):
            assert widget.accessibleName() or widget.objectName().endswith(("Label", "Spacer")), (
                widget.objectName()
            )

    # Enter edits Ben: a new e-mail and time zone, saved with Enter in a field.
    select(qtbot, dialog, "ben")
    qtbot.keyClick(dialog.ui.teamList, Qt.Key.Key_Return)
    assert dialog.focusWidget().objectName() == "teamFullName"
    qtbot.keyClick(dialog.ui.teamFullName, Qt.Key.Key_Tab)
    assert dialog.focusWidget().objectName() == "teamEmail"
    qtbot.keyClicks(dialog.ui.teamEmail, "ben@example.com")
    dialog.ui.teamTimeZone.setText("Europe/Lisbon")
    qtbot.keyClick(dialog.ui.teamEmail, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.ui.teamMessage.text() == "Saved Ben Okafor.")
    assert listed(dialog)["ben"][2:4] == ["ben@example.com", "Europe/Lisbon"]
    stored = UserService(ctx).get("ben")
    assert (stored.email, stored.time_zone) == ("ben@example.com", "Europe/Lisbon")

    # A bad time zone: one sentence, what was typed stays.
    dialog.ui.teamTimeZone.setText("Mars/Olympus")
    dialog.ui.teamFullName.setText("Benjamin Okafor")
    dialog.save()
    qtbot.waitUntil(lambda: "not a time zone" in dialog.ui.teamMessage.text())
    wait_idle(qtbot, window)
    assert dialog.ui.teamMessage.text() == "“Mars/Olympus” is not a time zone (try Europe/Berlin)."
    assert dialog.ui.teamTimeZone.text() == "Mars/Olympus"
    assert dialog.ui.teamFullName.text() == "Benjamin Okafor"
    assert UserService(ctx).get("ben").display_name == "Ben Okafor"
    dialog.ui.teamTimeZone.setText("Europe/Lisbon")
    dialog.ui.teamFullName.setText("Ben Okafor")

    # Delete deactivates Ben; his open leads go to Cara.
    dialog.ui.teamList.setFocus()
    qtbot.keyClick(dialog.ui.teamList, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: users(window).deactivate_dialog is not None)
    ask = users(window).deactivate_dialog
    assert ask is not None
    choices = [ask.ui.deactivateTarget.itemText(i) for i in range(ask.ui.deactivateTarget.count())]
    assert choices == ["the team pool", "Cara Diaz (cara)"]  # active SDRs, not Ben or Dora
    ask.choose("cara")
    confirm = ask.findChild(QPushButton, "deactivateConfirm")
    assert confirm is not None
    confirm.click()
    expected = "Ben Okafor is deactivated; 2 open leads went to Cara Diaz."
    qtbot.waitUntil(lambda: dialog.ui.teamMessage.text() == expected)
    wait_idle(qtbot, window)
    assert listed(dialog)["ben"][4] == "Inactive"
    assert not dialog.ui.teamDeactivate.isEnabled()
    assert dialog.ui.teamReactivate.isEnabled()
    owners = {lead.id: lead.owner for lead in leads.list_leads()}
    assert [owners[lead.id] for lead in bens] == ["cara", "cara"]
    assert "ben" not in owners.values()
    assert window.ui.statusBar.currentMessage() == expected

    # Reactivate (Alt+C).
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.ui.teamList, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.ui.teamMessage.text() == "Ben Okafor is active again.")
    assert listed(dialog)["ben"][4] == "Active"
    assert UserService(ctx).get("ben").active
    assert ben.id == UserService(ctx).get("ben").id

    # Esc closes.
    dialog.ui.teamList.setFocus()
    qtbot.keyClick(dialog.ui.teamList, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: users(window).dialog is None)


def test_an_sdr_has_no_team(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*QUEUE)  # anna, an SDR
    assert not window.action("actionTeam").isEnabled()
    users(window).open_team()  # forced, as a stray key would
    assert users(window).dialog is None
    assert window.ui.statusBar.currentMessage() == "Only a manager may edit the team."
