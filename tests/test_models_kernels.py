"""The compiled kernels (numba, optional) give the numpy code's numbers to the last bit.

Every detector is run twice on the same panels - once with the kernels, once with
:data:`workbench.models.kernels.ENABLED` switched off (what ``WORKBENCH_NO_NUMBA=1`` or a
missing numba gives) - on data with gaps, ties, all-missing and late-starting series,
and every output array must be identical.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import workbench.models.kernels as kernels
import workbench.models.signals as signals
from workbench.models.panel import SeriesPanel

pytestmark = pytest.mark.skipif(not kernels.ENABLED, reason="numba not installed or switched off")


def make_panel(values: np.ndarray, seed: int) -> SeriesPanel:
    n, t = values.shape
    rng = np.random.default_rng(seed)
    keys = pd.DataFrame({"region": [f"r{i}" for i in range(n)], "indicator": "x", "group": "", "kind": "observed"})
    return SeriesPanel(keys, pd.date_range("2015-01-01", periods=t, freq="MS"), "M", values,
                       np.where(rng.random(n) < 0.3, -1.0, 1.0), np.full(n, 25.0))


def gappy(n: int, t: int, seed: int, decimals: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = np.round(rng.normal(20, 3, (n, t)) + np.cumsum(rng.normal(0, 0.5, (n, t)), axis=1), decimals)
    v[rng.random((n, t)) < 0.12] = np.nan
    v[0] = np.nan  # all missing
    v[1, : t // 2] = np.nan  # late starter
    v[2] = 7.0  # constant
    v[3, 40:] = 0.0  # flat at zero, then gaps
    v[3, 50:55] = np.nan
    v[4, 30:] += 9.0  # a shift
    return v


def all_arrays(results):
    for name, res in results.items():
        for field in ("score", "flag", "baseline", "spread", "threshold"):
            yield f"{name}.{field}", getattr(res, field)
        for key, arr in res.extra.items():
            yield f"{name}.extra.{key}", arr


def run(panel: SeriesPanel, seasonal: bool, compiled: bool, monkeypatch) -> dict:
    monkeypatch.setattr(kernels, "ENABLED", compiled)
    return dict(all_arrays(signals.compute_signals(panel, seasonal=seasonal)))


@pytest.mark.parametrize(("seed", "decimals", "seasonal"), [(1, 0, False), (2, 1, False), (3, 0, True)])
def test_kernels_match_numpy_bit_for_bit(seed, decimals, seasonal, monkeypatch):
    # 300 series: more than one block of compute_signals, so threads and blocks are covered.
    panel = make_panel(gappy(300, 70, seed, decimals), seed)
    fast = run(panel, seasonal, True, monkeypatch)
    slow = run(panel, seasonal, False, monkeypatch)
    assert fast.keys() == slow.keys()
    for key in fast:
        np.testing.assert_array_equal(fast[key], slow[key], err_msg=key)


def test_kernels_used_only_where_they_are_exact(monkeypatch):
    x = gappy(5, 30, 4, 0)
    assert kernels.usable(x)
    x[2, 3] = np.inf  # infinities take the numpy path
    assert not kernels.usable(x)
    monkeypatch.setattr(kernels, "ENABLED", False)
    assert not kernels.usable(gappy(5, 30, 4, 0))


def test_environment_switch_turns_numba_off():
    code = "import sys, workbench.models.kernels as k; sys.exit(0 if not k.ENABLED and 'numba' not in sys.modules else 3)"
    env = {**os.environ, "WORKBENCH_NO_NUMBA": "1"}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0
