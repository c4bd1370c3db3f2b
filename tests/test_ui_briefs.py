"""Briefs from the app: File → Write brief… runs `workbench report`'s writers in-process, on the task runner."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):
    from ui.main_window import MainWindow

    project = write_demo_project(tmp_path / "demo.wbproj", n_districts=4, n_indicators=2, n_months=18, spikes=1)
    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.open_project(project, remember=False)
    qtbot.waitUntil(lambda: not w.runner.is_busy(), timeout=20_000)
    return w


def _answer_save_dialog(monkeypatch, path: Path, chosen_filter: str, *, mark: bool = True, window=None) -> list:
    """Answer File → Write brief's dialog: the file, the filter, the "mark as the meeting" box."""
    from PySide6.QtWidgets import QDialog
    from ui.main_window import MainWindow

    asked: list = []

    def fake(self, dialog):
        asked.append(dialog.nameFilters())
        dialog.selectNameFilter(chosen_filter)
        dialog.selectFile(str(path))
        self.brief_mark_box.setChecked(mark)
        return QDialog.Accepted

    monkeypatch.setattr(MainWindow, "exec_dialog", fake)
    return asked


def _write_through_menu(qtbot, window, monkeypatch, path: Path, chosen_filter: str, *, mark: bool = True) -> list:
    asked = _answer_save_dialog(monkeypatch, path, chosen_filter, mark=mark)
    gui_thread = threading.get_ident()
    seen_threads: list[int] = []
    import ui.brief as brief

    original = brief.collect_brief

    def spy(*args, **kwargs):
        seen_threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(brief, "collect_brief", spy)
    window.brief_action.trigger()
    assert window.runner.is_busy("brief")
    qtbot.waitUntil(lambda: not window.runner.is_busy("brief"), timeout=60_000)
    assert seen_threads and gui_thread not in seen_threads  # never on the GUI thread
    return asked


def test_menu_writes_the_excel_brief_and_says_where(qtbot, window, monkeypatch, tmp_path):
    import openpyxl

    out = tmp_path / "briefs" / "meeting"  # no extension: the chosen filter adds it
    out.parent.mkdir()
    asked = _write_through_menu(qtbot, window, monkeypatch, out, "Excel workbook (*.xlsx)")
    filters = ";;".join(asked[0])
    assert "(*.xlsx)" in filters and "A4 paper (*.pdf)" in filters and "Letter paper (*.pdf)" in filters
    written = out.with_name("meeting.xlsx")
    assert getattr(window, "last_error", None) is None
    wb = openpyxl.load_workbook(written, read_only=True)
    assert "Summary" in wb.sheetnames
    wb.close()
    assert str(written) in window.statusBar().currentMessage()
    assert str(written) in window.last_brief_summary
    assert window.open_folder_button.isVisible()
    assert [p.name for p in written.parent.iterdir()] == ["meeting.xlsx"]  # no scratch files left


def test_menu_writes_the_pdf_brief_on_letter_paper(qtbot, window, monkeypatch, tmp_path):
    out = tmp_path / "brief.pdf"
    _write_through_menu(qtbot, window, monkeypatch, out, "PDF brief, US Letter paper (*.pdf)")
    assert getattr(window, "last_error", None) is None
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert "Letter" in window.last_brief_summary
    # Letter is 612 x 792 points; A4 would be 595 x 842.
    assert b"/MediaBox [0 0 612.000000 792.000000]" in data


def test_a_brief_that_cannot_be_written_shows_the_one_line_error(qtbot, window, monkeypatch, tmp_path):
    missing = tmp_path / "nowhere" / "brief.xlsx"
    _answer_save_dialog(monkeypatch, missing, "Excel workbook (*.xlsx)")
    window.brief_action.trigger()
    qtbot.waitUntil(lambda: not window.runner.is_busy("brief"), timeout=20_000)
    assert window.last_error == f"cannot write {missing}: the folder {missing.parent} does not exist"
    assert "\n" not in window.last_error


def test_the_reports_error_line_reaches_the_user(qtbot, window, tmp_path):
    from ui.brief import BriefRequest

    window.project_path = tmp_path / "gone.wbproj"  # e.g. deleted while the app was open
    window.write_brief(BriefRequest(tmp_path / "b.xlsx", "a4"))
    qtbot.waitUntil(lambda: not window.runner.is_busy("brief"), timeout=20_000)
    assert window.last_error == f"project {tmp_path / 'gone.wbproj'} does not exist"
    assert not (tmp_path / "b.xlsx").exists()


def test_cancel_stops_the_brief_and_leaves_nothing(qtbot, window, tmp_path, monkeypatch):
    import ui.brief as brief
    from ui.brief import BriefRequest

    reading, release = threading.Event(), threading.Event()
    original = brief.collect_brief

    def slow(*args, **kwargs):  # a big project: still reading when the user cancels
        reading.set()
        release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(brief, "collect_brief", slow)
    out = tmp_path / "cancelled.pdf"
    window.write_brief(BriefRequest(out, "a4"))
    assert window.cancel_button.isVisible()
    assert reading.wait(10)
    with qtbot.waitSignal(window.runner.cancelled, timeout=5_000):
        window.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=20_000)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".brief-")] == []
    assert getattr(window, "last_error", None) is None


def test_dialog_answer_picks_format_and_paper():
    from ui.brief import PDF_A4_FILTER, PDF_LETTER_FILTER, XLSX_FILTER, request_from_dialog

    assert request_from_dialog("/x/b", PDF_LETTER_FILTER) == request_from_dialog("/x/b.pdf", PDF_LETTER_FILTER)
    assert request_from_dialog("/x/b", PDF_LETTER_FILTER).paper == "letter"
    assert request_from_dialog("/x/b", PDF_A4_FILTER).out == Path("/x/b.pdf")
    assert request_from_dialog("/x/b", XLSX_FILTER).out == Path("/x/b.xlsx")
    # A name the user typed with .pdf is a PDF even with the Excel filter left selected.
    assert request_from_dialog("/x/b.pdf", XLSX_FILTER) == request_from_dialog("/x/b.pdf", PDF_A4_FILTER)


def test_a_text_too_long_for_its_card_is_shortened_at_a_word_and_ends_with_an_ellipsis(qtbot, tmp_path):
    """An explanation longer than its card was cut through the middle of a line, the reader
    left with half a line and no sign that the text went on."""
    from PySide6.QtGui import QPdfWriter

    from ui.report_canvas import Canvas

    writer = QPdfWriter(str(tmp_path / "fit.pdf"))
    canvas = Canvas(writer)
    try:
        text = " ".join(f"word{i}" for i in range(400))
        short = "Fatalities in Khartoum: 2,080 in Dec 2025."
        assert canvas.fit(short, 100, 8.5, 20) == short  # what fits is left alone
        fitted = canvas.fit(text, 100, 8.5, 20)
        assert fitted.endswith(" …") and text.startswith(fitted[:-2])
        doc = canvas._document(100, 8.5, None)
        assert canvas._height(doc, fitted) <= 20
        words = fitted[:-2].split(" ")
        one_more = " ".join(text.split(" ")[:len(words) + 1]) + " …"
        assert canvas._height(doc, one_more) > 20  # the most words that fit
        assert canvas.html(0, 0, 100, text, 8.5, max_h=20) <= 20
        marked = "<b>" + text + "</b>"
        assert canvas.fit(marked, 100, 8.5, 20) == marked  # markup is clipped, never cut inside a tag
    finally:
        canvas.painter.end()


def test_the_brief_dialog_asks_whether_the_brief_is_the_meeting(qtbot, window, monkeypatch, tmp_path):
    """Checked by default (the brief moves the marker); unchecked, the marker stays (report --keep-marker)."""
    from alerts.meeting import read_marker
    from workbench.store import open_project

    def marker():
        with open_project(window.project_path, readonly=True) as p:
            return read_marker(p)

    dialog, box = window.brief_file_dialog(tmp_path / "x.xlsx")
    assert box.isChecked() and "moves the meeting marker" in box.text()
    assert box.parent() is dialog or dialog.isAncestorOf(box)
    _write_through_menu(qtbot, window, monkeypatch, tmp_path / "fr.xlsx", "Excel workbook (*.xlsx)", mark=False)
    assert getattr(window, "last_error", None) is None and (tmp_path / "fr.xlsx").exists()
    assert marker() is None and "left as it was" in window.last_brief_summary
    _write_through_menu(qtbot, window, monkeypatch, tmp_path / "ar.xlsx", "Excel workbook (*.xlsx)")
    assert marker() is not None and marker().source == "brief"
