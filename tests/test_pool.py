"""Pooling projects into partitioned Parquet, and reading the pool like a project."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from alerts_factory import noise_series, with_step, write_series

from alerts.engine import run_models
from workbench.store import open_project

pytest.importorskip("pyarrow")


def _office(path: Path, prefix: str, seed: int) -> Path:
    """A small project whose regions are named after the office, with alerts from one run."""
    series = {}
    for k in range(3):
        base = noise_series(48, seed + k)
        series[(f"{prefix} District {k}", "protests")] = with_step(base, 36, 8.0) if k == 0 else base
        series[(f"{prefix} District {k}", "trust")] = noise_series(48, seed + 10 + k, level=50)
    write_series(path, series)
    run_models(path)
    return path


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("offices")
    return _office(base / "north.wbproj", "North", 1), _office(base / "south.wbproj", "South", 2)


def _data_lines(run_cli, project: Path) -> list[str]:
    code, out, err = run_cli("data", "--project", project, "--format", "csv")
    assert code == 0, err
    return out.splitlines()


def _alerts(run_cli, project: Path) -> list[dict]:
    code, out, err = run_cli("alerts", "--project", project, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_pool_holds_every_projects_observations_and_data_reads_them(run_cli, offices, tmp_path):
    north, south = offices
    code, out, err = run_cli("pool", north, south, "--out", tmp_path / "pooled", "--buckets", "4")
    assert code == 0, err
    assert "pooled north.wbproj" in out and "pooled south.wbproj" in out
    pooled = _data_lines(run_cli, tmp_path / "pooled")
    expected = _data_lines(run_cli, north) + _data_lines(run_cli, south)[1:]
    assert pooled[0] == "region,indicator,period,value,group"
    assert sorted(pooled[1:]) == sorted(expected[1:])
    # Partitioned by origin and series bucket, as hive folders.
    for p in (north, south):
        with open_project(p, readonly=True) as project:
            pid = project.meta("project_id")
        buckets = list((tmp_path / "pooled" / "observations" / f"project={pid}").glob("bucket=*/part-0.parquet"))
        assert 1 <= len(buckets) <= 4


def test_a_bucket_holds_whole_series(offices, tmp_path):
    import pyarrow.dataset as ds

    from workbench.pool.writer import pool_projects

    pool_projects(list(offices), tmp_path / "pooled", buckets=3)
    df = ds.dataset(tmp_path / "pooled" / "observations", partitioning="hive").to_table().to_pandas()
    per_series = df.groupby(["project", "region", "indicator", "group"])["bucket"].nunique()
    assert (per_series == 1).all()
    assert df.groupby("project")["bucket"].nunique().max() > 1  # the series are spread out


def test_repooling_replaces_the_projects_partitions(run_cli, offices, tmp_path):
    north, south = offices
    pooled = tmp_path / "pooled"
    assert run_cli("pool", north, south, "--out", pooled)[0] == 0
    before = sorted(_data_lines(run_cli, pooled))
    code, out, _ = run_cli("pool", north, "--out", pooled)
    assert code == 0 and "replaced the copy pooled from north.wbproj" in out
    assert sorted(_data_lines(run_cli, pooled)) == before  # nothing doubled
    assert not (pooled / ".incoming").exists()

    grown = tmp_path / "north2.wbproj"
    grown.write_bytes(north.read_bytes())
    write_series(grown, {("North District 9", "protests"): np.arange(12.0)}, file_name="more.csv")
    assert run_cli("pool", grown, "--out", pooled)[0] == 0  # same project id: replaces north
    after = _data_lines(run_cli, pooled)
    assert sorted(after[1:]) == sorted(_data_lines(run_cli, grown)[1:] + _data_lines(run_cli, south)[1:])


def test_alerts_and_history_of_a_pool(run_cli, offices, tmp_path):
    north, south = offices
    assert run_cli("pool", north, south, "--out", tmp_path / "pooled")[0] == 0
    pooled = _alerts(run_cli, tmp_path / "pooled")
    each = _alerts(run_cli, north) + _alerts(run_cli, south)
    assert len(pooled) == len(each) > 0
    assert len({a["id"] for a in pooled}) == len(pooled)  # ids made unique across offices
    key = ("uid", "region", "indicator", "rule", "first_period", "last_period", "severity", "score", "status")
    assert sorted(tuple(a[k] for k in key) for a in pooled) == sorted(tuple(a[k] for k in key) for a in each)
    code, out, err = run_cli("history", "--project", tmp_path / "pooled", "--format", "json")
    assert code == 0, err
    events = json.loads(out)
    by_id = {a["id"]: a for a in pooled}
    assert len(events) >= len(pooled)
    for e in events:  # every event still points at its own alert after the id shift
        assert by_id[e["alert_id"]]["region"] == e["region"]


def test_a_pool_is_read_only(run_cli, offices, tmp_path):
    assert run_cli("pool", *offices, "--out", tmp_path / "pooled")[0] == 0
    code, out, err = run_cli("run", "--project", tmp_path / "pooled")
    assert code == 2 and err.startswith("error:") and "pooled store" in err and "Traceback" not in err
    code, _, err = run_cli("alert", "1", "--project", tmp_path / "pooled", "--set", "acknowledged")
    assert code == 2 and "pooled store" in err


def test_bad_input_writes_nothing(run_cli, offices, tmp_path):
    bad = tmp_path / "notes.wbproj"
    bad.write_text("not a project")
    code, _, err = run_cli("pool", offices[0], bad, "--out", tmp_path / "pooled")
    assert code == 2 and err.startswith("error:")
    assert not (tmp_path / "pooled").exists()
    other = tmp_path / "photos"
    other.mkdir()
    (other / "a.jpg").write_bytes(b"x")
    code, _, err = run_cli("pool", offices[0], "--out", other)
    assert code == 1 and "not a pooled store" in err
    assert [p.name for p in other.iterdir()] == ["a.jpg"]


def test_pooled_regions_keep_their_hierarchy_and_origin(offices, tmp_path):
    from workbench.pool.writer import pool_projects

    pool_projects(list(offices), tmp_path / "pooled")
    with open_project(tmp_path / "pooled", readonly=True) as pool:
        regions = pool.regions()
        obs = pool.observations(with_ids=True)
        assert regions["id"].is_unique
        assert set(obs["region_id"]) <= set(regions["id"])
        name_of = dict(zip(regions["id"], regions["name"]))
        assert (obs["region_id"].map(name_of) == obs["region"]).all()
        assert regions.groupby("project")["name"].apply(lambda s: s.str.split().str[0].nunique()).eq(1).all()
        assert set(pool.indicators()["key"]) == {"protests", "trust"}


def test_report_of_a_pool(run_cli, offices, tmp_path):
    assert run_cli("pool", *offices, "--out", tmp_path / "pooled")[0] == 0
    pooled = tmp_path / "pooled"
    assert _alerts(run_cli, pooled)  # the offices' alerts are in the pool
    code, out, err = run_cli("alerts", "--project", pooled, "--active", "--format", "json")
    n_active = len(json.loads(out))
    code, out, err = run_cli("report", "--project", pooled, "--out", tmp_path / "region.xlsx")
    assert code == 0, err
    # The brief counts what the inbox (`workbench alerts --active`) lists.
    assert f"({n_active} alerts)" in out and (tmp_path / "region.xlsx").stat().st_size > 0
