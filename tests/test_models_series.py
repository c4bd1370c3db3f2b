"""Panels from long observations: calendars with gaps, frequencies, directions, polarization."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.models.polarization import choose_pair, derive_group_series, esteban_ray
from workbench.models.series import build_panels, deseasonalize, infer_freq, seasonal_baseline
from workbench.models.signals import METHODS, compute_signals, run_partition


def _obs(rows):
    return pd.DataFrame(rows, columns=["region", "indicator", "period", "group", "value", "freq"]).assign(
        period=lambda d: pd.to_datetime(d["period"])
    )


CODEBOOK = pd.DataFrame(
    {"key": ["incidents", "trust"], "direction": ["higher_is_worse", "higher_is_better"],
     "threshold": [5.0, 40.0]}
)


def test_monthly_calendar_has_explicit_gaps_and_directions():
    obs = _obs([
        ("Kibali", "incidents", "2024-01-01", "", 1, "M"),
        ("Kibali", "incidents", "2024-02-01", "", 2, "M"),
        ("Kibali", "incidents", "2024-05-01", "", 7, "M"),
        ("Kibali", "trust", "2024-01-01", "", 60, "M"),
        ("Kibali", "trust", "2024-03-01", "", 50, "M"),
        ("Kibali", "trust", "2024-04-01", "", 45, "M"),
        ("Kibali", "trust", "2024-04-01", "", np.nan, "M"),
        ("Ngoma", "trust", "2023-01-01", "", 55, "Q"),
        ("Ngoma", "trust", "2023-07-01", "", 52, "Q"),
        ("Ngoma", "trust", "2024-01-01", "", 49, "Q"),
    ])
    panels = build_panels(obs, CODEBOOK, min_history=3)
    assert [p.freq for p in panels] == ["M", "Q"]
    m = panels[0]
    assert list(m.periods.strftime("%Y-%m")) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    inc = m.keys.index[m.keys["indicator"] == "incidents"][0]
    np.testing.assert_array_equal(m.values[inc], [1, 2, np.nan, np.nan, 7])
    trust = m.keys.index[m.keys["indicator"] == "trust"][0]
    assert m.direction[inc] == 1 and m.direction[trust] == -1
    assert m.threshold[inc] == 5 and m.threshold[trust] == 40
    q = panels[1]
    assert list(q.periods.strftime("%Y-%m")) == ["2023-01", "2023-04", "2023-07", "2023-10", "2024-01"]
    np.testing.assert_array_equal(q.values[0], [55, np.nan, 52, np.nan, 49])


def test_short_series_are_left_out_and_empty_input_gives_no_panels():
    obs = _obs([("A", "incidents", "2024-01-01", "", 1, "M"), ("A", "incidents", "2024-02-01", "", 2, "M")])
    assert build_panels(obs, CODEBOOK, min_history=3) == []
    assert build_panels(obs.iloc[:0], CODEBOOK) == []


def test_frequency_is_inferred_when_missing():
    p = pd.Series(pd.to_datetime(["2020-01-01", "2020-04-01", "2020-10-01", "2021-01-01"]))
    assert infer_freq(p) == "Q"
    assert infer_freq(pd.Series(pd.date_range("2024-01-01", periods=6, freq="7D"))) == "W"
    assert infer_freq(pd.Series(pd.to_datetime(["2019-01-01", "2020-01-01", "2022-01-01"]))) == "Y"
    obs = _obs([("A", "x", f"2024-0{m}-01", "", m, None) for m in range(1, 7)]
               + [("A", "y", f"202{y}-0{q}-01", "", q, None) for y in (0, 1) for q in (1, 4, 7)])
    panels = build_panels(obs, None)
    assert [(p.freq, list(p.keys["indicator"])) for p in panels] == [("M", ["x"]), ("Q", ["y"])]


def _group_obs():
    rows = []
    for i, month in enumerate(pd.date_range("2024-01-01", periods=6, freq="MS")):
        rows += [("Kibali", "trust", month, "Host community", 70 - i, "M"),
                 ("Kibali", "trust", month, "Displaced", 62 - 3 * i, "M"),
                 ("Kibali", "trust", month, "", 66, "M")]
    return _obs(rows)


def test_gap_spread_and_polarization_series():
    derived = derive_group_series(_group_obs())
    gap = derived[derived["kind"] == "gap"].sort_values("period")
    assert gap["indicator"].iloc[0] == "trust:gap:Host community-Displaced"
    # Gap widens from 8 to 18 points: 70-62, then 65-47.
    np.testing.assert_allclose(gap["value"], [8, 10, 12, 14, 16, 18])
    spread = derived[derived["kind"] == "spread"].sort_values("period")
    np.testing.assert_allclose(spread["value"], np.array([8, 10, 12, 14, 16, 18]) / 2)
    pol = derived[derived["kind"] == "polarization"].sort_values("period")
    # Equal shares 1/2, alpha 1.6: 2 * 0.5**2.6 * 0.5 * |d|.
    np.testing.assert_allclose(pol["value"], 2 * 0.5**2.6 * 0.5 * gap["value"].to_numpy())
    panels = build_panels(_group_obs(), CODEBOOK, min_history=3)
    keys = panels[0].keys
    assert set(keys["kind"]) == {"observed", "gap", "spread", "polarization"}
    assert (panels[0].direction[keys["kind"] != "observed"] == 1).all()
    assert np.isnan(panels[0].threshold[(keys["kind"] != "observed").to_numpy()]).all()


def test_esteban_ray_reference_values():
    # Three groups, shares .5/.3/.2, means 10/20/40, alpha 1: the double sum by hand.
    pi = np.array([0.5, 0.3, 0.2])
    y = np.array([10.0, 20.0, 40.0])
    expected = sum(pi[i] ** 2 * pi[j] * abs(y[i] - y[j]) for i in range(3) for j in range(3))
    got = esteban_ray(y[None, :], pi, alpha=1.0)
    assert got[0] == pytest.approx(expected, rel=1e-12)
    # alpha = 0 is the Gini mean difference; a missing group renormalises the shares.
    got = esteban_ray(np.array([[10.0, np.nan, 40.0]]), pi, alpha=0.0)
    assert got[0] == pytest.approx(2 * (5 / 7) * (2 / 7) * 30, rel=1e-12)
    assert np.isnan(esteban_ray(np.array([[1.0, np.nan, np.nan]]), pi)[0])


def test_pair_choice_configured_then_largest():
    assert choose_pair(["Elders", "Youth", "Women"], {}) == ("Youth", "Elders")
    assert choose_pair(["a", "b", "c"], {"a": 3, "b": 9, "c": 5}) == ("b", "c")
    assert choose_pair(["a", "b", "c"], {}, shares={"a": 0.6, "b": 0.1, "c": 0.3}) == ("a", "c")
    assert choose_pair(["only"], {}) is None


def test_seasonal_baseline_removes_a_yearly_pattern():
    t = 48
    season = np.tile(np.arange(12.0), 4)
    obs = _obs([("A", "x", d, "", v, "M") for d, v in zip(pd.date_range("2020-01-01", periods=t, freq="MS"), season)])
    panel = build_panels(obs, None)[0]
    base = seasonal_baseline(panel)
    assert np.isnan(base[0, :12]).all()
    np.testing.assert_allclose(deseasonalize(panel).values[0, 12:], 0.0)


def test_compute_signals_and_partition_have_every_method():
    rng = np.random.default_rng(1)
    dates = pd.date_range("2019-01-01", periods=60, freq="MS")
    rows = [("R1", "incidents", d, "", v, "M") for d, v in zip(dates, rng.poisson(2, 60).astype(float))]
    rows += [("R1", "trust", d, "", v, "M") for d, v in zip(dates, rng.normal(60, 3, 60))]
    obs = _obs(rows)
    panel = build_panels(obs, CODEBOOK)[0]
    res = compute_signals(panel)
    assert tuple(res) == METHODS
    for r in res.values():
        assert r.score.shape == panel.values.shape and r.flag.dtype == bool
    long = run_partition(obs, CODEBOOK)
    assert set(long["method"]) == set(METHODS)
    assert list(long.columns[:5]) == ["region", "indicator", "group", "kind", "period"]
    assert run_partition(obs, CODEBOOK).equals(long)  # pure: same input, same output


def test_polarization_uses_region_shares_when_given():
    obs = _group_obs()
    shares = pd.DataFrame({"region": ["Kibali", "Kibali"], "group": ["Host community", "Displaced"],
                           "share": [0.8, 0.2]})
    pol = derive_group_series(obs, region_shares=shares)
    pol = pol[pol["kind"] == "polarization"].sort_values("period")["value"].to_numpy()
    gap = np.array([8, 10, 12, 14, 16, 18.0])
    expected = (0.8**2.6 * 0.2 + 0.2**2.6 * 0.8) * gap
    np.testing.assert_allclose(pol, expected)
    # A share known for one group only: equal shares for that row.
    half = derive_group_series(obs, shares={"Displaced": 0.3})
    half = half[half["kind"] == "polarization"].sort_values("period")["value"].to_numpy()
    np.testing.assert_allclose(half, 2 * 0.5**2.6 * 0.5 * gap)


def test_run_partition_of_nothing_is_an_empty_signal_frame():
    from workbench.models.signals import SIGNAL_COLUMNS

    out = run_partition(_obs([]), CODEBOOK)
    assert list(out.columns) == SIGNAL_COLUMNS and len(out) == 0
