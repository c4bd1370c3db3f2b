"""Episodes of a stateful method (the monitor): it opened, ended and rebased them itself.

The run-length logic of :func:`alerts.episodes.find_episodes` is for methods that judge each
period alone. The monitor already decided when an alert opens, how long it stays open, when
it ends and when it becomes a protracted situation; this module reads those decisions from
its result (``extra["opened"]``, ``"ended"``, ``"protracted"``) and writes the summary a
team reads: severity on the bounded score scale, and a first sentence in plain words about
the latest and the peak period.
"""

from __future__ import annotations

import warnings
from typing import Any, Mapping

import numpy as np
import pandas as pd

from alerts.episodes import (
    Episode, EpisodeIndex, KeyRows, RuleEvaluation, display_unit, explain_parts, next_flag_index, number, subject,
    subject_spec,
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
        self._mask = mask
        self.index = episodes_from_state(res, mask)
        close = np.asarray(res.extra["ended"], bool) | np.asarray(res.extra["protracted"], bool)
        # Each period's next closing period (the number of periods where none follows), in
        # int32: at 200,000 series an int64 matrix per rule is 190 MB.
        t = close.shape[1]
        later = np.where(close, np.arange(t, dtype=np.int32)[None, :], np.int32(t))
        self._next_close = np.minimum.accumulate(later[:, ::-1], axis=1)[:, ::-1]
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
    def excess(self) -> np.ndarray:  # type: ignore[override]
        """The monitor's score on the rule's series (NaN elsewhere), made when asked for."""
        return np.where(self._mask[:, None], np.asarray(self.result.score, float), np.nan)

    @property
    def result(self) -> DetectorResult:
        return next(iter(self.signals.values()))

    def summarize(self, row: int, start: int, end: int, opened: int | None = None) -> Episode | None:
        nums = self._numbers(np.array([row], np.int64), np.array([start], np.int64), np.array([end], np.int64))
        return self._episode(nums, 0, -1 if opened is None else int(opened))

    def summarize_many(self, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                       opened: np.ndarray) -> list[Episode | None]:
        """:meth:`summarize` of many episodes (``opened`` -1: the first flagged period): the
        numbers of all of them are gathered with array operations (:meth:`_numbers`), then each
        episode's words are written."""
        out: list[Episode | None] = []
        step = 8_192  # episodes per batch: the gathers are (episodes x periods) arrays
        for lo in range(0, len(rows), step):
            sl = slice(lo, lo + step)
            nums = self._numbers(np.asarray(rows[sl], np.int64), np.asarray(starts[sl], np.int64),
                                 np.asarray(ends[sl], np.int64))
            for i, o in enumerate(np.asarray(opened[sl]).tolist()):
                out.append(self._episode(nums, i, o))
        return out

    def _numbers(self, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> dict[str, Any]:
        """Per episode: its flagged periods' count, first and last, score, peak, excess, how it
        closed, which signals fired, and what the explanation quotes (as lists)."""
        arr = self._arrays
        values = self.panel.values
        n_t = values.shape[1]
        span = max(int((ends - starts).max()) + 1, 1) if len(rows) else 1  # an empty range: no episode
        cols = starts[:, None] + np.arange(span)[None, :]
        inside = cols <= ends[:, None]
        cols = np.minimum(cols, n_t - 1)
        r2 = rows[:, None]
        fl = self.flags[r2, cols] & inside
        count = fl.sum(axis=1)
        has = count > 0
        first = starts + np.argmax(fl, axis=1)
        last = starts + span - 1 - np.argmax(fl[:, ::-1], axis=1)
        first = np.where(has, first, starts)
        last = np.where(has, last, ends)
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            sc = np.where(fl, arr["score"][r2, cols], np.nan)
            score = np.where(np.isfinite(sc).any(axis=1), np.nanmax(sc, axis=1), 0.0)
            worse = np.where(fl, values[r2, cols] * self.panel.direction[r2], np.nan)
            finite_w = np.isfinite(worse).any(axis=1)
            top = np.nanmax(worse, axis=1)
            is_top = worse == top[:, None]
            peak = np.where(finite_w, starts + span - 1 - np.argmax(is_top[:, ::-1], axis=1), last)
            zz = np.where(fl, arr["z"][r2, cols], np.nan)
            excess = np.where(np.isfinite(zz).any(axis=1), np.nanmax(zz, axis=1), 0.0)
            within = (cols >= first[:, None]) & (cols <= last[:, None]) & inside
            ewma_fired = (arr["ewma_hit"][r2, cols] & within).any(axis=1)
            point_fired = (arr["point_hit"][r2, cols] & within).any(axis=1)
            ewma_top = np.nanmax(np.where(within, arr["ewma"][r2, cols], np.nan), axis=1)
        close = self._next_close[rows, first].astype(np.int64)
        # An episode ends (or turns protracted) only within its series' own data: periods after
        # the series' last value exist because other series of the panel go on, and counting
        # them as quiet (or as months still open) would let unrelated files decide its fate.
        closed = (close < n_t) & (close <= self._series_last[rows])
        prot = closed & arr["protracted"][rows, np.minimum(close, n_t - 1)]
        # The history before each episode: values seen before its peak and before its baseline.
        hist = values[rows]
        finite = np.isfinite(hist)
        before_peak = np.arange(n_t)[None, :] < peak[:, None]
        seen = (finite & before_peak).sum(axis=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            hist_hi = np.nanmax(np.where(before_peak, hist, np.nan), axis=1)
            hist_lo = np.nanmin(np.where(before_peak, hist, np.nan), axis=1)
        first_valid = np.argmax(finite, axis=1)
        cnt = arr["count"][rows, 0]
        p = self.result.params
        guard = np.array([int(p["count_guard"] if c and p.get("count_guard") else p.get("guard", 0))
                          for c in cnt.tolist()], dtype=np.int64)
        upto = np.maximum(first - guard + 1, 0)
        before = (finite & (np.arange(n_t)[None, :] < upto[:, None])).sum(axis=1)
        return {k: v.tolist() for k, v in {
            "row": rows, "count": count, "has": has, "first": first, "last": last, "score": score, "peak": peak,
            "excess": excess, "close": close, "closed": closed, "prot": prot, "ewma_fired": ewma_fired,
            "point_fired": point_fired, "ewma_top": ewma_top, "seen": seen, "hist_hi": hist_hi, "hist_lo": hist_lo,
            "first_valid": first_valid, "before": before, "count_model": cnt,
            "peak_value": values[rows, peak], "last_value": values[rows, last],
            "baseline": arr["baseline"][rows, peak], "spread": arr["spread"][rows, peak],
            "threshold": arr["threshold"][rows, first], "z_last": arr["z"][rows, last],
        }.items()}

    def _episode(self, nums: dict[str, list], i: int, opened: int) -> Episode | None:
        if not nums["has"][i]:
            return None
        row, start, end, peak = nums["row"][i], nums["first"][i], nums["last"][i], nums["peak"][i]
        score, excess, n_flagged = nums["score"][i], nums["excess"][i], nums["count"][i]
        t = self.panel.values.shape[1]
        close = nums["close"][i]
        closed = nums["closed"][i]
        protracted = nums["prot"][i]
        components = (["ewma"] if nums["ewma_fired"][i] else []) + (["single_period"] if nums["point_fired"][i] else [])
        severity = self._severity(excess, n_flagged)
        series_last = int(self._series_last[row])
        keys = self._keys[row]
        iso = lambda k: self._iso[min(k, t - 1)]  # noqa: E731
        active_through = None if closed else self._active_through(end)
        parts: dict[str, Any] = {}  # the explanation's parts, filled by explain_state()
        details: dict[str, Any] = {
            "flagged_periods": int(n_flagged),
            "methods": ["monitor"],
            "signals": components,
            "peak_value": _num(nums["peak_value"][i]),
            "latest_value": _num(nums["last_value"][i]),
            "baseline": _num(nums["baseline"][i]),
            "spread": _num(nums["spread"][i]),
            "threshold": _num(nums["threshold"][i]),
            "rarity": rarity(score, self.panel.freq),
            "excess": round(excess, 3),
            "count_model": bool(nums["count_model"][i]),
            "series_last_period": iso(series_last),
            "active_through": active_through,
            "ended_period": iso(close) if closed and not protracted else None,
            "protracted_period": iso(close) if protracted else None,
            "explain": parts,
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
            opened_period=iso(opened if opened >= 0 else start),
            score=round(score, 3),
            severity=severity,
            method="monitor",
            explanation=self.explain_state(row, start, end, peak, score, components, n_flagged,
                                           close if protracted else None, nums, i, parts),
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
                      n_flagged: int, protracted_at: int | None, nums: dict[str, list] | None = None,
                      i: int = 0, parts: dict[str, Any] | None = None) -> str:
        """'Fatalities in Khartoum: 543 in Dec 2025; normally about 5 a month; the highest in 10
        years.' then the signals that fired and how long it has been flagged.

        ``parts``: a dict that receives the explanation's parts (``details["explain"]``, see
        :func:`alerts.episodes.explain_parts`): the same sentence as phrases and values, which
        :mod:`alerts.explain_text` writes in any language."""
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
        name = self._name(str(keys["indicator"]))
        if kind == "observed":
            who = name + (f" ({keys['group']})" if keys["group"] else "")
            verb = "rose" if worse_up else "fell"
            spec = ["observed", name, str(keys["group"] or "")]
        else:
            named = name + str(keys["indicator"])[len(str(keys["indicator"]).split(":")[0]):]
            who, verb = subject(named, "", kind, worse_up)
            who = who[0].upper() + who[1:]
            spec = subject_spec(named, "", kind)
        iso = self._iso
        if nums is None:  # the numbers of this one episode
            nums, i = self._numbers(np.array([row]), np.array([start]), np.array([end])), 0
        base = float(nums["baseline"][i])
        latest, top = float(nums["last_value"][i]), float(nums["peak_value"][i])
        normally = f"normally {about(base, count, unit)}" + (f" a {word}" if count else "")
        z_latest = float(nums["z_last"][i])
        if count:
            first = f"{who} in {keys['region']}: {with_unit(latest, unit, True)} in {label[end]}"
            form = "count"
        elif peak != end and np.isfinite(z_latest) and z_latest <= res.params.get("cont", 1.0):
            # The latest period is back near normal; the alert is kept open by the months before.
            first = (f"{who} in {keys['region']} was back to {with_unit(latest, unit)} in "
                     f"{label[end]}")
            form = "back"
        else:
            first = f"{who} in {keys['region']} {verb} to {with_unit(latest, unit)} in {label[end]}"
            form = verb
        record = self._record_span(nums, i, peak, worse_up)
        rare = (f"the {'highest' if worse_up else 'lowest'} in {span_words(record, freq)}" if record is not None
                else rarity(score, freq))  # what _record_from says, from the span found once
        how_rare = (["record", bool(worse_up), record] if record is not None else ["rarity", float(score)])
        phrases: list = []
        phrases += [["head", form, spec, str(keys["region"]), number(latest), iso[end]], ["normally", number(base), None]]
        # A series that is worse when it falls (trust, participation) has a low point, not a
        # peak, sits below its baseline and worsens by a further fall: its parts carry a
        # trailing False (parts of the other series are as before).
        down = [] if worse_up else [False]
        if peak != end:
            first += (f"; {normally}; the {'peak' if worse_up else 'low point'}, {with_unit(top, unit, count)} in "
                      f"{label[peak]}, was {rare}")
            phrases.append(["peak", number(top), iso[peak], how_rare, *down])
        else:
            first += f"; {normally}; {rare}"
            phrases.append(["rare", how_rare])
        width = res.params["count_window"] if count and res.params.get("count_window") else res.params.get("window", 0)
        before = int(nums["before"][i])
        window = max(1, min(int(width), before))  # the baseline is never longer than the history
        spread = float(nums["spread"][i])
        signals = []
        said: list = []
        if "ewma" in components:
            signals.append(f"recent {word}s averaged up to {nums['ewma_top'][i]:.1f} spreads "
                           f"{'above' if worse_up else 'below'} the {span_words(window, freq, adjective=True)} "
                           "baseline (EWMA)")
            said.append(["ewma", number(nums["ewma_top"][i]), window, *down])
        if "single_period" in components:
            hits = arr["point_hit"][row, start:end + 1]
            p = arr["p_point"][row, start:end + 1][hits]
            at = start + int(np.flatnonzero(hits)[int(np.nanargmin(p))])
            model = "a negative binomial count model" if count else "a normal model"
            point_score = float(-np.log10(max(np.nanmin(p), 1e-9)))
            signals.append(f"{label[at]} alone was {rarity(point_score, freq)} under {model}")
            said.append(["point", iso[at], point_score])
        detail = "monitor: " + "; ".join(signals) if signals else "monitor"
        phrases.append(["monitor", said])
        if np.isfinite(spread) and not count:
            detail += f"; usual spread {with_unit(spread, unit)}"
            phrases.append(["usual_spread", float(spread)])
        when = label[start]
        if end > start:
            when += f" to {label[end]}"
        tail = f"flagged in {n_flagged} {word}{'s' if n_flagged != 1 else ''} ({when})"
        phrases.append(["flagged", int(n_flagged), iso[start], iso[end] if end > start else None])
        text = f"{first}. {detail[0].upper() + detail[1:]}; {tail}"
        if protracted_at is not None:
            text += (f"; a protracted situation since {label[protracted_at]}: "
                     f"that level is now its baseline, and only a further {'rise' if worse_up else 'fall'} "
                     "opens a new alert")
            phrases.append(["protracted", iso[protracted_at], *down])
        if parts is not None:
            parts.update(explain_parts(phrases, freq, unit, count))
        return text

    def _record_from(self, nums: dict[str, list], i: int, peak: int, worse_up: bool) -> str | None:
        """:meth:`_record` from the numbers gathered for the episode."""
        periods = self._record_span(nums, i, peak, worse_up)
        if periods is None:
            return None
        return f"the {'highest' if worse_up else 'lowest'} in {span_words(periods, self.panel.freq)}"

    @staticmethod
    def _record_span(nums: dict[str, list], i: int, peak: int, worse_up: bool) -> int | None:
        """How many periods the peak is the worst value of (None: it is not a record)."""
        if nums["seen"][i] < 12 or not np.isfinite(nums["peak_value"][i]):
            return None
        v = nums["peak_value"][i]
        worst = nums["hist_hi"][i] if worse_up else nums["hist_lo"][i]
        if (worse_up and v <= worst) or (not worse_up and v >= worst):
            return None
        return int(peak - nums["first_valid"][i] + 1)

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
