"""The interface language: Qt translators loaded from resources/translations/*.qm and a
signal that lets every window re-label itself live (Frescobaldi's translateUI idea).

Source strings are English (`self.tr(...)`); the Turkish lives in pharmadesk_tr.ts. After
changing strings:  .venv/bin/pyside6-lupdate pharmadesk/ui/*.py -ts resources/translations/pharmadesk_tr.ts
then translate in the .ts (or Qt Linguist) and  .venv/bin/pyside6-lrelease resources/translations/pharmadesk_tr.ts
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from pharmadesk.bilingual import DEFAULT_LANGUAGE, LANGUAGES  # noqa: F401  (re-exported for the windows)
from pharmadesk.resources import resource_path

TRANSLATIONS_DIR = resource_path("translations")


class Language(QObject):
    """Owns the installed translators. `sig_changed(lang)` fires after a switch; widgets
    connect their `translate_ui` to it."""

    sig_changed = Signal(str)

    def __init__(self, app: QCoreApplication, lang: str = DEFAULT_LANGUAGE):
        super().__init__(app)
        self._app = app
        self._translators: list[QTranslator] = []
        self.code = ""
        self.set(lang)

    def set(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown interface language {lang!r}")
        if lang == self.code:
            return
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = [t for t in self._load(lang) if self._app.installTranslator(t)]
        self.code = lang
        QLocale.setDefault(QLocale(QLocale.Language.Turkish if lang == "tr" else QLocale.Language.English,
                                   QLocale.Country.Turkey if lang == "tr" else QLocale.Country.UnitedKingdom))
        self.sig_changed.emit(lang)

    def _load(self, lang: str) -> list[QTranslator]:
        if lang == "en":
            return []
        ours = QTranslator(self)
        if not ours.load(str(TRANSLATIONS_DIR / f"pharmadesk_{lang}.qm")):
            raise FileNotFoundError(f"missing translation file pharmadesk_{lang}.qm in {TRANSLATIONS_DIR}")
        # Qt's own strings (standard buttons, context menus) from the catalogue PySide6 ships.
        qt_base = QTranslator(self)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        loaded = [ours]
        if qt_base.load(f"qtbase_{lang}", qt_dir):
            loaded.append(qt_base)
        return loaded
