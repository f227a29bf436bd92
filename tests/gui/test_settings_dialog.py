"""File › Settings (Ctrl+,) as a user drives it from the keyboard: values checked as they
are typed, settings.json written only on OK (and read back by ``load_settings``), the
database password in the keyring and never in the file, Cancel and Escape write nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from sdrdesk.gui.dialogs.settings_dialog import SettingsDialog
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.settings import load_settings, settings_path
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle
from tests.gui.palettes import cut_texts, desktop
from tests.gui.queue_helpers import press

CTRL = Qt.KeyboardModifier.ControlModifier
PASSWORD_SENTENCE = "Database URLs in the settings file may not contain a password"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in memory: a real backend of the keyring library,
    as a desktop's Secret Service would be, without touching the user's."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture
def no_settings_file() -> Iterator[Path]:
    path = settings_path()
    path.unlink(missing_ok=True)
    yield path
    path.unlink(missing_ok=True)


def open_settings(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_Comma, CTRL)
    dialog: SettingsDialog | None = None

    def shown() -> bool:
        nonlocal dialog
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog)]
        dialog = next((w for w in found if w.isVisible()), None)
        return dialog is not None

    qtbot.waitUntil(shown, timeout=10_000)
    assert dialog is not None
    return dialog


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_ctrl_comma_opens_the_settings_from_the_file_menu(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*QUEUE)
    action = window.action("actionSettings")
    menu = window.findChild(QMenu, "menuFile")
    assert menu is not None
    assert action in menu.actions()
    assert "Ctrl+," in action.toolTip()
    dialog = open_settings(qtbot, window)
    assert dialog.region.text() == "DE"  # what the window runs with
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_an_invalid_value_is_named_under_its_field_and_ok_waits(
    qtbot: QtBot, make_window: WindowFactory, no_settings_file: Path
) -> None:
    window = make_window(*QUEUE)
    dialog = open_settings(qtbot, window)
    retype(qtbot, dialog.region, "D1")
    error = dialog.findChild(QLabel, "error_region")
    assert error is not None
    assert error.isVisible()
    assert "two-letter country code" in error.text()
    assert not dialog.ok.isEnabled()
    assert "⚠" in dialog.tabs.tabText(0)  # the tab with the mistake says so
    retype(qtbot, dialog.region, "at")
    assert not error.isVisible()
    assert dialog.ok.isEnabled()
    dialog.tabs.setCurrentIndex(1)
    dialog.hours_start.setValue(19)  # after the end (18)
    hours = dialog.findChild(QLabel, "error_hours")
    assert hours is not None
    assert "Calling hours must satisfy" in hours.text()
    assert not dialog.ok.isEnabled()
    dialog.reject()
    assert not no_settings_file.exists()


def test_valid_values_are_saved_and_read_back(
    qtbot: QtBot, make_window: WindowFactory, no_settings_file: Path, tmp_path: Path
) -> None:
    window = make_window(*QUEUE)
    criteria = tmp_path / "criteria.toml"
    criteria.write_text(
        Path("resources/data/sal_criteria.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    dialog = open_settings(qtbot, window)
    retype(qtbot, dialog.user, "ben")
    retype(qtbot, dialog.region, "ch")
    dialog.hours_start.setValue(8)
    dialog.hours_end.setValue(17)
    dialog.speed.setValue(30)
    dialog.undo.setValue(20)
    dialog.reminder.setValue(15)
    dialog.muted.setChecked(True)
    dialog.min_score.setValue(90)
    retype(qtbot, dialog.files["criteria"], str(criteria))
    assert dialog.file_status["criteria"].text().startswith("OK: ")
    assert "criteria" in dialog.file_status["criteria"].text()
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = load_settings()
    assert saved.user == "ben"
    assert saved.default_region == "CH"
    assert (saved.calling_hours_start, saved.calling_hours_end) == (8, 17)
    assert (saved.speed_to_lead_minutes, saved.undo_seconds, saved.reminder_minutes) == (
        30,
        20,
        15,
    )
    assert saved.notifications_muted is True
    assert saved.notify_min_score == 90
    assert saved.sal_criteria_file == str(criteria)
    assert no_settings_file.stat().st_mode & 0o777 == 0o600
    # Live: muting, the reminder time and the team's rules (every service computes with
    # them from its next call); the rest (user, files) at the next start, as it says.
    assert window.settings.notifications_muted is True
    assert window.action("actionMuteNotifications").isChecked()
    assert window.controller("notifications").reminders.minutes == 15  # type: ignore[attr-defined]
    rules = window.services.ctx.rules
    assert (rules.default_region, rules.calling_hours_start, rules.calling_hours_end) == (
        "CH",
        8,
        17,
    )
    assert (rules.speed_to_lead_minutes, rules.undo_seconds) == (30, 20)
    assert "next start" in window.ui.statusBar.currentMessage()


def test_a_changed_undo_time_holds_for_the_next_accept_without_a_restart(
    qtbot: QtBot, make_window: WindowFactory, no_settings_file: Path
) -> None:
    window = make_window(*QUEUE)
    dialog = open_settings(qtbot, window)
    dialog.undo.setValue(45)
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.ui.statusBar.currentMessage() == "Settings saved."
    press(qtbot, window, "a")  # accept the selected lead
    wait_idle(qtbot, window)
    assert window.action("actionUndo").isEnabled()
    timer = window.controller("triage")._undo_timer  # type: ignore[attr-defined]
    assert timer.isActive()
    assert timer.interval() == 45_000  # Ctrl+Z is offered for the new 45 s, not the old 10


def test_a_broken_file_is_named_with_its_line(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, no_settings_file: Path
) -> None:
    window = make_window(*QUEUE)
    broken = tmp_path / "criteria.toml"
    broken.write_text("[[criterion]]\nid = 'x'\nkind = \n", encoding="utf-8")
    dialog = open_settings(qtbot, window)
    retype(qtbot, dialog.files["criteria"], str(broken))
    said = dialog.file_status["criteria"].text()
    assert "not valid TOML" in said
    assert "line 3" in said
    assert not dialog.ok.isEnabled()
    dialog.reject()


def test_the_password_goes_to_the_keyring_never_to_the_file(
    qtbot: QtBot,
    make_window: WindowFactory,
    memory_keyring: MemoryKeyring,
    no_settings_file: Path,
) -> None:
    window = make_window(*QUEUE)
    dialog = open_settings(qtbot, window)
    dialog.tabs.setCurrentIndex(4)
    retype(qtbot, dialog.url, "postgresql://anna:s3cret@db.example.com/sales")
    error = dialog.findChild(QLabel, "error_url")
    assert error is not None
    assert PASSWORD_SENTENCE in error.text()  # the settings' own sentence
    assert not dialog.ok.isEnabled()
    retype(qtbot, dialog.url, "postgresql://anna@db.example.com/sales")
    assert dialog.password.isEnabled()
    qtbot.keyClicks(dialog.password, "s3cret")
    assert dialog.ok.isEnabled()
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert memory_keyring.passwords == {("sdrdesk", "anna@db.example.com:5432/sales"): "s3cret"}
    text = no_settings_file.read_text(encoding="utf-8")
    assert "s3cret" not in text
    assert json.loads(text)["database_url"] == "postgresql://anna@db.example.com/sales"
    assert load_settings().database_url == "postgresql://anna@db.example.com/sales"


def test_cancel_and_escape_write_nothing(
    qtbot: QtBot, make_window: WindowFactory, memory_keyring: MemoryKeyring, no_settings_file: Path
) -> None:
    window = make_window(*QUEUE)
    for close in ("cancel", "escape"):
        dialog = open_settings(qtbot, window)
        retype(qtbot, dialog.user, "zoe")
        retype(qtbot, dialog.url, "postgresql://zoe@db/sales")
        qtbot.keyClicks(dialog.password, "pw")
        if close == "cancel":
            dialog.buttons.rejected.emit()
        else:
            qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
        qtbot.waitUntil(dialog.isHidden)
        assert not no_settings_file.exists()
        assert memory_keyring.passwords == {}
        assert window.settings.user is None


@pytest.fixture
def english_qt_after(qapp: QApplication) -> Iterator[None]:
    """Qt's own German (key names: "Strg") goes with the test, as gettext's does."""
    yield
    from sdrdesk.gui import translation

    translation.install(qapp, "en")


@pytest.mark.usefixtures("english_qt_after")
def test_choosing_german_applies_at_once(
    qtbot: QtBot, make_window: WindowFactory, no_settings_file: Path
) -> None:
    window = make_window(*QUEUE)
    dialog = open_settings(qtbot, window)
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.accept()
    menu = window.findChild(QMenu, "menuFile")
    assert menu is not None
    qtbot.waitUntil(lambda: menu.title() == "&Datei")
    assert window.action("actionSettings").text() == "Einstellu&ngen…"
    assert load_settings().language == "de"


def test_no_text_is_cut_in_german_with_a_16_pt_font(
    qtbot: QtBot, make_window: WindowFactory, no_settings_file: Path
) -> None:
    from sdrdesk import i18n

    window = make_window(*QUEUE)
    i18n.set_language("de")
    with desktop("dark", point_size=16):
        dialog = SettingsDialog(window.settings, lambda _s, _p: None, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.tabs.tabText(1) == "A&nrufe"
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            page = dialog.tabs.widget(index)
            assert page is not None
            assert not cut_texts(page), cut_texts(page)
        assert dialog.tabs.tabBar().width() >= dialog.tabs.tabBar().sizeHint().width()


def test_the_products_file_is_checked_and_saved(
    qtbot: QtBot, make_window: WindowFactory, no_settings_file: Path, tmp_path: Path
) -> None:
    window = make_window(*QUEUE)
    data = Path("resources/data")
    for name in ("products.toml", "sal_criteria.enterprise.toml", "sal_criteria.starter.toml",
                 "call_script.enterprise.toml"):  # fmt: skip
        (tmp_path / name).write_text((data / name).read_text(encoding="utf-8"), encoding="utf-8")
    dialog = open_settings(qtbot, window)
    assert dialog.file_status["products"].text() == "The built-in default is used."
    broken = tmp_path / "broken.toml"
    broken.write_text("[[product]]\nid = \n", encoding="utf-8")
    retype(qtbot, dialog.files["products"], str(broken))
    assert "line 2" in dialog.file_status["products"].text()
    assert not dialog.ok.isEnabled()
    retype(qtbot, dialog.files["products"], str(tmp_path / "products.toml"))
    assert dialog.file_status["products"].text() == "OK: 2 products"
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert load_settings().products_file == str(tmp_path / "products.toml")
