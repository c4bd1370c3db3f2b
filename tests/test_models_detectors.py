"""Detectors against loop transcriptions of their definitions and against libraries."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pymannkendall
import pytest
import ruptures

from workbench.models.detectors import (
    change_point, cusum, ears_c1, ears_c2, ears_c3, fixed, mann_kendall, percentile, robust_z,
)
from workbench.models.detectors.trend import mann_kendall_windows
from panel_factory import make_panel
from workbench.models.panel import SeriesPanel
from workbench.models.signals import compute_signals


def random_values(n=30, t=60, seed=0, missing=0.1, ties=False):
    rng = np.random.default_rng(seed)
    v = rng.normal(20, 4, (n, t))
    if ties:
        v = np.round(v / 2)
    v[rng.random((n, t)) < missing] = np.nan
    return v


# --- loop references ---------------------------------------------------------------------

def ref_window(x, t, lag, width):
    lo, hi = t - lag - width + 1, t - lag
    w = x[max(lo, 0) : hi + 1] if hi >= 0 else np.array([])
    return w[~np.isnan(w)]


def ref_resolution(x, t):
    """Smallest non-zero |x_j - x_(j-1)| with j <= t-1, both present; 0 if none."""
    steps = [abs(x[j] - x[j - 1]) for j in range(1, t) if not np.isnan(x[j]) and not np.isnan(x[j - 1])]
    steps = [s for s in steps if s > 0]
    return min(steps) if steps else 0.0


def ref_floor(sd, base, res=0.0, rel=0.01, mn=1e-9):
    return max(sd, mn, rel * abs(base), res)


def ref_ears(x, lag, min_history=5):
    out = np.full(len(x), np.nan)
    for t in range(len(x)):
        b = ref_window(x, t, lag, 7)
        if len(b) >= min_history and not np.isnan(x[t]):
            m, s = b.mean(), b.std(ddof=1)
            out[t] = (x[t] - m) / ref_floor(s, m, ref_resolution(x, t))
    return out


def ref_c3(x):
    c2 = ref_ears(x, 3)
    out = np.full(len(x), np.nan)
    for t in range(len(x)):
        if np.isnan(c2[t]):
            continue
        out[t] = sum(max(0.0, c2[i] - 1) for i in range(max(t - 2, 0), t + 1) if not np.isnan(c2[i]))
    return out


def ref_robust_z(x, window=24, guard=1, min_history=12):
    out = np.full(len(x), np.nan)
    for t in range(len(x)):
        b = ref_window(x, t, 1 + guard, window)
        if len(b) >= min_history and not np.isnan(x[t]):
            med = np.median(b)
            mad = np.median(np.abs(b - med)) * 1.4826
            out[t] = (x[t] - med) / ref_floor(mad, med, ref_resolution(x, t))
    return out


def ref_percentile(x, q=0.95, window=36, min_history=12):
    score, quant = np.full(len(x), np.nan), np.full(len(x), np.nan)
    for t in range(len(x)):
        b = ref_window(x, t, 1, window)
        if len(b):
            quant[t] = np.quantile(b, q)
        if len(b) >= min_history and not np.isnan(x[t]):
            score[t] = (np.sum(b < x[t]) + 0.5 * np.sum(b == x[t])) / len(b)
    return score, quant


@pytest.mark.parametrize("direction", [1.0, -1.0])
def test_ears_match_loop_transcription(direction):
    v = random_values()
    p = make_panel(v, direction=np.full(len(v), direction))
    w = v * direction
    c1, c2, c3 = ears_c1(p), ears_c2(p), ears_c3(p)
    for i in range(len(v)):
        np.testing.assert_allclose(c1.score[i], ref_ears(w[i], 1), rtol=1e-8, atol=1e-8)
        np.testing.assert_allclose(c2.score[i], ref_ears(w[i], 3), rtol=1e-8, atol=1e-8)
        np.testing.assert_allclose(c3.score[i], ref_c3(w[i]), rtol=1e-8, atol=1e-8)
    np.testing.assert_array_equal(c1.flag, np.nan_to_num(c1.score) >= 3)
    np.testing.assert_array_equal(c3.flag, np.nan_to_num(c3.score) >= 2)
    # Explanations are in the indicator's own units: value at threshold <=> score at threshold.
    ok = ~np.isnan(c1.score)
    at = (c1.threshold - c1.baseline) / c1.spread
    np.testing.assert_allclose(at[ok], 3 * direction)


def test_ears_by_hand():
    # Baseline 1..7 (mean 4, sd 2.1602), today 12: C1 = 8 / 2.1602 = 3.703.
    x = np.array([1, 2, 3, 4, 5, 6, 7, 12.0])
    c1 = ears_c1(make_panel(x)).score[0, -1]
    assert c1 == pytest.approx(8 / np.std(np.arange(1, 8), ddof=1), rel=1e-12)
    # C2 at the last point uses t-9..t-3: values 1..7 with two more points after them.
    x = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 20.0])
    c2 = ears_c2(make_panel(x)).score[0, -1]
    assert c2 == pytest.approx((20 - 4) / np.std(np.arange(1, 8), ddof=1), rel=1e-12)


def test_robust_z_and_percentile_match_loops():
    v = random_values(ties=True)
    rz = robust_z(make_panel(v))
    pc = percentile(make_panel(v))
    ex = percentile(make_panel(v), window=None)
    for i in range(len(v)):
        np.testing.assert_allclose(rz.score[i], ref_robust_z(v[i]), rtol=1e-8, atol=1e-8)
        s, q = ref_percentile(v[i])
        np.testing.assert_allclose(pc.score[i], s, rtol=1e-8, atol=1e-8)
        np.testing.assert_allclose(pc.baseline[i], q, rtol=1e-8, atol=1e-8)
        s, q = ref_percentile(v[i], window=v.shape[1])
        np.testing.assert_allclose(ex.score[i], s, rtol=1e-8, atol=1e-8)
    np.testing.assert_array_equal(pc.flag, (v > pc.baseline) & ~np.isnan(pc.score))


def test_fixed_threshold_in_the_worse_direction():
    v = np.array([[3, 5, 7.0], [50, 40, 30]])
    res = fixed(make_panel(v, direction=[1, -1], threshold=[5, 40]))
    np.testing.assert_array_equal(res.flag, [[False, True, True], [False, True, True]])
    np.testing.assert_allclose(res.score, [[-2, 0, 2], [-10, 0, 10]])
    np.testing.assert_allclose(res.threshold, [[5, 5, 5], [40, 40, 40]])
    assert not fixed(make_panel(v)).flag.any()  # no codebook threshold, no flag


def test_mann_kendall_matches_pymannkendall_with_ties_and_gaps():
    rng = np.random.default_rng(3)
    v = np.round(rng.normal(0, 2, (12, 40)) + np.linspace(0, 3, 40))  # many ties
    v[rng.random(v.shape) < 0.1] = np.nan
    window = 12
    st = mann_kendall_windows(v, window)
    checked = 0
    for i in range(v.shape[0]):
        for t in range(window - 1, v.shape[1]):
            x = v[i, t - window + 1 : t + 1]
            if np.sum(~np.isnan(x)) < 3:
                continue
            ref = pymannkendall.original_test(x)
            assert st["s"][i, t] == pytest.approx(ref.s, abs=1e-8)
            assert st["var_s"][i, t] == pytest.approx(ref.var_s, abs=1e-8)
            assert st["z"][i, t] == pytest.approx(ref.z, abs=1e-8)
            assert st["p"][i, t] == pytest.approx(ref.p, abs=1e-8)
            assert st["slope"][i, t] == pytest.approx(ref.slope, abs=1e-8)
            assert st["intercept"][i, t] == pytest.approx(ref.intercept, abs=1e-8)
            checked += 1
    assert checked > 300


def test_mann_kendall_flags_a_worsening_trend_only():
    t = np.arange(30.0)
    rising = t + np.sin(t)
    res = mann_kendall(make_panel([rising, rising], direction=[1, -1]))
    assert res.flag[0, -1] and not res.flag[1].any()
    assert res.extra["slope"][0, -1] == pytest.approx(res.extra["slope"][1, -1])  # own units
    assert res.extra["slope"][0, -1] > 0


def test_change_point_matches_ruptures_break():
    rng = np.random.default_rng(7)
    window = 24
    for trial in range(15):
        brk = int(rng.integers(4, 20))
        x = rng.normal(0, 1, window)
        x[brk:] += rng.choice([-1, 1]) * rng.uniform(1.5, 4)
        res = change_point(make_panel(x), window=window)
        algo = ruptures.Dynp(model="l2", min_size=2, jump=1).fit(x.reshape(-1, 1))
        expected = algo.predict(n_bkps=1)[0]
        assert res.extra["start"][0, -1] == expected, trial


def test_change_point_dates_and_flags_an_upward_shift():
    rng = np.random.default_rng(11)
    x = rng.normal(10, 1, 60)
    x[45:] += 5
    res = change_point(make_panel(x))
    assert res.flag[0, 50]
    assert res.extra["start"][0, 50] == 45
    assert not res.flag[0, :45].any()
    down = change_point(make_panel(-x))
    assert not down.flag[0, 46:].any()


ALL = ["fixed", "percentile", "robust_z", "ears_c1", "ears_c2", "ears_c3", "ewma", "cusum",
       "mann_kendall", "change_point"]


def test_constant_series_never_flags_and_scores_finite():
    res = compute_signals(make_panel(np.full((2, 48), 7.0)))
    for name in ALL:
        assert not res[name].flag.any(), name
        s = res[name].score
        assert np.isfinite(s[~np.isnan(s)]).all(), name


def test_all_missing_series_gives_nan_scores_and_no_flags():
    res = compute_signals(make_panel(np.full((2, 48), np.nan), threshold=[1, 1]))
    for name in ALL:
        assert np.isnan(res[name].score).all() and not res[name].flag.any(), name


def test_a_single_spike_is_flagged_by_the_point_detectors():
    x = np.random.default_rng(5).normal(30, 1, 48)
    x[40] = 45
    res = compute_signals(make_panel(x))
    for name in ["robust_z", "ears_c1", "ears_c2", "ears_c3", "percentile", "cusum", "ewma"]:
        assert res[name].flag[0, 40], name
        assert not res[name].flag[0, 20:40].any(), name
    # A spike on a flat history is flagged too (the MAD / sd floor keeps the score finite).
    flat = np.full(48, 30.0)
    flat[40] = 33  # 10 % above a flat level; the floor is 1 % of the level
    res = compute_signals(make_panel(flat))
    assert res["robust_z"].flag[0, 40] and np.isfinite(res["robust_z"].score[0, 40])


def test_sparse_counts_are_judged_against_their_step():
    x = np.zeros(40)
    x[[5, 17]] = 1.0  # a quiet series: median and MAD of the baseline are 0
    x[36] = 1.0
    x[38] = 6.0
    res = robust_z(make_panel(x))
    assert res.score[0, 36] == pytest.approx(1.0)  # one incident = one step, not 10^9
    assert not res.flag[0, 36] and res.flag[0, 38]
    assert res.spread[0, 38] == 1.0


def test_short_history_gives_nan_scores_no_flags():
    x = np.array([1.0, 1, 1, 50])
    res = compute_signals(make_panel(x))
    for name in ALL:
        if name == "fixed":
            continue
        assert np.isnan(res[name].score).all() and not res[name].flag.any(), name


def test_gaps_are_skipped_not_filled():
    rng = np.random.default_rng(2)
    x = rng.normal(10, 1, 48)
    gappy = x.copy()
    gappy[[30, 31, 32]] = np.nan
    res = compute_signals(make_panel(np.vstack([x, gappy])))
    for name in ALL:
        assert np.isnan(res[name].score[1, [30, 31, 32]]).all(), name
        assert not res[name].flag[1, [30, 31, 32]].any(), name
    # The CUSUM state carries across the gap unchanged.
    from workbench.models.detectors.control import standardize

    up = cusum(make_panel(gappy)).score[0]
    z = standardize(gappy[None, :], window=24, guard=3, min_history=12)[0][0]
    assert up[33] == pytest.approx(max(0.0, up[29] + z[33] - 0.5))


@pytest.mark.parametrize("shape", [(1, 1), (3, 2), (0, 10)])
def test_tiny_and_empty_panels_do_not_break(shape):
    values = np.ones(shape)
    if shape[0] == 0:
        keys = pd.DataFrame(columns=["region", "indicator", "group", "kind"])
        panel = SeriesPanel(keys, pd.date_range("2020-01-01", periods=shape[1], freq="MS"), "M", values,
                            np.ones(0), np.ones(0))
    else:
        panel = make_panel(values)
    res = compute_signals(panel)
    for name in ALL:
        assert res[name].score.shape == shape and not res[name].flag.any()
    from workbench.models.signals import signals_frame

    assert len(signals_frame(panel, res, flags_only=True)) == 0


def test_seasonal_option_ignores_a_regular_yearly_peak():
    rng = np.random.default_rng(8)
    t = np.arange(72)
    season = np.where(t % 12 == 6, 12.0, 0.0)  # every July is high
    x = 20 + season + rng.normal(0, 1, 72)
    x[66] += 12  # ... but this July is higher than the usual July
    panel = make_panel(x)
    plain = compute_signals(panel, {"robust_z": {}})["robust_z"]
    seas = compute_signals(panel, seasonal=True, config={"robust_z": {"min_history": 6}})["robust_z"]
    assert plain.flag[0, [30, 42, 54]].all()  # the usual July peaks look alarming without seasons
    assert not seas.flag[0, [30, 42, 54]].any()
    assert seas.flag[0, 66]
    assert seas.value[0, 66] == x[66]
    assert 28 < seas.baseline[0, 66] < 36  # around the usual July level, in the indicator's units


def test_signals_are_causal_to_the_last_bit():
    """Replaying history (cutting the panel at k) gives exactly the same numbers up to k."""
    rng = np.random.default_rng(12)
    v = np.round(rng.normal(30, 3, (40, 60)), 1)
    v[rng.random(v.shape) < 0.08] = np.nan
    v[:5, :30] = 30.0  # flat histories, where rounding matters most
    v[:5, 30:] += 3
    full = compute_signals(make_panel(v))
    for k in (25, 41):
        cut = compute_signals(make_panel(v[:, :k]))
        for name in ALL:
            a, b = full[name], cut[name]
            np.testing.assert_array_equal(a.score[:, :k], b.score, err_msg=name)
            np.testing.assert_array_equal(a.flag[:, :k], b.flag, err_msg=name)
            if name != "mann_kendall":  # Sen's line is only worked out where it is reported
                np.testing.assert_array_equal(a.baseline[:, :k], b.baseline, err_msg=name)
                np.testing.assert_array_equal(a.threshold[:, :k], b.threshold, err_msg=name)
