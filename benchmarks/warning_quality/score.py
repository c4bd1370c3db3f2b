"""Scoring alerts against the synthetic protocol and against a real truth table.

An *alert* here is one row: the series it is on (``region``, ``indicator``), the period it
opened and the last period it was open (``closed``, inclusive: the last flagged period plus
the quiet periods the method keeps it open for, or the period it became a protracted
situation). Alerts of one series that overlap or touch are merged into one *signal* before
false alarms are counted, as the protocol says.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

BURN_IN = 24
DETECT_AFTER = 6  # synthetic: an alert opened in [onset, onset + 6 months]
REAL_TOLERANCE = 3  # real data: an alert opened within +-3 months of a documented onset


@dataclass
class Scores:
    method: str
    detected: int
    truth: int
    delays: list[float]
    false_alarms: int
    monitored_years: float
    quiet_months_open: int
    quiet_months: int
    active_end: int
    active_end_true: int
    longest: int
    alerts: int
    high_share: float | None = None

    @property
    def detection(self) -> float:
        return self.detected / self.truth if self.truth else float("nan")

    @property
    def fa_rate(self) -> float:
        return self.false_alarms / self.monitored_years if self.monitored_years else float("nan")

    @property
    def open_share(self) -> float:
        return self.quiet_months_open / self.quiet_months if self.quiet_months else float("nan")

    @property
    def median_delay(self) -> float:
        return float(np.median(self.delays)) if self.delays else float("nan")

    def merged(self, other: Scores) -> Scores:
        hs = [h for h in (self.high_share, other.high_share) if h is not None]
        return Scores(self.method, self.detected + other.detected, self.truth + other.truth,
                      self.delays + other.delays, self.false_alarms + other.false_alarms,
                      self.monitored_years + other.monitored_years,
                      self.quiet_months_open + other.quiet_months_open, self.quiet_months + other.quiet_months,
                      self.active_end + other.active_end, self.active_end_true + other.active_end_true,
                      max(self.longest, other.longest), self.alerts + other.alerts,
                      float(np.mean(hs)) if hs else None)


def month_index(periods: pd.Series | pd.DatetimeIndex, origin: pd.Timestamp) -> np.ndarray:
    p = pd.DatetimeIndex(periods)
    return ((p.year - origin.year) * 12 + (p.month - origin.month)).to_numpy()


def merge_signals(alerts: pd.DataFrame) -> pd.DataFrame:
    """Overlapping or adjacent alerts of one series as one signal (opened at the first)."""
    if alerts.empty:
        return alerts.assign(opened_i=[], closed_i=[])
    out = []
    for key, part in alerts.sort_values(["region", "indicator", "opened_i"]).groupby(["region", "indicator"], sort=False):
        cur_o, cur_c = None, None
        for o, c in zip(part["opened_i"], part["closed_i"]):
            if cur_o is None:
                cur_o, cur_c = o, c
            elif o <= cur_c + 1:
                cur_c = max(cur_c, c)
            else:
                out.append((*key, cur_o, cur_c))
                cur_o, cur_c = o, c
        out.append((*key, cur_o, cur_c))
    return pd.DataFrame(out, columns=["region", "indicator", "opened_i", "closed_i"])


def score_synthetic(method: str, alerts: pd.DataFrame, data, active_window: int = 3) -> Scores:
    """``alerts``: region, indicator, opened, closed (Timestamps); ``data``: a SyntheticSet."""
    origin = data.periods[0]
    t = data.n_months
    alerts = alerts.assign(opened_i=month_index(alerts["opened"], origin),
                           closed_i=np.minimum(month_index(alerts["closed"], origin), t - 1))
    truth = data.truth.set_index("indicator")
    detected, delays = 0, []
    by_series = {k: g for k, g in alerts.groupby("indicator")}
    for ind, row in truth.iterrows():
        g = by_series.get(ind)
        if g is None:
            continue
        ok = g[(g["opened_i"] >= row["onset"]) & (g["opened_i"] <= row["onset"] + DETECT_AFTER)]
        if len(ok):
            detected += 1
            delays.append(float(ok["opened_i"].min() - row["onset"]))
    signals = merge_signals(alerts)
    onset = signals["indicator"].map(truth["onset"])  # NaN on null series
    fa_mask = (signals["opened_i"] >= BURN_IN) & (onset.isna() | (signals["opened_i"] < onset))
    n_null = data.observations["indicator"].nunique() - len(truth)
    years = n_null * (t - BURN_IN) / 12 + float(np.clip(truth["onset"] - BURN_IN, 0, None).sum()) / 12
    null = signals[onset.isna()]
    open_months = 0
    for o, c in zip(null["opened_i"], null["closed_i"]):
        lo = max(o, BURN_IN)
        open_months += max(0, c - lo + 1)
    active = alerts[alerts["closed_i"] >= t - 1]
    act_series = set(active["indicator"])
    return Scores(method, detected, len(truth), delays, int(fa_mask.sum()), years, open_months,
                  n_null * (t - BURN_IN), len(act_series), len(act_series & set(truth.index)),
                  int((alerts["closed_i"] - alerts["opened_i"] + 1).max()) if len(alerts) else 0, len(alerts))


def score_real(method: str, alerts: pd.DataFrame, truth: pd.DataFrame, last_period: dict[str, pd.Timestamp]) -> Scores:
    """Real data: ``truth`` has region, kind (onset|quiet), onset, end (Timestamps).

    Detected: an alert on any series of the region opened within +-3 months of the onset.
    False alarm: an alert (merged per series) opened inside a quiet range; per quiet
    region-year. Quiet months open: region-months of quiet ranges with any alert open.
    ``last_period``: each region's last month of data, for alerts active at the end.
    """
    origin = pd.Timestamp("1990-01-01")
    alerts = alerts.assign(opened_i=month_index(alerts["opened"], origin), closed_i=month_index(alerts["closed"], origin))
    onsets = truth[truth["kind"] == "onset"]
    quiet = truth[truth["kind"] == "quiet"]
    by_region = {k: g for k, g in alerts.groupby("region")}
    detected, delays = 0, []
    for _, row in onsets.iterrows():
        g = by_region.get(row["region"])
        if g is None:
            continue
        on = month_index([row["onset"]], origin)[0]
        ok = g[(g["opened_i"] >= on - REAL_TOLERANCE) & (g["opened_i"] <= on + REAL_TOLERANCE)]
        if len(ok):
            detected += 1
            delays.append(float(ok["opened_i"].min() - on))
    signals = merge_signals(alerts)
    sig_by_region = {k: g for k, g in signals.groupby("region")}
    fa, years, months_open, months = 0, 0.0, 0, 0
    for _, row in quiet.iterrows():
        lo, hi = month_index([row["onset"], row["end"]], origin)
        months += hi - lo + 1
        years += (hi - lo + 1) / 12
        g = sig_by_region.get(row["region"])
        if g is None:
            continue
        fa += int(((g["opened_i"] >= lo) & (g["opened_i"] <= hi)).sum())
        covered = np.zeros(hi - lo + 1, dtype=bool)
        for o, c in zip(g["opened_i"], g["closed_i"]):
            a, b = max(o, lo), min(c, hi)
            if a <= b:
                covered[a - lo : b - lo + 1] = True
        months_open += int(covered.sum())
    last = {r: month_index([p], origin)[0] for r, p in last_period.items()}
    act = {r for r, o, c in zip(alerts["region"], alerts["opened_i"], alerts["closed_i"]) if c >= last.get(r, 10**9)}
    return Scores(method, detected, len(onsets), delays, fa, years, months_open, months, len(act), 0,
                  int((alerts["closed_i"] - alerts["opened_i"] + 1).max()) if len(alerts) else 0, len(alerts))


def table(scores: list[Scores], real: bool = False) -> str:
    head = ["method", "detection", "median delay", "false alarms / series-yr" if not real else "false alarms / quiet region-yr",
            "quiet months under alert", "active at end", "longest alert", "alerts"]
    if not real:
        head.insert(6, "of which true")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in scores:
        cells = [s.method, f"{s.detected}/{s.truth} ({s.detection:.2f})", f"{s.median_delay:.0f}",
                 f"{s.fa_rate:.3f}", f"{100 * s.open_share:.1f} %", str(s.active_end)]
        if not real:
            cells.append(str(s.active_end_true))
        cells += [f"{s.longest} months", str(s.alerts)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
