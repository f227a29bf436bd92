"""Above the queue: the search box (/ or Ctrl+F; Esc clears it, then leaves it), the
view (new leads, mine, …), the lead source and the product."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox

from sdrdesk.gui.forms.ui_main_window import Ui_MainWindow
from sdrdesk.gui.models.queue_model import QueueModel
from sdrdesk.gui.workers import Background
from sdrdesk.i18n import _
from sdrdesk.services.queue import QueueService, QueueView

# While typing goes on, the queue is searched at most this often (for the latest text).
SEARCH_DELAY_MS = 30


class QueueFilters(QObject):
    def __init__(
        self,
        ui: Ui_MainWindow,
        model: QueueModel,
        queue: QueueService,
        background: Background,
        focus_queue: Callable[[], None],
    ) -> None:
        super().__init__(ui.queueFilter)
        self.ui, self.model, self._queue, self._background = ui, model, queue, background
        self._focus_queue = focus_queue
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._pause_over)
        self._waiting = False
        ui.viewFilter.blockSignals(True)
        for view in QueueView:
            ui.viewFilter.addItem(_(view.label), view)
        ui.viewFilter.blockSignals(False)
        ui.viewFilter.currentIndexChanged.connect(self._view_changed)
        ui.sourceFilter.blockSignals(True)
        ui.sourceFilter.addItem(_("All sources"), None)
        ui.sourceFilter.blockSignals(False)
        ui.sourceFilter.currentIndexChanged.connect(self._source_changed)
        ui.productFilter.blockSignals(True)
        ui.productFilter.addItem(_("All products"), None)
        ui.productFilter.blockSignals(False)
        ui.productFilter.currentIndexChanged.connect(self._product_changed)
        ui.queueFilter.textChanged.connect(self._typed)
        ui.queueFilter.returnPressed.connect(focus_queue)
        escape = QShortcut(QKeySequence("Escape"), ui.queueFilter)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._leave)

    def retranslate(self) -> None:
        """The views' names and "All sources" in the language now in use."""
        for index, view in enumerate(QueueView):
            self.ui.viewFilter.setItemText(index, _(view.label))
        self.ui.sourceFilter.setItemText(0, _("All sources"))
        self.ui.productFilter.setItemText(0, _("All products"))
        self._set_products()
        for combo in (self.ui.viewFilter, self.ui.sourceFilter, self.ui.productFilter):
            # Measured once, at first show: measure the new texts (not cut off).
            policy = combo.sizeAdjustPolicy()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizeAdjustPolicy(policy)

    def focus_search(self) -> None:
        self.ui.queueFilter.setFocus()
        self.ui.queueFilter.selectAll()

    def _leave(self) -> None:
        if self.ui.queueFilter.text():
            self.ui.queueFilter.clear()
        else:
            self._focus_queue()

    def _typed(self, _text: str) -> None:
        """Search at once; while keys keep coming (fast typing, a paste, a held key) at
        most every ``SEARCH_DELAY_MS``, and always for the text as it is then."""
        if self._timer.isActive():
            self._waiting = True
            return
        self._apply_search()
        self._timer.start()

    def _pause_over(self) -> None:
        if self._waiting:
            self._waiting = False
            self._apply_search()
            self._timer.start()

    def _apply_search(self) -> None:
        self.model.set_query(replace(self.model.query, text=self.ui.queueFilter.text()))

    def show_view(self, view: QueueView) -> None:
        """Switch the queue to this view (nothing happens when it is shown already)."""
        position = self.ui.viewFilter.findData(view)
        if position >= 0:
            self.ui.viewFilter.setCurrentIndex(position)

    def _view_changed(self, _index: int) -> None:
        # Qt hands the enum back as a plain str; the queue compares views by identity.
        view = QueueView(self.ui.viewFilter.currentData())
        self.model.set_query(replace(self.model.query, view=view))

    def _source_changed(self, _index: int) -> None:
        self.model.set_query(replace(self.model.query, source=self.ui.sourceFilter.currentData()))

    def _product_changed(self, _index: int) -> None:
        product = self.ui.productFilter.currentData()
        self.model.set_query(replace(self.model.query, product=product))

    def load_sources(self) -> None:
        """The sources (read in the background) and the team's products (no read)."""
        self._background.run(self._queue.sources, self._set_sources, key="sources")
        self._set_products()

    def _set_products(self) -> None:
        combo = self.ui.productFilter
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for product, label in self._queue.products():
            combo.addItem(label, product)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        combo.blockSignals(False)

    def _set_sources(self, sources: list[str]) -> None:
        combo = self.ui.sourceFilter
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for source in sources:
            combo.addItem(source, source)
        position = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(0, position))
        combo.blockSignals(False)
