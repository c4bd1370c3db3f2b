"""The composite index view: sliders change the weights and the ranking follows."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


def _window_on_demo(qtbot, tmp_path, n_indicators: int):
    """The main window, shown, with a small complete demo project (6 districts, 12 months) open."""
    from ui.main_window import MainWindow

    project = write_demo_project(tmp_path / "i.wbproj", n_districts=6, n_indicators=n_indicators, n_months=12,
                                 missing_share=0.0)
    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.open_project(project)
    return w


def test_weights_from_sliders_drive_the_ranking(qtbot, tmp_path):

    w = _window_on_demo(qtbot, tmp_path, 3)
    view = w.index_view
    w.tabs.setCurrentWidget(view)  # computed when the tab is shown
    qtbot.waitUntil(lambda: view.result is not None, timeout=30_000)
    assert set(view.sliders) == {"indicator_1", "indicator_2", "indicator_3"}
    table = view.result.table
    assert len(table) == 6 and view.table.rowCount() == 6
    assert view.table.item(0, 1).text() == table["region"].iat[0]
    assert list(view.result.weights.values()) == pytest.approx([1 / 3] * 3)

    # Only indicator_2 counts: the ranking must equal the ranking of its (worse-oriented) values.
    first = view.result
    for key, (box, _slider) in view.sliders.items():
        box.setChecked(key == "indicator_2")
    qtbot.waitUntil(lambda: view.result is not first and list(view.result.weights) == ["indicator_2"],
                    timeout=30_000)
    contrib = view.result.table[["region", "score", "contrib:indicator_2"]]
    np.testing.assert_allclose(contrib["score"], contrib["contrib:indicator_2"])
    assert list(contrib["score"]) == sorted(contrib["score"], reverse=True)
    assert "Indicator 2 100%" in view.status.text()  # the component by its name, as its checkbox shows it


def test_an_index_still_computing_never_lands_in_the_next_project(qtbot, tmp_path, monkeypatch):
    import threading

    import ui.index_view as index_view

    w = _window_on_demo(qtbot, tmp_path, 2)
    view = w.index_view
    w.tabs.setCurrentWidget(view)  # computed when the tab is shown
    qtbot.waitUntil(lambda: view.result is not None, timeout=30_000)
    assert view.table.rowCount() == 6

    real, started, release = index_view.compute, threading.Event(), threading.Event()

    def held(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(index_view, "compute", held)
    view.recompute()  # an index for the first project is now in flight
    qtbot.waitUntil(started.is_set, timeout=5_000)
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.create_project(tmp_path / "empty.wbproj")
    assert view.table.rowCount() == 0 and view.result is None and not view.sliders
    release.set()
    qtbot.waitUntil(lambda: not w.runner.is_busy(), timeout=20_000)
    assert w.snapshot.path == tmp_path / "empty.wbproj"
    assert view.table.rowCount() == 0 and view.result is None


def test_the_long_observations_frame_is_built_off_the_gui_thread_once(qtbot, tmp_path, monkeypatch):
    import threading

    import ui.index_view as index_view

    real, threads = index_view.observations_frame, []

    def recording(snap):
        threads.append(threading.current_thread())
        return real(snap)

    monkeypatch.setattr(index_view, "observations_frame", recording)
    w = _window_on_demo(qtbot, tmp_path, 2)
    view = w.index_view
    w.tabs.setCurrentWidget(view)  # computed when the tab is shown
    qtbot.waitUntil(lambda: view.result is not None, timeout=30_000)
    first = view.result
    view.aggregation.setCurrentIndex(view.aggregation.findData("geometric"))
    qtbot.waitUntil(lambda: view.result is not first, timeout=30_000)
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


def test_the_index_waits_until_its_tab_is_opened(qtbot, tmp_path):
    """Right after opening a project the Monte Carlo run would compete with the window."""

    w = _window_on_demo(qtbot, tmp_path, 2)
    view = w.index_view
    qtbot.waitUntil(lambda: bool(view.sliders) and not w.runner.is_busy(), timeout=30_000)
    assert view.result is None and "when you open this tab" in view.status.text()
    w.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.result is not None, timeout=30_000)
    assert view.table.rowCount() == 6
