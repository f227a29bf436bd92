# GENERATED from ui/import_preview_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'import_preview_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget)

class Ui_ImportPreviewDialog(object):
    def setupUi(self, importPreviewDialog):
        if not importPreviewDialog.objectName():
            importPreviewDialog.setObjectName(u"importPreviewDialog")
        importPreviewDialog.resize(760, 520)
        self.previewLayout = QVBoxLayout(importPreviewDialog)
        self.previewLayout.setObjectName(u"previewLayout")
        self.importAbout = QLabel(importPreviewDialog)
        self.importAbout.setObjectName(u"importAbout")
        self.importAbout.setWordWrap(True)

        self.previewLayout.addWidget(self.importAbout)

        self.importNotes = QLabel(importPreviewDialog)
        self.importNotes.setObjectName(u"importNotes")
        self.importNotes.setTextFormat(Qt.TextFormat.PlainText)
        self.importNotes.setWordWrap(True)

        self.previewLayout.addWidget(self.importNotes)

        self.importColumns = QScrollArea(importPreviewDialog)
        self.importColumns.setObjectName(u"importColumns")
        self.importColumns.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.importColumns.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.importColumns.setWidgetResizable(True)
        self.columnsHost = QWidget()
        self.columnsHost.setObjectName(u"columnsHost")
        self.columnsGrid = QGridLayout(self.columnsHost)
        self.columnsGrid.setObjectName(u"columnsGrid")
        self.columnHeading = QLabel(self.columnsHost)
        self.columnHeading.setObjectName(u"columnHeading")

        self.columnsGrid.addWidget(self.columnHeading, 0, 0, 1, 1)

        self.targetHeading = QLabel(self.columnsHost)
        self.targetHeading.setObjectName(u"targetHeading")

        self.columnsGrid.addWidget(self.targetHeading, 0, 1, 1, 1)

        self.samplesHeading = QLabel(self.columnsHost)
        self.samplesHeading.setObjectName(u"samplesHeading")

        self.columnsGrid.addWidget(self.samplesHeading, 0, 2, 1, 1)

        self.columnsGrid.setColumnStretch(2, 1)
        self.importColumns.setWidget(self.columnsHost)

        self.previewLayout.addWidget(self.importColumns)

        self.regionRow = QHBoxLayout()
        self.regionRow.setObjectName(u"regionRow")
        self.regionLabel = QLabel(importPreviewDialog)
        self.regionLabel.setObjectName(u"regionLabel")

        self.regionRow.addWidget(self.regionLabel)

        self.importRegion = QComboBox(importPreviewDialog)
        self.importRegion.setObjectName(u"importRegion")

        self.regionRow.addWidget(self.importRegion)

        self.regionRow.setStretch(1, 1)

        self.previewLayout.addLayout(self.regionRow)

        self.importEstimate = QLabel(importPreviewDialog)
        self.importEstimate.setObjectName(u"importEstimate")
        self.importEstimate.setTextFormat(Qt.TextFormat.PlainText)
        self.importEstimate.setWordWrap(True)

        self.previewLayout.addWidget(self.importEstimate)

        self.previewButtons = QDialogButtonBox(importPreviewDialog)
        self.previewButtons.setObjectName(u"previewButtons")
        self.previewButtons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.previewLayout.addWidget(self.previewButtons)

#if QT_CONFIG(shortcut)
        self.regionLabel.setBuddy(self.importRegion)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(importPreviewDialog)

        QMetaObject.connectSlotsByName(importPreviewDialog)
    # setupUi

    def retranslateUi(self, importPreviewDialog):
        importPreviewDialog.setWindowTitle(QCoreApplication.translate("ImportPreviewDialog", u"Import leads", None))
        self.columnHeading.setText(QCoreApplication.translate("ImportPreviewDialog", u"<b>Column in the file</b>", None))
        self.targetHeading.setText(QCoreApplication.translate("ImportPreviewDialog", u"<b>Imports as</b>", None))
        self.samplesHeading.setText(QCoreApplication.translate("ImportPreviewDialog", u"<b>First values</b>", None))
        self.regionLabel.setText(QCoreApplication.translate("ImportPreviewDialog", u"&Phone numbers without a country code are from:", None))
    # retranslateUi

