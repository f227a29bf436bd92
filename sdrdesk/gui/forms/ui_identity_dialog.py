# GENERATED from ui/identity_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'identity_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget)

class Ui_IdentityDialog(object):
    def setupUi(self, identityDialog):
        if not identityDialog.objectName():
            identityDialog.setObjectName(u"identityDialog")
        self.identityLayout = QFormLayout(identityDialog)
        self.identityLayout.setObjectName(u"identityLayout")
        self.identityIntro = QLabel(identityDialog)
        self.identityIntro.setObjectName(u"identityIntro")

        self.identityLayout.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.identityIntro)

        self.identityNameLabel = QLabel(identityDialog)
        self.identityNameLabel.setObjectName(u"identityNameLabel")

        self.identityLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.identityNameLabel)

        self.identityName = QLineEdit(identityDialog)
        self.identityName.setObjectName(u"identityName")

        self.identityLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.identityName)

        self.identityDisplayNameLabel = QLabel(identityDialog)
        self.identityDisplayNameLabel.setObjectName(u"identityDisplayNameLabel")

        self.identityLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.identityDisplayNameLabel)

        self.identityDisplayName = QLineEdit(identityDialog)
        self.identityDisplayName.setObjectName(u"identityDisplayName")

        self.identityLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.identityDisplayName)

        self.identityError = QLabel(identityDialog)
        self.identityError.setObjectName(u"identityError")
        self.identityError.setTextFormat(Qt.TextFormat.PlainText)
        self.identityError.setWordWrap(True)

        self.identityLayout.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.identityError)

        self.identityButtons = QDialogButtonBox(identityDialog)
        self.identityButtons.setObjectName(u"identityButtons")
        self.identityButtons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.identityLayout.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.identityButtons)

#if QT_CONFIG(shortcut)
        self.identityNameLabel.setBuddy(self.identityName)
        self.identityDisplayNameLabel.setBuddy(self.identityDisplayName)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.identityName, self.identityDisplayName)

        self.retranslateUi(identityDialog)

        QMetaObject.connectSlotsByName(identityDialog)
    # setupUi

    def retranslateUi(self, identityDialog):
        identityDialog.setWindowTitle(QCoreApplication.translate("IdentityDialog", u"Who is working?", None))
        self.identityIntro.setText(QCoreApplication.translate("IdentityDialog", u"sdrdesk records who accepted, rejected and called each lead.\n"
"Use the same user name your team uses for you.", None))
        self.identityNameLabel.setText(QCoreApplication.translate("IdentityDialog", u"&User name", None))
        self.identityName.setPlaceholderText(QCoreApplication.translate("IdentityDialog", u"e.g. anna", None))
        self.identityDisplayNameLabel.setText(QCoreApplication.translate("IdentityDialog", u"&Full name", None))
        self.identityDisplayName.setPlaceholderText(QCoreApplication.translate("IdentityDialog", u"e.g. Anna Schmidt", None))
    # retranslateUi

