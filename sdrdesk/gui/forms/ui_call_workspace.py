# GENERATED from ui/call_workspace.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'call_workspace.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDateTimeEdit, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget, QPlainTextEdit, QPushButton, QRadioButton, QSizePolicy, QSpacerItem, QSplitter, QVBoxLayout, QWidget)

from sdrdesk.gui.widgets.script_view import ScriptView

class Ui_CallWorkspace(object):
    def setupUi(self, callWorkspace):
        if not callWorkspace.objectName():
            callWorkspace.setObjectName(u"callWorkspace")
        callWorkspace.resize(1120, 800)
        callWorkspace.setModal(True)
        self.workspaceLayout = QVBoxLayout(callWorkspace)
        self.workspaceLayout.setObjectName(u"workspaceLayout")
        self.workspaceMessage = QLabel(callWorkspace)
        self.workspaceMessage.setObjectName(u"workspaceMessage")
        self.workspaceMessage.setTextFormat(Qt.TextFormat.PlainText)
        self.workspaceMessage.setWordWrap(True)
        self.workspaceMessage.setVisible(False)

        self.workspaceLayout.addWidget(self.workspaceMessage)

        self.headerLayout = QGridLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.callLeadName = QLabel(callWorkspace)
        self.callLeadName.setObjectName(u"callLeadName")
        self.callLeadName.setWordWrap(True)

        self.headerLayout.addWidget(self.callLeadName, 0, 0, 1, 1)

        self.callTimer = QLabel(callWorkspace)
        self.callTimer.setObjectName(u"callTimer")
        self.callTimer.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.headerLayout.addWidget(self.callTimer, 0, 1, 1, 1)

        self.callLeadSubtitle = QLabel(callWorkspace)
        self.callLeadSubtitle.setObjectName(u"callLeadSubtitle")
        self.callLeadSubtitle.setWordWrap(True)

        self.headerLayout.addWidget(self.callLeadSubtitle, 1, 0, 1, 1)

        self.callLocalTime = QLabel(callWorkspace)
        self.callLocalTime.setObjectName(u"callLocalTime")
        self.callLocalTime.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.headerLayout.addWidget(self.callLocalTime, 1, 1, 1, 1)

        self.callPhoneLink = QLabel(callWorkspace)
        self.callPhoneLink.setObjectName(u"callPhoneLink")
        self.callPhoneLink.setTextFormat(Qt.TextFormat.RichText)
        self.callPhoneLink.setOpenExternalLinks(True)
        self.callPhoneLink.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        self.headerLayout.addWidget(self.callPhoneLink, 2, 0, 1, 1)

        self.callAttemptInfo = QLabel(callWorkspace)
        self.callAttemptInfo.setObjectName(u"callAttemptInfo")
        self.callAttemptInfo.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)

        self.headerLayout.addWidget(self.callAttemptInfo, 2, 1, 1, 1)


        self.workspaceLayout.addLayout(self.headerLayout)

        self.scriptNotice = QLabel(callWorkspace)
        self.scriptNotice.setObjectName(u"scriptNotice")
        self.scriptNotice.setWordWrap(True)

        self.workspaceLayout.addWidget(self.scriptNotice)

        self.workspaceSplitter = QSplitter(callWorkspace)
        self.workspaceSplitter.setObjectName(u"workspaceSplitter")
        self.workspaceSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.workspaceSplitter.setChildrenCollapsible(False)
        self.scriptView = ScriptView(self.workspaceSplitter)
        self.scriptView.setObjectName(u"scriptView")
        self.workspaceSplitter.addWidget(self.scriptView)
        self.sidePane = QWidget(self.workspaceSplitter)
        self.sidePane.setObjectName(u"sidePane")
        self.sideLayout = QVBoxLayout(self.sidePane)
        self.sideLayout.setObjectName(u"sideLayout")
        self.sideLayout.setContentsMargins(0, 0, 0, 0)
        self.notesLabel = QLabel(self.sidePane)
        self.notesLabel.setObjectName(u"notesLabel")

        self.sideLayout.addWidget(self.notesLabel)

        self.callNotes = QPlainTextEdit(self.sidePane)
        self.callNotes.setObjectName(u"callNotes")
        self.callNotes.setTabChangesFocus(True)

        self.sideLayout.addWidget(self.callNotes)

        self.scoreBox = QGroupBox(self.sidePane)
        self.scoreBox.setObjectName(u"scoreBox")
        self.scoreLayout = QVBoxLayout(self.scoreBox)
        self.scoreLayout.setObjectName(u"scoreLayout")
        self.gradeLabel = QLabel(self.scoreBox)
        self.gradeLabel.setObjectName(u"gradeLabel")

        self.scoreLayout.addWidget(self.gradeLabel)

        self.scoreLabel = QLabel(self.scoreBox)
        self.scoreLabel.setObjectName(u"scoreLabel")
        self.scoreLabel.setTextFormat(Qt.TextFormat.RichText)

        self.scoreLayout.addWidget(self.scoreLabel)

        self.recommendationLabel = QLabel(self.scoreBox)
        self.recommendationLabel.setObjectName(u"recommendationLabel")
        self.recommendationLabel.setWordWrap(True)

        self.scoreLayout.addWidget(self.recommendationLabel)


        self.sideLayout.addWidget(self.scoreBox)

        self.previousCalls = QLabel(self.sidePane)
        self.previousCalls.setObjectName(u"previousCalls")
        self.previousCalls.setWordWrap(True)
        self.previousCalls.setTextFormat(Qt.TextFormat.RichText)
        self.previousCalls.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.sideLayout.addWidget(self.previousCalls)

        self.workspaceSplitter.addWidget(self.sidePane)

        self.workspaceLayout.addWidget(self.workspaceSplitter)

        self.wrapUpBox = QGroupBox(callWorkspace)
        self.wrapUpBox.setObjectName(u"wrapUpBox")
        self.wrapUpLayout = QGridLayout(self.wrapUpBox)
        self.wrapUpLayout.setObjectName(u"wrapUpLayout")
        self.outcomeLabel = QLabel(self.wrapUpBox)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.wrapUpLayout.addWidget(self.outcomeLabel, 0, 0, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.outcomeList = QListWidget(self.wrapUpBox)
        self.outcomeList.setObjectName(u"outcomeList")
        self.outcomeList.setFlow(QListView.Flow.LeftToRight)
        self.outcomeList.setResizeMode(QListView.ResizeMode.Adjust)
        self.outcomeList.setSpacing(2)
        self.outcomeList.setMaximumSize(QSize(16777215, 64))

        self.wrapUpLayout.addWidget(self.outcomeList, 0, 1, 1, 3)

        self.callbackLabel = QLabel(self.wrapUpBox)
        self.callbackLabel.setObjectName(u"callbackLabel")

        self.wrapUpLayout.addWidget(self.callbackLabel, 1, 0, 1, 1)

        self.callbackAt = QDateTimeEdit(self.wrapUpBox)
        self.callbackAt.setObjectName(u"callbackAt")
        self.callbackAt.setCalendarPopup(True)

        self.wrapUpLayout.addWidget(self.callbackAt, 1, 1, 1, 1)

        self.callbackHint = QLabel(self.wrapUpBox)
        self.callbackHint.setObjectName(u"callbackHint")
        self.callbackHint.setTextFormat(Qt.TextFormat.PlainText)
        self.callbackHint.setWordWrap(True)

        self.wrapUpLayout.addWidget(self.callbackHint, 1, 2, 1, 2)

        self.decisionLater = QRadioButton(self.wrapUpBox)
        self.decisionLater.setObjectName(u"decisionLater")
        self.decisionLater.setChecked(True)

        self.wrapUpLayout.addWidget(self.decisionLater, 2, 0, 1, 1)

        self.decisionDemo = QRadioButton(self.wrapUpBox)
        self.decisionDemo.setObjectName(u"decisionDemo")

        self.wrapUpLayout.addWidget(self.decisionDemo, 2, 1, 1, 1)

        self.decisionNurture = QRadioButton(self.wrapUpBox)
        self.decisionNurture.setObjectName(u"decisionNurture")

        self.wrapUpLayout.addWidget(self.decisionNurture, 3, 0, 1, 1)

        self.recontactDate = QDateEdit(self.wrapUpBox)
        self.recontactDate.setObjectName(u"recontactDate")
        self.recontactDate.setCalendarPopup(True)

        self.wrapUpLayout.addWidget(self.recontactDate, 3, 1, 1, 1)

        self.decisionDisqualify = QRadioButton(self.wrapUpBox)
        self.decisionDisqualify.setObjectName(u"decisionDisqualify")

        self.wrapUpLayout.addWidget(self.decisionDisqualify, 4, 0, 1, 1)

        self.disqualifyReason = QComboBox(self.wrapUpBox)
        self.disqualifyReason.setObjectName(u"disqualifyReason")

        self.wrapUpLayout.addWidget(self.disqualifyReason, 4, 1, 1, 1)

        self.disqualifyComment = QLineEdit(self.wrapUpBox)
        self.disqualifyComment.setObjectName(u"disqualifyComment")

        self.wrapUpLayout.addWidget(self.disqualifyComment, 4, 2, 1, 2)

        self.overrideLabel = QLabel(self.wrapUpBox)
        self.overrideLabel.setObjectName(u"overrideLabel")

        self.wrapUpLayout.addWidget(self.overrideLabel, 5, 0, 1, 1)

        self.overrideReason = QLineEdit(self.wrapUpBox)
        self.overrideReason.setObjectName(u"overrideReason")

        self.wrapUpLayout.addWidget(self.overrideReason, 5, 1, 1, 3)


        self.workspaceLayout.addWidget(self.wrapUpBox)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.discardButton = QPushButton(callWorkspace)
        self.discardButton.setObjectName(u"discardButton")
        self.discardButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.discardButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.keysHint = QLabel(callWorkspace)
        self.keysHint.setObjectName(u"keysHint")

        self.buttonLayout.addWidget(self.keysHint)

        self.saveButton = QPushButton(callWorkspace)
        self.saveButton.setObjectName(u"saveButton")

        self.buttonLayout.addWidget(self.saveButton)


        self.workspaceLayout.addLayout(self.buttonLayout)

#if QT_CONFIG(shortcut)
        self.notesLabel.setBuddy(self.callNotes)
        self.outcomeLabel.setBuddy(self.outcomeList)
        self.callbackLabel.setBuddy(self.callbackAt)
        self.overrideLabel.setBuddy(self.overrideReason)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.callNotes, self.outcomeList)
        QWidget.setTabOrder(self.outcomeList, self.callbackAt)
        QWidget.setTabOrder(self.callbackAt, self.decisionLater)
        QWidget.setTabOrder(self.decisionLater, self.recontactDate)
        QWidget.setTabOrder(self.recontactDate, self.disqualifyReason)
        QWidget.setTabOrder(self.disqualifyReason, self.disqualifyComment)
        QWidget.setTabOrder(self.disqualifyComment, self.overrideReason)
        QWidget.setTabOrder(self.overrideReason, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.discardButton)

        self.retranslateUi(callWorkspace)

        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(callWorkspace)
    # setupUi

    def retranslateUi(self, callWorkspace):
        callWorkspace.setWindowTitle(QCoreApplication.translate("CallWorkspace", u"Call", None))
#if QT_CONFIG(accessibility)
        self.workspaceMessage.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.callTimer.setText(QCoreApplication.translate("CallWorkspace", u"00:00", None))
#if QT_CONFIG(accessibility)
        self.callTimer.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Call duration", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.callLocalTime.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"The lead's local time", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.callPhoneLink.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Phone number", None))
#endif // QT_CONFIG(accessibility)
        self.notesLabel.setText(QCoreApplication.translate("CallWorkspace", u"&Notes (kept with the call)", None))
#if QT_CONFIG(accessibility)
        self.callNotes.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Call notes", None))
#endif // QT_CONFIG(accessibility)
        self.callNotes.setPlaceholderText(QCoreApplication.translate("CallWorkspace", u"What they said, in their words\u2026", None))
        self.scoreBox.setTitle(QCoreApplication.translate("CallWorkspace", u"Score", None))
#if QT_CONFIG(accessibility)
        self.gradeLabel.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Grade", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.scoreLabel.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Scores", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.recommendationLabel.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Recommendation", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.previousCalls.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Previous calls", None))
#endif // QT_CONFIG(accessibility)
        self.wrapUpBox.setTitle(QCoreApplication.translate("CallWorkspace", u"End of call", None))
        self.outcomeLabel.setText(QCoreApplication.translate("CallWorkspace", u"&Outcome (Ctrl+1\u20139)", None))
#if QT_CONFIG(accessibility)
        self.outcomeList.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Call outcome", None))
#endif // QT_CONFIG(accessibility)
        self.callbackLabel.setText(QCoreApplication.translate("CallWorkspace", u"Call back &at", None))
#if QT_CONFIG(accessibility)
        self.callbackAt.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Callback time, the lead's local time", None))
#endif // QT_CONFIG(accessibility)
        self.callbackAt.setDisplayFormat(QCoreApplication.translate("CallWorkspace", u"ddd dd MMM yyyy, HH:mm", None))
        self.decisionLater.setText(QCoreApplication.translate("CallWorkspace", u"Decide &later (keep working)", None))
        self.decisionDemo.setText(QCoreApplication.translate("CallWorkspace", u"Book a d&emo", None))
        self.decisionNurture.setText(QCoreApplication.translate("CallWorkspace", u"N&urture until", None))
#if QT_CONFIG(accessibility)
        self.recontactDate.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Re-contact date", None))
#endif // QT_CONFIG(accessibility)
        self.recontactDate.setDisplayFormat(QCoreApplication.translate("CallWorkspace", u"ddd dd MMM yyyy", None))
        self.decisionDisqualify.setText(QCoreApplication.translate("CallWorkspace", u"Dis&qualify", None))
#if QT_CONFIG(accessibility)
        self.disqualifyReason.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Disqualify reason", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.disqualifyComment.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Comment for marketing", None))
#endif // QT_CONFIG(accessibility)
        self.disqualifyComment.setPlaceholderText(QCoreApplication.translate("CallWorkspace", u"Comment for marketing", None))
        self.overrideLabel.setText(QCoreApplication.translate("CallWorkspace", u"&Why not the recommendation?", None))
#if QT_CONFIG(accessibility)
        self.overrideReason.setAccessibleName(QCoreApplication.translate("CallWorkspace", u"Why not the recommendation", None))
#endif // QT_CONFIG(accessibility)
        self.overrideReason.setPlaceholderText(QCoreApplication.translate("CallWorkspace", u"Kept with the lead, for your manager and marketing", None))
        self.discardButton.setText(QCoreApplication.translate("CallWorkspace", u"D&iscard call\u2026", None))
        self.keysHint.setText(QCoreApplication.translate("CallWorkspace", u"Ctrl+1\u20139 outcome \u00b7 Ctrl+PgDown next section \u00b7 Ctrl+S save", None))
        self.saveButton.setText(QCoreApplication.translate("CallWorkspace", u"&Save call", None))
    # retranslateUi

