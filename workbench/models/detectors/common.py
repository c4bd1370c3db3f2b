"""Shared pieces of the detectors: turning worse-oriented numbers back into the panel's units."""

from __future__ import annotations

from typing import Any

import numpy as np

from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.shared import shared


@shared
def resolution(x: np.ndarray) -> np.ndarray:
    """The smallest non-zero change between consecutive periods seen before t (0 if none yet).

    For counts this is 1, for percentages reported to one decimal 0.1 or more: the data's own
    step. Causal: the value at t uses periods up to t-1 only.
    """
    d = np.abs(np.diff(x, axis=1))  # d[:, j-1] = |x_j - x_{j-1}|, NaN across a gap
    d = np.where(d > 0, d, np.inf)
    seen = np.minimum.accumulate(d, axis=1) if d.shape[1] else d
    res = np.full(x.shape, np.inf)
    res[:, 2:] = seen[:, :-1]  # changes up to x_{t-1}
    return np.where(np.isinf(res), 0.0, res)


def spread_floor(
    spread: np.ndarray, baseline: np.ndarray, min_spread: float, rel: float,
    values: np.ndarray | None = None,
) -> np.ndarray:
    """Never divide by (almost) zero: a flat history still gets a sensible positive spread.

    The floor is ``max(min_spread, rel * |baseline|, resolution(values))``: a jump from a
    flat 40 % is judged against 0.4 points, and a count series that sat at 0 (median and MAD
    both 0) against its step of 1 - so one incident after a quiet spell scores 1, not 10^9.
    """
    floor = np.maximum(min_spread, rel * np.abs(baseline))
    if values is not None:
        floor = np.maximum(floor, resolution(values))
    return np.where(np.isnan(spread), np.nan, np.maximum(spread, floor))


@shared
def _oriented(a: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Worse-oriented numbers back in the indicator's direction; shared, so that methods
    reporting the same baseline (EWMA and CUSUM, EARS C2 and C3) or a threshold equal to
    their baseline (percentile) hand out one array, not copies."""
    return a * direction[:, None]


def result(
    panel: SeriesPanel,
    method: str,
    score: np.ndarray,
    flag: np.ndarray,
    baseline_w: np.ndarray,
    spread: np.ndarray,
    threshold_w: np.ndarray,
    params: dict[str, Any],
    extra: dict[str, np.ndarray] | None = None,
) -> DetectorResult:
    """Build a result; ``baseline_w`` / ``threshold_w`` are on the worse-oriented scale."""
    score = np.asarray(score, dtype=np.float64)
    flag = np.asarray(flag, dtype=bool) & ~np.isnan(score)
    shape = panel.values.shape

    def full(a: np.ndarray) -> np.ndarray:
        # No copy when the array already has the panel's shape, and a read-only broadcast view
        # when it is per series or constant (memory: 20,000 x 120 x 8 B = 19 MB per array).
        a = np.asarray(a, dtype=np.float64)
        return a if a.shape == shape else np.broadcast_to(a, shape)

    return DetectorResult(
        method=method,
        score=score,
        flag=flag,
        value=panel.values,
        baseline=full(_oriented(baseline_w, panel.direction)),
        spread=full(spread),
        threshold=full(_oriented(threshold_w, panel.direction)),
        params=params,
        extra=extra or {},
    )
