"""Threshold detectors: a fixed codebook limit, a percentile of history, a robust z-score."""

from __future__ import annotations

import numpy as np

from workbench.models.detectors.common import result, spread_floor
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.topk import MAX_TOP, ranks_needed, trailing_quantile
from workbench.models.windows import blockwise, nan_quantile_sorted, rolling_count, rolling_median_mad

MAD_SCALE = 1.4826  # makes the MAD estimate the standard deviation of normal data


def fixed(panel: SeriesPanel) -> DetectorResult:
    """Flag when the value reaches the codebook threshold on the worse side.

    Score is the distance past the threshold in the indicator's units (>= 0 flags); series
    without a threshold score NaN.
    """
    thr = panel.threshold if panel.threshold is not None else np.full(len(panel.keys), np.nan)
    thr_w = (thr * panel.direction)[:, None]
    w = panel.worse
    score = w - thr_w
    return result(panel, "fixed", score, score >= 0, np.array(np.nan), np.array(np.nan), thr_w, {})


def percentile(
    panel: SeriesPanel, q: float = 0.95, window: int | None = 36, min_history: int = 12
) -> DetectorResult:
    """Flag when the value is above the ``q`` quantile of its own history (current excluded).

    ``window=None`` uses the whole history so far (expanding); otherwise the last ``window``
    periods. Score is the value's percentile rank in that history (0..1, ties count half).
    """
    w = panel.worse
    width = max(w.shape[1], 1) if window is None else window
    quant, count, below, equal = history_rank(w, width, q)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = (below + 0.5 * equal) / count
    enough = (count >= min_history) & ~np.isnan(w)
    score = np.where(enough, score, np.nan)
    flag = enough & (w > quant)
    return result(panel, "percentile", score, flag, quant, np.array(np.nan), quant,
                  {"q": q, "window": window, "min_history": min_history})


def history_rank(w: np.ndarray, width: int, q: float) -> tuple[np.ndarray, ...]:
    """For each t, over the ``width`` values before it: the ``q`` quantile, the number of
    values, and how many are below / equal to w[:, t].

    A high (or low) quantile comes from the few largest values of each window
    (:mod:`workbench.models.topk`) and the counts from one comparison per lag, all
    element-wise over the panel; other quantiles (a median, a 5th percentile) sort the
    windows. Same numbers either way.
    """
    if ranks_needed(width, q) <= MAX_TOP:
        count = rolling_count(w, width, 1)
        quant = trailing_quantile(w, width, 1, q, count)
        n, t = w.shape
        hist = np.concatenate([np.full((n, width), np.nan), w], axis=1)
        acc = np.uint8 if width < 256 else np.int64  # counts up to width; small ints add fastest
        below = np.zeros((n, t), acc)
        equal = np.zeros((n, t), acc)
        for d in range(1, width + 1):  # the value d periods back, for every period at once
            h = hist[:, width - d : width - d + t]
            np.add(below, np.less(h, w), out=below, casting="unsafe")
            np.add(equal, np.equal(h, w), out=equal, casting="unsafe")
        return quant, count, below.astype(np.int64), equal.astype(np.int64)
    return _history_rank_sorted(w, width, q)


def _history_rank_sorted(w: np.ndarray, width: int, q: float) -> tuple[np.ndarray, ...]:

    def stats(win: np.ndarray) -> tuple[np.ndarray, ...]:
        hist, cur = win[..., :-1], win[..., -1:]
        count = np.sum(~np.isnan(hist), axis=-1)
        quant = nan_quantile_sorted(np.sort(hist, axis=-1), count, q)
        return quant, count, np.sum(hist < cur, axis=-1), np.sum(hist == cur, axis=-1)

    return blockwise(w, width + 1, 0, stats, cells_per_window=2 * (width + 1))


def robust_z(
    panel: SeriesPanel,
    window: int = 24,
    guard: int = 1,
    z: float = 3.5,
    min_history: int = 12,
    min_spread: float = 1e-9,
    rel_floor: float = 0.01,
) -> DetectorResult:
    """Robust z-score against the median and MAD of a trailing window.

    The window ends ``guard`` periods before the current one so that the first months of a
    build-up do not pull the baseline with them. The MAD is scaled by 1.4826 and floored
    (see :func:`spread_floor`) so that a constant history does not make every wiggle infinite.
    """
    w = panel.worse
    med, mad, count = rolling_median_mad(w, window, 1 + guard)
    spread = spread_floor(MAD_SCALE * mad, med, min_spread, rel_floor, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = (w - med) / spread
    score = np.where(count >= min_history, score, np.nan)
    return result(panel, "robust_z", score, score >= z, med, spread, med + z * spread,
                  {"window": window, "guard": guard, "z": z, "min_history": min_history})
