"""What a chart draws over a series: baseline and band, threshold, alert markers and notes, forecast.

The desktop's series chart and alert pane draw this; it is computed here, headless, from the
series' values and the alerts and events of :func:`alerts.listing.read_alerts` and
:func:`alerts.history.history_frame`, so a marker is where the inbox's alert is. The baseline
comes from the same robust-z detector the threshold rules use (run on just this one series,
a millisecond's work). No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

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


@dataclass(frozen=True)
class SeriesKey:
    """Which series, as the models name it, and how to judge it."""

    region: str
    indicator: str
    group: str = ""
    kind: str = "observed"
    freq: str = "M"
    direction: float = 1.0  # -1 for higher_is_better
    threshold: float = np.nan  # the codebook's fixed threshold


def alerts_of_series(alerts: pd.DataFrame, region_id: int, indicator: str, group: str = "",
                     kind: str | None = "observed") -> pd.DataFrame:
    """The alerts raised on one series (``kind=None``: any kind of that region and indicator key)."""
    if alerts.empty:
        return alerts
    mask = (alerts["region_id"] == region_id) & (alerts["indicator"] == indicator)
    if kind is not None:
        mask &= (alerts["group"] == group) & (alerts["kind"] == kind)
    return alerts[mask]


def series_overlay(periods: np.ndarray, values: np.ndarray, key: SeriesKey, alerts: pd.DataFrame,
                   events: pd.DataFrame, *, baseline: bool = True, never_below_zero: bool | None = None,
                   base: SeriesOverlay | None = None) -> SeriesOverlay:
    """Baseline, band and threshold from the detector (when ``baseline``; or those of ``base``,
    a :func:`baseline_overlay` kept from before: they do not depend on the alerts); markers at
    the alerts' peaks and their notes at their last periods. ``never_below_zero``: clip the
    band at zero (default: when no value was ever negative)."""
    if base is None:
        base = baseline_overlay(periods, values, key, never_below_zero=never_below_zero) if baseline else SeriesOverlay()
    ov = SeriesOverlay(baseline=base.baseline, band_low=base.band_low, band_high=base.band_high,
                       threshold=base.threshold)
    _markers(ov, alerts, events, periods, values)
    return ov


def baseline_overlay(periods: np.ndarray, values: np.ndarray, key: SeriesKey, *,
                     never_below_zero: bool | None = None) -> SeriesOverlay:
    """Only the baseline, band and threshold of a series (the detector's part of the overlay)."""
    ov = SeriesOverlay()
    _baseline(ov, periods, values, key)
    clip = never_negative(values) if never_below_zero is None else never_below_zero
    if ov.band_low is not None and clip:
        ov.band_low = np.maximum(ov.band_low, 0.0)
    return ov


def never_negative(values: np.ndarray) -> bool:
    """A series of counts, rates or shares: nothing below zero was ever reported.

    The band and the forecast interval are symmetric statistics; drawn below zero for such
    a series they show impossible values and squeeze the data into the top of the chart.
    """
    finite = values[np.isfinite(values)]
    return bool(finite.size) and bool((finite >= 0).all())


def _baseline(ov: SeriesOverlay, periods: np.ndarray, values: np.ndarray, key: SeriesKey) -> None:
    try:
        from workbench.models.signals import DEFAULT, DETECTORS
    except ImportError:  # an installation without the models
        return
    gridded = one_series_panel(periods, values, key)
    if gridded is None:
        return
    panel, pos = gridded
    res = DETECTORS[BASELINE_METHOD](panel, **DEFAULT[BASELINE_METHOD])
    base, thr = res.baseline[0, pos], res.threshold[0, pos]
    if np.isfinite(base).any():
        ov.baseline = base
        # The band is the range the rule calls normal: the baseline mirrored to the threshold.
        ov.band_low, ov.band_high = np.minimum(thr, 2 * base - thr), np.maximum(thr, 2 * base - thr)
    if np.isfinite(key.threshold):
        ov.threshold = np.full(values.size, key.threshold)
    elif np.isfinite(thr).any():
        ov.threshold = thr


def forecast_overlay(periods: np.ndarray, values: np.ndarray, key: SeriesKey, horizon: int = 6
                     ) -> SeriesOverlay | None:
    """``horizon`` periods ahead with a 90 % interval (Holt, the models' fast path), or None
    (fewer than 8 values, weekly data, periods off the calendar)."""
    gridded = one_series_panel(periods, values, key)
    if gridded is None or np.isfinite(gridded[0].values).sum() < 8:
        return None
    panel = gridded[0]
    from workbench.models.forecast import forecast_panel

    fc = forecast_panel(panel, horizon=horizon, trend=True)
    if not np.isfinite(fc.mean).any():
        return None
    mean, low, high = fc.mean[0], fc.lower[0], fc.upper[0]
    if never_negative(panel.values[0]):
        mean, low, high = np.maximum(mean, 0.0), np.maximum(low, 0.0), np.maximum(high, 0.0)
    return SeriesOverlay(forecast_periods=fc.periods.to_numpy().astype("datetime64[D]"),
                         forecast_mean=mean, forecast_low=low, forecast_high=high)


def one_series_panel(periods: np.ndarray, values: np.ndarray, key: SeriesKey) -> tuple[object, np.ndarray] | None:
    """A one-series panel on the regular calendar (gaps as NaN) and where the values sit in
    it; None for weekly data, fewer than three values, or periods off the calendar."""
    from workbench.models.panel import SeriesPanel
    from workbench.models.series import calendar

    if key.freq not in ("M", "Q", "Y") or values.size < 3:
        return None
    cal = calendar(pd.Timestamp(periods[0]), pd.Timestamp(periods[-1]), key.freq)
    pos = cal.get_indexer(pd.DatetimeIndex(periods))
    if (pos < 0).any():
        return None
    grid = np.full(len(cal), np.nan)
    grid[pos] = values
    panel = SeriesPanel(
        keys=pd.DataFrame({"region": [key.region], "indicator": [key.indicator], "group": [key.group],
                           "kind": [key.kind]}),
        periods=cal, freq=key.freq, values=grid[None, :], direction=np.array([key.direction]),
        threshold=np.array([key.threshold]),
    )
    return panel, pos


def _markers(ov: SeriesOverlay, mine: pd.DataFrame, events: pd.DataFrame, periods: np.ndarray,
             values: np.ndarray) -> None:
    """Alert markers at their peaks, and their notes at their last periods."""
    if mine.empty:
        return
    peaks = pd.to_datetime(mine["peak_period"]).to_numpy().astype("datetime64[D]")
    idx = np.searchsorted(periods, peaks)
    idx = np.clip(idx, 0, max(values.size - 1, 0))
    ov.alert_periods = peaks
    ov.alert_values = values[idx] if values.size else np.zeros(len(peaks))
    ov.alert_tips = [f"#{i} {sev} · {st}\n{text}" for i, sev, st, text in
                     zip(mine["id"], mine["severity"], mine["status"], mine["explanation"])]
    if events.empty:
        return
    hits = np.flatnonzero(events["alert_id"].isin(mine["id"]).to_numpy())  # a few rows of thousands
    ev = events[["alert_id", "kind", "actor", "note"]].iloc[hits]
    notes = ev[ev["note"].notna() & (ev["kind"] != "run") & (ev["note"].astype(str).str.strip() != "")]
    last = dict(zip(mine["id"], pd.to_datetime(mine["last_period"]).to_numpy().astype("datetime64[D]")))
    for alert_id, actor, note in zip(notes["alert_id"], notes["actor"], notes["note"]):
        ov.notes.append((last[alert_id], f"{actor}: {note}"))


__all__ = ["SeriesKey", "SeriesOverlay", "alerts_of_series", "baseline_overlay", "forecast_overlay",
           "never_negative", "one_series_panel", "series_overlay"]
