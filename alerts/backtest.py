"""Replay history as if live: how early each rule warns and how often it cries wolf.

For every rule (and CDC EARS C2 alone as a reference) the backtest finds the period at
which each alert would have *opened* had the rule run every period on the data known then,
and scores those openings against ground-truth episodes (a file, or the alerts the team
verified):

* detection rate - share of truth episodes with an alert opening between onset and end on
  a series of the same region and indicator (or opened at most 3 months before the onset
  and still running at the onset - the team had an open alert; its delay counts as 0);
* delay - months from onset to that first opening (median over detected episodes);
* false alarms per series-year - openings on series whose region and indicator have no
  truth episode at all, per year of monitored data (periods where the rule's detectors
  could score).

Honesty about the future. Every default detector scores period t from a trailing window
(t and earlier), and an episode's opening period depends only on flags up to it (see
:mod:`alerts.episodes`), so one pass over the full history gives the live answer. That is
*checked*, not assumed: :func:`causal_methods` recomputes each method on truncated
histories and compares; a method whose past flags change when later data arrive (e.g. a
centred window or a change point dated over the whole series) is replayed truly, period by
period, on the data known at each period. Data revisions are not replayed: the backtest
sees the final values of every period.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from alerts import records
from alerts.episodes import RuleEvaluation
from alerts.evaluation import evaluate_rule
from alerts.rules import EARS_C2_ALONE, SEVERITIES, Rule, default_rules, stored_rules
from workbench.errors import UnusableInputError, WorkbenchError
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.progress import CancelToken, ProgressCallback, no_progress
from workbench.store import open_project

PER_YEAR = {"M": 12, "Q": 4, "W": 52, "Y": 1, "D": 365}
#: An alert that opened at most this many months before the onset and was still running at
#: the onset counts as a detection (with delay 0): the team had an open alert on the series.
LEAD_ALLOWANCE_MONTHS = 3
SCALES = tuple(np.round(np.arange(0.6, 3.01, 0.05), 2))


@dataclass
class RuleScore:
    rule: str
    truth_episodes: int
    detected: int
    detection_rate: float | None
    median_delay_months: float | None
    false_alarms: int
    series_years: float
    false_alarms_per_series_year: float | None
    alerts: int
    scale: float = 1.0
    delays: dict[str, float] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)


@dataclass
class Calibration:
    rule: str
    budget: float
    scale: float | None
    thresholds: dict[str, float]
    score: RuleScore | None
    default: RuleScore
    curve: list[dict[str, float | None]]


@dataclass
class BacktestReport:
    truth_source: str
    min_magnitude: float
    series: int
    periods: int
    causal_checked: dict[str, bool]
    replayed: list[str]
    rules: list[RuleScore]
    calibrations: list[Calibration] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- truth ------------------------------------------------------------------------------------
def read_truth(path: Path) -> pd.DataFrame:
    """Ground-truth episodes: region, indicator, onset, end (+ group, magnitude_sd, parent ...)."""
    import io

    from workbench.inputs import read_input_bytes

    data = read_input_bytes(path, "truth file", 50_000_000)  # never a pipe or a device
    try:
        df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise UnusableInputError(f"cannot read the truth file {path}: {' '.join(str(err).split())}") from None
    missing = [c for c in ("region", "indicator", "onset", "end") if c not in df.columns]
    if missing:
        raise UnusableInputError(f"the truth file {path.name} lacks column(s): {', '.join(missing)}")
    for col in ("group", "parent", "episode_id"):
        if col not in df:
            df[col] = ""
    df["episode_id"] = np.where(df["episode_id"] == "", [f"T{i + 1}" for i in range(len(df))], df["episode_id"])
    df["magnitude_sd"] = pd.to_numeric(df.get("magnitude_sd", pd.Series(np.inf, index=df.index)), errors="coerce")
    try:
        df["onset"] = pd.to_datetime(df["onset"])
        df["end"] = pd.to_datetime(df["end"])
    except (ValueError, TypeError) as err:
        raise UnusableInputError(f"the truth file {path.name} has an unreadable date: {err}") from None
    return df


def truth_from_verified(conn: Any) -> pd.DataFrame:
    """The team's verified alerts as truth episodes (onset = first period, end = last period)."""
    df = records.verified_alerts(conn)
    df["episode_id"] = "alert " + df["id"].astype(str)
    df["indicator"] = df["indicator"].str.split(":").str[0]
    df["onset"] = pd.to_datetime(df["onset"])
    df["end"] = pd.to_datetime(df["end"])
    df["magnitude_sd"] = np.inf
    df["parent"] = ""
    return df


# -- causality ------------------------------------------------------------------------------
def _truncate(panel: SeriesPanel, stop: int) -> SeriesPanel:
    return SeriesPanel(keys=panel.keys, periods=panel.periods[:stop], freq=panel.freq,
                       values=panel.values[:, :stop], direction=panel.direction, threshold=panel.threshold,
                       count=panel.count)


def causal_methods(panel: SeriesPanel, signals: dict[str, DetectorResult], compute: Any,
                   cuts: tuple[float, ...] = (0.5, 0.75, 0.9)) -> dict[str, bool]:
    """Whether each method's flags and scores up to a cut are unchanged when later data are hidden."""
    t = panel.values.shape[1]
    ok = {m: True for m in signals}
    for frac in cuts:
        stop = int(t * frac)
        if stop < 2:
            continue
        short = compute(_truncate(panel, stop))
        for m, res in signals.items():
            a, b = res.flag[:, :stop], short[m].flag
            sa, sb = res.score[:, :stop], short[m].score
            same_score = np.allclose(np.nan_to_num(sa, nan=-1e300), np.nan_to_num(sb, nan=-1e300),
                                     rtol=1e-9, atol=1e-9, equal_nan=True)
            if not (np.array_equal(a, b) and same_score):
                ok[m] = False
    return ok


def replay_live(panel: SeriesPanel, method: str, compute_one: Any) -> DetectorResult:
    """A method's result where column t is what the method said with data up to t only."""
    t = panel.values.shape[1]
    full = compute_one(panel)
    score = np.full(full.score.shape, np.nan)
    flag = np.zeros(full.flag.shape, dtype=bool)
    for stop in range(1, t + 1):  # one recomputation per period: slow, but honest
        r = compute_one(_truncate(panel, stop))
        score[:, stop - 1] = r.score[:, -1]
        flag[:, stop - 1] = r.flag[:, -1]
    return DetectorResult(method=method, score=score, flag=flag, value=full.value, baseline=full.baseline,
                          spread=full.spread, threshold=full.threshold, params=full.params, extra={})


# -- scoring ----------------------------------------------------------------------------------
@dataclass
class _Panelled:
    panel: SeriesPanel
    signals: dict[str, DetectorResult]
    region: np.ndarray  # casefolded
    base: np.ndarray  # base indicator, casefolded


def _month_diff(a: pd.Timestamp, b: pd.Timestamp) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month)


def score_rule(rule: Rule, parts: list[_Panelled], truth: pd.DataFrame, codebook: pd.DataFrame,
               noisy_truth: pd.DataFrame) -> RuleScore:
    """Detection, delay and false alarms of one rule over all panels."""
    openings = []  # (region, base indicator, opening period, last period of the episode)
    fa = 0
    series_years = 0.0
    n_alerts = 0
    for part in parts:
        ev = evaluate_rule(rule, part.panel, part.signals, codebook)
        idx = ev.index
        keep, opened_at = _alert_openings(ev, rule)
        dates = part.panel.periods
        n_alerts += int(keep.sum())
        clean = _clean(part, noisy_truth)
        for row, opened, end in zip(idx.row[keep].tolist(), opened_at[keep].tolist(), idx.end[keep].tolist()):
            openings.append((part.region[row], part.base[row], dates[opened], dates[max(end, opened)]))
            fa += bool(clean[row])
        series_years += float((_monitored(rule, part, codebook) & clean[:, None]).sum()) / PER_YEAR.get(part.panel.freq, 12)
    op = pd.DataFrame(openings, columns=["region", "base", "date", "until"])
    delays: dict[str, float] = {}
    missed: list[str] = []
    truth = truth[[_in_scope(rule, parts, codebook, ep) for ep in truth.itertuples(index=False)]]
    for ep in truth.itertuples(index=False):
        hits = op[(op["region"] == ep.region.casefold()) & (op["base"] == ep.indicator.casefold())]
        floor = _period_floor(ep.onset)
        early = floor - pd.DateOffset(months=LEAD_ALLOWANCE_MONTHS)
        inside = hits[(hits["date"] >= early) & (hits["date"] <= ep.end) & (hits["until"] >= floor)]
        if len(inside):
            delays[str(ep.episode_id)] = float(max(0, _month_diff(ep.onset, inside["date"].min())))
        else:
            missed.append(str(ep.episode_id))
    n = len(truth)
    return RuleScore(
        rule=rule.name, truth_episodes=n, detected=len(delays),
        detection_rate=round(len(delays) / n, 3) if n else None,
        median_delay_months=float(np.median(list(delays.values()))) if delays else None,
        false_alarms=fa, series_years=round(series_years, 1),
        false_alarms_per_series_year=round(fa / series_years, 4) if series_years else None,
        alerts=n_alerts, scale=rule.score_scale, delays=delays, missed=missed,
    )


def _alert_openings(ev: RuleEvaluation, rule: Rule) -> tuple[np.ndarray, np.ndarray]:
    """Which episodes become alerts, and the period each alert opens.

    Severity grows as an episode goes on, and a live run only raises the alert once the episode
    *so far* reaches the rule's ``min_severity``: the opening is the first period ``p`` from the
    episode's opening whose summary up to ``p`` is severe enough (none: never an alert). Judging
    by the whole episode would use data the live run did not have yet.
    """
    idx = ev.index
    keep = np.ones(len(idx), dtype=bool)
    opened_at = np.asarray(idx.opened, dtype=int).copy()
    if rule.min_severity == "low":
        return keep, opened_at
    floor = SEVERITIES.index(rule.min_severity)
    for i in range(len(idx)):
        row, start, end = int(idx.row[i]), int(idx.start[i]), int(idx.end[i])
        keep[i] = False
        for p in range(int(opened_at[i]), max(end, int(opened_at[i])) + 1):
            ep = ev.summarize(row, start, p, int(idx.opened[i]))
            if ep is not None and SEVERITIES.index(ep.severity) >= floor:
                keep[i], opened_at[i] = True, p
                break
    return keep, opened_at


def _monitored(rule: Rule, part: _Panelled, codebook: pd.DataFrame) -> np.ndarray:
    """Cells (series x periods) the rule watches and where one of its methods could score."""
    scored = np.zeros(part.panel.values.shape, dtype=bool)
    for m in rule.methods:
        if m in part.signals:
            scored |= np.isfinite(part.signals[m].score)
    return scored & rule.series_mask(part.panel, codebook)[:, None]


def _clean(part: _Panelled, noisy_truth: pd.DataFrame) -> np.ndarray:
    keys = set(zip(noisy_truth["region"].str.casefold(), noisy_truth["indicator"].str.casefold()))
    return np.array([(r, b) not in keys for r, b in zip(part.region, part.base)], dtype=bool)


def _in_scope(rule: Rule, parts: list[_Panelled], codebook: pd.DataFrame, ep: Any) -> bool:
    """Whether the rule watches a series that carries this truth episode.

    A whole-population episode lives in the observed series with no group; a gap
    widening (group ``a-b``) lives in the derived gap/spread/polarization series and in the
    groups' own series. A rule is only judged on episodes it could see.
    """
    for part in parts:
        here = (part.region == ep.region.casefold()) & (part.base == ep.indicator.casefold())
        if not here.any():
            continue
        keys = part.panel.keys
        if ep.group:
            fits = (keys["kind"] != "observed").to_numpy() | (keys["group"] != "").to_numpy()
        else:
            fits = ((keys["kind"] == "observed") & (keys["group"] == "")).to_numpy()
        scored = np.zeros(len(keys), dtype=bool)
        for m in rule.methods:
            if m in part.signals:
                scored |= np.isfinite(part.signals[m].score).any(axis=1)
        if (here & fits & scored & rule.series_mask(part.panel, codebook)).any():
            return True
    return False


def _period_floor(onset: pd.Timestamp) -> pd.Timestamp:
    """The start of the quarter containing the onset, so quarterly series can match a mid-quarter onset."""
    return pd.Timestamp(year=onset.year, month=((onset.month - 1) // 3) * 3 + 1, day=1)


def combined_rule_name(rules: list[Rule]) -> str:
    return "all: " + "+".join(r.name for r in rules)


def score_ruleset(rules: list[Rule], parts: list[_Panelled], truth: pd.DataFrame, codebook: pd.DataFrame,
                  noisy_truth: pd.DataFrame) -> RuleScore:
    """The rule set as the inbox sees it: every rule's alerts together, false alarms summed."""
    scores = [score_rule(r, parts, truth, codebook, noisy_truth) for r in rules]
    detected_ids: dict[str, float] = {}
    for s in scores:
        for eid, d in s.delays.items():
            detected_ids[eid] = min(d, detected_ids.get(eid, np.inf))
    fa = sum(s.false_alarms for s in scores)
    years = 0.0
    for part in parts:  # exposure of the union of the series the rules watch
        watched = np.zeros(part.panel.values.shape, dtype=bool)
        for r in rules:
            watched |= _monitored(r, part, codebook)
        years += float((watched & _clean(part, noisy_truth)[:, None]).sum()) / PER_YEAR.get(part.panel.freq, 12)
    delays = list(detected_ids.values())
    n = len(truth)
    return RuleScore(
        rule=combined_rule_name(rules), truth_episodes=n, detected=len(delays),
        detection_rate=round(len(delays) / n, 3) if n else None,
        median_delay_months=float(np.median(delays)) if delays else None,
        false_alarms=fa, series_years=round(years, 1),
        false_alarms_per_series_year=round(fa / years, 4) if years else None,
        alerts=sum(s.alerts for s in scores), delays=detected_ids,
        missed=[e for e in truth["episode_id"] if e not in detected_ids],
    )


def calibrate_rule(rule: Rule, parts: list[_Panelled], truth: pd.DataFrame, codebook: pd.DataFrame,
              noisy_truth: pd.DataFrame, budget: float) -> Calibration:
    """The lowest threshold scale whose false alarms per series-year stay within ``budget``."""
    from alerts.rules import score_threshold

    default = score_rule(rule, parts, truth, codebook, noisy_truth)
    curve: list[dict[str, float | None]] = []
    chosen = None
    scalable = any(score_threshold(p.signals[m]) is not None for p in parts[:1] for m in rule.methods if m in p.signals)
    for s in SCALES if scalable else ():
        sc = score_rule(rule.with_scale(float(s)), parts, truth, codebook, noisy_truth)
        curve.append({"scale": float(s), "detection_rate": sc.detection_rate,
                      "false_alarms_per_series_year": sc.false_alarms_per_series_year,
                      "median_delay_months": sc.median_delay_months})
        fa = sc.false_alarms_per_series_year
        if chosen is None and fa is not None and fa <= budget:
            chosen = sc
    thresholds = {}
    if chosen is not None and parts:
        for m in rule.methods:
            res = parts[0].signals.get(m)
            thr = score_threshold(res) if res is not None else None
            if thr is not None:
                thresholds[m] = round(thr * chosen.scale, 4)
    return Calibration(rule=rule.name, budget=budget, scale=chosen.scale if chosen else None,
                       thresholds=thresholds, score=chosen, default=default, curve=curve)


def panel_signals(
    panels: list[SeriesPanel],
    methods: list[str],
    compute: Callable[[SeriesPanel], dict[str, DetectorResult]],
    compute_one: Callable[[str], Callable[[SeriesPanel], DetectorResult]],
    *,
    check_causality: bool = True,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[list[_Panelled], dict[str, bool], set[str]]:
    """Every panel's signals as a live run would have seen them, which methods passed the
    causality check, and which were replayed period by period.

    Two passes: a method may look causal on one panel and be caught peeking on a later one,
    so the check runs over all panels before any replay, then every panel is replayed.
    """
    causal: dict[str, bool] = {m: True for m in methods}
    computed: list[dict[str, DetectorResult]] = []
    n = max(len(panels), 1)
    for i, panel in enumerate(panels):
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(0.4 * i / n, f"signals for {len(panel.keys)} series ({panel.freq})")
        signals = compute(panel)
        if check_causality:
            for m, ok in causal_methods(panel, signals, compute).items():
                causal[m] = causal[m] and ok
        computed.append(signals)
    replayed = {m for m, ok in causal.items() if not ok}
    parts: list[_Panelled] = []
    for i, (panel, signals) in enumerate(zip(panels, computed)):
        if replayed:
            if cancel is not None:
                cancel.raise_if_cancelled()
            progress(0.4 + 0.2 * i / n, f"replaying {', '.join(sorted(replayed))} live ({panel.freq})")
        for m in sorted(replayed):
            signals[m] = replay_live(panel, m, compute_one(m))
        parts.append(_Panelled(
            panel, signals,
            panel.keys["region"].astype(str).str.casefold().to_numpy(),
            panel.keys["indicator"].astype(str).str.split(":").str[0].str.casefold().to_numpy(),
        ))
    return parts, causal, replayed


# -- driver -----------------------------------------------------------------------------------
def run_backtest(
    project_path: str | Path,
    *,
    truth: Path | None = None,
    rule: str | None = None,
    min_magnitude: float = 2.0,
    calibrate: bool = False,
    budget: float = 0.1,
    check_causality: bool = True,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> BacktestReport:
    """Replay the project's rules (or one of them) against ground truth."""
    from workbench.models.series import build_panels
    from workbench.models.signals import DEFAULT, DETECTORS, compute_signals

    with open_project(project_path, readonly=True) as project:
        obs = project.observations()
        codebook = project.indicators()
        has_rules = records.rule_count(project.conn) > 0
        rules = [r for r in (stored_rules(project.conn) if has_rules else default_rules()) if r.enabled]
        if truth is not None:
            truth_df = read_truth(truth)
            source = str(truth)
        else:
            truth_df = truth_from_verified(project.conn)
            source = "verified alerts"
    if rule is not None:
        rules = [r for r in rules if r.name == rule]
        if not rules:
            raise WorkbenchError(f"there is no enabled rule named {rule!r} in this project")
    if truth is None and truth_df.empty:
        raise WorkbenchError("no ground truth: give --truth FILE, or verify some alerts first")
    noisy = truth_df  # every truth episode (also children and small ones) marks its series as not clean
    primary = truth_df[(truth_df["parent"] == "") & (truth_df["magnitude_sd"] >= min_magnitude)]
    methods = sorted({m for r in [*rules, EARS_C2_ALONE] for m in r.methods} | {"robust_z"})
    config = {m: DEFAULT[m] for m in methods}
    panels = build_panels(obs, codebook)
    parts, causal, replayed = panel_signals(
        panels, methods, lambda p: compute_signals(p, config), lambda m: lambda p: DETECTORS[m](p, **config[m]),
        check_causality=check_causality, progress=progress, cancel=cancel)
    progress(0.7, "scoring rules")
    scores = [score_rule(r, parts, primary, codebook, noisy) for r in rules]
    if len(rules) > 1:
        scores.append(score_ruleset(rules, parts, primary, codebook, noisy))
    scores.append(score_rule(EARS_C2_ALONE, parts, primary, codebook, noisy))
    cals = []
    if calibrate:
        for i, r in enumerate(rules):
            progress(0.75 + 0.25 * i / len(rules), f"calibrating {r.name}")
            cals.append(calibrate_rule(r, parts, primary, codebook, noisy, budget))
    progress(1.0, "done")
    return BacktestReport(
        truth_source=source, min_magnitude=min_magnitude,
        series=sum(len(p.panel.keys) for p in parts),
        periods=max((len(p.panel.periods) for p in parts), default=0),
        causal_checked={m: causal[m] for m in methods} if check_causality else {},
        replayed=sorted(replayed), rules=scores, calibrations=cals,
    )


def _fmt(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "-"
    return f"{x:.0%}" if pct else f"{x:g}"


def format_report(report: BacktestReport, fmt: str = "table") -> str:
    from workbench.exports.safe_cells import json_text, safe_frame, safe_header

    if fmt == "json":
        d = report.to_dict()
        return json_text(d, indent=1, default=float)
    rows = [{k: v for k, v in asdict(s).items() if k not in ("delays", "missed")} for s in report.rules]
    df = pd.DataFrame(rows)
    if fmt == "csv":  # rule names come from rule files: never a formula in a spreadsheet
        out = safe_frame(df)
        out.columns = safe_header(list(out.columns))
        return out.to_csv(index=False, lineterminator="\n")
    lines = [
        f"truth: {report.truth_source} (episodes >= {report.min_magnitude:g} SD, primary only); "
        f"{report.series} series, {report.periods} periods",
    ]
    if report.causal_checked:
        bad = [m for m, ok in report.causal_checked.items() if not ok]
        lines.append("causality check (flags unchanged when later data are hidden): "
                     + ("all methods causal" if not bad else f"NOT causal, replayed period by period: {', '.join(bad)}"))
    lines.append("")
    lines.append(f"{'rule':<44} {'detected':>9} {'rate':>6} {'delay(mo)':>9} {'false al.':>9} "
                 f"{'series-yr':>9} {'FA/s-yr':>8} {'alerts':>7}")
    for s in report.rules:
        lines.append(
            f"{s.rule[:44]:<44} {s.detected:>4}/{s.truth_episodes:<4} {_fmt(s.detection_rate, True):>6} "
            f"{_fmt(s.median_delay_months):>9} {s.false_alarms:>9} {s.series_years:>9g} "
            f"{_fmt(s.false_alarms_per_series_year):>8} {s.alerts:>7}"
        )
    for s in report.rules:
        if s.missed:
            lines.append(f"missed by {s.rule}: {', '.join(s.missed)}")
    for c in report.calibrations:
        lines.append("")
        if not c.curve:
            lines.append(f"calibration of {c.rule}: its only threshold is the codebook's fixed one; edit the codebook")
            continue
        if c.score is None:
            lines.append(f"calibration of {c.rule}: no threshold up to {SCALES[-1]}x meets {c.budget:g} "
                         "false alarms per series-year")
            continue
        thr = ", ".join(f"{m} {v:g}" for m, v in c.thresholds.items()) or "n/a"
        lines.append(
            f"calibration of {c.rule} to <= {c.budget:g} false alarms per series-year: threshold x{c.scale:g} "
            f"({thr}) -> detection {_fmt(c.score.detection_rate, True)} (rule as stored, x{c.default.scale:g}: "
            f"{_fmt(c.default.detection_rate, True)}), false alarms/series-year "
            f"{_fmt(c.score.false_alarms_per_series_year)} (as stored {_fmt(c.default.false_alarms_per_series_year)}), "
            f"median delay {_fmt(c.score.median_delay_months)} months (as stored {_fmt(c.default.median_delay_months)})"
        )
    return "\n".join(lines)
