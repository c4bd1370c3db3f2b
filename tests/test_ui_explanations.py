"""The explanation people read is in their language: the desktop's detail pane in the language
the app shows, the brief (Excel and PDF) in the brief's; alerts from before the run stored
parts keep their English text."""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from briefs_factory import build_project  # noqa: E402

from alerts.explain_text import render  # noqa: E402
from workbench.i18n import language  # noqa: E402

HAS_POPPLER = bool(shutil.which("pdftotext"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("explain-ui") / "brief.wbproj")


def _parts(project: Path) -> dict[int, dict]:
    with sqlite3.connect(project) as conn:
        return {i: json.loads(d)["explain"] for i, d in conn.execute("SELECT id, details FROM alert")}


def _show(qtbot, snap, alert_id: int):  # noqa: ANN001, ANN202
    from alerts.views import situations
    from ui.alert_detail import AlertDetail

    pane = AlertDetail()
    qtbot.addWidget(pane)
    pane.set_snapshot(snap)
    sit_id = int(snap.alerts.loc[snap.alerts["id"] == alert_id, "situation_id"].iat[0])
    sit = situations(snap.alerts)
    pane.show_situation(sit[sit["situation_id"] == sit_id].iloc[0])
    pane.select_alert(alert_id)
    return pane


@pytest.mark.gui
@pytest.mark.parametrize("code", ["fr", "ar"])
def test_the_detail_pane_shows_the_explanation_in_the_apps_language(qapp, qtbot, project: Path, code: str) -> None:
    from ui.app import install_translations
    from ui.snapshot import load_snapshot
    from workbench import settings as user_settings

    snap = load_snapshot(project)
    alert = snap.alerts.iloc[0]
    parts = _parts(project)[int(alert["id"])]
    user_settings.update(language=code)
    install_translations(qapp)
    try:
        pane = _show(qtbot, snap, int(alert["id"]))
        shown = pane.explanation.text()
        from ui.bidi import isolate_numbers

        said = render(parts, code)
        assert shown.startswith(html.escape(isolate_numbers(said) if code == "ar" else said) + "<br>")
        assert str(alert["explanation"]) not in shown
        if code == "fr":
            assert "habituellement environ" in shown and "signalé sur" in shown
        else:
            assert "عادةً نحو" in shown and "؛" in shown
    finally:
        user_settings.update(language="en")
        install_translations(qapp)
    pane = _show(qtbot, snap, int(alert["id"]))
    assert pane.explanation.text().startswith(html.escape(str(alert["explanation"])) + "<br>")


@pytest.mark.gui
def test_an_alert_without_parts_shows_its_english_text_in_french(qapp, qtbot, project: Path, tmp_path: Path) -> None:
    from ui.app import install_translations
    from ui.snapshot import load_snapshot
    from workbench import settings as user_settings

    old = tmp_path / "old.wbproj"
    shutil.copyfile(project, old)
    with sqlite3.connect(old) as conn:  # as an alert stored before runs kept parts
        alert_id, details = conn.execute("SELECT id, details FROM alert ORDER BY id LIMIT 1").fetchone()
        d = json.loads(details)
        d.pop("explain")
        conn.execute("UPDATE alert SET details = ? WHERE id = ?", (json.dumps(d), alert_id))
    snap = load_snapshot(old)
    english = str(snap.alerts.loc[snap.alerts["id"] == alert_id, "explanation"].iat[0])
    user_settings.update(language="fr")
    install_translations(qapp)
    try:
        assert _show(qtbot, snap, alert_id).explanation.text().startswith(html.escape(english) + "<br>")
    finally:
        user_settings.update(language="en")
        install_translations(qapp)


def _report(project: Path, out: Path, code: str) -> None:
    from workbench.cli import main

    assert main(["report", "--project", str(project), "--out", str(out), "--language", code]) == 0


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_the_excel_brief_writes_each_explanation_in_its_language(project: Path, tmp_path: Path, code: str) -> None:
    out = tmp_path / f"brief-{code}.xlsx"
    _report(project, out, code)
    book = openpyxl.load_workbook(out)
    parts = _parts(project)
    ws = book[language(code)._("Alerts")]
    header = [c.value for c in ws[1]]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] is not None]
    ids = [r[0] for r in rows]
    texts = [r[len(header) - 1] for r in rows]
    assert sorted(ids) == sorted(parts)
    for alert_id, text in zip(ids, texts):
        assert text == render(parts[alert_id], code)
    # page 1's headline alerts too
    first = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(t in first for t in texts)


@pytest.mark.gui
@pytest.mark.skipif(not HAS_POPPLER, reason="poppler-utils (pdftotext) not installed")
def test_the_french_pdf_brief_prints_the_french_explanation(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief-fr.pdf"
    _report(project, out, "fr")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
    assert "habituellement environ" in flat
    assert "normally about" not in flat and "flagged in" not in flat
