# GENERATED from ui/main_window.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QMenu, QMenuBar, QPushButton, QScrollArea, QSizePolicy, QSpacerItem, QSplitter, QStackedWidget, QStatusBar, QTableView, QToolBar, QToolButton, QVBoxLayout, QWidget)

from sdrdesk.gui.widgets.lead_panel import LeadPanel

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 780)
        self.centralWidget = QWidget(MainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.centralLayout = QVBoxLayout(self.centralWidget)
        self.centralLayout.setSpacing(4)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(6, 6, 6, 0)
        self.banner = QFrame(self.centralWidget)
        self.banner.setObjectName(u"banner")
        self.banner.setVisible(False)
        self.bannerLayout = QHBoxLayout(self.banner)
        self.bannerLayout.setObjectName(u"bannerLayout")
        self.bannerLayout.setContentsMargins(8, 4, 4, 4)
        self.bannerLabel = QLabel(self.banner)
        self.bannerLabel.setObjectName(u"bannerLabel")
        self.bannerLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.bannerLabel.setWordWrap(True)
        self.bannerLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.bannerLayout.addWidget(self.bannerLabel)

        self.bannerClose = QToolButton(self.banner)
        self.bannerClose.setObjectName(u"bannerClose")
        self.bannerClose.setAutoRaise(True)

        self.bannerLayout.addWidget(self.bannerClose)


        self.centralLayout.addWidget(self.banner)

        self.mainStack = QStackedWidget(self.centralWidget)
        self.mainStack.setObjectName(u"mainStack")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyTopSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyTopSpacer)

        self.emptyTitle = QLabel(self.emptyPage)
        self.emptyTitle.setObjectName(u"emptyTitle")
        self.emptyTitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyTitle.setWordWrap(True)

        self.emptyLayout.addWidget(self.emptyTitle)

        self.emptyButtons = QHBoxLayout()
        self.emptyButtons.setObjectName(u"emptyButtons")
        self.emptyLeftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.emptyButtons.addItem(self.emptyLeftSpacer)

        self.importButton = QPushButton(self.emptyPage)
        self.importButton.setObjectName(u"importButton")

        self.emptyButtons.addWidget(self.importButton)

        self.loadSampleButton = QPushButton(self.emptyPage)
        self.loadSampleButton.setObjectName(u"loadSampleButton")

        self.emptyButtons.addWidget(self.loadSampleButton)

        self.emptyRightSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.emptyButtons.addItem(self.emptyRightSpacer)


        self.emptyLayout.addLayout(self.emptyButtons)

        self.emptyBottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyBottomSpacer)

        self.mainStack.addWidget(self.emptyPage)
        self.workPage = QWidget()
        self.workPage.setObjectName(u"workPage")
        self.workLayout = QVBoxLayout(self.workPage)
        self.workLayout.setObjectName(u"workLayout")
        self.workLayout.setContentsMargins(0, 0, 0, 0)
        self.mainSplitter = QSplitter(self.workPage)
        self.mainSplitter.setObjectName(u"mainSplitter")
        self.mainSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.mainSplitter.setChildrenCollapsible(False)
        self.queuePane = QWidget(self.mainSplitter)
        self.queuePane.setObjectName(u"queuePane")
        self.queueLayout = QVBoxLayout(self.queuePane)
        self.queueLayout.setObjectName(u"queueLayout")
        self.queueLayout.setContentsMargins(0, 0, 0, 0)
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.queueFilter = QLineEdit(self.queuePane)
        self.queueFilter.setObjectName(u"queueFilter")
        self.queueFilter.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.queueFilter)

        self.viewFilter = QComboBox(self.queuePane)
        self.viewFilter.setObjectName(u"viewFilter")

        self.filterLayout.addWidget(self.viewFilter)

        self.sourceFilter = QComboBox(self.queuePane)
        self.sourceFilter.setObjectName(u"sourceFilter")

        self.filterLayout.addWidget(self.sourceFilter)

        self.productFilter = QComboBox(self.queuePane)
        self.productFilter.setObjectName(u"productFilter")

        self.filterLayout.addWidget(self.productFilter)


        self.queueLayout.addLayout(self.filterLayout)

        self.queueView = QTableView(self.queuePane)
        self.queueView.setObjectName(u"queueView")
        self.queueView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queueView.setAlternatingRowColors(True)
        self.queueView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queueView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queueView.setSortingEnabled(True)
        self.queueView.setWordWrap(False)
        self.queueView.horizontalHeader().setHighlightSections(False)
        self.queueView.verticalHeader().setVisible(False)

        self.queueLayout.addWidget(self.queueView)

        self.mainSplitter.addWidget(self.queuePane)
        self.leadScroll = QScrollArea(self.mainSplitter)
        self.leadScroll.setObjectName(u"leadScroll")
        self.leadScroll.setWidgetResizable(True)
        self.leadScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.leadPanel = LeadPanel()
        self.leadPanel.setObjectName(u"leadPanel")
        self.leadScroll.setWidget(self.leadPanel)
        self.mainSplitter.addWidget(self.leadScroll)

        self.workLayout.addWidget(self.mainSplitter)

        self.mainStack.addWidget(self.workPage)

        self.centralLayout.addWidget(self.mainStack)

        MainWindow.setCentralWidget(self.centralWidget)
        self.menuBar = QMenuBar(MainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.menuFile = QMenu(self.menuBar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuLead = QMenu(self.menuBar)
        self.menuLead.setObjectName(u"menuLead")
        self.menuView = QMenu(self.menuBar)
        self.menuView.setObjectName(u"menuView")
        self.menuMarketing = QMenu(self.menuBar)
        self.menuMarketing.setObjectName(u"menuMarketing")
        self.menuHelp = QMenu(self.menuBar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menuBar)
        self.mainToolBar = QToolBar(MainWindow)
        self.mainToolBar.setObjectName(u"mainToolBar")
        self.mainToolBar.setMovable(False)
        self.mainToolBar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        MainWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.mainToolBar)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)

        self.menuBar.addAction(self.menuFile.menuAction())
        self.menuBar.addAction(self.menuLead.menuAction())
        self.menuBar.addAction(self.menuView.menuAction())
        self.menuBar.addAction(self.menuMarketing.menuAction())
        self.menuBar.addAction(self.menuHelp.menuAction())

        self.retranslateUi(MainWindow)

        self.mainStack.setCurrentIndex(1)


        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"sdrdesk", None))
#if QT_CONFIG(accessibility)
        self.banner.setAccessibleName(QCoreApplication.translate("MainWindow", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.bannerClose.setText(QCoreApplication.translate("MainWindow", u"\u2715", None))
#if QT_CONFIG(tooltip)
        self.bannerClose.setToolTip(QCoreApplication.translate("MainWindow", u"Dismiss this message", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.bannerClose.setAccessibleName(QCoreApplication.translate("MainWindow", u"Dismiss message", None))
#endif // QT_CONFIG(accessibility)
        self.emptyTitle.setText(QCoreApplication.translate("MainWindow", u"<h2>Your queue is empty</h2><p>Import the leads marketing handed over (or drop their file on this window), or load sample leads to try sdrdesk.</p>", None))
        self.importButton.setText(QCoreApplication.translate("MainWindow", u"&Import leads\u2026", None))
#if QT_CONFIG(accessibility)
        self.importButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Import leads from a CSV file or spreadsheet", None))
#endif // QT_CONFIG(accessibility)
        self.loadSampleButton.setText(QCoreApplication.translate("MainWindow", u"Load &sample leads", None))
#if QT_CONFIG(accessibility)
        self.loadSampleButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Load sample leads", None))
#endif // QT_CONFIG(accessibility)
        self.queueFilter.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Search name, company or e-mail  ( / )", None))
#if QT_CONFIG(accessibility)
        self.queueFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Search the queue", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.viewFilter.setToolTip(QCoreApplication.translate("MainWindow", u"Which leads to show", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.viewFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Queue view", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.sourceFilter.setToolTip(QCoreApplication.translate("MainWindow", u"Only leads from this source", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.sourceFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Source filter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.productFilter.setToolTip(QCoreApplication.translate("MainWindow", u"Only leads of this product", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.productFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Product filter", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.queueView.setAccessibleName(QCoreApplication.translate("MainWindow", u"Lead queue", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.leadPanel.setAccessibleName(QCoreApplication.translate("MainWindow", u"Selected lead", None))
#endif // QT_CONFIG(accessibility)
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuLead.setTitle(QCoreApplication.translate("MainWindow", u"&Lead", None))
        self.menuView.setTitle(QCoreApplication.translate("MainWindow", u"&View", None))
        self.menuMarketing.setTitle(QCoreApplication.translate("MainWindow", u"&Marketing", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
        self.mainToolBar.setWindowTitle(QCoreApplication.translate("MainWindow", u"Lead actions", None))
    # retranslateUi

