"""Charts that tell the truth at first sight: the rule's own lines, on the first chart, for
the project on screen, in the theme on screen (issue 17, item 4)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from alerts_factory import noise_series, with_step, write_series  # noqa: E402
from ui_factory import open_window, write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def monitored(tmp_path_factory) -> Path:
    """A level series that steps up, one that falls (higher is better) and a count that bursts,
    with the shipped rules run over them."""
    from alerts.engine import run_models

    rng = np.random.default_rng(11)
    counts = rng.poisson(2.0, 72).astype(float)
    counts[68:71] += [9, 12, 10]
    series = {  # recent enough to be active (ongoing in the latest data) when the window opens
        ("Kibali", "discrimination"): with_step(noise_series(72, 1, 30, 1.5), 66, 9.0),
        ("Kibali", "trust"): with_step(noise_series(72, 2, 60, 1.5), 65, -10.0),
        ("Ostin", "incidents"): counts,
        ("Ostin", "discrimination"): noise_series(72, 3, 30, 1.5),
    }
    path = write_series(tmp_path_factory.mktemp("mon") / "monitored.wbproj", series,
                        units={"incidents": "incidents"}, directions={"trust": "higher_is_better"})
    run_models(path)
    return path


def _snap(path: Path):
    from ui.snapshot import load_snapshot, warm_models

    assert warm_models()
    return load_snapshot(path)


def test_overlay_flags_exactly_the_periods_of_the_monitor_alerts(monitored):
    from ui.overlay import build_overlay

    snap = _snap(monitored)
    alerts = snap.alerts[snap.alerts["rule"] == "escalation"]
    assert len(alerts) >= 3  # the step, the fall and the burst
    for rec in alerts.itertuples():
        row = snap.find_series(rec.region_id, rec.indicator_id, rec.group)
        ov = build_overlay(snap, row, rec.rule)
        assert ov.rule == "escalation" and ov.method == "monitor"
        flagged = [str(p)[:10] for p in ov.flagged_periods]
        inside = [p for p in flagged if str(rec.first_period)[:10] <= p <= str(rec.last_period)[:10]]
        details = json.loads(rec.details) if isinstance(rec.details, str) else rec.details
        assert inside[0] == str(rec.first_period)[:10] and inside[-1] == str(rec.last_period)[:10]
        assert len(inside) == details["flagged_periods"]
        # The reason is in the tooltip: the first flagged period opened the alert.
        first = flagged.index(inside[0])
        assert "opened the alert" in ov.flagged_tips[first]
        # The baseline drawn is the run's: the monitor's baseline at the peak, as the alert stored it.
        periods = snap.series_values(row)[0].astype("datetime64[D]").astype(str)
        peak = list(periods).index(str(rec.peak_period)[:10])
        assert ov.baseline[peak] == pytest.approx(details["baseline"], rel=1e-3)


def test_normal_band_never_reaches_past_the_threshold_on_the_worse_side(monitored):
    from ui.overlay import build_overlay

    snap = _snap(monitored)
    for row in range(len(snap.series)):
        ov = build_overlay(snap, row)
        assert ov.baseline is not None and ov.threshold is not None
        ok = np.isfinite(ov.threshold) & np.isfinite(ov.band_high) & np.isfinite(ov.band_low)
        assert ok.sum() > 20
        worse_up = np.nanmedian(ov.threshold - ov.baseline) > 0
        if worse_up:
            assert (ov.band_high[ok] <= ov.threshold[ok] + 1e-9).all()
            assert (ov.threshold[ok] > ov.baseline[ok]).all()
        else:  # trust: higher is better, the threshold and the clipped edge are below
            assert (ov.band_low[ok] >= ov.threshold[ok] - 1e-9).all()
            assert (ov.threshold[ok] < ov.baseline[ok]).all()


def test_count_threshold_is_the_first_count_rare_enough_to_open_an_alert(monitored):
    """The monitor opens on one period when P(X >= x) <= p under its count model and x is
    min_count above normal; the line is the smallest such whole count."""
    from workbench.models.detectors.state_monitor import count_tail, params_for

    from ui.overlay import build_overlay

    snap = _snap(monitored)
    row = int(np.flatnonzero(snap.series["indicator"].to_numpy() == "incidents")[0])
    ov = build_overlay(snap, row)
    prm = params_for("M")
    p = prm.count_point_p
    ok = np.flatnonzero(np.isfinite(ov.threshold))
    assert ok.size > 20
    base = ov.baseline[ok]
    spread = (ov.band_high[ok] - ov.baseline[ok]) / 2
    thr = ov.threshold[ok]
    assert np.allclose(thr, np.round(thr))  # a count
    unclipped = spread > 0
    var = np.maximum(spread**2, base)
    at = count_tail(thr, base, var)
    below = count_tail(thr - 1, base, var)
    enough = thr - base >= prm.min_count - 1e-9
    assert (at[unclipped] <= p + 1e-12).all() and enough.all()
    # One less is either not rare enough or not far enough above normal.
    assert ((below > p) | (thr - 1 - base < prm.min_count))[unclipped].all()


@pytest.fixture
def window(qtbot, monitored, tmp_path):
    return open_window(qtbot, monitored, tmp_path)


def test_first_chart_gets_its_reference_lines_without_selecting_another_situation(qtbot, monitored, tmp_path,
                                                                                 monkeypatch):
    """As on a fresh start: the detectors are still loading when the first alert is drawn."""
    import ui.main_window as main_window
    import ui.overlay as overlay
    from ui.main_window import MainWindow

    loaded = {"now": False}

    def warm(*, progress=None, cancel=None) -> bool:
        loaded["now"] = True
        return True

    monkeypatch.setattr(overlay, "models_loaded", lambda: loaded["now"])
    monkeypatch.setattr(main_window, "models_loaded", lambda: loaded["now"])
    monkeypatch.setattr(main_window, "warm_models", warm)
    project = tmp_path / "fresh.wbproj"
    shutil.copy(monitored, project)
    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.open_project(project)
    chart = w.inbox.detail.chart
    assert w.inbox.detail.alert_id is not None
    assert not chart.baseline.isVisible() and chart.overlay.pending
    assert "loading the models" in chart.legend_label.text()
    qtbot.waitUntil(lambda: chart.baseline.isVisible() and chart.threshold.isVisible() and chart.band.isVisible(),
                    timeout=20_000)
    assert not chart.overlay.pending and "loading" not in chart.legend_label.text()
    assert chart.flagged.isVisible()
    # The Series tab's first chart too.
    qtbot.waitUntil(lambda: w.series_view.chart.baseline.isVisible(), timeout=20_000)


def test_legend_is_outside_the_plot_and_names_only_what_is_drawn(window):
    chart = window.inbox.detail.chart
    assert chart.plot.getPlotItem().legend is None  # nothing drawn over the data
    names = chart.legend_entries()
    assert names[:4] == ["value", "normal range", "baseline", "threshold (escalation)"]
    assert "flagged" in names and "alert" in names
    assert chart.legend_label.geometry().bottom() <= chart.plot.geometry().top()
    # A usable chart on a 1366x768 laptop: the plot area gets most of the pane.
    assert chart.plot.height() >= 220, chart.plot.height()


def test_long_names_elide_in_the_title_with_the_whole_name_as_tooltip(window):
    chart = window.inbox.detail.chart
    chart.title.setFullText("A district with a very long name indeed · " * 6)
    assert chart.title.isElided() and chart.title.text().endswith("…")
    assert chart.title.toolTip() == chart.title.fullText()
    assert chart.width() <= window.inbox.detail.width()


def _views_are_empty(w) -> None:
    sv = w.series_view
    assert sv.list.count() == 0 and sv.current_row is None
    assert sv.chart.values.getData()[1] is None or len(sv.chart.values.getData()[1]) == 0
    assert sv.chart.title.fullText() == ""
    assert not sv.chart.baseline.isVisible() and not sv.chart.alerts.isVisible()
    assert w.heatmap.matrix is None
    assert w.heatmap.plot.getAxis("left")._tickLevels in ([[], []], None)
    assert w.index_view.table.rowCount() == 0 and not w.index_view.bars.getPlotItem().listDataItems()
    assert w.map.items == {} and not w.map.scene.items()
    assert w.data_view.model.rowCount() == 0
    assert w.inbox.model.rowCount() == 0 and w.inbox.detail.alert_id is None
    assert len(w.inbox.detail.chart.values.getData()[1] if w.inbox.detail.chart.values.getData()[1]
               is not None else []) == 0
    assert w.tree.topLevelItemCount() == 0
    assert w.imports_view.table.rowCount() == 0 and w.imports_view.rejected.rowCount() == 0


def test_new_project_resets_every_view(window, qtbot, tmp_path):
    w = window
    w.series_view.show_series_row(0)
    w.tabs.setCurrentWidget(w.heatmap)
    assert w.heatmap.matrix is not None
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.create_project(tmp_path / "empty.wbproj")
    qtbot.waitUntil(lambda: not w.runner.is_busy(), timeout=20_000)
    _views_are_empty(w)
    assert "No data yet" in w.index_view.status.text()


def test_opening_another_project_shows_only_its_names(window, qtbot, tmp_path):
    w = window
    w.series_view.show_series_row(0)
    other = write_demo_project(tmp_path / "other.wbproj", n_districts=3, n_indicators=2, n_months=24)
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.open_project(other)
    qtbot.waitUntil(lambda: not w.runner.is_busy() and w.snapshot.columns is not None, timeout=20_000)
    names = set(w.snapshot.regions["name"])
    assert w.series_view.chart.title.fullText().split(" · ")[0] in names
    assert set(w.heatmap.matrix.regions) <= names
    ticks = [t for level in w.heatmap.plot.getAxis("left")._tickLevels for _pos, t in level]
    assert ticks and all("Kibali" not in t and "Ostin" not in t for t in ticks)
    w.tabs.setCurrentWidget(w.index_view)
    qtbot.waitUntil(lambda: w.index_view.table.rowCount() > 0, timeout=20_000)
    ranked = {w.index_view.table.item(r, 1).text() for r in range(w.index_view.table.rowCount())}
    assert ranked <= names


def test_dark_theme_restyles_charts_live_and_back(window, qtbot):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from ui.theme import CHART

    w = window
    charts = [w.inbox.detail.chart, w.series_view.chart]
    try:
        w.set_theme("dark")
        dark = CHART["dark"]
        for chart in charts:
            assert chart.plot.backgroundBrush().color().name() == dark.background
            axis = chart.plot.getPlotItem().getAxis("left")
            assert axis.textPen().color().name() == dark.foreground
            assert chart.values.opts["pen"].color().name() == dark.value
        assert w.heatmap.view.backgroundBrush().color().name() == dark.background
        assert w.heatmap.plot.getAxis("left").textPen().color().name() == dark.foreground
        assert w.index_view.bars.backgroundBrush().color().name() == dark.background
        pal = QApplication.instance().palette()
        # Disabled controls look disabled: their text is not the enabled text colour.
        assert pal.color(QPalette.Disabled, QPalette.ButtonText) != pal.color(QPalette.Active, QPalette.ButtonText)
        assert pal.color(QPalette.Active, QPalette.Window).lightness() < 80
    finally:
        w.set_theme("light")
    light = CHART["light"]
    for chart in charts:
        assert chart.plot.backgroundBrush().color().name() == light.background
        assert chart.plot.getPlotItem().getAxis("bottom").textPen().color().name() == light.foreground


def test_a_note_at_the_newest_period_stays_inside_the_chart_shortened_with_the_whole_note_as_tooltip(qtbot):
    """A decision's note is written at its alert's last period, usually the newest one: it
    used to start there and run off the chart's right edge (only "ema" of it showed)."""
    from ui.chart import NOTE_CHARS, SeriesChart
    from ui.overlay import SeriesOverlay

    chart = SeriesChart()
    qtbot.addWidget(chart)
    chart.resize(500, 320)
    chart.show()
    periods = np.arange("2020-01", "2026-01", dtype="datetime64[M]").astype("datetime64[D]")
    values = np.linspace(40.0, 60.0, periods.size)
    long_note = "Amina: field team confirms the clashes near the market; district council meets on Friday"
    short_note = "Omar: early"
    chart.show_series(periods, values, "Trust", SeriesOverlay(notes=[(periods[-1], long_note),
                                                                     (periods[2], short_note)]))
    qtbot.wait(50)
    view = chart.plot.getPlotItem().getViewBox()
    box = view.sceneBoundingRect()
    late, early = chart._notes
    assert late.toPlainText().endswith("…") and len(late.toPlainText()) <= NOTE_CHARS
    assert late.toolTip() == long_note
    assert early.toPlainText() == short_note
    for item in (late, early):
        drawn = item.mapRectToScene(item.boundingRect())
        assert box.left() - 1 <= drawn.left() and drawn.right() <= box.right() + 1, (item.toPlainText(), drawn, box)


def test_notes_at_the_same_period_stack_instead_of_overlapping(qtbot):
    """Acknowledging then correcting an alert writes two notes at its last period: they are
    stacked one under the other, each still inside the chart and shortened the same way."""
    from ui.chart import NOTE_CHARS, SeriesChart
    from ui.overlay import SeriesOverlay

    chart = SeriesChart()
    qtbot.addWidget(chart)
    chart.resize(500, 320)
    chart.show()
    periods = np.arange("2020-01", "2026-01", dtype="datetime64[M]").astype("datetime64[D]")
    values = np.linspace(40.0, 60.0, periods.size)
    notes = [(periods[-1], "Amina: acknowledged, the field team goes on Monday to the market"),
             (periods[-1], "Amina: correction — acknowledged too early, back to new"),
             (periods[-1], "Omar: third note"), (periods[3], "early note")]
    chart.show_series(periods, values, "Trust", SeriesOverlay(notes=notes))
    qtbot.wait(50)
    box = chart.plot.getPlotItem().getViewBox().sceneBoundingRect()
    drawn = [item.mapRectToScene(item.boundingRect()) for item in chart._notes]
    assert all(len(item.toPlainText()) <= NOTE_CHARS for item in chart._notes)
    for i, a in enumerate(drawn):
        assert box.left() - 1 <= a.left() and a.right() <= box.right() + 1
        for b in drawn[i + 1:]:
            assert not a.intersects(b), (a, b)
