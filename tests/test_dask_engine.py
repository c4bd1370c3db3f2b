"""The Dask engine: whole-series partitions, one calendar, and alerts identical to one process."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from alerts_factory import noise_series, with_step, write_series

pytest.importorskip("distributed")

from alerts.dask_run import dask_evaluator  # noqa: E402
from alerts.engine import evaluate, run_models  # noqa: E402
from alerts.rules import default_rules  # noqa: E402
from workbench.dask_engine import dask_client, global_calendars, split_series  # noqa: E402
from workbench.models.series import build_panels  # noqa: E402
from workbench.store import open_project  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "sample.wbproj"


@pytest.fixture(scope="module")
def client():
    """One 2-worker LocalCluster for the whole module (it takes seconds to start)."""
    with dask_client() as c:
        yield c


def _alerts(path: Path) -> list[dict]:
    """Every stored column of every alert but the random uid, in id order."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [{k: row[k] for k in row.keys() if k != "uid"}
                for row in conn.execute("SELECT * FROM alert ORDER BY id")]


def _grouped_obs() -> pd.DataFrame:
    """Monthly and quarterly series, one indicator split by group (polarization series)."""
    rows = []
    months = pd.date_range("2019-01-01", periods=40, freq="MS")
    rng = np.random.default_rng(5)
    for r in range(12):
        for ind in ("protests", "trust"):
            rows.append(pd.DataFrame({"region": f"R{r}", "indicator": ind, "period": months, "group": "",
                                      "value": rng.normal(20, 2, 40), "freq": "M"}))
        for g in ("host", "displaced"):
            rows.append(pd.DataFrame({"region": f"R{r}", "indicator": "safety", "period": months[3:], "group": g,
                                      "value": rng.normal(40, 3, 37), "freq": "M"}))
    quarters = pd.date_range("2018-01-01", periods=10, freq="QS")
    rows.append(pd.DataFrame({"region": "R0", "indicator": "displacement", "period": quarters, "group": "",
                              "value": rng.normal(5, 1, 10), "freq": "Q"}))
    rows.append(pd.DataFrame({"region": "R1", "indicator": "short", "period": pd.to_datetime(["2017-01-01", "2017-02-01"]),
                              "group": "", "value": [1.0, 2.0], "freq": "M"}))
    return pd.concat(rows, ignore_index=True)


def test_partitions_hold_whole_series_and_group_split_indicators_whole():
    obs = _grouped_obs()
    parts = split_series(obs, 5)
    assert 1 < len(parts) <= 5
    assert sum(len(p) for p in parts) == len(obs)
    where = {}
    for i, p in enumerate(parts):
        for key in p[["region", "indicator"]].drop_duplicates().itertuples(index=False, name=None):
            assert key not in where  # a (region, indicator) is never split
            where[key] = i
    # safety is reported by group: its gap pair is chosen across regions, so all its regions go together
    assert len({i for (r, ind), i in where.items() if ind == "safety"}) == 1


def test_global_calendars_are_the_one_process_calendars():
    obs = _grouped_obs()
    cal = global_calendars(obs)
    panels = {p.freq: p.periods for p in build_panels(obs, None)}
    assert set(cal) == set(panels) == {"M", "Q"}
    for f in cal:
        assert cal[f].equals(panels[f])
    # the two-value series is too short for any method and does not stretch the calendar
    assert cal["M"][0] == pd.Timestamp("2019-01-01")


def _small_sample(path: Path) -> Path:
    """The sample project cut to its first 16 regions (plus national figures), to stay fast.

    The shipped sample already holds a model run; the copy starts from its data alone, as
    a freshly imported project does. Its alert history is append-only by trigger, so the
    copy drops those triggers just to clear it and puts them back after (the copy is a test
    fixture, not a project anyone works in; a project missing them is refused for writing).
    """
    from workbench.store.guards import install_guards

    shutil.copyfile(SAMPLE, path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM observation WHERE region_id > 17 AND freq != 'Y'")
        conn.execute("DROP TRIGGER IF EXISTS alert_event_no_delete")
        conn.execute("DROP TRIGGER IF EXISTS alert_event_no_replace")
        for table in ("alert_event", "alert", "run"):
            conn.execute(f"DELETE FROM {table}")
        install_guards(conn, conn.execute("PRAGMA user_version").fetchone()[0])  # the file's own version
    return path


def test_run_on_dask_gives_the_same_alerts_as_in_process(run_cli, client, tmp_path):
    local = _small_sample(tmp_path / "local.wbproj")
    dask = shutil.copyfile(local, tmp_path / "dask.wbproj")
    code, out_local, err = run_cli("run", "--project", local)
    assert code == 0, err
    code, out_dask, err = run_cli("run", "--project", dask, "--engine", "dask", "--scheduler", client.scheduler.address)
    assert code == 0, err
    expected = _alerts(local)
    assert len(expected) > 100
    assert {"gap", "observed"} <= {a["kind"] for a in expected} and {"M", "Q"} <= {a["freq"] for a in expected}
    assert _alerts(dask) == expected
    assert out_dask.split(";")[0] == out_local.split(";")[0]  # same series, rules and episodes counts
    # and a second run on Dask changes nothing, as in-process
    code, out, err = run_cli("run", "--project", dask, "--engine", "dask", "--scheduler", client.scheduler.address)
    assert code == 0 and " 0 new alerts, 0 updated" in out and "0 withdrawn" in out
    assert _alerts(dask) == expected


def test_clipped_episodes_are_summarized_exactly_as_in_process(client):
    obs = _grouped_obs()
    obs.loc[(obs["region"] == "R3") & (obs["indicator"] == "protests") & (obs["period"] >= "2021-06-01"), "value"] += 15
    rules = default_rules()
    local, n_local = evaluate(obs, None, rules)
    remote, n_remote = dask_evaluator(client=client, n_partitions=3)(obs, None, rules)
    assert n_remote == n_local
    assert sorted(f.episode.series_key + (f.episode.first_period,) for f in remote) == \
        sorted(f.episode.series_key + (f.episode.first_period,) for f in local)
    assert any(f.end > f.start for f in local)
    mine = {(f.episode.series_key, f.episode.first_period): f for f in remote}
    for f in local:  # re-summarizing part of an episode (what reconcile does after a dismissal)
        g = mine[(f.episode.series_key, f.episode.first_period)]
        assert g.evaluation.panel.periods.equals(f.evaluation.panel.periods)
        assert g.evaluation.summarize(g.row, g.start + 1, g.end, g.opened) == \
            f.evaluation.summarize(f.row, f.start + 1, f.end, f.opened)


def test_dismissed_alert_then_more_data_on_dask_matches_in_process(client, tmp_path):
    from alerts import lifecycle

    base = with_step(noise_series(40, 7), 30, 9.0)
    paths = {}
    for name in ("local", "dask"):
        p = write_series(tmp_path / f"{name}.wbproj", {("Ayr", "protests"): base[:34], ("Bree", "protests"): noise_series(34, 8)})
        run_models(p)
        with open_project(p) as project, project.transaction() as conn:
            first = conn.execute("SELECT id FROM alert ORDER BY id").fetchone()[0]
            lifecycle.set_status(conn, first, "dismissed", actor="t", reason="known_cause", note="festival")
        write_series(p, {("Ayr", "protests"): base, ("Bree", "protests"): noise_series(40, 8)}, file_name="more.csv")
        paths[name] = p
    run_models(paths["local"])
    run_models(paths["dask"], evaluator=dask_evaluator(client=client, n_partitions=2))
    expected = _alerts(paths["local"])
    assert any(a["previous_alert_id"] is not None for a in expected)  # a new alert follows the dismissed one
    assert _alerts(paths["dask"]) == expected


def test_scheduler_without_dask_engine_is_refused(run_cli, tmp_path):
    p = shutil.copyfile(SAMPLE, tmp_path / "s.wbproj")
    code, _, err = run_cli("run", "--project", p, "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 1 and err.startswith("error:") and "--engine dask" in err


def test_workers_reading_parquet_partitions_find_the_same_episodes(client, tmp_path):
    from alerts.dask_run import evaluate_partition
    from workbench.dask_engine import map_partitions, parquet_calendars

    obs = _grouped_obs()
    obs = obs[obs["indicator"] != "short"]  # parquet_calendars counts every row (documented)
    paths = []
    for i, part in enumerate(split_series(obs, 3)):
        folder = tmp_path / "observations" / f"bucket={i}"
        folder.mkdir(parents=True)
        part.to_parquet(folder / "part-0.parquet", index=False)
        paths.append(str(folder / "part-0.parquet"))
    calendars = parquet_calendars(paths)
    assert all(calendars[f].equals(c) for f, c in global_calendars(obs).items())
    results = map_partitions(client, evaluate_partition, paths, codebook=None, rules=default_rules(),
                             calendars=calendars)
    remote = sorted((e.series_key, e.first_period, e.last_period, e.score, e.explanation)
                    for recs, _ in results for e, *_ in recs)
    local, n = evaluate(obs, None, default_rules())
    assert remote == sorted((f.episode.series_key, f.episode.first_period, f.episode.last_period,
                             f.episode.score, f.episode.explanation) for f in local)
    assert sum(count for _, count in results) == n and len(remote) > 0


def test_cancelling_a_dask_run_writes_nothing(client, tmp_path):
    from workbench.errors import Cancelled
    from workbench.progress import CancelToken

    p = _small_sample(tmp_path / "p.wbproj")
    token = CancelToken()
    seen = []

    def progress(fraction: float, message: str = "") -> None:
        seen.append(message)
        if message.startswith("partition "):
            token.cancel()  # after the first partition came back

    with pytest.raises(Cancelled):
        run_models(p, progress=progress, cancel=token, evaluator=dask_evaluator(client=client, n_partitions=4))
    done = [m for m in seen if m.startswith("partition ")]
    assert done and done[0].startswith("partition 1 of ") and len(done) == 1
    assert _alerts(p) == []
    with sqlite3.connect(p) as conn:
        assert conn.execute("SELECT count(*) FROM run").fetchone()[0] == 0


def test_a_local_cluster_starts_when_another_program_holds_the_default_http_port():
    """The scheduler's HTTP server defaults to port 8787 even without a dashboard; another
    program (or another engineer's cluster) on it made the start fail under warnings-as-errors.
    The cluster moves to a free port without a word to the user."""
    import socket

    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", 8787))
        holder.listen()
    except OSError:
        pass  # already held by another program: the very condition under test
    try:
        with dask_client(n_workers=1) as c:
            assert c.submit(lambda x: x + 1, 1).result() == 2
    finally:
        holder.close()
