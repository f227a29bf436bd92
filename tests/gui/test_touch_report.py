"""Touches count as attempts and appear in the reports (issue 22): the call outcomes
page shows e-mails, LinkedIn messages and meetings by SDR, channel and outcome, on
both backends."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from sdrdesk.gui.reports_window import ReportsWindow
from sdrdesk.services.catalog import Services
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads import NoteService, TriageService
from sdrdesk.services.reports import ReportFilter
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.factories import add_leads


def test_touches_appear_under_the_call_outcomes(
    qtbot: QtBot, ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    jo, kim = add_leads(
        ctx,
        {"first_name": "Jo", "email": "jo@kurz-gmbh.de"},
        {"first_name": "Kim", "email": "kim@lang-ag.de"},
    )
    TriageService(ctx).accept(jo, actor_id=sdr.id)
    TriageService(ctx).accept(kim, actor_id=other_sdr.id)
    notes = NoteService(ctx)
    notes.log_touch(jo, channel="email", outcome="sent", actor_id=sdr.id)
    notes.log_touch(jo, channel="email", outcome="replied", note="Wants a call", actor_id=sdr.id)
    notes.log_touch(jo, channel="linkedin", outcome="sent", actor_id=sdr.id)
    notes.log_touch(kim, channel="meeting", outcome="held", actor_id=other_sdr.id)
    now = clock()
    period = ReportFilter(now - timedelta(days=1), now + timedelta(days=1))
    counted = Services(ctx).reports.touches(period)
    assert sum(t.touches for t in counted) == 4
    assert {(t.sdr, t.channel, t.outcome, t.touches) for t in counted} == {
        (sdr.display_name, "email", "sent", 1),
        (sdr.display_name, "email", "replied", 1),
        (sdr.display_name, "linkedin", "sent", 1),
        (other_sdr.display_name, "meeting", "held", 1),
    }
    assert len(Services(ctx).reports.touches(ReportFilter(now - timedelta(days=9), now))) == 0

    window = ReportsWindow(Services(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.busy, timeout=15_000)
    today = now.astimezone().date()
    window.set_period(today - timedelta(days=1), today + timedelta(days=1))
    qtbot.waitUntil(lambda: not window.busy, timeout=15_000)
    window.show_report("calls")
    qtbot.waitUntil(lambda: window.page("calls").loaded and not window.busy, timeout=15_000)
    model = window.page("calls").extra_model
    shown = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert [sdr.display_name, "E-mail", "Replied", "1"] in shown
    assert [other_sdr.display_name, "Meeting", "Held", "1"] in shown
    assert shown[-1] == ["Team", "", "", "4"]
    assert isinstance(today, date)
    window.close()
