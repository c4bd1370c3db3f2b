"""The brief in French and Arabic: translated fixed texts, the same numbers as the inbox in every
language, right to left under Arabic, and ``--language`` checked like every argument.

"No English fixed text" is checked against the catalogue itself: every English text of the
brief's code (the ``.po`` msgids, placeholders as wildcards) whose translation differs must not
be found in a French or Arabic brief, except where the cell is data from the project (a region,
an indicator, a rule, a note, an explanation the model run stored in English).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from babel.messages.pofile import read_po

sys.path.insert(0, str(Path(__file__).parent))
from briefs_factory import build_project  # noqa: E402

from workbench.i18n import DOMAIN, LOCALE_DIR, language  # noqa: E402

LANGS = ("en", "fr", "ar")
HAS_POPPLER = bool(shutil.which("pdftoppm") and shutil.which("pdftotext"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("lang") / "brief.wbproj")


def report(project: Path, out: Path, *extra: str) -> None:
    from workbench.cli import main

    assert main(["report", "--project", str(project), "--out", str(out), *extra]) == 0


@pytest.fixture(scope="module")
def books(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, openpyxl.Workbook]:
    folder = tmp_path_factory.mktemp("lang-xlsx")
    out = {}
    for code in LANGS:
        path = folder / f"brief-{code}.xlsx"
        report(project, path, "--language", code)
        out[code] = openpyxl.load_workbook(path)
    return out


def english_patterns(code: str) -> list[tuple[str, re.Pattern]]:
    """The catalogue's English texts whose ``code`` translation differs, as full-text patterns."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as f:
        catalogue = read_po(f, locale=code)
    out = []
    for m in catalogue:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for english in ids:
            if english in strings:
                continue  # "province", "note", "total": the same word in French
            parts = re.split(r"\{[^}]*\}", english)
            out.append((english, re.compile(".+?".join(re.escape(p) for p in parts), re.S)))
    return out


def project_data(project: Path) -> set[str]:
    """Every text the project itself holds that a brief may print as it is."""
    from alerts.history import history_frame
    from alerts.listing import read_alerts
    from workbench.store import open_project

    with open_project(project, readonly=True) as p:
        alerts = read_alerts(p.conn)
        history = history_frame(p.conn)
        regions = p.regions()
        codebook = p.indicators()
    values: set[str] = {project.stem}
    for frame, cols in ((alerts, ("region", "indicator", "group", "rule", "method", "explanation")),
                        (history, ("actor", "note", "region", "indicator")),
                        (regions, ("name",)), (codebook, ("key", "name", "unit"))):
        for c in cols:
            if c in frame:
                values |= {str(v) for v in frame[c].dropna()}
    return values


def text_cells(book: openpyxl.Workbook) -> list[tuple[str, str]]:
    return [(ws.title, c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.strip()]


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_xlsx_has_no_english_fixed_text(books: dict, project: Path, code: str) -> None:
    data = project_data(project)
    patterns = english_patterns(code)
    cells = text_cells(books[code])
    assert len(cells) > 100
    english = [(sheet, value, source) for sheet, value in cells if value not in data and value.lstrip("'") not in data
               for source, pattern in patterns if pattern.fullmatch(value)]
    assert english == []
    # and the English brief does say them (the check above looks at the right texts)
    en_cells = {v for _s, v in text_cells(books["en"])}
    assert {"Cohesion early-warning brief", "total active", "new alerts"} <= en_cells


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_xlsx_headings_sheets_and_words_are_translated(books: dict, code: str) -> None:
    L = language(code)
    book = books[code]
    assert book.sheetnames == [L._("Summary"), L._("Meeting"), L._("Alerts"), L._("Alert history"), L._("Changes"),
                               L._("Indicators ({frequency})", frequency=L.word("monthly")), L._("Index")]
    assert book.sheetnames != books["en"].sheetnames
    summary = book.worksheets[0]
    assert summary["A1"].value == L._("Cohesion early-warning brief")
    assert summary["B4"].value == L.month_year("2024-12-01")  # "décembre 2024", "ديسمبر 2024"
    alerts = book[L._("Alerts")]
    header = [c.value for c in alerts[1]]
    assert L.word("severity") in header and L.word("first period") in header
    statuses = {r[header.index(L.word("status"))] for r in alerts.iter_rows(min_row=2, values_only=True)}
    assert L.word("closed") in statuses and "closed" not in statuses
    rules = {r[header.index(L.word("rule"))] for r in alerts.iter_rows(min_row=2, values_only=True)}
    assert L.word("escalation") in rules and not rules & {"escalation", "polarization"}, rules  # as the app says them
    # the severity colours follow the translated word
    rules = [r.formula[0] for cf in alerts.conditional_formatting for r in cf.rules]
    assert any(f'"{L.word("high")}"' in f for f in rules)
    indicators = book[L._("Indicators ({frequency})", frequency=L.word("monthly"))]
    assert indicators.cell(row=2, column=8).number_format == "yyyy-mm"  # never Excel's English "mmm"
    assert books["en"]["Indicators (monthly)"].cell(row=2, column=8).number_format == "mmm yyyy"
    rtl = [ws.sheet_view.rightToLeft for ws in book.worksheets]
    assert all(rtl) if code == "ar" else not any(rtl)


def summary_numbers(book: openpyxl.Workbook) -> list:
    """Every number of the Summary sheet, in sheet order."""
    ws = book.worksheets[0]
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))]


def test_numbers_are_the_inbox_numbers_in_every_language(books: dict, project: Path) -> None:
    from alerts.listing import alerts_frame
    from alerts.views import situations
    from workbench.store import open_project

    with open_project(project, readonly=True) as p:
        active = alerts_frame(p.conn, active=True)  # what `workbench alerts --active` and the inbox list
    by_alerts = active["severity"].value_counts()
    by_situations = situations(active)["severity"].value_counts()
    numbers = {code: summary_numbers(books[code]) for code in LANGS}
    assert numbers["fr"] == numbers["en"] == numbers["ar"]
    for code in LANGS:
        ws = books[code].worksheets[0]
        table = [(ws.cell(row=r, column=2).value, ws.cell(row=r, column=3).value) for r in range(9, 12)]
        assert table == [(int(by_situations.get(s, 0)), int(by_alerts.get(s, 0))) for s in ("high", "medium", "low")]
        assert ws.cell(row=12, column=3).value == len(active) > 0
        n_alerts = len(list(books[code].worksheets[2].iter_rows(min_row=2)))
        assert n_alerts == len(list(books["en"]["Alerts"].iter_rows(min_row=2)))


def test_unknown_language_is_one_error_line_and_writes_nothing(project: Path, tmp_path: Path, run_cli) -> None:
    from workbench.store import open_project

    with open_project(project, readonly=True) as p:
        marker = p.meta("meeting_marker")
    out = tmp_path / "brief.xlsx"
    code, stdout, stderr = run_cli("report", "--project", project, "--out", out, "--language", "de")
    assert code == 2 and stdout == ""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "--language" in lines[0] and "'fr'" in lines[0]
    assert not out.exists()
    with open_project(project, readonly=True) as p:
        assert p.meta("meeting_marker") == marker  # the meeting marker did not move


def test_language_setting_is_the_default(project: Path, tmp_path: Path, run_cli) -> None:
    from workbench import settings

    settings.update(language="fr")  # the desktop's View → Language
    out = tmp_path / "brief.xlsx"
    code, _out, _err = run_cli("report", "--project", project, "--out", out)
    assert code == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "Synthèse"


# -- the PDF ---------------------------------------------------------------------------------
def page_text(pdf: Path, page: int) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    # Arabic comes out in presentation forms and with embedding marks: back to plain letters
    return plain(unicodedata.normalize("NFKC", text))


def plain(text: str) -> str:
    """Without bidirectional marks and Arabic vowel marks (the extraction reorders a shadda)."""
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    return re.sub("\\s?[\u064b-\u065f\u0670]", "", text)


@pytest.fixture(scope="module")
def pdfs(project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not HAS_POPPLER:
        pytest.skip("poppler-utils (pdftoppm, pdftotext) not installed")
    folder = tmp_path_factory.mktemp("lang-pdf")
    out = {}
    for code in LANGS:
        out[code] = folder / f"brief-{code}.pdf"
        report(project, out[code], "--language", code)
    return out


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.mark.gui
@pytest.mark.parametrize("code", ["fr", "ar"])
def test_pdf_has_the_translated_headings_and_no_english_fixed_text(pdfs: dict, code: str) -> None:
    L = language(code)
    pdf = pdfs[code]
    n = pages(pdf)
    assert n == pages(pdfs["en"])
    text = "\n".join(page_text(pdf, p) for p in range(1, n + 1))
    flat = re.sub(r"\s+", " ", text)
    for heading in ("Cohesion early-warning brief", "Headline alerts", "The meeting", "Risk heatmap",
                    "Composite index ranking", "Decisions since the last meeting"):
        assert plain(L._(heading)) in flat, heading
        assert heading not in flat
    assert plain(L.word("escalation")) in flat and " · escalation · " not in flat  # the rule on each card
    # every literal part of an English text of the catalogue long enough to be unambiguous
    found = []
    for english, _pattern in english_patterns(code):
        for part in re.split(r"\{[^}]*\}", english):
            part = part.strip(" .,:;()·")
            if len(part) >= 15 and part in flat:
                found.append(part)
    assert found == []


@pytest.mark.gui
def test_pdf_numbers_are_the_same_in_every_language(pdfs: dict) -> None:
    """Page 1 (counts by severity, changes, headline alerts, dates) prints the same numbers,
    in Latin digits, whatever the language."""
    # The time each was written ("01:13 UTC") may cross a minute between the three briefs.
    digits = {code: sorted(re.findall(r"\d+", re.sub(r"\d\d:\d\d UTC", "", page_text(pdfs[code], 1))))
              for code in LANGS}
    assert digits["en"] and digits["fr"] == digits["en"] == digits["ar"]
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", page_text(pdfs["ar"], 1))  # no Arabic-Indic digit


def title_margins(pdf: Path, tmp_path: Path) -> tuple[int, int]:
    """The blank space left and right of the title (white ink) in page 1's blue band, in pixels."""
    from PySide6.QtGui import QColor, QImage

    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")], check=True)
    img = QImage(str(next(tmp_path.glob("p*.png"))))
    y_mid = int(img.height() * 0.043)  # inside the band, above the title
    band = [x for x in range(img.width()) if QColor(img.pixel(x, y_mid)).blue() > 100
            and QColor(img.pixel(x, y_mid)).red() < 80]
    ink = [x for y in range(int(img.height() * 0.045), int(img.height() * 0.075)) for x in band
           if QColor(img.pixel(x, y)).lightness() > 200]
    assert band and ink
    return min(ink) - min(band), max(band) - max(ink)


@pytest.mark.gui
def test_arabic_pdf_is_laid_out_right_to_left(pdfs: dict, tmp_path: Path) -> None:
    for code in LANGS:
        (tmp_path / code).mkdir()
    en_left, en_right = title_margins(pdfs["en"], tmp_path / "en")
    ar_left, ar_right = title_margins(pdfs["ar"], tmp_path / "ar")
    assert en_left < en_right / 3  # the English title starts at the band's left edge
    assert ar_right < ar_left / 3  # the Arabic one at its right edge


@pytest.mark.gui
def test_the_canvas_is_right_to_left_for_arabic_only(qapp, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPdfWriter

    from ui.report_canvas import Canvas

    for rtl in (False, True):
        writer = QPdfWriter(str(tmp_path / f"{rtl}.pdf"))
        c = Canvas(writer, rtl=rtl)
        assert c.painter.layoutDirection() == (Qt.RightToLeft if rtl else Qt.LeftToRight)
        assert c.rect(0, 0, 10, 5).left() == (c.mm(c.width_mm - 10) if rtl else 0)
        with c.left_to_right():  # the heatmap's grid: time runs left to right
            assert c.rect(0, 0, 10, 5).left() == 0
        assert c.rtl == rtl
        c.painter.end()


@pytest.mark.gui
def test_the_desktop_writes_the_brief_in_the_app_language(qapp, project: Path, tmp_path: Path) -> None:
    from ui.brief import XLSX_FILTER, request_from_dialog, write_brief

    was = qapp.property("workbench_language")
    qapp.setProperty("workbench_language", "ar")
    try:
        request = request_from_dialog(str(tmp_path / "brief"), XLSX_FILTER)
    finally:
        qapp.setProperty("workbench_language", was)
    assert request.language == "ar"
    write_brief(project, request)
    book = openpyxl.load_workbook(request.out)
    assert book.sheetnames[0] == "الملخص" and book.worksheets[0].sheet_view.rightToLeft
