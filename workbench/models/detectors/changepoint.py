"""Mean-shift change point over a trailing window, dating the start of the shift.

In each window of the last ``window`` periods the best single split is the one that most
reduces the squared error of two segment means (the normal-mean likelihood ratio; the
same split as ``ruptures`` ``Dynp(model="l2", jump=1)`` with one break). The score is the
pooled two-sample t statistic of that split, signed so that a rise on the worse side is
positive; it flags above ``threshold`` (the default 4.5 keeps false alarms near 1 % of
windows for 24 normal values - the split is chosen to maximise the statistic, so the usual
t quantiles do not apply). ``extra['start']`` is the column index where the shifted
segment begins. The pooled sd is floored like the other detectors' spreads, so a shift
out of a perfectly flat history scores high but finite.
"""

from __future__ import annotations

import numpy as np

from workbench.models.detectors.common import result, spread_floor
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.windows import blockwise, trailing_windows


def best_split(x: np.ndarray, window: int, min_size: int = 2) -> dict[str, np.ndarray]:
    """For each trailing window: split position, before/after means, pooled sd and t statistic."""

    def stats(win: np.ndarray) -> tuple[np.ndarray, ...]:
        ok = ~np.isnan(win)
        v = np.where(ok, win, 0.0)
        n_tot = ok.sum(axis=-1, keepdims=True).astype(np.float64)
        mu = v.sum(axis=-1, keepdims=True) / np.maximum(n_tot, 1)
        vc = np.where(ok, win - mu, 0.0)  # centred, for stable sums
        c1 = np.cumsum(vc, axis=-1)[..., :-1]  # sum of the first tau values, tau = 1..w-1
        n1 = np.cumsum(ok, axis=-1)[..., :-1].astype(np.float64)
        n2 = n_tot - n1
        s_tot = c1[..., -1:] + vc[..., -1:]
        with np.errstate(invalid="ignore", divide="ignore"):
            m1 = c1 / n1
            m2 = (s_tot - c1) / n2
            gain = n1 * n2 / n_tot * (m2 - m1) ** 2
        valid = (n1 >= min_size) & (n2 >= min_size) & ok[..., 1:]
        gain = np.where(valid, gain, -np.inf)
        tau = np.argmax(gain, axis=-1)
        best = np.take_along_axis(gain, tau[..., None], axis=-1)[..., 0]
        has = np.isfinite(best)
        sst = np.sum(vc * vc, axis=-1)
        m1b = np.take_along_axis(m1, tau[..., None], axis=-1)[..., 0] + mu[..., 0]
        m2b = np.take_along_axis(m2, tau[..., None], axis=-1)[..., 0] + mu[..., 0]
        n1b = np.take_along_axis(n1, tau[..., None], axis=-1)[..., 0]
        n2b = n_tot[..., 0] - n1b
        with np.errstate(invalid="ignore", divide="ignore"):
            s2 = np.where(n_tot[..., 0] > 2, np.maximum(sst - best, 0.0) / (n_tot[..., 0] - 2), np.nan)
            factor = np.sqrt(1 / n1b + 1 / n2b)
            sd = np.sqrt(np.where(has, s2, np.nan))
        return (np.where(has, tau + 1, -1).astype(np.float64), np.where(has, m1b, np.nan),
                np.where(has, m2b, np.nan), sd, np.where(has, factor, np.nan))

    tau, m1, m2, sd, factor = blockwise(x, window, 0, stats, cells_per_window=window * 10)
    with np.errstate(invalid="ignore", divide="ignore"):
        tstat = (m2 - m1) / (sd * factor)
    return {"tau": tau, "before": m1, "after": m2, "sd": sd, "factor": factor, "t": tstat}


def change_point(
    panel: SeriesPanel, window: int = 24, threshold: float = 4.5, min_history: int = 12,
    min_size: int = 2, min_spread: float = 1e-9, rel_floor: float = 0.01,
) -> DetectorResult:
    """Flag a recent upward (worse) mean shift and date its start."""
    w = panel.worse
    n, t = w.shape
    st = best_split(w, window, min_size)
    n_win = np.sum(~np.isnan(trailing_windows(w, window, 0)), axis=-1)
    sd = spread_floor(st["sd"], st["before"], min_spread, rel_floor)
    step = st["after"] - st["before"]
    with np.errstate(invalid="ignore", divide="ignore"):
        score = step / (sd * st["factor"])
    score = np.where((n_win >= min_history) & ~np.isnan(w), score, np.nan)
    start = np.where(st["tau"] >= 0, np.arange(t)[None, :] - window + 1 + st["tau"], np.nan)
    return result(panel, "change_point", score, score >= threshold, st["before"],
                  sd, st["before"] + threshold * sd * st["factor"],
                  {"window": window, "threshold": threshold, "min_history": min_history},
                  extra={"start": np.where(np.isnan(score), np.nan, start),
                         "after": st["after"] * panel.direction[:, None],
                         "shift": step * panel.direction[:, None]})
