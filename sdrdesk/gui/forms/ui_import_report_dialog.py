# GENERATED from ui/import_report_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'import_report_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout)

class Ui_ImportReportDialog(object):
    def setupUi(self, importReportDialog):
        if not importReportDialog.objectName():
            importReportDialog.setObjectName(u"importReportDialog")
        importReportDialog.resize(640, 420)
        self.reportLayout = QVBoxLayout(importReportDialog)
        self.reportLayout.setObjectName(u"reportLayout")
        self.importHeadline = QLabel(importReportDialog)
        self.importHeadline.setObjectName(u"importHeadline")

        self.reportLayout.addWidget(self.importHeadline)

        self.importReport = QPlainTextEdit(importReportDialog)
        self.importReport.setObjectName(u"importReport")
        self.importReport.setReadOnly(True)

        self.reportLayout.addWidget(self.importReport)

        self.importSaved = QLabel(importReportDialog)
        self.importSaved.setObjectName(u"importSaved")
        self.importSaved.setVisible(False)
        self.importSaved.setTextFormat(Qt.TextFormat.PlainText)
        self.importSaved.setWordWrap(True)

        self.reportLayout.addWidget(self.importSaved)

        self.reportButtons = QDialogButtonBox(importReportDialog)
        self.reportButtons.setObjectName(u"reportButtons")
        self.reportButtons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.reportLayout.addWidget(self.reportButtons)


        self.retranslateUi(importReportDialog)

        QMetaObject.connectSlotsByName(importReportDialog)
    # setupUi

    def retranslateUi(self, importReportDialog):
        importReportDialog.setWindowTitle(QCoreApplication.translate("ImportReportDialog", u"Import report", None))
    # retranslateUi

