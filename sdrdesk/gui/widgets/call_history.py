"""The lead's calls in the lead panel: the qualification so far and every attempt.

Shows what it is given (``LeadDetail.attempts`` and ``.qualification``); never loads.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QGroupBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from sdrdesk.gui import theme
from sdrdesk.gui.models import formats
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.results import AttemptInfo, LeadDetail, QualificationSummary


def _decision_label(value: str | None) -> str | None:
    """A decision's label (``None`` for none or an unknown one). The call script's module
    loads with the first call shown, not with the window."""
    from sdrdesk.domain.call_script import Decision

    try:
        return formats.data_label(Decision(value).label) if value else None
    except ValueError:
        return None


def _duration(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}:{secs:02d}"


class CallHistoryBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callHistoryBox")
        self.setTitle(_("Calls"))
        layout = QVBoxLayout(self)
        self.qualification = QLabel(self)
        self.qualification.setObjectName("qualificationSummary")
        self.qualification.setWordWrap(True)
        self.qualification.setAccessibleName(_("Qualification"))
        self.attempts = QTreeWidget(self)
        self.attempts.setObjectName("callHistoryTree")
        self.attempts.setAccessibleName(_("Call attempts"))
        self.attempts.setHeaderLabels([_("When"), _("Outcome"), _("Length"), _("By")])
        self.attempts.setRootIsDecorated(True)
        self.attempts.setWordWrap(True)
        self.attempts.setUniformRowHeights(False)
        self.attempts.setMinimumHeight(theme.lines(self.attempts, 8))
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
            ngettext("{n} call.", "{n} calls.", count).format(n=formats.number(count))
            if count
            else _("No calls yet.")
        )
        if q is None:
            return calls
        scores = " · ".join(
            f"{formats.data_label(k.capitalize())} {formats.number(v, 0)}"
            for k, v in q.scores.items()
        )
        if q.complete and q.grade:
            head = "<b>{}</b>".format(html.escape(_("Grade {grade}").format(grade=q.grade)))
        else:
            head = _("<b>Qualification in progress</b> — press C to continue it")
        rec = _decision_label(q.recommendation)
        recommended = _(" · recommended: {decision}").format(decision=rec) if rec else ""
        version = _("script {script} v{version}").format(
            script=q.script_id, version=q.script_version
        )
        answers = "".join(
            f"<br><span style='color:{theme.colours().hint}'>{html.escape(a.question)}</span> "
            f"{html.escape(a.answer)}"
            for a in q.answers
        )
        return (
            f"{head}{recommended}<br>{html.escape(scores)}<br>"
            f"<small>{html.escape(calls)} {html.escape(version)}</small>{answers}"
        )

    def _attempt_item(self, a: AttemptInfo) -> QTreeWidgetItem:
        when = formats.date_time(a.started_at.astimezone())
        outcome = formats.data_label(a.outcome_label)
        item = QTreeWidgetItem([when, outcome, _duration(a.duration_seconds), a.caller or ""])
        tip = [outcome]
        lines: list[str] = []
        if a.callback_at:
            back = formats.day_date_time(a.callback_at.astimezone())
            lines.append(_("Call back: {when}").format(when=back))
        if a.decision:
            decided = _decision_label(a.decision) or a.decision
            lines.append(_("Decision: {decision}").format(decision=decided))
        if a.notes:
            lines.append(_("Notes: {notes}").format(notes=a.notes))
            tip.append(a.notes)
        lines += [f"{line.section}: {line.question} — {line.answer}" for line in a.answers]
        for text in lines:
            child = QTreeWidgetItem([text])
            child.setToolTip(0, text)
            item.addChild(child)
        if a.script_version:
            item.setToolTip(
                0,
                _("Script {script}, version {version}").format(
                    script=a.script_id or "", version=a.script_version
                ),
            )
        item.setToolTip(1, "\n".join(tip))
        return item
