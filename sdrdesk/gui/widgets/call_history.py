"""The lead's calls in the lead panel: the qualification so far and every attempt.

Shows what it is given (``LeadDetail.attempts`` and ``.qualification``); never loads.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QGroupBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from sdrdesk.domain.call_script import Decision
from sdrdesk.services.dto import AttemptInfo, LeadDetail, QualificationSummary

_DECISIONS = {d.value: d.label for d in Decision}


def _duration(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}:{secs:02d}"


class CallHistoryBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callHistoryBox")
        self.setTitle(self.tr("Calls"))
        layout = QVBoxLayout(self)
        self.qualification = QLabel(self)
        self.qualification.setObjectName("qualificationSummary")
        self.qualification.setWordWrap(True)
        self.qualification.setAccessibleName(self.tr("Qualification"))
        self.attempts = QTreeWidget(self)
        self.attempts.setObjectName("callHistoryTree")
        self.attempts.setAccessibleName(self.tr("Call attempts"))
        self.attempts.setHeaderLabels(
            [self.tr("When"), self.tr("Outcome"), self.tr("Length"), self.tr("By")]
        )
        self.attempts.setRootIsDecorated(True)
        self.attempts.setMinimumHeight(120)
        self.attempts.setColumnWidth(0, 120)
        self.attempts.setColumnWidth(1, 130)
        self.attempts.setColumnWidth(2, 50)
        layout.addWidget(self.qualification)
        layout.addWidget(self.attempts)

    def show_detail(self, detail: LeadDetail) -> None:
        self.qualification.setText(self._qualification_html(detail))
        self.attempts.clear()
        for attempt in detail.attempts:
            self.attempts.addTopLevelItem(self._attempt_item(attempt))
        self.attempts.setVisible(bool(detail.attempts))
        self.setVisible(True)

    def _qualification_html(self, detail: LeadDetail) -> str:
        q: QualificationSummary | None = detail.qualification
        count = len(detail.attempts)
        calls = (
            self.tr("No calls yet.")
            if not count
            else self.tr("%1 calls.").replace("%1", str(count))
        )
        if count == 1:
            calls = self.tr("1 call.")
        if q is None:
            return calls
        scores = " · ".join(f"{k.capitalize()} {v:.0f}" for k, v in q.scores.items())
        if q.complete and q.grade:
            head = self.tr("<b>Grade %1</b>").replace("%1", q.grade)
        else:
            head = self.tr("<b>Qualification in progress</b> — press C to continue it")
        rec = _DECISIONS.get(q.recommendation or "")
        recommended = self.tr(" · recommended: %1").replace("%1", rec) if rec else ""
        version = (
            self.tr("script %1 v%2").replace("%1", q.script_id).replace("%2", q.script_version)
        )
        answers = "".join(
            f"<br><span style='color:#5f6368'>{html.escape(a.question)}</span> "
            f"{html.escape(a.answer)}"
            for a in q.answers
        )
        return (
            f"{head}{recommended}<br>{html.escape(scores)}<br>"
            f"<small>{html.escape(calls)} {html.escape(version)}</small>{answers}"
        )

    def _attempt_item(self, a: AttemptInfo) -> QTreeWidgetItem:
        when = a.started_at.astimezone().strftime("%d %b %H:%M")
        item = QTreeWidgetItem(
            [when, a.outcome_label, _duration(a.duration_seconds), a.caller or ""]
        )
        tip = [a.outcome_label]
        if a.callback_at:
            back = a.callback_at.astimezone().strftime("%a %d %b %H:%M")
            child = QTreeWidgetItem([self.tr("Call back"), back])
            item.addChild(child)
        if a.decision:
            item.addChild(
                QTreeWidgetItem([self.tr("Decision"), _DECISIONS.get(a.decision, a.decision)])
            )
        if a.notes:
            note = QTreeWidgetItem([self.tr("Notes"), a.notes])
            note.setToolTip(1, a.notes)
            item.addChild(note)
            tip.append(a.notes)
        for line in a.answers:
            answer = QTreeWidgetItem([line.section, f"{line.question} — {line.answer}"])
            answer.setToolTip(1, f"{line.question}\n{line.answer}")
            item.addChild(answer)
        if a.script_version:
            item.setToolTip(
                0,
                self.tr("Script %1, version %2")
                .replace("%1", a.script_id or "")
                .replace("%2", a.script_version),
            )
        item.setToolTip(1, "\n".join(tip))
        return item
