"""The team (managers): everyone who works in sdrdesk, active and inactive; the selected
person's full name, e-mail, time zone and role edited in place; deactivate, reactivate.

The dialog only shows and collects: the users controller (``gui/users.py``) saves in the
background and hands the list back. What was typed stays when saving is refused.
Keyboard: the list has the focus, Enter edits the selected person, Delete deactivates
them, Esc closes; the buttons have mnemonics."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QCompleter, QDialog, QHeaderView, QTreeWidgetItem, QWidget

from sdrdesk.domain.users import Role
from sdrdesk.gui import theme
from sdrdesk.gui.forms.ui_team_dialog import Ui_TeamDialog
from sdrdesk.gui.models import formats
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.results import UserInfo

NAME_ROLE = Qt.ItemDataRole.UserRole


class TeamDialog(QDialog):
    save_requested = Signal(object, dict)  # the UserInfo, the changed fields (edit's keywords)
    deactivate_requested = Signal(object)  # the UserInfo
    reactivate_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_TeamDialog()
        ui.setupUi(self)
        self.setObjectName("teamDialog")
        self._users: dict[str, UserInfo] = {}
        for role in Role:
            ui.teamRole.addItem(formats.data_label(role.label), role.value)
        zones = QCompleter(sorted(available_timezones()), ui.teamTimeZone)
        zones.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        zones.setFilterMode(Qt.MatchFlag.MatchContains)
        ui.teamTimeZone.setCompleter(zones)
        header = ui.teamList.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        ui.teamList.currentItemChanged.connect(lambda *_: self._selection_changed())
        ui.teamList.installEventFilter(self)
        # Enter in a field (or on the role) saves; on the list it edits (eventFilter).
        ui.teamSave.setDefault(True)
        for button in ui.teamButtons.buttons():
            button.setAutoDefault(False)
        ui.teamSave.clicked.connect(self.save)
        ui.teamDeactivate.clicked.connect(self.deactivate)
        ui.teamReactivate.clicked.connect(self.reactivate)
        ui.teamButtons.rejected.connect(self.reject)
        self._busy = False
        self.show_message(_("Loading the team…"))
        self._follow(None)
        ui.teamList.setFocus()

    # --- what the dialog shows -----------------------------------------------------------

    def show_users(
        self, users: list[UserInfo], *, select: str | None = None, keep_edits: bool = False
    ) -> None:
        """The list as stored; ``select``: the user to select (else the one selected);
        ``keep_edits``: the fields keep what was typed (after a refusal)."""
        before = self.selected
        wanted = select or (before.name if before else None)
        self._users = {u.name: u for u in users}
        view = self.ui.teamList
        view.blockSignals(True)
        view.clear()
        dimmed = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        chosen: QTreeWidgetItem | None = None
        first: QTreeWidgetItem | None = None
        for user in users:
            state = _("Active") if user.active else _("Inactive")
            item = QTreeWidgetItem(
                [
                    user.name,
                    user.display_name,
                    formats.data_label(user.role.label),
                    user.email or "",
                    user.time_zone or "",
                    state,
                ]
            )
            item.setData(0, NAME_ROLE, user.name)
            if not user.active:
                for column in range(item.columnCount()):
                    item.setForeground(column, dimmed)
            view.addTopLevelItem(item)
            first = first or item
            if user.name == wanted:
                chosen = item
        if chosen or first:
            view.setCurrentItem(chosen or first)
        view.blockSignals(False)
        current = self.selected
        same = before is not None and current is not None and before.name == current.name
        if keep_edits and same:
            self._follow(current)
        else:
            self._fill(current)

    def team(self) -> list[UserInfo]:
        """Everyone shown, in the list's order."""
        return list(self._users.values())

    @property
    def selected(self) -> UserInfo | None:
        item = self.ui.teamList.currentItem()
        return self._users.get(str(item.data(0, NAME_ROLE))) if item is not None else None

    def changes(self) -> dict[str, Any]:
        """What the fields change of the selected user (``UserService.edit``'s keywords)."""
        user, ui = self.selected, self.ui
        if user is None:
            return {}
        typed: dict[str, Any] = {
            "display_name": ui.teamFullName.text().strip(),
            "email": ui.teamEmail.text().strip(),
            "time_zone": ui.teamTimeZone.text().strip(),
            "role": Role(ui.teamRole.currentData()),
        }
        stored: dict[str, Any] = {
            "display_name": user.display_name,
            "email": user.email or "",
            "time_zone": user.time_zone or "",
            "role": user.role,
        }
        return {k: v for k, v in typed.items() if v != stored[k]}

    def summary(self) -> str:
        """How many people the list shows, and how many of them are inactive."""
        people = self.team()
        inactive = sum(1 for u in people if not u.active)
        count = len(people)
        shown = {"n": formats.number(count), "inactive": formats.number(inactive)}
        if inactive:
            return ngettext(
                "{n} person, {inactive} of them inactive.",
                "{n} people, {inactive} of them inactive.",
                count,
            ).format(**shown)
        return ngettext("{n} person.", "{n} people.", count).format(**shown)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.ui.teamMessage.setStyleSheet(theme.text_style("error") if error else "")
        self.ui.teamMessage.setText(text)

    def done_working(self, text: str, *, error: bool = False) -> None:
        """An operation ended: the buttons work again, ``text`` says how it went."""
        self._busy = False
        self.show_message(text, error=error)
        self._follow(self.selected)

    # --- what the manager does ------------------------------------------------------------

    def edit(self) -> None:
        """Enter on the list: to the selected person's fields."""
        if self.selected is not None:
            self.ui.teamFullName.setFocus()
            self.ui.teamFullName.selectAll()

    def save(self) -> None:
        user = self.selected
        if user is None or self._busy:
            return
        changes = self.changes()
        if not changes:
            self.show_message(
                _("Nothing to save: change a field of {name} first.").format(name=user.display_name)
            )
            return
        self._start()
        self.save_requested.emit(user, changes)

    def deactivate(self) -> None:
        user = self.selected
        if user is None or self._busy:
            return
        if not user.active:
            self.show_message(
                _("{name} is already inactive.").format(name=user.display_name), error=True
            )
            return
        self.deactivate_requested.emit(user)

    def reactivate(self) -> None:
        user = self.selected
        if user is None or self._busy or user.active:
            return
        self._start()
        self.reactivate_requested.emit(user)

    def working(self) -> None:
        """An operation runs (the deactivation, once its question is answered)."""
        self._start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.teamList and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.edit()
                return True
            if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                self.deactivate()
                return True
        return super().eventFilter(watched, event)

    # --- inside -------------------------------------------------------------------------

    def _start(self) -> None:
        self._busy = True
        self.show_message(_("Saving…"))
        self._follow(self.selected)

    def _selection_changed(self) -> None:
        self._fill(self.selected)

    def _fill(self, user: UserInfo | None) -> None:
        ui = self.ui
        ui.teamFullName.setText(user.display_name if user else "")
        ui.teamEmail.setText((user.email or "") if user else "")
        ui.teamTimeZone.setText((user.time_zone or "") if user else "")
        ui.teamRole.setCurrentIndex(ui.teamRole.findData(user.role.value) if user else -1)
        self._follow(user)

    def _follow(self, user: UserInfo | None) -> None:
        ui = self.ui
        ui.teamEditBox.setTitle(
            f"{user.display_name} ({user.name})" if user else _("Nobody selected")
        )
        ui.teamEditBox.setEnabled(user is not None)
        ui.teamSave.setEnabled(user is not None and not self._busy)
        ui.teamDeactivate.setEnabled(user is not None and user.active and not self._busy)
        ui.teamReactivate.setEnabled(user is not None and not user.active and not self._busy)
