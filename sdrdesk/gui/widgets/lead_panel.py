"""The selected lead: contact data, their local time, marketing context, SAL criteria
and history. It only shows what it is given (a ``LeadDetail``); it never loads."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from sdrdesk.domain.criteria import Verdict
from sdrdesk.domain.wording import shortened
from sdrdesk.domain.zones import is_calling_hour, local_time
from sdrdesk.gui import theme
from sdrdesk.gui.forms.ui_lead_panel import Ui_LeadPanel
from sdrdesk.gui.models import formats
from sdrdesk.gui.widgets.call_history import CallHistoryBox
from sdrdesk.i18n import _
from sdrdesk.services.results import LeadDetail

_VERDICT_MARK = {Verdict.PASS: "✔", Verdict.FAIL: "✘", Verdict.UNKNOWN: "?"}
_VERDICT_COLOR = {Verdict.PASS: "success", Verdict.FAIL: "error", Verdict.UNKNOWN: "hint"}


def _text(value: object) -> str:
    return html.escape("" if value is None else str(value))


_SHOWN_CHARS = 300  # of one imported value; `sdrdesk leads --json` has it whole


def _cut(value: object) -> str:
    return shortened("" if value is None else str(value), _SHOWN_CHARS)


class LeadPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_LeadPanel()
        self.ui.setupUi(self)
        self.setObjectName("leadPanel")
        font = self.ui.leadName.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.ui.leadName.setFont(font)
        # The name as imported ("<i>Eve" is not italics); the other labels show HTML
        # built with every imported value escaped (_text), and say so: left to guess,
        # Qt shows "Müller &amp; Söhne" for a text without any tag.
        for label in self.findChildren(QLabel):
            if not label.objectName().endswith("Caption"):
                label.setWordWrap(True)
                label.setTextFormat(Qt.TextFormat.RichText)
        self.ui.leadName.setTextFormat(Qt.TextFormat.PlainText)
        self.callHistory = CallHistoryBox(self)
        layout = self.ui.panelLayout
        layout.insertWidget(layout.indexOf(self.ui.historyBox), self.callHistory)
        self._detail: LeadDetail | None = None
        self._clock: Callable[[], datetime] | None = None
        self._calling_hours = (9, 18)
        self.show_nothing()

    @property
    def detail(self) -> LeadDetail | None:
        return self._detail

    def configure(self, clock: Callable[[], datetime], calling_hours: tuple[int, int]) -> None:
        self._clock = clock
        self._calling_hours = calling_hours

    def show_nothing(self, message: str | None = None) -> None:
        self._detail = None
        self.ui.leadName.setText(message or _("No lead selected"))
        for label in (
            self.ui.leadSubtitle,
            self.ui.leadPhoneLink,
            self.ui.leadEmailLink,
            self.ui.leadLocalTime,
            self.ui.leadCompany,
            self.ui.leadSource,
            self.ui.leadCampaign,
            self.ui.leadScore,
            self.ui.leadHandedOff,
            self.ui.leadFormAnswers,
            self.ui.leadExtra,
            self.ui.leadCriteria,
        ):
            label.clear()
        self.ui.leadHistory.clear()
        for box in (
            self.ui.contactBox,
            self.ui.marketingBox,
            self.ui.criteriaBox,
            self.ui.historyBox,
            self.callHistory,
        ):
            box.setVisible(False)

    def show_lead(self, detail: LeadDetail) -> None:
        self._detail = detail
        lead = detail.summary
        ui = self.ui
        for box in (ui.contactBox, ui.marketingBox, ui.criteriaBox, ui.historyBox):
            box.setVisible(True)
        ui.leadName.setText(lead.name)
        subtitle = " · ".join(p for p in (lead.title, lead.company) if p)
        status = formats.data_label(lead.status.label) + (f" · {lead.owner}" if lead.owner else "")
        ui.leadSubtitle.setText(f"{_text(subtitle)}<br><i>{_text(status)}</i>")

        ui.leadPhoneLink.setText(self._phone_html(detail))
        ui.leadPhoneLink.setToolTip(
            _("Click to call {number}").format(number=lead.phone_e164)
            if detail.tel_uri and not lead.do_not_call and lead.phone_e164
            else ""
        )
        if lead.email:
            invalid = _("(not a valid address)")
            note = "" if detail.email_valid else f" <i>{_text(invalid)}</i>"
            kind = " · " + _text(_("free mail")) if detail.free_mail else ""
            ui.leadEmailLink.setText(
                f'<a href="mailto:{_text(lead.email)}">{_text(lead.email)}</a>{note}{kind}'
            )
        else:
            ui.leadEmailLink.setText(_text(_("no e-mail address")))
        ui.leadLocalTime.setText(self._local_time_text(lead.time_zone))
        size = (
            " · " + _("{size} employees").format(size=detail.company_size)
            if detail.company_size
            else ""
        )
        industry = f" · {detail.industry}" if detail.industry else ""
        country = f" · {lead.country}" if lead.country else ""
        ui.leadCompany.setText(_text(f"{lead.company or '—'}{size}{industry}{country}"))

        ui.leadSource.setText(_text(lead.source or "—"))
        ui.leadCampaign.setText(_text(lead.campaign or "—"))
        ui.leadScore.setText(_text("—" if lead.score is None else formats.number(lead.score)))
        handed_off = formats.day_date_time(lead.handed_off_at.astimezone(), year=True)
        ui.leadHandedOff.setText(_text(handed_off))
        # Form questions end with "?"; everything else a file brought without a column of
        # its own (notes, a salutation, a second phone, text cut to fit) is shown too.
        answers = {k: v for k, v in detail.extra.items() if k.endswith("?")}
        ui.leadFormAnswers.setText(
            "<br>".join(f"<b>{_text(q)}</b><br>{_text(a)}" for q, a in answers.items()) or "—"
        )
        others = {k: v for k, v in detail.extra.items() if k not in answers}
        ui.leadExtra.setText(
            "<br>".join(f"<b>{_text(k)}</b>: {_text(_cut(v))}" for k, v in others.items()) or "—"
        )

        if detail.product_label:
            whose = _("SAL criteria for the product {product}:").format(
                product=detail.product_label
            )
        else:
            whose = _("The team's SAL criteria (no product):")
        c = theme.colours()
        ui.leadCriteria.setText(
            f"<b>{_text(whose)}</b><br>"
            + "<br>".join(
                f'<span style="color:{getattr(c, _VERDICT_COLOR[r.verdict])}">'
                f"{_VERDICT_MARK[r.verdict]}</span>"
                f" {_text(formats.data_label(r.label))} <i>— {_text(r.detail)}</i>"
                for r in detail.criteria
            )
        )

        self.callHistory.show_detail(detail)
        ui.leadHistory.clear()
        for event in reversed(detail.events):
            when = formats.date_time(event.at.astimezone())
            text = f"{when}  {event.description}"
            if event.handed_off_at is not None:  # an import: marketing's own time
                text += "\n" + _("Handed off by marketing: {when}").format(
                    when=formats.date_time(event.handed_off_at.astimezone())
                )
            if event.comment:
                text += f"\n“{event.comment}”"
            ui.leadHistory.addItem(text)

    def _phone_html(self, detail: LeadDetail) -> str:
        lead = detail.summary
        if lead.do_not_call:
            reason = _text(detail.do_not_call_reason)
            dont = _text(_("do not call"))
            return f"{_text(detail.phone_display)} — <b>{dont}</b> {reason}"
        if detail.tel_uri:
            quality = "" if lead.phone_quality == "valid" else " " + _text(_("(may not be real)"))
            link = f'<a href="{_text(detail.tel_uri)}">{_text(detail.phone_display)}</a>'
            return link + quality
        if detail.phone_raw:
            invalid = _("(not a valid number)")
            return f"{_text(detail.phone_raw)} <i>{_text(invalid)}</i>"
        return _text(_("no phone number"))

    def refresh_clock(self) -> None:
        if self._detail is not None:
            self.ui.leadLocalTime.setText(self._local_time_text(self._detail.summary.time_zone))

    def _local_time_text(self, zone: str | None) -> str:
        if self._clock is None:
            return ""
        local = local_time(zone, self._clock())
        if local is None:
            return _text(_("unknown (no valid phone number or country)"))
        ok = is_calling_hour(local, *self._calling_hours)
        verdict = _("good time to call") if ok else _("outside calling hours")
        return _text(f"{formats.day_time(local)} ({zone}) — {verdict}")
