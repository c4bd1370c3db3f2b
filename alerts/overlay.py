"""What a chart draws over a series: the baseline, the normal band and the threshold of the
rule that raises its alerts, the periods it flagged (and why), alert markers and notes, forecast.

Computed here, headless, from the series' values, the project's rules and codebook, and the
alerts and events of :func:`alerts.listing.read_alerts` and
:func:`alerts.history.history_frame`, so a marker is where the inbox's alert is and the lines
are those of the rule that raised it. The desktop's series chart and alert pane draw this
(``ui.overlay`` looks the series up in its snapshot and words the reasons); no Qt here.

The rule drawn is the one that raised the alert on screen, else the one of the series'
latest alert, else the first rule that watches such series. Its method runs again on this
one series (a few milliseconds; the function comes from :mod:`workbench.models.registry`),
so the chart shows what the rule saw. For the shipped rules that is the *monitor*
(:mod:`workbench.models.detectors.state_monitor`):

* **baseline** - the monitor's normal level, frozen while an alert is open (a ramp is judged
  against the level before it began, and the chart shows exactly that);
* **normal band** - baseline +- 2 spreads (the monitor's spread: in counts for a count
  series), and never past the threshold: "normal" cannot reach into "alarming";
* **threshold** - the value one period alone needs to open an alert: the rule's
  single-period rarity (``point_p`` to the power of the rule's ``score_scale``), under a
  normal model for levels, or the negative binomial (at least Poisson) count model with the
  ``min_count`` margin for counts. An alert can also open on the EWMA of several raised
  periods below that line; each flagged period's :class:`FlagReason` says which it was.

A codebook threshold is drawn as its own line. Importing this module loads no detector and
no scipy (the desktop imports it while it opens); they are loaded when a line is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd

from workbench.models import registry
from workbench.models.panel import SeriesPanel, looks_like_counts
from workbench.models.series import calendar, count_units

#: The method drawn when no rule of the project watches the series (and for custom rules
#: of threshold detectors without a baseline of their own).
FALLBACK_METHOD = "robust_z"
#: Half-width of the normal band, in the method's spreads.
BAND_SPREADS = 2.0

#: Why a period was flagged (:attr:`FlagReason.reason`); the desktop words each one.
OPENED_ALONE = "opened_alone"  # the monitor opened the alert: this period alone was rare enough
OPENED_TOGETHER = "opened_together"  # the monitor opened it on the EWMA of the recent periods
KEPT_ALONE = "kept_alone"  # kept it open: rare enough on its own
KEPT_TOGETHER = "kept_together"  # kept it open: the recent periods together are still past the limit
KEPT_ABOVE = "kept_above"  # kept it open: still some spreads above normal
FLAGGED = "flagged"  # another method flagged it
REASONS = (OPENED_ALONE, OPENED_TOGETHER, KEPT_ALONE, KEPT_TOGETHER, KEPT_ABOVE, FLAGGED)


@dataclass(frozen=True)
class FlagReason:
    """Why one period is drawn as flagged, in numbers (the desktop puts it into words)."""

    period: np.datetime64
    value: float
    reason: str | None  # one of :data:`REASONS`; None when only the codebook threshold was passed
    method: str = ""
    baseline: float = np.nan  # the normal level the rule judged the period against
    band: float = np.nan  # half-width of the normal band there (BAND_SPREADS spreads)
    rarity: float = np.nan  # the monitor: P(a period this far above normal) under its model
    spreads: float = np.nan  # the monitor: how many spreads above normal
    fixed: float = np.nan  # the codebook threshold, when the period was past it under a fixed rule


@dataclass(frozen=True)
class AlertMark:
    """An alert drawn at its peak."""

    id: int
    severity: str
    status: str
    rule: str
    explanation: str


@dataclass
class SeriesOverlay:
    """Arrays aligned to the series' periods (NaN where unknown); markers at their own periods.

    ``alert_tips`` and ``flagged_tips`` are the hover texts, filled by whoever shows the
    overlay from ``alert_marks`` and ``flag_reasons`` (the desktop, in the user's language)."""

    baseline: np.ndarray | None = None
    band_low: np.ndarray | None = None
    band_high: np.ndarray | None = None
    threshold: np.ndarray | None = None
    fixed_threshold: np.ndarray | None = None  # the codebook threshold, when the indicator has one
    rule: str = ""  # the rule whose baseline and threshold are drawn
    method: str = ""  # its method ("monitor", ...)
    pending: bool = False  # the detectors are still loading: the lines follow
    flagged_periods: np.ndarray = field(default_factory=lambda: np.empty(0, "datetime64[D]"))
    flagged_values: np.ndarray = field(default_factory=lambda: np.empty(0))
    flag_reasons: list[FlagReason] = field(default_factory=list)
    flagged_tips: list[str] = field(default_factory=list)
    alert_periods: np.ndarray = field(default_factory=lambda: np.empty(0, "datetime64[D]"))
    alert_values: np.ndarray = field(default_factory=lambda: np.empty(0))
    alert_marks: list[AlertMark] = field(default_factory=list)
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
    count: bool | None = None  # the codebook's unit says count (True) / level (False); None: the data decide


def series_key(indicators: pd.DataFrame, region: str, indicator_id: int, group: str = "", freq: str = "M",
               kind: str = "observed") -> SeriesKey:
    """The key of an observed series, judged as its codebook row says (direction, fixed
    threshold, count or level)."""
    ind = indicators.loc[indicators["id"] == indicator_id]
    key = str(ind["key"].iat[0]) if len(ind) else ""
    direction = -1.0 if len(ind) and ind["direction"].iat[0] == "higher_is_better" else 1.0
    fixed = float(ind["threshold"].iat[0]) if len(ind) and pd.notna(ind["threshold"].iat[0]) else np.nan
    return SeriesKey(region, key, group, kind, freq, direction, fixed, count_units(ind).get(key))


def alerts_of_series(alerts: pd.DataFrame, region_id: int, indicator: str, group: str = "",
                     kind: str | None = "observed") -> pd.DataFrame:
    """The alerts raised on one series (``kind=None``: any kind of that region and indicator key)."""
    if alerts.empty:
        return alerts
    mask = (alerts["region_id"] == region_id) & (alerts["indicator"] == indicator)
    if kind is not None:
        mask &= (alerts["group"] == group) & (alerts["kind"] == kind)
    return alerts[mask]


def noted_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events that carry a note someone wrote (not the runs')."""
    if events.empty:
        return events
    return events[events["note"].notna() & (events["kind"] != "run") & (events["note"].astype(str).str.strip() != "")]


def markers_overlay(periods: np.ndarray, values: np.ndarray, key: SeriesKey, alerts: pd.DataFrame,
                    notes: pd.DataFrame) -> SeriesOverlay:
    """Alert markers at their peaks, their notes at their last periods and the codebook line:
    what is drawn at once, before (or without) running a detector. ``alerts``: the series'
    own; ``notes``: :func:`noted_events` of the project."""
    ov = SeriesOverlay()
    _add_markers(ov, alerts, notes, periods, values)
    if np.isfinite(key.threshold):
        ov.fixed_threshold = np.full(values.size, key.threshold)
    return ov


def series_overlay(periods: np.ndarray, values: np.ndarray, key: SeriesKey, alerts: pd.DataFrame,
                   notes: pd.DataFrame, rules: Sequence[Any], indicators: pd.DataFrame, *,
                   rule: str | None = None, never_below_zero: bool | None = None) -> SeriesOverlay:
    """Everything drawn over one series: markers and notes (:func:`markers_overlay`), and the
    baseline, band, threshold and flagged periods of the rule that raised its alerts (``rule``:
    the alert on screen's) among ``rules`` (``alerts.rules.Rule``). ``never_below_zero``:
    clip the band at zero (default: when no value was ever negative)."""
    ov = markers_overlay(periods, values, key, alerts, notes)
    gridded = one_series_panel(periods, values, key)
    if gridded is None:
        return ov
    panel, pos = gridded
    chosen, reference = rules_for(rules, panel, indicators, alerts, rule)
    method = reference.methods[0] if reference is not None else FALLBACK_METHOD
    res = run_method(panel, method, reference)
    ov.rule = chosen.name if chosen is not None else ""
    ov.method = method
    base, spread = res.baseline[0, pos], np.asarray(res.spread, float)[0, pos]
    thr = (single_period_threshold(res, key.direction)[0, pos] if method == "monitor"
           else np.asarray(res.threshold, float)[0, pos])
    if np.isfinite(base).any():
        ov.baseline = base
        ov.band_low, ov.band_high = _band(base, spread, thr, key.direction)
        clip = never_negative(values) if never_below_zero is None else never_below_zero
        if clip:
            ov.band_low = np.maximum(ov.band_low, 0.0)
    if np.isfinite(thr).any() and method != "fixed":
        ov.threshold = thr
    _add_flags(ov, rules, periods, values, key, alerts, res, pos, method)
    return ov


def rules_for(rules: Sequence[Any], panel: SeriesPanel, indicators: pd.DataFrame, mine: pd.DataFrame,
              wanted: str | None) -> tuple[Any, Any]:
    """(the rule whose alert is shown, the rule whose baseline is drawn).

    The baseline comes from a rule that has one: a fixed codebook limit has no baseline, so
    under a fixed-threshold alert the chart keeps the watching rule's baseline and band and
    draws the codebook line (always drawn when there is one)."""
    watching = [r for r in rules if r.enabled and bool(r.series_mask(panel, indicators)[0])]
    by_name = {r.name: r for r in rules}
    chosen = by_name.get(wanted) if wanted else None
    if chosen is None and not mine.empty:
        chosen = by_name.get(str(mine.sort_values("last_period")["rule"].iat[-1]))
    if chosen is None and watching:
        chosen = watching[0]
    with_baseline = [r for r in ([chosen] if chosen is not None else []) + watching if r.methods[0] != "fixed"]
    return chosen, (with_baseline[0] if with_baseline else None)


def run_method(panel: SeriesPanel, method: str, rule: Any = None) -> Any:
    """One registered method on ``panel`` with its defaults, as the run computed it for ``rule``."""
    spec = registry.spec(method) or registry.spec(FALLBACK_METHOD)
    assert spec is not None
    params = dict(spec.defaults)
    if spec.stateful and rule is not None:
        params["scale"] = float(rule.score_scale)  # as alerts.monitor_episodes computes it for the rule
    return spec.function()(panel, **params)


def single_period_threshold(res: Any, direction: float) -> np.ndarray:
    """The value one period alone needs to open a monitor alert, in the indicator's units.

    Levels: ``baseline + spread * z`` with ``z`` the normal quantile of the rule's
    single-period rarity. Counts: the smallest count whose negative binomial (at least
    Poisson) tail under the baseline's mean and spread is that rare, and at least
    ``min_count`` above the mean - the two tests the monitor applies
    (``_Monitor.point_tail`` and ``big_enough``)."""
    # scipy is loaded with the detectors; imported here so that importing this module is light.
    from scipy.special import ndtri
    from scipy.stats import nbinom, poisson

    p = res.params
    count = np.asarray(res.extra["count"], bool)
    base = np.asarray(res.baseline, float) * direction  # larger is worse
    spread = np.asarray(res.spread, float)
    scale = float(p.get("scale", 1.0))
    level_p = float(p["point_p"]) ** scale
    count_p = float(p.get("count_point_p") or p["point_p"]) ** scale
    out = base + spread * float(ndtri(1.0 - level_p))
    if count.any():
        mu = np.maximum(base, 1e-3)
        var = np.maximum(spread**2, mu)
        ok = count & np.isfinite(mu) & np.isfinite(var)
        k = np.full(base.shape, np.nan)
        if ok.any():
            m, v = mu[ok], var[ok]
            over = v > m * 1.0001
            q = np.empty(m.shape)
            with np.errstate(all="ignore"):
                size = m[over] ** 2 / (v[over] - m[over])
                q[over] = nbinom.isf(count_p, size[...], size / (size + m[over]))
                q[~over] = poisson.isf(count_p, m[~over])
            # P(X >= q + 1) <= p: one more than the quantile is the first count that rare.
            k[ok] = np.maximum(q + 1.0, np.ceil(m + float(p.get("min_count", 0.0)) - 1e-9))
        out = np.where(count, k, out)
    return out * direction


def _band(base: np.ndarray, spread: np.ndarray, thr: np.ndarray, direction: float) -> tuple[np.ndarray, np.ndarray]:
    """Baseline +- 2 spreads; the edge on the worse side stops at the threshold."""
    half = BAND_SPREADS * np.where(np.isfinite(spread), spread, np.nan)
    low, high = base - half, base + half
    if direction >= 0:
        high = np.where(np.isfinite(thr), np.fmin(high, thr), high)
    else:
        low = np.where(np.isfinite(thr), np.fmax(low, thr), low)
    return low, high


def never_negative(values: np.ndarray) -> bool:
    """A series of counts, rates or shares: nothing below zero was ever reported.

    The band and the forecast interval are symmetric statistics; drawn below zero for such
    a series they show impossible values and squeeze the data into the top of the chart.
    """
    finite = values[np.isfinite(values)]
    return bool(finite.size) and bool((finite >= 0).all())


def _add_flags(ov: SeriesOverlay, rules: Sequence[Any], periods: np.ndarray, values: np.ndarray, key: SeriesKey,
               mine: pd.DataFrame, res: Any, pos: np.ndarray, method: str) -> None:
    """The flagged periods of the series' alerts, each with the reason it was flagged."""
    if mine.empty:
        return
    periods = periods.astype("datetime64[D]")
    inside = np.zeros(periods.size, bool)
    fixed_rule = np.zeros(periods.size, bool)
    rule_methods = {r.name: r.methods[0] for r in rules}
    first = pd.to_datetime(mine["first_period"]).to_numpy().astype("datetime64[D]")
    last = pd.to_datetime(mine["last_period"]).to_numpy().astype("datetime64[D]")
    for rule, status, start, end in zip(mine["rule"], mine["status"], first, last):
        if status == "withdrawn":
            continue
        span = (periods >= start) & (periods <= end)
        if rule_methods.get(str(rule)) == "fixed":
            fixed_rule |= span
        else:
            inside |= span
    flag = np.asarray(res.flag, bool)[0, pos] & inside & np.isfinite(values)
    with np.errstate(invalid="ignore"):
        past_fixed = (values * key.direction > key.threshold * key.direction) if np.isfinite(key.threshold) \
            else np.zeros(periods.size, bool)
    fixed_flag = fixed_rule & past_fixed
    idx = np.flatnonzero(flag | fixed_flag)
    if not idx.size:
        return
    base = np.asarray(res.baseline, float)[0, pos]
    spread = np.asarray(res.spread, float)[0, pos]
    monitor = method == "monitor"
    if monitor:
        extra = res.extra
        z = np.asarray(extra.get("z", np.full_like(res.baseline, np.nan)), float)[0, pos]
        opened = np.asarray(extra["opened"], bool)[0, pos]
        point = np.asarray(extra["point_hit"], bool)[0, pos]
        p_point = np.asarray(extra["p_point"], float)[0, pos]
        ewma = np.asarray(extra["ewma_hit"], bool)[0, pos]
    reasons = []
    for i in idx:
        reason: str | None = None
        if flag[i] and monitor:
            if opened[i]:
                reason = OPENED_ALONE if point[i] else OPENED_TOGETHER
            elif point[i]:
                reason = KEPT_ALONE
            elif ewma[i]:
                reason = KEPT_TOGETHER  # the value itself may be back near normal: the recent periods are not
            else:
                reason = KEPT_ABOVE
        elif flag[i]:
            reason = FLAGGED
        reasons.append(FlagReason(
            period=periods[i], value=float(values[i]), reason=reason, method=method,
            baseline=float(base[i]) if flag[i] else np.nan,
            band=float(BAND_SPREADS * spread[i]) if flag[i] else np.nan,
            rarity=float(p_point[i]) if flag[i] and monitor else np.nan,
            spreads=float(z[i]) if flag[i] and monitor else np.nan,
            fixed=float(key.threshold) if fixed_flag[i] else np.nan,
        ))
    ov.flagged_periods = periods[idx]
    ov.flagged_values = values[idx]
    ov.flag_reasons = reasons


def _add_markers(ov: SeriesOverlay, mine: pd.DataFrame, notes: pd.DataFrame, periods: np.ndarray,
                 values: np.ndarray) -> None:
    """Alert markers at their peaks, and their notes at their last periods."""
    if mine.empty:
        return
    peaks = pd.to_datetime(mine["peak_period"]).to_numpy().astype("datetime64[D]")
    idx = np.searchsorted(periods, peaks)
    idx = np.clip(idx, 0, max(values.size - 1, 0))
    ov.alert_periods = peaks
    ov.alert_values = values[idx] if values.size else np.zeros(len(peaks))
    ov.alert_marks = [AlertMark(int(i), str(sev), str(st), str(rule), str(text)) for i, sev, st, rule, text in
                      zip(mine["id"], mine["severity"], mine["status"], mine["rule"], mine["explanation"])]
    if notes.empty:
        return
    hits = np.flatnonzero(notes["alert_id"].isin(mine["id"]).to_numpy())  # a few rows of thousands
    last = dict(zip(mine["id"], pd.to_datetime(mine["last_period"]).to_numpy().astype("datetime64[D]")))
    ev = notes.iloc[hits]
    for alert_id, actor, note in zip(ev["alert_id"], ev["actor"], ev["note"]):
        ov.notes.append((last[alert_id], f"{actor}: {note}"))


def forecast_overlay(periods: np.ndarray, values: np.ndarray, key: SeriesKey, horizon: int = 6
                     ) -> SeriesOverlay | None:
    """``horizon`` periods ahead with a 90 % interval (Holt, the models' fast path), or None
    (fewer than 8 values, weekly data, periods off the calendar)."""
    gridded = one_series_panel(periods, values, key)
    if gridded is None or np.isfinite(gridded[0].values).sum() < 8:
        return None
    panel = gridded[0]
    from workbench.models.forecast import forecast_panel  # statsmodels: loaded on a worker, when asked

    fc = forecast_panel(panel, horizon=horizon, trend=True)
    if not np.isfinite(fc.mean).any():
        return None
    mean, low, high = fc.mean[0], fc.lower[0], fc.upper[0]
    if never_negative(panel.values[0]):
        mean, low, high = np.maximum(mean, 0.0), np.maximum(low, 0.0), np.maximum(high, 0.0)
    return SeriesOverlay(forecast_periods=fc.periods.to_numpy().astype("datetime64[D]"),
                         forecast_mean=mean, forecast_low=low, forecast_high=high)


def one_series_panel(periods: np.ndarray, values: np.ndarray, key: SeriesKey) -> tuple[SeriesPanel, np.ndarray] | None:
    """A one-series panel on the regular calendar (gaps as NaN) and where the values sit in
    it; None for weekly data, fewer than three values, or periods off the calendar. Whether
    it is a count follows the run (:func:`workbench.models.series.to_panel`): the codebook
    unit, else the data; a derived series never is."""
    if key.freq not in ("M", "Q", "Y") or values.size < 3:
        return None
    cal = calendar(pd.Timestamp(periods[0]), pd.Timestamp(periods[-1]), key.freq)
    pos = cal.get_indexer(pd.DatetimeIndex(periods))
    if (pos < 0).any():
        return None
    grid = np.full(len(cal), np.nan)
    grid[pos] = values
    observed = key.kind == "observed"
    is_count = observed and (bool(looks_like_counts(grid[None, :])[0]) if key.count is None else bool(key.count))
    panel = SeriesPanel(
        keys=pd.DataFrame({"region": [key.region], "indicator": [key.indicator], "group": [key.group],
                           "kind": [key.kind]}),
        periods=cal, freq=key.freq, values=grid[None, :], direction=np.array([key.direction]),
        threshold=np.array([key.threshold]), count=np.array([is_count]),
    )
    return panel, pos


__all__ = ["BAND_SPREADS", "FALLBACK_METHOD", "REASONS", "AlertMark", "FlagReason", "SeriesKey", "SeriesOverlay",
           "alerts_of_series", "forecast_overlay", "markers_overlay", "never_negative", "noted_events",
           "one_series_panel", "rules_for", "run_method", "series_key", "series_overlay",
           "single_period_threshold"]
