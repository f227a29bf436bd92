"""The booked demo of the selected lead, in the lead panel: when (your time and the
lead's), with whom, where, and the buttons to move it, cancel it or save its invite."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sdrdesk.domain import zones
from sdrdesk.services.demos import DemoInfo


class DemoBox(QGroupBox):
    reschedule_requested = Signal()
    cancel_requested = Signal()
    invite_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBox")
        self.setTitle(self.tr("Demo"))
        self.setAccessibleName(self.tr("Booked demo"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("demoSummary")
        self.summary.setWordWrap(True)
        self.summary.setOpenExternalLinks(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.reschedule_button = self._button("demoRescheduleButton", self.tr("Move… (D)"))
        self.cancel_button = self._button("demoCancelButton", self.tr("Cancel… (Shift+D)"))
        self.invite_button = self._button("demoInviteButton", self.tr("Save invite…"))
        for button in (self.reschedule_button, self.cancel_button, self.invite_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reschedule_button.clicked.connect(self.reschedule_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.invite_button.clicked.connect(self.invite_requested)
        self.demo: DemoInfo | None = None
        self.setVisible(False)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        return button

    def show_demo(self, demo: DemoInfo | None, my_zone: str) -> None:
        self.demo = demo
        if demo is None:
            self.summary.clear()
            self.setVisible(False)
            return
        mine = ZoneInfo(my_zone)
        start, end = demo.starts_at.astimezone(mine), demo.ends_at.astimezone(mine)
        lines = [
            f"<b>{start:%a %d %b %Y, %H:%M}–{end:%H:%M}</b> ({html.escape(my_zone)})",
        ]
        lead_zone = zones.zone(demo.lead.time_zone)
        if lead_zone is not None and demo.lead.time_zone != my_zone:
            local = demo.starts_at.astimezone(lead_zone)
            lines.append(
                self.tr("%1 on the lead's clock (%2)")
                .replace("%1", f"{local:%a %H:%M}")
                .replace("%2", html.escape(demo.lead.time_zone or ""))
            )
        lines.append(
            self.tr("with %1 · %2 min")
            .replace("%1", html.escape(demo.ae.display_name))
            .replace("%2", str(demo.duration_minutes))
        )
        if demo.url:
            url = html.escape(demo.url)
            lines.append(f'<a href="{url}">{url}</a>')
        elif demo.location:
            lines.append(html.escape(demo.location))
        self.summary.setText("<br>".join(lines))
        self.setVisible(True)
