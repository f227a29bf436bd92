# GENERATED from ui/shortcuts_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'shortcuts_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QAbstractItemView, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout)

class Ui_ShortcutsDialog(object):
    def setupUi(self, shortcutsDialog):
        if not shortcutsDialog.objectName():
            shortcutsDialog.setObjectName(u"shortcutsDialog")
        shortcutsDialog.resize(480, 460)
        self.shortcutsLayout = QVBoxLayout(shortcutsDialog)
        self.shortcutsLayout.setObjectName(u"shortcutsLayout")
        self.shortcutsIntro = QLabel(shortcutsDialog)
        self.shortcutsIntro.setObjectName(u"shortcutsIntro")
        self.shortcutsIntro.setWordWrap(True)

        self.shortcutsLayout.addWidget(self.shortcutsIntro)

        self.shortcutsTable = QTableWidget(shortcutsDialog)
        if (self.shortcutsTable.columnCount() < 2):
            self.shortcutsTable.setColumnCount(2)
        __qtablewidgetitem = QTableWidgetItem()
        self.shortcutsTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.shortcutsTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        self.shortcutsTable.setObjectName(u"shortcutsTable")
        self.shortcutsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.shortcutsTable.verticalHeader().setVisible(False)

        self.shortcutsLayout.addWidget(self.shortcutsTable)

        self.shortcutsButtons = QDialogButtonBox(shortcutsDialog)
        self.shortcutsButtons.setObjectName(u"shortcutsButtons")
        self.shortcutsButtons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.shortcutsLayout.addWidget(self.shortcutsButtons)


        self.retranslateUi(shortcutsDialog)

        QMetaObject.connectSlotsByName(shortcutsDialog)
    # setupUi

    def retranslateUi(self, shortcutsDialog):
        shortcutsDialog.setWindowTitle(QCoreApplication.translate("ShortcutsDialog", u"Keyboard shortcuts", None))
        self.shortcutsIntro.setText(QCoreApplication.translate("ShortcutsDialog", u"Work the queue without the mouse. In the reject dialog, keys 1\u20139 pick a reason; Ctrl+Enter confirms.", None))
        ___qtablewidgetitem = self.shortcutsTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ShortcutsDialog", u"Action", None))
        ___qtablewidgetitem1 = self.shortcutsTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ShortcutsDialog", u"Keys", None))
    # retranslateUi

