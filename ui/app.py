"""QApplication set-up: high-DPI, style and palettes, language, and where window geometry is kept.

The user's settings (name in the history, theme, language, recent projects, tour) are the
core's typed model (:mod:`workbench.settings`), shared with the command line; Qt's own
settings file keeps only the window geometry. Settings an earlier version kept in Qt's file
are moved over once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ui import theme as _theme
from workbench import settings as user_settings

ORG, APP = "CohesionWorkbench", "Workbench"
TRANSLATIONS = Path(__file__).parent / "translations"
#: The languages the app is translated into, by code, each named in its own language.
LANGUAGES = {"en": "English", "fr": "Français", "ar": "العربية"}


def settings() -> QSettings:
    """Window geometry only; honour WORKBENCH_CONFIG_DIR (tests)."""
    override = os.environ.get("WORKBENCH_CONFIG_DIR")
    if override:
        Path(override).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(override) / "gui.ini"), QSettings.IniFormat)
    return QSettings(ORG, APP)


def make_app(argv: list[str] | None = None) -> QApplication:
    """Return the running QApplication or create one configured for the workbench."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    # The GUI thread shares the GIL with the task runner's workers; at Python's default 5 ms
    # switch interval each of its returns into Python waited up to 5 ms behind a worker, and a
    # repaint of many such steps stalled for 100 ms or more. 1 ms keeps the window responsive
    # for a few per cent of the workers' speed.
    sys.setswitchinterval(0.001)
    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    _theme.ensure_look(app)
    migrate_qsettings()
    install_translations(app)
    apply_theme(app, user_settings.load().theme)
    pg.setConfigOptions(antialias=True)
    return app


def migrate_qsettings() -> bool:
    """Move the user's choices an earlier version kept in Qt's settings file into the core's
    settings (once: only while the core's file does not exist yet)."""
    if user_settings.path().exists():
        return False
    old = settings()
    recent = old.value("recent", []) or []
    recent = [recent] if isinstance(recent, str) else [str(r) for r in recent]
    found = {"actor": str(old.value("actor", "") or ""), "theme": str(old.value("theme", "light") or "light"),
             "language": str(old.value("language", "system") or "system"),
             "recent": recent, "tour_seen": str(old.value("tour/seen", "false")).lower() == "true"}
    keys = ("actor", "theme", "language", "recent", "tour/seen")
    if not any(old.contains(k) for k in keys):
        return False
    user_settings.save(user_settings.Settings(**found))
    for key in keys:
        old.remove(key)
    return True


def chosen_language() -> str:
    """The language setting (:mod:`workbench.settings`): "system" or a code of :data:`LANGUAGES`."""
    value = user_settings.load().language
    return value if value in LANGUAGES or value == "system" else "system"


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The code of the language to show: the choice, or for "system" the system locale's
    language when the app has it, else English."""
    if choice in LANGUAGES:
        return choice
    name = (system or QLocale.system()).name().split("_")[0]
    return name if name in LANGUAGES else "en"


def install_translations(app: QApplication, language: str | None = None) -> str:
    """Load ``translations/workbench_<lang>.qm`` (and Qt's own for its dialogs) for the chosen
    language; right-to-left for Arabic. Returns the code of the language shown.

    Digits: the figures in the app come from data files and Python formatting, in Western
    digits (0-9) whatever the language; Qt's own number widgets would switch to Arabic-Indic
    digits under an Arabic locale, so a row could mix the two. Under Arabic the default
    locale for numbers is therefore the C locale: one set of digits everywhere.
    """
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    code = resolve_language(language or chosen_language())
    app.setProperty("workbench_language", code)
    if code == "en":
        app.setLayoutDirection(Qt.LeftToRight)
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        return code
    translator = QTranslator(app)
    if translator.load(str(TRANSLATIONS / f"workbench_{code}.qm")):
        app.installTranslator(translator)
    else:
        code = "en"
    qt_own = QTranslator(app)  # standard buttons of Qt's dialogs (OK, Cancel, Next ...)
    from PySide6.QtCore import QLibraryInfo

    if qt_own.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt_own)
    rtl = code == "ar"
    app.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
    QLocale.setDefault(QLocale.c() if rtl else QLocale(code))
    app.setProperty("workbench_language", code)
    return code


def apply_theme(app: QApplication, theme: str) -> None:
    """A light palette for the office and a dark one for projection in dim meeting rooms."""
    _theme.apply_theme(app, theme)
