"""The window's translations: Designer forms and ``tr()`` through the one gettext catalog,
Qt's own dialogs and buttons through Qt's ``qtbase`` catalog, QLocale for formats."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from sdrdesk import i18n


class CatalogTranslator(QTranslator):
    """Answers Qt's ``translate(context, text)`` from sdrdesk's gettext catalog.

    A text the catalog does not translate answers ``None`` (Qt's null string: "not
    found"), so Qt asks its next translator (``qtbase_de`` for the standard buttons and
    file dialogs) and at last keeps the source text. An empty string would not do: Qt
    takes "" for a translation and the text would vanish from the window."""

    def isEmpty(self) -> bool:
        return False

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if not source_text:
            return None
        catalog = i18n.translator(i18n.current_language())
        translated = catalog.gettext(source_text)
        return translated if translated != source_text else None


_installed: list[QTranslator] = []


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Set the language (``None``: the system's) and install the translators into ``app``.

    Returns the language in use. Called at start and by View › Language: installing and
    removing translators makes Qt send every widget a ``LanguageChange`` event, on which
    the windows translate themselves again (``gui/language.py``)."""
    chosen = i18n.set_language(language)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(i18n.current_locale()))
    if chosen != i18n.SOURCE_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load(f"qtbase_{chosen}", qt_dir):
            app.installTranslator(qtbase)
            _installed.append(qtbase)
        ours = CatalogTranslator(app)
        app.installTranslator(ours)
        _installed.append(ours)
    return chosen
