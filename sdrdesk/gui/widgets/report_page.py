"""One report: its chart above, the table behind it below, notes under the table."""

from __future__ import annotations

import html

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sdrdesk.gui import theme
from sdrdesk.gui.models.report_table_model import ReportTableModel
from sdrdesk.i18n import _
from sdrdesk.services.reports import Table


class ReportPage(QWidget):
    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.title = title
        self.setObjectName(f"report_{key}")
        self.setAccessibleName(title)
        self.chart_view = QChartView(self)
        self.chart_view.setObjectName(f"{key}Chart")
        self.chart_view.setAccessibleName(_("{title} chart").format(title=title))
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(theme.lines(self.chart_view, 16))
        self.model = ReportTableModel(self)
        self.table_view = QTableView(self)
        self.table_view.setObjectName(f"{key}Table")
        self.table_view.setAccessibleName(_("{title} table").format(title=title))
        self.table_view.setModel(self.model)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.verticalHeader().setVisible(False)
        self.table_view.verticalHeader().setDefaultSectionSize(22)
        header = self.table_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.extra_view = QTableView(self)  # a second table (the overdue leads)
        self.extra_view.setObjectName(f"{key}ExtraTable")
        self.extra_model = ReportTableModel(self)
        self.extra_view.setModel(self.extra_model)
        self.extra_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.extra_view.verticalHeader().setVisible(False)
        # Its columns fit the rows in view (up to 200 overdue leads: measuring every
        # cell was a fifth of showing speed to lead).
        self.extra_view.horizontalHeader().setResizeContentsPrecision(0)
        self.extra_view.verticalHeader().setDefaultSectionSize(22)
        self.extra_view.setAccessibleName(_("{title} details").format(title=title))
        self.extra_view.horizontalHeader().setStretchLastSection(True)
        self.extra_label = QLabel(self)
        self.extra_label.setObjectName(f"{key}ExtraTitle")
        self.extra_label.setBuddy(self.extra_view)
        self.extra_box = QWidget(self)
        box = QVBoxLayout(self.extra_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.extra_label)
        box.addWidget(self.extra_view)
        self.extra_box.setVisible(False)
        self.notes = QLabel(self)
        self.notes.setObjectName(f"{key}Notes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.chart_view)
        self.splitter.addWidget(self.table_view)
        self.splitter.addWidget(self.extra_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([440, 300, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        layout.addWidget(self.notes)
        self.loaded = False

    @property
    def table(self) -> Table | None:
        return self.model.table

    @property
    def extra(self) -> Table | None:
        return self.extra_model.table if self.extra_box.isVisibleTo(self) else None

    def show_report(self, chart: QChart, table: Table, extra: Table | None = None) -> None:
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()
        self.model.set_table(table)
        self.extra_model.set_table(extra)
        self.extra_box.setVisible(extra is not None)
        if extra is not None:
            self.extra_label.setText(f"<b>{html.escape(extra.title)}</b>")
        self.notes.setText("  ".join(table.notes))
        self.notes.setVisible(bool(table.notes))
        self.table_view.resizeColumnsToContents()
        if extra is not None:
            self.extra_view.resizeColumnsToContents()
        self.loaded = True
