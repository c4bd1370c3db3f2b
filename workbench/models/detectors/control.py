"""EWMA and tabular CUSUM control charts in sigma units.

Each series is standardised, ``z = (x - mean) / sd``, by an in-control baseline: a trailing
window (``baseline="rolling"``, the default: ``window`` periods ending ``guard`` periods
ago), the series' first ``train`` observed values (``baseline="training"``), or known
``mean`` / ``sd`` arrays. The recursions then run over periods with vector operations over
all series; a missing value leaves the chart's state unchanged.

* CUSUM (Page 1954; tabular form as in Montgomery): ``C+_t = max(0, C+_{t-1} + z_t - k)``,
  ``C-_t = max(0, C-_{t-1} - z_t - k)``; signals when a sum exceeds ``h``.
* EWMA (Roberts 1959; Lucas & Saccucci 1990): ``e_t = lam z_t + (1 - lam) e_{t-1}``,
  ``e_0 = 0``; signals beyond ``L sqrt(lam / (2 - lam))`` - the asymptotic limits.

``flag`` marks the worse side only; ``two_sided=True`` also flags the better side (that
is the scheme whose run lengths Lucas & Crosier / Lucas & Saccucci tabulate).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from workbench.models.detectors.common import result, spread_floor
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.shared import shared
from workbench.models.windows import rolling_mean_sd

Baseline = Literal["rolling", "training"]


@shared
def standardize(
    w: np.ndarray,
    baseline: Baseline = "rolling",
    window: int = 24,
    guard: int = 3,
    train: int = 24,
    min_history: int = 12,
    mean: np.ndarray | None = None,
    sd: np.ndarray | None = None,
    min_spread: float = 1e-9,
    rel_floor: float = 0.01,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(z, mean, sd) with mean/sd of shape (n, T), NaN where the baseline is too short."""
    n, t = w.shape
    if mean is not None and sd is not None:
        m = np.broadcast_to(np.asarray(mean, np.float64).reshape(-1, 1) if np.ndim(mean) == 1
                            else np.asarray(mean, np.float64), (n, t))
        s = np.broadcast_to(np.asarray(sd, np.float64).reshape(-1, 1) if np.ndim(sd) == 1
                            else np.asarray(sd, np.float64), (n, t))
    elif baseline == "training":
        ok = ~np.isnan(w)
        rank = np.cumsum(ok, axis=1)
        in_train = ok & (rank <= train)
        cnt = in_train.sum(axis=1)
        tot = np.where(in_train, w, 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mu = tot / cnt
            var = np.where(in_train, (w - mu[:, None]) ** 2, 0.0).sum(axis=1) / (cnt - 1)
        good = cnt >= min_history
        mu = np.where(good, mu, np.nan)
        sdv = np.where(good & (cnt > 1), np.sqrt(np.maximum(var, 0.0)), np.nan)
        # Monitoring starts after the training values.
        after = rank > train
        m = np.where(after, mu[:, None], np.nan)
        s = np.where(after, sdv[:, None], np.nan)
    else:
        m, s, count = rolling_mean_sd(w, window, 1 + guard)
        m = np.where(count >= min_history, m, np.nan)
        s = np.where(count >= min_history, s, np.nan)
    s = spread_floor(s, m, min_spread, rel_floor, w) if mean is None else s
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (w - m) / s
    return z, np.asarray(m, np.float64), np.asarray(s, np.float64)


def cusum_path(
    z: np.ndarray, k: float, state: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Upper and lower tabular CUSUM sums of ``z`` (n, T); returns them and the final state."""
    n, t = z.shape
    hi = np.zeros(n) if state is None else state[0].copy()
    lo = np.zeros(n) if state is None else state[1].copy()
    zt = np.ascontiguousarray(z.T)  # periods x series: each step reads and writes one row
    ok = ~np.isnan(zt)
    upper = np.empty((t, n))
    lower = np.empty((t, n))
    buf = np.empty(n)
    for j in range(t):  # the recursion forces a loop over periods; each step covers all series
        # max(0, hi + z - k) and max(0, lo - z - k), in place; a missing z keeps the state.
        np.add(hi, zt[j], out=buf)
        np.subtract(buf, k, out=buf)
        np.maximum(0.0, buf, out=buf)
        np.copyto(hi, buf, where=ok[j])
        np.subtract(lo, zt[j], out=buf)
        np.subtract(buf, k, out=buf)
        np.maximum(0.0, buf, out=buf)
        np.copyto(lo, buf, where=ok[j])
        upper[j] = hi
        lower[j] = lo
    return upper.T, lower.T, (hi, lo)


def ewma_path(z: np.ndarray, lam: float, state: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """EWMA of ``z`` (n, T) started at 0 (or ``state``); returns the path and the final state."""
    n, t = z.shape
    e = np.zeros(n) if state is None else state.copy()
    zt = np.ascontiguousarray(z.T)  # periods x series, as in cusum_path
    ok = ~np.isnan(zt)
    lam_z = lam * zt
    out = np.empty((t, n))
    buf = np.empty(n)
    for j in range(t):
        np.multiply(1.0 - lam, e, out=buf)
        np.add(lam_z[j], buf, out=buf)  # lam z + (1 - lam) e, a missing z keeps e
        np.copyto(e, buf, where=ok[j])
        out[j] = e
    return out.T, e


def cusum(
    panel: SeriesPanel, k: float = 0.5, h: float = 5.0, two_sided: bool = False, **baseline_args
) -> DetectorResult:
    """Tabular CUSUM in sigma units; score is the worse-side sum C+ (flag when > h)."""
    z, m, s = standardize(panel.worse, **baseline_args)
    upper, lower, _ = cusum_path(z, k)
    missing = np.isnan(z)
    score = np.where(missing, np.nan, upper)
    flag = upper > h
    if two_sided:
        flag = flag | (lower > h)
    prev = np.concatenate([np.zeros((len(z), 1)), upper[:, :-1]], axis=1)
    needed = m + s * (h - prev + k)
    return result(panel, "cusum", score, flag & ~missing, m, s, needed,
                  {"k": k, "h": h, "two_sided": two_sided, **baseline_args},
                  extra={"lower": np.where(missing, np.nan, lower)})


def ewma(
    panel: SeriesPanel, lam: float = 0.1, L: float = 2.814, two_sided: bool = False, **baseline_args
) -> DetectorResult:
    """EWMA chart in sigma units with asymptotic limits; score is the EWMA statistic."""
    z, m, s = standardize(panel.worse, **baseline_args)
    path, _ = ewma_path(z, lam)
    limit = L * np.sqrt(lam / (2.0 - lam))
    missing = np.isnan(z)
    score = np.where(missing, np.nan, path)
    flag = path > limit
    if two_sided:
        flag = flag | (path < -limit)
    prev = np.concatenate([np.zeros((len(z), 1)), path[:, :-1]], axis=1)
    needed = m + s * (limit - (1.0 - lam) * prev) / lam
    return result(panel, "ewma", score, flag & ~missing, m, s, needed,
                  {"lam": lam, "L": L, "limit": limit, "two_sided": two_sided, **baseline_args})
