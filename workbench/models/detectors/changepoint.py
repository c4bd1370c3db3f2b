"""Mean-shift change point over a trailing window, dating the start of the shift.

In each window of the last ``window`` periods the best single split is the one that most
reduces the squared error of two segment means (the normal-mean likelihood ratio; the
same split as ``ruptures`` ``Dynp(model="l2", jump=1)`` with one break). The score is the
pooled two-sample t statistic of that split, signed so that a rise on the worse side is
positive; it flags above ``threshold``. The split is chosen to maximise the statistic, so
the usual t quantiles do not apply: by simulation on 24 independent normal values, 4.5 is
exceeded in about 0.14 % of windows (its 99th percentile is 3.6, the 99.9th 4.7).
``extra['start']`` is the column index where the shifted segment begins. The pooled sd is
floored like the other detectors' spreads, so a shift out of a perfectly flat history
scores high but finite.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from workbench.models.detectors.common import result, spread_floor
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.windows import by_series_blocks, first_values, rolling_count


def best_split(x: np.ndarray, window: int, min_size: int = 2) -> dict[str, np.ndarray]:
    """For each trailing window: split position, before/after means, pooled sd and t statistic.

    Works from prefix sums over each whole series, so every (window end, split) pair is a
    couple of subtractions: for a window [a, t] and a second segment starting at s,
    ``c1 = P[s] - P[a]``, ``n1 = Q[s] - Q[a]``, and the split's reduction of squared error is
    ``(c1 - n1 S / N)^2 N / (n1 n2)``.
    """
    n, t = x.shape
    ends = np.arange(t)
    lower = np.clip(ends - window + 1, 0, t)  # first position of each window
    w1 = window - 1

    def split_view(a: np.ndarray, fill: float | bool) -> np.ndarray:
        """(m, T, w-1) view: [t, k-1] = a[t - w + 1 + k], the k-th candidate second-segment start.

        Starts before position 0 read ``fill``; they are never valid splits (n1 < min_size).
        """
        pad = np.full((a.shape[0], w1), fill, dtype=a.dtype)
        return sliding_window_view(np.concatenate([pad, a], axis=1), w1, axis=1)[:, 1 : t + 1]

    def stats(block: np.ndarray) -> tuple[np.ndarray, ...]:
        ok = ~np.isnan(block)
        centre = first_values(block)  # causal: results at t use values up to t only
        v = np.where(ok, block - centre[:, None], 0.0)
        zero = np.zeros((block.shape[0], 1))
        p1 = np.concatenate([zero, np.cumsum(v, axis=1)], axis=1)  # P[s] = sum of v[:s]
        p2 = np.concatenate([zero, np.cumsum(v * v, axis=1)], axis=1)
        q = np.concatenate([zero, np.cumsum(ok, axis=1, dtype=np.float64)], axis=1)
        p1_lo, q_lo = p1[:, lower], q[:, lower]
        s_tot = p1[:, 1:] - p1_lo
        n_tot = q[:, 1:] - q_lo
        ss_tot = p2[:, 1:] - p2[:, lower]
        # (m, T, w-1) arrays, worked in place (four buffers): the arithmetic, and so every
        # bit of the result, is that of c1 = P[s] - P[a], n1, n2 = N - n1,
        # dev = c1 - n1 (S / N), gain = dev dev N / (n1 n2), invalid splits at -1.
        p1_split = split_view(p1[:, :-1], 0.0)
        q_split = split_view(q[:, :-1], 0.0)
        gain = np.subtract(p1_split, p1_lo[:, :, None])  # c1
        n1 = np.subtract(q_split, q_lo[:, :, None])
        n2 = np.subtract(n_tot[:, :, None], n1)
        with np.errstate(invalid="ignore", divide="ignore"):
            tmp = np.multiply(n1, (s_tot / n_tot)[:, :, None])
            np.subtract(gain, tmp, out=gain)  # dev
            np.multiply(gain, gain, out=gain)
            np.multiply(gain, n_tot[:, :, None], out=gain)
            np.multiply(n1, n2, out=tmp)
            np.divide(gain, tmp, out=gain)
        valid = np.greater_equal(n1, min_size)
        valid &= n2 >= min_size
        valid &= split_view(ok, False)
        np.copyto(gain, -1.0, where=~valid)  # a real gain is >= 0
        k = np.argmax(gain, axis=-1)[..., None]
        best = np.take_along_axis(gain, k, axis=-1)[..., 0]
        c1b = np.take_along_axis(p1_split, k, axis=-1)[..., 0] - p1_lo
        n1b = np.take_along_axis(n1, k, axis=-1)[..., 0]
        has = best >= 0
        n2b = n_tot - n1b
        with np.errstate(invalid="ignore", divide="ignore"):
            m1b = c1b / n1b + centre[:, None]
            m2b = (s_tot - c1b) / n2b + centre[:, None]
            sst = np.maximum(ss_tot - s_tot * s_tot / n_tot, 0.0)
            s2 = np.where(n_tot > 2, np.maximum(sst - best, 0.0) / (n_tot - 2), np.nan)
            factor = np.sqrt(1 / n1b + 1 / n2b)
            sd = np.sqrt(np.where(has, s2, np.nan))
        return (np.where(has, k[..., 0] + 1, -1).astype(np.float64), np.where(has, m1b, np.nan),
                np.where(has, m2b, np.nan), sd, np.where(has, factor, np.nan))

    tau, m1, m2, sd, factor = by_series_blocks(x, t * window * 8, stats)
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
    n_win = rolling_count(w, window)
    sd = spread_floor(st["sd"], st["before"], min_spread, rel_floor, w)
    step = st["after"] - st["before"]
    with np.errstate(invalid="ignore", divide="ignore"):
        score = step / (sd * st["factor"])
    score = np.where((n_win >= min_history) & ~np.isnan(w), score, np.nan)
    start = np.where(st["tau"] >= 0, np.arange(t)[None, :] - window + 1 + st["tau"], np.nan)
    return result(panel, "change_point", score, score >= threshold, st["before"],
                  sd, st["before"] + threshold * sd * st["factor"],
                  {"window": window, "threshold": threshold, "min_history": min_history},
                  extra={"start": np.where(np.isnan(score), np.nan, start),
                         "shift": step * panel.direction[:, None]})
