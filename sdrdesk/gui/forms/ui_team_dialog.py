# GENERATED from ui/team_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'team_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QTreeWidget, QVBoxLayout, QWidget)

class Ui_TeamDialog(object):
    def setupUi(self, teamDialog):
        if not teamDialog.objectName():
            teamDialog.setObjectName(u"teamDialog")
        teamDialog.resize(780, 480)
        teamDialog.setModal(True)
        self.teamLayout = QVBoxLayout(teamDialog)
        self.teamLayout.setObjectName(u"teamLayout")
        self.teamListLabel = QLabel(teamDialog)
        self.teamListLabel.setObjectName(u"teamListLabel")
        self.teamListLabel.setWordWrap(True)

        self.teamLayout.addWidget(self.teamListLabel)

        self.teamList = QTreeWidget(teamDialog)
        self.teamList.setObjectName(u"teamList")
        self.teamList.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.teamList.setAlternatingRowColors(True)
        self.teamList.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.teamList.setRootIsDecorated(False)
        self.teamList.setUniformRowHeights(True)
        self.teamList.setItemsExpandable(False)
        self.teamList.setAllColumnsShowFocus(True)

        self.teamLayout.addWidget(self.teamList)

        self.teamEditBox = QGroupBox(teamDialog)
        self.teamEditBox.setObjectName(u"teamEditBox")
        self.teamEditForm = QFormLayout(self.teamEditBox)
        self.teamEditForm.setObjectName(u"teamEditForm")
        self.teamFullNameLabel = QLabel(self.teamEditBox)
        self.teamFullNameLabel.setObjectName(u"teamFullNameLabel")

        self.teamEditForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.teamFullNameLabel)

        self.teamFullName = QLineEdit(self.teamEditBox)
        self.teamFullName.setObjectName(u"teamFullName")

        self.teamEditForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.teamFullName)

        self.teamEmailLabel = QLabel(self.teamEditBox)
        self.teamEmailLabel.setObjectName(u"teamEmailLabel")

        self.teamEditForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.teamEmailLabel)

        self.teamEmail = QLineEdit(self.teamEditBox)
        self.teamEmail.setObjectName(u"teamEmail")

        self.teamEditForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.teamEmail)

        self.teamTimeZoneLabel = QLabel(self.teamEditBox)
        self.teamTimeZoneLabel.setObjectName(u"teamTimeZoneLabel")

        self.teamEditForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.teamTimeZoneLabel)

        self.teamTimeZone = QLineEdit(self.teamEditBox)
        self.teamTimeZone.setObjectName(u"teamTimeZone")

        self.teamEditForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.teamTimeZone)

        self.teamRoleLabel = QLabel(self.teamEditBox)
        self.teamRoleLabel.setObjectName(u"teamRoleLabel")

        self.teamEditForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.teamRoleLabel)

        self.teamRole = QComboBox(self.teamEditBox)
        self.teamRole.setObjectName(u"teamRole")

        self.teamEditForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.teamRole)


        self.teamLayout.addWidget(self.teamEditBox)

        self.teamMessage = QLabel(teamDialog)
        self.teamMessage.setObjectName(u"teamMessage")
        self.teamMessage.setTextFormat(Qt.TextFormat.PlainText)
        self.teamMessage.setWordWrap(True)

        self.teamLayout.addWidget(self.teamMessage)

        self.teamButtonRow = QHBoxLayout()
        self.teamButtonRow.setObjectName(u"teamButtonRow")
        self.teamSave = QPushButton(teamDialog)
        self.teamSave.setObjectName(u"teamSave")
        self.teamSave.setAutoDefault(False)

        self.teamButtonRow.addWidget(self.teamSave)

        self.teamDeactivate = QPushButton(teamDialog)
        self.teamDeactivate.setObjectName(u"teamDeactivate")
        self.teamDeactivate.setAutoDefault(False)

        self.teamButtonRow.addWidget(self.teamDeactivate)

        self.teamReactivate = QPushButton(teamDialog)
        self.teamReactivate.setObjectName(u"teamReactivate")
        self.teamReactivate.setAutoDefault(False)

        self.teamButtonRow.addWidget(self.teamReactivate)

        self.teamButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.teamButtonRow.addItem(self.teamButtonSpacer)

        self.teamButtons = QDialogButtonBox(teamDialog)
        self.teamButtons.setObjectName(u"teamButtons")
        self.teamButtons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.teamButtonRow.addWidget(self.teamButtons)


        self.teamLayout.addLayout(self.teamButtonRow)

#if QT_CONFIG(shortcut)
        self.teamListLabel.setBuddy(self.teamList)
        self.teamFullNameLabel.setBuddy(self.teamFullName)
        self.teamEmailLabel.setBuddy(self.teamEmail)
        self.teamTimeZoneLabel.setBuddy(self.teamTimeZone)
        self.teamRoleLabel.setBuddy(self.teamRole)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.teamList, self.teamFullName)
        QWidget.setTabOrder(self.teamFullName, self.teamEmail)
        QWidget.setTabOrder(self.teamEmail, self.teamTimeZone)
        QWidget.setTabOrder(self.teamTimeZone, self.teamRole)
        QWidget.setTabOrder(self.teamRole, self.teamSave)
        QWidget.setTabOrder(self.teamSave, self.teamDeactivate)
        QWidget.setTabOrder(self.teamDeactivate, self.teamReactivate)
        QWidget.setTabOrder(self.teamReactivate, self.teamButtons)

        self.retranslateUi(teamDialog)

        QMetaObject.connectSlotsByName(teamDialog)
    # setupUi

    def retranslateUi(self, teamDialog):
        teamDialog.setWindowTitle(QCoreApplication.translate("TeamDialog", u"Team", None))
        self.teamListLabel.setText(QCoreApplication.translate("TeamDialog", u"&Everyone who works in sdrdesk (Enter edits the selected person, Delete deactivates them)", None))
        ___qtreewidgetitem = self.teamList.headerItem()
        ___qtreewidgetitem.setText(5, QCoreApplication.translate("TeamDialog", u"Status", None))
        ___qtreewidgetitem.setText(4, QCoreApplication.translate("TeamDialog", u"Time zone", None))
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("TeamDialog", u"E-mail", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("TeamDialog", u"Role", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("TeamDialog", u"Full name", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("TeamDialog", u"User", None))
#if QT_CONFIG(accessibility)
        self.teamList.setAccessibleName(QCoreApplication.translate("TeamDialog", u"Team members", None))
#endif // QT_CONFIG(accessibility)
        self.teamEditBox.setTitle(QCoreApplication.translate("TeamDialog", u"Selected person", None))
#if QT_CONFIG(accessibility)
        self.teamEditBox.setAccessibleName(QCoreApplication.translate("TeamDialog", u"The selected person", None))
#endif // QT_CONFIG(accessibility)
        self.teamFullNameLabel.setText(QCoreApplication.translate("TeamDialog", u"F&ull name", None))
#if QT_CONFIG(accessibility)
        self.teamFullName.setAccessibleName(QCoreApplication.translate("TeamDialog", u"Full name", None))
#endif // QT_CONFIG(accessibility)
        self.teamEmailLabel.setText(QCoreApplication.translate("TeamDialog", u"E-&mail", None))
#if QT_CONFIG(accessibility)
        self.teamEmail.setAccessibleName(QCoreApplication.translate("TeamDialog", u"E-mail address", None))
#endif // QT_CONFIG(accessibility)
        self.teamEmail.setPlaceholderText(QCoreApplication.translate("TeamDialog", u"e.g. anna@example.com (empty: none)", None))
        self.teamTimeZoneLabel.setText(QCoreApplication.translate("TeamDialog", u"Time &zone", None))
#if QT_CONFIG(accessibility)
        self.teamTimeZone.setAccessibleName(QCoreApplication.translate("TeamDialog", u"Time zone", None))
#endif // QT_CONFIG(accessibility)
        self.teamTimeZone.setPlaceholderText(QCoreApplication.translate("TeamDialog", u"e.g. Europe/Berlin (empty: none)", None))
        self.teamRoleLabel.setText(QCoreApplication.translate("TeamDialog", u"R&ole", None))
#if QT_CONFIG(accessibility)
        self.teamRole.setAccessibleName(QCoreApplication.translate("TeamDialog", u"Role", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.teamMessage.setAccessibleName(QCoreApplication.translate("TeamDialog", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.teamSave.setText(QCoreApplication.translate("TeamDialog", u"&Save changes", None))
#if QT_CONFIG(accessibility)
        self.teamSave.setAccessibleName(QCoreApplication.translate("TeamDialog", u"Save the changes to the selected person", None))
#endif // QT_CONFIG(accessibility)
        self.teamDeactivate.setText(QCoreApplication.translate("TeamDialog", u"&Deactivate\u2026", None))
#if QT_CONFIG(accessibility)
        self.teamDeactivate.setAccessibleName(QCoreApplication.translate("TeamDialog", u"Deactivate the selected person", None))
#endif // QT_CONFIG(accessibility)
        self.teamReactivate.setText(QCoreApplication.translate("TeamDialog", u"Rea&ctivate", None))
#if QT_CONFIG(accessibility)
        self.teamReactivate.setAccessibleName(QCoreApplication.translate("TeamDialog", u"Reactivate the selected person", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.teamButtons.setAccessibleName(QCoreApplication.translate("TeamDialog", u"Close the team", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

