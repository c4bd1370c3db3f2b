"""Threshold detectors: a fixed codebook limit, a percentile of history, a robust z-score."""

from __future__ import annotations

import numpy as np

from workbench.models.detectors.common import result, spread_floor
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.windows import blockwise, rolling_median_mad, rolling_quantile

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
    n, t = w.shape
    return result(panel, "fixed", score, score >= 0, np.full((n, t), np.nan), np.full((n, t), np.nan),
                  np.broadcast_to(thr_w, (n, t)), {})


def percentile(
    panel: SeriesPanel, q: float = 0.95, window: int | None = 36, min_history: int = 12
) -> DetectorResult:
    """Flag when the value is above the ``q`` quantile of its own history (current excluded).

    ``window=None`` uses the whole history so far (expanding); otherwise the last ``window``
    periods. Score is the value's percentile rank in that history (0..1, ties count half).
    """
    w = panel.worse
    n, t = w.shape
    width = max(t, 1) if window is None else window
    quant, count = rolling_quantile(w, width, 1, q)
    below, equal = blockwise_compare(w, width)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = (below + 0.5 * equal) / count
    enough = (count >= min_history) & ~np.isnan(w)
    score = np.where(enough, score, np.nan)
    flag = enough & (w > quant)
    return result(panel, "percentile", score, flag, quant, np.full((n, t), np.nan), quant,
                  {"q": q, "window": window, "min_history": min_history})


def blockwise_compare(w: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """For each t: how many of the ``width`` earlier values are below / equal to w[:, t]."""
    n, t = w.shape
    # Append the current value as the last element of each window (lag 0), compare to the rest.
    def count(win: np.ndarray) -> tuple[np.ndarray, ...]:
        hist, cur = win[..., :-1], win[..., -1:]
        return (np.sum(hist < cur, axis=-1), np.sum(hist == cur, axis=-1))

    return blockwise(w, width + 1, 0, count)  # type: ignore[return-value]


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
    spread = spread_floor(MAD_SCALE * mad, med, min_spread, rel_floor)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = (w - med) / spread
    score = np.where(count >= min_history, score, np.nan)
    return result(panel, "robust_z", score, score >= z, med, spread, med + z * spread,
                  {"window": window, "guard": guard, "z": z, "min_history": min_history})
