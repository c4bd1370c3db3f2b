"""Backtesting on a tiny synthetic history whose answer is known, and its honesty checks."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from alerts_factory import write_series

from alerts.backtest import causal_methods, read_truth, replay_live, run_backtest
from workbench.errors import UnusableInputError, WorkbenchError

N = 48
CALM = 30 + 0.5 * (-1) ** np.arange(N)  # a steady, slightly wobbly history


def month(i: int) -> str:
    return pd.Timestamp("2020-01-01").to_period("M").__add__(i).to_timestamp().date().isoformat()


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("backtest")
    a, b, spike = CALM.copy(), CALM.copy(), CALM.copy()
    a[30:41] += 8  # visible from its onset: delay 0
    b[33:41] += 8  # truth says onset 30, the data move at 33: delay 3
    # One odd month on a series without any episode: a false alarm. Four steps above a
    # baseline that wobbles by one step (spreads are floored at the series' step).
    spike[42] = 34.0
    project = write_series(folder / "bt.wbproj", {
        ("A", "x"): a, ("B", "x"): b, ("C", "x"): CALM.copy(),  # C: an episode the data never show
        ("D", "x"): CALM.copy(), ("E", "x"): CALM.copy(), ("F", "x"): spike,
    })
    # The rule these tests were written for (the shipped set before the monitor): robust z and
    # friends combined period by period, whose thresholds calibration scales.
    from alerts.rules import Rule, default_rules, save_rules
    from workbench.store import open_project

    legacy = Rule("sustained_rise", ("robust_z", "ears_c2", "ewma", "cusum", "mann_kendall"), min_methods=2,
                  persistence=1, hysteresis=3, score_scale=1.1)
    with open_project(project) as p, p.transaction() as conn:
        save_rules(conn, [*default_rules(), legacy], "2024-01-01T00:00:00")
    truth = folder / "truth.csv"
    pd.DataFrame({
        "episode_id": ["EA", "EB", "EC", "ESMALL"],
        "region": ["A", "B", "C", "D"], "indicator": ["x"] * 4, "group": [""] * 4,
        "onset": [month(30)] * 4, "end": [month(40)] * 4,
        "magnitude_sd": [4.0, 4.0, 3.0, 1.0], "parent": [""] * 4,
    }).to_csv(truth, index=False)
    return project, truth


def test_detection_delay_and_false_alarms_match_the_known_answer(history: tuple[Path, Path]) -> None:
    project, truth = history
    report = run_backtest(project, truth=truth, rule="sustained_rise")
    main, ref = report.rules[0], report.rules[-1]
    assert main.rule == "sustained_rise" and ref.rule == "ears_c2_alone"
    assert (main.truth_episodes, main.detected) == (3, 2)  # ESMALL (1 SD) is below the 2 SD bar
    assert main.missed == ["EC"]
    assert main.delays == {"EA": 0.0, "EB": 3.0}
    assert main.median_delay_months == 1.5
    assert main.false_alarms == 1  # F's odd month (D has a small truth episode: not a clean series)
    clean_years = main.series_years
    assert 2 * (N - 13) / 12 <= clean_years <= 2 * N / 12  # E and F, after the detectors' warm-up
    assert main.false_alarms_per_series_year == pytest.approx(1 / clean_years, rel=0.01)
    assert report.causal_checked and all(report.causal_checked.values())
    assert report.replayed == []


def test_the_monitor_rule_is_backtested_like_any_rule(history: tuple[Path, Path]) -> None:
    """The shipped rule (the stateful monitor) on the same known answer: its openings are live
    (it passes the causality check), both visible episodes are caught on time, the odd month
    on F opens one false alarm, and calibration moves its thresholds through its scale."""
    project, truth = history
    report = run_backtest(project, truth=truth, rule="escalation", calibrate=True, budget=0.0)
    main = report.rules[0]
    assert main.rule == "escalation" and main.detected == 2 and main.missed == ["EC"]
    assert main.delays == {"EA": 0.0, "EB": 3.0}
    assert main.false_alarms == 1
    assert report.causal_checked["monitor"] and "monitor" not in report.replayed
    [cal] = report.calibrations
    assert cal.scale is not None and cal.scale > 1.0 and cal.score.false_alarms == 0 and cal.score.detected == 2


def test_min_magnitude_decides_which_episodes_count(history: tuple[Path, Path]) -> None:
    project, truth = history
    report = run_backtest(project, truth=truth, rule="sustained_rise", min_magnitude=0.5)
    assert report.rules[0].truth_episodes == 4


def test_calibration_meets_the_budget_and_reports_the_cost(history: tuple[Path, Path]) -> None:
    project, truth = history
    report = run_backtest(project, truth=truth, rule="sustained_rise", calibrate=True, budget=0.0)
    [cal] = report.calibrations
    assert cal.default.false_alarms == 1
    assert cal.scale is not None and cal.scale > cal.default.scale
    assert cal.score.false_alarms == 0 and cal.score.detected == 2
    assert cal.thresholds["robust_z"] == pytest.approx(3.5 * cal.scale)
    fas = [c["false_alarms_per_series_year"] for c in cal.curve]
    assert fas[0] >= fas[-1]


def test_cli_backtest_formats(history: tuple[Path, Path], run_cli) -> None:
    project, truth = history
    code, out, err = run_cli("backtest", "--project", project, "--truth", truth, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    names = [r["rule"] for r in doc["rules"]]
    assert names[0] == "escalation" and "sustained_rise" in names and names[-1] == "ears_c2_alone"
    assert any(n.startswith("all:") for n in names)
    code, out, err = run_cli("backtest", "--project", project, "--truth", truth)
    assert code == 0 and "causality check" in out and "ears_c2_alone" in out
    code, out, err = run_cli("backtest", "--project", project, "--truth", truth, "--format", "csv")
    assert out.splitlines()[0].startswith("rule,truth_episodes,detected,detection_rate")


def test_without_truth_the_teams_verified_alerts_are_the_truth(history: tuple[Path, Path], tmp_path: Path, run_cli) -> None:
    project, _ = history
    copy = tmp_path / "copy.wbproj"
    copy.write_bytes(project.read_bytes())
    code, out, err = run_cli("backtest", "--project", copy)
    assert code == 1 and "verify some alerts first" in err
    assert run_cli("run", "--project", copy)[0] == 0
    from alerts.listing import alerts_frame
    from workbench.store import open_project

    with open_project(copy, readonly=True) as p:
        first = int(alerts_frame(p.conn, region="A").iloc[0]["id"])
    for args in (["--set", "acknowledged"], ["--set", "verified", "--likelihood", "4", "--consequence", "4",
                                             "--outcome", "respond"]):
        assert run_cli("alert", first, "--project", copy, *args)[0] == 0
    report = run_backtest(copy, rule="sustained_rise")
    assert report.truth_source == "verified alerts"
    assert (report.rules[0].truth_episodes, report.rules[0].detected) == (1, 1)


def test_bad_inputs(history: tuple[Path, Path], tmp_path: Path) -> None:
    project, _ = history
    bad = tmp_path / "bad.csv"
    bad.write_text("region,indicator\nA,x\n")
    with pytest.raises(UnusableInputError, match="lacks column"):
        read_truth(bad)
    with pytest.raises(UnusableInputError):
        read_truth(tmp_path / "missing.csv")
    with pytest.raises(WorkbenchError, match="no enabled rule"):
        run_backtest(project, rule="nope")


def test_a_non_causal_method_is_caught_and_replayed_live() -> None:
    """A detector peeking at the future (a centred mean) fails the check; the replay is causal."""
    from workbench.models.panel import DetectorResult, SeriesPanel

    rng = np.random.default_rng(0)
    values = rng.normal(0, 1, (4, 30))
    panel = SeriesPanel(keys=pd.DataFrame({"region": list("abcd"), "indicator": "x", "group": "", "kind": "observed"}),
                        periods=pd.date_range("2020-01-01", periods=30, freq="MS"), freq="M",
                        values=values, direction=np.ones(4))

    def peeking(p: SeriesPanel) -> DetectorResult:
        v = p.values
        score = v - v.mean(axis=1, keepdims=True)  # uses the whole series, future included
        z = np.zeros_like(v)
        return DetectorResult("peek", score, score > 1.0, v, z, z + 1, z, {})

    def honest(p: SeriesPanel) -> DetectorResult:
        v = p.values
        score = v - np.concatenate([np.zeros((len(v), 1)), v[:, :-1]], axis=1)
        z = np.zeros_like(v)
        return DetectorResult("diff", score, score > 1.0, v, z, z + 1, z, {})

    compute = lambda p: {"peek": peeking(p), "diff": honest(p)}  # noqa: E731
    assert causal_methods(panel, compute(panel), compute) == {"peek": False, "diff": True}
    live = replay_live(panel, "peek", peeking)
    for stop in (10, 20, 30):
        short = peeking(SeriesPanel(panel.keys, panel.periods[:stop], "M", values[:, :stop], panel.direction))
        assert np.allclose(live.score[:, stop - 1], short.score[:, -1])


def test_apply_stores_the_calibrated_threshold(history: tuple[Path, Path], tmp_path: Path, run_cli) -> None:
    project, truth = history
    copy = tmp_path / "cal.wbproj"
    copy.write_bytes(project.read_bytes())
    code, out, err = run_cli("backtest", "--project", copy, "--truth", truth, "--rule", "sustained_rise", "--apply")
    assert code == 1 and "--calibrate" in err
    code, out, err = run_cli("backtest", "--project", copy, "--truth", truth, "--rule", "sustained_rise",
                             "--calibrate", "--budget", "0", "--apply")
    assert code == 0 and "calibration of sustained_rise" in out and "stored: sustained_rise x" in err
    from alerts.rules import stored_rules
    from workbench.store import open_project

    with open_project(copy, readonly=True) as p:
        rule = next(r for r in stored_rules(p.conn) if r.name == "sustained_rise")
    assert rule.score_scale > 1.1
    report = run_backtest(copy, truth=truth, rule="sustained_rise")
    assert report.rules[0].false_alarms == 0 and report.rules[0].detected == 2


def test_min_severity_is_respected_in_the_replay(history: tuple[Path, Path], tmp_path: Path, run_cli) -> None:
    project, truth = history
    copy = tmp_path / "sev.wbproj"
    copy.write_bytes(project.read_bytes())
    rules = tmp_path / "r.toml"
    rules.write_text('[[rule]]\nname = "sustained_rise"\nmethods = ["robust_z", "ears_c2", "ewma", "cusum", '
                     '"mann_kendall"]\nmin_methods = 2\nscore_scale = 1.1\nhysteresis = 3\nmin_severity = "high"\n'
                     'severity_bands = [3.0, 6.0]\nlong_episode = 99\n')
    assert run_cli("rules", "--project", copy, "--import", rules)[0] == 0
    report = run_backtest(copy, truth=truth, rule="sustained_rise")
    main = report.rules[0]
    # the steps of 8 are ~15 EARS spreads high: still alerts; F's odd month (~5.6) is only medium
    assert main.detected == 2 and main.false_alarms == 0


def test_an_opening_counts_only_from_the_period_its_severity_reached_the_floor(
        history: tuple[Path, Path], tmp_path: Path, run_cli) -> None:
    """Severity grows with the episode (here: medium only from the 4th flagged month); judging the
    opening by the whole episode would credit the rule with a warning it could not have given."""
    project, truth = history
    copy = tmp_path / "grow.wbproj"
    copy.write_bytes(project.read_bytes())
    rules = tmp_path / "r.toml"
    base = ('[[rule]]\nname = "sustained_rise"\nmethods = ["robust_z", "ears_c2", "ewma", "cusum", '
            '"mann_kendall"]\nmin_methods = 2\nscore_scale = 1.1\nhysteresis = 3\n'
            'severity_bands = [90.0, 99.0]\n')
    rules.write_text(base + 'min_severity = "low"\nlong_episode = 4\n')
    assert run_cli("rules", "--project", copy, "--import", rules)[0] == 0
    low = run_backtest(copy, truth=truth, rule="sustained_rise").rules[0]
    rules.write_text(base + 'min_severity = "medium"\nlong_episode = 4\n')
    assert run_cli("rules", "--project", copy, "--import", rules)[0] == 0
    medium = run_backtest(copy, truth=truth, rule="sustained_rise").rules[0]
    assert low.delays == {"EA": 0.0, "EB": 3.0}
    # medium needs 4 flagged months: at least 3 months after the rule first fired
    assert medium.detected == 2 and medium.delays["EA"] >= 3.0 and medium.delays["EB"] >= 6.0
    assert medium.false_alarms == 0  # F's single odd month never becomes medium


def test_a_method_found_non_causal_on_a_later_panel_is_replayed_on_every_panel() -> None:
    """The check passes on the first panel by luck (its truncation points hold the last value);
    the second panel exposes the peek, so the first panel must be replayed too."""
    from alerts.backtest import panel_signals
    from workbench.models.panel import DetectorResult, SeriesPanel

    def panel(region: str, values: np.ndarray) -> SeriesPanel:
        return SeriesPanel(keys=pd.DataFrame({"region": [region], "indicator": "x", "group": "", "kind": "observed"}),
                           periods=pd.date_range("2020-01-01", periods=30, freq="MS"), freq="M",
                           values=values[None, :], direction=np.ones(1))

    def peek_at_last(p: SeriesPanel) -> DetectorResult:
        v = p.values
        score = v - v[:, -1:]  # distance to the series' last value: the future
        z = np.zeros_like(v)
        return DetectorResult("peek", score, score > 1.0, v, z, z + 1, z, {})

    lucky = np.random.default_rng(1).normal(0, 2, 30)
    lucky[[14, 21, 26, 29]] = 5.0  # the values at the check's cuts (50/75/90%) equal the last one
    exposed = np.random.default_rng(2).normal(0, 2, 30)
    parts, causal, replayed = panel_signals(
        [panel("a", lucky), panel("b", exposed)], ["peek"], lambda p: {"peek": peek_at_last(p)},
        lambda m: peek_at_last)
    assert causal == {"peek": False} and replayed == {"peek"}
    for part in parts:  # live, the last value seen is the current one: every score is 0
        assert np.allclose(part.signals["peek"].score, 0.0)
