"""The compiled monitor (numba) against the numpy monitor, its reference.

Random panels of levels and counts with gaps, zeros, late starts, flat stretches, rounded
values, escalations that last long enough to become protracted and further escalations on
top of open alerts; with and without trend and season, monthly and quarterly, at the rule
scales the shipped rules use and a stricter one. Flags and the opened / ended / protracted
markers must be identical; scores, baselines, spreads, thresholds and the extras equal to
1e-9 (in practice they agree to the bit, except a count's negative binomial tail, ~1e-14,
and the season's 3x3 / 4x4 fits, a few ulps).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import workbench.models.kernels as kernels
from workbench.models import monitor_compiled
from workbench.models.detectors import monitor
from workbench.models.panel import SeriesPanel

pytestmark = pytest.mark.skipif(not kernels.ENABLED, reason="numba not installed or switched off")

MARKERS = ("opened", "protracted", "ended", "point_hit", "ewma_hit")
VALUES = ("score", "baseline", "spread", "threshold")
EXTRAS = ("z", "ewma", "p_point")


def random_panel(n: int, t: int, seed: int, freq: str = "M") -> SeriesPanel:
    rng = np.random.default_rng(seed)
    cnt = rng.random(n) < 0.4
    level = 50 + rng.normal(0, 3, (n, t)).cumsum(axis=1) * 0.2 + rng.normal(0, 3, (n, t))
    rate = rng.choice([0.1, 0.5, 2.0, 6.0, 25.0], n)[:, None] * np.exp(rng.normal(0, 0.3, (n, t)))
    counts = rng.poisson(rate).astype(float)
    v = np.where(cnt[:, None], counts, level)
    for i in rng.choice(n, n // 4, replace=False):  # escalations, some long, some with a second rise
        at, width = int(rng.integers(t // 5, t)), int(rng.integers(2, 40))
        part = v[i, at:at + width]
        part += rng.poisson(rate[i, 0] * 3 + 5, part.size) if cnt[i] else rng.uniform(2, 6) * 3
        if rng.random() < 0.5:
            at2 = min(t - 1, at + int(rng.integers(3, 20)))
            v[i, at2:at2 + 12] += 40.0 if cnt[i] else 20.0
    v[rng.random((n, t)) < 0.05] = np.nan
    v[rng.random(n) < 0.1, : t // 3] = np.nan  # late starters
    rounded = rng.random(n) < 0.3
    v[rounded] = np.round(v[rounded], 1)
    v[rng.random(n) < 0.04] = 20.0  # flat
    zeros = cnt & (rng.random(n) < 0.2)
    v[zeros, : t // 2] = 0.0  # years of zeros, then whatever came
    v[0] = np.nan  # all missing
    direction = np.where(~cnt & (rng.random(n) < 0.3), -1.0, 1.0)
    keys = pd.DataFrame({"region": [f"r{i}" for i in range(n)], "indicator": "x", "group": "", "kind": "observed"})
    start = {"M": "MS", "Q": "QS"}[freq]
    return SeriesPanel(keys, pd.date_range("2000-01-01", periods=t, freq=start), freq, v, direction, count=cnt)


def both(panel: SeriesPanel, monkeypatch, **params):
    monkeypatch.setattr(monitor_compiled, "MIN_CELLS", 10**15)
    slow = monitor(panel, **params)
    monkeypatch.setattr(monitor_compiled, "MIN_CELLS", 0)
    calls = []
    real = monitor_compiled.run
    monkeypatch.setattr(monitor_compiled, "run", lambda *a, **k: calls.append(1) or real(*a, **k))
    fast = monitor(panel, **params)
    assert calls and fast is not None
    return fast, slow


def assert_same(fast, slow) -> None:
    np.testing.assert_array_equal(fast.flag, slow.flag, err_msg="flag")
    for key in MARKERS:
        np.testing.assert_array_equal(fast.extra[key], slow.extra[key], err_msg=key)
    np.testing.assert_array_equal(fast.extra["count"], slow.extra["count"])
    for key in VALUES:
        np.testing.assert_allclose(getattr(fast, key), getattr(slow, key), rtol=1e-9, atol=1e-9, err_msg=key)
    for key in EXTRAS:
        np.testing.assert_allclose(fast.extra[key], slow.extra[key], rtol=1e-9, atol=1e-12, err_msg=key)
    assert fast.params == slow.params
    assert fast.method == slow.method


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize(("trend", "season"), [(9.0, 0.0), (0.0, 0.0), (9.0, 4.0), (0.0, 4.0)])
def test_kernel_matches_numpy_monitor(seed, trend, season, monkeypatch):
    panel = random_panel(300, 120, seed)
    fast, slow = both(panel, monkeypatch, trend=trend, season=season)
    assert_same(fast, slow)
    # The panels exercise what the kernel must get right: alerts that end, protracted
    # situations, escalations on top of an open alert (a protraction at j-1, an opening at j).
    ex = slow.extra
    assert ex["opened"].sum() > 100 and ex["ended"].sum() > 50 and ex["protracted"].sum() > 20
    on_top = ex["protracted"][:, :-1] & ex["opened"][:, 1:]
    assert on_top.any()


@pytest.mark.parametrize(("freq", "scale"), [("Q", 1.0), ("M", 1.5), ("M", 0.7)])
def test_kernel_matches_numpy_monitor_other_frequencies_and_scales(freq, scale, monkeypatch):
    panel = random_panel(200, 60 if freq == "Q" else 96, 11, freq)
    fast, slow = both(panel, monkeypatch, scale=scale)
    assert_same(fast, slow)


def test_kernel_matches_numpy_monitor_on_counts_judged_by_the_data(monkeypatch):
    # No codebook: whole non-negative numbers are counts (panel.count None).
    panel = random_panel(200, 100, 5)
    panel.count = None
    fast, slow = both(panel, monkeypatch)
    assert_same(fast, slow)


def test_numpy_monitor_runs_when_the_kernel_cannot(monkeypatch):
    panel = random_panel(50, 60, 7)
    panel.values[3, 10] = np.inf  # numpy's inf arithmetic is not reproduced: the numpy monitor runs
    monkeypatch.setattr(monitor_compiled, "MIN_CELLS", 0)
    assert not monitor_compiled.usable(panel.worse)
    res = monitor(panel)
    assert res.flag.shape == panel.values.shape


def test_small_panels_keep_the_numpy_monitor(monkeypatch):
    panel = random_panel(20, 60, 8)
    assert panel.values.size < monitor_compiled.MIN_CELLS
    assert not monitor_compiled.usable(panel.worse)
