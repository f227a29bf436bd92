"""The window in German, as a German SDR sees it (``LANGUAGE=de``, ``LANG=de_DE.UTF-8``)
or after choosing View › Language › Deutsch; and in English under ``en_US``. Checked by
objectName on a real store, SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QValueAxis
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from sdrdesk import i18n
from sdrdesk.app import open_app, run_gui
from sdrdesk.db.engine import Store
from sdrdesk.gui import translation
from sdrdesk.gui.main_window import MainWindow
from sdrdesk.gui.report_output import report_document, table_html
from sdrdesk.gui.reports_window import ReportsWindow
from sdrdesk.services.catalog import Services
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.reports import Col, Kind, Table
from sdrdesk.services.results import UserInfo
from sdrdesk.settings import Settings, load_settings, save_settings
from tests.conftest import FakeClock
from tests.factories import add_leads
from tests.gui.conftest import QUEUE, wait_idle
from tests.report_scenario import build

MENUS = {"menuFile": "&Datei", "menuLead": "&Lead", "menuView": "&Ansicht", "menuHelp": "&Hilfe"}
ACTIONS = {
    "actionImport": "Leads &importieren…",
    "actionAccept": "&Annehmen",
    "actionReject": "A&blehnen…",
    "actionScheduleDemo": "&Demo planen…",
    "actionReports": "&Berichte…",
    "actionShortcuts": "&Tastenkürzel",
}
ENGLISH_ACTIONS = {
    "actionImport": "&Import leads…",
    "actionAccept": "&Accept",
    "actionReject": "Re&ject…",
    "actionScheduleDemo": "Schedule &demo…",
    "actionReports": "Re&ports…",
    "actionShortcuts": "&Keyboard shortcuts",
}


@pytest.fixture
def speak(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``speak("de")``: the system is German (LANGUAGE=de, LANG=de_DE.UTF-8) and the
    window's catalogs are installed as at start; English again afterwards."""

    def use(language: str, setting: str | None = None) -> None:
        monkeypatch.setenv("LANGUAGE", language)
        monkeypatch.setenv("LANG", "de_DE.UTF-8" if language == "de" else "en_US.UTF-8")
        translation.install(qapp, setting)

    yield use
    save_settings(Settings())
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    translation.install(qapp, "en")
    QApplication.processEvents()


@pytest.fixture
def open_window(qtbot: QtBot, database_url: str, clock: FakeClock) -> Iterator[Any]:
    stores: list[Store] = []

    def make(language: str | None = None) -> MainWindow:
        store = Store.open(database_url)
        stores.append(store)
        ctx = ServiceContext(store, Rules(default_region="DE", undo_seconds=10), clock)
        add_leads(ctx, *QUEUE)
        settings = Settings(user=None, default_region="DE", language=language)
        window = MainWindow(Services(ctx), settings, user_name="anna")
        qtbot.addWidget(window)
        window.resize(1280, 780)
        window.show()
        qtbot.waitUntil(lambda: window.has_started, timeout=10_000)
        wait_idle(qtbot, window)
        return window

    yield make
    for store in stores:
        store.dispose()


def menu_title(window: MainWindow, name: str) -> str:
    menu = window.findChild(QMenu, name)
    assert menu is not None, name
    return menu.title()


def find_action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


def action_text(window: MainWindow, name: str) -> str:
    return find_action(window, name).text()


def test_the_window_speaks_german_under_a_german_system(
    qtbot: QtBot, speak: Any, open_window: Any
) -> None:
    speak("de")
    window = open_window()
    assert {name: menu_title(window, name) for name in MENUS} == MENUS
    assert {name: action_text(window, name) for name in ACTIONS} == ACTIONS
    assert menu_title(window, "menuLanguage") == "S&prache"
    assert action_text(window, "actionLanguageSystem") == "&Systemsprache (Deutsch)"
    assert find_action(window, "actionLanguageSystem").isChecked()
    assert window.action("actionRefresh").toolTip() == "Aktualisieren (F5 oder Strg+R)"
    assert window.windowTitle().startswith("sdrdesk — ")
    assert window.ui.queueFilter.placeholderText() == "Name, Firma oder E-Mail suchen  ( / )"
    assert window.ui.sourceFilter.itemText(0) == "Alle Quellen"
    # C on a new lead: the status bar explains, in German.
    window.select_position(0)
    window.action("actionStartCall").trigger()
    name = window.current_row().lead.name
    assert window.ui.statusBar.currentMessage() == (
        f"{name} zuerst annehmen (A) oder annehmen und anrufen (Umschalt+C): "
        "Nur angenommene Leads werden angerufen."
    )
    window.grab().save("/tmp/i18n-gui-b-de-window.png")


def test_the_window_speaks_english_under_en_us(qtbot: QtBot, speak: Any, open_window: Any) -> None:
    speak("en")
    window = open_window()
    assert menu_title(window, "menuFile") == "&File"
    assert {name: action_text(window, name) for name in ENGLISH_ACTIONS} == ENGLISH_ACTIONS
    assert menu_title(window, "menuLanguage") == "&Language"
    assert window.action("actionRefresh").toolTip() == "Refresh (F5 or Ctrl+R)"


def test_the_queue_shows_german_headers_and_dates(
    qtbot: QtBot, speak: Any, open_window: Any
) -> None:
    speak("de")
    window = open_window()
    model = window.model
    headers = [model.headerData(c, Qt_Horizontal()) for c in range(model.columnCount())]
    assert "Unternehmen" in headers
    days = {"Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."}
    times = [model.index(r, 7).data() for r in range(model.rowCount())]
    assert all(t.split()[0] in days for t in times), times


def Qt_Horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def test_the_reports_window_in_german(
    qtbot: QtBot,
    speak: Any,
    ctx: ServiceContext,
    clock: FakeClock,
    sdr: UserInfo,
    other_sdr: UserInfo,
) -> None:
    speak("de")
    build(ctx, clock, sdr, other_sdr)
    reports = ReportsWindow(Services(ctx))
    qtbot.addWidget(reports)
    reports.resize(1200, 820)
    reports.show()
    reports.set_period(date(2026, 3, 2), date(2026, 3, 15))
    qtbot.waitUntil(lambda: not reports.busy and reports.current_page().loaded, timeout=15_000)
    assert reports.windowTitle().startswith("Berichte — ")
    tabs = reports.ui.reportTabs
    assert [tabs.tabText(i) for i in range(tabs.count())][:3] == [
        "Ablehnungsgründe",
        "Quellen und Kampagnen",
        "Ablehnungen pro Woche",
    ]
    assert reports.ui.fromDate.text() == "02.03.2026"
    assert reports.ui.periodCombo.itemText(reports.ui.periodCombo.count() - 1) == (
        "Benutzerdefiniert"
    )
    chart = reports.page("reasons").chart_view.chart()
    assert chart.title() == "Warum Leads an das Marketing zurückgingen"
    (series,) = chart.series()
    assert isinstance(series, QAbstractBarSeries)
    assert [b.label() for b in series.barSets()] == ["Abgelehnt", "Disqualifiziert"]
    status = reports.ui.reportsStatusBar.currentMessage()
    # German decimal comma, whatever the time (a loaded machine takes over a second).
    assert re.fullmatch(r"Ablehnungsgründe · berechnet in \d+,\d+ s", status), status
    # Speed to lead: the buckets and the target in German.
    reports.show_report("speed")
    qtbot.waitUntil(lambda: not reports.busy and reports.page("speed").loaded, timeout=15_000)
    speed = reports.page("speed").chart_view.chart()
    assert speed.title() == "Zeit von der Übergabe bis zur Annahme/Ablehnung (Ziel 60 Min.)"
    (names,) = [a for a in speed.axes() if isinstance(a, QBarCategoryAxis)]
    categories = names.categories()
    assert categories == [
        "≤ 15 Min.",
        "15–60 Min.",
        "1–4 Std.",
        "4–24 Std.",
        "> 1 Tag",
        "Noch nicht",
    ]
    # Percent axis: "50 %".
    reports.show_report("campaigns")
    qtbot.waitUntil(lambda: not reports.busy and reports.page("campaigns").loaded, timeout=15_000)
    campaigns = reports.page("campaigns").chart_view.chart()
    (axis,) = [a for a in campaigns.axes() if isinstance(a, QValueAxis)]
    assert axis.labelFormat() == "%.0f %"
    # The printed and PDF report: the table's numbers in German.
    html = report_document(reports.current_page(), reports.describe_filter()).toHtml()
    assert "60,0 %" in html.replace("\u00a0", " ")
    assert "02.03.2026 – 15.03.2026 · SDR: Alle · Quelle: Alle Quellen · Stand " in (
        reports.describe_filter()
    )
    reports.grab().save("/tmp/i18n-gui-b-de-reports.png")
    reports.close()


def test_report_tables_use_german_numbers(speak: Any) -> None:
    speak("de")
    table = Table(
        "Leads",
        (
            Col("source", "Quelle"),
            Col("leads", "Leads", Kind.COUNT),
            Col("rate", "Quote", Kind.PERCENT),
        ),
        (("Webinar", 1234, 0.125),),
    )
    text = table_html(table).replace("\u00a0", " ")
    assert "1.234" in text
    assert "12,5 %" in text
    speak("en")
    text = table_html(table)
    assert "1,234" in text
    assert "12.5%" in text


def test_switching_the_language_live_and_after_a_restart(
    qtbot: QtBot, speak: Any, open_window: Any, database_url: str
) -> None:
    speak("en")
    window = open_window()
    assert menu_title(window, "menuFile") == "&File"
    reports = window.reports.open()
    qtbot.waitUntil(lambda: not reports.busy, timeout=15_000)
    assert reports.windowTitle().startswith("Reports — ")
    german = find_action(window, "actionLanguageGerman")
    german.trigger()
    qtbot.waitUntil(lambda: menu_title(window, "menuFile") == "&Datei", timeout=5_000)
    assert german.isChecked()
    assert not find_action(window, "actionLanguageEnglish").isChecked()
    assert {name: action_text(window, name) for name in ACTIONS} == ACTIONS
    assert window.ui.statusBar.currentMessage().startswith("Sprache: Deutsch.")
    assert QLocale().name() == "de_DE"
    assert load_settings().language == "de"
    # No text vanishes for want of a translation; the lead shown stays shown.
    model = window.model
    assert all(model.headerData(c, Qt_Horizontal()) for c in range(model.columnCount()))
    row = window.current_row()
    assert row is not None
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.lead_panel.ui.leadName.text() == row.lead.name)
    # The open reports window follows, made anew in German.
    new_reports = window.reports.window
    assert new_reports is not None
    assert new_reports is not reports
    assert new_reports.windowTitle().startswith("Berichte — ")
    qtbot.waitUntil(lambda: not new_reports.busy, timeout=15_000)
    wait_idle(qtbot, window)
    new_reports.close()
    # A reports window closed before a switch opens in the language of the moment.
    find_action(window, "actionLanguageEnglish").trigger()
    qtbot.waitUntil(lambda: menu_title(window, "menuFile") == "&File", timeout=5_000)
    assert window.reports.open().windowTitle().startswith("Reports — ")
    qtbot.waitUntil(lambda: not window.reports.window.busy, timeout=15_000)
    window.reports.close()
    find_action(window, "actionLanguageGerman").trigger()
    qtbot.waitUntil(lambda: menu_title(window, "menuFile") == "&Datei", timeout=5_000)
    window.close()
    # The next start: the saved setting wins over the (English) system.
    i18n.set_language("en")
    app_ctx = open_app(database_url, settings=load_settings())
    try:
        assert run_gui(app_ctx, "anna", []) == 0
        restarted: MainWindow = QApplication.instance()._sdrdesk_windows[-1]  # type: ignore[union-attr]
        qtbot.addWidget(restarted)
        qtbot.waitUntil(lambda: restarted.has_started, timeout=10_000)
        wait_idle(qtbot, restarted)
        assert menu_title(restarted, "menuFile") == "&Datei"
        assert find_action(restarted, "actionLanguageGerman").isChecked()
        # And back to English, live.
        find_action(restarted, "actionLanguageEnglish").trigger()
        qtbot.waitUntil(lambda: menu_title(restarted, "menuFile") == "&File", timeout=5_000)
        assert restarted.ui.statusBar.currentMessage().startswith("Language: English.")
        assert load_settings().language == "en"
        restarted.close()
    finally:
        app_ctx.store.dispose()
