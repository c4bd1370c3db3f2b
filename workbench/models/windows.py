"""Trailing windows over a (series x periods) array, NaN-aware, in memory-bounded blocks.

Every rolling baseline in the detectors is "the values from ``lag + width - 1`` to ``lag``
periods before t". A strided view gives all those windows at once without copying; the
statistics that need a copy (sorting for medians and quantiles) are computed block by block
of series so that 20,000 series x 120 periods never needs more than a few tens of MB.
The blocks are a bound on memory, not a Python loop over single series; independent blocks
run on a small thread pool.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from workbench.models.shared import shared, sharing

#: Target number of float64 cells in one block of windows (about 16 MB).
BLOCK_CELLS = 2_000_000
#: Threads for independent blocks (numpy releases the GIL in sorts and arithmetic).
WORKERS = min(2, os.cpu_count() or 1)


def trailing_windows(x: np.ndarray, width: int, lag: int = 0) -> np.ndarray:
    """View of shape (n, T, width): window t holds x[:, t-lag-width+1 .. t-lag] (NaN before 0).

    ``lag=0`` includes the current period; ``lag=1`` is "history strictly before t".
    """
    n, t = x.shape
    pad = np.full((n, width - 1 + lag), np.nan)
    padded = np.concatenate([pad, x], axis=1)
    view = sliding_window_view(padded, width, axis=1)  # (n, T + lag, width)
    return view[:, :t, :]


def blockwise(
    x: np.ndarray,
    width: int,
    lag: int,
    func: Callable[[np.ndarray], tuple[np.ndarray, ...]],
    cells_per_window: int | None = None,
) -> tuple[np.ndarray, ...]:
    """Apply ``func(windows_block) -> arrays of shape (block, T)`` over blocks of series.

    ``cells_per_window`` is how many float cells ``func`` allocates per window (default
    ``width``); it sizes the blocks.
    """
    n, t = x.shape
    step = max(1, BLOCK_CELLS // max(1, t * (cells_per_window or width)))
    starts = range(0, max(n, 1), step)

    def run(start: int) -> tuple[np.ndarray, ...]:
        return func(trailing_windows(x[start : start + step], width, lag))

    if len(starts) > 1 and WORKERS > 1 and not sharing():
        # numpy releases the GIL in sorts and ufuncs, so blocks run on all cores.
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            parts = list(pool.map(run, starts))
    else:
        parts = [run(start) for start in starts]
    return tuple(np.concatenate([p[i] for p in parts], axis=0) for i in range(len(parts[0])))


def by_series_blocks(
    x: np.ndarray, cells_per_series: int, func: Callable[[np.ndarray], tuple[np.ndarray, ...]]
) -> tuple[np.ndarray, ...]:
    """Apply ``func(rows_block) -> arrays (block, T)`` over blocks of whole series, on threads."""
    n = x.shape[0]
    step = max(1, BLOCK_CELLS // max(1, cells_per_series))
    starts = range(0, max(n, 1), step)

    def run(start: int) -> tuple[np.ndarray, ...]:
        return func(x[start : start + step])

    if len(starts) > 1 and WORKERS > 1 and not sharing():  # compute_signals has its own threads
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            parts = list(pool.map(run, starts))
    else:
        parts = [run(start) for start in starts]
    return tuple(np.concatenate([p[i] for p in parts], axis=0) for i in range(len(parts[0])))


def nan_quantile_sorted(s: np.ndarray, count: np.ndarray, q: float) -> np.ndarray:
    """Quantile (linear interpolation, numpy's default) of windows already sorted along the last
    axis with NaNs at the end; ``count`` is the number of non-NaN values per window."""
    pos = (count - 1) * q
    lo = np.floor(pos).astype(np.int64)
    hi = np.ceil(pos).astype(np.int64)
    empty = count == 0
    lo = np.where(empty, 0, lo)
    hi = np.where(empty, 0, hi)
    a = np.take_along_axis(s, lo[..., None], axis=-1)[..., 0]
    b = np.take_along_axis(s, hi[..., None], axis=-1)[..., 0]
    out = a + (b - a) * (pos - lo)
    return np.where(empty, np.nan, out)


def rolling_median_mad(x: np.ndarray, width: int, lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Median, raw MAD (not scaled) and count of non-missing values in each trailing window.

    Sorts each window once; the deviations from the median are taken on the sorted window
    (the same values in another order) and sorted again for the MAD.
    """
    count = rolling_count(x, width, lag)

    def stats(w: np.ndarray, cnt: np.ndarray) -> tuple[np.ndarray, ...]:
        s = np.sort(w, axis=-1)
        med = nan_quantile_sorted(s, cnt, 0.5)
        np.subtract(s, med[..., None], out=s)  # the same deviations as from w, NaN still last
        np.abs(s, out=s)
        s.sort(axis=-1)
        return med, nan_quantile_sorted(s, cnt, 0.5)

    n = x.shape[0]
    step = max(1, BLOCK_CELLS // max(1, x.shape[1] * width))
    parts = [stats(trailing_windows(x[i : i + step], width, lag), count[i : i + step])
             for i in range(0, max(n, 1), step)]
    med, mad = (np.concatenate([p[j] for p in parts], axis=0) for j in range(2))
    return med, mad, count


def first_values(x: np.ndarray) -> np.ndarray:
    """Each series' first observed value (0 for an all-missing series) - a causal centre."""
    ok = ~np.isnan(x)
    if not x.shape[1]:
        return np.zeros(x.shape[0])
    first = x[np.arange(x.shape[0]), np.argmax(ok, axis=1)]
    return np.where(ok.any(axis=1), first, 0.0)


def _window_sums(a: np.ndarray, width: int, lag: int) -> np.ndarray:
    """Sum of ``a`` over each trailing window [t-lag-width+1, t-lag] (zeros outside), by slicing
    a zero-padded cumulative sum."""
    n, t = a.shape
    c = np.zeros((n, width + lag + t + 1), dtype=a.dtype)
    np.cumsum(a, axis=1, out=c[:, width + lag + 1 :])
    # Window end (exclusive) t-lag+1 sits at padded index t+width+1; its start t+1.
    return c[:, width + 1 : width + 1 + t] - c[:, 1 : 1 + t]


@shared
def rolling_mean_sd(x: np.ndarray, width: int, lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, sample standard deviation (ddof=1) and count in each trailing window.

    Uses cumulative sums (O(n T)) over values centred on each series' first value, which
    keeps the subtraction of sums numerically tame and stays causal: the result at t depends
    on values up to t only, to the last bit, so replaying history gives the same numbers.
    """
    n, t = x.shape
    ok = ~np.isnan(x)
    centre = first_values(x)
    xc = np.where(ok, x - centre[:, None], 0.0)
    s1 = _window_sums(xc, width, lag)
    s2 = _window_sums(xc * xc, width, lag)
    cnt = _window_sums(ok.astype(np.int64), width, lag)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s1 / cnt
        var = (s2 - cnt * mean * mean) / (cnt - 1)
    var = np.where(cnt > 1, np.maximum(var, 0.0), np.nan)
    mean = np.where(cnt > 0, mean + centre[:, None], np.nan)
    return mean, np.sqrt(var), cnt


@shared
def rolling_count(x: np.ndarray, width: int, lag: int = 0) -> np.ndarray:
    """Number of non-missing values in each trailing window (cumulative sums, O(n T))."""
    return _window_sums((~np.isnan(x)).astype(np.int64), width, lag).astype(np.float64)
