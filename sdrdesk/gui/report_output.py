"""A report on paper: PDF (QPdfWriter), a printer (QPrinter) or a PNG picture.

PDF and print lay out a document — title, period and filters, the chart drawn at print
resolution, then every row of the table — so nothing is cut off as it would be in a
screenshot. PNG is the page as it looks on screen.
"""

from __future__ import annotations

import contextlib
import html
import os
from pathlib import Path

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import (
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from sdrdesk.domain.errors import ValidationError
from sdrdesk.files import PRIVATE_FILE
from sdrdesk.gui import formats
from sdrdesk.gui.widgets.report_page import ReportPage
from sdrdesk.i18n import _
from sdrdesk.services.reports import Table

CHART_URL = QUrl("chart://report")
CHART_SIZE = (1000, 440)  # the chart's layout size; drawn at twice that for print
SCALE = 2


def chart_image(page: ReportPage) -> QImage:
    width, height = CHART_SIZE
    image = QImage(width * SCALE, height * SCALE, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(SCALE, SCALE)
    chart = page.chart_view.chart()
    if chart is not None:
        previous = chart.size()
        chart.resize(width, height)  # lay out for the page, not for the window
        chart.scene().render(painter, QRectF(0, 0, width, height), chart.sceneBoundingRect())
        chart.resize(previous)
    painter.end()
    return image


def table_html(table: Table) -> str:
    head = "".join(f"<th>{html.escape(c.label)}</th>" for c in table.columns)
    rows = []
    lines = list(table.rows) + ([table.total] if table.total is not None else [])
    for n, row in enumerate(lines):
        total = table.total is not None and n == len(lines) - 1
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            text = html.escape(formats.cell(value, column.kind))
            align = "left" if column.kind in ("text", "date") else "right"
            cells.append(f'<td align="{align}">{"<b>" + text + "</b>" if total else text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    notes = "".join(f"<p><small>{html.escape(n)}</small></p>" for n in table.notes)
    return (
        f"<h3>{html.escape(table.title)}</h3>"
        '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
        f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>{notes}"
    )


def report_document(page: ReportPage, subtitle: str) -> QTextDocument:
    document = QTextDocument()
    document.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL, chart_image(page))
    parts = [
        f"<h1>{html.escape(page.title)}</h1>",
        f"<p>{html.escape(subtitle)}</p>",
        f'<p><img src="{CHART_URL.toString()}" width="900"></p>',
    ]
    if page.table is not None:
        parts.append(table_html(page.table))
    if page.extra is not None:
        parts.append(table_html(page.extra))
    document.setHtml("".join(parts))
    return document


def _check_writable(path: Path) -> None:
    try:
        with path.open("ab"):
            pass
    except OSError as exc:
        raise ValidationError(
            _("Could not write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from exc


def write_pdf(page: ReportPage, subtitle: str, path: Path) -> None:
    _check_writable(path)
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{page.title} — {subtitle}")
    writer.setCreator("sdrdesk")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    document = report_document(page, subtitle)
    document.print_(writer)
    del writer  # finishes the file
    if not path.exists() or path.stat().st_size == 0:
        raise ValidationError(_("Could not write {path}.").format(path=path))
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_FILE)


def write_png(widget: QWidget, path: Path) -> None:
    _check_writable(path)
    if not widget.grab().save(str(path), "PNG"):
        raise ValidationError(_("Could not write {path}.").format(path=path))
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_FILE)


def print_report(page: ReportPage, subtitle: str, parent: QWidget) -> bool:
    """Ask for a printer and print; False if the user cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setDocName(page.title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    report_document(page, subtitle).print_(printer)
    return True
