"""The end of a call in the workspace: outcome, callback time, and the decision.

Works on the widgets of the workspace form. The outcome list is data (Ctrl+1–9 pick);
a callback outcome asks for a time on the lead's clock, suggested inside their business
hours; the decision follows the recommendation until the SDR picks another one, which
then asks why.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import QListWidgetItem, QRadioButton

from sdrdesk.domain.call_outcomes import Outcome, OutcomeList
from sdrdesk.domain.call_script import Decision
from sdrdesk.domain.callbacks import in_business_hours, recontact_time, weekday_from
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.qualification import Recommendation
from sdrdesk.gui import theme
from sdrdesk.gui.forms.ui_call_workspace import Ui_CallWorkspace
from sdrdesk.gui.models import formats
from sdrdesk.i18n import _
from sdrdesk.services.calls import DecisionInput
from sdrdesk.services.results import ReasonInfo

CODE_ROLE = Qt.ItemDataRole.UserRole


class WrapUp(QObject):
    changed = Signal()

    def __init__(
        self,
        ui: Ui_CallWorkspace,
        outcomes: OutcomeList,
        reasons: tuple[ReasonInfo, ...],
        zone: tzinfo,
        zone_name: str | None,
        calling_hours: tuple[int, int],
        suggested_callback: datetime,
        today: date,
    ) -> None:
        super().__init__()
        self.ui = ui
        self._outcomes = outcomes
        self._zone = zone
        self._zone_name = zone_name
        self._hours = calling_hours
        self._today = today
        self._recommendation: Recommendation | None = None
        self._chosen_by_hand = False
        for n, outcome in enumerate(outcomes.outcomes, start=1):
            key = f"{n}" if n <= 9 else " "
            item = QListWidgetItem(f"{key}  {formats.data_label(outcome.label)}")
            item.setData(CODE_ROLE, outcome.code)
            tip = formats.data_label(outcome.help or outcome.label)
            item.setToolTip(f"{tip} (Ctrl+{n})" if n <= 9 else tip)
            ui.outcomeList.addItem(item)
        # Two rows of outcomes in the font in use (the form's limit is in pixels).
        ui.outcomeList.setMaximumHeight(theme.lines(ui.outcomeList, 4))
        for reason in reasons:
            ui.disqualifyReason.addItem(formats.data_label(reason.label), reason.code)
        ui.disqualifyReason.setCurrentIndex(-1)
        local = suggested_callback.astimezone(zone)
        ui.callbackAt.setDateTime(_qdatetime(local))
        ui.recontactDate.setDate(_qdate(weekday_from(today + timedelta(days=90))))
        ui.recontactDate.setMinimumDate(_qdate(today + timedelta(days=1)))
        self._radios: dict[Decision | None, QRadioButton] = {
            None: ui.decisionLater,
            Decision.DEMO: ui.decisionDemo,
            Decision.NURTURE: ui.decisionNurture,
            Decision.DISQUALIFY: ui.decisionDisqualify,
        }
        self._labels = {k: r.text() for k, r in self._radios.items()}
        ui.outcomeList.currentItemChanged.connect(lambda *_: self._outcome_changed())
        ui.outcomeList.itemActivated.connect(lambda _item: self._outcome_changed())
        ui.callbackAt.dateTimeChanged.connect(lambda _dt: self._update_callback_hint())
        for radio in self._radios.values():
            radio.clicked.connect(self._picked_by_hand)
        ui.disqualifyReason.activated.connect(lambda _i: self._select(Decision.DISQUALIFY))
        ui.recontactDate.dateChanged.connect(lambda _d: self._update())
        self._update()

    # --- outcome --------------------------------------------------------------------------

    def pick(self, number: int) -> None:
        """Ctrl+number: choose the outcome at that position."""
        if 1 <= number <= self.ui.outcomeList.count():
            item = self.ui.outcomeList.item(number - 1)
            self.ui.outcomeList.setCurrentItem(item)
            item.setSelected(True)

    def outcome(self) -> Outcome | None:
        item = self.ui.outcomeList.currentItem()
        if item is None or not item.isSelected():
            return None
        return self._outcomes.get(str(item.data(CODE_ROLE)))

    def _outcome_changed(self) -> None:
        self._update()
        self.changed.emit()
        outcome = self.outcome()
        if outcome is not None and outcome.callback:
            self.ui.callbackAt.setFocus()

    def callback_at(self) -> datetime | None:
        outcome = self.outcome()
        if outcome is None or not outcome.callback:
            return None
        qdt = self.ui.callbackAt.dateTime()
        day: date = qdt.date().toPython()
        clock = qdt.time()
        return datetime(
            day.year, day.month, day.day, clock.hour(), clock.minute(), tzinfo=self._zone
        )

    def _update_callback_hint(self) -> None:
        at = self.callback_at()
        if at is None:
            self.ui.callbackHint.clear()
            return
        zone = self._zone_name or _("your time zone: theirs is unknown")
        mine = formats.day_time(at.astimezone())
        text = _("their time ({zone}) · {mine} your time").format(zone=zone, mine=mine)
        if not in_business_hours(at, self._zone, *self._hours):
            text += _(" · outside their business hours")
        self.ui.callbackHint.setText(text)

    def callback_outside_hours(self) -> str | None:
        """The callback's time on the lead's clock ("Sat 03:00") when it falls outside
        their business hours, else None: saving it then asks once more, as a demo does."""
        at = self.callback_at()
        if at is None or in_business_hours(at, self._zone, *self._hours):
            return None
        return formats.day_time(at.astimezone(self._zone))

    # --- recommendation and decision ------------------------------------------------------

    def set_recommendation(self, recommendation: Recommendation | None) -> None:
        self._recommendation = recommendation
        if not self._chosen_by_hand:
            self._select(recommendation.decision if recommendation else None, by_hand=False)
            if recommendation is not None and recommendation.reason_code:
                index = self.ui.disqualifyReason.findData(recommendation.reason_code)
                self.ui.disqualifyReason.setCurrentIndex(index)
            if recommendation is not None and recommendation.recontact_days:
                days = timedelta(days=recommendation.recontact_days)
                self.ui.recontactDate.setDate(_qdate(self._today + days))
        for key, radio in self._radios.items():
            recommended = recommendation is not None and key is recommendation.decision
            radio.setText(self._labels[key] + (_("  ★ recommended") if recommended else ""))
        self._update()

    def recommendation(self) -> Recommendation | None:
        return self._recommendation

    def decision(self) -> Decision | None:
        return next((k for k, r in self._radios.items() if r.isChecked()), None)

    def choose(self, decision: Decision | None) -> None:
        self._select(decision)

    def _picked_by_hand(self) -> None:
        self._chosen_by_hand = True
        self._update()
        if self.decision() is Decision.DISQUALIFY and self.ui.disqualifyReason.currentIndex() < 0:
            self.ui.disqualifyReason.setFocus()

    def _select(self, decision: Decision | None, *, by_hand: bool = True) -> None:
        self._radios[decision].setChecked(True)
        if by_hand:
            self._chosen_by_hand = True
        self._update()

    def overriding(self) -> bool:
        rec, decision = self._recommendation, self.decision()
        return rec is not None and decision is not rec.decision  # "Decide later" too

    def decision_input(self) -> DecisionInput | None:
        """The decision as the service wants it; ``ValidationError`` if something is missing."""
        decision = self.decision()
        why = self.ui.overrideReason.text().strip() or None
        if self.overriding() and not why:
            self.ui.overrideReason.setFocus()
            raise ValidationError(_("Say why you go against the recommendation (Alt+W)."))
        if decision is None:  # decide later: recorded only against a recommendation
            return DecisionInput(None, override_reason=why) if self.overriding() else None
        if decision is Decision.DISQUALIFY:
            code = self.ui.disqualifyReason.currentData()
            if not code:
                self.ui.disqualifyReason.setFocus()
                raise ValidationError(_("Choose a reason to disqualify this lead."))
            comment = self.ui.disqualifyComment.text().strip() or None
            return DecisionInput(
                decision, reason_code=str(code), comment=comment, override_reason=why
            )
        if decision is Decision.NURTURE:
            day: date = self.ui.recontactDate.date().toPython()
            when = recontact_time(day, self._zone, self._hours[0])
            return DecisionInput(decision, recontact_at=when, override_reason=why)
        return DecisionInput(decision, override_reason=why)

    def _update(self) -> None:
        ui = self.ui
        outcome = self.outcome()
        wants_callback = outcome is not None and outcome.callback
        for widget in (ui.callbackLabel, ui.callbackAt, ui.callbackHint):
            widget.setVisible(wants_callback)
        self._update_callback_hint()
        decision = self.decision()
        ui.recontactDate.setEnabled(decision is Decision.NURTURE)
        ui.disqualifyReason.setEnabled(decision is Decision.DISQUALIFY)
        ui.disqualifyComment.setEnabled(decision is Decision.DISQUALIFY)
        overriding = self.overriding()
        ui.overrideLabel.setVisible(overriding)
        ui.overrideReason.setVisible(overriding)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qdatetime(local: datetime) -> QDateTime:
    return QDateTime(_qdate(local.date()), QTime(local.hour, local.minute))
