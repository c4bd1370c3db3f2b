"""The main window, data view, chart and screenshot command, driven as a user would."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return write_demo_project(tmp_path / "demo.wbproj", n_districts=6, n_indicators=3, n_months=24,
                              groups=("", "youth"))


@pytest.fixture
def window(qtbot, demo):
    from ui.main_window import MainWindow

    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.open_project(demo)
    # The observations arrive in the background once the window is usable.
    qtbot.waitUntil(lambda: w.snapshot.columns is not None and not w.runner.is_busy(), timeout=20_000)
    return w


def test_snapshot_keeps_series_in_period_order(demo):
    from ui.snapshot import load_snapshot

    snap = load_snapshot(demo)
    assert snap.n_observations == 6 * 3 * 2 * 24
    assert len(snap.series) == 6 * 3 * 2
    periods, values = snap.series_values(5)
    assert periods.size == 24 and np.all(np.diff(periods.astype(np.int64)) > 0)
    # The same series straight from the store agrees value for value.
    rec = snap.series.iloc[5]
    from workbench.store import open_project

    with open_project(demo, readonly=True) as p:
        obs = p.observations(regions=[int(rec["region_id"])], indicators=[int(rec["indicator_id"])])
    obs = obs[obs["group"] == rec["group"]].sort_values("period")
    np.testing.assert_array_equal(values, obs["value"].to_numpy())
    # Once every observation is read in the background, the in-memory slices agree too.
    from ui.snapshot import load_columns

    snap.columns = load_columns(snap)
    assert snap.columns.size == snap.n_observations
    for row in range(len(snap.series)):
        from_sql = snap.series_values.__func__(_without_columns(snap), row)
        from_mem = snap.series_values(row)
        np.testing.assert_array_equal(from_sql[0], from_mem[0])
        np.testing.assert_array_equal(from_sql[1], from_mem[1])


def _without_columns(snap):
    import dataclasses

    return dataclasses.replace(snap, columns=None)


def test_completeness_counts_missing_values(tmp_path):
    from ui.snapshot import load_snapshot

    path = write_demo_project(tmp_path / "gaps.wbproj", n_districts=2, n_indicators=2, n_months=10,
                              missing_share=0.0)
    from workbench.store import open_project

    with open_project(path) as p, p.transaction() as c:
        c.execute("UPDATE observation SET value = NULL WHERE period < '2020-06-01' AND indicator_id ="
                  " (SELECT min(id) FROM indicator) AND region_id ="
                  " (SELECT id FROM region WHERE name = 'District 001')")
    snap = load_snapshot(path)
    comp = snap.completeness().set_index("name")
    assert comp.loc["District 001", "completeness"] == pytest.approx(15 / 20)
    assert comp.loc["District 002", "completeness"] == pytest.approx(1.0)


def test_window_shows_project_tree_status_and_every_tab(window, qtbot):
    snap = window.snapshot
    assert "demo" in window.project_label.text()
    assert "2021-12" in window.freshness_label.fullText()  # latest period of 24 months from 2020-01
    assert window.tree.topLevelItem(0).text(0) == "Testland"
    assert window.tree.topLevelItem(0).childCount() == 2
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(5)
        assert window.tabs.currentWidget().isVisible()
    assert window.imports_view.rowCount() == len(snap.imports) == 1


def test_data_model_rows_filter_and_cells(window):
    view = window.data_view
    model = view.model
    snap = window.snapshot
    assert model.rowCount() == snap.n_observations
    district = int(snap.regions.loc[snap.regions["name"] == "District 002", "id"].iloc[0])
    view.select_region(district)
    assert model.rowCount() == 3 * 2 * 24
    assert {model.data(model.index(r, 0)) for r in range(model.rowCount())} == {"District 002"}
    view.indicator_combo.setCurrentIndex(view.indicator_combo.findText("Indicator 2"))
    assert model.rowCount() == 2 * 24
    first = model.index(0, 4)
    obs = model.observation_row(0)
    expected = snap.columns.value[obs]
    shown = model.data(first)
    assert shown == ("missing" if np.isnan(expected) else f"{expected:,.2f}")
    assert model.data(model.index(0, 3)) == str(snap.columns.period[obs])
    # Picking a province shows all its districts.
    province = int(snap.regions.loc[snap.regions["name"] == "Province A", "id"].iloc[0])
    view.select_region(province)
    assert model.rowCount() == 3 * 2 * 24 * 3 // 3  # one indicator, 3 districts, 2 groups


def test_chart_draws_the_selected_series_and_compares(window, qtbot, tmp_path):
    snap = window.snapshot
    district = int(snap.regions.loc[snap.regions["name"] == "District 003", "id"].iloc[0])
    window.tree.select_region(district)
    window.open_region(district)
    view = window.series_view
    row = view.current_row
    assert snap.series["region"].iat[row] == "District 003"
    x, y = view.chart.values.getData()
    np.testing.assert_array_equal(y, snap.series_values(row)[1])
    assert view.list.count() == 3 * 2
    # Ctrl+click a second indicator: it is drawn as a comparison.
    view.list.item(2).setSelected(True)
    assert len(view.chart.comparisons) == 1
    other = int(view.list.item(2).data(0x0100))
    np.testing.assert_array_equal(view.chart.comparisons[0].getData()[1], snap.series_values(other)[1])
    # Hover read-out names the period and value.
    text = view.chart.readout_text(0)
    assert str(snap.series_values(row)[0][0]) in text
    out = view.chart.export(tmp_path / "chart.png")
    assert out.stat().st_size > 1000
    svg = view.chart.export(tmp_path / "chart.svg")
    assert "<svg" in svg.read_text()[:500]


def test_double_click_in_data_opens_series(window, qtbot):
    view = window.data_view
    index = view.model.index(7, 0)
    view._open_row(index)
    snap = window.snapshot
    obs = view.model.observation_row(7)
    assert window.series_view.current_row == int(snap.columns.series_code[obs])
    assert window.tabs.currentWidget() is window.series_view


def test_failed_open_reports_one_line(qtbot, tmp_path):
    from ui.main_window import MainWindow

    bad = tmp_path / "bad.wbproj"
    bad.write_bytes(b"not a database at all, just text" * 4)
    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.runner.failed, timeout=10_000):
        w.open_project(bad)
    assert "not a workbench project" in w.last_error
    assert w.snapshot is None


def test_recent_projects_persist(window, demo):
    assert window.recent_projects()[0] == str(demo.resolve())
    assert window.recent_menu.actions()[0].text() == str(demo.resolve())


def test_screenshot_command_writes_png_of_requested_size(run_cli, demo, tmp_path, qapp):
    from PySide6.QtGui import QImage

    out = tmp_path / "shot.png"
    code, _, err = run_cli("gui", "--project", demo, "--screenshot", out)
    assert code == 0, err
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    code, _, err = run_cli("gui", "--project", demo, "--screenshot", out, "--size", "1280x720")
    assert code == 0 and QImage(str(out)).size().toTuple() == (1280, 720)


def test_a_screenshot_of_the_index_tab_waits_for_the_index(demo, tmp_path, qapp, monkeypatch):
    """The Index is computed when its tab is first shown: the picture must show its rows, not
    "Computing…" (the screenshot waits for the work the tab started)."""
    from ui.main_window import MainWindow
    from ui.screenshot import take_screenshot

    seen: list[tuple[int, str]] = []
    grab = MainWindow.grab

    def spy(self, *args):
        seen.append((self.index_view.table.rowCount(), self.index_view.status.text()))
        return grab(self, *args)

    monkeypatch.setattr(MainWindow, "grab", spy)
    import ui.index_view as index_view

    compute = index_view.compute

    def slow(*args, **kwargs):  # as on the sample project on a busy laptop
        time.sleep(0.6)
        return compute(*args, **kwargs)

    monkeypatch.setattr(index_view, "compute", slow)
    take_screenshot(demo, tmp_path / "index.png", (1366, 768), tab="index")
    rows, status = seen[-1]
    assert rows == 6 and "Computing" not in status, (rows, status)


def test_gui_command_errors_are_one_line(run_cli, tmp_path):
    code, _, err = run_cli("gui", "--project", tmp_path / "missing.wbproj", "--screenshot", tmp_path / "x.png")
    assert code == 2 and err.startswith("error:") and err.count("\n") == 1


def test_switching_series_does_not_leak_references_to_true(window):
    """PySide6 6.12.0 lost a reference to True/None on every pyqtgraph item change and the app
    crashed after a few hundred chart switches; this fails on such a Qt binding."""
    view = window.series_view
    view.runner = None  # no background forecasts: other threads would move the counts too
    rows = list(range(len(window.snapshot.series)))
    view.show_series_row(rows[0])
    before = sys.getrefcount(True), sys.getrefcount(None)
    for k in range(60):
        view.show_series_row(rows[k % len(rows)])
    after = sys.getrefcount(True), sys.getrefcount(None)
    # The broken binding lost about 20 references per switch (over 1,000 here); allow noise.
    assert after[0] > before[0] - 400 and after[1] > before[1] - 400


def test_a_new_empty_project_opens_every_tab_without_errors(qtbot, tmp_path):
    from ui.main_window import MainWindow

    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.create_project(tmp_path / "new.wbproj")
    qtbot.waitUntil(lambda: w.snapshot.columns is not None and not w.runner.is_busy(), timeout=20_000)
    assert "No data yet" in w.series_view.heading.text()
    assert "no imports yet" in w.freshness_label.fullText()
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        qtbot.wait(5)
    assert w.data_view.model.rowCount() == 0
    assert w.inbox.detail.run_button.isVisibleTo(w.inbox.detail)


def test_recent_list_survives_a_single_entry_round_trip(qtbot, demo, tmp_path):
    """QSettings returns a one-item list as a plain string; it must not be split into letters."""
    import shutil

    from ui.main_window import MainWindow

    second = tmp_path / "second.wbproj"
    shutil.copy(demo, second)
    for path in (demo, second):
        w = MainWindow()
        w._headless = True
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.project_loaded, timeout=10_000):
            w.open_project(path)
        w.close()
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.recent_projects() == [str(second.resolve()), str(demo.resolve())]


def test_band_and_forecast_of_a_count_never_go_below_zero(tmp_path):
    from alerts_factory import write_series

    from ui.overlay import build_overlay, series_forecast
    from ui.snapshot import load_snapshot, warm_models

    counts = np.random.default_rng(3).poisson(3, 60).astype(float)
    counts[40:44] += 30  # a burst: the robust spread widens, the symmetric band dips below 0
    path = write_series(tmp_path / "counts.wbproj", {("Kibali", "incidents"): counts}, units={"incidents": "count"})
    assert warm_models()
    snap = load_snapshot(path)
    ov = build_overlay(snap, 0)
    assert ov.baseline is not None and np.isfinite(ov.band_low).any()
    assert np.nanmin(2 * ov.baseline - ov.band_high) < 0  # unclipped, the band would show negative counts
    assert np.nanmin(ov.band_low) == 0.0 and np.nanmin(ov.band_low) <= np.nanmin(ov.baseline)
    fc = series_forecast(snap, 0)
    assert fc is not None and (fc.forecast_low >= 0).all() and (fc.forecast_high >= fc.forecast_low).all()


def test_completeness_text_never_rounds_up_past_its_colour(qapp):
    import pandas as pd
    from PySide6.QtCore import Qt

    from ui.data_view import CompletenessModel

    model = CompletenessModel()
    model.set_frame(pd.DataFrame({"region_id": [1, 2], "name": ["Just under", "Just over"],
                                  "present": [923, 924], "expected": [972, 972],
                                  "completeness": [923 / 972, 924 / 972]}))
    rows = {model.data(model.index(r, 0)): r for r in range(2)}
    under, over = model.index(rows["Just under"], 1), model.index(rows["Just over"], 1)
    assert (model.data(under), model.data(over)) == ("94.9%", "95.0%")
    assert model.data(under, Qt.BackgroundRole) != model.data(over, Qt.BackgroundRole)


def test_switching_to_a_smaller_project_moves_every_view(window, qtbot, tmp_path):
    """The series on screen may not exist in the next project: nothing may redraw it."""
    last = len(window.snapshot.series) - 1
    window.series_view.show_series_row(last)
    small = write_demo_project(tmp_path / "small.wbproj", n_districts=1, n_indicators=1, n_months=12)
    old = window.snapshot
    with qtbot.waitSignal(window.project_loaded, timeout=10_000):
        window.open_project(small)
    qtbot.waitUntil(lambda: window.snapshot is not old and not window.runner.is_busy(), timeout=20_000)
    assert len(window.snapshot.series) == 1
    for view in (window.series_view, window.inbox, window.map, window.index_view, window.data_view):
        assert view._snap is window.snapshot, type(view).__name__
    assert window.series_view.current_row == 0
    assert window.progress.isHidden() and window.cancel_button.isHidden()


def test_switching_to_a_new_empty_project_shows_no_old_series(window, qtbot, tmp_path):
    window.series_view.show_series_row(len(window.snapshot.series) - 1)
    with qtbot.waitSignal(window.project_loaded, timeout=10_000):
        window.create_project(tmp_path / "empty.wbproj")
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=20_000)
    assert len(window.snapshot.series) == 0
    assert window.series_view.list.count() == 0 and window.series_view.current_row is None
    assert "No data yet" in window.series_view.heading.text()
