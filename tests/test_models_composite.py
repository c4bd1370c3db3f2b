"""The composite index: normalisation, weights, aggregation, coverage, sensitivity, CLI."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from workbench.errors import WorkbenchError
from workbench.models.composite import (
    Component, IndexDefinition, aggregate, compute_index, normalize, pca_weights,
)
from workbench.models.composite_store import get_or_create, list_definitions, load_definition, save_definition
from workbench.store import open_project

CODEBOOK = pd.DataFrame({"key": ["a", "b", "c"], "direction": ["higher_is_worse", "higher_is_better", "higher_is_worse"],
                         "threshold": [np.nan] * 3})


def obs_frame(values: dict[str, dict[str, float]], period="2024-01-01", freq="M") -> pd.DataFrame:
    rows = [(region, ind, pd.Timestamp(period), "", v, freq)
            for ind, per_region in values.items() for region, v in per_region.items()]
    return pd.DataFrame(rows, columns=["region", "indicator", "period", "group", "value", "freq"])


def test_normalizations_by_hand():
    x = np.array([[[1.0, 10.0]], [[3.0, 10.0]], [[5.0, 10.0]]])  # 3 regions, 1 period, 2 comps
    np.testing.assert_allclose(normalize(x, "minmax")[:, 0, 0], [0, 0.5, 1])
    np.testing.assert_allclose(normalize(x, "minmax")[:, 0, 1], [0.5, 0.5, 0.5])  # constant
    np.testing.assert_allclose(normalize(x, "zscore")[:, 0, 0], [-1, 0, 1])
    np.testing.assert_allclose(normalize(x, "rank")[:, 0, 0], [1 / 3, 2 / 3, 1])
    np.testing.assert_allclose(normalize(x, "target", np.array([1.0, np.nan]))[:, 0, 0], [0, 1, 2])


def test_arithmetic_and_geometric_aggregation_with_contributions():
    v = np.array([[0.2, 0.8, 0.5], [0.9, np.nan, 0.1]])
    mask = ~np.isnan(v)
    w = np.array([0.5, 0.3, 0.2])
    s, c = aggregate(v, mask, w, "arithmetic")
    assert s[0] == pytest.approx(0.5 * 0.2 + 0.3 * 0.8 + 0.2 * 0.5)
    assert s[1] == pytest.approx((0.5 * 0.9 + 0.2 * 0.1) / 0.7)  # weights renormalised
    np.testing.assert_allclose(c.sum(axis=1), s)
    s, c = aggregate(v, mask, w, "geometric")
    assert s[0] == pytest.approx(0.2**0.5 * 0.8**0.3 * 0.5**0.2)
    assert s[1] == pytest.approx(np.exp((0.5 * np.log(0.9) + 0.2 * np.log(0.1)) / 0.7))
    np.testing.assert_allclose(c.sum(axis=1), s)


def test_pca_weights_are_squared_first_loadings():
    rng = np.random.default_rng(0)
    f = rng.normal(size=500)
    x = np.column_stack([f + rng.normal(0, 0.3, 500), f + rng.normal(0, 0.3, 500), rng.normal(size=500)])
    w = pca_weights(x[:, None, :])
    z = (x - x.mean(0)) / x.std(0, ddof=1)
    _, _, vt = np.linalg.svd(z, full_matrices=False)
    np.testing.assert_allclose(w, vt[0] ** 2, atol=1e-10)
    assert w.sum() == pytest.approx(1) and w[2] < 0.05


def test_index_ranks_directions_and_coverage():
    obs = obs_frame({
        "a": {"R1": 10, "R2": 5, "R3": 1, "R4": 7},
        "b": {"R1": 20, "R2": 50, "R3": 90, "R4": np.nan},  # higher is better
        "c": {"R1": 3, "R2": 2, "R3": 1},
    })
    d = IndexDefinition("t", [Component("a"), Component("b"), Component("c")], draws=200)
    res = compute_index(obs, d, CODEBOOK)
    t = res.table.set_index("region")
    # R4 reports only one of three components (< 2/3 coverage): no score, no rank.
    assert list(t.index) == ["R1", "R2", "R3"]
    np.testing.assert_allclose(t["score"], [1.0, (4 / 9 + 40 / 70 + 0.5) / 3, 0.0])
    np.testing.assert_allclose(t.filter(like="contrib:").sum(axis=1), t["score"])
    # R1 is worst on every component, so every draw ranks it first.
    assert t.loc["R1", "top_k_share"] == 1 and t.loc["R1", "rank_p95"] == 1
    assert res.weights == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    d.min_coverage = 1 / 3
    assert "R4" in set(compute_index(obs, d, CODEBOOK).table["region"])


def test_sensitivity_widens_rank_intervals_for_close_regions():
    rng = np.random.default_rng(5)
    regions = [f"R{i:02d}" for i in range(30)]
    base = rng.normal(size=30)
    obs = obs_frame({k: dict(zip(regions, base + rng.normal(0, s, 30))) for k, s in
                     (("a", 0.1), ("c", 1.0))})
    cb = CODEBOOK[CODEBOOK["key"] != "b"]
    tight = IndexDefinition("t", [Component("a"), Component("c")], draws=400, concentration=1e6,
                            vary_methods=False, top_k=5)
    loose = IndexDefinition("l", [Component("a"), Component("c")], draws=400, concentration=2, top_k=5)
    t = compute_index(obs, tight, cb).table
    lo = compute_index(obs, loose, cb).table
    np.testing.assert_array_equal(t["rank_p05"], t["rank"])  # no variation: interval is the rank
    np.testing.assert_array_equal(t["rank_p95"], t["rank"])
    assert (lo["rank_p95"] - lo["rank_p05"]).mean() > 2
    assert lo["top_k_share"].sum() == pytest.approx(5)  # five places in every draw
    assert ((lo["rank_p05"] <= lo["rank_median"]) & (lo["rank_median"] <= lo["rank_p95"])).all()


def test_weights_expert_budget_and_validation():
    obs = obs_frame({"a": {"R1": 1, "R2": 2, "R3": 3}, "c": {"R1": 3, "R2": 1, "R3": 2}})
    cb = CODEBOOK[CODEBOOK["key"] != "b"]
    expert = IndexDefinition("e", [Component("a", weight=3), Component("c", weight=1)], weighting="expert", draws=10)
    assert compute_index(obs, expert, cb).weights == pytest.approx({"a": 0.75, "c": 0.25})
    budget = IndexDefinition("b", [Component("a"), Component("c")], weighting="budget", draws=10,
                             budgets=[{"a": 60, "c": 40}, {"a": 20, "c": 80}])
    assert compute_index(obs, budget, cb).weights == pytest.approx({"a": 0.4, "c": 0.6})
    with pytest.raises(WorkbenchError):
        IndexDefinition("x", [Component("a")], normalization="log")
    with pytest.raises(WorkbenchError, match="no data"):
        compute_index(obs, IndexDefinition("m", [Component("zzz")]), cb)
    geo = IndexDefinition("g", [Component("a"), Component("c")], aggregation="geometric", draws=10)
    t = compute_index(obs, geo, cb).table
    assert (t["score"] > 0).all()
    np.testing.assert_allclose(t.filter(like="contrib:").sum(axis=1), t["score"])


def test_quarterly_component_is_carried_into_monthly_index():
    months = pd.date_range("2024-01-01", periods=6, freq="MS")
    rows = [(r, "a", m, "", v + i, "M") for i, m in enumerate(months) for r, v in (("R1", 1), ("R2", 5))]
    rows += [(r, "c", q, "", v, "Q") for q in months[[0, 3]] for r, v in (("R1", 9), ("R2", 2))]
    obs = pd.DataFrame(rows, columns=["region", "indicator", "period", "group", "value", "freq"])
    d = IndexDefinition("q", [Component("a"), Component("c")], min_coverage=1.0, draws=10)
    res = compute_index(obs, d, CODEBOOK)
    assert res.period == pd.Timestamp("2024-06-01")
    assert len(res.history) == 12  # both regions, all six months
    assert compute_index(obs, d, CODEBOOK, period="2024-02-01").period == pd.Timestamp("2024-02-01")


def _make_project(path):
    rng = np.random.default_rng(0)
    months = pd.date_range("2024-01-01", periods=4, freq="MS")
    with open_project(path, create=True) as p:
        with p.transaction():
            rid = p.ensure_regions(pd.DataFrame({"region": [f"D{i}" for i in range(8)]}))
            iid = p.ensure_indicators(["a", "b", "c"], CODEBOOK.rename(columns={"key": "indicator"}))
            imp = p.record_import(file_name="t.csv", sha256="0" * 64, sheet=None, mapping={}, report={},
                                  rows_read=0, rows_kept=0, rows_rejected=0)
            rows = [(rid[f"d{i}"], iid[k], m.strftime("%Y-%m-%d"), "", "M", float(rng.normal(10, 2)))
                    for i in range(8) for k in "abc" for m in months]
            p.write_observations(pd.DataFrame(rows, columns=["region_id", "indicator_id", "period", "grp",
                                                              "freq", "value"]), imp)


def test_definitions_are_stored_in_the_project(project_path):
    _make_project(project_path)
    with open_project(project_path) as p:
        assert list_definitions(p) == []
        d = get_or_create(p, None)
        assert [c.indicator for c in d.components] == ["a", "b", "c"]
        assert list_definitions(p) == ["default"]
        custom = IndexDefinition("mine", [Component("a", weight=2), Component("c")], weighting="expert")
        save_definition(p, custom)
        assert load_definition(p, "mine") == custom
        with pytest.raises(WorkbenchError, match="no index definition named"):
            get_or_create(p, "nope")


def test_index_cli_csv_and_json(project_path, run_cli):
    _make_project(project_path)
    code, out, err = run_cli("index", "--project", project_path, "--format", "csv")
    assert code == 0, err
    header = out.splitlines()[0].split(",")
    assert header[:8] == ["region", "period", "score", "rank", "rank_median", "rank_p05", "rank_p95", "top_k_share"]
    assert header[8:] == ["contrib:a", "contrib:b", "contrib:c"]
    assert len(out.splitlines()) == 9 and ",2024-04-01," in out.splitlines()[1]
    code, out, err = run_cli("index", "--project", project_path, "--format", "json", "--period", "2024-02-01")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 8 and rows[0]["rank"] == 1 and rows[0]["period"] == "2024-02-01"
    code, out, err = run_cli("index", "--project", project_path, "--definition", "nope")
    assert code == 1 and err.startswith("error: no index definition") and "Traceback" not in err
