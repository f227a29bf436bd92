"""Booking, moving and cancelling a demo from the window, as an SDR in Berlin does it for a
lead in New York in March 2026 (the US is on summer time from the 8th, Berlin from the
29th), with the lead's status, history and the saved invites checked after each step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from sdrdesk.db.engine import Store
from sdrdesk.domain.demos import DemoStatus
from sdrdesk.domain.lifecycle import Status
from sdrdesk.gui.dialogs.demo_dialog import DemoDialog
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.demos.results import DemoRequest
from sdrdesk.services.demos.service import DemoService
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.users.service import UserService
from tests.conftest import FakeClock
from tests.demo_helpers import Team, accepted_lead, berlin, make_team
from tests.gui.conftest import WindowFactory, labels_showing, wait_idle
from tests.ics_validator import validate


@pytest.fixture
def team_ctx(database_url: str, clock: FakeClock) -> Iterator[ServiceContext]:
    store = Store.open(database_url)
    yield ServiceContext(store, Rules(default_region="DE"), clock)
    store.dispose()


@pytest.fixture
def team(team_ctx: ServiceContext) -> Team:
    return make_team(team_ctx)


class Opened:
    """Stands in for the system's mail program: records what it was asked to open."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def __call__(self, path: Path) -> bool:
        self.paths.append(path)
        return True


def _window(make_window: WindowFactory, qtbot: QtBot, lead_id: int, tmp_path: Path) -> MainWindow:
    window = make_window()
    window.demos.open_file = Opened()
    window.demos.invite_dir = tmp_path
    views = window.ui.viewFilter
    views.setCurrentIndex(views.findText("All leads"))
    wait_idle(qtbot, window)
    window.select_lead(lead_id)
    qtbot.waitUntil(lambda: window.ui.leadPanel.detail is not None)
    wait_idle(qtbot, window)
    return window


def _press(
    qtbot: QtBot,
    window: MainWindow,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key in the queue, as the SDR presses it once the last dialog has closed."""
    window.activateWindow()  # the offscreen platform does not do it when a dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.ui.queueView, key, modifier)


def _dialog(qtbot: QtBot, window: MainWindow) -> DemoDialog:
    _press(qtbot, window, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: window.demos.demo_dialog is not None)
    dialog = window.demos.demo_dialog
    assert dialog is not None
    return dialog


def _save_invite(qtbot: QtBot, window: MainWindow) -> Path:
    """Accept the save dialog with the name sdrdesk proposes; say "Open" to the offer."""
    qtbot.waitUntil(lambda: window.demos.file_dialog is not None, timeout=10_000)
    files = window.demos.file_dialog
    assert files is not None
    assert files.objectName() == "inviteSaveDialog"
    files.accept()
    qtbot.waitUntil(lambda: window.demos.open_box is not None)
    box = window.demos.open_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Open).click()
    assert window.demos.open_box is None
    opened = window.demos.open_file
    assert isinstance(opened, Opened)
    return opened.paths[-1]


def _press_save(dialog: DemoDialog) -> None:
    dialog.ui.demoButtons.button(QDialogButtonBox.StandardButton.Save).click()


def test_book_move_and_cancel_a_demo(
    qtbot: QtBot,
    make_window: WindowFactory,
    team_ctx: ServiceContext,
    team: Team,
    tmp_path: Path,
    clock: FakeClock,
) -> None:
    lead_id = accepted_lead(team_ctx, team.sdr)
    window = _window(make_window, qtbot, lead_id, tmp_path)
    opened = window.demos.open_file
    assert isinstance(opened, Opened)
    assert window.action("actionScheduleDemo").isEnabled()
    assert window.action("actionScheduleDemo").toolTip() == "Schedule demo (D)"

    # --- book: Wed 11 March, 16:00 in Berlin is 11:00 in New York (EDT since the 8th).
    dialog = _dialog(qtbot, window)
    assert dialog.objectName() == "demoDialog"
    ui = dialog.ui
    assert ui.aeList.count() == 3
    assert ui.aeList.currentItem().text() == "Carla Weiss — 0 upcoming demos · suggested"
    assert ui.aeList.currentItem().text().startswith("Carla Weiss")
    assert "Europe/Berlin" in ui.whenCaption.text()
    assert not ui.sdrEmailEdit.isVisible()  # Anna's address is known
    dialog.select_ae(team.david.id)
    dialog.set_start(berlin(2026, 3, 11, 16))
    assert ui.demoDateTime.dateTime().toString("ddd HH:mm") == "Wed 16:00"
    assert ui.leadTimeLabel.text() == (
        "Lead's time: Wed, Mar 11, 11:00\u202fAM–11:30\u202fAM (America/New_York)"
    )
    assert not ui.warningLabel.isVisible()
    ui.locationEdit.setText("https://meet.example.com/grace-demo")
    ui.noteEdit.setPlainText("Show the Salesforce sync first.")
    _press_save(dialog)
    invite = _save_invite(qtbot, window)
    assert invite == tmp_path / "demo-2026-03-11-cobalt-systems-inc.ics"
    wait_idle(qtbot, window)

    leads = LeadService(team_ctx)
    detail = leads.get(lead_id)
    assert detail.summary.status is Status.SQL
    booked = detail.events[-1]
    assert (booked.action, booked.actor, booked.data["ae"]) == (
        "book_demo",
        "Anna Schmidt",
        "david",
    )
    assert datetime.fromisoformat(booked.data["starts_at"]) == datetime(2026, 3, 11, 15, tzinfo=UTC)
    report = validate(invite.read_bytes(), "REQUEST")
    assert report.errors == []
    assert report.instant("DTSTART") == datetime(2026, 3, 11, 15, tzinfo=UTC)
    assert "11:00–11:30 (America/New_York)" in report.text("DESCRIPTION")
    uid = report.event.value("UID")
    assert opened.paths == [invite]
    assert "Demo booked: Grace Hopper with David Chen, Wed 11 Mar, 16:00." in (
        window.ui.statusBar.currentMessage()
    )
    # The lead panel shows the booked demo.
    box = window.demos.box
    qtbot.waitUntil(lambda: box.isVisible() and box.demo is not None)
    assert "Wed, Mar 11, 2026, 4:00\u202fPM–4:30\u202fPM" in box.summary.text()
    assert "Wed 11:00\u202fAM on the lead's clock" in box.summary.text()

    # --- move it past Berlin's change (29 March): 16:00 Berlin is then 10:00 in New York.
    clock.advance(hours=1)
    dialog = _dialog(qtbot, window)
    assert dialog.windowTitle() == "Move the demo"
    assert dialog.ae_id == team.david.id
    dialog.set_start(berlin(2026, 3, 31, 16))
    assert "Tue, Mar 31, 10:00\u202fAM–10:30\u202fAM" in dialog.ui.leadTimeLabel.text()
    _press_save(dialog)
    moved = _save_invite(qtbot, window)
    assert moved.name == "demo-2026-03-31-cobalt-systems-inc.ics"
    wait_idle(qtbot, window)
    report = validate(moved.read_bytes(), "REQUEST")
    assert report.errors == []
    assert (report.event.value("UID"), report.event.value("SEQUENCE")) == (uid, "1")
    assert report.instant("DTSTART") == datetime(2026, 3, 31, 14, tzinfo=UTC)
    event = leads.get(lead_id).events[-1]
    assert event.action == "demo_rescheduled"
    assert datetime.fromisoformat(event.data["previous_starts_at"]) == datetime(
        2026, 3, 11, 15, tzinfo=UTC
    )
    assert leads.get(lead_id).summary.status is Status.SQL

    # --- cancel (Shift+D): a reason is required; the lead is accepted again.
    _press(qtbot, window, Qt.Key.Key_D, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.demos.cancel_dialog is not None)
    cancel = window.demos.cancel_dialog
    assert cancel is not None
    assert cancel.objectName() == "cancelDemoDialog"
    cancel.confirm()
    assert cancel.isVisible()
    assert "Give a reason" in cancel.ui.cancelDemoError.text()
    # The dialog grew for the message: the wrapped question above is not cut.
    intro = cancel.ui.cancelDemoIntro
    assert intro.height() >= intro.heightForWidth(intro.width())
    cancel.ui.cancelReason.setEditText("Their CFO froze all new tools")
    cancel.confirm()
    cancelled = _save_invite(qtbot, window)
    assert cancelled.name == "demo-2026-03-31-cobalt-systems-inc-cancelled.ics"
    wait_idle(qtbot, window)
    detail = leads.get(lead_id)
    assert detail.summary.status is Status.SAL
    last = detail.events[-1]
    assert (last.action, last.comment) == ("cancel_demo", "Their CFO froze all new tools")
    report = validate(cancelled.read_bytes(), "CANCEL")
    assert report.errors == []
    assert (report.event.value("UID"), report.event.value("SEQUENCE")) == (uid, "2")
    assert opened.paths == [invite, moved, cancelled]
    qtbot.waitUntil(lambda: not window.demos.box.isVisible())


def test_warnings_need_a_second_press_and_a_missing_address_is_asked_once(
    qtbot: QtBot,
    make_window: WindowFactory,
    team_ctx: ServiceContext,
    tmp_path: Path,
) -> None:
    team = make_team(team_ctx, sdr_email=None)
    other = accepted_lead(
        team_ctx,
        team.sdr,
        first_name="Ada",
        last_name="Lovelace",
        email="ada@analytical.example",
        phone=None,
    )
    DemoService(team_ctx).book(
        other,
        DemoRequest(
            team.carla.id,
            berlin(2026, 3, 12, 14),
            organizer_email="anna@sdrdesk.example",
        ),
        actor_id=team.sdr.id,
    )
    # Anna gave her address to book that one; forget it to see the dialog ask for it.
    with team_ctx.store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE users SET email = NULL WHERE name = 'anna'")
    lead_id = accepted_lead(team_ctx, team.sdr)
    window = _window(make_window, qtbot, lead_id, tmp_path)
    dialog = _dialog(qtbot, window)
    ui = dialog.ui
    assert ui.sdrEmailEdit.isVisible()
    # Carla has Ada at 14:00 Berlin (09:00 in New York); pick Carla at the same time anyway.
    dialog.select_ae(team.carla.id)
    dialog.set_start(berlin(2026, 3, 12, 14, 15))
    warnings = ui.warningLabel.text()
    assert ui.warningLabel.isVisible()
    assert "Carla Weiss already has a demo with Ada" in warnings
    dialog.set_start(berlin(2026, 3, 12, 13, 45))
    assert "08:45–09:15 is outside the lead's business hours" in ui.warningLabel.text()
    assert "already has a demo" in ui.warningLabel.text()
    _press_save(dialog)
    assert dialog.isVisible()
    assert "Enter your e-mail address" in ui.errorLabel.text()
    ui.sdrEmailEdit.setText("anna@sdrdesk.example")
    _press_save(dialog)
    assert dialog.isVisible()
    save = ui.demoButtons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "Book anyway"
    _press_save(dialog)
    _save_invite(qtbot, window)
    wait_idle(qtbot, window)
    assert UserService(team_ctx).get("anna").email == "anna@sdrdesk.example"
    demos = DemoService(team_ctx).list_demos(ae="carla")
    assert [d.lead.display_name for d in demos] == ["Grace Hopper", "Ada Lovelace"]
    assert demos[1].status is DemoStatus.BOOKED


def test_a_demo_booked_meanwhile_reopens_the_dialog_with_everything_typed(
    qtbot: QtBot,
    make_window: WindowFactory,
    team_ctx: ServiceContext,
    team: Team,
    tmp_path: Path,
) -> None:
    lead_id = accepted_lead(team_ctx, team.sdr)
    other = accepted_lead(
        team_ctx,
        team.sdr,
        first_name="Ada",
        last_name="Lovelace",
        email="ada@analytical.example",
        phone=None,
    )
    window = _window(make_window, qtbot, lead_id, tmp_path)
    dialog = _dialog(qtbot, window)
    dialog.select_ae(team.eva.id)
    dialog.set_start(berlin(2026, 3, 11, 17))
    dialog.ui.noteEdit.setPlainText("CFO joins for the last 10 minutes.")
    # Meanwhile a colleague gives Eva a demo at the same time.
    DemoService(team_ctx).book(
        other, DemoRequest(team.eva.id, berlin(2026, 3, 11, 17)), actor_id=team.sdr.id
    )
    _press_save(dialog)
    qtbot.waitUntil(
        lambda: window.demos.demo_dialog is not None and window.demos.demo_dialog is not dialog
    )
    again = window.demos.demo_dialog
    assert again is not None
    assert "Eva Lindqvist already has a demo with Ada" in again.ui.errorLabel.text()
    assert "Eva Lindqvist already has a demo with Ada" in again.ui.warningLabel.text()
    assert again.ui.noteEdit.toPlainText() == "CFO joins for the last 10 minutes."
    assert again.ae_id == team.eva.id
    assert LeadService(team_ctx).get(lead_id).summary.status is Status.SAL
    again.reject()


def test_d_on_a_new_lead_explains_why_not(
    qtbot: QtBot, make_window: WindowFactory, team_ctx: ServiceContext, team: Team
) -> None:
    window = make_window({"first_name": "Fresh", "last_name": "Lead", "email": "f@l.example"})
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_D)
    assert window.demos.demo_dialog is None
    assert "accept it first" in window.ui.statusBar.currentMessage()


@pytest.mark.parametrize(
    ("first", "last", "company", "shown"),
    [
        (
            "<i>Eve",
            "<img src=x>",
            "<b>Acme</b>",
            "Book a demo for <i>Eve <img src=x> · <b>Acme</b>",
        ),
        (
            "Jürgen",
            "Müller",
            "Müller & Söhne KG",
            "Book a demo for Jürgen Müller · Müller & Söhne KG",
        ),
    ],
    ids=["html", "ampersand"],
)
def test_the_demo_dialog_shows_names_as_typed(
    qtbot: QtBot,
    make_window: WindowFactory,
    team_ctx: ServiceContext,
    team: Team,
    tmp_path: Path,
    first: str,
    last: str,
    company: str,
    shown: str,
) -> None:
    lead_id = accepted_lead(team_ctx, team.sdr, first_name=first, last_name=last, company=company)
    window = _window(make_window, qtbot, lead_id, tmp_path)
    dialog = _dialog(qtbot, window)
    assert labels_showing(dialog, last) == [shown]
    dialog.reject()
