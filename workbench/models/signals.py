"""Run the default detectors over a panel, and the pure partition -> signals function.

``compute_signals`` is what alerts consume: a dict keyed by the stable method names in
:data:`METHODS`. ``run_partition`` is the seam for scale-out: it takes a partition of
canonical observations (whole series) and a codebook and returns long-form signals, with
no project access, so Dask (or a process pool) can map it over partitions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from workbench.models import detectors
from workbench.models.panel import DetectorResult, SeriesPanel

METHODS: tuple[str, ...] = (
    "fixed", "percentile", "robust_z", "ears_c1", "ears_c2", "ears_c3",
    "ewma", "cusum", "mann_kendall", "change_point",
)
DETECTORS: dict[str, Callable[..., DetectorResult]] = {name: getattr(detectors, name) for name in METHODS}

#: Default parameters per method (documented in docs/models.md). Copy and edit to tune.
DEFAULT: dict[str, dict[str, Any]] = {
    "fixed": {},
    "percentile": {"q": 0.95, "window": 36, "min_history": 12},
    "robust_z": {"window": 24, "guard": 1, "z": 3.5, "min_history": 12},
    "ears_c1": {"threshold": 3.0, "min_history": 5},
    "ears_c2": {"threshold": 3.0, "min_history": 5},
    "ears_c3": {"threshold": 2.0, "min_history": 5},
    "ewma": {"lam": 0.1, "L": 2.814, "window": 24, "guard": 3, "min_history": 12},
    "cusum": {"k": 0.5, "h": 5.0, "window": 24, "guard": 3, "min_history": 12},
    "mann_kendall": {"window": 12, "alpha": 0.01, "min_history": 8},
    "change_point": {"window": 24, "threshold": 4.5, "min_history": 12},
}

SIGNAL_COLUMNS = ["region", "indicator", "group", "kind", "period", "method", "score", "flag",
                  "value", "baseline", "spread", "threshold"]


def compute_signals(
    panel: SeriesPanel,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    seasonal: bool = False,
) -> dict[str, DetectorResult]:
    """Every configured method's result on ``panel``; a method mapped to ``None`` is skipped.

    With ``seasonal=True`` (weekly, monthly, quarterly panels) the detectors other than
    ``fixed`` judge the departure from the same period in earlier years
    (:func:`~workbench.models.series.seasonal_baseline`), so a yearly pattern is not taken
    for a warning; baselines and thresholds are reported with the seasonal level added
    back, in the indicator's units. The first year has no seasonal baseline, hence no score.
    """
    config = DEFAULT if config is None else config
    base = None
    work = panel
    if seasonal and panel.freq != "Y":
        from workbench.models.series import deseasonalize, seasonal_baseline

        base = seasonal_baseline(panel)
        work = deseasonalize(panel)
    out: dict[str, DetectorResult] = {}
    for name, params in config.items():
        if params is None:
            continue
        if base is None or name == "fixed":
            out[name] = DETECTORS[name](panel, **dict(params))
            continue
        res = DETECTORS[name](work, **dict(params))
        res.value = panel.values
        res.baseline = res.baseline + base
        res.threshold = res.threshold + base
        res.params = {**res.params, "seasonal": True}
        out[name] = res
    return out


def signals_frame(panel: SeriesPanel, results: Mapping[str, DetectorResult], flags_only: bool = False) -> pd.DataFrame:
    """Long form of results: one row per series, period and method with a finite score."""
    frames = []
    for name, res in results.items():
        keep = ~np.isnan(res.score) if not flags_only else res.flag
        r, c = np.nonzero(keep)
        part = panel.keys.iloc[r].reset_index(drop=True)
        part["period"] = panel.periods[c]
        part["method"] = name
        for col in ("score", "flag", "value", "baseline", "spread", "threshold"):
            part[col] = getattr(res, col)[r, c]
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=SIGNAL_COLUMNS)
    return pd.concat(frames, ignore_index=True)[SIGNAL_COLUMNS]


def run_partition(
    obs_partition: pd.DataFrame,
    codebook: pd.DataFrame | None,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    flags_only: bool = False,
) -> pd.DataFrame:
    """Signals for a partition of whole series (columns as :data:`SIGNAL_COLUMNS`).

    Pure: same input, same output, nothing read or written elsewhere. Partitions must hold
    whole series (all periods and all groups of a region-indicator) for the baselines and
    the polarization series to be right.
    """
    from workbench.models.series import build_panels

    frames = [signals_frame(p, compute_signals(p, config), flags_only)
              for p in build_panels(obs_partition, codebook)]
    if not frames:
        return pd.DataFrame(columns=SIGNAL_COLUMNS)
    return pd.concat(frames, ignore_index=True)
