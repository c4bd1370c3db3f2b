"""The fast paths of the detectors give the same numbers as the plain ones, to the last bit.

Blocks of series, shared rolling statistics, top-k quantiles and the sliding Kendall S are
there for speed only (benchmarks/bench_models.py); these tests pin them to the direct
computations and to loop references on data with gaps, ties and short series.
"""

from __future__ import annotations

import numpy as np
import pytest

import workbench.models.signals as signals
from workbench.models.detectors.thresholds import _history_rank_sorted, history_rank, percentile
from workbench.models.detectors.trend import _lagged_pair_sums
from panel_factory import make_panel
from workbench.models.shared import shared, shared_statistics
from workbench.models.topk import ranks_needed, trailing_quantile
from workbench.models.windows import nan_quantile_sorted, rolling_count, trailing_windows


def gappy(n, t, seed, missing=0.12, decimals=0):
    rng = np.random.default_rng(seed)
    v = np.round(rng.normal(20, 3, (n, t)), decimals)  # rounded: many ties
    v[rng.random((n, t)) < missing] = np.nan
    v[0] = np.nan  # an all-missing series
    v[1, : t // 2] = np.nan  # a late starter
    return v


@pytest.mark.parametrize(("width", "lag", "q"), [(36, 1, 0.95), (12, 1, 0.9), (7, 0, 0.99), (5, 3, 0.8), (1, 1, 0.95)])
def test_top_k_quantile_is_the_sorted_quantile(width, lag, q):
    assert ranks_needed(width, q) <= 4
    x = gappy(25, 70, seed=width)
    x[2, 10:30] = -np.inf  # infinities are ordinary values for the order
    count = rolling_count(x, width, lag)
    windows = trailing_windows(x, width, lag)
    with np.errstate(invalid="ignore"):  # -inf - -inf in windows of infinities
        ref = nan_quantile_sorted(np.sort(windows, axis=-1), np.sum(~np.isnan(windows), axis=-1), q)
        got = trailing_quantile(x, width, lag, q, count)
    np.testing.assert_array_equal(got, ref)


def test_ranks_needed_counts_from_the_top():
    assert ranks_needed(36, 0.95) == 3  # 36 values: between the 3rd and 2nd largest
    assert ranks_needed(1, 0.5) == 1
    assert ranks_needed(24, 0.5) == 13  # a median is far from the top: sorted instead


@pytest.mark.parametrize(("width", "q"), [(36, 0.95), (10, 0.9), (24, 0.5), (8, 0.05)])
def test_history_rank_fast_and_sorted_paths_agree(width, q):
    w = gappy(20, 60, seed=3)
    fast = history_rank(w, width, q)
    slow = _history_rank_sorted(w, width, q)
    for a, b in zip(fast, slow):
        np.testing.assert_array_equal(a, b)


def test_percentile_by_loop_on_a_high_quantile_with_ties():
    v = gappy(6, 50, seed=9)
    res = percentile(make_panel(v), q=0.9, window=10, min_history=4)
    for i in range(len(v)):
        for t in range(len(v[i])):
            hist = v[i, max(0, t - 10) : t]
            hist = hist[~np.isnan(hist)]
            if len(hist):
                assert res.baseline[i, t] == pytest.approx(np.quantile(hist, 0.9), abs=1e-12)
            if len(hist) >= 4 and not np.isnan(v[i, t]):
                rank = (np.sum(hist < v[i, t]) + 0.5 * np.sum(hist == v[i, t])) / len(hist)
                assert res.score[i, t] == pytest.approx(rank, abs=1e-12)
            else:
                assert np.isnan(res.score[i, t])


@pytest.mark.parametrize(("window", "t"), [(12, 60), (5, 30), (30, 20), (2, 9), (12, 1)])
def test_sliding_kendall_s_and_ties_by_brute_force(window, t):
    x = gappy(8, t, seed=window)
    s, tied = _lagged_pair_sums(x, window)
    for i in range(len(x)):
        for end in range(t):
            w = x[i, max(0, end - window + 1) : end + 1]
            w = w[~np.isnan(w)]
            d = w[None, :] - w[:, None]
            upper = np.triu(np.ones(d.shape, bool), 1)
            assert s[i, end] == np.sum(np.sign(d[upper]))
            assert tied[i, end] == np.sum(d[upper] == 0)


def test_blocks_of_series_give_the_whole_panel_numbers(monkeypatch):
    v = gappy(23, 40, seed=5, decimals=1)
    v[3:6, :20] = 30.0  # flat histories
    v[3:6, 20:] += 4
    thr = np.where(np.arange(23) % 3 == 0, 31.0, np.nan)
    panel = make_panel(v, direction=np.where(np.arange(23) % 2, -1.0, 1.0), threshold=thr)
    for seasonal in (False, True):
        whole = signals.compute_signals(panel, seasonal=seasonal)
        monkeypatch.setattr(signals, "ROW_BLOCK", 4)  # 6 blocks, the last one short
        for workers in (1, 2):
            monkeypatch.setattr(signals, "WORKERS", workers)
            blocked = signals.compute_signals(panel, seasonal=seasonal)
            assert list(blocked) == list(whole)
            for name, a in whole.items():
                b = blocked[name]
                assert b.value is panel.values and b.params == a.params, name
                for col in ("score", "flag", "baseline", "spread", "threshold"):
                    np.testing.assert_array_equal(getattr(b, col), getattr(a, col), err_msg=f"{name}.{col}")
                assert set(b.extra) == set(a.extra)
                for k in a.extra:
                    np.testing.assert_array_equal(b.extra[k], a.extra[k], err_msg=f"{name}.{k}")
        monkeypatch.undo()


@pytest.mark.parametrize("shape", [(7, 0), (7, 1), (9, 3)])
def test_blocks_of_tiny_series(monkeypatch, shape):
    monkeypatch.setattr(signals, "ROW_BLOCK", 2)
    res = signals.compute_signals(make_panel(np.full(shape, 5.0)))
    assert set(res) == set(signals.METHODS)
    for r in res.values():
        assert r.score.shape == r.flag.shape == r.baseline.shape == r.threshold.shape == shape
        assert not r.flag.any()


def test_shared_statistics_compute_once_and_are_read_only():
    calls = []

    @shared
    def stat(x: np.ndarray, width: int) -> np.ndarray:
        calls.append(width)
        return x * width

    x = np.arange(4.0)
    assert stat(x, 2) is not stat(x, 2)  # outside a run: plain calls
    assert len(calls) == 2
    with shared_statistics():
        a = stat(x, 2)
        assert stat(x, 2) is a and stat(x, width=2) is not a  # same call shape, same object
        assert stat(x.copy(), 2) is not a  # another array is another statistic
        with pytest.raises(ValueError):
            a[0] = 1.0  # a detector cannot corrupt what others read
    assert calls == [2, 2, 2, 2, 2]
    assert stat(x, 2) is not a
