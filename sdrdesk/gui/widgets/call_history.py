"""The lead's calls in the lead panel: the qualification so far and every attempt.

Shows what it is given (``LeadDetail.attempts`` and ``.qualification``); never loads.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QGroupBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from sdrdesk.services.results import AttemptInfo, LeadDetail, QualificationSummary


def _decision_label(value: str | None) -> str | None:
    """A decision's label (``None`` for none or an unknown one). The call script's module
    loads with the first call shown, not with the window."""
    from sdrdesk.domain.call_script import Decision

    try:
        return Decision(value).label if value else None
    except ValueError:
        return None


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
        self.attempts.setWordWrap(True)
        self.attempts.setUniformRowHeights(False)
        self.attempts.setMinimumHeight(160)
        self.attempts.setColumnWidth(0, 125)
        self.attempts.setColumnWidth(1, 115)
        self.attempts.setColumnWidth(2, 45)
        layout.addWidget(self.qualification)
        layout.addWidget(self.attempts)

    def show_detail(self, detail: LeadDetail) -> None:
        self.qualification.setText(self._qualification_html(detail))
        self.attempts.clear()
        for attempt in detail.attempts:
            item = self._attempt_item(attempt)
            self.attempts.addTopLevelItem(item)
            for n in range(item.childCount()):
                child = item.child(n)
                if child is not None:
                    child.setFirstColumnSpanned(True)  # only works once in the tree
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
        rec = _decision_label(q.recommendation)
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
        lines: list[str] = []
        if a.callback_at:
            back = a.callback_at.astimezone().strftime("%a %d %b %H:%M")
            lines.append(self.tr("Call back: %1").replace("%1", back))
        if a.decision:
            decided = _decision_label(a.decision) or a.decision
            lines.append(self.tr("Decision: %1").replace("%1", decided))
        if a.notes:
            lines.append(self.tr("Notes: %1").replace("%1", a.notes))
            tip.append(a.notes)
        lines += [f"{line.section}: {line.question} — {line.answer}" for line in a.answers]
        for text in lines:
            child = QTreeWidgetItem([text])
            child.setToolTip(0, text)
            item.addChild(child)
        if a.script_version:
            item.setToolTip(
                0,
                self.tr("Script %1, version %2")
                .replace("%1", a.script_id or "")
                .replace("%2", a.script_version),
            )
        item.setToolTip(1, "\n".join(tip))
        return item
