"""A light and a dark desktop in tests (Fusion style), and the contrast of what is drawn."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from sdrdesk.gui.statusbar.elided import ElidedLabel
from sdrdesk.gui.theme import contrast

# A dark palette as desktops ship it (KDE Breeze Dark and GNOME Adwaita dark are alike).
DARK = {
    "Window": "#353535",
    "WindowText": "#ffffff",
    "Base": "#2a2a2a",
    "AlternateBase": "#353535",
    "Text": "#ffffff",
    "Button": "#353535",
    "ButtonText": "#ffffff",
    "BrightText": "#ff0000",
    "Highlight": "#2a82da",
    "HighlightedText": "#ffffff",
    "ToolTipBase": "#353535",
    "ToolTipText": "#ffffff",
    "Link": "#8ab4f8",
    "PlaceholderText": "#a0a0a0",
}


def palette(kind: str) -> QPalette:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style = app.style()
    light = style.standardPalette()
    if kind == "light":
        return light
    dark = QPalette(light)
    for role, colour in DARK.items():
        dark.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return dark


@contextmanager
def desktop(kind: str, point_size: float | None = None) -> Iterator[None]:
    """The Fusion style with a ``light`` or ``dark`` palette (and a font size), and the
    application as it was afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, old_palette, old_font = app.style().name(), app.palette(), app.font()
    app.setStyle("Fusion")
    app.setPalette(palette(kind))
    if point_size is not None:
        font = QFont(old_font)
        font.setPointSizeF(point_size)
        app.setFont(font)
    try:
        yield
    finally:
        app.setFont(old_font)
        app.setStyle(style)
        app.setPalette(old_palette)


def drawn_contrast(widget: QWidget) -> float:
    """The contrast of the text drawn in ``widget`` with its background, from the pixels:
    the background is the commonest colour, the text the colour that differs most from
    it (a glyph's stem is drawn in the text colour; its anti-aliased edges only lower it)."""
    image = widget.grab().toImage()
    counts: Counter[int] = Counter(
        image.pixel(x, y) for x in range(image.width()) for y in range(image.height())
    )
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    return max(contrast(QColor.fromRgb(p), background) for p in counts)


def cut_texts(root: QWidget) -> list[str]:
    """The visible labels and buttons of ``root`` narrower than their text."""
    cut = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 1:
            continue
        if isinstance(widget, QLabel) and not isinstance(widget, ElidedLabel):
            text = widget.text()
            if not text or widget.wordWrap() or "<" in text or "\n" in text:
                continue
            needed = widget.fontMetrics().horizontalAdvance(text.replace("&", ""))
            room = widget.contentsRect().width() - 2 * widget.margin() - max(widget.indent(), 0)
        elif isinstance(widget, QAbstractButton) and widget.text():
            needed, room = widget.sizeHint().width(), widget.width()
        else:
            continue
        if room < needed:
            cut.append(f"{widget.objectName() or type(widget).__name__} {widget.text()!r}")
    return cut
