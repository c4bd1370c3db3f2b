"""The chart's overlay for a series of the open project: :mod:`alerts.overlay` fed from the
snapshot, and its reasons put into the user's language.

The computing - the rule's baseline, band and threshold, the flagged periods and why, the
markers - is :func:`alerts.overlay.series_overlay`; here the snapshot's series, codebook,
rules, alerts and notes are looked up for it (indexed once per frame: filtering the whole
alerts frame for every chart cost ~20 ms a switch), overlays are kept for a moment so going
back to a series redraws it at once, and the tooltips are worded. The detectors are
imported on a worker at start-up (:func:`ui.snapshot.warm_models`); until they are, the
chart is drawn with its markers and redrawn after, so the GUI thread never waits for scipy.
Only ``QCoreApplication.translate`` is used from Qt here, so the module is tested headless.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from typing import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from alerts import overlay as core
from alerts.overlay import SeriesKey, SeriesOverlay
from ui.bidi import numbers_ltr
from ui.snapshot import ProjectSnapshot
from ui.vocabulary import method_name, rule_name, term

__all__ = ["SeriesOverlay", "build_derived_overlay", "build_overlay", "cached_overlay", "markers_overlay",
           "models_loaded", "series_forecast"]

_CACHE: OrderedDict[tuple, SeriesOverlay] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 64


def cached_overlay(snap: ProjectSnapshot, key: tuple, make: Callable[[], SeriesOverlay] | None = None
                   ) -> SeriesOverlay | None:
    """The overlay of ``key`` for this snapshot, made (and kept) with ``make`` when missing.

    Going back to a series or an alert seen a moment ago redraws it at once. Keyed by the
    snapshot object and its alerts' generation, so a reloaded project never gets an old
    project's lines and a decision's new status shows; an overlay made before the detectors
    were loaded is not kept."""
    full = (id(snap), snap.path, snap.alerts_generation, *key)
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


def models_loaded() -> bool:
    """The detectors are imported (on a worker, :func:`ui.snapshot.warm_models`)."""
    return "workbench.models.signals" in sys.modules


def _key(snap: ProjectSnapshot, row: int) -> SeriesKey:
    rec = snap.series.iloc[row]
    return core.series_key(snap.indicators, str(rec["region"]), int(rec["indicator_id"]), str(rec["group"]),
                           str(rec["freq"]))


def markers_overlay(snap: ProjectSnapshot, row: int) -> SeriesOverlay:
    """Alert markers, notes and the codebook line only: no detector runs (drawn at once)."""
    periods, values = snap.series_values(row)
    ov = core.markers_overlay(periods, values, _key(snap, row), _stored_alerts(snap, row), _notes(snap.events))
    ov.pending = not models_loaded()
    return _worded(ov)


def build_overlay(snap: ProjectSnapshot, row: int, rule: str | None = None) -> SeriesOverlay:
    """The overlay of a stored series; ``rule`` names the rule of the alert on screen."""
    periods, values = snap.series_values(row)
    key, mine, notes = _key(snap, row), _stored_alerts(snap, row), _notes(snap.events)
    if not models_loaded():  # ui.snapshot.warm_models is importing them; the chart redraws after
        ov = core.markers_overlay(periods, values, key, mine, notes)
        ov.pending = True
    else:
        ov = core.series_overlay(periods, values, key, mine, notes, snap.rules, snap.indicators, rule=rule)
    return _worded(ov)


def build_derived_overlay(snap: ProjectSnapshot, region_id: int, indicator: str, periods: np.ndarray,
                          values: np.ndarray, freq: str, rule: str | None = None) -> SeriesOverlay:
    """The overlay of a derived between-group series (:mod:`ui.derived`): a wider gap or
    spread is worse whatever the indicator, so direction +1, no codebook threshold, never a
    count and never below zero."""
    from ui.derived import split_name

    parts = split_name(indicator)
    key = SeriesKey(snap.region_name(region_id), indicator, "", parts[1] if parts else "derived", freq, 1.0, np.nan,
                    False)
    mine = core.alerts_of_series(snap.alerts, region_id, indicator, kind=None)
    notes = _notes(snap.events)
    if not models_loaded():
        ov = core.markers_overlay(periods, values, key, mine, notes)
        ov.pending = True
    else:
        ov = core.series_overlay(periods, values, key, mine, notes, snap.rules, snap.indicators, rule=rule,
                                 never_below_zero=True)
    return _worded(ov)


def series_forecast(snap: ProjectSnapshot, row: int, horizon: int = 6, *, progress: object = None,
                    cancel: object = None) -> SeriesOverlay | None:
    """Six periods ahead with a 90 % interval (Holt, the models' fast path), or None.

    About a tenth of a second per series, so the chart asks for it on the task runner
    after drawing the series, instead of making the switch wait.
    """
    periods, values = snap.series_values(row)
    k = _key(snap, row)
    return core.forecast_overlay(periods, values, SeriesKey(k.region, k.indicator, k.group, k.kind, k.freq,
                                                            k.direction, np.nan), horizon)


# -- looking the series' alerts and notes up, once per frame ----------------------------------
_INDEX_LOCK = threading.Lock()
_INDEX: dict[int, tuple[pd.DataFrame, dict]] = {}
_NOTES: dict[int, tuple[pd.DataFrame, pd.DataFrame]] = {}


def _stored_alerts(snap: ProjectSnapshot, row: int) -> pd.DataFrame:
    a = snap.alerts
    if a.empty:
        return a
    rec = snap.series.iloc[row]
    rows = _alert_rows(a).get((int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"])), [])
    return a.iloc[rows]


def _alert_rows(alerts: pd.DataFrame) -> dict[tuple[int, int, str], list[int]]:
    """Positions of the observed-series alerts by (region, indicator, group), built once per
    alerts frame (a decision's re-read makes a new frame, so a new index)."""
    with _INDEX_LOCK:
        hit = _INDEX.get(id(alerts))
        if hit is not None and hit[0] is alerts:
            return hit[1]
    observed = np.flatnonzero(alerts["kind"].to_numpy() == "observed")
    keys = zip(alerts["region_id"].to_numpy()[observed], alerts["indicator_id"].to_numpy()[observed],
               alerts["group"].to_numpy()[observed])
    index: dict[tuple[int, int, str], list[int]] = {}
    for pos, (r, i, g) in zip(observed, keys):
        index.setdefault((int(r), int(i), str(g)), []).append(int(pos))
    with _INDEX_LOCK:
        _INDEX.clear()  # one project at a time
        _INDEX[id(alerts)] = (alerts, index)
    return index


def _notes(events: pd.DataFrame) -> pd.DataFrame:
    """:func:`alerts.overlay.noted_events`, once per events frame."""
    with _INDEX_LOCK:
        hit = _NOTES.get(id(events))
        if hit is not None and hit[0] is events:
            return hit[1]
    noted = core.noted_events(events)
    with _INDEX_LOCK:
        _NOTES.clear()
        _NOTES[id(events)] = (events, noted)
    return noted


# -- the words ---------------------------------------------------------------------------------
def _worded(ov: SeriesOverlay) -> SeriesOverlay:
    """The hover texts of the markers and flagged periods, in the language shown."""
    ov.alert_tips = [f"#{m.id} {term(m.severity)} · {term(m.status)} · {rule_name(m.rule)}\n{m.explanation}"
                     for m in ov.alert_marks]
    ov.flagged_tips = [_flag_tip(r) for r in ov.flag_reasons]
    return ov


def _number(x: float) -> str:
    if not np.isfinite(x):
        return "–"
    if abs(x) >= 100 or float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:,.3g}" if abs(x) < 1 else f"{x:,.1f}"


def _tr(text: object) -> str:
    """``text`` is a ``QT_TRANSLATE_NOOP`` constant (a str; typed ``object`` by PySide6)."""
    return QCoreApplication.translate(_CONTEXT, str(text))


_CONTEXT = "SeriesOverlay"
#: What a flagged period did, by :data:`alerts.overlay.REASONS` (``%1``: how rare, how far, or
#: the method).
_REASON_TEXT = {
    core.OPENED_ALONE: QT_TRANSLATE_NOOP("SeriesOverlay", "opened the alert: this period alone was rarer than %1"),
    core.OPENED_TOGETHER: QT_TRANSLATE_NOOP(
        "SeriesOverlay", "opened the alert: the recent periods together (EWMA) passed the limit"),
    core.KEPT_ALONE: QT_TRANSLATE_NOOP("SeriesOverlay", "kept the alert open: rarer than %1 on its own"),
    # The value itself may be back near normal: the recent periods together are not.
    core.KEPT_TOGETHER: QT_TRANSLATE_NOOP(
        "SeriesOverlay", "kept the alert open: the recent periods together (EWMA) are still past the limit"),
    core.KEPT_ABOVE: QT_TRANSLATE_NOOP("SeriesOverlay", "kept the alert open: still %1 spreads above normal"),
    core.FLAGGED: QT_TRANSLATE_NOOP("SeriesOverlay", "flagged by %1"),
}
_ONE_IN_A_MILLION = QT_TRANSLATE_NOOP("SeriesOverlay", "one in a million or rarer")
_ONE_IN = QT_TRANSLATE_NOOP("SeriesOverlay", "one in %1")
_VALUE = QT_TRANSLATE_NOOP("SeriesOverlay", "%1: %2")
_NORMAL = QT_TRANSLATE_NOOP("SeriesOverlay", "normal about %1 (± %2)")
_PAST_FIXED = QT_TRANSLATE_NOOP("SeriesOverlay", "past the codebook threshold %1")


def _one_in(p: float) -> str:
    if not np.isfinite(p) or p <= 0 or 1.0 / p >= 1e6:
        return _tr(_ONE_IN_A_MILLION)
    rounded = float(f"{1.0 / p:.2g}")
    return _tr(_ONE_IN).replace("%1", f"{rounded:,.0f}")


def _flag_tip(r: core.FlagReason) -> str:
    """Why a period is drawn as flagged: its value, the normal it was judged against, what
    it did to the alert (:data:`alerts.overlay.REASONS`) and the codebook threshold passed."""
    lines = [_tr(_VALUE).replace("%1", str(r.period)[:7]).replace("%2", _number(r.value))]
    if r.reason is not None and np.isfinite(r.baseline):
        lines.append(_tr(_NORMAL).replace("%1", _number(r.baseline)).replace("%2", _number(r.band)))
    if r.reason is not None:
        arg = {core.OPENED_ALONE: _one_in(r.rarity), core.KEPT_ALONE: _one_in(r.rarity),
               core.KEPT_ABOVE: f"{r.spreads:.1f}" if np.isfinite(r.spreads) else "–",
               core.FLAGGED: method_name(r.method)}.get(r.reason, "")
        lines.append(_tr(_REASON_TEXT[r.reason]).replace("%1", arg))
    if np.isfinite(r.fixed):
        lines.append(_tr(_PAST_FIXED).replace("%1", _number(r.fixed)))
    return numbers_ltr("\n".join(lines))
