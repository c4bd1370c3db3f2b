"""The simple methods a team would use instead of the workbench, written plainly.

Each takes a (series x periods) array oriented so that larger is worse (NaN = missing) and
returns a boolean flag array; an alert is a run of flagged periods (runs separated by no
unflagged period are one alert), opened at its first flag. All are causal: the flag at t
uses values up to t only.

* EARS C2 (Hutwagner et al. 2003): mean and sd of t-9..t-3; flag when (x - mean) / sd >= 3.
  Two versions, because they differ exactly where conflict counts live (long runs of zeros):
  *plain* - a baseline with sd 0 (seven equal values, e.g. zeros) flags any value above its
  mean, as R's ``surveillance::earsC`` does with its default ``minSigma = 0``; and *floored* -
  the sd is never taken below the data's own step (1 for counts) or 1 % of the mean, which is
  the workbench's own ``ears_c2`` detector and the reference ``workbench backtest`` reports.
* 90th percentile: the value is above the 90th percentile of all earlier values (at least
  12 of them) - the "worse than nine months in ten" rule of thumb.
* Moving-average crossover: the mean of the last 3 months is above the mean of the last 12
  (both ending at t; 12 complete months needed).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from workbench.models.detectors.common import resolution


def _trailing(x: np.ndarray, width: int, lag: int) -> np.ndarray:
    n, t = x.shape
    pad = np.full((n, width - 1 + lag), np.nan)
    return sliding_window_view(np.concatenate([pad, x], axis=1), width, axis=1)[:, :t, :]


def ears_c2(w: np.ndarray, threshold: float = 3.0, min_history: int = 5) -> np.ndarray:
    win = _trailing(w, 7, 3)
    count = np.sum(~np.isnan(win), axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nanmean(win, axis=-1)
        sd = np.nanstd(win, axis=-1, ddof=1)
        c2 = np.where(sd > 0, (w - mean) / sd, np.where(w > mean, np.inf, 0.0))
    return (count >= min_history) & np.isfinite(w) & (c2 >= threshold)


def ears_c2_floored(w: np.ndarray, threshold: float = 3.0, min_history: int = 5) -> np.ndarray:
    win = _trailing(w, 7, 3)
    count = np.sum(~np.isnan(win), axis=-1)
    res = resolution(w)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.nanmean(win, axis=-1)
        sd = np.nanstd(win, axis=-1, ddof=1)
        sd = np.fmax(sd, np.maximum(np.maximum(res, 0.01 * np.abs(mean)), 1e-9))
        c2 = (w - mean) / sd
    return (count >= min_history) & np.isfinite(w) & (c2 >= threshold)


def percentile90(w: np.ndarray, q: float = 0.90, min_history: int = 12) -> np.ndarray:
    n, t = w.shape
    flags = np.zeros((n, t), dtype=bool)
    for j in range(min_history, t):  # expanding window: one quantile per period over all series
        hist = w[:, :j]
        count = np.sum(~np.isnan(hist), axis=1)
        with np.errstate(invalid="ignore"):
            qv = np.nanquantile(np.where(count[:, None] > 0, hist, 0.0), q, axis=1)
        flags[:, j] = (count >= min_history) & (w[:, j] > qv)
    return flags


def ma_crossover(w: np.ndarray, short: int = 3, long: int = 12) -> np.ndarray:
    s = _trailing(w, short, 0)
    lw = _trailing(w, long, 0)
    ok = np.sum(~np.isnan(lw), axis=-1) >= long
    with np.errstate(invalid="ignore"):
        return ok & (np.nanmean(s, axis=-1) > np.nanmean(lw, axis=-1))


METHODS = {"EARS C2 (plain)": ears_c2, "EARS C2 (sd floored)": ears_c2_floored, "90th percentile": percentile90,
           "MA 3 vs 12": ma_crossover}


def runs(flags: np.ndarray) -> list[tuple[int, int, int]]:
    """(row, first, last) of every run of consecutive flags."""
    n, t = flags.shape
    padded = np.zeros((n, t + 2), dtype=np.int8)
    padded[:, 1:-1] = flags
    d = np.diff(padded, axis=1)
    r, start = np.nonzero(d == 1)
    _, stop = np.nonzero(d == -1)
    return list(zip(r.tolist(), start.tolist(), (stop - 1).tolist()))
