"""Shared pieces of the detectors: turning worse-oriented numbers back into the panel's units."""

from __future__ import annotations

from typing import Any

import numpy as np

from workbench.models.panel import DetectorResult, SeriesPanel


def spread_floor(spread: np.ndarray, baseline: np.ndarray, min_spread: float, rel: float) -> np.ndarray:
    """Never divide by (almost) zero: a constant history gets a small positive spread.

    The floor is ``max(min_spread, rel * |baseline|)`` so that a jump from a flat 0 % and a
    jump from a flat 40 % are both judged against something sensible.
    """
    floor = np.maximum(min_spread, rel * np.abs(baseline))
    return np.where(np.isnan(spread), np.nan, np.maximum(spread, floor))


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
    d = panel.direction[:, None]
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
        baseline=full(baseline_w * d),
        spread=full(spread),
        threshold=full(threshold_w * d),
        params=params,
        extra=extra or {},
    )
