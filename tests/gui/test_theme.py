"""Dark mode and large fonts, as a user on a dark desktop at 200 % would see them: every
coloured text (the warning banner, hints, errors, the call workspace, the queue's and My
day's chips) has a contrast of at least 4.5:1 with what it is drawn on, measured on the
rendered pixels, in a light and a dark palette; and no text is cut with a 16 pt font."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from sdrdesk.gui import theme
from sdrdesk.gui.dialogs.identity_dialog import IdentityDialog
from sdrdesk.gui.models.queue_model import Column
from tests.gui.call_helpers import accept_all_and_show_mine, open_call
from tests.gui.conftest import QUEUE, WindowFactory, wait_idle
from tests.gui.palettes import cut_texts, desktop, drawn_contrast

AA = 4.5  # WCAG 2 AA for body text


@pytest.fixture(params=["light", "dark"])
def kind(request: pytest.FixtureRequest) -> Iterator[str]:
    with desktop(request.param):
        yield str(request.param)


def test_the_palette_picks_the_colour_set(kind: str) -> None:
    assert theme.colours().dark is (kind == "dark")


def test_banner_hints_and_errors_read_in_both_palettes(
    qtbot: QtBot, make_window: WindowFactory, kind: str
) -> None:
    window = make_window(*QUEUE)
    window.show_banner("The team database is not reachable; what you type is kept.")
    qtbot.waitUntil(window.ui.banner.isVisible)
    measured = {"banner": drawn_contrast(window.ui.banner)}

    accept_all_and_show_mine(qtbot, window)
    workspace = open_call(qtbot, window)
    measured["keys hint"] = drawn_contrast(workspace.ui.keysHint)
    measured["script notice"] = drawn_contrast(workspace.ui.scriptNotice)
    helper = next(w for w in workspace.findChildren(QLabel) if w.objectName().startswith("help_"))
    measured["question help"] = drawn_contrast(helper)
    for box in ("warning", "info", "error_box"):
        workspace.show_message("Choose how the call ended first (Ctrl+1–9).", box)
        measured[f"workspace {box}"] = drawn_contrast(workspace.ui.workspaceMessage)
    workspace.show_message(None)

    identity = IdentityDialog(window)
    qtbot.addWidget(identity)
    identity.show()
    identity.confirm()  # no name: refused with an error under the fields
    qtbot.waitUntil(identity.ui.identityError.isVisible)
    measured["identity error"] = drawn_contrast(identity.ui.identityError)

    low = {what: round(ratio, 2) for what, ratio in measured.items() if ratio < AA}
    assert not low, f"{kind}: contrast below {AA}:1 — {low}"


def test_chips_in_the_queue_and_my_day_read_in_both_palettes(
    qtbot: QtBot, make_window: WindowFactory, kind: str
) -> None:
    window = make_window(*QUEUE)
    base = window.ui.queueView.palette().color(QPalette.ColorRole.Base)
    alternate = window.ui.queueView.palette().color(QPalette.ColorRole.AlternateBase)
    model = window.model
    chips: list[QColor] = []
    for row in range(model.rowCount()):
        for column in Column:
            brush = model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole)
            if brush is not None:
                chips.append(brush.color())
    assert chips, "the queue shows coloured chips (waiting times)"
    for role in ("error", "success", "hint"):  # overdue, fresh, muted; the SAL verdicts
        chips.append(theme.qcolor(role))
    worst = min(contrast for c in chips for contrast in (theme.contrast(c, base),
                                                         theme.contrast(c, alternate)))  # fmt: skip
    assert worst >= AA, f"{kind}: a chip has {worst:.2f}:1"


def test_switching_to_a_dark_desktop_restyles_an_open_window(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    with desktop("light"):
        window = make_window(*QUEUE)
        window.show_banner("Saved, but the reminder could not be set.")
        light = window.ui.banner.styleSheet()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        with desktop("dark"):
            qtbot.waitUntil(lambda: window.ui.banner.styleSheet() != light)
            assert theme.DARK.warning_bg in window.ui.banner.styleSheet()
            assert drawn_contrast(window.ui.banner) >= AA


def test_no_text_is_cut_with_a_16_pt_font(qtbot: QtBot, make_window: WindowFactory) -> None:
    with desktop("dark", point_size=16):
        window = make_window(*QUEUE)
        window.showMaximized()
        window.show_banner("The team database is not reachable; what you type is kept.")
        wait_idle(qtbot, window)
        assert window.font().pointSizeF() == 16
        assert not cut_texts(window), cut_texts(window)

        accept_all_and_show_mine(qtbot, window)
        workspace = open_call(qtbot, window)
        workspace.showMaximized()
        qtbot.waitUntil(lambda: workspace.width() > 1000)
        assert not cut_texts(workspace), cut_texts(workspace)
        sections = workspace.ui.scriptView.sectionList
        for row in range(sections.count()):
            text = sections.item(row).text()  # with its count, "0/2"
            assert sections.viewport().width() >= sections.fontMetrics().horizontalAdvance(text)

        identity = IdentityDialog(window)
        qtbot.addWidget(identity)
        identity.show()
        identity.confirm()
        qtbot.waitUntil(identity.ui.identityError.isVisible)
        assert not cut_texts(identity), cut_texts(identity)
        # The check sees a cut: a button of a fixed few characters' width.
        narrow = QPushButton("Save and close", identity)
        narrow.setFixedWidth(theme.chars(narrow, 4))
        narrow.show()
        assert cut_texts(identity) == ["QPushButton 'Save and close'"]


def test_a_message_in_the_status_bar_never_covers_the_undo_label(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(*QUEUE)
    bar = window.ui.statusBar
    window.notify("Ein neuer Lead für Sie: Chiara Zürcher, Quantis Analytics AG (Score 19)", 60_000)
    window.action("actionAccept").trigger()
    undo = window.undo.label
    qtbot.waitUntil(lambda: bool(undo.text()))
    wait_idle(qtbot, window)
    assert bar.currentMessage()  # this one, or a new lead's notification that came since
    assert undo.isVisible()  # not hidden by the message
    assert window.undo.button.isVisible()
    # The message is drawn only left of the permanent widgets, where the undo label starts.
    permanent_left = min(
        w.geometry().left() for w in (undo, window.undo.button, window.queue_count) if w.isVisible()
    )
    assert permanent_left == undo.geometry().left()
    assert undo.geometry().left() >= theme.chars(undo, 10)  # the message keeps some room


def test_links_read_on_a_dark_palette_that_kept_the_default_blue(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """The lead panel's phone and e-mail are links; a dark theme that left the link
    colour at Qt's default blue (#0000ff, 2.4:1 on dark grey) would hide them."""
    with desktop("dark"):
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        blue = app.palette()
        blue.setColor(QPalette.ColorRole.Link, QColor("#0000ff"))
        app.setPalette(blue)
        window = make_window(*QUEUE)
        window.show()
        wait_idle(qtbot, window)
        palette = app.palette()
        link, base = palette.color(QPalette.ColorRole.Link), palette.color(QPalette.ColorRole.Base)
        assert theme.contrast(link, base) >= AA
        assert theme.contrast(link, palette.color(QPalette.ColorRole.Window)) >= AA
