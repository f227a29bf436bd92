# GENERATED from ui/reports_window.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reports_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtGui import (QAction)
from PySide6.QtWidgets import (QComboBox, QDateEdit, QHBoxLayout, QLabel, QMenu, QMenuBar, QSizePolicy, QSpacerItem, QStatusBar, QTabWidget, QToolBar, QVBoxLayout, QWidget)

class Ui_ReportsWindow(object):
    def setupUi(self, reportsWindow):
        if not reportsWindow.objectName():
            reportsWindow.setObjectName(u"reportsWindow")
        reportsWindow.resize(1180, 800)
        self.actionReloadReport = QAction(reportsWindow)
        self.actionReloadReport.setObjectName(u"actionReloadReport")
        self.actionExportPdf = QAction(reportsWindow)
        self.actionExportPdf.setObjectName(u"actionExportPdf")
        self.actionExportPng = QAction(reportsWindow)
        self.actionExportPng.setObjectName(u"actionExportPng")
        self.actionPrintReport = QAction(reportsWindow)
        self.actionPrintReport.setObjectName(u"actionPrintReport")
        self.actionExportFeedback = QAction(reportsWindow)
        self.actionExportFeedback.setObjectName(u"actionExportFeedback")
        self.actionDigest = QAction(reportsWindow)
        self.actionDigest.setObjectName(u"actionDigest")
        self.actionCloseReports = QAction(reportsWindow)
        self.actionCloseReports.setObjectName(u"actionCloseReports")
        self.actionNextReport = QAction(reportsWindow)
        self.actionNextReport.setObjectName(u"actionNextReport")
        self.actionPreviousReport = QAction(reportsWindow)
        self.actionPreviousReport.setObjectName(u"actionPreviousReport")
        self.reportsCentral = QWidget(reportsWindow)
        self.reportsCentral.setObjectName(u"reportsCentral")
        self.reportsLayout = QVBoxLayout(self.reportsCentral)
        self.reportsLayout.setObjectName(u"reportsLayout")
        self.filterBar = QHBoxLayout()
        self.filterBar.setObjectName(u"filterBar")
        self.periodLabel = QLabel(self.reportsCentral)
        self.periodLabel.setObjectName(u"periodLabel")

        self.filterBar.addWidget(self.periodLabel)

        self.periodCombo = QComboBox(self.reportsCentral)
        self.periodCombo.setObjectName(u"periodCombo")
        self.periodCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterBar.addWidget(self.periodCombo)

        self.fromDate = QDateEdit(self.reportsCentral)
        self.fromDate.setObjectName(u"fromDate")
        self.fromDate.setCalendarPopup(True)

        self.filterBar.addWidget(self.fromDate)

        self.periodDash = QLabel(self.reportsCentral)
        self.periodDash.setObjectName(u"periodDash")

        self.filterBar.addWidget(self.periodDash)

        self.toDate = QDateEdit(self.reportsCentral)
        self.toDate.setObjectName(u"toDate")
        self.toDate.setCalendarPopup(True)

        self.filterBar.addWidget(self.toDate)

        self.sdrLabel = QLabel(self.reportsCentral)
        self.sdrLabel.setObjectName(u"sdrLabel")

        self.filterBar.addWidget(self.sdrLabel)

        self.sdrCombo = QComboBox(self.reportsCentral)
        self.sdrCombo.setObjectName(u"sdrCombo")
        self.sdrCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterBar.addWidget(self.sdrCombo)

        self.sourceLabel = QLabel(self.reportsCentral)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.filterBar.addWidget(self.sourceLabel)

        self.sourceCombo = QComboBox(self.reportsCentral)
        self.sourceCombo.setObjectName(u"sourceCombo")
        self.sourceCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterBar.addWidget(self.sourceCombo)

        self.productLabel = QLabel(self.reportsCentral)
        self.productLabel.setObjectName(u"productLabel")

        self.filterBar.addWidget(self.productLabel)

        self.productCombo = QComboBox(self.reportsCentral)
        self.productCombo.setObjectName(u"productCombo")
        self.productCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterBar.addWidget(self.productCombo)

        self.breakdownLabel = QLabel(self.reportsCentral)
        self.breakdownLabel.setObjectName(u"breakdownLabel")

        self.filterBar.addWidget(self.breakdownLabel)

        self.breakdownCombo = QComboBox(self.reportsCentral)
        self.breakdownCombo.setObjectName(u"breakdownCombo")
        self.breakdownCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterBar.addWidget(self.breakdownCombo)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterBar.addItem(self.filterSpacer)


        self.reportsLayout.addLayout(self.filterBar)

        self.reportTabs = QTabWidget(self.reportsCentral)
        self.reportTabs.setObjectName(u"reportTabs")
        self.reportTabs.setDocumentMode(True)

        self.reportsLayout.addWidget(self.reportTabs)

        reportsWindow.setCentralWidget(self.reportsCentral)
        self.reportsMenuBar = QMenuBar(reportsWindow)
        self.reportsMenuBar.setObjectName(u"reportsMenuBar")
        self.menuReport = QMenu(self.reportsMenuBar)
        self.menuReport.setObjectName(u"menuReport")
        self.menuMarketing = QMenu(self.reportsMenuBar)
        self.menuMarketing.setObjectName(u"menuMarketing")
        reportsWindow.setMenuBar(self.reportsMenuBar)
        self.reportsToolBar = QToolBar(reportsWindow)
        self.reportsToolBar.setObjectName(u"reportsToolBar")
        self.reportsToolBar.setMovable(False)
        self.reportsToolBar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        reportsWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.reportsToolBar)
        self.reportsStatusBar = QStatusBar(reportsWindow)
        self.reportsStatusBar.setObjectName(u"reportsStatusBar")
        reportsWindow.setStatusBar(self.reportsStatusBar)
#if QT_CONFIG(shortcut)
        self.periodLabel.setBuddy(self.periodCombo)
        self.sdrLabel.setBuddy(self.sdrCombo)
        self.sourceLabel.setBuddy(self.sourceCombo)
        self.productLabel.setBuddy(self.productCombo)
        self.breakdownLabel.setBuddy(self.breakdownCombo)
#endif // QT_CONFIG(shortcut)

        self.reportsMenuBar.addAction(self.menuReport.menuAction())
        self.reportsMenuBar.addAction(self.menuMarketing.menuAction())
        self.menuReport.addAction(self.actionReloadReport)
        self.menuReport.addAction(self.actionNextReport)
        self.menuReport.addAction(self.actionPreviousReport)
        self.menuReport.addSeparator()
        self.menuReport.addAction(self.actionExportPdf)
        self.menuReport.addAction(self.actionExportPng)
        self.menuReport.addAction(self.actionPrintReport)
        self.menuReport.addSeparator()
        self.menuReport.addAction(self.actionCloseReports)
        self.menuMarketing.addAction(self.actionExportFeedback)
        self.menuMarketing.addAction(self.actionDigest)
        self.reportsToolBar.addAction(self.actionReloadReport)
        self.reportsToolBar.addSeparator()
        self.reportsToolBar.addAction(self.actionExportPdf)
        self.reportsToolBar.addAction(self.actionExportPng)
        self.reportsToolBar.addAction(self.actionPrintReport)
        self.reportsToolBar.addSeparator()
        self.reportsToolBar.addAction(self.actionExportFeedback)
        self.reportsToolBar.addAction(self.actionDigest)

        self.retranslateUi(reportsWindow)

        QMetaObject.connectSlotsByName(reportsWindow)
    # setupUi

    def retranslateUi(self, reportsWindow):
        reportsWindow.setWindowTitle(QCoreApplication.translate("ReportsWindow", u"Reports", None))
        self.actionReloadReport.setText(QCoreApplication.translate("ReportsWindow", u"&Refresh", None))
#if QT_CONFIG(shortcut)
        self.actionReloadReport.setShortcut(QCoreApplication.translate("ReportsWindow", u"F5", None))
#endif // QT_CONFIG(shortcut)
        self.actionExportPdf.setText(QCoreApplication.translate("ReportsWindow", u"Export as &PDF\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionExportPdf.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+Shift+P", None))
#endif // QT_CONFIG(shortcut)
        self.actionExportPng.setText(QCoreApplication.translate("ReportsWindow", u"Export as P&NG\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionExportPng.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+Shift+G", None))
#endif // QT_CONFIG(shortcut)
        self.actionPrintReport.setText(QCoreApplication.translate("ReportsWindow", u"&Print\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionPrintReport.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+P", None))
#endif // QT_CONFIG(shortcut)
        self.actionExportFeedback.setText(QCoreApplication.translate("ReportsWindow", u"Export &feedback for marketing\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionExportFeedback.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+E", None))
#endif // QT_CONFIG(shortcut)
        self.actionDigest.setText(QCoreApplication.translate("ReportsWindow", u"&Digest for marketing\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionDigest.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+D", None))
#endif // QT_CONFIG(shortcut)
        self.actionCloseReports.setText(QCoreApplication.translate("ReportsWindow", u"&Close", None))
#if QT_CONFIG(shortcut)
        self.actionCloseReports.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+W", None))
#endif // QT_CONFIG(shortcut)
        self.actionNextReport.setText(QCoreApplication.translate("ReportsWindow", u"&Next report", None))
#if QT_CONFIG(shortcut)
        self.actionNextReport.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+PgDown", None))
#endif // QT_CONFIG(shortcut)
        self.actionPreviousReport.setText(QCoreApplication.translate("ReportsWindow", u"P&revious report", None))
#if QT_CONFIG(shortcut)
        self.actionPreviousReport.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+PgUp", None))
#endif // QT_CONFIG(shortcut)
        self.periodLabel.setText(QCoreApplication.translate("ReportsWindow", u"Pe&riod", None))
#if QT_CONFIG(accessibility)
        self.periodCombo.setAccessibleName(QCoreApplication.translate("ReportsWindow", u"Period", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.fromDate.setAccessibleName(QCoreApplication.translate("ReportsWindow", u"First day", None))
#endif // QT_CONFIG(accessibility)
        self.fromDate.setDisplayFormat(QCoreApplication.translate("ReportsWindow", u"yyyy-MM-dd", None))
        self.periodDash.setText(QCoreApplication.translate("ReportsWindow", u"\u2013", None))
#if QT_CONFIG(accessibility)
        self.toDate.setAccessibleName(QCoreApplication.translate("ReportsWindow", u"Last day", None))
#endif // QT_CONFIG(accessibility)
        self.toDate.setDisplayFormat(QCoreApplication.translate("ReportsWindow", u"yyyy-MM-dd", None))
        self.sdrLabel.setText(QCoreApplication.translate("ReportsWindow", u"&SDR", None))
#if QT_CONFIG(accessibility)
        self.sdrCombo.setAccessibleName(QCoreApplication.translate("ReportsWindow", u"SDR", None))
#endif // QT_CONFIG(accessibility)
        self.sourceLabel.setText(QCoreApplication.translate("ReportsWindow", u"S&ource", None))
#if QT_CONFIG(accessibility)
        self.sourceCombo.setAccessibleName(QCoreApplication.translate("ReportsWindow", u"Source", None))
#endif // QT_CONFIG(accessibility)
        self.productLabel.setText(QCoreApplication.translate("ReportsWindow", u"Pro&duct", None))
#if QT_CONFIG(accessibility)
        self.productCombo.setAccessibleName(QCoreApplication.translate("ReportsWindow", u"Product", None))
#endif // QT_CONFIG(accessibility)
        self.breakdownLabel.setText(QCoreApplication.translate("ReportsWindow", u"&Break down by", None))
#if QT_CONFIG(accessibility)
        self.breakdownCombo.setAccessibleName(QCoreApplication.translate("ReportsWindow", u"Break down by", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.reportTabs.setAccessibleName(QCoreApplication.translate("ReportsWindow", u"Reports", None))
#endif // QT_CONFIG(accessibility)
        self.menuReport.setTitle(QCoreApplication.translate("ReportsWindow", u"&Report", None))
        self.menuMarketing.setTitle(QCoreApplication.translate("ReportsWindow", u"&Marketing", None))
        self.reportsToolBar.setWindowTitle(QCoreApplication.translate("ReportsWindow", u"Report actions", None))
    # retranslateUi

