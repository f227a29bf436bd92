"""Demos from the main window: book (D on an accepted lead), move (D on a SQL), cancel
(Shift+D), and the invite: saved where the SDR chooses, then offered to the system's
mail or calendar program.

Every database call runs in the background. A failed save reopens the dialog with what
the SDR typed and the reason; a lost race reloads the queue and names who won.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QObject, QStandardPaths, QTimeZone, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from sdrdesk.domain.errors import (
    ConflictError,
    IllegalTransitionError,
    NotFoundError,
    ValidationError,
)
from sdrdesk.domain.lifecycle import Status
from sdrdesk.files import write_private
from sdrdesk.gui import formats
from sdrdesk.gui.dialogs.cancel_demo_dialog import CancelDemoDialog
from sdrdesk.gui.dialogs.demo_dialog import CANCEL_DEMO, DemoDialog, DemoDraft
from sdrdesk.gui.host import WindowHost
from sdrdesk.gui.widgets.demo_box import DemoBox
from sdrdesk.i18n import N_, _
from sdrdesk.services.catalog import Services
from sdrdesk.services.demos import DemoInfo, DemoPlan, DemoResult, Invite
from sdrdesk.services.queue import QueueRow
from sdrdesk.services.results import LeadDetail, UserInfo

log = logging.getLogger(__name__)

_DEMO_STATUSES = (Status.SAL, Status.WORKING, Status.SQL)
# What D and Shift+D say when no lead is selected, when it is new, when its status forbids.
_BOOK = (
    N_("Select a lead to book or move a demo for first."),
    N_("Cannot book or move a demo for {name}: the lead is {status}; accept it first."),
    N_("Cannot book or move a demo for {name}: the lead is {status}."),
)
_CANCEL = (
    N_("Select a lead to cancel the demo of first."),
    N_("Cannot cancel the demo of {name}: the lead is {status}; accept it first."),
    N_("Cannot cancel the demo of {name}: the lead is {status}."),
)


def open_with_system(path: Path) -> bool:
    """Hand the file to the desktop (mail or calendar program for .ics)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def system_zone() -> str:
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


class DemoController(QObject):
    saved = Signal(object)  # DemoResult, after it is stored
    invite_saved = Signal(object)  # Path of the saved .ics

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._service = services.demos
        panel = host.lead_panel
        self.open_file: Callable[[Path], bool] = open_with_system
        self.invite_dir = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        self.demo_dialog: DemoDialog | None = None
        self.cancel_dialog: CancelDemoDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.open_box: QMessageBox | None = None
        self.box = DemoBox(panel)
        layout = panel.ui.panelLayout
        layout.insertWidget(layout.indexOf(panel.ui.contactBox) + 1, self.box)
        self.box.reschedule_requested.connect(self.schedule_current)
        self.box.cancel_requested.connect(self.cancel_current)
        self.box.invite_requested.connect(self.save_invite_current)

    def zone(self) -> str:
        """The SDR's time zone: theirs if set, else this computer's."""
        user = self._host.user
        if user is not None and user.time_zone:
            try:
                ZoneInfo(user.time_zone)
                return user.time_zone
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return system_zone()

    # --- the lead panel ----------------------------------------------------------------------

    def lead_shown(self, detail: LeadDetail) -> None:
        if detail.summary.status is not Status.SQL:
            self._host.background.cancel("demo")
            self.box.show_demo(None, self.zone())
            return
        lead_id = detail.id
        self._host.background.run(
            lambda: self._service.booked_for_lead(lead_id),
            lambda demo: self._show_box(lead_id, demo),
            lambda exc: self._host.show_error(exc, _("Loading the demo")),
            key="demo",
        )

    def _show_box(self, lead_id: int, demo: DemoInfo | None) -> None:
        row = self._host.queue.current_row()
        if row is not None and row.lead.id == lead_id:
            self.box.show_demo(demo, self.zone())

    # --- book and move -----------------------------------------------------------------------

    def schedule_current(self) -> None:
        row, user = self._target(_BOOK, _DEMO_STATUSES)
        if row is None or user is None:
            return
        self._load_plan(row.lead.id, user, None, None)

    def schedule_lead(self, lead_id: int) -> None:
        """Book a demo for a lead that is not (necessarily) selected: after a call that
        recommended one. The plan checks the lead's status."""
        user = self._host.user
        if user is not None:
            self._load_plan(lead_id, user, None, None)

    def _load_plan(
        self, lead_id: int, user: UserInfo, draft: DemoDraft | None, error: str | None
    ) -> None:
        self._host.background.run(
            lambda: self._service.plan(lead_id, user.id),
            lambda plan: self._open_dialog(plan, draft, error),
            lambda exc: self._host.show_error(exc, _("Preparing the demo")),
        )

    def _open_dialog(self, plan: DemoPlan, draft: DemoDraft | None, error: str | None) -> None:
        if plan.lead.status is Status.SQL and plan.demo is None:
            self._host.notify(_("{name} has no booked demo to move.").format(name=plan.lead.name))
            return
        if not plan.aes:
            self._host.show_error(
                ValidationError(
                    _(
                        "There are no account executives yet: add one with "
                        "`sdrdesk users add NAME --role ae --email ADDRESS`."
                    )
                ),
                _("Booking a demo"),
            )
            return
        dialog = DemoDialog(plan, self.zone(), self._host.dialog_parent(), draft=draft, error=error)
        self.demo_dialog = dialog
        dialog.finished.connect(lambda code: self._dialog_finished(dialog, plan, code))
        dialog.open()

    def _dialog_finished(self, dialog: DemoDialog, plan: DemoPlan, code: int) -> None:
        self.demo_dialog = None
        dialog.deleteLater()
        user = self._host.user
        if user is None:
            return
        if code == CANCEL_DEMO and plan.demo is not None:
            self._open_cancel(plan.demo, "", None)
            return
        if code != QDialog.DialogCode.Accepted:
            return
        request, draft = dialog.request(), dialog.draft()
        demo = plan.demo
        if demo is None:
            lead_version = plan.lead.version

            def save() -> DemoResult:
                return self._service.book(
                    plan.lead.id, request, actor_id=user.id, expected_version=lead_version
                )
        else:

            def save() -> DemoResult:
                return self._service.reschedule(
                    demo.id, request, actor_id=user.id, expected_version=demo.version
                )

        self._host.background.run(
            save,
            self._saved,
            lambda exc: self._save_failed(exc, plan, draft, user),
        )

    def _save_failed(
        self, exc: Exception, plan: DemoPlan, draft: DemoDraft, user: UserInfo
    ) -> None:
        if isinstance(exc, ConflictError | IllegalTransitionError | NotFoundError):
            self._host.show_error(exc, _("Saving the demo"))
            self._host.refresh()
            return
        if isinstance(exc, ValidationError):
            # Fresh AEs' slots, so a demo booked meanwhile shows as a warning.
            self._load_plan(plan.lead.id, user, draft, str(exc))
            return
        self._host.show_error(exc, _("Saving the demo"))
        self._open_dialog(plan, draft, str(exc))

    # --- cancel ------------------------------------------------------------------------------

    def cancel_current(self) -> None:
        row, _user = self._target(_CANCEL, (Status.SQL,))
        if row is None:
            return
        lead_id = row.lead.id
        self._host.background.run(
            lambda: self._service.booked_for_lead(lead_id),
            lambda demo: (
                self._open_cancel(demo, "", None)
                if demo
                else self._host.notify(_("{name} has no booked demo.").format(name=row.lead.name))
            ),
            lambda exc: self._host.show_error(exc, _("Loading the demo")),
        )

    def _open_cancel(self, demo: DemoInfo, reason: str, error: str | None) -> None:
        when = formats.moment(demo.starts_at.astimezone(ZoneInfo(self.zone())))
        dialog = CancelDemoDialog(
            demo.lead.display_name, when, self._host.dialog_parent(), reason=reason, error=error
        )
        self.cancel_dialog = dialog
        dialog.finished.connect(lambda code: self._cancel_finished(dialog, demo, code))
        dialog.open()

    def _cancel_finished(self, dialog: CancelDemoDialog, demo: DemoInfo, code: int) -> None:
        self.cancel_dialog = None
        dialog.deleteLater()
        user = self._host.user
        if code != QDialog.DialogCode.Accepted or user is None:
            return
        reason = dialog.reason

        def failed(exc: Exception) -> None:
            if isinstance(exc, ConflictError | IllegalTransitionError | NotFoundError):
                self._host.show_error(exc, _("Cancelling the demo"))
                self._host.refresh()
            else:
                self._open_cancel(demo, reason, str(exc))

        self._host.background.run(
            lambda: self._service.cancel(
                demo.id, actor_id=user.id, reason=reason, expected_version=demo.version
            ),
            self._saved,
            failed,
        )

    # --- after saving: the invite ---------------------------------------------------------------

    def _saved(self, result: DemoResult) -> None:
        demo = result.demo
        when = formats.moment(demo.starts_at.astimezone(ZoneInfo(self.zone())))
        names = {"lead": demo.lead.display_name, "ae": demo.ae.display_name, "when": when}
        if not demo.is_booked:
            text = _("Cancelled the demo with {lead}; the lead is accepted again.").format(**names)
        elif demo.sequence == 0:
            text = _("Demo booked: {lead} with {ae}, {when}.").format(**names)
        else:
            text = _("Demo moved: {lead} with {ae}, {when}.").format(**names)
        self._host.notify(text, 8000)
        self.saved.emit(result)
        self._host.refresh()
        self.save_invite(result.invite, result.extra_invites)

    def save_invite_current(self) -> None:
        demo = self.box.demo
        if demo is None:
            return
        self._host.background.run(
            lambda: self._service.invite(demo.id),
            lambda invite: self.save_invite(invite, ()),
            lambda exc: self._host.show_error(exc, _("Writing the invite")),
        )

    def save_invite(self, invite: Invite, extras: tuple[Invite, ...] = ()) -> None:
        cancel = invite.method == "CANCEL"
        title = _("Save the calendar cancellation") if cancel else _("Save the calendar invite")
        dialog = QFileDialog(
            self._host.dialog_parent(),
            title,
            str(self.invite_dir / invite.file_name),
            _("Calendar invites (*.ics)"),
        )
        dialog.setObjectName("inviteSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("ics")
        self.file_dialog = dialog
        dialog.finished.connect(lambda code: self._file_chosen(dialog, code, invite, extras))
        dialog.open()

    def _file_chosen(
        self, dialog: QFileDialog, code: int, invite: Invite, extras: tuple[Invite, ...]
    ) -> None:
        self.file_dialog = None
        files = dialog.selectedFiles()
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted or not files:
            self._host.notify(
                _(
                    "The invite was not saved. Save it later from the lead (Save invite…) "
                    "or with: sdrdesk invite {demo} -o FILE"
                ).format(demo=invite.demo_id),
                10_000,
            )
            return
        path = Path(files[0])
        try:
            write_private(path, invite.data)
            for extra in extras:
                stem = f"{path.stem}-cancel-for-{extra.recipients[0].split('@')[0]}"
                write_private(path.with_name(stem + ".ics"), extra.data)
        except OSError as exc:
            self._host.show_error(
                ValidationError(
                    _("Cannot write {path}: {reason}.").format(
                        path=path, reason=exc.strerror or exc
                    )
                ),
                _("Saving the invite"),
            )
            self.save_invite(invite, extras)
            return
        self.invite_dir = path.parent
        self.invite_saved.emit(path)
        self._offer_to_open(path, invite, extras)

    def _offer_to_open(self, path: Path, invite: Invite, extras: tuple[Invite, ...]) -> None:
        box = QMessageBox(self._host.dialog_parent())
        box.setObjectName("openInviteBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Send the invite"))
        who = ", ".join(invite.recipients)
        text = _(
            "Saved {path}.\n\nOpen it in your mail or calendar program to send it to {who}?"
        ).format(path=path, who=who)
        if extras:
            text += "\n" + _("A cancellation for {who} was saved beside it.").format(
                who=", ".join(r for e in extras for r in e.recipients)
            )
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
        box.setDefaultButton(QMessageBox.StandardButton.Open)
        self.open_box = box
        box.finished.connect(lambda _code: self._open_chosen(box, path))
        box.open()

    def _open_chosen(self, box: QMessageBox, path: Path) -> None:
        self.open_box = None
        clicked = box.clickedButton()
        opened = clicked is not None and box.standardButton(clicked) == (
            QMessageBox.StandardButton.Open
        )
        box.deleteLater()
        if opened and not self.open_file(path):
            self._host.notify(
                _("No program opened {file}; open it from your mail program.").format(
                    file=path.name
                )
            )

    # --- shared ------------------------------------------------------------------------------

    def _target(
        self, texts: tuple[str, str, str], statuses: tuple[Status, ...]
    ) -> tuple[QueueRow | None, UserInfo | None]:
        """The selected lead and the user, if the lead may be booked (``_BOOK``) or
        cancelled (``_CANCEL``); else a message (``texts``: none selected, a new lead,
        another status) and ``None``."""
        row = self._host.queue.current_row()
        user = self._host.user
        none_selected, new_lead, other = texts
        if row is None:
            self._host.notify(_(none_selected))
            return None, None
        if user is None:
            self._host.notify(_("Still connecting to the database…"))
            return None, None
        if row.lead.status not in statuses:
            text = _(new_lead) if row.lead.status is Status.MQL else _(other)
            self._host.notify(text.format(name=row.lead.name, status=row.lead.status.label))
            return None, None
        return row, user
