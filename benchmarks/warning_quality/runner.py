"""Run the workbench and the reference methods over one data set and collect their alerts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.warning_quality import reference


def workbench_alerts(obs: pd.DataFrame, codebook: pd.DataFrame, rules=None) -> pd.DataFrame:
    """Every alert the workbench's rules would open on ``obs``, with the months it stays open.

    The run is the one ``workbench run`` does (:func:`alerts.engine.evaluate`); an alert is
    open from the period it opened to the last period it is still *active* (its episode's
    last flag plus the quiet periods the rule tolerates) or the period it became a
    protracted situation, whichever comes first.
    """
    from alerts.engine import evaluate
    from alerts.rules import default_rules

    rules = default_rules() if rules is None else rules
    found, _ = evaluate(obs, codebook, [r for r in rules if r.enabled])
    rows = []
    for f in found:
        ep = f.episode
        periods = f.evaluation.panel.periods
        d = ep.details if isinstance(ep.details, dict) else {}
        if f.evaluation.rule.stateful:
            # The monitor says when an alert ended or became protracted (it leaves the inbox).
            if d.get("ended_period"):
                closed = pd.Timestamp(d["ended_period"])
            elif d.get("protracted_period"):
                closed = pd.Timestamp(d["protracted_period"])
            else:
                closed = pd.Timestamp(d["series_last_period"])
        else:
            series_last = _last_valid(f.evaluation.panel.values[f.row])
            closed = periods[min(f.end + f.evaluation.rule.hysteresis, series_last)]
        rows.append((ep.region, ep.indicator, ep.rule, pd.Timestamp(ep.opened_period), closed, ep.severity,
                     ep.score, d.get("flagged_periods", 0)))
    return pd.DataFrame(rows, columns=["region", "indicator", "rule", "opened", "closed", "severity", "score",
                                       "flagged"])


def _last_valid(row: np.ndarray) -> int:
    ok = np.flatnonzero(~np.isnan(row))
    return int(ok[-1]) if ok.size else len(row) - 1


def reference_alerts(obs: pd.DataFrame, codebook: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Alerts of each reference method: runs of consecutive flags on each observed series."""
    from workbench.models.series import build_panels

    out: dict[str, list] = {name: [] for name in reference.METHODS}
    for panel in build_panels(obs, codebook):
        keep = (panel.keys["kind"] == "observed").to_numpy()
        w = panel.worse
        for name, fn in reference.METHODS.items():
            flags = fn(w) & keep[:, None]
            for row, first, last in reference.runs(flags):
                k = panel.keys.iloc[row]
                out[name].append((k["region"], k["indicator"], name, panel.periods[first], panel.periods[last], ""))
    cols = ["region", "indicator", "rule", "opened", "closed", "severity"]
    return {name: pd.DataFrame(rows, columns=cols) for name, rows in out.items()}
