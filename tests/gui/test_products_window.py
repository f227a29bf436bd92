"""A lead's product in the window: the lead panel shows its product's SAL checklist, a
call opens on its product's script, the queue shows it and the reports filter by it."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.models.queue_model import Column
from sdrdesk.gui.reports_window import ReportsWindow
from sdrdesk.services.catalog import Services
from sdrdesk.services.leads.triage import TriageService
from tests.gui.call_helpers import open_call
from tests.gui.conftest import QUEUE, WindowFactory

SHOP = "Head of Sales"
LEADS: list[dict[str, Any]] = [
    {**QUEUE[0], "product": "enterprise"},  # Fresh Berlin, 201-500 employees
    {**QUEUE[1], "product": "starter", "title": SHOP, "company_size": "201-500"},
    {**QUEUE[2], "title": SHOP, "company_size": "201-500"},  # no product
]


def _accept_all(qtbot: QtBot, window: MainWindow) -> None:
    assert window.user is not None
    for row in window.model.rows():
        TriageService(window._ctx).accept(row.lead.id, actor_id=window.user.id)
    views = window.ui.viewFilter
    views.setCurrentIndex(views.findText("My accepted leads"))
    qtbot.waitUntil(lambda: window.model.rowCount() == len(LEADS) and not window.model.is_loading)


def _panel_for(qtbot: QtBot, window: MainWindow, name: str) -> str:
    lead = next(r.lead for r in window.model.rows() if r.lead.name == name)
    window.select_lead(lead.id)
    panel = window.ui.leadPanel
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.id == lead.id)
    text: str = panel.ui.leadCriteria.text()
    return text


def test_the_lead_panel_shows_the_checklist_of_the_leads_product(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*LEADS)
    enterprise = _panel_for(qtbot, window, "Fresh Berlin")
    assert "SAL criteria for the product Enterprise:" in enterprise
    assert "Company with 1,000 or more employees" in enterprise
    assert "Regulated or large-scale industry" in enterprise
    starter = _panel_for(qtbot, window, "Hot London")
    assert "SAL criteria for the product Starter plan:" in starter
    assert "✘</span> Company with 5 to 200 employees" in starter
    plain = _panel_for(qtbot, window, "Warm NewYork")
    assert "The team&#x27;s SAL criteria (no product):" in plain
    assert "✔</span> Company with 50 or more employees" in plain
    products = {r.lead.name: r.lead.product for r in window.model.rows()}
    assert products["Fresh Berlin"] == "enterprise"
    rows = {window.model.index(i, Column.NAME).data(): i for i in range(window.model.rowCount())}
    assert window.model.index(rows["Hot London"], Column.PRODUCT).data() == "Starter plan"
    assert window.model.index(rows["Warm NewYork"], Column.PRODUCT).data() == ""


def test_a_call_uses_the_script_of_the_leads_product(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*LEADS)
    _accept_all(qtbot, window)
    ws = open_call(qtbot, window, "Fresh Berlin")
    assert ws.windowTitle() == "Call — Fresh Berlin · Enterprise"
    assert "Enterprise qualification (BANT and security)" in ws.ui.scriptNotice.text()
    sections = [
        ws.ui.scriptView.sectionList.item(i).text()
        for i in range(ws.ui.scriptView.sectionList.count())
    ]
    assert any("Security and procurement" in s for s in sections)


def test_a_call_without_product_uses_the_teams_script(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*LEADS)
    _accept_all(qtbot, window)
    plain = open_call(qtbot, window, "Warm NewYork")
    assert plain.windowTitle() == "Call — Warm NewYork"
    assert "Standard qualification (BANT)" in plain.ui.scriptNotice.text()
    count = plain.ui.scriptView.sectionList.count()
    titles = [plain.ui.scriptView.sectionList.item(i).text() for i in range(count)]
    assert not any("Security" in t for t in titles)


def test_the_reports_filter_by_product(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*LEADS)
    reports = ReportsWindow(Services(window._ctx))
    qtbot.addWidget(reports)
    reports.show()
    combo = reports.ui.productCombo
    qtbot.waitUntil(lambda: combo.count() == 3)
    assert [combo.itemText(i) for i in range(3)] == ["All products", "Starter plan", "Enterprise"]
    combo.setCurrentIndex(combo.findData("enterprise"))
    assert reports.report_filter().product == "enterprise"
    assert "Product: Enterprise" in reports.describe_filter()


def test_the_queue_filters_by_product(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(*LEADS)
    combo = window.ui.productFilter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All products",
        "Starter plan",
        "Enterprise",
    ]
    combo.setCurrentIndex(combo.findData("enterprise"))
    qtbot.waitUntil(lambda: not window.model.is_loading and window.model.rowCount() == 1)
    assert [r.lead.name for r in window.model.rows()] == ["Fresh Berlin"]
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not window.model.is_loading and window.model.rowCount() == 3)
