"""Mann-Kendall trend test with Sen's slope over a moving window, for all series at once.

For each period t the window is the last ``window`` periods including t. Kendall's S
counts rising minus falling pairs; its variance carries the tie correction
``(n(n-1)(2n+5) - sum_g t_g(t_g-1)(2t_g+5)) / 18``; ``z = (S - sign S) / sqrt(var)``
(continuity correction) as in Gilbert (1987) and ``pymannkendall.original_test``. Sen's
slope is the median of all pairwise slopes (x_j - x_i)/(j - i) with positions counted in
periods, so gaps are respected. Missing values are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy.special import ndtr, ndtri

from workbench.models.detectors.common import result
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.shared import sharing
from workbench.models.windows import BLOCK_CELLS, WORKERS, nan_quantile_sorted, rolling_count, trailing_windows


def _lagged_pair_sums(x: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Kendall's S and the number of tied pairs in each trailing window, updated as it slides.

    Moving the window from t-1 to t adds the pairs (j, t) for j in [t-window+1, t-1] and
    drops the pairs (t-window, j) for j in [t-window+1, t-1]. Both sums come from the lagged
    comparisons sign(x_j - x_{j-d}), d = 1 .. window-1, each one element-wise over all
    series and periods; one cumulative sum over periods then gives S for every window
    (integer arithmetic, exact). Comparisons with NaN are False, so gaps add nothing.
    """
    n, t = x.shape
    small = np.int16 if window < 128 else np.int64  # per-period counts, < window
    add_s = np.zeros((n, t), small)
    drop_s = np.zeros((n, t), small)
    add_tie = np.zeros((n, t), small)
    drop_tie = np.zeros((n, t), small)
    for d in range(1, min(window, t)):
        diff = x[:, d:] - x[:, :-d]  # pair (j-d, j) sits at column j-d of diff
        sgn = (diff > 0).view(np.int8) - (diff < 0).view(np.int8)
        tie = (diff == 0).view(np.int8)
        # Added at t = j (its later end enters the window) ...
        add_s[:, d:] += sgn
        add_tie[:, d:] += tie
        # ... and dropped at t = (j-d) + window, when its earlier end leaves the window.
        if t > window:
            drop_s[:, window:] += sgn[:, : t - window]
            drop_tie[:, window:] += tie[:, : t - window]
    s = np.cumsum(add_s - drop_s, axis=1, dtype=np.int64)
    tied = np.cumsum(add_tie - drop_tie, axis=1, dtype=np.int64)
    return s.astype(np.float64), tied.astype(np.float64)


def _tie_term(x: np.ndarray, window: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """sum_g t_g(t_g-1)(2t_g+5) for the given windows only (those that have any ties)."""
    wins = trailing_windows(x, window, 0)[rows, cols]  # (k, window)
    ok = ~np.isnan(wins)
    c = np.sum(wins[:, :, None] == wins[:, None, :], axis=-1).astype(np.float64)
    f = c * (c - 1.0) * (2.0 * c + 5.0)
    return np.sum(np.where(ok, f / np.where(c > 0, c, 1.0), 0.0), axis=-1)


def sens_slope_windows(x: np.ndarray, window: int, where: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Sen's slope and Conover intercept (as pymannkendall.sens_slope) of trailing windows.

    ``where`` (bool, x's shape) limits the work to the windows whose slope is reported; the
    median of all pairwise slopes is the costly part of the method.
    """
    n, t = x.shape
    slope = np.full((n, t), np.nan)
    intercept = np.full((n, t), np.nan)
    rows, cols = np.nonzero(np.ones((n, t), bool) if where is None else where)
    if not len(rows):
        return slope, intercept
    ii, jj = np.triu_indices(window, 1)
    gap = (jj - ii).astype(np.float64)
    view = trailing_windows(x, window, 0)
    step = max(1, BLOCK_CELLS // (len(ii) * 2))

    def block(start: int) -> None:  # memory blocks of windows, not a loop over series
        r, c = rows[start : start + step], cols[start : start + step]
        win = view[r, c]
        ok = ~np.isnan(win)
        count = ok.sum(axis=-1)
        diff = win[:, jj] - win[:, ii]
        sl = nan_quantile_sorted(np.sort(diff / gap, axis=-1), np.sum(~np.isnan(diff), axis=-1), 0.5)
        med_x = nan_quantile_sorted(np.sort(win, axis=-1), count, 0.5)
        pos = np.where(ok, np.arange(window, dtype=np.float64), np.nan)
        med_pos = nan_quantile_sorted(np.sort(pos, axis=-1), count, 0.5)
        slope[r, c] = sl
        intercept[r, c] = med_x - med_pos * sl

    starts = range(0, len(rows), step)
    if len(starts) > 1 and WORKERS > 1 and not sharing():  # numpy sorts release the GIL
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            list(pool.map(block, starts))
    else:
        for start in starts:
            block(start)
    return slope, intercept


def mann_kendall_windows(x: np.ndarray, window: int, slope_where: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """S, var(S), z, two-sided p, Sen's slope and intercept for each trailing window of ``x``."""
    st = _kendall_windows(x, window)
    st["slope"], st["intercept"] = sens_slope_windows(x, window, slope_where)
    return st


def _kendall_windows(x: np.ndarray, window: int) -> dict[str, np.ndarray]:
    """S, var(S), n, z and two-sided p for each trailing window (no Sen's slope)."""
    n_obs = rolling_count(x, window)
    s, tied = _lagged_pair_sums(x, window)
    ties = np.zeros_like(s)
    rows, cols = np.nonzero(tied > 0)
    step = max(1, BLOCK_CELLS // (window * window))
    for start in range(0, len(rows), step):
        r, c = rows[start : start + step], cols[start : start + step]
        ties[r, c] = _tie_term(x, window, r, c)
    var = (n_obs * (n_obs - 1.0) * (2.0 * n_obs + 5.0) - ties) / 18.0
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.sqrt(np.where(n_obs > 1, var, np.nan))
        z = np.where(s > 0, (s - 1) / sd, np.where(s < 0, (s + 1) / sd, 0.0))
    z = np.where(n_obs > 1, z, np.nan)
    p = 2 * (1 - ndtr(np.abs(z)))  # norm.cdf without its argument checking
    return {"s": s, "var_s": var, "n": n_obs, "z": z, "p": p}


def _last_observed(x: np.ndarray) -> np.ndarray:
    ok = ~np.isnan(x)
    out = np.zeros(x.shape, bool)
    if not x.shape[1]:  # series with no periods yet
        return out
    last = x.shape[1] - 1 - np.argmax(ok[:, ::-1], axis=1)
    out[np.arange(len(x)), last] = ok.any(axis=1)
    return out


def mann_kendall(
    panel: SeriesPanel, window: int = 12, alpha: float = 0.01, min_history: int = 8
) -> DetectorResult:
    """Flag a significant worsening trend (one-sided level ``alpha``) over the last ``window`` periods.

    Score is the MK z statistic on the worse-oriented values (positive = worsening);
    ``extra['slope']`` is Sen's slope per period in the indicator's own units, computed at
    flagged periods and at each series' last observed period (NaN elsewhere, to save time).
    """
    w = panel.worse

    crit = float(ndtri(1 - alpha))  # scipy.special: scipy.stats takes ~0.5 s to import
    # Sen's slope is worked out where it is reported: flagged periods and each series' last.
    n_obs = rolling_count(w, window)
    st = _kendall_windows(w, window)
    enough = (n_obs >= min_history) & ~np.isnan(w)
    z = np.where(enough, st["z"], np.nan)
    report = (z >= crit) | _last_observed(w)
    st["slope"], st["intercept"] = sens_slope_windows(w, window, report & enough)
    d = panel.direction[:, None]
    # Baseline: Sen's line at the start of the window ("rose from ..."), in the indicator's units.
    return result(panel, "mann_kendall", z, z >= crit, st["intercept"], np.array(np.nan), np.array(np.nan),
                  {"window": window, "alpha": alpha, "min_history": min_history},
                  extra={"slope": st["slope"] * d, "p": st["p"]})


def mk_threshold(params: Mapping[str, Any]) -> float | None:
    """Mann-Kendall's threshold is the normal quantile of its one-sided ``alpha``."""
    alpha = params.get("alpha")
    return float(ndtri(1 - float(alpha))) if alpha is not None else None
