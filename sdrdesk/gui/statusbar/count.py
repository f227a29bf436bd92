"""How many leads the queue's view holds ("1,204 leads", "1.204 Leads"), counted in the
store; until then the rows loaded ("50+")."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from sdrdesk.gui.models import formats
from sdrdesk.gui.models.queue_model import QueueModel
from sdrdesk.gui.workers import Background
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.queue import QueueService

COUNT_DELAY_MS = 300  # a burst of changes (a colleague's import) is counted once


class QueueCount(QLabel):
    def __init__(self, model: QueueModel, queue: QueueService, background: Background) -> None:
        super().__init__()
        self.setObjectName("queueCount")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._model, self._queue, self._background = model, queue, background
        self._total: int | None = None
        # The count follows leads leaving and joining the view.
        self.timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self.timer.timeout.connect(self.load)
        model.members_changed.connect(self.timer.start)
        for changed in (model.modelReset, model.rowsRemoved, model.rowsInserted):
            changed.connect(self._update)

    def load(self) -> None:
        if self._model.search_total is not None:  # a search counted its matches already
            self._set(self._model.search_total)
            return
        query, queue = self._model.query, self._queue
        self._background.run(lambda: queue.count(query), self._set, key="count")

    def _set(self, total: int) -> None:
        self._total = total
        self._update()

    def _update(self, *_args: object) -> None:
        total, model = self._total, self._model
        if total is None:
            rows = model.rowCount()
            more = model.canFetchMore()
            text = ngettext("{n} lead", "{n} leads", rows) if not more else _("{n}+ leads")
            self.setText(text.format(n=formats.number(rows)))
        else:
            self.setText(ngettext("{n} lead", "{n} leads", total).format(n=formats.number(total)))
