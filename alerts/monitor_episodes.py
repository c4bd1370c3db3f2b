"""Episodes of a stateful method (the monitor): it opened, ended and rebased them itself.

The run-length logic of :func:`alerts.episodes.find_episodes` is for methods that judge each
period alone. The monitor already decided when an alert opens, how long it stays open, when
it ends and when it becomes a protracted situation; this module reads those decisions from
its result (``extra["opened"]``, ``"ended"``, ``"protracted"``) and writes the summary a
team reads: severity on the bounded score scale, and a first sentence in plain words about
the latest and the peak period.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from alerts.episodes import (
    _BIG, Episode, EpisodeIndex, KeyRows, RuleEvaluation, display_unit, next_flag_index, subject,
)
from alerts.rules import SEVERITIES, Rule
from alerts.wording import FREQ_WORD, about, format_period, rarity, span_words, with_unit
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.signals import DETECTORS

#: An episode is corroborated - and may be high - when it was flagged in at least this many
#: periods: one extreme period is a spike, three are a situation.
CORROBORATING_PERIODS = 3


def episodes_from_state(res: DetectorResult, mask: np.ndarray) -> EpisodeIndex:
    """One episode per opening of the stateful method on the rule's series."""
    opened = np.asarray(res.extra["opened"], bool) & mask[:, None]
    close = np.asarray(res.extra["ended"], bool) | np.asarray(res.extra["protracted"], bool)
    n, t = opened.shape
    rows, starts = np.nonzero(opened)
    if not rows.size:
        empty = np.zeros(0, dtype=np.int64)
        return EpisodeIndex(empty, empty, empty, empty)
    close_at = np.minimum(next_flag_index(close)[rows, starts], t - 1)
    flags = np.asarray(res.flag, bool)
    last_flag = np.maximum.accumulate(np.where(flags, np.arange(t)[None, :], -1), axis=1)
    ends = np.maximum(last_flag[rows, close_at], starts)
    return EpisodeIndex(rows.astype(np.int64), starts.astype(np.int64), ends.astype(np.int64),
                        starts.astype(np.int64))


class StatefulEvaluation(RuleEvaluation):
    """A rule whose one method is stateful: its episodes are the method's own alerts."""

    def __init__(
        self,
        rule: Rule,
        panel: SeriesPanel,
        signals: Mapping[str, DetectorResult],
        codebook: pd.DataFrame | None = None,
    ) -> None:
        self.rule = rule
        self.panel = panel
        self.codebook = codebook
        self._units = None
        self._names: dict[str, str] | None = None
        self._keys = KeyRows(panel.keys)
        method = rule.methods[0]
        res = signals.get(method)
        if res is None or float(res.params.get("scale", 1.0)) != float(rule.score_scale):
            # The rule's scale moves the monitor's own thresholds, so it is computed for it.
            base = dict(res.params) if res is not None else {}
            res = DETECTORS[method](panel, **{**base, "scale": float(rule.score_scale)})
        self.signals = {method: res}
        self.reference = None
        mask = rule.series_mask(panel, codebook)
        self.method_flags = {method: np.asarray(res.flag, bool) & mask[:, None]}
        self.flags = self.method_flags[method]
        self.excess = np.where(mask[:, None], np.asarray(res.score, float), np.nan)
        self.index = episodes_from_state(res, mask)
        self._close = np.asarray(res.extra["ended"], bool) | np.asarray(res.extra["protracted"], bool)
        self._next_close = next_flag_index(self._close)
        # Looked up once per panel, not per episode (a run summarizes tens of thousands):
        # each period's ISO date and words, each series' last period with a value.
        periods, freq = panel.periods, panel.freq
        self._iso = [p.date().isoformat() for p in periods]
        self._words = [format_period(p, freq) for p in periods]
        self._through: dict[int, str] = {}
        finite = np.isfinite(panel.values)
        t = finite.shape[1]
        self._series_last = np.where(finite.any(axis=1), t - 1 - np.argmax(finite[:, ::-1], axis=1), t - 1)
        self._arrays = {"score": np.asarray(res.score, float), "baseline": np.asarray(res.baseline, float),
                        "spread": np.asarray(res.spread, float), "threshold": np.asarray(res.threshold, float),
                        **{k: np.asarray(res.extra[k], float) for k in ("z", "ewma", "p_point")},
                        **{k: np.asarray(res.extra[k], bool) for k in ("ewma_hit", "point_hit", "protracted",
                                                                          "count")}}

    @property
    def result(self) -> DetectorResult:
        return next(iter(self.signals.values()))

    def summarize(self, row: int, start: int, end: int, opened: int | None = None) -> Episode | None:
        res = self.result
        flagged = np.flatnonzero(self.flags[row, start:end + 1]) + start
        if not flagged.size:
            return None
        start, end = int(flagged[0]), int(flagged[-1])
        arr = self._arrays
        scores = arr["score"][row, flagged]
        score = float(np.nanmax(scores)) if np.isfinite(scores).any() else 0.0
        # The peak is the worst value (the latest of equals): what a person calls the peak,
        # while the score (capped) says how rare the rarest moment was.
        worse = (self.panel.values[row] * self.panel.direction[row])[flagged]
        peak = int(flagged[len(worse) - 1 - int(np.nanargmax(worse[::-1]))]) if np.isfinite(worse).any() else end
        t = self.panel.values.shape[1]
        close = int(self._next_close[row, start])
        closed = close < _BIG
        protracted = closed and bool(arr["protracted"][row, close])
        components = self._components(row, start, end)
        z = arr["z"][row, flagged]
        excess = float(np.nanmax(z)) if np.isfinite(z).any() else 0.0
        severity = self._severity(excess, flagged.size)
        series_last = int(self._series_last[row])
        keys = self._keys[row]
        iso = lambda i: self._iso[min(i, t - 1)]  # noqa: E731
        active_through = None if closed else self._active_through(end)
        details: dict[str, Any] = {
            "flagged_periods": int(flagged.size),
            "methods": ["monitor"],
            "signals": components,
            "peak_value": _num(self.panel.values[row, peak]),
            "latest_value": _num(self.panel.values[row, end]),
            "baseline": _num(arr["baseline"][row, peak]),
            "spread": _num(arr["spread"][row, peak]),
            "threshold": _num(arr["threshold"][row, start]),
            "rarity": rarity(score, self.panel.freq),
            "excess": round(excess, 3),
            "count_model": bool(arr["count"][row, 0]),
            "series_last_period": iso(series_last),
            "active_through": active_through,
            "ended_period": iso(close) if closed and not protracted else None,
            "protracted_period": iso(close) if protracted else None,
        }
        return Episode(
            rule=self.rule.name,
            region=str(keys["region"]),
            indicator=str(keys["indicator"]),
            group=str(keys["group"] or ""),
            kind=str(keys["kind"]),
            freq=self.panel.freq,
            first_period=iso(start),
            last_period=iso(end),
            peak_period=iso(peak),
            opened_period=iso(opened if opened is not None else start),
            score=round(score, 3),
            severity=severity,
            method="monitor",
            explanation=self.explain_state(row, start, end, peak, score, components, flagged.size,
                                           close if protracted else None),
            details=details,
        )

    # -- parts of the summary -----------------------------------------------------------------
    def _active_through(self, end: int) -> str:
        """The last period an open alert ending at ``end`` counts as active (quiet periods on)."""
        text = self._through.get(end)
        if text is None:
            quiet = int(self.result.params.get("quiet", 1))
            text = self._through[end] = _shift(self.panel.periods[end], self.panel.freq, quiet - 1).date().isoformat()
        return text

    def _components(self, row: int, start: int, end: int) -> list[str]:
        arr = self._arrays
        out = []
        if arr["ewma_hit"][row, start:end + 1].any():
            out.append("ewma")
        if arr["point_hit"][row, start:end + 1].any():
            out.append("single_period")
        return out

    def _severity(self, excess: float, n_flagged: int) -> str:
        """High is rare: large (the peak ``severity_bands[1]`` spreads or more above normal)
        *and* corroborated (flagged in :data:`CORROBORATING_PERIODS` periods or more); medium is
        ``severity_bands[0]`` spreads or more; low the rest (a single unusual period)."""
        lo, hi = self.rule.severity_bands
        if excess >= hi and n_flagged >= CORROBORATING_PERIODS:
            return SEVERITIES[2]
        if excess >= lo:
            return SEVERITIES[1]
        return SEVERITIES[0]

    def explain_state(self, row: int, start: int, end: int, peak: int, score: float, components: list[str],
                      n_flagged: int, protracted_at: int | None) -> str:
        """'Fatalities in Khartoum: 543 in Dec 2025; normally about 5 a month; the highest in 10
        years.' then the signals that fired and how long it has been flagged."""
        res = self.result
        arr = self._arrays
        label = self._words
        keys = self._keys[row]
        freq = self.panel.freq
        word = FREQ_WORD.get(freq, "period")
        kind = str(keys["kind"])
        count = bool(arr["count"][row, 0]) and kind == "observed"
        unit = display_unit(self._unit(str(keys["indicator"])), kind)
        worse_up = self.panel.direction[row] > 0
        values = self.panel.values[row]
        name = self._name(str(keys["indicator"]))
        if kind == "observed":
            who = name + (f" ({keys['group']})" if keys["group"] else "")
            verb = "rose" if worse_up else "fell"
        else:
            who, verb = subject(name + str(keys["indicator"])[len(str(keys["indicator"]).split(":")[0]):],
                                "", kind, worse_up)
            who = who[0].upper() + who[1:]
        base = float(arr["baseline"][row, peak])
        latest, top = float(values[end]), float(values[peak])
        normally = f"normally {about(base, count, unit)}" + (f" a {word}" if count else "")
        z_latest = float(arr["z"][row, end])
        if count:
            first = f"{who} in {keys['region']}: {with_unit(latest, unit, True)} in {label[end]}"
        elif peak != end and np.isfinite(z_latest) and z_latest <= res.params.get("cont", 1.0):
            # The latest period is back near normal; the alert is kept open by the months before.
            first = (f"{who} in {keys['region']} was back to {with_unit(latest, unit)} in "
                     f"{label[end]}")
        else:
            first = f"{who} in {keys['region']} {verb} to {with_unit(latest, unit)} in {label[end]}"
        rare = self._record(row, peak, worse_up) or rarity(score, freq)
        if peak != end:
            first += f"; {normally}; the peak, {with_unit(top, unit, count)} in {label[peak]}, was {rare}"
        else:
            first += f"; {normally}; {rare}"
        width = res.params.get("count_window") if count and res.params.get("count_window") else res.params.get("window", 0)
        guard = res.params.get("count_guard") if count and res.params.get("count_guard") else res.params.get("guard", 0)
        before = int(np.isfinite(values[: max(start - int(guard) + 1, 0)]).sum())
        window = max(1, min(int(width), before))  # the baseline is never longer than the history
        spread = float(arr["spread"][row, peak])
        signals = []
        if "ewma" in components:
            z = arr["ewma"][row, start:end + 1]
            signals.append(f"recent {word}s averaged up to {np.nanmax(z):.1f} spreads above the "
                           f"{span_words(window, freq, adjective=True)} baseline (EWMA)")
        if "single_period" in components:
            hits = arr["point_hit"][row, start:end + 1]
            p = arr["p_point"][row, start:end + 1][hits]
            at = start + int(np.flatnonzero(hits)[int(np.nanargmin(p))])
            model = "a negative binomial count model" if count else "a normal model"
            point_score = float(-np.log10(max(np.nanmin(p), 1e-9)))
            signals.append(f"{label[at]} alone was {rarity(point_score, freq)} under {model}")
        detail = "monitor: " + "; ".join(signals) if signals else "monitor"
        if np.isfinite(spread) and not count:
            detail += f"; usual spread {with_unit(spread, unit)}"
        when = label[start]
        if end > start:
            when += f" to {label[end]}"
        tail = f"flagged in {n_flagged} {word}{'s' if n_flagged != 1 else ''} ({when})"
        text = f"{first}. {detail[0].upper() + detail[1:]}; {tail}"
        if protracted_at is not None:
            text += (f"; a protracted situation since {label[protracted_at]}: "
                     "that level is now its baseline, and only a further rise opens a new alert")
        return text

    def _record(self, row: int, peak: int, worse_up: bool) -> str | None:
        """'the highest in 10 years' when the peak is the worst value of the series so far."""
        hist = self.panel.values[row, :peak]
        valid = np.isfinite(hist)
        if valid.sum() < 12 or not np.isfinite(self.panel.values[row, peak]):
            return None
        v = self.panel.values[row, peak]
        worst = np.nanmax(hist) if worse_up else np.nanmin(hist)
        if (worse_up and v <= worst) or (not worse_up and v >= worst):
            return None
        first = int(np.flatnonzero(valid)[0])
        return f"the {'highest' if worse_up else 'lowest'} in {span_words(peak - first + 1, self.panel.freq)}"


def _shift(ts: pd.Timestamp, freq: str, periods: int) -> pd.Timestamp:
    if periods <= 0:
        return ts
    if freq == "W":
        return ts + pd.Timedelta(days=7 * periods)
    if freq == "D":
        return ts + pd.Timedelta(days=periods)
    months = {"M": 1, "Q": 3, "Y": 12}.get(freq, 1) * periods
    return ts + pd.DateOffset(months=months)


def _num(x: float) -> float | None:
    return round(float(x), 6) if np.isfinite(x) else None
