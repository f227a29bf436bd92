"""The one place that knows colours and sizes: a light and a dark set, picked by the palette.

Every coloured text or box of the app (the warning banner, hints, errors, the call
workspace's messages, the queue's chips, the SAL verdicts) names a *role* here
(``error``, ``hint``, ``warning`` …), never a colour. ``colours()`` gives the set for the
application palette now in use: the dark set when its window colour is dark (a dark
desktop theme, or a dark ``QPalette``), else the light one. Each text colour has a
contrast of at least 4.5:1 (WCAG AA) with the background it is drawn on, in both sets
(tests/gui/test_theme.py measures it on rendered widgets).

``themed(widget, apply)`` runs ``apply`` now and again whenever the palette changes
(``QEvent.PaletteChange`` / ``ApplicationPaletteChange``), so a switch between a light
and a dark desktop restyles open windows.

Sizes follow the font, never pixels: ``chars(widget, n)`` is the width of ``n`` average
characters and ``lines(widget, n)`` the height of ``n`` lines in the widget's font, so a
16 pt font or a 200 % scale grows them alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Colours:
    """One set of colours, by role (hex ``#rrggbb``)."""

    dark: bool
    error: str  # error text on the window or base colour
    success: str  # a good sign (fresh lead, a criterion met)
    hint: str  # secondary text: hints, help under a question, unknown verdicts
    accent: str  # the filled part of a score bar
    track: str  # the empty part of a score bar (decoration, not text)
    warning_fg: str
    warning_bg: str
    warning_border: str
    error_box_fg: str
    error_box_bg: str
    error_box_border: str
    info_fg: str
    info_bg: str
    info_border: str


LIGHT = Colours(
    dark=False,
    error="#b3261e",
    success="#146c2e",
    hint="#595e63",
    accent="#1a5fc8",
    track="#c4c7cc",
    warning_fg="#3d2e00",
    warning_bg="#fff4ce",
    warning_border="#e0c36b",
    error_box_fg="#5c0a0f",
    error_box_bg="#fde7e9",
    error_box_border="#e8a3a8",
    info_fg="#0b3a75",
    info_bg="#e8f0fe",
    info_border="#a8c7fa",
)

DARK = Colours(
    dark=True,
    error="#ff9b93",
    success="#7dd892",
    hint="#b8bcc2",
    accent="#8ab4f8",
    track="#5f6368",
    warning_fg="#ffe7a3",
    warning_bg="#4a3b00",
    warning_border="#8c7000",
    error_box_fg="#ffdad6",
    error_box_bg="#5c1a1f",
    error_box_border="#a8474f",
    info_fg="#d3e3fd",
    info_bg="#0f2f57",
    info_border="#3f6aa8",
)


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (the application's by default) has a dark window colour."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colours(palette: QPalette | None = None) -> Colours:
    """The set for ``palette`` (the application's by default)."""
    return DARK if is_dark(palette) else LIGHT


def text_style(role: str) -> str:
    """A style sheet that colours a label's text by ``role`` (``error``, ``hint`` …)."""
    return f"color: {getattr(colours(), role)};"


def box_style(kind: str, selector: str = "", padding: str = "0.4em") -> str:
    """A coloured box (``warning``, ``error_box`` or ``info``): background, border and a
    text colour that reads on it; ``selector`` limits it to one widget (``#banner``)."""
    c = colours()
    body = (
        f"background: {getattr(c, kind + '_bg')}; color: {getattr(c, kind + '_fg')}; "
        f"border: 1px solid {getattr(c, kind + '_border')}; border-radius: 4px; "
        f"padding: {padding};"
    )
    return f"{selector} {{ {body} }}" if selector else body


def box_sheet(kind: str, name: str, padding: str = "0.4em") -> str:
    """``box_style`` for the widget named ``name`` and the text of the labels and buttons
    in it (a child does not take its parent's style sheet colour)."""
    fg = getattr(colours(), kind + "_fg")
    return (
        box_style(kind, f"#{name}", padding)
        + f" #{name} QLabel {{ color: {fg}; background: transparent; border: none; }}"
        + f" #{name} QToolButton {{ color: {fg}; }}"
    )


def qcolor(role: str) -> QColor:
    return QColor(getattr(colours(), role))


class _Restyle(QObject):
    """Calls ``apply`` when the palette of the widget or of the application turns from
    light to dark or back. A widget with a style sheet gets no palette events of its own,
    so the application's ``paletteChanged`` is heard as well."""

    def __init__(self, widget: QWidget, apply: Callable[[], object]) -> None:
        super().__init__(widget)
        self._apply = apply
        self._dark = is_dark()
        widget.installEventFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.paletteChanged.connect(self._changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._changed()
        return False

    def _changed(self, *_args: object) -> None:
        dark = is_dark()
        if dark != self._dark:  # a style sheet's own palette change is no reason
            self._dark = dark
            self._apply()


def themed(widget: QWidget, apply: Callable[[], object]) -> None:
    """Run ``apply`` now, and again when the palette turns from light to dark or back."""
    apply()
    _Restyle(widget, apply)


def colour_text(widget: QWidget, role: str) -> None:
    """Colour ``widget``'s text by ``role``, now and after a palette change."""
    themed(widget, lambda: widget.setStyleSheet(text_style(role)))


def chars(widget: QWidget, n: float) -> int:
    """The width of ``n`` average characters in ``widget``'s font."""
    return round(widget.fontMetrics().averageCharWidth() * n)


def lines(widget: QWidget, n: float) -> int:
    """The height of ``n`` lines of text in ``widget``'s font."""
    return round(widget.fontMetrics().lineSpacing() * n)


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_links() -> None:
    """Keep links readable: a palette whose link colour has under 4.5:1 on its base (a
    dark palette that kept the default blue) gets the set's accent for links, now and
    after every palette change."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication) or app.property("sdrdeskLinks"):
        return
    app.setProperty("sdrdeskLinks", True)

    def fix(*_args: object) -> None:
        palette = QGuiApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        if contrast(palette.color(QPalette.ColorRole.Link), base) >= 4.5:
            return
        accent = QColor(colours(palette).accent)
        palette.setColor(QPalette.ColorRole.Link, accent)
        palette.setColor(QPalette.ColorRole.LinkVisited, accent)
        QGuiApplication.setPalette(palette)

    fix()
    app.paletteChanged.connect(fix)
