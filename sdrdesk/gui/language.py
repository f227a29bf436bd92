"""View › Language: the system's language, English or Deutsch, saved in the settings
(``language``) and applied at once.

Choosing one installs the catalogs for it (``gui.translation.install``); Qt then sends
every widget a ``LanguageChange`` event, and the windows translate their forms and
actions again and show their data again in the new locale (the main window's and the
reports window's ``changeEvent``). A dialog open at that moment keeps its language until
it is opened again; the status bar says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenu

from sdrdesk import i18n
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.gui import translation
from sdrdesk.i18n import _
from sdrdesk.settings import Settings, save_settings

log = logging.getLogger(__name__)

# (objectName, the settings' value: None follows the system)
CHOICES: tuple[tuple[str, str | None], ...] = (
    ("actionLanguageSystem", None),
    ("actionLanguageEnglish", "en"),
    ("actionLanguageGerman", "de"),
)


class LanguageMenu:
    """The ``menuLanguage`` submenu at the end of ``menuView``."""

    def __init__(
        self, window: QMainWindow, settings: Settings, notify: Callable[[str, int], None]
    ) -> None:
        self._window, self._settings, self._notify = window, settings, notify
        view = window.findChild(QMenu, "menuView")
        assert view is not None
        view.addSeparator()
        self.menu = view.addMenu("")
        self.menu.setObjectName("menuLanguage")
        self.group = QActionGroup(self.menu)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for name, value in CHOICES:
            action = QAction(self.menu)
            action.setObjectName(name)
            action.setCheckable(True)
            action.setChecked(value == settings.language)
            action.triggered.connect(lambda _checked=False, v=value: self.choose(v))
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[name] = action
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(_("&Language"))
        system = i18n.LANGUAGES[i18n.system_language()]
        self.actions["actionLanguageSystem"].setText(
            _("&System language ({language})").format(language=system)
        )
        # Each language is named in itself (not translated), as language menus do.
        for name, value in CHOICES:
            if value is not None:
                self.actions[name].setText("&" + i18n.LANGUAGES[value])

    def choose(self, language: str | None) -> None:
        """Save ``language`` (``None``: the system's) and switch the window to it."""
        for name, value in CHOICES:
            self.actions[name].setChecked(value == language)
        if language == self._settings.language:
            return
        self._settings.language = language
        try:
            save_settings(self._settings)
        except (OSError, SdrdeskError) as exc:
            log.warning("Could not save the language", exc_info=True)
            self._notify(_("The language could not be saved: {error}").format(error=exc), 10_000)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            translation.install(app, language)  # Qt sends LanguageChange to every widget
        else:
            i18n.set_language(language)
        message = _("Language: {language}.").format(
            language=i18n.LANGUAGES[i18n.current_language()]
        )
        if any(w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)):
            message += " " + _("A dialog open now changes its language when it is opened again.")
        self._notify(message, 10_000)


def retranslate_window(window: Any) -> None:
    """Everything the main window shows, again in the language now in use: the form, the
    actions, the queue's headers and rows (their dates in the new locale), the lead
    shown, the status bar and an open reports window."""
    from PySide6.QtCore import Qt

    from sdrdesk.gui.actions import retranslate_actions

    window.ui.retranslateUi(window)
    window._set_title()
    retranslate_actions(window._actions)
    window.language_menu.retranslate()
    window.filters.retranslate()
    window.reports.retranslate()
    window.model.headerDataChanged.emit(
        Qt.Orientation.Horizontal, 0, max(0, window.model.columnCount() - 1)
    )
    window.lead_panel.ui.retranslateUi(window.lead_panel)  # its form; its data follows
    if window._user is None:
        return
    window._user_label.show_user(window._user)
    window.refresh()  # the rows again, in the new locale
    window.refresh_selected()  # the lead shown (or "no lead selected") again
    window.queue_count.load()
