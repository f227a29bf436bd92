"""How many leads the queue's view holds ("1,204 leads"), counted in the store; until
then the rows loaded ("50+")."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from sdrdesk.gui.models.queue_model import QueueModel
from sdrdesk.gui.workers import Background
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
            text = f"{model.rowCount():,}" + ("+" if model.canFetchMore() else "")
        else:
            text = f"{total:,}"
        label = self.tr("%1 lead") if text == "1" else self.tr("%1 leads")
        self.setText(label.replace("%1", text))
