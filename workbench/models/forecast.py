"""Forecasts: a fast exponential-smoothing forecast for every series at once, and a careful
statsmodels forecast for the one series an analyst is looking at.

The fast path runs the simple (SES) or Holt linear recursion over periods with vector
operations over all series, picks each series' smoothing constants from a small grid by
one-step squared error, and gives normal prediction intervals from the one-step residual
variance with the textbook h-step variance factors (Hyndman & Athanasopoulos, 8.7):
SES ``1 + (h-1) a^2``; Holt ``1 + sum_{j<h} (a + a b j)^2``. The careful path fits a damped
additive-trend ETS model (statsmodels ``ETSModel``) and returns its simulated-free analytic
intervals. :func:`threshold_crossing` says when a forecast enters the worse side of the
codebook threshold, which is how "heading for trouble" warnings are made.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from workbench.errors import WorkbenchError
from workbench.models.panel import SeriesPanel
from workbench.models.series import calendar

ALPHA_GRID = (0.1, 0.2, 0.3, 0.5, 0.7, 0.9)
BETA_GRID = (0.05, 0.1, 0.2)


def smooth(
    x: np.ndarray,
    alpha: float | np.ndarray,
    beta: float | np.ndarray | None = None,
    level0: np.ndarray | None = None,
    trend0: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One-step-ahead fitted values, final level and final trend of SES (``beta=None``) or Holt.

    The level starts at ``level0`` (default: each series' first observed value) and the trend
    at ``trend0`` (default 0); a series' fitted values are NaN before its first observation,
    and a missing value leaves level (plus trend) to run on without an update.
    """
    n, t = x.shape
    ok = ~np.isnan(x)
    first = np.where(ok.any(axis=1), np.argmax(ok, axis=1), t)
    a = np.broadcast_to(np.asarray(alpha, np.float64), (n,))
    b = None if beta is None else np.broadcast_to(np.asarray(beta, np.float64), (n,))
    start_level = x[np.arange(n), np.minimum(first, t - 1)] if t else np.zeros(n)
    level = start_level.copy() if level0 is None else np.asarray(level0, np.float64).copy()
    trend = np.zeros(n) if trend0 is None else np.asarray(trend0, np.float64).copy()
    fitted = np.full((n, t), np.nan)
    started = np.zeros(n, dtype=bool) if level0 is None else np.ones(n, dtype=bool)
    for j in range(t):  # recursion over periods; each step is vectorised over series
        started |= first == j
        pred = level + (trend if b is not None else 0.0)
        fitted[:, j] = np.where(started, pred, np.nan)
        xj = x[:, j]
        upd = started & ok[:, j]
        new_level = np.where(upd, a * xj + (1 - a) * pred, pred)
        if b is not None:
            trend = np.where(upd, b * (new_level - level) + (1 - b) * trend, trend)
        level = np.where(started, new_level, level)
    return fitted, level, trend


@dataclass
class Forecast:
    """Forecasts for every series of a panel, ``horizon`` periods past its last period."""

    periods: pd.DatetimeIndex
    mean: np.ndarray  # (n, horizon)
    lower: np.ndarray
    upper: np.ndarray
    alpha: np.ndarray  # chosen smoothing constants per series
    beta: np.ndarray | None
    sigma: np.ndarray  # one-step residual sd per series
    level: float


def forecast_panel(
    panel: SeriesPanel, horizon: int = 6, trend: bool = False, level: float = 0.9,
    alphas: tuple[float, ...] = ALPHA_GRID, betas: tuple[float, ...] = BETA_GRID,
) -> Forecast:
    """Fast SES (or Holt with ``trend=True``) forecasts with prediction intervals for all series."""
    x = panel.values
    n, t = x.shape
    grid = [(a, None) for a in alphas] if not trend else [(a, b) for a in alphas for b in betas]
    best_sse = np.full(n, np.inf)
    best = np.zeros(n, dtype=np.int64)
    fits = []
    for i, (ga, gb) in enumerate(grid):  # a handful of parameter values, never a loop over series
        fitted, lev, tr = smooth(x, ga, gb)
        resid = x - fitted
        sse = np.nansum(resid * resid, axis=1)
        better = sse < best_sse
        best = np.where(better, i, best)
        best_sse = np.where(better, sse, best_sse)
        fits.append((lev, tr))
    rows = np.arange(n)
    lev = np.stack([f[0] for f in fits])[best, rows]
    tr = np.stack([f[1] for f in fits])[best, rows]
    a = np.array([g[0] for g in grid])[best]
    b = np.array([g[1] or 0.0 for g in grid])[best] if trend else None
    n_resid = np.maximum(np.sum(~np.isnan(x), axis=1) - 1 - (1 if trend else 0), 1)
    sigma = np.sqrt(best_sse / n_resid)
    h = np.arange(1, horizon + 1)
    mean = lev[:, None] + (tr[:, None] * h[None, :] if trend else np.zeros((1, horizon)))
    if trend:
        j = np.arange(1, horizon)[None, :]
        terms = (a[:, None] + (a * b)[:, None] * j) ** 2  # (n, horizon-1): j = 1 .. horizon-1
        factor = 1.0 + np.concatenate([np.zeros((n, 1)), np.cumsum(terms, axis=1)], axis=1)
    else:
        factor = 1.0 + (h[None, :] - 1) * a[:, None] ** 2
    z = norm.ppf(0.5 + level / 2)
    half = z * sigma[:, None] * np.sqrt(factor)
    last = panel.periods[-1]
    periods = calendar(last, last + pd.DateOffset(years=horizon + 1), panel.freq)[1 : horizon + 1]
    return Forecast(periods=periods, mean=mean, lower=mean - half, upper=mean + half, alpha=a, beta=b,
                    sigma=sigma, level=level)


def threshold_crossing(
    mean: np.ndarray, bound: np.ndarray, threshold: np.ndarray, direction: np.ndarray
) -> dict[str, np.ndarray]:
    """First forecast step (1-based, 0 = never) at which the forecast reaches the threshold.

    ``bound`` is the prediction-interval limit on the worse side (upper for higher-is-worse,
    lower otherwise), so ``possible`` warns earlier than ``expected``.
    """
    d = np.asarray(direction, np.float64)[:, None]
    thr = np.asarray(threshold, np.float64)[:, None] * d
    expected = (mean * d) >= thr
    possible = (bound * d) >= thr

    def first(hit: np.ndarray) -> np.ndarray:
        return np.where(hit.any(axis=1), np.argmax(hit, axis=1) + 1, 0)

    return {"expected": first(expected), "possible": first(possible)}


def heading_for_threshold(panel: SeriesPanel, horizon: int = 6, level: float = 0.9,
                          trend: bool = True) -> pd.DataFrame:
    """Series whose forecast reaches the codebook threshold within ``horizon`` periods.

    One row per such series: its keys, ``expected`` (first step where the point forecast is
    on the worse side, 0 = not within the horizon), ``possible`` (same for the worse-side
    interval bound), and the forecast at that step. Series already past the threshold at
    their last value are left out - they are a current signal, not a forecast one.
    """
    fc = forecast_panel(panel, horizon=horizon, trend=trend, level=level)
    thr = panel.threshold if panel.threshold is not None else np.full(len(panel.keys), np.nan)
    bound = np.where(panel.direction[:, None] > 0, fc.upper, fc.lower)
    cross = threshold_crossing(fc.mean, bound, thr, panel.direction)
    ok = ~np.isnan(panel.values)
    last_i = np.where(ok.any(axis=1), panel.values.shape[1] - 1 - np.argmax(ok[:, ::-1], axis=1), 0)
    last = panel.values[np.arange(len(panel.keys)), last_i]
    already = (last * panel.direction) >= (thr * panel.direction)
    keep = (cross["possible"] > 0) & ~already
    step = np.maximum(np.where(cross["expected"] > 0, cross["expected"], cross["possible"]), 1) - 1
    rows = np.nonzero(keep)[0]
    out = panel.keys.iloc[rows].reset_index(drop=True)
    out["threshold"] = thr[rows]
    out["last_value"] = last[rows]
    out["expected"] = cross["expected"][rows]
    out["possible"] = cross["possible"][rows]
    out["period"] = fc.periods[step[rows]] if len(rows) else pd.DatetimeIndex([])
    out["forecast"] = fc.mean[rows, step[rows]]
    out["lower"] = fc.lower[rows, step[rows]]
    out["upper"] = fc.upper[rows, step[rows]]
    return out


def forecast_series(
    values: np.ndarray | pd.Series, periods: pd.DatetimeIndex, horizon: int = 6, freq: str = "M",
    level: float = 0.9,
) -> pd.DataFrame:
    """A damped-trend ETS forecast of one series with analytic prediction intervals.

    Gaps are filled by linear interpolation for the fit (ETS needs a complete series); the
    returned frame has ``period, mean, lower, upper``. Raises :class:`WorkbenchError` when the
    series is too short to fit (fewer than 8 observed values).
    """
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    y = pd.Series(np.asarray(values, np.float64), index=pd.DatetimeIndex(periods))
    if y.notna().sum() < 8:
        raise WorkbenchError("too few values to forecast this series (at least 8 are needed)")
    y = y.loc[y.first_valid_index() : y.last_valid_index()].interpolate()
    y.index = pd.RangeIndex(len(y))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter from the optimiser is not the user's
        model = ETSModel(y, error="add", trend="add", damped_trend=True)
        fit = model.fit(disp=False)
        frame = fit.get_prediction(start=len(y), end=len(y) + horizon - 1).summary_frame(alpha=1 - level)
    last = pd.DatetimeIndex(periods)[pd.Series(np.asarray(values, np.float64)).last_valid_index()]
    future = calendar(last, last + pd.DateOffset(years=horizon + 1), freq)[1 : horizon + 1]
    return pd.DataFrame({"period": future, "mean": frame["mean"].to_numpy(),
                         "lower": frame["pi_lower"].to_numpy(), "upper": frame["pi_upper"].to_numpy()})
