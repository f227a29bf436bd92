"""The keyboard shortcuts overview (F1 or ?)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from sdrdesk.gui.forms.ui_shortcuts_dialog import Ui_ShortcutsDialog


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ShortcutsDialog()
        self.ui.setupUi(self)
        self.setObjectName("shortcutsDialog")
        table = self.ui.shortcutsTable
        table.setRowCount(len(rows))
        for i, (what, keys) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(what))
            table.setItem(i, 1, QTableWidgetItem(keys))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(1)
        self.ui.shortcutsButtons.rejected.connect(self.reject)
