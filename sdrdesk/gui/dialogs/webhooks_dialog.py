"""Marketing › Webhooks… (managers): the endpoints, the selected one's recent deliveries,
and a failed delivery's answer from the receiver, with Retry. The dialog only shows and
asks; the controller (``gui/webhooks.py``) does the database work in the background."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sdrdesk.gui import theme
from sdrdesk.services.webhooks import DeliveryInfo, EndpointInfo

RETRYABLE = ("failed", "pending")


class WebhooksDialog(QDialog):
    endpoint_selected = Signal(int)  # show this endpoint's deliveries
    refresh_requested = Signal()
    retry_requested = Signal(int)  # a delivery

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("webhooksDialog")
        self.setWindowTitle(self.tr("Webhooks"))
        self.resize(theme.chars(self, 130), theme.lines(self, 32))
        self._endpoints: list[EndpointInfo] = []
        self._deliveries: list[DeliveryInfo] = []
        layout = QVBoxLayout(self)
        self.endpoints = self._table(
            "webhookEndpoints",
            self.tr("Webhook endpoints"),
            [self.tr("Address"), self.tr("Events"), self.tr("Status"), self.tr("Delivered"),
             self.tr("Pending"), self.tr("Failed")],
        )  # fmt: skip
        self.deliveries = self._table(
            "webhookDeliveries",
            self.tr("Recent deliveries"),
            [self.tr("When"), self.tr("Event"), self.tr("Lead"), self.tr("Status"),
             self.tr("Attempts"), self.tr("Answer")],
        )  # fmt: skip
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("webhookAnswer")
        self.answer.setAccessibleName(self.tr("The receiver's answer"))
        self.answer.setReadOnly(True)
        self.answer.setMaximumBlockCount(2000)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.endpoints)
        split.addWidget(self.deliveries)
        split.addWidget(self.answer)
        split.setSizes([150, 260, 110])
        layout.addWidget(split)
        self.status = QLabel()
        self.status.setObjectName("webhookStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.failed_only = QCheckBox(self.tr("&Failures only"))
        self.failed_only.setObjectName("webhookFailedOnly")
        self.failed_only.toggled.connect(lambda _on: self._selected_endpoint())
        row.addWidget(self.failed_only)
        row.addStretch(1)
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.retry_button.setObjectName("webhookRetry")
        self.retry_button.setToolTip(self.tr("Send the selected delivery again now"))
        self.retry_button.setEnabled(False)
        self.retry_button.clicked.connect(self._retry)
        row.addWidget(self.retry_button)
        refresh = QPushButton(self.tr("Re&fresh"))
        refresh.setObjectName("webhookRefresh")
        refresh.clicked.connect(self.refresh_requested)
        row.addWidget(refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.endpoints.itemSelectionChanged.connect(self._selected_endpoint)
        self.deliveries.itemSelectionChanged.connect(self._selected_delivery)

    def _table(self, name: str, accessible: str, header: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(header))
        table.setObjectName(name)
        table.setAccessibleName(accessible)
        table.setHorizontalHeaderLabels(header)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # --- filled by the controller ---------------------------------------------------------

    def show_endpoints(self, endpoints: list[EndpointInfo]) -> None:
        chosen = self.current_endpoint()
        self._endpoints = endpoints
        table = self.endpoints
        table.setRowCount(len(endpoints))
        for r, e in enumerate(endpoints):
            cells = [e.url, ", ".join(e.events), self.status_text(e.status),
                     str(e.delivered), str(e.pending), str(e.failed)]  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if e.status in ("failing", "disabled"):
                    item.setForeground(theme.qcolor("error"))
                if c == 2 and e.status_note:
                    item.setToolTip(self.note_text(e.status_note))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        troubled = [e for e in endpoints if e.status in ("failing", "disabled")]
        why = "; ".join(f"{e.url} — {self.note_text(e.status_note or '')}" for e in troubled)
        if troubled:
            self.status.setText(self.tr("Needs attention: %1").replace("%1", why))
        elif not endpoints:
            self.status.setText(
                self.tr(
                    "No webhook endpoints yet: add one with “sdrdesk webhooks add URL --events …”."
                )
            )
        else:
            self.status.setText("")
        if endpoints:
            ids = [e.id for e in endpoints]
            table.selectRow(ids.index(chosen) if chosen in ids else 0)

    def show_deliveries(self, deliveries: list[DeliveryInfo]) -> None:
        self._deliveries = deliveries
        table = self.deliveries
        table.setRowCount(len(deliveries))
        locale = QLocale()
        for r, d in enumerate(deliveries):
            when = int((d.last_attempt_at or d.created_at).timestamp())
            answer = f"HTTP {d.response_status}" if d.response_status is not None else ""
            if d.last_error:
                answer = f"{answer} {d.last_error}".strip()
            cells = [
                locale.toString(QDateTime.fromSecsSinceEpoch(when), QLocale.FormatType.ShortFormat),
                d.event_type, "" if d.lead_id is None else str(d.lead_id),
                self.status_text(d.status), locale.toString(d.attempts), answer,
            ]  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if d.status == "failed":
                    item.setForeground(theme.qcolor("error"))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        self.answer.clear()
        self.retry_button.setEnabled(False)
        if deliveries:
            table.selectRow(0)

    def show_message(self, text: str) -> None:
        self.status.setText(text)

    # --- selection ------------------------------------------------------------------------

    def current_endpoint(self) -> int | None:
        rows = self.endpoints.selectionModel().selectedRows()
        return self._endpoints[rows[0].row()].id if rows and self._endpoints else None

    def current_delivery(self) -> DeliveryInfo | None:
        rows = self.deliveries.selectionModel().selectedRows()
        return self._deliveries[rows[0].row()] if rows and self._deliveries else None

    def _selected_endpoint(self) -> None:
        endpoint = self.current_endpoint()
        if endpoint is not None:
            self.endpoint_selected.emit(endpoint)

    def _selected_delivery(self) -> None:
        d = self.current_delivery()
        self.retry_button.setEnabled(d is not None and d.status in RETRYABLE and d.attempts > 0)
        if d is None:
            self.answer.clear()
            return
        lines = [f"webhook-id: {d.message_id}"]
        if d.response_status is not None:
            lines.append(f"HTTP {d.response_status}")
        if d.last_error:
            lines.append(d.last_error)
        if d.response_body:
            lines += ["", d.response_body]
        self.answer.setPlainText("\n".join(lines))

    def _retry(self) -> None:
        d = self.current_delivery()
        if d is not None:
            self.retry_button.setEnabled(False)
            self.retry_requested.emit(d.id)

    # --- words ------------------------------------------------------------------------------

    def status_text(self, status: str) -> str:
        return {
            "active": self.tr("active"),
            "failing": self.tr("failing"),
            "disabled": self.tr("disabled"),
            "pending": self.tr("pending"),
            "delivered": self.tr("delivered"),
            "failed": self.tr("failed"),
            "cancelled": self.tr("cancelled"),
        }.get(status, status)

    def note_text(self, note: str) -> str:
        return {
            "gone": self.tr("The receiver answered 410 Gone, so nothing more is sent to it."),
            "retries": self.tr("Deliveries failed for the whole retry period."),
        }.get(note, note)
