"""Desktop speed: open a 10,000-series × 120-month project, switch series, inbox of 5,000 alerts.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_ui.py [--series 10000] [--months 120]
The synthetic project is cached in the temp folder between runs (building it takes a while).
Goals (issue 6): usable window < 2 s, chart switch < 100 ms, inbox smooth with 5,000 alerts.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def build(path: Path, n_series: int, n_months: int, n_alerts: int) -> Path:
    from ui_factory import write_demo_project

    if path.exists():
        return path
    n_indicators = 10
    t0 = time.perf_counter()
    write_demo_project(path, n_districts=n_series // n_indicators, n_indicators=n_indicators,
                       n_months=n_months, seed=3)
    _add_alerts(path, n_alerts, n_months)
    print(f"built {path.name} in {time.perf_counter() - t0:.1f} s")
    return path


def _add_alerts(path: Path, n: int, n_months: int) -> None:
    """Alert rows as a run would leave them, with their creation events."""
    from alerts.history import append_event
    from workbench.store import open_project

    rng = np.random.default_rng(5)
    with open_project(path) as p, p.transaction() as c:
        regions = [r[0] for r in c.execute("SELECT name FROM region WHERE level = 'district'")]
        indicators = [r[0] for r in c.execute("SELECT key FROM indicator")]
        months = [f"{2020 + m // 12}-{m % 12 + 1:02d}-01" for m in range(n_months)]
        for k in range(n):
            start = int(rng.integers(0, n_months - 3))
            first, last = months[start], months[start + int(rng.integers(1, 3))]
            aid = c.execute(
                "INSERT INTO alert(uid, rule, region, indicator, grp, kind, freq, method, first_period,"
                " last_period, peak_period, severity, score, status, explanation, situation_id, details)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (uuid.uuid4().hex, "sustained_rise", regions[int(rng.integers(len(regions)))],
                 indicators[int(rng.integers(len(indicators)))], "", "observed", "M", "robust_z", first,
                 last, last, ("low", "medium", "high")[int(rng.integers(3))], float(rng.gamma(2, 2)),
                 "new", f"synthetic alert {k}", k // 2 + 1, "{}"),
            ).lastrowid
            append_event(c, aid, kind="run", actor="system", to_status="new", note="opened by run 1")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--alerts", type=int, default=5_000)
    args = parser.parse_args()
    path = build(Path(tempfile.gettempdir()) / f"bench_ui_{args.series}x{args.months}_{args.alerts}.wbproj",
                 args.series, args.months, args.alerts)

    from PySide6.QtWidgets import QApplication

    from ui.app import make_app

    t_import = time.perf_counter()
    from ui.main_window import MainWindow

    app = make_app()
    import_s = time.perf_counter() - t_import
    w = MainWindow()
    w._headless = True
    w.resize(1440, 900)
    w.show()
    app.processEvents()
    loaded: list[float] = []
    w.project_loaded.connect(lambda _s: loaded.append(time.perf_counter()))
    t0 = time.perf_counter()
    w.open_project(path, remember=False)
    while not loaded:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    open_s = time.perf_counter() - t0
    snap = w.snapshot
    # Then the background reads (detectors, every observation for the data table) finish.
    while snap.columns is None or w.runner.is_busy():
        app.processEvents()
        time.sleep(0.005)
    full_s = time.perf_counter() - t0

    # Chart switch: a random series with its baseline, band and markers, painted.
    view = w.series_view
    w.tabs.setCurrentWidget(view)
    app.processEvents()
    rng = np.random.default_rng(1)
    rows = rng.integers(0, len(snap.series), 60)
    view.show_series_row(int(rows[0]))
    app.processEvents()
    times = []
    for r in rows[1:]:
        t = time.perf_counter()
        view.show_series_row(int(r))
        view.chart.plot.repaint()
        times.append(time.perf_counter() - t)
    switch_ms = np.array(times) * 1000

    # Inbox: 5,000 alerts; filter, sort and scroll through the table.
    inbox = w.inbox
    w.tabs.setCurrentWidget(inbox)
    app.processEvents()
    t = time.perf_counter()
    inbox.set_snapshot(snap)
    app.processEvents()
    inbox_load_ms = (time.perf_counter() - t) * 1000
    ops = {}
    from PySide6.QtCore import Qt

    for name, fn in (
        # The inbox opens on Active situations; the synthetic alerts mostly ended long ago,
        # so switch to every open one first to work the whole 5,000.
        ("show open (all)", lambda: inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("open"))),
        ("sort by region", lambda: inbox.table.sortByColumn(2, Qt.AscendingOrder)),
        ("filter high", lambda: inbox.severity_combo.setCurrentIndex(inbox.severity_combo.findData("high"))),
        ("search text", lambda: inbox.search.setText("District 01")),
        ("select situation", lambda: inbox.select_row(3)),
        ("scroll to end", lambda: inbox.table.scrollToBottom()),
    ):
        t = time.perf_counter()
        fn()
        app.processEvents()
        ops[name] = round((time.perf_counter() - t) * 1000, 1)

    result = {
        "project": f"{len(snap.series):,} series, {snap.n_observations:,} observations, {len(snap.alerts):,} alerts",
        "qt_and_app_import_s": round(import_s, 2),
        "open_to_usable_window_s": round(open_s, 2),
        "background_reads_done_s": round(full_s, 2),
        "chart_switch_ms_median": round(float(np.median(switch_ms)), 1),
        "chart_switch_ms_p95": round(float(np.percentile(switch_ms, 95)), 1),
        "inbox_populate_ms": round(inbox_load_ms, 1),
        "inbox_ops_ms": ops,
    }
    print(json.dumps(result, indent=2))
    w.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
