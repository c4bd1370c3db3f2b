"""The desktop's data layer reads through the store: a team server's project (a
``postgresql://`` URL, on a real throwaway server: tests/pg_server.py) opens in the data
layer and reads exactly what the same data in a project file reads - series, values, every
observation, alerts, their history and an import's rejected rows.

(A URL cannot be opened with ``sqlite3``: this passes only because ``ui/snapshot.py`` and
``ui/imports_view.py`` open projects with :func:`workbench.store.project.open_project`.)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from alerts_factory import noise_series, with_step
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

from alerts.engine import run_models
from workbench.importer.engine import import_file
from workbench.store import open_project

pytestmark = pytest.mark.xdist_group("postgresql")


def _csv(tmp_path: Path) -> Path:
    """Three monthly series (one with a step the detectors flag) and two rows the import rejects."""
    series = {
        ("Kibali", "trust"): with_step(noise_series(48, 1), 36, 8.0),
        ("Ruzizi", "trust"): noise_series(48, 2),
        ("Kibali", "incidents"): with_step(noise_series(48, 3), 40, 9.0),
    }
    rows = []
    for (region, indicator), values in series.items():
        periods = pd.date_range("2020-01-01", periods=len(values), freq="MS").strftime("%Y-%m")
        rows += [f"{region},{indicator},{p},{v:.3f}\n" for p, v in zip(periods, values)]
    rows += ["Ruzizi,incidents,not a month,4\n", ",trust,2020-02,5\n"]
    path = tmp_path / "round.csv"
    path.write_text("district,indicator,month,value\n" + "".join(rows), encoding="utf-8")
    return path


def _fill(location: str | Path, csv: Path) -> int:
    result = import_file(csv, location)
    assert result.import_ids, result.message
    assert run_models(location).created >= 1
    return result.import_ids[0]


def test_a_server_project_opens_in_the_desktop_data_layer_as_a_file_does(pg_url: str, tmp_path: Path) -> None:
    from ui.imports_view import read_rejected
    from ui.snapshot import load_alerts, load_columns, load_snapshot

    csv = _csv(tmp_path)
    local = tmp_path / "same.wbproj"
    ids = {str(loc): _fill(loc, csv) for loc in (pg_url, local)}

    server, file = load_snapshot(pg_url), load_snapshot(local)
    try:
        assert server.path == pg_url and server.name == pg_url.rsplit("/", 1)[-1]
        assert server.meta["project_id"] and server.meta["project_id"] != file.meta["project_id"]
        # One row per series, in the same order, with the same counts and extent.
        cols = ["region", "indicator", "group", "freq", "n", "n_values", "first", "last", "start", "stop"]
        pd.testing.assert_frame_equal(server.series[cols], file.series[cols])
        assert server.n_observations == file.n_observations == 3 * 48
        # One series' values, read on demand through the snapshot's open project.
        row = server.find_series(*_ids(server, "Kibali", "trust"))
        frow = file.find_series(*_ids(file, "Kibali", "trust"))
        for got, want in zip(server.series_values(row), file.series_values(frow)):
            np.testing.assert_array_equal(got, want)
        # Every observation as the data table reads it (days since 1970 on both databases).
        s_cols, f_cols = load_columns(server), load_columns(file)
        np.testing.assert_array_equal(s_cols.period, f_cols.period)
        np.testing.assert_array_equal(s_cols.value, f_cols.value)
        np.testing.assert_array_equal(s_cols.series_code, f_cols.series_code)
        # The alerts and their history, at load and re-read after a write.
        keys = ["region", "indicator", "rule", "first_period", "last_period", "severity", "status", "situation_id"]
        assert len(server.alerts) >= 1
        pd.testing.assert_frame_equal(server.alerts[keys].reset_index(drop=True),
                                      file.alerts[keys].reset_index(drop=True), check_dtype=False)
        assert list(server.events["kind"]) == list(file.events["kind"])
        alerts, events = load_alerts(server)
        assert list(alerts["id"]) == list(server.alerts["id"]) and len(events) == len(server.events)
        # An import's rejected rows, as the Imports tab lists them.
        rejected = read_rejected(pg_url, ids[pg_url])
        pd.testing.assert_frame_equal(rejected, read_rejected(local, ids[str(local)]))
        assert len(rejected) == 2
    finally:
        server.close()
        file.close()


def _ids(snap, region: str, indicator: str) -> tuple[int, int]:  # noqa: ANN001
    rid = int(snap.regions.loc[snap.regions["name"] == region, "id"].iloc[0])
    iid = int(snap.indicators.loc[snap.indicators["key"] == indicator, "id"].iloc[0])
    return rid, iid


def test_the_snapshot_reads_through_the_project_it_opened(tmp_path: Path) -> None:
    """After loading, a series is read through the snapshot's own open project (no new
    connection), and closing it closes that project; a later read opens one again."""
    from ui.snapshot import load_snapshot

    local = tmp_path / "p.wbproj"
    _fill(local, _csv(tmp_path))
    snap = load_snapshot(local)
    opened = snap._project
    assert opened is not None and opened.readonly
    snap.series_values(0)
    assert snap._project is opened
    snap.close()
    assert snap._project is None
    periods, values = snap.series_values(0)
    assert len(periods) == len(values) == 48
    with open_project(local, readonly=True) as project:
        assert snap._project.path == project.path
    snap.close()


@pytest.mark.gui
def test_the_window_opens_a_server_project(pg_url: str, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    """The desktop opens a team server's project by its URL: every tab fills, and the URL is
    remembered among the recent projects without a password."""
    from ui.main_window import MainWindow

    _fill(pg_url, _csv(tmp_path))
    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    with qtbot.waitSignal(w.project_loaded, timeout=20_000):
        w.open_project(pg_url)
    qtbot.waitUntil(lambda: w.snapshot.columns is not None and not w.runner.is_busy(), timeout=30_000)
    assert w.project_path == pg_url and w.snapshot.path == pg_url
    assert w.snapshot.columns.size == 3 * 48
    assert w.data_view.model.rowCount() > 0
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        qtbot.wait(5)
    assert len(w.snapshot.alerts) >= 1
    assert w.recent_projects()[0] == pg_url
    w.close()


def test_saved_mappings_are_kept_by_the_store_on_a_server_too(pg_url: str, tmp_path: Path) -> None:
    """The wizard's saved mappings live in the project (the store's ``imports`` module): saved,
    read back and forgotten through a server URL as through a file."""
    from ui.import_wizard import forget_mappings, save_mappings, saved_mappings
    from workbench.importer.mapping import Mapping

    local = tmp_path / "m.wbproj"
    open_project(local, create=True).close()
    open_project(pg_url, create=True).close()
    for where in (pg_url, local):
        save_mappings(where, [Mapping(sheet="Data", header_row=3, region="Bezirk", indicator="Indikator")])
        save_mappings(where, [Mapping(sheet="Other", header_row=1)])
        got = saved_mappings(where)
        assert set(got) == {"data", "other"} and got["data"]["region"] == "Bezirk" and got["data"]["header_row"] == 3
        assert forget_mappings(where, ["DATA"]) == 1
        assert set(saved_mappings(where)) == {"other"}


@pytest.mark.gui
def test_gui_command_opens_a_server_project_by_its_url(pg_url: str, tmp_path: Path, run_cli, qapp) -> None:  # noqa: ANN001
    _fill(pg_url, _csv(tmp_path))
    out = tmp_path / "server.png"
    code, _, err = run_cli("gui", "--project", pg_url, "--screenshot", out, "--size", "1366x768", "--tab", "Alerts")
    assert code == 0, err
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
