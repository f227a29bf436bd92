"""One editor per question type, all worked from the keyboard.

* yes/no: ``Y`` / ``N`` (or 1 / 2); single choice: digits 1–9; multiple: digits toggle;
* number and money: typed as people say them (``40k``, ``40.000``), checked as typed;
* date: a date field with a calendar (Alt+Down), empty until answered;
* text: a small text field (Tab leaves it).

``Delete`` clears a choice. Every editor says ``changed`` and hands out a plain value
(what ``domain.qualification.check_answer`` accepts) or ``None`` when unanswered.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sdrdesk.domain.call_script import Question, QuestionType
from sdrdesk.domain.qualification import parse_number
from sdrdesk.gui import theme
from sdrdesk.gui.models import formats
from sdrdesk.gui.models.formats import data_label
from sdrdesk.i18n import _

_UNANSWERED = QDate(2000, 1, 1)
_PLAIN = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.KeypadModifier


class AnswerEditor(QWidget):
    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"answer_{question.id}")
        self.setAccessibleName(data_label(question.text))

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self


class _ButtonsEditor(AnswerEditor):
    """Radio buttons or check boxes, one per choice, with keys to pick them."""

    def __init__(self, question: Question, exclusive: bool, parent: QWidget | None) -> None:
        super().__init__(question, parent)
        horizontal = question.type is QuestionType.YES_NO
        layout: QBoxLayout = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2 if not horizontal else 16)
        self._group = QButtonGroup(self)
        self._group.setExclusive(exclusive)
        self._buttons: list[QAbstractButton] = []
        for n, choice in enumerate(question.choices, start=1):
            label = data_label(choice.label)
            key = label[:1] if horizontal else str(n) if n <= 9 else " "
            text = label if horizontal else f"{key}  {label}"
            button: QAbstractButton = QRadioButton(text) if exclusive else QCheckBox(text)
            button.setObjectName(f"choice_{question.id}_{choice.id}")
            if choice.knockout:
                button.setText(button.text() + _("  — knock-out"))
                button.setToolTip(
                    _("Ends the qualification ({reason})").format(
                        reason=data_label(choice.knockout)
                    )
                )
            self._group.addButton(button, n - 1)
            button.installEventFilter(self)
            button.toggled.connect(lambda _on: self.changed.emit())
            layout.addWidget(button)
            self._buttons.append(button)
        if horizontal:
            layout.addStretch(1)

    def focus_target(self) -> QWidget:
        checked = [b for b in self._buttons if b.isChecked()]
        return (checked or self._buttons)[0]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~_PLAIN:
                return super().eventFilter(watched, event)
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.set_value(None)
                return True
            index = self._key_index(event.text().lower())
            if index is not None and index < len(self._buttons):
                self._press(index)
                return True
        return super().eventFilter(watched, event)

    def _key_index(self, text: str) -> int | None:
        if self.question.type is QuestionType.YES_NO and text in ("y", "j", "n"):
            return 0 if text in ("y", "j") else 1
        return int(text) - 1 if len(text) == 1 and text in "123456789" else None

    def _press(self, index: int) -> None:
        button = self._buttons[index]
        button.setFocus()
        if self._group.exclusive():
            button.setChecked(True)
        else:
            button.toggle()


class ChoiceEditor(_ButtonsEditor):
    """yes/no and single choice."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, True, parent)

    def value(self) -> Any:
        index = self._group.checkedId()
        return self.question.choices[index].id if index >= 0 else None

    def set_value(self, value: Any) -> None:
        self._group.setExclusive(False)
        for button, choice in zip(self._buttons, self.question.choices, strict=True):
            button.setChecked(choice.id == value)
        self._group.setExclusive(True)
        self.changed.emit()


class MultiEditor(_ButtonsEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, False, parent)

    def value(self) -> Any:
        picked = [
            c.id for b, c in zip(self._buttons, self.question.choices, strict=True) if b.isChecked()
        ]
        return picked or None

    def set_value(self, value: Any) -> None:
        picked = set(value or [])
        for button, choice in zip(self._buttons, self.question.choices, strict=True):
            button.blockSignals(True)
            button.setChecked(choice.id in picked)
            button.blockSignals(False)
        self.changed.emit()


class NumberEditor(AnswerEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"number_{question.id}")
        self.edit.setMaximumWidth(theme.chars(self.edit, 24))
        money = question.type is QuestionType.MONEY
        self.edit.setPlaceholderText(_("e.g. 25k") if money else _("a number"))
        self.edit.setAccessibleName(data_label(question.text))
        layout.addWidget(self.edit)
        if question.unit:
            layout.addWidget(QLabel(data_label(question.unit), self))
        self.problem = QLabel(self)
        theme.colour_text(self.problem, "error")
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.edit.textChanged.connect(self._typed)

    def focus_target(self) -> QWidget:
        return self.edit

    def value(self) -> Any:
        number = parse_number(self.edit.text())
        if number is None:
            return None
        return int(number) if number.is_integer() else number

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else _grouped(value))

    def _typed(self, text: str) -> None:
        bad = bool(text.strip()) and parse_number(text) is None
        self.problem.setText(_("not a number") if bad else "")
        self.changed.emit()


class DateEditor(AnswerEditor):
    def __init__(self, question: Question, today: date, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._today = today
        self._answered = False
        self.edit = QDateEdit(self)
        self.edit.setObjectName(f"date_{question.id}")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(_UNANSWERED)
        self.edit.setSpecialValueText(_("not answered"))
        self.edit.setDisplayFormat(_("ddd dd MMM yyyy"))
        self.edit.setDate(_UNANSWERED)
        self.edit.setAccessibleName(data_label(question.text))
        self.edit.setToolTip(_("Type or pick a date (Alt+Down); Ctrl+Delete clears it"))
        self.edit.installEventFilter(self)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.edit.dateChanged.connect(self._picked)

    def focus_target(self) -> QWidget:
        return self.edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn and not self._answered:
            # Start from today when the SDR begins to answer, not from the “empty” date.
            self._show(_qdate(self._today))
        elif kind == QEvent.Type.FocusOut and not self._answered:
            self._show(_UNANSWERED)
        elif kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if event.key() == Qt.Key.Key_Delete and ctrl:
                self.set_value(None)
                return True
        return super().eventFilter(watched, event)

    def _show(self, day: QDate) -> None:
        self.edit.blockSignals(True)
        self.edit.setDate(day)
        self.edit.blockSignals(False)

    def _picked(self, day: QDate) -> None:
        self._answered = day != _UNANSWERED
        self.changed.emit()

    def value(self) -> Any:
        if not self._answered:
            return None
        picked: date = self.edit.date().toPython()  # type: ignore[assignment]
        return picked.isoformat()

    def set_value(self, value: Any) -> None:
        self._answered = bool(value)
        self._show(_qdate(date.fromisoformat(value)) if value else _UNANSWERED)
        self.changed.emit()


class TextEditor(AnswerEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName(f"text_{question.id}")
        self.edit.setTabChangesFocus(True)
        margins = self.edit.contentsMargins()  # three lines of the font, whatever its size
        frame = margins.top() + margins.bottom() + 2 * int(self.edit.document().documentMargin())
        self.edit.setFixedHeight(theme.lines(self.edit, 3) + frame)
        self.edit.setAccessibleName(data_label(question.text))
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self.changed.emit)

    def focus_target(self) -> QWidget:
        return self.edit

    def value(self) -> Any:
        return self.edit.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText(value or "")


def _grouped(value: float) -> str:
    """A number as the SDR reads it back: digits grouped by thousands with a space (which
    ``parse_number`` reads in every language), the locale's decimal separator."""
    fraction = str(value).partition(".")[2]
    if isinstance(value, int) or fraction in ("", "0"):
        text = formats.number(int(value))
    else:
        text = formats.number(value, len(fraction))
    group = QLocale().groupSeparator()
    return text.replace(group, " ") if group else text


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def editor_for(question: Question, today: date, parent: QWidget | None = None) -> AnswerEditor:
    match question.type:
        case QuestionType.YES_NO | QuestionType.SINGLE:
            return ChoiceEditor(question, parent)
        case QuestionType.MULTIPLE:
            return MultiEditor(question, parent)
        case QuestionType.NUMBER | QuestionType.MONEY:
            return NumberEditor(question, parent)
        case QuestionType.DATE:
            return DateEditor(question, today, parent)
    return TextEditor(question, parent)
