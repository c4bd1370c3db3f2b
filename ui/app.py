"""QApplication set-up: high-DPI, palettes, translations and where window geometry is kept.

The user's settings (name in the history, theme, recent projects, tour) are the core's typed
model (:mod:`workbench.settings`), shared with the command line; Qt's own settings file keeps
only the window geometry. Settings an earlier version kept in Qt's file are moved over once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from workbench import settings as user_settings

ORG, APP = "CohesionWorkbench", "Workbench"
TRANSLATIONS = Path(__file__).parent / "translations"


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
    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    app.setStyle("Fusion")
    install_translations(app)
    migrate_qsettings()
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
             "recent": recent, "tour_seen": str(old.value("tour/seen", "false")).lower() == "true"}
    if not any(old.contains(k) for k in ("actor", "theme", "recent", "tour/seen")):
        return False
    user_settings.save(user_settings.Settings(**found))
    for key in ("actor", "theme", "recent", "tour/seen"):
        old.remove(key)
    return True


def install_translations(app: QApplication, locale: QLocale | None = None) -> QTranslator | None:
    """Load ``translations/workbench_<lang>.qm`` when one exists; right-to-left for Arabic."""
    locale = locale or QLocale.system()
    translator = QTranslator(app)
    if translator.load(locale, "workbench", "_", str(TRANSLATIONS)):
        app.installTranslator(translator)
        app.setLayoutDirection(locale.textDirection())
        return translator
    return None


def apply_theme(app: QApplication, theme: str) -> None:
    """A light palette for the office and a dark one for projection in dim meeting rooms."""
    palette = QPalette()
    if theme == "dark":
        colours = {
            QPalette.Window: "#2b2d30", QPalette.WindowText: "#e6e6e6", QPalette.Base: "#1e1f22",
            QPalette.AlternateBase: "#2b2d30", QPalette.Text: "#e6e6e6", QPalette.Button: "#3c3f41",
            QPalette.ButtonText: "#e6e6e6", QPalette.Highlight: "#3d6fb6",
            QPalette.HighlightedText: "#ffffff", QPalette.ToolTipBase: "#3c3f41",
            QPalette.ToolTipText: "#e6e6e6", QPalette.PlaceholderText: "#9a9a9a",
            QPalette.Link: "#8ab4f8",
        }
        pg.setConfigOptions(background="#1e1f22", foreground="#d0d0d0")
    else:
        colours = {
            QPalette.Window: "#f3f4f6", QPalette.WindowText: "#1d1f23", QPalette.Base: "#ffffff",
            QPalette.AlternateBase: "#f5f7fa", QPalette.Text: "#1d1f23", QPalette.Button: "#e9ebee",
            QPalette.ButtonText: "#1d1f23", QPalette.Highlight: "#2f6fb5",
            QPalette.HighlightedText: "#ffffff", QPalette.ToolTipBase: "#ffffe8",
            QPalette.ToolTipText: "#1d1f23", QPalette.PlaceholderText: "#808080",
            QPalette.Link: "#1f5fa8",
        }
        pg.setConfigOptions(background="w", foreground="#333333")
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    app.setProperty("workbench_theme", theme)
