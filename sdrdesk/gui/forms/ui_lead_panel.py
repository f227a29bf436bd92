# GENERATED from ui/lead_panel.ui by scripts/build_forms.py (pyside6-uic). Do not edit:
# change the .ui file in Qt Designer and run `python scripts/build_forms.py`.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'lead_panel.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QLabel, QListWidget, QVBoxLayout)

class Ui_LeadPanel(object):
    def setupUi(self, LeadPanel):
        if not LeadPanel.objectName():
            LeadPanel.setObjectName(u"LeadPanel")
        LeadPanel.resize(460, 720)
        self.panelLayout = QVBoxLayout(LeadPanel)
        self.panelLayout.setObjectName(u"panelLayout")
        self.leadName = QLabel(LeadPanel)
        self.leadName.setObjectName(u"leadName")
        self.leadName.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.panelLayout.addWidget(self.leadName)

        self.leadSubtitle = QLabel(LeadPanel)
        self.leadSubtitle.setObjectName(u"leadSubtitle")
        self.leadSubtitle.setWordWrap(True)
        self.leadSubtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.panelLayout.addWidget(self.leadSubtitle)

        self.contactBox = QGroupBox(LeadPanel)
        self.contactBox.setObjectName(u"contactBox")
        self.contactLayout = QFormLayout(self.contactBox)
        self.contactLayout.setObjectName(u"contactLayout")
        self.phoneCaption = QLabel(self.contactBox)
        self.phoneCaption.setObjectName(u"phoneCaption")

        self.contactLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.phoneCaption)

        self.leadPhoneLink = QLabel(self.contactBox)
        self.leadPhoneLink.setObjectName(u"leadPhoneLink")
        self.leadPhoneLink.setOpenExternalLinks(True)
        self.leadPhoneLink.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard|Qt.TextInteractionFlag.LinksAccessibleByMouse|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.contactLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.leadPhoneLink)

        self.emailCaption = QLabel(self.contactBox)
        self.emailCaption.setObjectName(u"emailCaption")

        self.contactLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.emailCaption)

        self.leadEmailLink = QLabel(self.contactBox)
        self.leadEmailLink.setObjectName(u"leadEmailLink")
        self.leadEmailLink.setOpenExternalLinks(True)
        self.leadEmailLink.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard|Qt.TextInteractionFlag.LinksAccessibleByMouse|Qt.TextInteractionFlag.TextSelectableByMouse)

        self.contactLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.leadEmailLink)

        self.localTimeCaption = QLabel(self.contactBox)
        self.localTimeCaption.setObjectName(u"localTimeCaption")

        self.contactLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.localTimeCaption)

        self.leadLocalTime = QLabel(self.contactBox)
        self.leadLocalTime.setObjectName(u"leadLocalTime")

        self.contactLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.leadLocalTime)

        self.countryCaption = QLabel(self.contactBox)
        self.countryCaption.setObjectName(u"countryCaption")

        self.contactLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.countryCaption)

        self.leadCompany = QLabel(self.contactBox)
        self.leadCompany.setObjectName(u"leadCompany")
        self.leadCompany.setWordWrap(True)

        self.contactLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.leadCompany)


        self.panelLayout.addWidget(self.contactBox)

        self.marketingBox = QGroupBox(LeadPanel)
        self.marketingBox.setObjectName(u"marketingBox")
        self.marketingLayout = QFormLayout(self.marketingBox)
        self.marketingLayout.setObjectName(u"marketingLayout")
        self.sourceCaption = QLabel(self.marketingBox)
        self.sourceCaption.setObjectName(u"sourceCaption")

        self.marketingLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.sourceCaption)

        self.leadSource = QLabel(self.marketingBox)
        self.leadSource.setObjectName(u"leadSource")
        self.leadSource.setWordWrap(True)

        self.marketingLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.leadSource)

        self.campaignCaption = QLabel(self.marketingBox)
        self.campaignCaption.setObjectName(u"campaignCaption")

        self.marketingLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.campaignCaption)

        self.leadCampaign = QLabel(self.marketingBox)
        self.leadCampaign.setObjectName(u"leadCampaign")
        self.leadCampaign.setWordWrap(True)

        self.marketingLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.leadCampaign)

        self.scoreCaption = QLabel(self.marketingBox)
        self.scoreCaption.setObjectName(u"scoreCaption")

        self.marketingLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.scoreCaption)

        self.leadScore = QLabel(self.marketingBox)
        self.leadScore.setObjectName(u"leadScore")

        self.marketingLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.leadScore)

        self.handedOffCaption = QLabel(self.marketingBox)
        self.handedOffCaption.setObjectName(u"handedOffCaption")

        self.marketingLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.handedOffCaption)

        self.leadHandedOff = QLabel(self.marketingBox)
        self.leadHandedOff.setObjectName(u"leadHandedOff")

        self.marketingLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.leadHandedOff)

        self.formCaption = QLabel(self.marketingBox)
        self.formCaption.setObjectName(u"formCaption")

        self.marketingLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.formCaption)

        self.leadFormAnswers = QLabel(self.marketingBox)
        self.leadFormAnswers.setObjectName(u"leadFormAnswers")
        self.leadFormAnswers.setWordWrap(True)
        self.leadFormAnswers.setTextFormat(Qt.TextFormat.RichText)

        self.marketingLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.leadFormAnswers)

        self.extraCaption = QLabel(self.marketingBox)
        self.extraCaption.setObjectName(u"extraCaption")

        self.marketingLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.extraCaption)

        self.leadExtra = QLabel(self.marketingBox)
        self.leadExtra.setObjectName(u"leadExtra")
        self.leadExtra.setWordWrap(True)
        self.leadExtra.setTextFormat(Qt.TextFormat.RichText)
        self.leadExtra.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.marketingLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.leadExtra)


        self.panelLayout.addWidget(self.marketingBox)

        self.criteriaBox = QGroupBox(LeadPanel)
        self.criteriaBox.setObjectName(u"criteriaBox")
        self.criteriaLayout = QVBoxLayout(self.criteriaBox)
        self.criteriaLayout.setObjectName(u"criteriaLayout")
        self.leadCriteria = QLabel(self.criteriaBox)
        self.leadCriteria.setObjectName(u"leadCriteria")
        self.leadCriteria.setWordWrap(True)
        self.leadCriteria.setTextFormat(Qt.TextFormat.RichText)

        self.criteriaLayout.addWidget(self.leadCriteria)


        self.panelLayout.addWidget(self.criteriaBox)

        self.historyBox = QGroupBox(LeadPanel)
        self.historyBox.setObjectName(u"historyBox")
        self.historyLayout = QVBoxLayout(self.historyBox)
        self.historyLayout.setObjectName(u"historyLayout")
        self.leadHistory = QListWidget(self.historyBox)
        self.leadHistory.setObjectName(u"leadHistory")
        self.leadHistory.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.leadHistory.setWordWrap(True)

        self.historyLayout.addWidget(self.leadHistory)


        self.panelLayout.addWidget(self.historyBox)


        self.retranslateUi(LeadPanel)

        QMetaObject.connectSlotsByName(LeadPanel)
    # setupUi

    def retranslateUi(self, LeadPanel):
        self.leadName.setText(QCoreApplication.translate("LeadPanel", u"No lead selected", None))
        self.contactBox.setTitle(QCoreApplication.translate("LeadPanel", u"Contact", None))
        self.phoneCaption.setText(QCoreApplication.translate("LeadPanel", u"Phone", None))
#if QT_CONFIG(accessibility)
        self.leadPhoneLink.setAccessibleName(QCoreApplication.translate("LeadPanel", u"Phone number", None))
#endif // QT_CONFIG(accessibility)
        self.emailCaption.setText(QCoreApplication.translate("LeadPanel", u"E-mail", None))
#if QT_CONFIG(accessibility)
        self.leadEmailLink.setAccessibleName(QCoreApplication.translate("LeadPanel", u"E-mail address", None))
#endif // QT_CONFIG(accessibility)
        self.localTimeCaption.setText(QCoreApplication.translate("LeadPanel", u"Their time", None))
#if QT_CONFIG(accessibility)
        self.leadLocalTime.setAccessibleName(QCoreApplication.translate("LeadPanel", u"Lead's local time", None))
#endif // QT_CONFIG(accessibility)
        self.countryCaption.setText(QCoreApplication.translate("LeadPanel", u"Company", None))
        self.marketingBox.setTitle(QCoreApplication.translate("LeadPanel", u"From marketing", None))
        self.sourceCaption.setText(QCoreApplication.translate("LeadPanel", u"Source", None))
        self.campaignCaption.setText(QCoreApplication.translate("LeadPanel", u"Campaign", None))
        self.scoreCaption.setText(QCoreApplication.translate("LeadPanel", u"Score", None))
        self.handedOffCaption.setText(QCoreApplication.translate("LeadPanel", u"Handed off", None))
        self.formCaption.setText(QCoreApplication.translate("LeadPanel", u"Form answers", None))
        self.extraCaption.setText(QCoreApplication.translate("LeadPanel", u"Also imported", None))
#if QT_CONFIG(accessibility)
        self.leadExtra.setAccessibleName(QCoreApplication.translate("LeadPanel", u"Also imported", None))
#endif // QT_CONFIG(accessibility)
        self.criteriaBox.setTitle(QCoreApplication.translate("LeadPanel", u"SAL criteria (advice)", None))
#if QT_CONFIG(accessibility)
        self.leadCriteria.setAccessibleName(QCoreApplication.translate("LeadPanel", u"SAL criteria", None))
#endif // QT_CONFIG(accessibility)
        self.historyBox.setTitle(QCoreApplication.translate("LeadPanel", u"History", None))
#if QT_CONFIG(accessibility)
        self.leadHistory.setAccessibleName(QCoreApplication.translate("LeadPanel", u"Lead history", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

