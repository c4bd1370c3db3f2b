"""Rename, merge and delete from the region tree and the data table (issue 14, item 10)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):
    from ui.main_window import MainWindow

    project = write_demo_project(tmp_path / "p.wbproj", n_districts=3, n_indicators=2, n_months=6, missing_share=0)
    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.open_project(project)
    return w


def _region_id(window, name: str) -> int:
    regions = window.snapshot.regions
    return int(regions[regions["name"] == name]["id"].iloc[0])


def _history(window) -> list[tuple]:
    con = sqlite3.connect(window.project_path)
    return con.execute("SELECT action, kind, subject, target FROM project_event ORDER BY id").fetchall()


def test_the_region_tree_menu_renames_a_district(window, qtbot):
    menu = window.names.region_menu(_region_id(window, "District 002"), window)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Rename region “District 002”…", "Merge region “District 002” into…",
                     "Delete region “District 002”…"]
    window.names.ask_text = lambda title, label, text: "Riverside"
    with qtbot.waitSignal(window.project_loaded, timeout=15_000):
        menu.actions()[0].trigger()
    assert "Riverside" in set(window.snapshot.regions["name"])
    assert "District 002" not in set(window.snapshot.regions["name"])
    assert _history(window) == [("rename", "region", "District 002", "Riverside")]
    # The tree shows the new name under the same province.
    from PySide6.QtCore import Qt

    items = window.tree.findItems("Riverside", Qt.MatchRecursive)
    assert items and items[0].parent().text(0) == "Province B"


def test_merging_asks_which_values_win_when_they_differ(window, qtbot):
    before = window.snapshot.n_observations
    window.names.ask_item = lambda title, label, items: "District 003"
    asked = []
    window.names.ask_keep = lambda text: asked.append(text) or "target"
    with qtbot.waitSignal(window.project_loaded, timeout=15_000):
        window.names.merge("region", "District 001", level="district")
    assert asked and "differ" in asked[0]
    assert "District 001" not in set(window.snapshot.regions["name"])
    assert window.snapshot.n_observations == before - 12  # District 001's 2 x 6 values all collided
    assert _history(window)[-1] == ("merge", "region", "District 001", "District 003")


def test_the_data_table_menu_deletes_an_indicator_after_confirmation(window, qtbot):
    window.tabs.setCurrentWidget(window.data_view)
    qtbot.waitUntil(lambda: window.data_view.model.rowCount() > 0, timeout=10_000)
    region_id, indicator_id = window.data_view.row_ids(0)
    window.names.ask_yes = lambda title, text: False
    window.names.delete("indicator", window.names._indicator(indicator_id))
    assert _history(window) == []  # declined: nothing written
    window.names.ask_yes = lambda title, text: True
    key = window.names._indicator(indicator_id)
    with qtbot.waitSignal(window.project_loaded, timeout=15_000):
        window.names.delete("indicator", key)
    assert key not in set(window.snapshot.indicators["key"])
    assert _history(window) == [("delete", "indicator", key, None)]


def test_a_refusal_is_one_message_and_changes_nothing(window, qtbot):
    with qtbot.waitSignal(window.names.failed, timeout=15_000) as blocker:
        window.names.rename("region", "District 001", "District 002", level="district")
    assert "already exists" in blocker.args[0] and "merge" in blocker.args[0]
    assert _history(window) == []
