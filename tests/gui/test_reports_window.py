"""The reports window on the hand-worked scenario (tests/report_scenario.py), on both
backends: what a manager sees, exports and sends to marketing."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from sdrdesk.gui.reports_window import ReportsWindow
from sdrdesk.services.catalog import Services
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.feedback.export import ExportFormat
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.gui.conftest import WindowFactory
from tests.report_scenario import COMMENT_L5, build

SHOTS = Path("/tmp/sdrdesk-report-shots")


def idle(qtbot: QtBot, window: ReportsWindow) -> None:
    qtbot.waitUntil(lambda: not window.busy, timeout=15_000)


@pytest.fixture
def reports(
    qtbot: QtBot, ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, other_sdr: UserInfo
) -> Iterator[ReportsWindow]:
    build(ctx, clock, sdr, other_sdr)
    window = ReportsWindow(Services(ctx))
    qtbot.addWidget(window)
    window.resize(1200, 820)
    window.show()
    idle(qtbot, window)
    window.set_period(date(2026, 3, 2), date(2026, 3, 15))
    idle(qtbot, window)
    yield window
    window.close()


def cells(window: ReportsWindow, key: str) -> list[list[str]]:
    model = window.page(key).model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_every_report_shows_its_chart_and_table(qtbot: QtBot, reports: ReportsWindow) -> None:
    assert reports.objectName() == "reportsWindow"
    assert cells(reports, "reasons") == [
        ["Duplicate of another lead", "1", "0", "1", "25.0%"],
        ["No budget", "0", "1", "1", "25.0%"],
        ["Not our target customer (industry, size or region)", "1", "0", "1", "25.0%"],
        ["Other (explain in the comment)", "1", "0", "1", "25.0%"],
        ["Total", "3", "1", "4", "100.0%"],
    ]
    chart = reports.page("reasons").chart_view.chart()
    assert chart.title() == "Why leads went back to marketing"
    (series,) = chart.series()
    assert isinstance(series, QAbstractBarSeries)
    assert [b.label() for b in series.barSets()] == ["Rejected", "Disqualified"]
    SHOTS.mkdir(exist_ok=True)
    for page in reports.pages:
        reports.show_report(page.key)
        idle(qtbot, reports)
        assert page.loaded, page.key
        assert page.chart_view.chart().series(), page.key
        reports.grab().save(str(SHOTS / f"{page.key}.png"))
    assert cells(reports, "campaigns")[-1] == ["Total", "", "5", "2", "3", "60.0%", "1"]
    assert cells(reports, "weeks")[0][:2] == ["2026-W10", "2026-03-02"]
    assert cells(reports, "funnel")[-1][:6] == ["Team", "8", "2", "1", "3", "3"]
    assert cells(reports, "funnel")[-1][9:] == ["25 min", "60 min"]
    speed = cells(reports, "speed")
    assert speed[-1][:5] == ["Team", "8", "5", "1.5 h", "28.6%"]
    overdue = reports.page("speed").extra_model
    assert overdue.rowCount() == 2
    assert cells(reports, "calls")[-1] == ["Team", "2", "1", "3", "2", "66.7%", "8 min"]
    assert cells(reports, "grades")[-1] == ["Team", "1", "0", "1", "2", "50.0%", "1"]


def test_filters_and_breakdown(qtbot: QtBot, reports: ReportsWindow) -> None:
    reports.show_report("funnel")
    idle(qtbot, reports)
    combo = reports.ui.breakdownCombo
    assert combo.isEnabled()
    combo.setCurrentIndex(combo.findData("sdr"))
    idle(qtbot, reports)
    groups = [row[0] for row in cells(reports, "funnel")]
    assert groups == ["Anna Schmidt", "Ben Okafor", "(not yet triaged)", "Team"]
    sources = reports.ui.sourceCombo
    assert [sources.itemText(i) for i in range(sources.count())] == [
        "All sources",
        "Paid search",
        "Webinar",
    ]
    sources.setCurrentIndex(sources.findText("Webinar"))
    idle(qtbot, reports)
    assert cells(reports, "funnel")[-1][:3] == ["Team", "4", "1"]
    sdrs = reports.ui.sdrCombo
    sdrs.setCurrentIndex(sdrs.findText("Ben Okafor"))
    reports.show_report("reasons")
    idle(qtbot, reports)
    assert cells(reports, "reasons") == [["Total", "0", "0", "0", "–"]]  # Ben: none from webinars
    reports.show_report("campaigns")
    idle(qtbot, reports)
    assert not reports.ui.breakdownCombo.isEnabled()


def test_keyboard_moves_between_reports(qtbot: QtBot, reports: ReportsWindow) -> None:
    assert reports.ui.actionNextReport.toolTip() == "Next report (Ctrl+PgDown)"
    reports.ui.actionNextReport.trigger()
    idle(qtbot, reports)
    assert reports.current_page().key == "campaigns"
    reports.ui.actionPreviousReport.trigger()
    reports.ui.actionPreviousReport.trigger()
    idle(qtbot, reports)
    assert reports.current_page().key == "grades"


def test_pdf_and_png_export(qtbot: QtBot, reports: ReportsWindow, tmp_path: Path) -> None:
    reports.show_report("funnel")
    idle(qtbot, reports)
    pdf = reports.export_pdf(tmp_path / "funnel.pdf")
    assert pdf is not None
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Title (\xfe\xff" in data or b"/Title (Funnel" in data
    png = reports.export_png(tmp_path / "funnel.png")
    assert png is not None
    image = QImage(str(png))
    assert image.width() >= 1000
    assert reports.export_pdf(tmp_path / "missing" / "x.pdf") is None
    assert "Could not write" in (reports.last_error or "")


def test_feedback_export_from_the_window(
    qtbot: QtBot, reports: ReportsWindow, tmp_path: Path
) -> None:
    target = tmp_path / "feedback.csv"
    reports.export_feedback(target, ExportFormat.CSV, ";")
    idle(qtbot, reports)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == 4
    assert {r["Comment"] for r in rows} >= {"'" + COMMENT_L5}


def test_digest_copy_and_mail(qtbot: QtBot, reports: ReportsWindow) -> None:
    opened: list[QUrl] = []

    def fake_open(url: QUrl) -> bool:  # never launch a real mail program in a test
        opened.append(url)
        return True

    reports.open_url = fake_open
    reports.ui.actionDigest.trigger()
    qtbot.waitUntil(lambda: reports.digest_dialog is not None, timeout=10_000)
    dialog = reports.digest_dialog
    assert dialog is not None
    assert "Spring (Webinar)" in dialog.ui.digestText.toPlainText()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "digest.png"))
    assert dialog.ui.digestCopied.text() == ""
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(dialog.ui.digestText, Qt.Key.Key_Return)  # Enter copies, and says so
    assert QGuiApplication.clipboard().text() == dialog.digest.text
    assert dialog.ui.digestCopied.text() == "Copied: paste it into a mail to marketing."
    assert dialog.isVisible()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard().mimeData()
    assert clipboard.text() == dialog.digest.text
    assert "<h3>Spring (Webinar)</h3>" in clipboard.html()
    qtbot.mouseClick(dialog.mail_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    assert opened[0].scheme() == "mailto"
    assert "Lead feedback Mar 2, 2026" in unquote(opened[0].toString())
    dialog.reject()


def test_the_main_window_opens_the_reports(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    action = window.reports.action
    assert action.objectName() == "actionReports"
    assert action.toolTip() == "Reports (Ctrl+Shift+R)"
    action.trigger()
    opened = window.reports.window
    assert opened is not None
    qtbot.waitUntil(lambda: opened.isVisible() and not opened.busy, timeout=10_000)
    assert opened.ui.periodCombo.currentText() == "Last 30 days"
    action.trigger()
    assert window.reports.window is opened  # one reports window, raised again
    opened.close()
