"""The fast model run changes no alert: the same project, the same sequence of runs, decisions
and new data, once through the fast path (observations as columns, panels laid from them,
the compiled monitor, episodes summarized together) and once through the reference path
(the SQL join into a frame, ``build_panels``, the numpy monitor, one summary per episode),
must leave byte-identical alert rows and events (apart from uids, times and the office id,
which are new by nature) and the same run records (apart from the data fingerprint).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import workbench.models.kernels as kernels
from alerts import engine
from alerts.engine import run_models
from alerts.lifecycle import set_status
from alerts.monitor_episodes import StatefulEvaluation
from workbench.models import monitor_compiled
from workbench.store import open_project
from workbench.store.dialect import read_frame
from workbench.store.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import run_project  # noqa: E402

OLD_QUERY = (
    "SELECT o.region_id, o.indicator_id, r.name AS region, i.key AS indicator,"
    " o.period, o.grp AS \"group\", o.value, o.freq"
    " FROM observation o JOIN region r ON r.id = o.region_id"
    " JOIN indicator i ON i.id = o.indicator_id"
)


def _old_observations(self, *, regions=None, indicators=None, with_ids=False):  # noqa: ANN001, ANN202
    assert regions is None and indicators is None
    df = read_frame(OLD_QUERY, self.conn)
    df["period"] = pd.to_datetime(df["period"], format="%Y-%m-%d")
    df["value"] = df["value"].astype("float64")
    return df if with_ids else df.drop(columns=["region_id", "indicator_id"])


def dump(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(alert)") if r[1] != "uid"]
        ecols = [r[1] for r in conn.execute("PRAGMA table_info(alert_event)")
                 if r[1] not in ("event_uid", "at", "origin")]
        return ([("alert", *r) for r in conn.execute(f"SELECT {', '.join(cols)} FROM alert ORDER BY id")]
                + [("event", *r) for r in conn.execute(f"SELECT {', '.join(ecols)} FROM alert_event ORDER BY id")]
                + [("run", *r) for r in conn.execute("SELECT id, ruleset_hash, code_version, counts FROM run")])
    finally:
        conn.close()


def scenario(path: Path) -> list[tuple]:
    """First run, a re-run, a team's decisions, revised and new data, and a run over them."""
    first = run_models(path)
    assert first.created > 100
    again = run_models(path)
    assert again.created == again.updated == again.withdrawn == 0
    with open_project(path) as p, p.transaction() as conn:
        ids = [i for (i,) in conn.execute("SELECT id FROM alert WHERE status = 'new' ORDER BY id")]
        set_status(conn, ids[0], "acknowledged", actor="tester")
        set_status(conn, ids[0], "verified", actor="tester", likelihood=3, consequence=3, outcome="monitor")
        set_status(conn, ids[0], "closed", actor="tester", note="handled")
        set_status(conn, ids[1], "dismissed", actor="tester", reason="false alarm")
        set_status(conn, ids[2], "acknowledged", actor="tester")
    with open_project(path) as p:
        obs = p.observations(with_ids=True)
        rng = np.random.default_rng(4)
        pick = obs[obs["period"] >= obs["period"].max() - pd.DateOffset(months=5)].sample(300, random_state=5)
        frame = pd.DataFrame({"region_id": pick["region_id"], "indicator_id": pick["indicator_id"],
                              "period": pick["period"].dt.strftime("%Y-%m-%d"), "grp": pick["group"], "freq": "M",
                              "value": pick["value"].fillna(10.0) + rng.normal(0, 8, len(pick)).round(1)})
        with p.transaction():
            import_id = p.record_import(file_name="rev.csv", sha256="1" * 64, sheet=None, mapping={}, report={},
                                        rows_read=len(frame), rows_kept=len(frame), rows_rejected=0)
            p.write_observations(frame, import_id)
    last = run_models(path)
    assert last.updated + last.created + last.withdrawn > 0
    return dump(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("identity") / "project.wbproj"
    return run_project.build(path, 500, 120, seed=3)


@pytest.mark.slow
@pytest.mark.skipif(not kernels.ENABLED, reason="numba not installed or switched off: only one path to compare")
def test_fast_run_leaves_the_same_alerts_as_the_reference_path(built: Path, tmp_path: Path, monkeypatch) -> None:
    fast_path, slow_path = tmp_path / "fast.wbproj", tmp_path / "slow.wbproj"
    shutil.copyfile(built, fast_path)
    shutil.copyfile(built, slow_path)
    monkeypatch.setattr(monitor_compiled, "MIN_CELLS", 0)
    calls = []
    real_run = monitor_compiled.run
    monkeypatch.setattr(monitor_compiled, "run", lambda *a, **k: calls.append(1) or real_run(*a, **k))
    fast = scenario(fast_path)
    assert calls
    with monkeypatch.context() as m:
        m.setattr(monitor_compiled, "MIN_CELLS", 10**15)  # the numpy monitor
        m.setattr(engine, "is_server_connection", lambda conn: True)  # no columnar read ...
        m.setattr(Project, "observations", _old_observations)  # ... but the SQL join, then build_panels
        m.setattr(StatefulEvaluation, "summarize_many", None)  # one summary per episode
        slow = scenario(slow_path)
    assert len(fast) == len(slow) > 200
    for a, b in zip(fast, slow):
        assert a == b
