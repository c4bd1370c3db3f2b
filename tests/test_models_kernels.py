"""The compiled detectors (numba, optional) give the numpy detectors' numbers to the last bit.

Every method is run twice on the same panels - once compiled, once with
:data:`workbench.models.kernels.ENABLED` switched off (what ``WORKBENCH_NO_NUMBA=1`` or a
missing numba gives) - on data with gaps, ties, all-missing, constant, flat-at-zero and
late-starting series, and every output array (score, flag, baseline, spread, threshold,
extras) must be identical, as must the parameters reported.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import panel_factory
import pytest

import workbench.models.kernels as kernels
import workbench.models.signals as signals
from workbench.models.panel import SeriesPanel

pytestmark = pytest.mark.skipif(not kernels.ENABLED, reason="numba not installed or switched off")


@pytest.fixture(autouse=True)
def compiled_for_small_panels(monkeypatch):
    """These panels are small: below MIN_CELLS the numpy code would run either way."""
    monkeypatch.setattr(kernels, "MIN_CELLS", 0)


def make_panel(values: np.ndarray, seed: int) -> SeriesPanel:
    """A third of the series higher-is-better, all with a codebook threshold of 25."""
    n = len(values)
    direction = np.where(np.random.default_rng(seed).random(n) < 0.3, -1.0, 1.0)
    return panel_factory.make_panel(values, direction, np.full(n, 25.0))


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


def assert_same(fast: dict, slow: dict) -> None:
    """The same arrays under the same names, equal value for value (NaN where NaN)."""
    assert fast.keys() == slow.keys()
    for key in fast:
        np.testing.assert_array_equal(fast[key], slow[key], err_msg=key)


#: The monitor's kernel agrees with the numpy monitor to ~1e-14, not to the bit (a count's
#: negative binomial tail goes through another entry point of scipy's boost functions):
#: tests/test_models_monitor_kernel.py compares those two.
BIT_EXACT = {name: params for name, params in signals.DEFAULT.items() if name != "monitor"}


def run(panel: SeriesPanel, seasonal: bool, compiled: bool, monkeypatch) -> dict:
    monkeypatch.setattr(kernels, "ENABLED", compiled)
    return dict(all_arrays(signals.compute_signals(panel, BIT_EXACT, seasonal=seasonal)))


@pytest.mark.parametrize(("seed", "decimals", "seasonal"), [(1, 0, False), (2, 1, False), (3, 0, True)])
def test_kernels_match_numpy_bit_for_bit(seed, decimals, seasonal, monkeypatch):
    # 300 series: more than one block of compute_signals, so threads and blocks are covered.
    panel = make_panel(gappy(300, 70, seed, decimals), seed)
    fast = run(panel, seasonal, True, monkeypatch)
    slow = run(panel, seasonal, False, monkeypatch)
    assert_same(fast, slow)


def test_kernels_used_only_where_they_are_exact(monkeypatch):
    x = gappy(5, 30, 4, 0)
    assert kernels.usable(x)
    x[2, 3] = np.inf  # infinities take the numpy path
    assert not kernels.usable(x)
    monkeypatch.setattr(kernels, "ENABLED", False)
    assert not kernels.usable(gappy(5, 30, 4, 0))


def test_small_panels_take_the_numpy_path_and_never_load_numba():
    code = ("import sys, numpy as np, workbench.models.kernels as k; "
            "assert k.ENABLED and 'numba' not in sys.modules; "  # importing the module loads nothing
            "assert not k.usable(np.zeros((100, 120))) and 'numba' not in sys.modules; "
            "assert k.usable(np.zeros((k.MIN_CELLS // 120 + 1, 120))) and 'numba' in sys.modules")
    env = {k: v for k, v in os.environ.items() if k not in ("WORKBENCH_NO_NUMBA", "WORKBENCH_NUMBA_MIN_CELLS")}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def test_min_cells_can_be_set_in_the_environment():
    code = "import sys, workbench.models.kernels as k; sys.exit(0 if k.MIN_CELLS == 5 else 3)"
    env = {**os.environ, "WORKBENCH_NUMBA_MIN_CELLS": "5"}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def test_environment_switch_turns_numba_off():
    code = "import sys, workbench.models.kernels as k; sys.exit(0 if not k.ENABLED and 'numba' not in sys.modules else 3)"
    env = {**os.environ, "WORKBENCH_NO_NUMBA": "1"}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


@pytest.mark.parametrize(("method", "params"), [
    ("percentile", {"q": 0.9, "window": 12, "min_history": 4}),
    ("percentile", {"q": 0.99, "window": 7, "min_history": 3}),
    ("robust_z", {"window": 9, "guard": 0, "z": 3.0, "min_history": 4}),
    ("robust_z", {"window": 30, "guard": 3, "z": 3.5, "min_history": 12}),
    ("change_point", {"window": 8, "threshold": 3.0, "min_history": 5}),
    ("change_point", {"window": 36, "threshold": 4.5, "min_history": 12, "min_size": 3}),
    ("mann_kendall", {"window": 20, "alpha": 0.05, "min_history": 6}),
    ("ewma", {"lam": 0.3, "L": 3.0, "window": 12, "guard": 1, "min_history": 6}),
    ("cusum", {"k": 1.0, "h": 4.0, "window": 10, "guard": 0, "min_history": 5}),
])
def test_kernels_match_numpy_with_other_parameters(method, params, monkeypatch):
    panel = make_panel(gappy(40, 55, 7, 0), 7)
    fast = run_one(panel, {method: params}, True, monkeypatch)
    slow = run_one(panel, {method: params}, False, monkeypatch)
    assert_same(fast, slow)


@pytest.mark.parametrize("config", [
    # EARS C2 and C3 with different settings run apart; C3 alone; EWMA and CUSUM apart.
    {"ears_c2": {"min_history": 4}, "ears_c3": {"min_history": 6, "threshold": 1.5}},
    {"ears_c3": {"threshold": 2.5}},
    {"ewma": {"window": 12}, "cusum": {"window": 18, "two_sided": True}},
    {"ewma": {"two_sided": True}, "cusum": {"two_sided": True}},
    {"percentile": {"window": None, "q": 0.5, "min_history": 3}},
])
def test_kernels_match_numpy_for_method_combinations(config, monkeypatch):
    panel = make_panel(gappy(60, 48, 9, 1), 9)
    fast = run_one(panel, config, True, monkeypatch)
    slow = run_one(panel, config, False, monkeypatch)
    assert_same(fast, slow)


def test_compiled_results_report_the_same_parameters_and_share_arrays_alike(monkeypatch):
    panel = make_panel(gappy(30, 40, 5, 0), 5)
    monkeypatch.setattr(kernels, "ENABLED", True)
    fast = signals.compute_signals(panel)
    monkeypatch.setattr(kernels, "ENABLED", False)
    slow = signals.compute_signals(panel)
    assert list(fast) == list(slow)
    for name in fast:
        assert fast[name].params == slow[name].params, name
    assert fast["ears_c3"].baseline is fast["ears_c2"].baseline
    assert fast["cusum"].spread is fast["ewma"].spread
    with pytest.raises(ValueError):  # shared between two methods: read-only
        fast["cusum"].spread[0, 0] = 1.0


def test_unsupported_settings_fall_back_to_numpy(monkeypatch):
    panel = make_panel(gappy(20, 40, 6, 0), 6)
    monkeypatch.setattr(kernels, "ENABLED", True)
    todo = [("ewma", {"baseline": "training", "train": 12}), ("robust_z", {"window": 9}), ("fixed", {})]
    done = kernels.compiled_signals(panel, todo, 2)
    assert set(done) == {"robust_z"}  # a training baseline and the codebook threshold: numpy
    fast = run_one(panel, dict(todo), True, monkeypatch)
    slow = run_one(panel, dict(todo), False, monkeypatch)
    assert_same(fast, slow)


def run_one(panel, config, compiled, monkeypatch) -> dict:
    monkeypatch.setattr(kernels, "ENABLED", compiled)
    return dict(all_arrays(signals.compute_signals(panel, config)))


def test_frozen_install_caches_compiled_code_in_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    kernels._cache_dir()
    assert os.environ["NUMBA_CACHE_DIR"].startswith(str(tmp_path))
    monkeypatch.setenv("NUMBA_CACHE_DIR", "/somewhere/else")  # a user's own choice wins
    kernels._cache_dir()
    assert os.environ["NUMBA_CACHE_DIR"] == "/somewhere/else"


def test_a_broken_numba_falls_back_to_numpy_with_a_warning(monkeypatch, caplog):
    monkeypatch.setattr(kernels, "_jit", None)
    monkeypatch.setattr(kernels, "ENABLED", True)
    import workbench.models

    monkeypatch.setitem(sys.modules, "workbench.models.kernels_jit", None)  # import fails
    monkeypatch.delattr(workbench.models, "kernels_jit", raising=False)
    panel = make_panel(gappy(20, 40, 8, 0), 8)
    with caplog.at_level("WARNING", logger="workbench.models.kernels"):
        assert not kernels.usable(panel.values)
    assert not kernels.ENABLED
    assert "using numpy" in caplog.text
    out = signals.compute_signals(panel, {"robust_z": {}})  # still works, on the numpy path
    assert np.isfinite(out["robust_z"].score).any()


@pytest.mark.parametrize("periods", [1, 2, 5, 13])
def test_kernels_match_numpy_on_short_histories_and_a_single_spike(periods, monkeypatch):
    rng = np.random.default_rng(periods)
    values = np.round(rng.normal(10, 2, (12, periods)), 1)
    values[0] = np.nan  # all missing
    values[1, -1] = 500.0  # a single spike at the end
    values[2] = 3.0  # constant
    panel = make_panel(values, periods)
    for seasonal in (False, True):
        assert_same(run(panel, seasonal, True, monkeypatch), run(panel, seasonal, False, monkeypatch))
