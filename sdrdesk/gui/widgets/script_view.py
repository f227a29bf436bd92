"""The call script, one section at a time, with the sections and their progress beside it.

Questions are built from the script (they are data, so there is no Designer form for
them). A question whose ``ask_if`` does not hold is hidden; after a knock-out the rest
is greyed out. The view never scores: the workspace evaluates the answers and hands the
``Assessment`` back through ``apply``.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sdrdesk.domain.call_script import CallScript, Section
from sdrdesk.domain.qualification import Assessment
from sdrdesk.gui import theme
from sdrdesk.gui.models.formats import data_label
from sdrdesk.gui.widgets.answer_editors import AnswerEditor, editor_for
from sdrdesk.i18n import _

_DONE, _PARTLY, _OPEN = "✔", "◐", "○"


class ScriptView(QWidget):
    answers_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptView")
        self._script: CallScript | None = None
        self._editors: dict[str, AnswerEditor] = {}
        self._blocks: dict[str, QFrame] = {}
        self._loading = False

        self.sectionList = QListWidget(self)
        self.sectionList.setObjectName("sectionList")
        self.sectionList.setAccessibleName(_("Sections of the call script"))
        self.progress = QProgressBar(self)
        self.progress.setObjectName("scriptProgress")
        self.progress.setFormat(_("%v of %m sections"))
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("sectionPages")
        self.previousButton = QPushButton(_("◀ Previous section"), self)
        self.previousButton.setObjectName("previousSection")
        self.previousButton.setToolTip(_("Previous section (Ctrl+PgUp)"))
        self.nextButton = QPushButton(_("Next section ▶"), self)
        self.nextButton.setObjectName("nextSection")
        self.nextButton.setToolTip(_("Next section (Ctrl+PgDown)"))
        for button in (self.previousButton, self.nextButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        left = QVBoxLayout()
        left.addWidget(self.sectionList, 1)
        left.addWidget(self.progress)
        nav = QHBoxLayout()
        nav.addWidget(self.previousButton)
        nav.addStretch(1)
        nav.addWidget(self.nextButton)
        right = QVBoxLayout()
        right.addWidget(self.pages, 1)
        right.addLayout(nav)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        self.sectionList.currentRowChanged.connect(self._show_page)
        self.previousButton.clicked.connect(lambda: self.step(-1))
        self.nextButton.clicked.connect(lambda: self.step(1))

    # --- building -------------------------------------------------------------------------

    def _fit_sections(self) -> None:
        """The section list as wide as its longest title with a count ("  10/10"), in the
        font in use, within reason; the progress bar as wide as the list."""
        view = self.sectionList
        metrics = view.fontMetrics()
        texts = [view.item(row).text() + "  10/10" for row in range(view.count())]
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        widest = max(widest + theme.chars(view, 2), theme.chars(view, 14))
        scroll = view.verticalScrollBar().sizeHint().width()
        width = min(widest + 2 * view.frameWidth() + scroll, theme.chars(view, 40))
        view.setFixedWidth(width)
        self.progress.setFixedWidth(width)

    def load(self, script: CallScript, answers: dict[str, Any], today: date) -> None:
        self._script = script
        self._loading = True
        for section in script.sections:
            item = QListWidgetItem(f"{_OPEN}  {data_label(section.title)}")
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.sectionList.addItem(item)
            self.pages.addWidget(self._page(section, today))
        self._fit_sections()
        for qid, editor in self._editors.items():
            if qid in answers:
                editor.set_value(answers[qid])
        self.progress.setRange(0, len(script.sections))
        self._loading = False
        self.sectionList.setCurrentRow(0)

    def _page(self, section: Section, today: date) -> QWidget:
        body = QWidget()
        body.setObjectName(f"section_{section.id}")
        column = QVBoxLayout(body)
        title = QLabel(f"<h3>{html.escape(data_label(section.title))}</h3>", body)
        column.addWidget(title)
        if section.intro:
            intro = QLabel(html.escape(data_label(section.intro)), body)
            intro.setWordWrap(True)
            theme.colour_text(intro, "hint")
            column.addWidget(intro)
        for number, question in enumerate(section.questions, start=1):
            block = QFrame(body)
            block.setObjectName(f"question_{question.id}")
            box = QVBoxLayout(block)
            box.setContentsMargins(0, 6, 0, 6)
            optional = " <i>" + html.escape(_("(optional)")) + "</i>" if question.optional else ""
            asked = html.escape(data_label(question.text))
            text = QLabel(f"<b>{number}. {asked}</b>{optional}", block)
            text.setWordWrap(True)
            box.addWidget(text)
            if question.help:
                helper = QLabel(html.escape(data_label(question.help)), block)
                helper.setObjectName(f"help_{question.id}")
                helper.setWordWrap(True)
                small = helper.font()
                small.setPointSizeF(small.pointSizeF() * 0.9)
                helper.setFont(small)
                theme.colour_text(helper, "hint")
                box.addWidget(helper)
            editor = editor_for(question, today, block)
            editor.changed.connect(self._changed)
            text.setBuddy(editor.focus_target())
            box.addWidget(editor)
            column.addWidget(block)
            self._editors[question.id] = editor
            self._blocks[question.id] = block
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    # --- answers --------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """Every answered question (also hidden ones; the service keeps those that apply)."""
        out = {}
        for qid, editor in self._editors.items():
            value = editor.value()
            if value is not None:
                out[qid] = value
        return out

    def editor(self, question_id: str) -> AnswerEditor:
        return self._editors[question_id]

    def is_shown(self, question_id: str) -> bool:
        return not self._blocks[question_id].isHidden()

    def _changed(self) -> None:
        if not self._loading:
            self.answers_changed.emit()

    def apply(self, assessment: Assessment) -> None:
        """Show what applies, grey out what a knock-out made moot, mark progress."""
        script = self._script
        if script is None:
            return
        knocked = assessment.knockout
        after_knockout = False
        for _section, question in script.questions():
            block = self._blocks[question.id]
            block.setHidden(question.id not in assessment.applicable)
            block.setEnabled(not after_knockout)
            if knocked is not None and question.id == knocked.question_id:
                after_knockout = True
        for row, progress in enumerate(assessment.progress):
            item = self.sectionList.item(row)
            if knocked is not None:
                mark = _DONE if progress.done else "–"
            else:
                mark = _DONE if progress.done else _PARTLY if progress.answered else _OPEN
            count = f"  {progress.answered}/{progress.required}" if not progress.done else ""
            item.setText(f"{mark}  {data_label(progress.title)}{count}")
        done = len(script.sections) if assessment.complete else assessment.sections_done
        self.progress.setValue(done)

    # --- moving ---------------------------------------------------------------------------

    def step(self, delta: int) -> None:
        row = self.sectionList.currentRow() + delta
        if 0 <= row < self.sectionList.count():
            self.sectionList.setCurrentRow(row)
            self.focus_first_open()

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        self.previousButton.setEnabled(row > 0)
        self.nextButton.setEnabled(row < self.sectionList.count() - 1)

    def current_section(self) -> str | None:
        item = self.sectionList.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def focus_first_open(self) -> None:
        """Focus the first unanswered question of the current section (else the first)."""
        script = self._script
        section_id = self.current_section()
        if script is None or section_id is None:
            return
        section = next(s for s in script.sections if s.id == section_id)
        shown = [q for q in section.questions if self.is_shown(q.id)]
        if not shown:
            return
        target = next((q for q in shown if self._editors[q.id].value() is None), shown[0])
        self._editors[target.id].focus_target().setFocus(Qt.FocusReason.TabFocusReason)
