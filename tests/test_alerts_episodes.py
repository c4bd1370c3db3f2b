"""Rules and episodes: run-length logic, method combination, severity, explanations, situations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from alerts.episodes import RuleEvaluation, excess_score, find_episodes
from alerts.rules import Rule, default_rules, dump_rules_toml, load_rules_toml, scaled_flag
from alerts.situations import situation_ids
from workbench.errors import WorkbenchError
from workbench.models.panel import DetectorResult, SeriesPanel


def eps(flags, **kw):
    idx = find_episodes(np.array(flags, dtype=bool), **kw)
    return list(zip(idx.row.tolist(), idx.start.tolist(), idx.end.tolist(), idx.opened.tolist()))


def test_each_run_is_an_episode_without_persistence_or_hysteresis() -> None:
    assert eps([[0, 1, 1, 0, 1, 0, 0]]) == [(0, 1, 2, 1), (0, 4, 4, 4)]


def test_persistence_drops_short_runs_and_opens_when_reached() -> None:
    assert eps([[1, 0, 1, 1, 1, 0, 1]], persistence=3) == [(0, 2, 4, 4)]


def test_hysteresis_keeps_episode_open_through_quiet_periods() -> None:
    flags = [[0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1]]
    assert eps(flags, persistence=2, hysteresis=3) == [(0, 1, 6, 2), (0, 11, 13, 12)]
    # A single flag after the hysteresis window ends needs to persist again.
    assert eps([[1, 1, 0, 0, 1]], persistence=2, hysteresis=1) == [(0, 0, 1, 1)]


def test_max_gap_bridges_holes_but_opens_on_a_real_flag() -> None:
    # 1 1 _ 1: with a one-period bridge the run is 4 long; persistence 3 is reached at the
    # bridged hole (index 2), but the alert can only open on the next real flag (index 3).
    assert eps([[1, 1, 0, 1, 0, 0]], persistence=3, max_gap=1) == [(0, 0, 3, 3)]
    assert eps([[1, 1, 0, 0, 1]], persistence=3, max_gap=1) == []


def test_episodes_never_cross_series() -> None:
    flags = [[0, 0, 1, 1], [1, 1, 0, 0]]
    assert eps(flags, persistence=2, hysteresis=5) == [(0, 2, 3, 3), (1, 0, 1, 1)]


def test_opening_depends_only_on_the_past() -> None:
    """Truncating the flags after an opening never moves that opening."""
    rng = np.random.default_rng(4)
    flags = rng.random((30, 60)) < 0.3
    full = find_episodes(flags, persistence=2, hysteresis=2, max_gap=1)
    for row, opened in zip(full.row, full.opened):
        part = find_episodes(flags[:, : opened + 1], persistence=2, hysteresis=2, max_gap=1)
        assert opened in part.opened[part.row == row]


# -- rules over a hand-made panel -------------------------------------------------------------
def make_panel(values: np.ndarray, direction: float = 1.0, indicator: str = "perceived_discrimination") -> SeriesPanel:
    n, t = values.shape
    keys = pd.DataFrame({"region": [f"R{i}" for i in range(n)], "indicator": indicator, "group": "", "kind": "observed"})
    return SeriesPanel(keys=keys, periods=pd.date_range("2022-01-01", periods=t, freq="MS"), freq="M",
                       values=values, direction=np.full(n, direction))


def result(method: str, flag: np.ndarray, value: np.ndarray, score: np.ndarray | None = None, **params) -> DetectorResult:
    shape = flag.shape
    return DetectorResult(method=method, score=np.where(flag, 5.0, 0.0) if score is None else score,
                          flag=flag.astype(bool), value=value, baseline=np.full(shape, 27.0),
                          spread=np.full(shape, 4.375), threshold=np.full(shape, 40.0), params=params)


def test_min_methods_combines_detectors() -> None:
    values = np.full((1, 6), 30.0)
    a = np.array([[0, 1, 1, 1, 0, 0]], bool)
    b = np.array([[0, 0, 1, 1, 1, 0]], bool)
    sig = {"robust_z": result("robust_z", a, values), "ewma": result("ewma", b, values)}
    any_ = RuleEvaluation(Rule("r", ("robust_z", "ewma")), make_panel(values), sig)
    all_ = RuleEvaluation(Rule("r", ("robust_z", "ewma"), min_methods=2), make_panel(values), sig)
    assert any_.flags.tolist() == [[False, True, True, True, True, False]]
    assert all_.flags.tolist() == [[False, False, True, True, False, False]]


def test_score_scale_moves_the_threshold_in_score_units() -> None:
    score = np.array([[1.0, 3.6, 4.0, 5.0]])
    res = result("robust_z", score >= 3.5, np.zeros((1, 4)), score=score, z=3.5)
    assert scaled_flag(res, 1.0).tolist() == [[False, True, True, True]]
    assert scaled_flag(res, 1.2).tolist() == [[False, False, False, True]]  # z >= 4.2
    assert scaled_flag(res, 0.5).tolist() == [[False, True, True, True]]


def test_explanation_speaks_in_the_indicators_units() -> None:
    values = np.array([[27.0, 27.0, 41.0, 40.0]])
    flag = np.array([[0, 0, 1, 1]], bool)
    sig = {
        "robust_z": result("robust_z", flag, values, window=24),
        "mann_kendall": result("mann_kendall", flag, values, window=9),
    }
    codebook = pd.DataFrame({"key": ["perceived_discrimination"], "unit": ["%"], "domain": ["inclusion"]})
    panel = make_panel(values)
    panel.keys.loc[0, "region"] = "Kibali"
    ev = RuleEvaluation(Rule("r", ("robust_z", "mann_kendall")), panel, sig, codebook)
    [ep] = ev.episodes()
    assert ep.explanation.startswith(
        "perceived_discrimination in Kibali rose to 41 % in Mar 2022; normally about 27 % (24-month baseline); "
        "3.2 MADs above it, rarer than 1 in 1,500 months. Methods: robust z-score, Mann-Kendall trend up over 9 months"
    )
    assert "flagged in 2 months (Mar 2022 to Apr 2022)" in ep.explanation
    assert (ep.first_period, ep.last_period, ep.peak_period) == ("2022-03-01", "2022-04-01", "2022-03-01")
    assert ep.details["excess"] == pytest.approx(14 / 4.375, abs=1e-3)
    # The score is the same excess on the bounded scale every rule shares: -log10 of its tail.
    assert ep.score == pytest.approx(excess_score(14 / 4.375), abs=1e-3) and 3.0 < ep.score < 3.3
    assert ep.method == "robust_z+mann_kendall"


def test_higher_is_better_indicators_fall() -> None:
    values = np.array([[60.0, 60.0, 40.0]])
    flag = np.array([[0, 0, 1]], bool)
    res = result("robust_z", flag, values, window=12)
    res.baseline[:] = 60.0
    res.spread[:] = 5.0
    [ep] = RuleEvaluation(Rule("r", ("robust_z",)), make_panel(values, -1.0, "trust"), {"robust_z": res}).episodes()
    assert ep.explanation.startswith("trust in R0 fell to 40 in Mar 2022; normally about 60 (12-month baseline); "
                                     "4.0 MADs below it")
    assert ep.details["excess"] == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("indicator", "kind", "unit", "start"),
    [
        ("trust:gap:host-displaced", "gap", "%", "The gap in trust between host and displaced in R0 widened to 41 points"),
        ("trust:spread", "spread", "%", "The spread of trust across groups in R0 widened to 41 points"),
        ("trust:polarization", "polarization", "%", "The polarization index of trust between groups in R0 rose to 41 in"),
        ("trust", "observed", "count", "trust in R0 rose to 41 in Feb 2022; normally about 27; 3.2 MADs above it,"),
    ],
)
def test_derived_series_are_explained_as_groups_drifting_apart(indicator: str, kind: str, unit: str, start: str) -> None:
    values = np.array([[27.0, 41.0]])
    flag = np.array([[0, 1]], bool)
    panel = make_panel(values, indicator=indicator)
    panel.keys.loc[0, "kind"] = kind
    codebook = pd.DataFrame({"key": ["trust"], "unit": [unit], "domain": ["trust"]})
    [ep] = RuleEvaluation(Rule("r", ("robust_z",), kinds=()), panel,
                          {"robust_z": result("robust_z", flag, values)}, codebook).episodes()
    assert ep.explanation.startswith(start)


@pytest.mark.parametrize(
    ("excess", "periods", "severity"),
    [(2.0, 1, "low"), (3.2, 1, "medium"), (5.0, 1, "high"), (2.0, 6, "medium"), (3.5, 6, "high")],
)
def test_severity_from_excess_and_persistence(excess: float, periods: int, severity: str) -> None:
    t = 8
    values = np.full((1, t), 27.0 + excess * 4.375)
    flag = np.zeros((1, t), bool)
    flag[0, :periods] = True
    ev = RuleEvaluation(Rule("r", ("robust_z",), severity_bands=(3.0, 4.5), long_episode=6), make_panel(values),
                        {"robust_z": result("robust_z", flag, values)})
    [ep] = ev.episodes()
    assert ep.severity == severity


def test_min_severity_filters_weak_episodes() -> None:
    values = np.full((1, 3), 27.0 + 2 * 4.375)
    flag = np.array([[1, 0, 0]], bool)
    ev = RuleEvaluation(Rule("r", ("robust_z",), min_severity="medium"), make_panel(values),
                        {"robust_z": result("robust_z", flag, values)})
    assert ev.episodes() == []


def test_filters_select_series() -> None:
    values = np.zeros((2, 3))
    panel = make_panel(values)
    panel.keys.loc[1, "indicator"] = "trust:gap:host-displaced"
    panel.keys.loc[1, "kind"] = "gap"
    codebook = pd.DataFrame({"key": ["perceived_discrimination", "trust"], "unit": ["%", "%"],
                             "domain": ["inclusion", "trust & social capital"]})
    assert Rule("r", ("robust_z",)).series_mask(panel, codebook).tolist() == [True, False]
    assert Rule("r", ("robust_z",), kinds=("gap",)).series_mask(panel, codebook).tolist() == [False, True]
    assert Rule("r", ("robust_z",), kinds=(), indicators=("trust",)).series_mask(panel, codebook).tolist() == [False, True]
    assert Rule("r", ("robust_z",), domains=("Inclusion",)).series_mask(panel, codebook).tolist() == [True, False]
    assert Rule("r", ("robust_z",), kinds=(), regions=("r1",)).series_mask(panel, codebook).tolist() == [False, True]
    assert Rule("r", ("robust_z",), freqs=("Q",)).series_mask(panel, codebook).tolist() == [False, False]
    assert Rule("r", ("robust_z",), freqs=("M", "Q")).series_mask(panel, codebook).tolist() == [True, False]
    with pytest.raises(WorkbenchError, match="unknown frequency"):
        Rule("r", ("robust_z",), freqs=("monthly",))


def test_rule_validation_and_toml_round_trip() -> None:
    rules = default_rules()
    assert {r.name for r in rules} == {"escalation", "polarization", "fixed_threshold"}
    assert load_rules_toml(dump_rules_toml(rules)) == rules
    with pytest.raises(WorkbenchError, match="unknown method"):
        Rule("bad", ("nope",))
    with pytest.raises(WorkbenchError, match="min_methods"):
        Rule("bad", ("ewma",), min_methods=2)
    with pytest.raises(WorkbenchError, match="unknown field"):
        load_rules_toml('[[rule]]\nname = "x"\nmethods = ["ewma"]\ncolour = "red"\n')
    with pytest.raises(WorkbenchError, match="duplicate"):
        load_rules_toml('[[rule]]\nname = "x"\nmethods = ["ewma"]\n[[rule]]\nname = "x"\nmethods = ["cusum"]\n')


def test_situations_group_overlapping_alerts_of_one_region() -> None:
    alerts = pd.DataFrame({
        "id": [1, 2, 3, 4, 5],
        "region": ["Kibali", "Kibali", "Kibali", "Arua", "Kibali"],
        "first_period": ["2024-01-01", "2024-03-01", "2024-09-01", "2024-01-01", "2024-05-01"],
        "last_period": ["2024-04-01", "2024-05-01", "2024-10-01", "2024-12-01", "2024-06-01"],
    })
    # 1-2 overlap, 5 overlaps 2 (chain), 3 is later, 4 is another region.
    assert situation_ids(alerts).tolist() == [1, 1, 3, 4, 1]


def test_fixed_threshold_alerts_are_measured_against_the_baseline_too() -> None:
    values = np.array([[4.0, 4.0, 10.0]])
    flag = np.array([[0, 0, 1]], bool)
    fixed = result("fixed", flag, values)
    fixed.baseline[:] = np.nan
    fixed.spread[:] = np.nan
    fixed.threshold[:] = 5.0
    fixed.score[:] = values - 5.0
    rz = result("robust_z", np.zeros_like(flag), values, window=24)
    rz.baseline[:] = 4.0
    rz.spread[:] = 2.0
    codebook = pd.DataFrame({"key": ["incidents"], "unit": ["count"], "domain": ["violence"]})
    ev = RuleEvaluation(Rule("f", ("fixed",), severity_bands=(3.0, 4.5)), make_panel(values, indicator="incidents"),
                        {"fixed": fixed, "robust_z": rz}, codebook)
    [ep] = ev.episodes()
    assert ep.details["excess"] == pytest.approx(3.0)  # (10 - 4) / 2 spreads, not 5 units past the threshold
    assert ep.severity == "medium"
    assert ep.explanation.startswith(
        "incidents in R0 rose to 10 in Mar 2022, past its fixed threshold of 5; normally about 4 (24-month baseline); "
        "3.0 MADs above it")
    assert ep.method == "fixed"


def test_a_flat_baseline_gives_a_capped_score_and_plain_words() -> None:
    values = np.array([[0.0, 0.0, 9.0]])
    flag = np.array([[0, 0, 1]], bool)
    res = result("robust_z", flag, values, window=24)
    res.baseline[:] = 0.0
    res.spread[:] = 1e-9  # what the detectors floor a never-varying history's MAD to
    codebook = pd.DataFrame({"key": ["protests"], "unit": ["count"], "domain": ["participation"]})
    [ep] = RuleEvaluation(Rule("r", ("robust_z",)), make_panel(values, indicator="protests"), {"robust_z": res},
                          codebook).episodes()
    assert ep.details["excess"] == 99.0 and ep.score == 9.0 and ep.severity == "high"
    assert ep.explanation.startswith("protests in R0 rose to 9 in Mar 2022; normally about 0 (24-month baseline), "
                                     "which had not varied.")
