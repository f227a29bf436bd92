"""The call workspace: who is on the line, the script, notes, the score, the end of the call.

Keyboard first: the answers take their own keys (see ``answer_editors``), Ctrl+PgDown /
Ctrl+PgUp move between sections, Ctrl+1–9 pick the outcome, Ctrl+S saves, Ctrl+D dials,
Alt+N jumps to the notes. The dialog only collects: the controller saves in the
background. A failed save leaves everything as it was typed, says why, and Ctrl+S tries
again. The workspace does not close before the call is saved with an outcome (or
explicitly discarded).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget

from sdrdesk.domain.call_script import Decision
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.qualification import Assessment, evaluate
from sdrdesk.domain.zones import is_calling_hour, local_time, zone
from sdrdesk.gui import theme
from sdrdesk.gui.dialogs.call_texts import duration_text, previous_calls_html
from sdrdesk.gui.dialogs.call_wrapup import WrapUp
from sdrdesk.gui.forms.ui_call_workspace import Ui_CallWorkspace
from sdrdesk.gui.models import formats
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.calls import CallLog, CallResult, CallSetup

_ERROR, _WARNING, _INFO = "error_box", "warning", "info"  # kinds of box in gui/theme.py


class CallWorkspace(QDialog):
    save_requested = Signal(object)  # CallLog: the controller stores it
    typed = Signal()  # the notes or an answer changed (the controller keeps a draft)

    def __init__(
        self,
        setup: CallSetup,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CallWorkspace()
        self.ui.setupUi(self)
        self.setObjectName("callWorkspace")
        self.setup = setup
        self._clock = clock
        self._open_url = open_url
        self._version = setup.lead.version
        self._ended_at: datetime | None = None
        self._saving = False
        self._saved = False
        self._discard_armed = False
        self._zone: tzinfo = zone(setup.zone) or datetime.now(UTC).astimezone().tzinfo or UTC
        self.result_: CallResult | None = None
        self.assessment: Assessment | None = None
        title = _("Call — {name}").format(name=setup.lead.name)
        self.setWindowTitle(" · ".join(t for t in (title, setup.product_label) if t))
        self._header()
        today = setup.started_at.astimezone(self._zone).date()
        self.ui.scriptView.load(setup.script, setup.answers, today)
        self.wrapup = WrapUp(
            self.ui,
            setup.outcomes,
            setup.reasons,
            self._zone,
            setup.zone,
            setup.calling_hours,
            setup.suggested_callback,
            today,
        )
        self.ui.workspaceSplitter.setStretchFactor(0, 3)
        self.ui.workspaceSplitter.setStretchFactor(1, 2)
        self.ui.outcomeList.setWrapping(True)
        self.ui.scriptView.answers_changed.connect(self.assess)
        self.ui.scriptView.answers_changed.connect(self.typed)
        self.ui.callNotes.textChanged.connect(self.typed)
        self.wrapup.changed.connect(self.assess)
        self.ui.saveButton.clicked.connect(self.save)
        self._save_text = self.ui.saveButton.text()
        self._odd_callback_ok: datetime | None = None  # the odd time the SDR confirmed
        self.ui.callbackAt.dateTimeChanged.connect(
            lambda _at: self.ui.saveButton.setText(self._save_text)
        )
        self.ui.discardButton.clicked.connect(self.discard)
        self._shortcuts()
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._message_kind = _WARNING
        self.show_message(setup.script_warning, _WARNING)
        theme.themed(self, self._restyle)
        self._tick()
        self.ui.scriptView.focus_first_open()

    # --- building -------------------------------------------------------------------------

    def _header(self) -> None:
        ui, setup, lead = self.ui, self.setup, self.setup.lead
        font = ui.callLeadName.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        ui.callLeadName.setFont(font)
        timer_font = ui.callTimer.font()
        timer_font.setPointSizeF(timer_font.pointSizeF() * 1.6)
        timer_font.setFamily("monospace")
        ui.callTimer.setFont(timer_font)
        for label in (ui.callLeadName, ui.callLeadSubtitle):
            label.setTextFormat(Qt.TextFormat.PlainText)  # as imported, never HTML
        ui.callLeadName.setText(lead.name)
        ui.callLeadSubtitle.setText(" · ".join(p for p in (lead.title, lead.company) if p))
        shown = html.escape(setup.phone_display or _("no phone number"))
        if setup.tel_uri:
            ui.callPhoneLink.setText(f'☎ <a href="{html.escape(setup.tel_uri)}">{shown}</a>')
            ui.callPhoneLink.setToolTip(_("Dial (Ctrl+D)"))
        else:
            ui.callPhoneLink.setText(shown)
        number = lead.attempt_count + 1
        info = _("Call {n}").format(n=formats.number(number))
        if setup.attempts:
            last = setup.attempts[0]
            info += _(" · last: {outcome}, {when}").format(
                outcome=formats.data_label(last.outcome_label),
                when=formats.day_date(last.started_at.astimezone().date()),
            )
        ui.callAttemptInfo.setText(info)
        script = setup.script
        notice = _("Script: {name}").format(name=html.escape(formats.data_label(script.label)))
        if setup.continuing:
            notice += " — " + html.escape(setup.continuing)
        ui.scriptNotice.setText(notice)
        ui.previousCalls.setText(previous_calls_html(setup.attempts))

    def _shortcuts(self) -> None:
        def key(sequence: str, slot: Callable[[], object]) -> None:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.activated.connect(slot)

        for n in range(1, 10):
            key(f"Ctrl+{n}", functools.partial(self.pick_outcome, n))
        key("Ctrl+PgDown", lambda: self.ui.scriptView.step(1))
        key("Ctrl+PgUp", lambda: self.ui.scriptView.step(-1))
        key("Ctrl+S", self.save)
        key("Ctrl+Return", self.save)
        key("Ctrl+D", self.dial)

    # --- live view ------------------------------------------------------------------------

    def _tick(self) -> None:
        end = self._ended_at or self._clock()
        elapsed = duration_text(self.elapsed_seconds(end))
        self.ui.callTimer.setText(elapsed if self._ended_at is None else f"{elapsed} ■")
        local = local_time(self.setup.zone, self._clock())
        if local is None:
            self.ui.callLocalTime.setText(_("Their time: unknown"))
            return
        good = is_calling_hour(local, *self.setup.calling_hours)
        verdict = _("good time to call") if good else _("outside calling hours")
        self.ui.callLocalTime.setText(
            _("Their time: {when} ({zone}) — {verdict}").format(
                when=formats.day_time(local), zone=self.setup.zone or "", verdict=verdict
            )
        )

    def elapsed_seconds(self, end: datetime | None = None) -> int:
        return int(((end or self._clock()) - self.setup.started_at).total_seconds())

    def assess(self) -> None:
        setup = self.setup
        today = self._clock().astimezone(self._zone).date()
        a = evaluate(setup.script, self.ui.scriptView.answers(), today)
        self.assessment = a
        self.ui.scriptView.apply(a)
        outcome = self.wrapup.outcome()
        rec = a.recommendation
        if outcome is not None:
            rec = setup.outcomes.recommend(outcome, setup.lead.attempt_count + 1, rec)
        self.wrapup.set_recommendation(rec)
        titles, c = {s.id: s.title for s in setup.script.sections}, theme.colours()
        rows = "".join(
            f"<tr><td>{html.escape(formats.data_label(titles[sid]))}</td>"
            f"<td align='right'>&nbsp;{formats.number(score, 0)}</td>"
            f"<td>&nbsp;<span style='color:{c.accent}'>{'▮' * round(score / 10)}</span>"
            f"<span style='color:{c.track}'>{'▮' * (10 - round(score / 10))}</span></td></tr>"
            for sid, score in a.scores.items()
        )
        total = (
            ""
            if a.total is None
            else "<tr><td><b>" + html.escape(_("Total")) + "</b></td>"
            f"<td align='right'><b>&nbsp;{formats.number(a.total, 0)}</b></td></tr>"
        )
        self.ui.scoreLabel.setText(f"<table>{rows}{total}</table>")
        # No grade from half the answers: unanswered questions count 0 and would mislead.
        grade = _("Grade {grade}").format(grade=a.grade) if a.grade else _("No grade yet")
        self.ui.gradeLabel.setText(f"<span style='font-size:x-large'><b>{grade}</b></span>")
        if rec is not None:
            text = _("Recommended: <b>{decision}</b> — {why}").format(
                decision=html.escape(formats.data_label(rec.decision.label)),
                why=html.escape(formats.data_label(rec.why)),
            )
            if a.knockout is not None:
                text = "✖ " + text
        else:
            left = len(a.progress) - a.sections_done
            text = ngettext(
                "Answer the open questions ({n} section left) for a recommendation.",
                "Answer the open questions ({n} sections left) for a recommendation.",
                left,
            ).format(n=formats.number(left))
        self.ui.recommendationLabel.setText(text)

    # --- actions --------------------------------------------------------------------------

    def pick_outcome(self, number: int) -> None:
        self.wrapup.pick(number)

    def dial(self) -> None:
        if self.setup.tel_uri:
            self._open_url(QUrl(self.setup.tel_uri))

    def save(self) -> None:
        """Check what the SDR gave and hand the call to the controller to store."""
        if self._saving or self._saved:
            return
        outcome = self.wrapup.outcome()
        if outcome is None:
            self.show_message(_("Choose how the call ended first (Ctrl+1–9)."), _ERROR)
            self.ui.outcomeList.setFocus()
            return
        try:
            decision = self.wrapup.decision_input()
        except ValidationError as exc:
            self.show_message(str(exc), _ERROR)
            return
        if not self._callback_confirmed():
            return
        if self._ended_at is None:
            self._ended_at = self._clock()  # the call ended when the SDR first saved it
            self._tick()
        log = CallLog(
            lead_id=self.setup.lead.id,
            expected_version=self._version,
            script=self.setup.script,
            started_at=self.setup.started_at,
            duration_seconds=self.elapsed_seconds(self._ended_at),
            outcome=outcome.code,
            notes=self.ui.callNotes.toPlainText(),
            answers=self.ui.scriptView.answers(),
            callback_at=self.wrapup.callback_at(),
            decision=decision,
        )
        self._saving = True
        self.ui.saveButton.setEnabled(False)
        self.show_message(_("Saving…"), _INFO)
        self.save_requested.emit(log)

    def _callback_confirmed(self) -> bool:
        """A callback outside the lead's business hours is saved on the second press."""
        odd = self.wrapup.callback_outside_hours()
        at = self.wrapup.callback_at()
        if odd is None or at == self._odd_callback_ok:
            return True
        self._odd_callback_ok = at
        self.ui.saveButton.setText(_("Save anyway"))
        self.show_message(
            _(
                "The callback falls on {when} on their clock, outside their business hours. "
                "Press “Save anyway” to keep it, or choose another time."
            ).format(when=odd),
            _ERROR,
        )
        self.ui.callbackAt.setFocus()
        return False

    def carry_on(self, notes: str, written_at: datetime) -> None:
        """Fill in the notes of an earlier call of this lead that the app closed under
        before it was saved (its answers came with the setup), and say so."""
        self.ui.callNotes.setPlainText(notes)
        when = formats.date_time(written_at.astimezone())  # the SDR's clock
        self.show_message(
            _(
                "Filled in what you typed in the call of {when}, which was not saved (the app "
                "closed first). Check it, then save this call."
            ).format(when=when),
            _WARNING,
        )

    def saved(self, result: CallResult) -> None:
        self._saving = False
        self._saved = True
        self.result_ = result
        self._timer.stop()
        self.accept()

    def save_failed(self, message: str) -> None:
        """Nothing typed is lost: the SDR reads why and tries again."""
        self._saving = False
        self.ui.saveButton.setEnabled(True)
        self.show_message(
            message + " " + _("Nothing you typed was lost; Ctrl+S tries again."), _ERROR
        )

    def update_version(self, version: int) -> None:
        self._version = version

    def discard(self) -> None:
        if not self._discard_armed:
            self._discard_armed = True
            self.ui.discardButton.setText(_("Really discard"))
            self.show_message(
                _(
                    "Discard this call? It is not logged and your notes and answers are lost. "
                    "Click “Really discard” to confirm."
                ),
                _WARNING,
            )
            return
        self._saved = True  # nothing to keep
        self._timer.stop()
        super().reject()

    def drop(self) -> None:
        """Closed by the app, not logged: a call session's next call that turned out to
        be a colleague's (or changed) just after it opened."""
        self._saved = True
        self._timer.stop()
        super().reject()

    @property
    def decision(self) -> Decision | None:
        return self.wrapup.decision()

    # --- closing --------------------------------------------------------------------------

    def may_close(self) -> bool:
        return self._saved

    def _refuse_close(self) -> None:
        if self.wrapup.outcome() is None:
            text = _(
                "A call needs an outcome: choose how it ended (Ctrl+1–9) and save it (Ctrl+S) "
                "before closing. To drop a call you never made, use “Discard call”."
            )
        else:
            text = _("Save the call (Ctrl+S) before closing; it has not been logged yet.")
        self.show_message(text, _ERROR)

    def reject(self) -> None:  # Esc
        if self.may_close():
            super().reject()
        else:
            self._refuse_close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.may_close():
            super().closeEvent(event)
        else:
            event.ignore()
            self._refuse_close()

    def _restyle(self) -> None:
        for label in (self.ui.keysHint, self.ui.scriptNotice):
            label.setStyleSheet(theme.text_style("hint"))
        kind = self._message_kind
        self.ui.workspaceMessage.setStyleSheet(theme.box_style(kind, "#workspaceMessage"))
        self.assess()

    def show_message(self, text: str | None, kind: str = _ERROR) -> None:
        """``text`` in a box of ``kind`` (``_ERROR``, ``_WARNING``, ``_INFO``); None hides it."""
        label, self._message_kind = self.ui.workspaceMessage, kind
        label.setText(text or "")
        label.setStyleSheet(theme.box_style(kind, "#workspaceMessage"))
        label.setVisible(bool(text))
