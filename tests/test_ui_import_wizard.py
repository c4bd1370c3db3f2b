"""The import wizard, driven page by page as an analyst would."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


def _workbook(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["Monthly partner report"])
    ws.append([])
    ws.append(["district", "indicator", "month", "value"])
    for district in ("North", "South"):
        for month in range(1, 7):
            ws.append([district, "trust", f"2024-{month:02d}", 10 + month])
    ws.append(["North", "trust", "not a month", 5])
    wb.save(path)
    return path


@pytest.fixture
def window(qtbot, tmp_path):
    from ui.main_window import MainWindow

    project = write_demo_project(tmp_path / "p.wbproj", n_districts=2, n_indicators=1, n_months=6)
    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.open_project(project)
    return w


def test_wizard_imports_a_workbook_and_the_table_shows_it(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QWizard

    xlsx = _workbook(tmp_path / "partner.xlsx")
    before = window.snapshot.n_observations
    window.start_import(xlsx)
    wiz = window._wizard
    qtbot.waitUntil(lambda: wiz.preview is not None, timeout=15_000)
    assert wiz.file_page.isComplete()
    assert [wiz.file_page.sheet_combo.itemText(i) for i in range(wiz.file_page.sheet_combo.count())][1:] == ["data"]

    wiz.next()  # the detected mapping, editable
    page = wiz.mapping_page
    assert page.roles["region"].currentText() == "district"
    assert page.roles["period"].currentText() == "month"
    assert page.header_spin.value() == 3
    assert page.sample.rowCount() == 12

    wiz.next()  # validation report: the bad row, by reason and row number
    report = wiz.report_page
    assert "kept 12" in report.summary.text() and "rejected 1" in report.summary.text()
    assert "not a period" in report.summary.text()
    assert report.rows.rowCount() == 1 and report.rows.item(0, 0).text() == "16"

    wiz.next()
    run = wiz.run_page
    assert not run.isComplete()
    with qtbot.waitSignal(window.project_loaded, timeout=20_000):
        run.start.click()
    assert run.isComplete() and "imported" in run.message.text()
    wiz.button(QWizard.FinishButton).click()

    snap = window.snapshot
    assert snap.n_observations == before + 12
    view = window.data_view
    assert "Loading" in view.count_label.text() or snap.columns is not None
    qtbot.waitUntil(lambda: snap.columns is not None, timeout=10_000)  # read in the background
    north = int(snap.regions.loc[snap.regions["name"] == "North", "id"].iloc[0])
    view.select_region(north)
    assert view.model.rowCount() == 6
    assert {view.model.data(view.model.index(r, 1)) for r in range(6)} == {"trust"}
    assert window.imports_view.item(0, 0).text() == "partner.xlsx"
    # The Imports tab lists the rejected row of that import, with its spreadsheet row number.
    window.imports_view.table.setCurrentCell(0, 0)
    rejected = window.imports_view.rejected
    qtbot.waitUntil(lambda: rejected.rowCount() == 1, timeout=10_000)
    assert rejected.item(0, 1).text() == "16" and "not a period" in rejected.item(0, 2).text()
    assert "not a month" in rejected.item(0, 3).text()


def test_changed_mapping_is_used_and_saved_for_next_month(window, qtbot, tmp_path):
    xlsx = _workbook(tmp_path / "partner.xlsx")
    window.start_import(xlsx)
    wiz = window._wizard
    qtbot.waitUntil(lambda: wiz.preview is not None, timeout=15_000)
    wiz.next()
    page = wiz.mapping_page
    # The analyst says the file's "indicator" column is really a population group, and
    # gives the indicator by name: the preview must follow.
    page.roles["group"].setCurrentText("indicator")
    page.roles["indicator"].setCurrentText("(none)")
    page.layout_combo.setCurrentText("long")
    page.fixed_indicator.setText("trust_in_neighbours")
    with qtbot.waitSignal(wiz.previewed, timeout=15_000):
        page.apply()
    sample = wiz.current_sheet().sample
    assert set(sample["indicator"]) == {"trust_in_neighbours"}
    assert set(sample["group"]) == {"trust"}
    wiz.next()
    wiz.next()
    with qtbot.waitSignal(window.project_loaded, timeout=20_000):
        wiz.run_page.start.click()
    from ui.import_wizard import saved_mappings

    saved = saved_mappings(window.project_path)
    assert saved["data"]["group"] == "indicator"
    wiz.close()

    # Next month: a new file with the same sheet gets the saved mapping proposed.
    second = _workbook(tmp_path / "partner_next.xlsx")
    window.start_import(second)
    wiz2 = window._wizard
    qtbot.waitUntil(lambda: wiz2.preview is not None and "data" in wiz2.overrides
                    and wiz2.current_sheet().mapping.group == "indicator", timeout=15_000)
    assert "saved" in wiz2.file_page.status.text()
    wiz2.close()


def test_unreadable_file_says_why_on_the_first_page(window, qtbot, tmp_path):
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a workbook")
    window.start_import(bad)
    wiz = window._wizard
    qtbot.waitUntil(lambda: bool(wiz.error), timeout=15_000)
    assert not wiz.file_page.isComplete()
    assert "broken.xlsx" in wiz.file_page.status.text() or wiz.error in wiz.file_page.status.text()
    wiz.close()


def test_dropping_a_spreadsheet_on_the_window_opens_the_wizard(window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    xlsx = _workbook(tmp_path / "dropped.xlsx")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(xlsx))])
    enter = QDragEnterEvent(QPointF(10, 10).toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.docx"))])
    refused = QDragEnterEvent(QPointF(10, 10).toPoint(), Qt.CopyAction, other, Qt.LeftButton, Qt.NoModifier)
    refused.ignore()
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    wiz = window._wizard
    assert wiz.file_page.path_edit.text() == str(xlsx)
    qtbot.waitUntil(lambda: wiz.preview is not None, timeout=15_000)
    wiz.close()


def _flush_deletes(qapp) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    qapp.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def test_closed_wizards_are_freed_and_leave_no_runner_connections(window, qtbot, qapp, tmp_path):
    from ui.import_wizard import ImportWizard

    def receivers() -> int:
        return window.runner.receivers("2cancelled(QString)") + window.runner.receivers("2progress(QString,double,QString)")

    baseline = receivers()
    xlsx = _workbook(tmp_path / "partner.xlsx")
    for _ in range(3):
        window.start_import(xlsx)
        wiz = window._wizard
        assert receivers() > baseline
        qtbot.waitUntil(lambda wiz=wiz: wiz.preview is not None, timeout=15_000)
        wiz.reject()
        assert window._wizard is None
    del wiz
    _flush_deletes(qapp)
    assert window.findChildren(ImportWizard) == []
    assert receivers() == baseline


def test_a_wizard_closed_mid_import_still_reloads_and_then_is_freed(window, qtbot, qapp, tmp_path, monkeypatch):
    import threading

    import workbench.importer.engine as engine
    from ui.import_wizard import ImportWizard, saved_mappings

    real, started, release = engine.import_file, threading.Event(), threading.Event()

    def held(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "import_file", held)
    before = window.snapshot.n_observations
    window.start_import(_workbook(tmp_path / "partner.xlsx"))
    wiz = window._wizard
    qtbot.waitUntil(lambda wiz=wiz: wiz.preview is not None, timeout=15_000)
    wiz.next()
    wiz.next()
    wiz.next()
    wiz.run_page.start.click()
    qtbot.waitUntil(started.is_set, timeout=5_000)
    wiz.reject()  # the analyst closes the wizard while the import runs
    _flush_deletes(qapp)
    assert len(window.findChildren(ImportWizard)) == 1  # kept alive for the import's callbacks
    del wiz
    with qtbot.waitSignal(window.project_loaded, timeout=20_000):
        release.set()
    assert window.snapshot.n_observations == before + 12
    assert "data" in saved_mappings(window.project_path)  # saved by the import task
    _flush_deletes(qapp)
    assert window.findChildren(ImportWizard) == []


def test_a_reading_that_is_not_clear_cut_is_shown_and_must_be_confirmed(window, qtbot, tmp_path):
    """Periods down and unnamed columns of numbers across: the wizard shows the reading,
    keeps Next disabled, and the analyst's Apply confirms it."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "incidents"
    ws.append(["Month", "North", "South"])
    for m in range(1, 4):
        ws.append([f"2024-{m:02d}", m, 2 * m])
    path = tmp_path / "across.xlsx"
    wb.save(path)
    window.start_import(path)
    wiz = window._wizard
    qtbot.waitUntil(lambda: wiz.preview is not None, timeout=15_000)
    wiz.next()
    page = wiz.mapping_page
    assert "not sure" in page.reading.text() and "regions_across" in page.reading.text()
    assert not page.isComplete()
    with qtbot.waitSignal(wiz.previewed, timeout=15_000):
        page.apply()
    qtbot.waitUntil(lambda: wiz.current_sheet().reading.clear_cut, timeout=15_000)
    assert page.isComplete() and "not sure" not in page.reading.text()
    assert set(wiz.current_sheet().sample["region"]) == {"North", "South"}
    wiz.close()


# -- issue 14: events, plausibility, next month's file ------------------------------------

EVENTS = Path(__file__).parent / "data" / "events" / "acled_benin_2009_2022.csv"


def _open(window, qtbot, path):
    window.start_import(path)
    wiz = window._wizard
    qtbot.waitUntil(lambda: wiz.preview is not None, timeout=20_000)
    return wiz


def test_wizard_shows_how_an_event_export_is_aggregated(window, qtbot):
    wiz = _open(window, qtbot, EVENTS)
    wiz.next()
    page = wiz.mapping_page
    assert page.layout_combo.currentText() == "events"
    assert "counted per admin2 (70 places) and month" in page.aggregation.text()
    assert page.event_period.isEnabled()
    page.event_period.setCurrentText("week")
    page.event_types.setChecked(True)
    with qtbot.waitSignal(wiz.previewed, timeout=20_000):
        page.apply()
    assert "and week, 2009-07-20 to 2022-12-26" in page.aggregation.text()
    assert "one indicator per event_type (6)" in page.aggregation.text()
    wiz.next()
    assert "aggregated: counted per admin2" in wiz.report_page.summary.text()
    wiz.close()


def test_wizard_shows_the_same_plausibility_warnings_as_the_cli(window, qtbot, tmp_path, run_cli):
    path = tmp_path / "odd.csv"
    path.write_text("district,indicator,month,value\nNorth,incidents,2024-01,-3\n"
                    "North,share of youth in dialogue (%),2024-01,140\nSouth,incidents,2024-01,2\n")
    _, out, _ = run_cli("import", path, "--project", tmp_path / "cli.wbproj", "--dry-run")
    assert "negative value -3 for a count (incidents)" in out and "140 is above 100 for a percentage" in out
    wiz = _open(window, qtbot, path)
    wiz.next()
    wiz.next()
    report = wiz.report_page
    assert "suspicious values (kept, please check): 2" in report.summary.text()
    reasons = [report.rows.item(r, 1).text() for r in range(report.rows.rowCount())]
    assert "negative value -3 for a count (incidents)" in reasons
    assert any("140 is above 100 for a percentage" in r for r in reasons)
    wiz.close()


def test_a_saved_mapping_that_no_longer_fits_is_dropped_not_a_dead_end(window, qtbot, tmp_path):
    from ui.import_wizard import save_mappings, saved_mappings
    from workbench.importer.mapping import Mapping

    # Last month's mapping named columns that next month's file renamed.
    save_mappings(window.project_path, [Mapping(sheet="data", header_row=3, region="Bezirk", indicator="Indikator",
                                                period="Monat", value="Wert")])
    wiz = _open(window, qtbot, _workbook(tmp_path / "partner.xlsx"))
    qtbot.waitUntil(lambda: "no longer fits" in wiz.file_page.status.text(), timeout=20_000)
    assert wiz.file_page.isComplete() and not wiz.file_page.forget.isHidden()  # Next works; forgetting too
    assert wiz.current_sheet().report.rows_kept == 12  # read afresh
    for _ in range(3):  # every page is reachable
        wiz.next()
    assert wiz.currentPage() is wiz.names_page
    qtbot.waitUntil(wiz.names_page.isComplete, timeout=20_000)
    wiz.close()

    # A saved mapping that still fits is proposed, and can be forgotten from the first page.
    save_mappings(window.project_path, [Mapping(sheet="data", header_row=3, region="district",
                                                indicator="indicator", period="month", value="value")])
    wiz = _open(window, qtbot, _workbook(tmp_path / "partner2.xlsx"))
    qtbot.waitUntil(lambda: "saved last time" in wiz.file_page.status.text(), timeout=20_000)
    assert not wiz.file_page.forget.isHidden()
    with qtbot.waitSignal(wiz.previewed, timeout=20_000):
        wiz.file_page.forget.click()
    assert "data" not in saved_mappings(window.project_path)
    wiz.close()


def test_names_page_maps_a_typo_to_the_existing_district(window, qtbot, tmp_path):
    import sqlite3

    path = tmp_path / "april.csv"
    path.write_text("district,indicator,month,value\nDistrict 001,trust,2024-04,5\nDistrlct 002,trust,2024-04,6\n"
                    "Riverside,trust,2024-04,7\n")
    wiz = _open(window, qtbot, path)
    # The held name is a decision of the sheet's reading, as on the command line; the layout
    # page asks only about columns, so it lets the analyst go on to the names page.
    held = wiz.current_sheet().reading.held_names()
    assert [(d.what, d.subject, d.choice, d.alternatives) for d in held] == [
        ("names.regions", "Distrlct 002", "Distrlct 002", ["District 002"])]
    wiz.next()
    assert wiz.mapping_page.isComplete() and "not sure" not in wiz.mapping_page.reading.text()
    assert "1 name(s) that look like typos" in wiz.mapping_page.reading.text()
    for _ in range(2):
        wiz.next()
    page = wiz.names_page
    qtbot.waitUntil(page.isComplete, timeout=20_000)
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == "Distrlct 002"
    combo = page.combos[0][2]
    # Kept as new unless the analyst picks the existing name: going through never merges.
    assert combo.currentIndex() == 0 and page.choices() == {"regions": {"Distrlct 002": "Distrlct 002"}}
    combo.setCurrentText("District 002")
    assert page.choices() == {"regions": {"Distrlct 002": "District 002"}}
    assert "New regions (1): Riverside" in page.summary.text()
    wiz.next()
    with qtbot.waitSignal(window.project_loaded, timeout=20_000):
        wiz.run_page.start.click()
    con = sqlite3.connect(window.project_path)
    names = {r[0] for r in con.execute("SELECT name FROM region")}
    assert "Distrlct 002" not in names and {"District 002", "Riverside"} <= names
    wiz.close()
