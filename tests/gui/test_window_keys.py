"""Every key of the window does one thing: no two actions share a shortcut, and no menu
has two items with the same accelerator letter (Alt+letter), in English and German."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from sdrdesk.gui.actions import ACTIONS
from sdrdesk.i18n import translator
from tests.gui.conftest import QUEUE, WindowFactory

MNEMONIC = re.compile(r"&([^&])")
# The texts an action takes besides its own (the same item, never shown together).
OTHER_TEXTS = {"actionPauseSession": ("Go on &with the session",)}


def letter(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def clashes(texts: list[str]) -> list[str]:
    counts = Counter(letter(t) for t in texts)
    return [t for t in texts if letter(t) is not None and counts[letter(t)] > 1]


@pytest.mark.parametrize("language", ["en", "de"])
def test_no_menu_has_two_items_with_one_accelerator(language: str) -> None:
    gettext = translator(language).gettext
    menus: dict[str, list[str]] = {"menuView": [gettext("&Language")]}
    for spec in ACTIONS:
        menus.setdefault(spec.menu, []).append(gettext(spec.text))
    for spec in ACTIONS:
        for other in OTHER_TEXTS.get(spec.name, ()):
            rest = [gettext(s.text) for s in ACTIONS if s.menu == spec.menu and s is not spec]
            assert letter(gettext(other)) not in {letter(t) for t in rest}, gettext(other)
    for menu, texts in menus.items():
        assert all(letter(t) for t in texts), (menu, texts)
        assert clashes(texts) == [], (language, menu)


def test_no_two_actions_share_a_shortcut() -> None:
    keys = [QKeySequence(key).toString() for spec in ACTIONS for key in spec.shortcuts]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    named = {spec.name: spec.shortcuts for spec in ACTIONS}
    assert named["actionMuteNotifications"] == ("Ctrl+Shift+N",)
    assert named["actionMyDay"] == ("Ctrl+Shift+M",)


def test_the_window_menus_and_shortcuts_as_built(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*QUEUE)
    seen: Counter[str] = Counter()
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            seen[key.toString()] += 1
    assert [k for k, n in seen.items() if n > 1] == []
    menus = [m for m in window.menuBar().findChildren(QMenu) if m.objectName().startswith("menu")]
    assert len(menus) >= 5
    for menu in menus:
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert clashes(texts) == [], menu.objectName()
    mute = window.action("actionMuteNotifications")
    assert mute.toolTip() == "Mute notifications (Ctrl+Shift+N)"
    window.controller("notifications")
    before = window.settings.notifications_muted
    mute.trigger()
    assert window.settings.notifications_muted is not before
    mute.trigger()
