"""What the chart draws over a series: the baseline, the normal band and the threshold of the
rule that raises its alerts, the periods it flagged (with why), alert markers and notes.

The rule is the project's own (``ProjectSnapshot.rules``): the rule that raised the alert on
screen, else the one of the series' latest alert, else the rule that watches such series.
Its method runs again on this one series (a few milliseconds), so the chart shows what the
rule saw. For the shipped rules that is the *monitor*
(:mod:`workbench.models.detectors.state_monitor`):

* **baseline** - the monitor's normal level, frozen while an alert is open (a ramp is judged
  against the level before it began, and the chart shows exactly that);
* **normal band** - baseline +- 2 spreads (the monitor's spread: in counts for a count
  series), and never past the threshold: "normal" cannot reach into "alarming";
* **threshold** - the value one period alone needs to open an alert: the rule's
  single-period rarity (``point_p`` to the power of the rule's ``score_scale``), under a
  normal model for levels, or the negative binomial (at least Poisson) count model with the
  ``min_count`` margin for counts. An alert can also open on the EWMA of several
  raised periods below that line; a flagged period's tooltip says which of the two it was.

A codebook threshold is drawn as its own line. Only ``QCoreApplication.translate`` is used
from Qt here, so the module is tested headless.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication

from ui.bidi import numbers_ltr
from ui.snapshot import ProjectSnapshot
from ui.vocabulary import term

#: The method drawn when no rule of the project watches the series (and for custom rules
#: of threshold detectors without a baseline of their own).
FALLBACK_METHOD = "robust_z"
#: Half-width of the normal band, in the method's spreads.
BAND_SPREADS = 2.0


@dataclass
class SeriesOverlay:
    """Arrays aligned to the series' periods (NaN where unknown); markers at their own periods."""

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
    flagged_tips: list[str] = field(default_factory=list)
    alert_periods: np.ndarray = field(default_factory=lambda: np.empty(0, "datetime64[D]"))
    alert_values: np.ndarray = field(default_factory=lambda: np.empty(0))
    alert_tips: list[str] = field(default_factory=list)
    forecast_periods: np.ndarray = field(default_factory=lambda: np.empty(0, "datetime64[D]"))
    forecast_mean: np.ndarray = field(default_factory=lambda: np.empty(0))
    forecast_low: np.ndarray = field(default_factory=lambda: np.empty(0))
    forecast_high: np.ndarray = field(default_factory=lambda: np.empty(0))
    notes: list[tuple[np.datetime64, str]] = field(default_factory=list)


@dataclass
class _Series:
    """One series as the rules see it."""

    periods: np.ndarray
    values: np.ndarray
    freq: str
    keys: dict[str, str]
    direction: float
    fixed: float
    count: bool | None  # the codebook unit says count (True) / level (False); None: the data decide


_CACHE: OrderedDict[tuple, SeriesOverlay] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 64


def cached_overlay(snap: ProjectSnapshot, key: tuple, make: Callable[[], SeriesOverlay] | None = None
                   ) -> SeriesOverlay | None:
    """The overlay of ``key`` for this snapshot, made (and kept) with ``make`` when missing.

    Going back to a series or an alert seen a moment ago redraws it at once. Keyed by the
    snapshot object, so a reloaded project never gets an old project's lines; an overlay
    made before the detectors were loaded is not kept."""
    full = (id(snap), snap.path, *key)
    with _CACHE_LOCK:
        hit = _CACHE.get(full)
        if hit is not None:
            _CACHE.move_to_end(full)
            return hit
    if make is None:
        return None
    ov = make()
    if not ov.pending:
        with _CACHE_LOCK:
            _CACHE[full] = ov
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.popitem(last=False)
    return ov


def markers_overlay(snap: ProjectSnapshot, row: int) -> SeriesOverlay:
    """Alert markers, notes and the codebook line only: no detector runs (drawn at once)."""
    periods, values = snap.series_values(row)
    rec = snap.series.iloc[row]
    ov = SeriesOverlay(pending=not models_loaded())
    _add_markers(ov, snap, _stored_alerts(snap, rec), periods, values)
    fixed = _fixed(snap, int(rec["indicator_id"]))
    if np.isfinite(fixed):
        ov.fixed_threshold = np.full(values.size, fixed)
    return ov


def models_loaded() -> bool:
    """The detectors are imported (on a worker, :func:`ui.snapshot.warm_models`)."""
    return "workbench.models.signals" in sys.modules


def build_overlay(snap: ProjectSnapshot, row: int, rule: str | None = None) -> SeriesOverlay:
    """The overlay of a stored series; ``rule`` names the rule of the alert on screen."""
    periods, values = snap.series_values(row)
    rec = snap.series.iloc[row]
    direction, fixed, count = _codebook(snap, str(rec["indicator"]), int(rec["indicator_id"]))
    series = _Series(periods, values, str(rec["freq"]), {
        "region": str(rec["region"]), "indicator": str(rec["indicator"]), "group": str(rec["group"]),
        "kind": "observed"}, direction, fixed, count)
    return _build(snap, series, _stored_alerts(snap, rec), rule)


def _stored_alerts(snap: ProjectSnapshot, rec: pd.Series) -> pd.DataFrame:
    a = snap.alerts
    if a.empty:
        return a
    rows = _alert_rows(a).get((int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"])), [])
    return a.iloc[rows]


_INDEX_LOCK = threading.Lock()
_INDEX: dict[int, tuple[pd.DataFrame, dict]] = {}


def _alert_rows(alerts: pd.DataFrame) -> dict[tuple[int, int, str], list[int]]:
    """Positions of the observed-series alerts by (region, indicator, group), built once per
    alerts frame: filtering the whole frame for every chart cost ~20 ms a switch."""
    with _INDEX_LOCK:
        hit = _INDEX.get(id(alerts))
        if hit is not None and hit[0] is alerts:
            return hit[1]
    observed = np.flatnonzero(alerts["kind"].to_numpy() == "observed")
    keys = zip(alerts["region_id"].to_numpy()[observed], alerts["indicator_id"].to_numpy()[observed],
               alerts["grp"].to_numpy()[observed])
    index: dict[tuple[int, int, str], list[int]] = {}
    for pos, (r, i, g) in zip(observed, keys):
        index.setdefault((int(r), int(i), str(g)), []).append(int(pos))
    with _INDEX_LOCK:
        _INDEX.clear()  # one project at a time
        _INDEX[id(alerts)] = (alerts, index)
    return index


def build_derived_overlay(snap: ProjectSnapshot, region_id: int, indicator: str, periods: np.ndarray,
                          values: np.ndarray, freq: str, rule: str | None = None) -> SeriesOverlay:
    """The overlay of a derived between-group series (:mod:`ui.derived`): a wider gap or
    spread is worse whatever the indicator, so direction +1, no codebook threshold, never a count."""
    from ui.derived import split_name

    parts = split_name(indicator)
    kind = parts[1] if parts else "derived"
    series = _Series(periods, values, freq, {"region": snap.region_name(region_id), "indicator": indicator,
                                             "group": "", "kind": kind}, 1.0, np.nan, False)
    a = snap.alerts
    mine = a if a.empty else a[(a["region_id"] == region_id) & (a["indicator"] == indicator)]
    ov = _build(snap, series, mine, rule)
    if ov.band_low is not None:  # a gap, a spread or an index: never below zero
        ov.band_low = np.maximum(ov.band_low, 0.0)
    return ov


def _codebook(snap: ProjectSnapshot, key: str, indicator_id: int) -> tuple[float, float, bool | None]:
    ind = snap.indicators.loc[snap.indicators["id"] == indicator_id]
    direction = -1.0 if len(ind) and ind["direction"].iat[0] == "higher_is_better" else 1.0
    from workbench.models.series import count_units

    return direction, _fixed(snap, indicator_id), count_units(snap.indicators).get(key)


def _fixed(snap: ProjectSnapshot, indicator_id: int) -> float:
    """The codebook threshold of an indicator, NaN when it has none."""
    hit = snap.indicators.loc[snap.indicators["id"] == indicator_id, "threshold"]
    return float(hit.iat[0]) if len(hit) and pd.notna(hit.iat[0]) else np.nan


def _build(snap: ProjectSnapshot, s: _Series, mine: pd.DataFrame, rule: str | None) -> SeriesOverlay:
    ov = SeriesOverlay()
    _add_markers(ov, snap, mine, s.periods, s.values)
    if np.isfinite(s.fixed):
        ov.fixed_threshold = np.full(s.values.size, s.fixed)
    if not models_loaded():
        ov.pending = True  # ui.snapshot.warm_models is importing them; the chart redraws after
        return ov
    gridded = _one_series_panel(s.periods, s.values, s.freq, s.keys, s.direction, s.fixed, s.count)
    if gridded is None:
        return ov
    panel, pos = gridded
    chosen, reference = _rules_for(snap, panel, mine, rule)
    method = reference.methods[0] if reference is not None else FALLBACK_METHOD
    res = _run(panel, method, reference)
    ov.rule = chosen.name if chosen is not None else ""
    ov.method = method
    base, spread = res.baseline[0, pos], np.asarray(res.spread, float)[0, pos]
    thr = _single_period_threshold(res, s.direction)[0, pos] if method == "monitor" else np.asarray(res.threshold, float)[0, pos]
    if np.isfinite(base).any():
        ov.baseline = base
        ov.band_low, ov.band_high = _band(base, spread, thr, s.direction)
        if _never_negative(s.values):
            ov.band_low = np.maximum(ov.band_low, 0.0)
    if np.isfinite(thr).any() and method != "fixed":
        ov.threshold = thr
    _add_flags(ov, snap, s, mine, res, pos, method)
    return ov


def _rules_for(snap: ProjectSnapshot, panel: Any, mine: pd.DataFrame, wanted: str | None) -> tuple[Any, Any]:
    """(the rule whose alert is shown, the rule whose baseline is drawn).

    The baseline comes from a rule that has one: a fixed codebook limit has no baseline, so
    under a fixed-threshold alert the chart keeps the watching rule's baseline and band and
    draws the codebook line (always drawn when there is one)."""
    rules = [r for r in snap.rules if r.enabled and bool(r.series_mask(panel, snap.indicators)[0])]
    by_name = {r.name: r for r in snap.rules}
    chosen = by_name.get(wanted) if wanted else None
    if chosen is None and not mine.empty:
        chosen = by_name.get(str(mine.sort_values("last_period")["rule"].iat[-1]))
    if chosen is None and rules:
        chosen = rules[0]
    with_baseline = [r for r in ([chosen] if chosen is not None else []) + rules if r.methods[0] != "fixed"]
    return chosen, (with_baseline[0] if with_baseline else None)


def _run(panel: Any, method: str, rule: Any) -> Any:
    from workbench.models.signals import DEFAULT, DETECTORS

    params = dict(DEFAULT.get(method, {}))
    if method == "monitor" and rule is not None:
        params["scale"] = float(rule.score_scale)  # as alerts.monitor_episodes computes it for the rule
    return DETECTORS[method](panel, **params)


def _single_period_threshold(res: Any, direction: float) -> np.ndarray:
    """The value one period alone needs to open a monitor alert, in the indicator's units.

    Levels: ``baseline + spread * z`` with ``z`` the normal quantile of the rule's
    single-period rarity. Counts: the smallest count whose negative binomial (at least
    Poisson) tail under the baseline's mean and spread is that rare, and at least
    ``min_count`` above the mean - the two tests the monitor applies
    (``_Monitor.point_tail`` and ``big_enough``)."""
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


def _never_negative(values: np.ndarray) -> bool:
    """A series of counts, rates or shares: nothing below zero was ever reported.

    The band and the forecast interval are symmetric statistics; drawn below zero for such
    a series they show impossible values and squeeze the data into the top of the chart.
    """
    finite = values[np.isfinite(values)]
    return bool(finite.size) and bool((finite >= 0).all())


def _number(x: float) -> str:
    if not np.isfinite(x):
        return "–"
    if abs(x) >= 100 or float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:,.3g}" if abs(x) < 1 else f"{x:,.1f}"


def _one_in(p: float) -> str:
    if not np.isfinite(p) or p <= 0:
        return QCoreApplication.translate("SeriesOverlay", "one in a million or rarer")
    n = 1.0 / p
    if n >= 1e6:
        return QCoreApplication.translate("SeriesOverlay", "one in a million or rarer")
    rounded = float(f"{n:.2g}")
    return QCoreApplication.translate("SeriesOverlay", "one in %1").replace("%1", f"{rounded:,.0f}")


def _add_flags(ov: SeriesOverlay, snap: ProjectSnapshot, s: _Series, mine: pd.DataFrame, res: Any,
               pos: np.ndarray, method: str) -> None:
    """The flagged periods of the series' alerts, each with the reason it was flagged."""
    if mine.empty:
        return
    periods = s.periods.astype("datetime64[D]")
    inside = np.zeros(periods.size, bool)
    fixed_rule = np.zeros(periods.size, bool)
    rule_methods = {r.name: r.methods[0] for r in snap.rules}
    for a in mine.itertuples():
        if a.status in ("withdrawn",):
            continue
        span = (periods >= np.datetime64(str(a.first_period)[:10])) & (periods <= np.datetime64(str(a.last_period)[:10]))
        if rule_methods.get(str(a.rule)) == "fixed":
            fixed_rule |= span
        else:
            inside |= span
    flag = np.asarray(res.flag, bool)[0, pos] & inside & np.isfinite(s.values)
    with np.errstate(invalid="ignore"):
        past_fixed = (s.values * s.direction > s.fixed * s.direction) if np.isfinite(s.fixed) else np.zeros(periods.size, bool)
    fixed_flag = fixed_rule & past_fixed
    idx = np.flatnonzero(flag | fixed_flag)
    if not idx.size:
        return
    extra = res.extra
    base = np.asarray(res.baseline, float)[0, pos]
    spread = np.asarray(res.spread, float)[0, pos]
    z = np.asarray(extra.get("z", np.full_like(res.baseline, np.nan)), float)[0, pos] if method == "monitor" else None
    opened = np.asarray(extra["opened"], bool)[0, pos] if method == "monitor" else None
    point = np.asarray(extra["point_hit"], bool)[0, pos] if method == "monitor" else None
    p_point = np.asarray(extra["p_point"], float)[0, pos] if method == "monitor" else None
    ewma = np.asarray(extra["ewma_hit"], bool)[0, pos] if method == "monitor" else None
    tips = []
    for i in idx:
        when = str(periods[i])[:7]
        head = QCoreApplication.translate("SeriesOverlay", "%1: %2").replace("%1", when).replace("%2", _number(float(s.values[i])))
        lines = [head]
        if flag[i] and np.isfinite(base[i]):
            lines.append(QCoreApplication.translate("SeriesOverlay", "normal about %1 (± %2)").replace("%1", _number(float(base[i])))
                         .replace("%2", _number(float(BAND_SPREADS * spread[i]))))
        if flag[i] and method == "monitor":
            if opened[i] and point[i]:
                lines.append(QCoreApplication.translate("SeriesOverlay", "opened the alert: this period alone was rarer than %1")
                             .replace("%1", _one_in(float(p_point[i]))))
            elif opened[i]:
                lines.append(QCoreApplication.translate("SeriesOverlay", "opened the alert: the recent periods together (EWMA) passed the limit"))
            elif point[i]:
                lines.append(QCoreApplication.translate("SeriesOverlay", "kept the alert open: rarer than %1 on its own").replace("%1", _one_in(float(p_point[i]))))
            elif ewma[i]:
                # The value itself may be back near normal: the recent periods together are not.
                lines.append(QCoreApplication.translate(
                    "SeriesOverlay", "kept the alert open: the recent periods together (EWMA) are still past the limit"))
            else:
                lines.append(QCoreApplication.translate("SeriesOverlay", "kept the alert open: still %1 spreads above normal")
                             .replace("%1", f"{float(z[i]):.1f}" if np.isfinite(z[i]) else "–"))
        elif flag[i]:
            lines.append(QCoreApplication.translate("SeriesOverlay", "flagged by %1").replace("%1", method))
        if fixed_flag[i]:
            lines.append(QCoreApplication.translate("SeriesOverlay", "past the codebook threshold %1").replace("%1", _number(float(s.fixed))))
        tips.append(numbers_ltr("\n".join(lines)))
    ov.flagged_periods = periods[idx]
    ov.flagged_values = s.values[idx]
    ov.flagged_tips = tips


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
    gridded = _one_series_panel(periods, values, rec["freq"], keys, direction, np.nan, None)
    return None if gridded is None else gridded[0]


def _one_series_panel(periods: np.ndarray, values: np.ndarray, freq: str, keys: dict, direction: float,
                      fixed: float, count: bool | None) -> tuple[object, np.ndarray] | None:
    """A one-series panel on the regular calendar (gaps as NaN) and where the values sit in
    it; None for weekly data, fewer than three values, or periods off the calendar. Whether
    it is a count follows the run (:func:`workbench.models.series.to_panel`): the codebook
    unit, else the data."""
    from workbench.models.panel import SeriesPanel, looks_like_counts
    from workbench.models.series import calendar

    if freq not in ("M", "Q", "Y") or values.size < 3:
        return None
    cal = calendar(pd.Timestamp(periods[0]), pd.Timestamp(periods[-1]), freq)
    pos = cal.get_indexer(pd.DatetimeIndex(periods))
    if (pos < 0).any():
        return None
    grid = np.full(len(cal), np.nan)
    grid[pos] = values
    observed = keys.get("kind") == "observed"
    is_count = observed and (bool(looks_like_counts(grid[None, :])[0]) if count is None else bool(count))
    panel = SeriesPanel(
        keys=pd.DataFrame({k: [v] for k, v in keys.items()}),
        periods=cal, freq=freq, values=grid[None, :], direction=np.array([direction]),
        threshold=np.array([fixed]), count=np.array([is_count]),
    )
    return panel, pos


_NOTES: dict[int, tuple[pd.DataFrame, pd.DataFrame]] = {}


def _notes(events: pd.DataFrame) -> pd.DataFrame:
    """The events that carry a note someone wrote (not the runs'), once per events frame."""
    with _INDEX_LOCK:
        hit = _NOTES.get(id(events))
        if hit is not None and hit[0] is events:
            return hit[1]
    if events.empty:
        noted = events
    else:
        noted = events[events["note"].notna() & (events["kind"] != "run")
                       & (events["note"].astype(str).str.strip() != "")]
    with _INDEX_LOCK:
        _NOTES.clear()
        _NOTES[id(events)] = (events, noted)
    return noted


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
        f"#{r.id} {term(str(r.severity))} · {term(str(r.status))} · {r.rule}\n{r.explanation}" for r in mine.itertuples()
    ]
    noted = _notes(snap.events)
    if noted.empty:
        return
    notes = noted[noted["alert_id"].isin(mine["id"])]
    last = dict(zip(mine["id"], pd.to_datetime(mine["last_period"]).to_numpy().astype("datetime64[D]")))
    for r in notes.itertuples():
        ov.notes.append((last[r.alert_id], f"{r.actor}: {r.note}"))
