"""CUSUM and EWMA run lengths by simulation against published average run lengths.

Published ARLs (zero-state, two-sided schemes, shifts in sigma units):
tabular CUSUM k=0.5 (Lucas & Crosier 1982): h=4 -> 168 / 26.6 / 8.38 / 3.34 at shifts
0 / 0.5 / 1 / 2; h=5 -> 465 / 38.0 / 10.4 / 4.01. EWMA with asymptotic limits (Lucas &
Saccucci 1990): lam=0.1, L=2.814 -> 500 / 31.3 / 10.3 / 4.36; lam=0.05, L=2.615 ->
500 / 28.8 / 11.4 / 5.22.

Tolerance: with N = 20,000 runs per shift the standard error of a mean run length is at
most ARL / sqrt(N) (run lengths are roughly geometric, so their sd is below their mean),
i.e. 0.71 % of the ARL. We allow 3.5 % (about 5 standard errors, plus the rounding of the
published three-digit values), so a correct chart fails with negligible probability and
a wrong one (e.g. one-sided, or the exact instead of asymptotic EWMA limits, which change
the in-control ARL by far more) does not pass. Seeds are fixed, so the tests are exact
repeats.
"""

from __future__ import annotations

import numpy as np
import pytest

from workbench.models.detectors.control import cusum, cusum_path, ewma, ewma_path
from tests.test_models_detectors import make_panel

SHIFTS = np.array([0.0, 0.5, 1.0, 2.0])
N = 20_000
CHUNK = 100


def run_lengths(step, n: int, shifts: np.ndarray, seed: int, max_steps: int = 20_000) -> np.ndarray:
    """Run length of each of ``n`` simulated series per shift; ``step(z, state) -> (signal, state)``."""
    rng = np.random.default_rng(seed)
    shift = np.repeat(shifts, n)
    total = len(shift)
    rl = np.full(total, np.nan)
    active = np.arange(total)
    state = None
    done = 0
    while len(active) and done < max_steps:
        z = rng.standard_normal((len(active), CHUNK)) + shift[active, None]
        signal, state = step(z, state)
        hit = signal.any(axis=1)
        first = np.argmax(signal, axis=1)
        rl[active[hit]] = done + first[hit] + 1
        keep = ~hit
        active = active[keep]
        state = tuple(s[keep] for s in state)
        done += CHUNK
    assert not len(active), "simulation did not finish"
    return rl.reshape(len(shifts), n).mean(axis=1)


def cusum_step(k: float, h: float):
    def step(z, state):
        upper, lower, state = cusum_path(z, k, state)
        return (upper > h) | (lower > h), state
    return step


def ewma_step(lam: float, L: float):
    limit = L * np.sqrt(lam / (2 - lam))

    def step(z, state):
        path, e = ewma_path(z, lam, None if state is None else state[0])
        return np.abs(path) > limit, (e,)
    return step


@pytest.mark.parametrize(
    "h, expected, seed",
    [(4.0, [168, 26.6, 8.38, 3.34], 1), (5.0, [465, 38.0, 10.4, 4.01], 2)],
)
def test_two_sided_cusum_average_run_lengths(h, expected, seed):
    arl = run_lengths(cusum_step(0.5, h), N, SHIFTS, seed)
    np.testing.assert_allclose(arl, expected, rtol=0.035)


@pytest.mark.parametrize(
    "lam, L, expected, seed",
    [(0.1, 2.814, [500, 31.3, 10.3, 4.36], 3), (0.05, 2.615, [500, 28.8, 11.4, 5.22], 4)],
)
def test_ewma_average_run_lengths(lam, L, expected, seed):
    arl = run_lengths(ewma_step(lam, L), N, SHIFTS, seed)
    np.testing.assert_allclose(arl, expected, rtol=0.035)


def test_detectors_use_the_same_recursions_and_known_baseline():
    rng = np.random.default_rng(0)
    z = rng.standard_normal((50, 80)) + 0.5
    panel = make_panel(3 + 2 * z)  # mean 3, sd 2 in-control
    res = cusum(panel, k=0.5, h=4, two_sided=True, mean=np.full(50, 3.0), sd=np.full(50, 2.0))
    upper, lower, _ = cusum_path(z, 0.5)
    np.testing.assert_allclose(res.score, upper, atol=1e-12)
    np.testing.assert_array_equal(res.flag, (upper > 4) | (lower > 4))
    e = ewma(panel, lam=0.1, L=2.814, mean=np.full(50, 3.0), sd=np.full(50, 2.0))
    np.testing.assert_allclose(e.score, ewma_path(z, 0.1)[0], atol=1e-12)


def test_cusum_loop_reference_with_training_baseline():
    rng = np.random.default_rng(4)
    x = rng.normal(10, 2, (5, 60))
    x[:, 40:] += 3
    res = cusum(make_panel(x), baseline="training", train=24, k=0.5, h=5)
    for i in range(5):
        m, s = x[i, :24].mean(), x[i, :24].std(ddof=1)
        c, ref = 0.0, np.full(60, np.nan)
        for t in range(24, 60):
            c = max(0.0, c + (x[i, t] - m) / s - 0.5)
            ref[t] = c
        np.testing.assert_allclose(res.score[i], ref, rtol=1e-10)
        assert res.flag[i, -5:].all() and not res.flag[i, :24].any()


def test_threshold_explains_the_value_needed_to_signal():
    rng = np.random.default_rng(9)
    x = rng.normal(0, 1, (20, 60))
    res = cusum(make_panel(x), baseline="training", train=24)
    ok = ~np.isnan(res.score)
    # Reaching the reported threshold value would make the sum exactly h.
    assert np.array_equal(res.flag[ok], (x > res.threshold)[ok])
    e = ewma(make_panel(x), baseline="training", train=24)
    ok = ~np.isnan(e.score)
    assert np.array_equal(e.flag[ok], (x > e.threshold)[ok])
