# GENERATED from ui/deactivate_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'deactivate_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFormLayout, QLabel, QWidget)

class Ui_DeactivateDialog(object):
    def setupUi(self, deactivateDialog):
        if not deactivateDialog.objectName():
            deactivateDialog.setObjectName(u"deactivateDialog")
        deactivateDialog.setModal(True)
        self.deactivateLayout = QFormLayout(deactivateDialog)
        self.deactivateLayout.setObjectName(u"deactivateLayout")
        self.deactivateIntro = QLabel(deactivateDialog)
        self.deactivateIntro.setObjectName(u"deactivateIntro")
        self.deactivateIntro.setWordWrap(True)

        self.deactivateLayout.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.deactivateIntro)

        self.deactivateTargetLabel = QLabel(deactivateDialog)
        self.deactivateTargetLabel.setObjectName(u"deactivateTargetLabel")

        self.deactivateLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.deactivateTargetLabel)

        self.deactivateTarget = QComboBox(deactivateDialog)
        self.deactivateTarget.setObjectName(u"deactivateTarget")

        self.deactivateLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.deactivateTarget)

        self.deactivateButtons = QDialogButtonBox(deactivateDialog)
        self.deactivateButtons.setObjectName(u"deactivateButtons")

        self.deactivateLayout.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.deactivateButtons)

#if QT_CONFIG(shortcut)
        self.deactivateTargetLabel.setBuddy(self.deactivateTarget)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.deactivateTarget, self.deactivateButtons)

        self.retranslateUi(deactivateDialog)

        QMetaObject.connectSlotsByName(deactivateDialog)
    # setupUi

    def retranslateUi(self, deactivateDialog):
        deactivateDialog.setWindowTitle(QCoreApplication.translate("DeactivateDialog", u"Deactivate a user", None))
#if QT_CONFIG(accessibility)
        self.deactivateIntro.setAccessibleName(QCoreApplication.translate("DeactivateDialog", u"Who is deactivated", None))
#endif // QT_CONFIG(accessibility)
        self.deactivateTargetLabel.setText(QCoreApplication.translate("DeactivateDialog", u"Their open leads &go to", None))
#if QT_CONFIG(accessibility)
        self.deactivateTarget.setAccessibleName(QCoreApplication.translate("DeactivateDialog", u"Where their open leads go", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.deactivateButtons.setAccessibleName(QCoreApplication.translate("DeactivateDialog", u"Deactivate or keep", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

