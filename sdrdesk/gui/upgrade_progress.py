"""A small window with a progress bar while the store is upgraded at start.

Opening a store that predates a read-model migration (0013, 0018) builds the reports'
figures from every lead's history: minutes on a large store. The window shows that
instead of nothing; it appears with the first progress report only, so a store that
needs no such step opens as before. The migration runs on the main thread before any
other window exists, so each report repaints the window once (``processEvents``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QVBoxLayout, QWidget

from sdrdesk.i18n import _


class UpgradeProgress:
    """``progress(percent)`` for ``open_app``: shows and advances the window.

    ``make_app`` gives the running QApplication, or a new one and True; ``created_app``
    then says the app was made here, so the caller runs its event loop.
    """

    def __init__(self, make_app: Callable[[], tuple[QApplication, bool]]) -> None:
        self._make_app = make_app
        self.created_app = False
        self.window: QWidget | None = None
        self.bar: QProgressBar | None = None
        self.seen: list[int] = []

    def __call__(self, percent: int) -> None:
        if self.window is None:
            self._show()
        assert self.bar is not None
        self.seen.append(percent)
        self.bar.setValue(percent)
        QCoreApplication.processEvents()

    def _show(self) -> None:
        _app, self.created_app = self._make_app()
        window = QWidget()
        window.setObjectName("upgradeProgress")
        window.setWindowTitle(_("Updating the database"))
        window.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        layout = QVBoxLayout(window)
        label = QLabel(
            _(
                "Building the reports' figures from the history of every lead. "
                "This happens once after an update and may take a few minutes."
            )
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setFormat(_("%p% done"))
        layout.addWidget(bar)
        window.resize(420, window.sizeHint().height())
        window.show()
        self.window, self.bar = window, bar
        QCoreApplication.processEvents()

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
