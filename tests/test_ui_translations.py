"""French and Arabic for real (issue 17, item 7): complete catalogues that match the code,
compiled into the package, chosen in the app, right to left under Arabic with one set of
digits."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "ui" / "translations"
LANGS = ("fr", "ar")
BIN = Path(sys.executable).parent


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", m.findtext("source") or "", m)
            for ctx in root.findall("context") for m in ctx.findall("message")]


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_has_no_untranslated_entry(lang):
    ts = TRANSLATIONS / f"workbench_{lang}.ts"
    unfinished, empty = [], []
    for context, source, m in _messages(ts):
        tr = m.find("translation")
        if tr.get("type") in ("unfinished", "vanished", "obsolete"):
            unfinished.append(f"{context}: {source}")
        forms = [f.text for f in tr.findall("numerusform")] if m.get("numerus") == "yes" else [tr.text]
        if not all(f and f.strip() for f in forms):
            empty.append(f"{context}: {source}")
    assert not unfinished, unfinished[:10]
    assert not empty, empty[:10]


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_placeholders_and_markup(lang):
    bad = []
    for _context, source, m in _messages(TRANSLATIONS / f"workbench_{lang}.ts"):
        tr = m.find("translation")
        forms = [f.text or "" for f in tr.findall("numerusform")] if m.get("numerus") == "yes" else [tr.text or ""]
        for text in forms:
            if set(re.findall(r"%\d", source)) != set(re.findall(r"%\d", text)):
                bad.append((source, text))
            if sorted(re.findall(r"</?\w+", source)) != sorted(re.findall(r"</?\w+", text)):
                bad.append((source, text))
            if source.count("&") - source.count("&&") == 1 and text.count("&") != 1:
                bad.append((source, text))  # a menu's keyboard accelerator
    assert not bad, bad[:10]


def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """Re-extracting finds nothing new: every visible string of ui/ is in both catalogues."""
    lupdate = BIN / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {(c, s) for c, s, _ in _messages(fresh)}
    for lang in LANGS:
        have = {(c, s) for c, s, _ in _messages(TRANSLATIONS / f"workbench_{lang}.ts")}
        assert wanted - have == set(), f"{lang}: run pyside6-lupdate (docs/desktop.md, Translations)"


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_is_shipped_and_current(tmp_path, lang):
    lrelease = BIN / "pyside6-lrelease"
    shipped = TRANSLATIONS / f"workbench_{lang}.qm"
    assert shipped.is_file()
    if lrelease.exists():
        ts = tmp_path / f"workbench_{lang}.ts"
        shutil.copy(TRANSLATIONS / ts.name, ts)
        subprocess.run([str(lrelease), str(ts), "-qm", str(tmp_path / shipped.name)], check=True,
                       capture_output=True)
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), "run pyside6-lrelease"
    # Package data: ui.translations is a (namespace) package and *.qm files are included.
    from setuptools import find_namespace_packages

    assert "ui.translations" in find_namespace_packages(include=["ui*"], where=str(ROOT))
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["*"]
    assert "*.qm" in data


@pytest.mark.gui
def test_language_follows_the_system_and_the_choice_in_the_settings(qapp):
    from PySide6.QtCore import QLocale, Qt

    from ui.app import install_translations, resolve_language
    from ui.vocabulary import term
    from workbench import settings as user_settings

    assert resolve_language("system", QLocale("fr_FR")) == "fr"
    assert resolve_language("system", QLocale("ar_EG")) == "ar"
    assert resolve_language("system", QLocale("de_DE")) == "en"
    assert resolve_language("ar", QLocale("fr_FR")) == "ar"
    try:
        user_settings.update(language="fr")
        assert install_translations(qapp) == "fr"
        assert term("acknowledged") == "prise en compte"
        assert qapp.layoutDirection() == Qt.LeftToRight
        user_settings.update(language="ar")
        assert install_translations(qapp) == "ar"
        assert qapp.layoutDirection() == Qt.RightToLeft
        assert term("high") == "مرتفع"
        # One set of digits: Qt's own number formatting stays Western under Arabic.
        assert QLocale().toString(1234) in ("1234", "1,234") and QLocale().zeroDigit() == "0"
    finally:
        user_settings.update(language="en")
        install_translations(qapp)
    assert qapp.layoutDirection() == Qt.LeftToRight and term("high") == "high"


ARABIC_INDIC = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


@pytest.mark.gui
def test_arabic_window_is_right_to_left_translated_with_western_digits(qapp, qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel

    sys.path.insert(0, str(Path(__file__).parent))
    from ui_factory import show_window, write_demo_project

    from ui.app import install_translations
    from ui.bidi import LRM
    from workbench import settings as user_settings

    project = write_demo_project(tmp_path / "demo.wbproj", n_districts=4, n_indicators=2, n_months=24)
    user_settings.update(language="ar")
    install_translations(qapp)
    try:
        w = show_window(qtbot, project)
        assert w.layoutDirection() == Qt.RightToLeft and w.isRightToLeft()
        assert [w.tabs.tabText(i) for i in range(3)] == ["التنبيهات", "السلاسل", "الخريطة الحرارية"]
        assert w.menuBar().actions()[0].text() == "&ملف"
        # The charts keep time running left to right.
        assert w.series_view.chart.plot.layoutDirection() == Qt.LeftToRight
        assert w.series_view.chart.plot.getPlotItem().layoutDirection() == Qt.LeftToRight
        # Digits: Western everywhere, and the ISO period in an Arabic sentence stays one run.
        texts = [lab.text() for lab in w.findChildren(QLabel)] + [b.text() for b in w.findChildren(QAbstractButton)]
        texts += [w.freshness_label.fullText(), w.data_view.start_edit.text()]
        assert not [t for t in texts if ARABIC_INDIC.search(t)]
        latest = w.snapshot.latest_period.strftime("%Y-%m")
        assert f"{LRM}{latest}{LRM}" in w.freshness_label.fullText()
        w.close()
    finally:
        user_settings.update(language="en")
        install_translations(qapp)
