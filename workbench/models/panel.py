"""The shapes that flow from the data to the detectors and from the detectors to alerts.

A :class:`SeriesPanel` is many series of one frequency laid on one regular calendar, as a
2-D float array (series x periods, NaN for a gap), so every detector is a handful of numpy
operations over all series at once. A :class:`DetectorResult` holds, for one method, the
per-period score and flag and the numbers that explain them, in arrays of the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from workbench.models.shared import shared

#: Columns of :attr:`SeriesPanel.keys`, one row per series.
SERIES_KEY_COLUMNS = ("region", "indicator", "group", "kind")


@dataclass
class SeriesPanel:
    """Many series on one regular calendar.

    ``keys`` has one row per series with columns ``region`` (display name),
    ``indicator`` (codebook key, or a derived name such as ``trust_in_others:gap:host-displaced``),
    ``group`` ('' for the whole population) and ``kind`` (``observed``, ``gap``,
    ``spread``, ``polarization`` or ``composite``). ``direction`` is +1 where a higher
    value is worse and -1 where higher is better, so ``values * direction`` always rises
    when things get worse.
    """

    keys: pd.DataFrame
    periods: pd.DatetimeIndex
    freq: str  # 'W', 'M', 'Q' or 'Y'
    values: np.ndarray  # float64, shape (n_series, n_periods), NaN = gap
    direction: np.ndarray  # float64, shape (n_series,), +1 or -1
    threshold: np.ndarray | None = None  # fixed codebook threshold per series, NaN if none
    count: np.ndarray | None = None  # bool per series: a count (events, deaths ...); None = judge by the data

    def __post_init__(self) -> None:
        n, t = self.values.shape
        if len(self.keys) != n or len(self.periods) != t or self.direction.shape != (n,):
            raise ValueError("panel parts disagree in shape")
        if self.count is not None and np.shape(self.count) != (n,):
            raise ValueError("panel parts disagree in shape")

    def count_series(self) -> np.ndarray:
        """Which series are counts: as the codebook said (:attr:`count`), else observed series
        whose values are all non-negative whole numbers."""
        if self.count is not None:
            return np.asarray(self.count, dtype=bool)
        return looks_like_counts(self.values) & (self.keys["kind"].to_numpy() == "observed")

    @property
    def worse(self) -> np.ndarray:
        """Values oriented so that larger always means worse (computed once per run of the
        detectors: read-only inside :func:`~workbench.models.shared.shared_statistics`)."""
        return _worse(self.values, self.direction)


def looks_like_counts(values: np.ndarray) -> np.ndarray:
    """Per series: every value is a non-negative whole number (and there is at least one)."""
    finite = np.isfinite(values)
    with np.errstate(invalid="ignore"):
        whole = ~finite | ((values >= 0) & (values == np.round(values)))
    return whole.all(axis=1) & finite.any(axis=1)


@shared
def _worse(values: np.ndarray, direction: np.ndarray) -> np.ndarray:
    return values * direction[:, None]


@dataclass
class DetectorResult:
    """One method's verdict on every period of every series of a panel.

    All arrays have the panel's shape. ``score`` is how far the value is into the worse
    side, in the method's own units (e.g. robust z, C-statistic, CUSUM sum, Kendall's S
    standardised); ``flag`` marks periods where the method signals. ``value``,
    ``baseline``, ``spread`` and ``threshold`` are in the indicator's own units and
    direction, so an explanation can say "41 %, 3.2 MADs above its baseline of 27 %".
    ``extra`` holds method-specific arrays (e.g. Sen's slope, p-value). ``baseline``,
    ``spread`` and ``threshold`` may be read-only broadcast views (a per-series codebook
    threshold repeated over periods costs no memory): copy before writing into them.
    """

    method: str
    score: np.ndarray
    flag: np.ndarray
    value: np.ndarray
    baseline: np.ndarray
    spread: np.ndarray
    threshold: np.ndarray
    params: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, np.ndarray] = field(default_factory=dict)
