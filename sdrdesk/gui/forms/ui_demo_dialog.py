# GENERATED from ui/demo_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'demo_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateTimeEdit, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QVBoxLayout, QWidget)

class Ui_DemoDialog(object):
    def setupUi(self, DemoDialog):
        if not DemoDialog.objectName():
            DemoDialog.setObjectName(u"DemoDialog")
        DemoDialog.resize(560, 620)
        self.demoLayout = QVBoxLayout(DemoDialog)
        self.demoLayout.setObjectName(u"demoLayout")
        self.demoLeadLabel = QLabel(DemoDialog)
        self.demoLeadLabel.setObjectName(u"demoLeadLabel")
        self.demoLeadLabel.setWordWrap(True)

        self.demoLayout.addWidget(self.demoLeadLabel)

        self.demoForm = QFormLayout()
        self.demoForm.setObjectName(u"demoForm")
        self.aeCaption = QLabel(DemoDialog)
        self.aeCaption.setObjectName(u"aeCaption")

        self.demoForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.aeCaption)

        self.aeList = QListWidget(DemoDialog)
        self.aeList.setObjectName(u"aeList")
        self.aeList.setMaximumSize(QSize(16777215, 110))

        self.demoForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.aeList)

        self.whenCaption = QLabel(DemoDialog)
        self.whenCaption.setObjectName(u"whenCaption")

        self.demoForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.whenCaption)

        self.whenLayout = QHBoxLayout()
        self.whenLayout.setObjectName(u"whenLayout")
        self.demoDateTime = QDateTimeEdit(DemoDialog)
        self.demoDateTime.setObjectName(u"demoDateTime")
        self.demoDateTime.setCalendarPopup(True)

        self.whenLayout.addWidget(self.demoDateTime)

        self.durationBox = QComboBox(DemoDialog)
        self.durationBox.setObjectName(u"durationBox")

        self.whenLayout.addWidget(self.durationBox)


        self.demoForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.whenLayout)

        self.leadTimeLabel = QLabel(DemoDialog)
        self.leadTimeLabel.setObjectName(u"leadTimeLabel")
        self.leadTimeLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.leadTimeLabel.setWordWrap(True)

        self.demoForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.leadTimeLabel)

        self.locationCaption = QLabel(DemoDialog)
        self.locationCaption.setObjectName(u"locationCaption")

        self.demoForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.locationCaption)

        self.locationEdit = QLineEdit(DemoDialog)
        self.locationEdit.setObjectName(u"locationEdit")

        self.demoForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.locationEdit)

        self.noteCaption = QLabel(DemoDialog)
        self.noteCaption.setObjectName(u"noteCaption")

        self.demoForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.noteCaption)

        self.noteEdit = QPlainTextEdit(DemoDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setMaximumSize(QSize(16777215, 90))
        self.noteEdit.setTabChangesFocus(True)

        self.demoForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.noteEdit)

        self.sdrEmailCaption = QLabel(DemoDialog)
        self.sdrEmailCaption.setObjectName(u"sdrEmailCaption")

        self.demoForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.sdrEmailCaption)

        self.sdrEmailEdit = QLineEdit(DemoDialog)
        self.sdrEmailEdit.setObjectName(u"sdrEmailEdit")

        self.demoForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.sdrEmailEdit)

        self.aeEmailCaption = QLabel(DemoDialog)
        self.aeEmailCaption.setObjectName(u"aeEmailCaption")

        self.demoForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.aeEmailCaption)

        self.aeEmailEdit = QLineEdit(DemoDialog)
        self.aeEmailEdit.setObjectName(u"aeEmailEdit")

        self.demoForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.aeEmailEdit)

        self.leadEmailCaption = QLabel(DemoDialog)
        self.leadEmailCaption.setObjectName(u"leadEmailCaption")

        self.demoForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.leadEmailCaption)

        self.leadEmailEdit = QLineEdit(DemoDialog)
        self.leadEmailEdit.setObjectName(u"leadEmailEdit")

        self.demoForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.leadEmailEdit)

        self.handoverCheck = QCheckBox(DemoDialog)
        self.handoverCheck.setObjectName(u"handoverCheck")
        self.handoverCheck.setChecked(True)

        self.demoForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.handoverCheck)

        self.handoverLabel = QLabel(DemoDialog)
        self.handoverLabel.setObjectName(u"handoverLabel")
        self.handoverLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.handoverLabel.setWordWrap(True)

        self.demoForm.setWidget(9, QFormLayout.ItemRole.FieldRole, self.handoverLabel)


        self.demoLayout.addLayout(self.demoForm)

        self.warningLabel = QLabel(DemoDialog)
        self.warningLabel.setObjectName(u"warningLabel")
        self.warningLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.warningLabel.setWordWrap(True)

        self.demoLayout.addWidget(self.warningLabel)

        self.errorLabel = QLabel(DemoDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.errorLabel.setWordWrap(True)

        self.demoLayout.addWidget(self.errorLabel)

        self.demoButtons = QDialogButtonBox(DemoDialog)
        self.demoButtons.setObjectName(u"demoButtons")
        self.demoButtons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.demoLayout.addWidget(self.demoButtons)

#if QT_CONFIG(shortcut)
        self.aeCaption.setBuddy(self.aeList)
        self.whenCaption.setBuddy(self.demoDateTime)
        self.locationCaption.setBuddy(self.locationEdit)
        self.noteCaption.setBuddy(self.noteEdit)
        self.sdrEmailCaption.setBuddy(self.sdrEmailEdit)
        self.aeEmailCaption.setBuddy(self.aeEmailEdit)
        self.leadEmailCaption.setBuddy(self.leadEmailEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.aeList, self.demoDateTime)
        QWidget.setTabOrder(self.demoDateTime, self.durationBox)
        QWidget.setTabOrder(self.durationBox, self.locationEdit)
        QWidget.setTabOrder(self.locationEdit, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.sdrEmailEdit)
        QWidget.setTabOrder(self.sdrEmailEdit, self.aeEmailEdit)
        QWidget.setTabOrder(self.aeEmailEdit, self.leadEmailEdit)
        QWidget.setTabOrder(self.leadEmailEdit, self.handoverCheck)

        self.retranslateUi(DemoDialog)

        QMetaObject.connectSlotsByName(DemoDialog)
    # setupUi

    def retranslateUi(self, DemoDialog):
        DemoDialog.setWindowTitle(QCoreApplication.translate("DemoDialog", u"Book a demo", None))
#if QT_CONFIG(accessibility)
        DemoDialog.setAccessibleName(QCoreApplication.translate("DemoDialog", u"Book a demo with an account executive", None))
#endif // QT_CONFIG(accessibility)
        self.demoLeadLabel.setText(QCoreApplication.translate("DemoDialog", u"Book a demo", None))
        self.aeCaption.setText(QCoreApplication.translate("DemoDialog", u"Account &executive", None))
#if QT_CONFIG(accessibility)
        self.aeList.setAccessibleName(QCoreApplication.translate("DemoDialog", u"Account executive", None))
#endif // QT_CONFIG(accessibility)
        self.whenCaption.setText(QCoreApplication.translate("DemoDialog", u"&When", None))
        self.demoDateTime.setDisplayFormat(QCoreApplication.translate("DemoDialog", u"ddd dd MMM yyyy  HH:mm", None))
#if QT_CONFIG(accessibility)
        self.demoDateTime.setAccessibleName(QCoreApplication.translate("DemoDialog", u"Date and time of the demo, in your time zone", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.durationBox.setAccessibleName(QCoreApplication.translate("DemoDialog", u"Duration", None))
#endif // QT_CONFIG(accessibility)
        self.leadTimeLabel.setText("")
        self.locationCaption.setText(QCoreApplication.translate("DemoDialog", u"Meeting &link or place", None))
        self.locationEdit.setPlaceholderText(QCoreApplication.translate("DemoDialog", u"https://\u2026 or an address", None))
#if QT_CONFIG(accessibility)
        self.locationEdit.setAccessibleName(QCoreApplication.translate("DemoDialog", u"Meeting link or place", None))
#endif // QT_CONFIG(accessibility)
        self.noteCaption.setText(QCoreApplication.translate("DemoDialog", u"&Note for the AE", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("DemoDialog", u"What the AE should know or show first", None))
#if QT_CONFIG(accessibility)
        self.noteEdit.setAccessibleName(QCoreApplication.translate("DemoDialog", u"Note for the account executive", None))
#endif // QT_CONFIG(accessibility)
        self.sdrEmailCaption.setText(QCoreApplication.translate("DemoDialog", u"Your e-&mail", None))
        self.sdrEmailEdit.setPlaceholderText(QCoreApplication.translate("DemoDialog", u"The invite is sent in your name (asked once)", None))
#if QT_CONFIG(accessibility)
        self.sdrEmailEdit.setAccessibleName(QCoreApplication.translate("DemoDialog", u"Your e-mail address", None))
#endif // QT_CONFIG(accessibility)
        self.aeEmailCaption.setText(QCoreApplication.translate("DemoDialog", u"AE's e-mai&l", None))
#if QT_CONFIG(accessibility)
        self.aeEmailEdit.setAccessibleName(QCoreApplication.translate("DemoDialog", u"The account executive's e-mail address", None))
#endif // QT_CONFIG(accessibility)
        self.leadEmailCaption.setText(QCoreApplication.translate("DemoDialog", u"Lead's e-ma&il", None))
#if QT_CONFIG(accessibility)
        self.leadEmailEdit.setAccessibleName(QCoreApplication.translate("DemoDialog", u"The lead's e-mail address", None))
#endif // QT_CONFIG(accessibility)
        self.handoverCheck.setText(QCoreApplication.translate("DemoDialog", u"Put the &hand-over in the invite", None))
        self.handoverLabel.setText("")
        self.warningLabel.setText("")
#if QT_CONFIG(accessibility)
        self.warningLabel.setAccessibleName(QCoreApplication.translate("DemoDialog", u"Warnings", None))
#endif // QT_CONFIG(accessibility)
        self.errorLabel.setText("")
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(QCoreApplication.translate("DemoDialog", u"Error", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

