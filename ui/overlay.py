"""What the chart draws over a series: baseline and band, threshold, alerts and notes.

The baseline comes from the same robust-z detector the alert rules use (run on just this
one series, a millisecond's work), so the band on the chart is the band the rules saw.
Plain Python: no Qt.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ui.snapshot import ProjectSnapshot

BASELINE_METHOD = "robust_z"


@dataclass
class SeriesOverlay:
    """Arrays aligned to the series' periods (NaN where unknown); markers at their own periods."""

    baseline: np.ndarray | None = None
    band_low: np.ndarray | None = None
    band_high: np.ndarray | None = None
    threshold: np.ndarray | None = None
    alert_periods: np.ndarray = field(default_factory=lambda: np.empty(0, "datetime64[D]"))
    alert_values: np.ndarray = field(default_factory=lambda: np.empty(0))
    alert_tips: list[str] = field(default_factory=list)
    forecast_periods: np.ndarray = field(default_factory=lambda: np.empty(0, "datetime64[D]"))
    forecast_mean: np.ndarray = field(default_factory=lambda: np.empty(0))
    forecast_low: np.ndarray = field(default_factory=lambda: np.empty(0))
    forecast_high: np.ndarray = field(default_factory=lambda: np.empty(0))
    notes: list[tuple[np.datetime64, str]] = field(default_factory=list)


def build_overlay(snap: ProjectSnapshot, row: int) -> SeriesOverlay:
    """Baseline, band and threshold from the detector; markers and notes from the alerts."""
    periods, values = snap.series_values(row)
    rec = snap.series.iloc[row]
    ov = SeriesOverlay()
    _add_baseline(ov, snap, rec, periods, values)
    if ov.band_low is not None and _never_negative(values):
        ov.band_low = np.maximum(ov.band_low, 0.0)
    _add_alerts(ov, snap, rec, periods, values)
    return ov


def _never_negative(values: np.ndarray) -> bool:
    """A series of counts, rates or shares: nothing below zero was ever reported.

    The band and the forecast interval are symmetric statistics; drawn below zero for such
    a series they show impossible values and squeeze the data into the top of the chart.
    """
    finite = values[np.isfinite(values)]
    return bool(finite.size) and bool((finite >= 0).all())


def build_derived_overlay(snap: ProjectSnapshot, region_id: int, indicator: str, periods: np.ndarray,
                          values: np.ndarray, freq: str) -> SeriesOverlay:
    """The overlay of a derived between-group series (:mod:`ui.derived`): a wider gap or
    spread is worse whatever the indicator, so direction +1 and no codebook threshold."""
    ov = SeriesOverlay()
    keys = {"region": str(region_id), "indicator": indicator, "group": "", "kind": "derived"}
    _baseline(ov, periods, values, freq, keys, 1.0, np.nan)
    if ov.band_low is not None:  # a gap, a spread or an index: never below zero
        ov.band_low = np.maximum(ov.band_low, 0.0)
    a = snap.alerts
    if not a.empty:
        _add_markers(ov, snap, a[(a["region_id"] == region_id) & (a["indicator"] == indicator)], periods, values)
    return ov


def _add_baseline(ov: SeriesOverlay, snap: ProjectSnapshot, rec: pd.Series, periods: np.ndarray,
                  values: np.ndarray) -> None:
    ind = snap.indicators.loc[snap.indicators["id"] == rec["indicator_id"]]
    direction = -1.0 if len(ind) and ind["direction"].iat[0] == "higher_is_better" else 1.0
    fixed = float(ind["threshold"].iat[0]) if len(ind) and pd.notna(ind["threshold"].iat[0]) else np.nan
    keys = {"region": rec["region"], "indicator": rec["indicator"], "group": rec["group"], "kind": "observed"}
    _baseline(ov, periods, values, rec["freq"], keys, direction, fixed)


def _baseline(ov: SeriesOverlay, periods: np.ndarray, values: np.ndarray, freq: str, keys: dict,
              direction: float, fixed: float) -> None:
    if "workbench.models.signals" not in sys.modules:
        return  # still importing on a worker (ui.snapshot.warm_models); the chart redraws after
    try:
        from workbench.models.signals import DEFAULT, DETECTORS
    except ImportError:
        return
    gridded = _one_series_panel(periods, values, freq, keys, direction, fixed)
    if gridded is None:
        return
    panel, pos = gridded
    res = DETECTORS[BASELINE_METHOD](panel, **DEFAULT[BASELINE_METHOD])
    base, thr = res.baseline[0, pos], res.threshold[0, pos]
    if np.isfinite(base).any():
        ov.baseline = base
        # The band is the range the rule calls normal: the baseline mirrored to the threshold.
        ov.band_low, ov.band_high = np.minimum(thr, 2 * base - thr), np.maximum(thr, 2 * base - thr)
    if np.isfinite(fixed):
        ov.threshold = np.full(values.size, fixed)
    elif np.isfinite(thr).any():
        ov.threshold = thr


def series_forecast(snap: ProjectSnapshot, row: int, horizon: int = 6, *, progress: object = None,
                    cancel: object = None) -> SeriesOverlay | None:
    """Six periods ahead with a 90 % interval (Holt, the models' fast path), or None.

    About a tenth of a second per series, so the chart asks for it on the task runner
    after drawing the series, instead of making the switch wait.
    """
    panel = _single_panel(snap, row)
    if panel is None or np.isfinite(panel.values).sum() < 8:
        return None
    from workbench.models.forecast import forecast_panel

    fc = forecast_panel(panel, horizon=horizon, trend=True)
    if not np.isfinite(fc.mean).any():
        return None
    mean, low, high = fc.mean[0], fc.lower[0], fc.upper[0]
    if _never_negative(panel.values[0]):
        mean, low, high = np.maximum(mean, 0.0), np.maximum(low, 0.0), np.maximum(high, 0.0)
    return SeriesOverlay(forecast_periods=fc.periods.to_numpy().astype("datetime64[D]"),
                         forecast_mean=mean, forecast_low=low, forecast_high=high)


def _single_panel(snap: ProjectSnapshot, row: int) -> object | None:
    periods, values = snap.series_values(row)
    rec = snap.series.iloc[row]
    ind = snap.indicators.loc[snap.indicators["id"] == rec["indicator_id"]]
    direction = -1.0 if len(ind) and ind["direction"].iat[0] == "higher_is_better" else 1.0
    keys = {"region": rec["region"], "indicator": rec["indicator"], "group": rec["group"], "kind": "observed"}
    gridded = _one_series_panel(periods, values, rec["freq"], keys, direction, np.nan)
    return None if gridded is None else gridded[0]


def _one_series_panel(periods: np.ndarray, values: np.ndarray, freq: str, keys: dict, direction: float,
                      fixed: float) -> tuple[object, np.ndarray] | None:
    """A one-series panel on the regular calendar (gaps as NaN) and where the values sit in
    it; None for weekly data, fewer than three values, or periods off the calendar."""
    from workbench.models.panel import SeriesPanel
    from workbench.models.series import calendar

    if freq not in ("M", "Q", "Y") or values.size < 3:
        return None
    cal = calendar(pd.Timestamp(periods[0]), pd.Timestamp(periods[-1]), freq)
    pos = cal.get_indexer(pd.DatetimeIndex(periods))
    if (pos < 0).any():
        return None
    grid = np.full(len(cal), np.nan)
    grid[pos] = values
    panel = SeriesPanel(
        keys=pd.DataFrame({k: [v] for k, v in keys.items()}),
        periods=cal, freq=freq, values=grid[None, :], direction=np.array([direction]),
        threshold=np.array([fixed]),
    )
    return panel, pos


def _add_alerts(ov: SeriesOverlay, snap: ProjectSnapshot, rec: pd.Series, periods: np.ndarray,
                values: np.ndarray) -> None:
    a = snap.alerts
    if a.empty:
        return
    mine = a[(a["region_id"] == rec["region_id"]) & (a["indicator_id"] == rec["indicator_id"])
             & (a["grp"] == rec["group"]) & (a["kind"] == "observed")]
    _add_markers(ov, snap, mine, periods, values)


def _add_markers(ov: SeriesOverlay, snap: ProjectSnapshot, mine: pd.DataFrame, periods: np.ndarray,
                 values: np.ndarray) -> None:
    """Alert markers at their peaks, and their notes at their last periods."""
    if mine.empty:
        return
    peaks = pd.to_datetime(mine["peak_period"]).to_numpy().astype("datetime64[D]")
    idx = np.searchsorted(periods, peaks)
    idx = np.clip(idx, 0, max(values.size - 1, 0))
    ov.alert_periods = peaks
    ov.alert_values = values[idx] if values.size else np.zeros(len(peaks))
    ov.alert_tips = [
        f"#{r.id} {r.severity} · {r.status}\n{r.explanation}" for r in mine.itertuples()
    ]
    ev = snap.events
    if ev.empty:
        return
    notes = ev[ev["alert_id"].isin(mine["id"]) & ev["note"].notna() & (ev["kind"] != "run")
               & (ev["note"].astype(str).str.strip() != "")]
    last = dict(zip(mine["id"], pd.to_datetime(mine["last_period"]).to_numpy().astype("datetime64[D]")))
    for r in notes.itertuples():
        ov.notes.append((last[r.alert_id], f"{r.actor}: {r.note}"))
