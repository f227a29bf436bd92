# GENERATED from ui/cancel_demo_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'cancel_demo_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFormLayout, QLabel)

class Ui_CancelDemoDialog(object):
    def setupUi(self, cancelDemoDialog):
        if not cancelDemoDialog.objectName():
            cancelDemoDialog.setObjectName(u"cancelDemoDialog")
        self.cancelDemoLayout = QFormLayout(cancelDemoDialog)
        self.cancelDemoLayout.setObjectName(u"cancelDemoLayout")
        self.cancelDemoIntro = QLabel(cancelDemoDialog)
        self.cancelDemoIntro.setObjectName(u"cancelDemoIntro")
        self.cancelDemoIntro.setWordWrap(True)

        self.cancelDemoLayout.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.cancelDemoIntro)

        self.cancelReasonLabel = QLabel(cancelDemoDialog)
        self.cancelReasonLabel.setObjectName(u"cancelReasonLabel")

        self.cancelDemoLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.cancelReasonLabel)

        self.cancelReason = QComboBox(cancelDemoDialog)
        self.cancelReason.setObjectName(u"cancelReason")
        self.cancelReason.setEditable(True)

        self.cancelDemoLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.cancelReason)

        self.cancelDemoError = QLabel(cancelDemoDialog)
        self.cancelDemoError.setObjectName(u"cancelDemoError")
        self.cancelDemoError.setTextFormat(Qt.TextFormat.PlainText)

        self.cancelDemoLayout.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.cancelDemoError)

        self.cancelDemoButtons = QDialogButtonBox(cancelDemoDialog)
        self.cancelDemoButtons.setObjectName(u"cancelDemoButtons")

        self.cancelDemoLayout.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.cancelDemoButtons)

#if QT_CONFIG(shortcut)
        self.cancelReasonLabel.setBuddy(self.cancelReason)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(cancelDemoDialog)

        QMetaObject.connectSlotsByName(cancelDemoDialog)
    # setupUi

    def retranslateUi(self, cancelDemoDialog):
        cancelDemoDialog.setWindowTitle(QCoreApplication.translate("CancelDemoDialog", u"Cancel the demo", None))
        self.cancelReasonLabel.setText(QCoreApplication.translate("CancelDemoDialog", u"&Reason", None))
#if QT_CONFIG(accessibility)
        self.cancelReason.setAccessibleName(QCoreApplication.translate("CancelDemoDialog", u"Reason for cancelling", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

