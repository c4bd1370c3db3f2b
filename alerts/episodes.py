"""Flagged periods → episodes, and the words that explain them.

Run-length logic works on the whole flag matrix (series x periods) at once: short holes
are bridged, runs shorter than the rule's persistence cannot open an alert, and runs
separated by no more than the hysteresis window belong to one episode. Each episode
remembers the period at which it would have *opened* live (the first real flag once the
run reached its persistence), which only depends on flags up to that period - the
backtest relies on this.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd
from scipy.special import ndtr

from alerts.rules import SEVERITIES, Rule
from alerts.wording import format_period, rarity, with_unit
from workbench.models.registry import display_name, spread_unit
from workbench.models.panel import DetectorResult, SeriesPanel

_BIG = np.iinfo(np.int64).max // 4
#: Largest excess (in spreads) an alert reports; beyond it the baseline was flat.
MAX_EXCESS = 99.0
FLAT_SPREAD = 1e-6


@dataclass(frozen=True)
class EpisodeIndex:
    """Episodes as parallel arrays of period indices into a panel."""

    row: np.ndarray
    start: np.ndarray
    end: np.ndarray
    opened: np.ndarray

    def __len__(self) -> int:
        return int(self.row.size)


def next_flag_index(flags: np.ndarray) -> np.ndarray:
    """For each cell, the index of the first flag at or after it in its row (_BIG if none)."""
    n, t = flags.shape
    idx = np.where(flags, np.arange(t)[None, :], _BIG)
    return np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1]


def find_episodes(flags: np.ndarray, persistence: int = 1, hysteresis: int = 0, max_gap: int = 0) -> EpisodeIndex:
    """Vectorised run-length episodes of a boolean (series x periods) matrix."""
    flags = np.asarray(flags, dtype=bool)
    n, t = flags.shape
    empty = np.zeros(0, dtype=np.int64)
    if n == 0 or t == 0 or not flags.any():
        return EpisodeIndex(empty, empty, empty, empty)
    nxt = next_flag_index(flags)
    bridged = flags
    if max_gap > 0:
        last = np.maximum.accumulate(np.where(flags, np.arange(t)[None, :], -1), axis=1)
        hole = ~flags & (last >= 0) & (nxt < _BIG) & (nxt - last - 1 <= max_gap)
        bridged = flags | hole
    padded = np.zeros((n, t + 2), dtype=np.int8)
    padded[:, 1:-1] = bridged
    d = np.diff(padded, axis=1)
    srow, start = np.nonzero(d == 1)
    _, stop = np.nonzero(d == -1)
    end = stop - 1
    qualifies = (end - start + 1) >= persistence
    k = start.size
    gap = np.empty(k, dtype=np.int64)
    gap[0] = _BIG
    gap[1:] = start[1:] - end[:-1] - 1
    new_cluster = np.ones(k, dtype=bool)
    new_cluster[1:] = (srow[1:] != srow[:-1]) | (gap[1:] > hysteresis)
    first_of_cluster = np.flatnonzero(new_cluster)
    q_idx = np.where(qualifies, np.arange(k), _BIG)
    first_q = np.minimum.reduceat(q_idx, first_of_cluster)
    last_of_cluster = np.append(first_of_cluster[1:], k) - 1
    ok = first_q < _BIG
    fq = first_q[ok]
    lc = last_of_cluster[ok]
    row = srow[fq]
    ep_start = start[fq]
    ep_end = end[lc]
    opened = nxt[row, np.minimum(ep_start + persistence - 1, t - 1)]
    return EpisodeIndex(row.astype(np.int64), ep_start.astype(np.int64), ep_end.astype(np.int64), opened.astype(np.int64))


class KeyRows:
    """A panel's series keys row by row (``keys[row]`` is a dict of region, indicator, group,
    kind), each column turned into a list once: ``DataFrame.to_dict("records")`` would build
    a dict for every series of the panel where a run reads the few with an episode."""

    def __init__(self, keys: pd.DataFrame) -> None:
        self._columns = {c: keys[c].tolist() for c in keys.columns}

    def __getitem__(self, row: int) -> dict[str, Any]:
        return {c: values[row] for c, values in self._columns.items()}


@dataclass(frozen=True)
class Episode:
    """One rule's episode on one series, ready to become (or update) an alert."""

    rule: str
    region: str
    indicator: str
    group: str
    kind: str
    freq: str
    first_period: str
    last_period: str
    peak_period: str
    opened_period: str
    score: float
    severity: str
    method: str
    explanation: str
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def series_key(self) -> tuple[str, str, str, str, str]:
        return (self.rule, self.region, self.indicator, self.group, self.kind)


_FREQ_WORD = {"M": "month", "Q": "quarter", "Y": "year", "W": "week", "D": "day"}


def display_unit(unit: str | None, kind: str) -> str | None:
    """How a value is written: a gap between two percentages is in points; counts need no unit."""
    if unit is None or unit.casefold() in ("count", "number", "n"):
        return None
    if kind == "polarization":
        return None  # an index
    if kind in ("gap", "spread") and unit == "%":
        return "points"
    return unit


def subject(indicator: str, group: str, kind: str, worse_up: bool) -> tuple[str, str]:
    """The words for what moved and how: derived series speak of groups drifting apart."""
    parts = indicator.split(":")
    base = parts[0]
    if kind == "gap":
        pair = parts[2].split("-", 1) if len(parts) > 2 and "-" in parts[2] else None
        between = f" between {pair[0]} and {pair[1]}" if pair else " between groups"
        return f"the gap in {base}{between}", "widened"
    if kind == "spread":
        return f"the spread of {base} across groups", "widened"
    if kind == "polarization":
        return f"the polarization index of {base} between groups", "rose"
    who = base + (f" ({group})" if group else "")
    return who, "rose" if worse_up else "fell"


def subject_spec(indicator: str, group: str, kind: str) -> list:
    """What :func:`subject` names, as values for :mod:`alerts.explain_text`: ``["gap", base, a,
    b]`` (``["gap", base]`` without a pair), ``["spread", base]``, ``["polarization", base]``,
    else ``[kind, base, group]``."""
    parts = indicator.split(":")
    base = parts[0]
    if kind == "gap":
        pair = parts[2].split("-", 1) if len(parts) > 2 and "-" in parts[2] else None
        return ["gap", base, *pair] if pair else ["gap", base]
    if kind in ("spread", "polarization"):
        return [kind, base]
    return [kind, base, group]


def number(x: float) -> float | None:
    """A number as an explanation's parts keep it: exactly (JSON writes a float's shortest
    exact form), None when not finite."""
    return float(x) if x is not None and math.isfinite(x) else None


def format_value(x: float, unit: str | None) -> str:
    return with_unit(x, unit)


class RuleEvaluation:
    """One rule applied to one panel: the flags, the per-period score and summaries."""

    _names: dict[str, str] | None  # the codebook's names, read when first asked

    def __init__(
        self,
        rule: Rule,
        panel: SeriesPanel,
        signals: Mapping[str, DetectorResult],
        codebook: pd.DataFrame | None = None,
    ) -> None:
        self.rule = rule
        self.panel = panel
        self.signals = {m: signals[m] for m in rule.methods if m in signals}
        # How far above baseline is always told in robust-z terms (MADs above the 24-period
        # median) when that detector ran, whichever methods fired, so a score and a
        # severity mean the same in every alert; short-baseline methods (EARS: 7 periods)
        # would inflate it.
        self.reference = signals.get("robust_z")
        self.codebook = codebook
        self._units: dict[str, str] | None = None
        self._keys = KeyRows(panel.keys)
        n, t = panel.values.shape
        mask = rule.series_mask(panel, codebook)
        self.method_flags = {m: f & mask[:, None] for m, f in rule.method_flags(self.signals).items()}
        if self.method_flags:
            count = np.sum(np.stack(list(self.method_flags.values())), axis=0)
            self.flags = count >= min(rule.min_methods, len(self.method_flags))
        else:
            self.flags = np.zeros((n, t), dtype=bool)
        self.excess = self._excess()
        self.index = find_episodes(self.flags, rule.persistence, rule.hysteresis, rule.max_gap)

    def _excess(self) -> np.ndarray:
        """Per period, how many spreads the value is above its baseline in the worse direction."""
        n, t = self.panel.values.shape
        best = np.full((n, t), np.nan)
        d = self.panel.direction[:, None]
        for res in self.signals.values():
            best = np.fmax(best, self._z(res, d))
        if self.reference is not None:
            ref = self._z(self.reference, d)
            valid = np.isfinite(np.asarray(self.reference.score, float))  # enough history
            best = np.where(valid & np.isfinite(ref), ref, best)
        return best

    @staticmethod
    def _z(res: DetectorResult, d: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            z = (np.asarray(res.value, float) - np.asarray(res.baseline, float)) * d / np.asarray(res.spread, float)
        # A baseline that never varied has a floored spread of ~1e-9: "9e9 MADs" says nothing
        # a person can use, so the excess is capped (the text says the baseline was flat).
        return np.where(np.isfinite(z), np.minimum(z, MAX_EXCESS), np.nan)

    # -- summaries ------------------------------------------------------------------------
    def episodes(self) -> list[Episode]:
        out = []
        for i in range(len(self.index)):
            ep = self.summarize(int(self.index.row[i]), int(self.index.start[i]), int(self.index.end[i]),
                                int(self.index.opened[i]))
            if ep is not None and SEVERITIES.index(ep.severity) >= SEVERITIES.index(self.rule.min_severity):
                out.append(ep)
        return out

    def summarize(self, row: int, start: int, end: int, opened: int | None = None) -> Episode | None:
        """The episode of ``row`` over periods ``start..end`` (None if nothing is flagged there)."""
        flagged = np.flatnonzero(self.flags[row, start:end + 1]) + start
        if not flagged.size:
            return None
        start, end = int(flagged[0]), int(flagged[-1])
        ex = self.excess[row, flagged]
        if np.isfinite(ex).any():
            peak = int(flagged[int(np.nanargmax(ex))])
            score = float(np.nanmax(ex))
        else:
            raw = np.fmax.reduce([np.asarray(r.score, float)[row, flagged] for r in self.signals.values()])
            peak = int(flagged[int(np.nanargmax(raw))]) if np.isfinite(raw).any() else end
            score = float(np.nanmax(raw)) if np.isfinite(raw).any() else 0.0
        fired = [m for m, f in self.method_flags.items() if f[row, start:end + 1].any()]
        severity = self._severity(score, flagged.size)
        periods = self.panel.periods
        keys = self._keys[row]
        freq = self.panel.freq
        opened_idx = opened if opened is not None else start
        parts: dict[str, Any] = {}  # the explanation's parts, filled by explain()
        details = {
            "flagged_periods": int(flagged.size),
            "methods": fired,
            "peak_value": _num(self._at(fired, "value", row, peak)),
            "baseline": _num(self._at(["robust_z"] if self.reference is not None else fired, "baseline", row, peak)),
            "threshold": _num(self._at(fired, "threshold", row, peak)),
            "excess": _num(score),
            "explain": parts,
        }
        return Episode(
            rule=self.rule.name,
            region=str(keys["region"]),
            indicator=str(keys["indicator"]),
            group=str(keys["group"] or ""),
            kind=str(keys["kind"]),
            freq=freq,
            first_period=self._date_text(start),
            last_period=self._date_text(end),
            peak_period=self._date_text(peak),
            opened_period=self._date_text(min(opened_idx, len(periods) - 1)),
            score=round(excess_score(score), 3),
            severity=severity,
            method="+".join(fired) if fired else self.rule.methods[0],
            explanation=self.explain(row, start, end, peak, fired, flagged.size, parts),
            details=details,
        )

    def _date_text(self, i: int) -> str:
        """Period ``i``'s ISO date (looked up once per panel: a run summarizes thousands)."""
        dates = self.__dict__.get("_iso_dates")
        if dates is None:
            dates = self.__dict__["_iso_dates"] = [p.date().isoformat() for p in self.panel.periods]
        return dates[i]

    def _period_text(self, i: int) -> str:
        """Period ``i`` as a person reads it ('Mar 2024'), looked up once per panel."""
        words = self.__dict__.get("_period_words")
        if words is None:
            words = self.__dict__["_period_words"] = [format_period(p, self.panel.freq) for p in self.panel.periods]
        return words[i]

    def _severity(self, score: float, n_flagged: int) -> str:
        lo, hi = self.rule.severity_bands
        level = 2 if score >= hi else 1 if score >= lo else 0
        if n_flagged >= self.rule.long_episode:
            level = min(level + 1, 2)
        return SEVERITIES[level]

    def _at(self, methods: list[str], attr: str, row: int, col: int) -> float:
        pool = {**self.signals, **({"robust_z": self.reference} if self.reference is not None else {})}
        for m in methods or list(self.signals):
            v = float(np.asarray(getattr(pool[m], attr), float)[row, col])
            if np.isfinite(v):
                return v
        return float("nan")

    def _unit(self, indicator: str) -> str | None:
        if self._units is None:
            cb = self.codebook
            self._units = {}
            if cb is not None and len(cb) and "unit" in cb:
                for key, unit in zip(cb["key"].astype(str).str.casefold(), cb["unit"]):
                    if isinstance(unit, str) and unit.strip():
                        self._units[key] = unit.strip()
        return self._units.get(indicator.split(":")[0].casefold())

    def _name(self, indicator: str) -> str:
        """The codebook's name for an indicator key (the key when the codebook has none)."""
        names = getattr(self, "_names", None)
        if names is None:
            names = {}
            cb = self.codebook
            if cb is not None and len(cb) and "name" in cb:
                for key, name in zip(cb["key"].astype(str).str.casefold(), cb["name"]):
                    if isinstance(name, str) and name.strip():
                        names[key] = name.strip()
            self._names = names
        base = indicator.split(":")[0]
        return names.get(base.casefold(), base)

    def explain(self, row: int, start: int, end: int, peak: int, fired: list[str], n_flagged: int,
                parts: dict[str, Any] | None = None) -> str:
        """What moved, where, how far from normal, then every method that fired.

        The "how far" is the same excess the score and the severity come from (robust z over
        the 24-period median when it ran), so the text and the numbers never disagree.
        ``parts``: a dict that receives the same sentence as phrases and values
        (:func:`explain_parts`), which :mod:`alerts.explain_text` writes in any language (the
        English text stays the record).
        """
        p: list = []
        iso = self._date_text
        keys = self._keys[row]
        freq = self.panel.freq
        word = _FREQ_WORD.get(freq, "period")
        kind = str(keys["kind"])
        unit = display_unit(self._unit(str(keys["indicator"])), kind)
        worse_up = self.panel.direction[row] > 0
        value = self._at(fired, "value", row, peak)
        indicator = str(keys["indicator"])
        named = self._name(indicator) + indicator[len(indicator.split(":")[0]):]
        who, verb = subject(named, str(keys["group"] or ""), kind, worse_up)
        if kind != "observed":
            who = who[:1].upper() + who[1:]  # "The gap in ..."
        first = f"{who} in {keys['region']} {verb} to {format_value(value, unit)} in {self._period_text(peak)}"
        p.append(["head", verb, subject_spec(named, str(keys["group"] or ""), kind), str(keys["region"]),
                  number(value), iso(peak)])
        if "fixed" in fired:
            thr = float(np.asarray(self.signals["fixed"].threshold, float)[row, peak])
            if np.isfinite(thr):
                first += f", past its fixed threshold of {format_value(thr, unit)}"
                p.append(["fixed", number(thr)])
        lead = "robust_z" if self.reference is not None and np.isfinite(float(self.reference.score[row, peak])) \
            else next((m for m in fired if m != "fixed"), None)
        if lead is not None:
            res = self.reference if lead == "robust_z" and self.reference is not None else self.signals[lead]
            base = float(np.asarray(res.baseline, float)[row, peak])
            spread = float(np.asarray(res.spread, float)[row, peak])
            excess = float(self.excess[row, peak])
            name = res.params.get("spread_name") or spread_unit(lead)
            side = "above" if worse_up else "below"
            window = res.params.get("window") or (7 if lead.startswith("ears") else None)
            periods = int(window) if isinstance(window, (int, float)) and not isinstance(window, bool) else None
            span = f" ({periods}-{word} baseline)" if periods is not None else ""
            if np.isfinite(base):
                first += f"; normally about {format_value(base, unit)}{span}"
                p.append(["normally", number(base), periods])
            if np.isfinite(spread) and spread <= FLAT_SPREAD * max(1.0, abs(base) if np.isfinite(base) else 1.0):
                first += ", which had not varied"
                p.append(["flat"])
            elif np.isfinite(excess):
                first += f"; {excess:.1f} {name} {side} it, {rarity(excess_score(excess), freq)}"
                p.append(["excess", float(excess), str(name), bool(worse_up), excess_score(excess)])
        methods = []
        said: list = []
        for m in fired:
            if m == "mann_kendall":
                w = self.signals[m].params.get("window")
                over_n = int(w) if isinstance(w, (int, float)) else end - start + 1
                methods.append(f"Mann-Kendall trend {'up' if worse_up else 'down'} over {over_n} {word}s")
                said.append(["mann_kendall", bool(worse_up), over_n])
            elif m == "cusum":
                methods.append("CUSUM (the excesses of recent periods added up past its limit)")
                said.append(["cusum"])
            elif m == "ewma":
                methods.append("EWMA (the weighted average of recent periods passed its limit)")
                said.append(["ewma"])
            else:
                methods.append(display_name(m))
                said.append(["method", display_name(m)])
        when = self._period_text(start)
        if end > start:
            when += f" to {self._period_text(end)}"
        tail = f"flagged in {n_flagged} {word}{'s' if n_flagged != 1 else ''} ({when})"
        p.append(["methods", said])
        p.append(["flagged", int(n_flagged), iso(start), iso(end) if end > start else None])
        if parts is not None:
            parts.update(explain_parts(p, freq, unit))
        return f"{first}. Methods: {', '.join(methods) or 'none'}; {tail}"


def explain_parts(phrases: list, freq: str, unit: str | None, count: bool = False) -> dict[str, Any]:
    """An explanation's parts as ``details["explain"]`` keeps them (:mod:`alerts.explain_text`):
    the series' frequency, the unit its values are written in, whether it is counted (whole
    numbers, "a month"), and the phrases."""
    return {"v": 1, "freq": freq, "unit": unit, "count": bool(count), "phrases": phrases}


def excess_score(excess: float) -> float:
    """An excess in spreads as the bounded score: ``-log10`` of the normal tail beyond it."""
    if not np.isfinite(excess):
        return 0.0
    p = float(ndtr(-excess))  # norm.sf(excess), without importing scipy.stats (~0.5 s)
    return float(min(-np.log10(max(p, 1e-9)), 9.0))


def _num(x: float) -> float | None:
    return round(float(x), 6) if np.isfinite(x) else None
