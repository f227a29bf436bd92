"""The digest for marketing: read it, copy it (text and HTML), or open it in a mail."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from sdrdesk.gui.forms.ui_digest_dialog import Ui_DigestDialog
from sdrdesk.i18n import _
from sdrdesk.services.feedback import Digest

UrlOpener = Callable[[QUrl], bool]


class DigestDialog(QDialog):
    def __init__(
        self,
        digest: Digest,
        parent: QWidget | None = None,
        *,
        open_url: UrlOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DigestDialog()
        self.ui.setupUi(self)
        self.setObjectName("digestDialog")
        self.setWindowTitle(digest.subject)
        self.digest = digest
        self._open_url = open_url
        self.ui.digestText.setHtml(digest.html)
        # A Designer button box holds standard buttons only: these two are added here.
        self.copy_button = QPushButton(_("&Copy"), self)
        self.copy_button.setObjectName("digestCopy")
        copy_keys = QKeySequence(QKeySequence.StandardKey.Copy)
        self.copy_button.setShortcut(copy_keys)
        self.copy_button.setToolTip(
            _("Copy as text and HTML ({keys})").format(
                keys=copy_keys.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        # Copying is what the dialog is for: Enter copies (Esc closes), and says so.
        self.copy_button.setDefault(True)
        self.mail_button = QPushButton(_("Open in &mail program"), self)
        self.mail_button.setObjectName("digestMail")
        self.mail_button.setShortcut(QKeySequence("Ctrl+M"))
        self.mail_button.setToolTip(_("Start a mail to the marketing team (Ctrl+M)"))
        buttons = self.ui.digestButtons
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.mail_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        self.mail_button.clicked.connect(self.open_mail)

    def copy(self) -> None:
        mime = QMimeData()
        mime.setText(self.digest.text)
        mime.setHtml(self.digest.html)
        QGuiApplication.clipboard().setMimeData(mime)
        self.ui.digestCopied.setText(_("Copied: paste it into a mail to marketing."))

    def open_mail(self) -> bool:
        """The mail program with the digest; the full text also goes to the clipboard,
        since mail links are cut at a few thousand characters."""
        self.copy()
        return bool(self._open_url(QUrl.fromEncoded(self.digest.mailto().encode("ascii"))))
