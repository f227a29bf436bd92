# GENERATED from ui/reject_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reject_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)
from PySide6.QtWidgets import (QDialogButtonBox, QLabel, QListWidget, QPlainTextEdit, QVBoxLayout, QWidget)

class Ui_RejectDialog(object):
    def setupUi(self, rejectDialog):
        if not rejectDialog.objectName():
            rejectDialog.setObjectName(u"rejectDialog")
        rejectDialog.resize(520, 480)
        rejectDialog.setModal(True)
        self.rejectLayout = QVBoxLayout(rejectDialog)
        self.rejectLayout.setObjectName(u"rejectLayout")
        self.rejectLeadLabel = QLabel(rejectDialog)
        self.rejectLeadLabel.setObjectName(u"rejectLeadLabel")
        self.rejectLeadLabel.setWordWrap(True)

        self.rejectLayout.addWidget(self.rejectLeadLabel)

        self.reasonLabel = QLabel(rejectDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.rejectLayout.addWidget(self.reasonLabel)

        self.reasonList = QListWidget(rejectDialog)
        self.reasonList.setObjectName(u"reasonList")
        self.reasonList.setAlternatingRowColors(True)

        self.rejectLayout.addWidget(self.reasonList)

        self.commentLabel = QLabel(rejectDialog)
        self.commentLabel.setObjectName(u"commentLabel")

        self.rejectLayout.addWidget(self.commentLabel)

        self.rejectComment = QPlainTextEdit(rejectDialog)
        self.rejectComment.setObjectName(u"rejectComment")
        self.rejectComment.setTabChangesFocus(True)
        self.rejectComment.setMaximumSize(QSize(16777215, 110))

        self.rejectLayout.addWidget(self.rejectComment)

        self.rejectError = QLabel(rejectDialog)
        self.rejectError.setObjectName(u"rejectError")
        self.rejectError.setTextFormat(Qt.TextFormat.PlainText)
        self.rejectError.setWordWrap(True)

        self.rejectLayout.addWidget(self.rejectError)

        self.rejectButtons = QDialogButtonBox(rejectDialog)
        self.rejectButtons.setObjectName(u"rejectButtons")
        self.rejectButtons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.rejectLayout.addWidget(self.rejectButtons)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonList)
        self.commentLabel.setBuddy(self.rejectComment)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.reasonList, self.rejectComment)

        self.retranslateUi(rejectDialog)

        QMetaObject.connectSlotsByName(rejectDialog)
    # setupUi

    def retranslateUi(self, rejectDialog):
        rejectDialog.setWindowTitle(QCoreApplication.translate("RejectDialog", u"Reject lead", None))
        self.reasonLabel.setText(QCoreApplication.translate("RejectDialog", u"&Why does this lead go back to marketing? (keys 1\u20139)", None))
#if QT_CONFIG(accessibility)
        self.reasonList.setAccessibleName(QCoreApplication.translate("RejectDialog", u"Rejection reason", None))
#endif // QT_CONFIG(accessibility)
        self.commentLabel.setText(QCoreApplication.translate("RejectDialog", u"&Comment for marketing", None))
#if QT_CONFIG(accessibility)
        self.rejectComment.setAccessibleName(QCoreApplication.translate("RejectDialog", u"Comment for marketing", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.rejectError.setAccessibleName(QCoreApplication.translate("RejectDialog", u"Problem", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

