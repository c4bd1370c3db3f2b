"""Trailing windows over a (series x periods) array, NaN-aware, in memory-bounded blocks.

Every rolling baseline in the detectors is "the values from ``lag + width - 1`` to ``lag``
periods before t". A strided view gives all those windows at once without copying; the
statistics that need a copy (sorting for medians and quantiles) are computed block by block
of series so that 20,000 series x 120 periods never needs more than a few tens of MB.
The blocks are a bound on memory, not a Python loop over single series.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

#: Target number of float64 cells in one block of windows (about 32 MB).
BLOCK_CELLS = 4_000_000


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
    parts: list[tuple[np.ndarray, ...]] = []
    for start in range(0, max(n, 1), step):
        block = x[start : start + step]
        parts.append(func(trailing_windows(block, width, lag)))
    if not parts:
        return ()
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
    """Median, raw MAD (not scaled) and count of non-missing values in each trailing window."""

    def stats(w: np.ndarray) -> tuple[np.ndarray, ...]:
        s = np.sort(w, axis=-1)
        count = np.sum(~np.isnan(w), axis=-1)
        med = nan_quantile_sorted(s, count, 0.5)
        dev = np.sort(np.abs(w - med[..., None]), axis=-1)
        mad = nan_quantile_sorted(dev, count, 0.5)
        return med, mad, count

    return blockwise(x, width, lag, stats)  # type: ignore[return-value]


def rolling_quantile(x: np.ndarray, width: int, lag: int, q: float) -> tuple[np.ndarray, np.ndarray]:
    """Quantile ``q`` and count of non-missing values in each trailing window."""

    def stats(w: np.ndarray) -> tuple[np.ndarray, ...]:
        s = np.sort(w, axis=-1)
        count = np.sum(~np.isnan(w), axis=-1)
        return nan_quantile_sorted(s, count, q), count

    return blockwise(x, width, lag, stats)  # type: ignore[return-value]


def rolling_mean_sd(x: np.ndarray, width: int, lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, sample standard deviation (ddof=1) and count in each trailing window.

    Uses cumulative sums (O(n T)) over values centred on each series' mean, which keeps the
    subtraction of sums numerically tame.
    """
    n, t = x.shape
    ok = ~np.isnan(x)
    centre = np.zeros(n)
    any_ok = ok.any(axis=1)
    if any_ok.any():
        centre[any_ok] = np.nanmean(x[any_ok], axis=1)
    xc = np.where(ok, x - centre[:, None], 0.0)

    def csum(a: np.ndarray) -> np.ndarray:
        c = np.zeros((n, t + 1))
        np.cumsum(a, axis=1, out=c[:, 1:])
        return c

    c1, c2, cn = csum(xc), csum(xc * xc), csum(ok.astype(np.float64))
    end = np.arange(t) - lag + 1  # exclusive end index into the cumsum
    start = end - width
    end_c = np.clip(end, 0, t)
    start_c = np.clip(start, 0, t)
    s1 = c1[:, end_c] - c1[:, start_c]
    s2 = c2[:, end_c] - c2[:, start_c]
    cnt = np.rint(cn[:, end_c] - cn[:, start_c])
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s1 / cnt
        var = (s2 - cnt * mean * mean) / (cnt - 1)
    var = np.where(cnt > 1, np.maximum(var, 0.0), np.nan)
    mean = np.where(cnt > 0, mean + centre[:, None], np.nan)
    return mean, np.sqrt(var), cnt.astype(np.int64)


def rolling_count(x: np.ndarray, width: int, lag: int = 0) -> np.ndarray:
    """Number of non-missing values in each trailing window (cumulative sums, O(n T))."""
    n, t = x.shape
    c = np.zeros((n, t + 1))
    np.cumsum(~np.isnan(x), axis=1, out=c[:, 1:])
    end = np.clip(np.arange(t) - lag + 1, 0, t)
    start = np.clip(np.arange(t) - lag + 1 - width, 0, t)
    return c[:, end] - c[:, start]
