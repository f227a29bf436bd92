# GENERATED from ui/erase_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'erase_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget)

class Ui_EraseDialog(object):
    def setupUi(self, eraseDialog):
        if not eraseDialog.objectName():
            eraseDialog.setObjectName(u"eraseDialog")
        eraseDialog.setModal(True)
        self.eraseLayout = QFormLayout(eraseDialog)
        self.eraseLayout.setObjectName(u"eraseLayout")
        self.eraseIntro = QLabel(eraseDialog)
        self.eraseIntro.setObjectName(u"eraseIntro")
        self.eraseIntro.setWordWrap(True)

        self.eraseLayout.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.eraseIntro)

        self.eraseReasonLabel = QLabel(eraseDialog)
        self.eraseReasonLabel.setObjectName(u"eraseReasonLabel")

        self.eraseLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.eraseReasonLabel)

        self.eraseReason = QLineEdit(eraseDialog)
        self.eraseReason.setObjectName(u"eraseReason")

        self.eraseLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.eraseReason)

        self.eraseError = QLabel(eraseDialog)
        self.eraseError.setObjectName(u"eraseError")
        self.eraseError.setTextFormat(Qt.TextFormat.PlainText)
        self.eraseError.setWordWrap(True)

        self.eraseLayout.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.eraseError)

        self.eraseButtons = QDialogButtonBox(eraseDialog)
        self.eraseButtons.setObjectName(u"eraseButtons")

        self.eraseLayout.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.eraseButtons)

#if QT_CONFIG(shortcut)
        self.eraseReasonLabel.setBuddy(self.eraseReason)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.eraseReason, self.eraseButtons)

        self.retranslateUi(eraseDialog)

        QMetaObject.connectSlotsByName(eraseDialog)
    # setupUi

    def retranslateUi(self, eraseDialog):
        eraseDialog.setWindowTitle(QCoreApplication.translate("EraseDialog", u"Erase personal data", None))
#if QT_CONFIG(accessibility)
        self.eraseIntro.setAccessibleName(QCoreApplication.translate("EraseDialog", u"Whose data is erased", None))
#endif // QT_CONFIG(accessibility)
        self.eraseReasonLabel.setText(QCoreApplication.translate("EraseDialog", u"&Reason", None))
#if QT_CONFIG(accessibility)
        self.eraseReason.setAccessibleName(QCoreApplication.translate("EraseDialog", u"Reason for the erasure", None))
#endif // QT_CONFIG(accessibility)
        self.eraseReason.setPlaceholderText(QCoreApplication.translate("EraseDialog", u"e.g. the person's request by e-mail of 3 May", None))
#if QT_CONFIG(accessibility)
        self.eraseError.setAccessibleName(QCoreApplication.translate("EraseDialog", u"Why the erasure did not happen", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.eraseButtons.setAccessibleName(QCoreApplication.translate("EraseDialog", u"Erase or keep", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

