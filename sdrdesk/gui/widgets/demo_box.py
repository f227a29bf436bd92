"""The booked demo of the selected lead, in the lead panel: when (your time and the
lead's), with whom, where, and the buttons to move it, cancel it or save its invite."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sdrdesk.domain import zones
from sdrdesk.gui.models import formats
from sdrdesk.i18n import _
from sdrdesk.services.demos import DemoInfo


class DemoBox(QGroupBox):
    reschedule_requested = Signal()
    cancel_requested = Signal()
    invite_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBox")
        self.setTitle(_("Demo"))
        self.setAccessibleName(_("Booked demo"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("demoSummary")
        self.summary.setWordWrap(True)
        self.summary.setOpenExternalLinks(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.reschedule_button = self._button("demoRescheduleButton", _("Move… (D)"))
        self.cancel_button = self._button("demoCancelButton", _("Cancel… (Shift+D)"))
        self.invite_button = self._button("demoInviteButton", _("Save invite…"))
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
        when = f"{formats.day_date_time(start, year=True)}–{formats.clock_time(end)}"
        lines = [f"<b>{html.escape(when)}</b> ({html.escape(my_zone)})"]
        lead_zone = zones.zone(demo.lead.time_zone)
        if lead_zone is not None and demo.lead.time_zone != my_zone:
            local = demo.starts_at.astimezone(lead_zone)
            lines.append(
                _("{when} on the lead's clock ({zone})").format(
                    when=html.escape(formats.day_time(local)),
                    zone=html.escape(demo.lead.time_zone or ""),
                )
            )
        lines.append(
            _("with {ae} · {minutes} min").format(
                ae=html.escape(demo.ae.display_name), minutes=demo.duration_minutes
            )
        )
        if demo.url:
            url = html.escape(demo.url)
            lines.append(f'<a href="{url}">{url}</a>')
        elif demo.location:
            lines.append(html.escape(demo.location))
        self.summary.setText("<br>".join(lines))
        self.setVisible(True)
