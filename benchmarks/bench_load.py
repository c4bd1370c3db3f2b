"""Load: a project with 1 M observations and 50,000 alert events stays correct and responsive.

Builds the project through the store API (200 districts x 40 indicators x 125 months, a
few series with injected steps; 10,000 alerts of an older rule with 5 events each), then
times what a user waits for and checks each answer against what was written:

* open (including the on-open ``PRAGMA quick_check``), ``observations()``, the data
  fingerprint, the alerts listing (all and open only), the whole history and one
  district's history, an automatic backup, and a model run over all 1 M observations;
* correctness: row counts, values, every alert's status equal to replaying its log, the
  run leaves the older rule's alerts and their events untouched, a second run adds no
  events.

    .venv/bin/python benchmarks/bench_load.py [--out DIR] [--skip-run]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

REGIONS, INDICATORS, MONTHS = 200, 40, 125
ALERTS, EVENTS_PER_ALERT = 10_000, 5
STATUS_PATH = ["new", "acknowledged", "verified", "escalated", "closed"]


def timed(label: str, fn, results: dict):
    start = time.perf_counter()
    out = fn()
    results[label] = time.perf_counter() - start
    print(f"{label:<44} {results[label]:8.2f} s", flush=True)
    return out


def build(path: Path) -> np.ndarray:
    from workbench.store import open_project

    rng = np.random.default_rng(5)
    values = rng.normal(30.0, 2.0, (REGIONS * INDICATORS, MONTHS)).round(1)
    steps = rng.choice(REGIONS * INDICATORS, 400, replace=False)
    values[steps, 100:] += 9.0  # a few real episodes for the run to find
    values[rng.random(values.shape) < 0.02] = np.nan
    periods = pd.date_range("2015-01-01", periods=MONTHS, freq="MS").strftime("%Y-%m-%d")
    with open_project(path, create=True) as project, project.transaction() as conn:
        region_ids = project.ensure_regions(pd.DataFrame({
            "region": [f"District {i:03d}" for i in range(REGIONS)],
            "province": [f"Province {i // 20:02d}" for i in range(REGIONS)], "country": "Loadland"}))
        names = [f"indicator_{j:02d}" for j in range(INDICATORS)]
        indicator_ids = project.ensure_indicators(names)
        import_id = project.record_import(file_name="load.csv", sha256="0" * 64, sheet=None, mapping={},
                                          report={}, rows_read=values.size, rows_kept=values.size,
                                          rows_rejected=0)
        rid = np.array([region_ids[f"district {i:03d}"] for i in range(REGIONS)])
        iid = np.array([indicator_ids[n] for n in names])
        frame = pd.DataFrame({
            "region_id": np.repeat(np.repeat(rid, INDICATORS), MONTHS),
            "indicator_id": np.repeat(np.tile(iid, REGIONS), MONTHS),
            "period": np.tile(periods, REGIONS * INDICATORS),
            "grp": "", "freq": "M", "value": values.ravel(),
        })
        project.write_observations(frame, import_id)
        office = uuid.uuid4().hex
        conn.execute("INSERT INTO meta(key, value) VALUES ('office_id', ?)", (office,))
        alerts, events = [], []
        for a in range(1, ALERTS + 1):
            series = int(rng.integers(REGIONS * INDICATORS))
            region, indicator = f"District {series // INDICATORS:03d}", names[series % INDICATORS]
            first = periods[int(rng.integers(0, MONTHS - 6))]
            alerts.append((a, uuid.uuid4().hex, "legacy_rule", region, indicator, "robust_z", first, first, first,
                           "medium", 3.5, STATUS_PATH[EVENTS_PER_ALERT - 1], "an older rule's alert"))
            for k in range(EVENTS_PER_ALERT):
                kind = "run" if k == 0 else "transition"
                events.append((uuid.uuid4().hex, a, f"2025-01-01T00:00:{k:02d}.{a:06d}+00:00", "loadtester",
                               STATUS_PATH[k - 1] if k else None, STATUS_PATH[k], f"event {k} of alert {a}",
                               kind, office))
        conn.executemany(
            "INSERT INTO alert(id, uid, rule, region, indicator, method, first_period, last_period, peak_period,"
            " severity, score, status, explanation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", alerts)
        conn.executemany(
            "INSERT INTO alert_event(event_uid, alert_id, at, actor, from_status, to_status, note, kind, origin)"
            " VALUES (?,?,?,?,?,?,?,?,?)", events)
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder for the project (default: a temporary one)")
    parser.add_argument("--skip-run", action="store_true", help="leave out the model run (minutes)")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="bench-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "load.wbproj"
    for old in folder.glob("*load.wbproj*"):
        old.unlink()

    from alerts.history import history_frame, replay
    from alerts.listing import alerts_frame
    from workbench.store import open_project
    from workbench.store.backup import take_backup

    r: dict[str, float] = {}
    values = timed("build (store API, one transaction)", lambda: build(path), r)
    print(f"project file: {path.stat().st_size / 1e6:.0f} MB", flush=True)
    project = timed("open read-only (with quick_check)", lambda: open_project(path, readonly=True), r)
    with project:
        obs = timed("observations() - 1 M rows", project.observations, r)
        assert len(obs) == values.size, len(obs)
        got = obs.sort_values(["region", "indicator", "period"])["value"].to_numpy()
        assert np.array_equal(np.isnan(got), np.isnan(values.ravel()))
        assert np.allclose(got[~np.isnan(got)], values.ravel()[~np.isnan(values.ravel())])
        fingerprint = timed("data_fingerprint()", project.data_fingerprint, r)
        listing = timed("alerts listing, all (10,000 alerts)", lambda: alerts_frame(project.conn), r)
        assert len(listing) == ALERTS and set(listing["status"]) == {STATUS_PATH[EVENTS_PER_ALERT - 1]}
        open_only = timed("alerts listing, open only", lambda: alerts_frame(project.conn, status="open"), r)
        assert len(open_only) == 0
        history = timed("history, all events (50,000)", lambda: history_frame(project.conn), r)
        assert len(history) == ALERTS * EVENTS_PER_ALERT
        one = timed("history of one district", lambda: history_frame(project.conn, region="District 007"), r)
        assert len(one) == (listing["region"] == "District 007").sum() * EVENTS_PER_ALERT
        logs = pd.read_sql_query("SELECT alert_id, at, event_uid, to_status, details FROM alert_event",
                                 project.conn)
        status = dict(project.conn.execute("SELECT id, status FROM alert"))
        for alert_id, log in logs.groupby("alert_id"):
            state = replay(log[["at", "event_uid", "to_status", "details"]].itertuples(index=False, name=None))
            assert state.status == status[alert_id]
    timed("automatic backup (online backup API)", lambda: take_backup(path), r)
    timed("open for writing + empty write with backup", lambda: _empty_write(path), r)
    if not args.skip_run:
        from alerts.engine import run_models

        summary = timed("run: all models and rules over 1 M observations", lambda: run_models(path), r)
        print(f"  {summary.series} series, {summary.episodes} episodes, {summary.created} alerts created")
        with open_project(path, readonly=True) as project:
            legacy = project.conn.execute(
                "SELECT count(*) FROM alert_event e JOIN alert a ON a.id = e.alert_id WHERE a.rule = 'legacy_rule'"
            ).fetchone()[0]
            assert legacy == ALERTS * EVENTS_PER_ALERT  # the run left the older rule's history alone
            assert project.data_fingerprint() == fingerprint
            events_after_first = project.conn.execute("SELECT count(*) FROM alert_event").fetchone()[0]
        timed("second run on the same data", lambda: run_models(path), r)
        with open_project(path, readonly=True) as project:
            assert project.conn.execute("SELECT count(*) FROM alert_event").fetchone()[0] == events_after_first
        timed("open read-only after the runs", lambda: open_project(path, readonly=True).close(), r)
        timed("alerts listing after the runs", lambda: _listing(path), r)
    print(json.dumps({k: round(v, 3) for k, v in r.items()}, indent=1))
    print("all correctness checks passed")
    return 0


def _empty_write(path: Path) -> None:
    from workbench.store import open_project

    with open_project(path) as project, project.transaction(backup=True):
        pass


def _listing(path: Path) -> int:
    from alerts.listing import alerts_frame
    from workbench.store import open_project

    with open_project(path, readonly=True) as project:
        return len(alerts_frame(project.conn))


if __name__ == "__main__":
    raise SystemExit(main())
