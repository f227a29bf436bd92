"""Two SDRs on one store: each window follows the other's work, live."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sdrdesk.db.engine import Store
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.claims import ClaimService
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService
from tests.factories import add_leads
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle


def names(window: MainWindow) -> list[str]:
    return [r.lead.name for r in window.model.rows()]


def selected(window: MainWindow) -> str | None:
    row = window.current_row()
    return row.lead.name if row else None


def test_a_colleagues_accept_disappears_live_and_my_selection_stays(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*QUEUE)
    window.move_selection(2)
    assert selected(window) == "Warm NewYork"
    ctx = window._ctx
    ben = UserService(ctx).add("ben", Role.SDR, display_name="Ben Okafor")
    hot = next(r.lead.id for r in window.model.rows() if r.lead.name == "Hot London")
    TriageService(ctx).accept(hot, actor_id=ben.id)  # on Ben's desktop
    qtbot.waitUntil(lambda: "Hot London" not in names(window), timeout=3000)
    assert selected(window) == "Warm NewYork"
    assert names(window) == ["Fresh Berlin", "Warm NewYork", "Night Tokyo"]


def test_a_colleagues_change_to_my_lead_is_named(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*QUEUE)
    ctx = window._ctx
    ben = UserService(ctx).add("ben", Role.SDR, display_name="Ben Okafor")
    mine = window.current_row()
    assert mine is not None
    TriageService(ctx).reject(mine.lead.id, actor_id=ben.id, reason_code="spam")
    qtbot.waitUntil(lambda: "Fresh Berlin" not in names(window), timeout=3000)
    assert selected(window) == "Hot London"  # the next lead, as after my own triage
    assert "Ben Okafor: rejected — Fresh Berlin" in window.ui.statusBar.currentMessage()


def test_new_leads_from_an_import_elsewhere_appear_in_place(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*QUEUE)
    window.move_selection(1)
    add_leads(
        window._ctx,
        {
            "first_name": "Brand",
            "last_name": "New",
            "phone": "089 1234567",
            "country": "DE",
            "score": "80",
            "minutes_ago": 1,
            "email": "brand@new.de",
        },
    )
    qtbot.waitUntil(lambda: "Brand New" in names(window), timeout=3000)
    # Inside the speed-to-lead target and callable: after the Berlin lead closer to its
    # deadline, before the overdue ones.
    assert names(window)[:3] == ["Fresh Berlin", "Brand New", "Hot London"]
    assert selected(window) == "Hot London"


def test_n_claims_the_most_urgent_lead_from_the_pool(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*QUEUE)
    window.move_selection(3)
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_N)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: selected(window) == "Fresh Berlin")
    leads = {lead.name: lead for lead in LeadService(window._ctx).list_leads()}
    assert leads["Fresh Berlin"].owner == "anna"
    assert leads["Fresh Berlin"].status is Status.MQL
    assert leads["Hot London"].owner is None
    qtbot.keyClick(window.ui.queueView, Qt.Key.Key_N)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: selected(window) == "Hot London")


def test_claiming_from_an_empty_pool_says_so(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()  # no leads at all: the empty page's buttons
    window.action("actionClaimNext").trigger()
    qtbot.waitUntil(
        lambda: (
            window.ui.statusBar.currentMessage()
            == "The team pool is empty: no new lead is waiting without an owner."
        )
    )


def test_a_manager_reassigns_from_the_window(
    qtbot: QtBot, make_window: WindowFactory, database_url: str
) -> None:
    setup = Store.open(database_url)
    users = UserService(ServiceContext(setup))
    users.add("tom", Role.MANAGER, display_name="Tom Becker")
    users.add("ben", Role.SDR, display_name="Ben Okafor")
    setup.dispose()
    window = make_window(*QUEUE, user="tom")
    assert window.action("actionReassign").isEnabled()
    assert selected(window) == "Fresh Berlin"
    qtbot.keyClick(
        window.ui.queueView,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: getattr(window.team, "reassign_dialog", None) is not None)
    dialog = window.team.reassign_dialog
    assert dialog.objectName() == "reassignDialog"
    dialog.setTextValue("Ben Okafor (ben)")
    dialog.accept()
    wait_idle(qtbot, window)
    owners = {lead.name: lead.owner for lead in LeadService(window._ctx).list_leads()}
    assert owners["Fresh Berlin"] == "ben"
    event = LeadService(window._ctx).events()[-1]
    assert (event.action, event.actor) == ("assigned", "Tom Becker")


def test_an_sdr_cannot_reassign(make_window: WindowFactory) -> None:
    window = make_window(*QUEUE)
    assert not window.action("actionReassign").isEnabled()


@pytest.mark.postgres_only
def test_a_dropped_connection_shows_a_banner_and_recovers(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*QUEUE)
    qtbot.waitUntil(lambda: window.team._monitor is not None)

    def listening() -> bool:
        with window._ctx.store.engine.connect() as conn:
            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE application_name = 'sdrdesk-listen'"
                        " AND datname = current_database()"
                    )
                ).scalar()
            )

    qtbot.waitUntil(listening, timeout=5000)
    with window._ctx.store.engine.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name LIKE 'sdrdesk%' AND pid <> pg_backend_pid()"
                " AND datname = current_database() AND usename = current_user"  # ours alone
            )
        )
    qtbot.waitUntil(lambda: window.ui.banner.isVisible(), timeout=5000)
    assert "reconnects by itself" in window.ui.bannerLabel.text()
    assert names(window)  # still showing what it had
    qtbot.waitUntil(lambda: not window.ui.banner.isVisible(), timeout=10_000)
    # Back in business: a colleague's change arrives again.
    ctx = window._ctx
    ben = UserService(ctx).add("ben", Role.SDR, display_name="Ben Okafor")
    hot = next(r.lead.id for r in window.model.rows() if r.lead.name == "Hot London")
    TriageService(ctx).accept(hot, actor_id=ben.id)
    qtbot.waitUntil(lambda: "Hot London" not in names(window), timeout=5000)


def test_switching_views_back_keeps_colleagues_claims_out(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*QUEUE)
    ctx = window._ctx
    ben = UserService(ctx).add("ben", Role.SDR, display_name="Ben Okafor")
    lead_id = next(r.lead.id for r in window.model.rows() if r.lead.name == "Hot London")
    ClaimService(ctx).claim(lead_id, actor_id=ben.id)
    qtbot.waitUntil(lambda: "Hot London" not in names(window), timeout=3000)
    views = window.ui.viewFilter
    views.setCurrentIndex(views.findText("All open leads"))
    qtbot.waitUntil(lambda: "Hot London" in names(window))
    views.setCurrentIndex(views.findText("New leads (MQL)"))
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: "Hot London" not in names(window) and len(names(window)) == 3)
