# GENERATED from ui/digest_dialog.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'digest_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QDialogButtonBox, QHBoxLayout, QLabel, QSizePolicy, QTextBrowser, QVBoxLayout)

class Ui_DigestDialog(object):
    def setupUi(self, digestDialog):
        if not digestDialog.objectName():
            digestDialog.setObjectName(u"digestDialog")
        digestDialog.resize(640, 560)
        self.digestLayout = QVBoxLayout(digestDialog)
        self.digestLayout.setObjectName(u"digestLayout")
        self.digestText = QTextBrowser(digestDialog)
        self.digestText.setObjectName(u"digestText")

        self.digestLayout.addWidget(self.digestText)

        self.digestButtonRow = QHBoxLayout()
        self.digestButtonRow.setObjectName(u"digestButtonRow")
        self.digestCopied = QLabel(digestDialog)
        self.digestCopied.setObjectName(u"digestCopied")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.digestCopied.sizePolicy().hasHeightForWidth())
        self.digestCopied.setSizePolicy(sizePolicy)

        self.digestButtonRow.addWidget(self.digestCopied)

        self.digestButtons = QDialogButtonBox(digestDialog)
        self.digestButtons.setObjectName(u"digestButtons")
        self.digestButtons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.digestButtonRow.addWidget(self.digestButtons)


        self.digestLayout.addLayout(self.digestButtonRow)


        self.retranslateUi(digestDialog)

        QMetaObject.connectSlotsByName(digestDialog)
    # setupUi

    def retranslateUi(self, digestDialog):
#if QT_CONFIG(accessibility)
        self.digestText.setAccessibleName(QCoreApplication.translate("DigestDialog", u"Digest", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

