"""The chart's overlay for a series of the open project: :mod:`alerts.overlay` fed from the snapshot.

The computing is :func:`alerts.overlay.series_overlay`; here the snapshot's series, codebook,
alerts and events are looked up for it. The detectors are imported on a worker at start-up
(:func:`ui.snapshot.warm_models`); until they are, the chart is drawn without a baseline and
redrawn after, so the GUI thread never waits for scipy. Plain Python: no Qt.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from alerts.overlay import (
    SeriesKey, SeriesOverlay, alerts_of_series, baseline_overlay, forecast_overlay, series_overlay,
)
from ui.snapshot import ProjectSnapshot

__all__ = ["SeriesOverlay", "build_derived_overlay", "build_overlay", "series_forecast"]


def _models_ready() -> bool:
    return "workbench.models.signals" in sys.modules


def _key(snap: ProjectSnapshot, row: int) -> SeriesKey:
    rec = snap.series.iloc[row]
    ind = snap.indicators.loc[snap.indicators["id"] == rec["indicator_id"]]
    direction = -1.0 if len(ind) and ind["direction"].iat[0] == "higher_is_better" else 1.0
    fixed = float(ind["threshold"].iat[0]) if len(ind) and pd.notna(ind["threshold"].iat[0]) else np.nan
    return SeriesKey(str(rec["region"]), str(rec["indicator"]), str(rec["group"]), "observed", str(rec["freq"]),
                     direction, fixed)


def build_overlay(snap: ProjectSnapshot, row: int) -> SeriesOverlay:
    """Baseline, band and threshold from the detector (computed once per series of a snapshot:
    they do not change with the alerts); markers and notes from the alerts."""
    periods, values = snap.series_values(row)
    rec = snap.series.iloc[row]
    key = _key(snap, row)
    base = snap.overlay_cache.get(row)
    if base is None and _models_ready():
        base = snap.overlay_cache[row] = baseline_overlay(periods, values, key)
    mine = alerts_of_series(snap.alerts, int(rec["region_id"]), str(rec["indicator"]), str(rec["group"]))
    return series_overlay(periods, values, key, mine, snap.events, base=base or SeriesOverlay())


def build_derived_overlay(snap: ProjectSnapshot, region_id: int, indicator: str, periods: np.ndarray,
                          values: np.ndarray, freq: str) -> SeriesOverlay:
    """The overlay of a derived between-group series (:mod:`ui.derived`): a wider gap or
    spread is worse whatever the indicator, so direction +1, no codebook threshold, and
    never below zero."""
    key = SeriesKey(str(region_id), indicator, "", "derived", freq, 1.0, np.nan)
    mine = alerts_of_series(snap.alerts, region_id, indicator, kind=None)
    return series_overlay(periods, values, key, mine, snap.events, baseline=_models_ready(), never_below_zero=True)


def series_forecast(snap: ProjectSnapshot, row: int, horizon: int = 6, *, progress: object = None,
                    cancel: object = None) -> SeriesOverlay | None:
    """Six periods ahead with a 90 % interval, or None; about a tenth of a second per series,
    so the chart asks for it on the task runner after drawing the series."""
    periods, values = snap.series_values(row)
    key = _key(snap, row)
    return forecast_overlay(periods, values, SeriesKey(key.region, key.indicator, key.group, key.kind, key.freq,
                                                       key.direction, np.nan), horizon)
