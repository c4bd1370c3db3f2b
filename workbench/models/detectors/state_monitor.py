"""The surveillance monitor: one pass per period that opens, keeps, ends and rebases alerts.

The threshold detectors judge every period on its own and know nothing of the alerts they
cause, which is how a single event after years of zeros became a "1e9 sigma" alert that
never closed, and how a ramp taught its own baseline to expect it. This detector carries
the alert's state along the series, the way field surveillance systems do (CDC EARS with a
guard band, Farrington's reweighting of past outbreaks, the restart of a CUSUM after an
alarm):

* **Baseline.** The mean and standard deviation of the values in a trailing window that ends
  ``guard`` periods before t, *leaving out periods inside an alert*: an escalation never
  becomes its own baseline. While an alert is open the baseline is frozen at its value when
  the alert opened, so a ramp is judged against the level before it began.
* **Counts** (events, incidents, deaths - the codebook unit, or non-negative whole numbers)
  are judged on the square-root (Anscombe) scale ``2 sqrt(x + 3/8)``, where a Poisson count
  has unit variance; the spread is never taken below that, so one event after a long run of
  zeros is a value about 1.1 spreads above normal, not a billion. A single month is also
  judged by its exact tail probability under a negative binomial with the window's mean and
  overdispersion (at least Poisson), and needs ``min_count`` more than the baseline mean
  before it can open an alert on its own.
* **Signal.** An EWMA of the standardised values (lambda 0.3: a few months' memory, the
  best of the standard charts for steps and ramps of 2-3 sd on autocorrelated data in our
  tuning runs) opens an alert when it passes ``limit`` times its asymptotic spread; a single
  period can open one when it is rarer than ``point_p``.
* **End.** An open alert continues while periods stay above ``cont`` spreads (or flag); after
  ``quiet`` periods that do not, it ends and the EWMA restarts from zero.
* **Protracted.** An alert still open after ``protract`` periods is a new normal: it ends
  as a *protracted situation*, its periods join the baseline and the baseline is re-learned
  from the episode's start only, so a further escalation on top of the new level opens a new
  alert.

Everything at t uses values up to t only (the backtest's causality check holds). The loop
runs over periods; each step is vectorised over all series.

Scores are on one bounded scale: ``-log10`` of the tail probability of what was seen (the
period's value, or the EWMA when that is rarer) under the baseline, capped at
:data:`MAX_SCORE`: 2 means "rarer than 1 period in 100", 4 "1 in 10,000".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np
from scipy.special import ndtr

from workbench.models import monitor_compiled  # the same numbers, one compiled pass per series
from workbench.models.detectors.common import resolution
from workbench.models.panel import DetectorResult, SeriesPanel

#: Largest score reported (a tail probability of one in a billion periods).
MAX_SCORE = 9.0

#: Per frequency: periods per year and the defaults that depend on the calendar.
_BY_FREQ: dict[str, dict[str, int]] = {
    "W": {"window": 156, "guard": 4, "min_history": 26, "quiet": 4, "protract": 26, "rebase_history": 8,
          "season_length": 52},
    "M": {"window": 60, "guard": 2, "min_history": 12, "quiet": 2, "protract": 12, "rebase_history": 6,
          "season_length": 12},
    "Q": {"window": 20, "guard": 1, "min_history": 8, "quiet": 1, "protract": 4, "rebase_history": 3,
          "season_length": 4},
    "Y": {"window": 30, "guard": 1, "min_history": 8, "quiet": 1, "protract": 5, "rebase_history": 3,
          "season_length": 1},
}


@dataclass(frozen=True)
class MonitorParams:
    """The monitor's knobs. The defaults were chosen on tuning data only (synthetic tuning seeds,
    the tuning countries of the conflict set, the sample's seed 7); docs/benchmarks.md,
    "Warning quality", has the figures on held-out data."""

    window: int  # level baseline: the last ``window`` accepted values (five years of months)
    guard: int  # periods between the baseline and the judged period (a build-up stays out)
    min_history: int  # accepted values needed before anything is judged
    quiet: int  # periods that are neither flagged nor above ``cont`` after which an alert ends
    protract: int  # periods after which an open alert is a protracted situation
    rebase_history: int  # values needed after a rebase (a protracted level) to judge again
    season_length: int = 12
    lam: float = 0.3  # EWMA weight of the newest period
    limit: float = 3.2  # EWMA limit in its asymptotic spreads
    point_p: float = 1e-4  # a single period this rare opens an alert on its own
    cont: float = 1.0  # an open alert stays hot while values are this many spreads above normal
    min_count: float = 3.0  # a count needs this many more than normal to open on one period
    confirm: int = 1  # periods the EWMA must stay past its limit before it opens an alert
    trend: float = 9.0  # shrinkage of the level's trend (0: none; larger: only clearer trends count)
    season: float = 0.0  # shrinkage of the annual harmonic (0: none)
    #: Counts (conflict events, incidents) move fast: their level is the recent past, their
    #: spread and overdispersion come from the whole window.
    count_window: int | None = 12
    count_guard: int | None = None
    count_quiet: int | None = 1
    count_min_history: int | None = 6
    count_point_p: float | None = 1e-3
    count_protract: int | None = None
    scale: float = 1.0

    @property
    def ewma_sd(self) -> float:
        return float(np.sqrt(self.lam / (2.0 - self.lam)))


def params_for(freq: str, **overrides: Any) -> MonitorParams:
    """The parameters for a panel of ``freq``; keys that are not parameters are ignored (a
    result's ``params`` can be passed back in)."""
    known = {f.name for f in fields(MonitorParams)}
    base = dict(_BY_FREQ.get(freq, _BY_FREQ["M"]))
    base.update({k: v for k, v in overrides.items() if v is not None and k in known})
    return MonitorParams(**base)


def _anscombe(x: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return 2.0 * np.sqrt(np.maximum(x, 0.0) + 0.375)


def count_tail(x: np.ndarray, mean: np.ndarray, var: np.ndarray) -> np.ndarray:
    """P(X >= x) for a count with this mean and variance: negative binomial where the variance
    exceeds the mean, Poisson otherwise. NaN where x or the mean is missing."""
    from scipy.stats import nbinom, poisson  # here: scipy.stats takes ~0.5 s to import

    out = np.full(x.shape, np.nan)
    ok = np.isfinite(x) & np.isfinite(mean)
    if not ok.any():
        return out
    xs, mu, v = x[ok], np.maximum(mean[ok], 1e-3), np.maximum(np.nan_to_num(var[ok]), 0.0)
    k = np.maximum(np.ceil(xs - 1e-9), 0.0) - 1.0  # P(X >= x) = sf(x - 1)
    over = v > mu * 1.0001
    p = np.empty(xs.shape)
    with np.errstate(all="ignore"):
        size = mu[over] ** 2 / (v[over] - mu[over])
        p[over] = nbinom.sf(k[over], size, size / (size + mu[over]))
        p[~over] = poisson.sf(k[~over], mu[~over])
    out[ok] = np.where(k < 0, 1.0, p)
    return out


def _score(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.minimum(-np.log10(np.maximum(p, 10.0 ** -MAX_SCORE)), MAX_SCORE)


def monitor(panel: SeriesPanel, count: np.ndarray | None = None, **overrides: Any) -> DetectorResult:
    """Alerts as a state carried along each series (see the module docstring).

    ``count`` (bool per series) says which series are counts; by default the panel's
    :meth:`SeriesPanel.count_series`. Parameters not given follow the panel's frequency
    (:data:`_BY_FREQ`); ``scale`` multiplies the EWMA limit and the exponent of ``point_p``,
    so a rule's ``score_scale`` makes the monitor stricter (> 1) or looser (< 1).
    """
    prm = params_for(panel.freq, **overrides)
    is_count = panel.count_series() if count is None else np.asarray(count, bool)
    # Counts are watched where more is worse; a higher-is-better count is judged like a level.
    cnt_rows = is_count & (panel.direction > 0)
    settings = per_series_settings(prm, cnt_rows)
    fast = monitor_compiled.run(panel, cnt_rows, prm, settings, ewma_limit(prm), _score)
    if fast is not None:
        return fast
    x = panel.worse  # larger is worse
    y = np.where(cnt_rows[:, None], _anscombe(x), x)
    res = resolution(np.where(cnt_rows[:, None], np.nan, x))
    out = _Monitor(x, y, cnt_rows, res, prm).run()
    return _result(panel, prm, cnt_rows, out)


def ewma_limit(prm: MonitorParams) -> float:
    """The EWMA's opening limit in its own units."""
    return prm.limit * prm.scale * prm.ewma_sd


def per_series_settings(prm: MonitorParams, cnt: np.ndarray) -> dict[str, np.ndarray]:
    """The settings that differ between counts and levels, per series."""

    def per_series(value: Any, count_value: Any) -> np.ndarray:
        return np.where(cnt, value if count_value is None else count_value, value)

    out: dict[str, np.ndarray] = {
        "width": per_series(prm.window, prm.count_window).astype(np.int64),
        "guard": per_series(prm.guard, prm.count_guard).astype(np.int64),
        "quiet": per_series(prm.quiet, prm.count_quiet).astype(np.int64),
        "min_history": per_series(prm.min_history, prm.count_min_history).astype(np.int64),
        "protract": per_series(prm.protract, prm.count_protract).astype(np.int64),
        "point_p": per_series(prm.point_p, prm.count_point_p).astype(np.float64) ** prm.scale,
    }
    out["long_width"] = np.maximum(out["width"], prm.window).astype(np.int64)
    out["lookback"] = 2 * out["long_width"] + out["protract"]  # no baseline older than this
    return out


class _Sums:
    """Running sums of the values a baseline may use, as prefix sums per series (row ``j`` of a
    series' block holds the sums over periods before j), so any window is two lookups.

    Besides the values (``y`` on the analysed scale, ``x`` as counted) they carry the period
    index ``t`` (when a trend is fitted) and the annual harmonic ``c``/``s`` (when a season
    is), enough for a least-squares level + trend + season over any window. All sums of a
    series sit side by side (``(series, period, sum)``), so a window of every sum of every
    series is one gather."""

    BASE = ("n", "y", "yy", "x", "xx")
    TREND = ("t", "tt", "ty")
    SEASON = ("c", "s", "cc", "ss", "cs", "tc", "ts", "yc", "ys")
    KEYS = BASE + TREND + SEASON

    def __init__(self, n: int, t: int, season: int, trend: bool, seasonal: bool) -> None:
        self.keys = self.BASE + (self.TREND if trend or seasonal else ()) + (self.SEASON if seasonal else ())
        self.index = {k: i for i, k in enumerate(self.keys)}
        self.s = np.zeros((n, t + 1, len(self.keys)))
        self._zero = np.zeros(n)
        angle = 2 * np.pi * np.arange(t) / season if season > 1 else np.zeros(t)
        self.cos = np.cos(angle) if season > 1 else np.zeros(t)
        self.sin = np.sin(angle) if season > 1 else np.zeros(t)

    def terms(self, y: np.ndarray, x: np.ndarray, j: np.ndarray | int) -> np.ndarray:
        """The sums' terms of one period for every series (or of periods ``j`` for one series),
        as ``(..., len(keys))``."""
        tau = np.asarray(j, dtype=np.float64)
        c, s = self.cos[j], self.sin[j]
        y, x = np.asarray(y, np.float64), np.asarray(x, np.float64)
        shape = np.broadcast(y, tau).shape
        values = {"n": 1.0, "y": y, "yy": y * y, "x": x, "xx": x * x, "t": tau, "tt": tau * tau, "ty": tau * y,
                  "c": c, "s": s, "cc": c * c, "ss": s * s, "cs": c * s, "tc": tau * c, "ts": tau * s,
                  "yc": y * c, "ys": y * s}
        return np.stack([np.broadcast_to(values[k], shape) for k in self.keys], axis=-1)

    def extend(self, j: int, accepted: np.ndarray, y: np.ndarray, x: np.ndarray) -> None:
        self.s[:, j + 1] = self.s[:, j] + self.terms(y, x, j) * accepted[:, None]

    def rebuild(self, r: int, s0: int, j: int, accepted: np.ndarray, y: np.ndarray, x: np.ndarray) -> None:
        """Row ``r`` from period ``s0 + 1`` to ``j + 1`` after its accepted periods changed."""
        idx = np.arange(s0, j + 1)
        self.s[r, s0 + 1 : j + 2] = self.s[r, s0] + np.cumsum(self.terms(y, x, idx) * accepted[:, None], axis=0)

    def window(self, rows: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> dict[str, np.ndarray]:
        d = self.s[rows, hi] - self.s[rows, lo]
        out = {k: d[:, i] for k, i in self.index.items()}
        for k in self.KEYS:
            out.setdefault(k, self._zero)
        return out

    def accepted_count(self, rows: np.ndarray, at: np.ndarray) -> np.ndarray:
        return self.s[rows, at, 0]


def _fit_shape(w: dict[str, np.ndarray], j: int, trend: float, season: float) -> np.ndarray:
    """Per series: (slope, cos, sin) of level + trend + annual harmonic by least squares over a
    window's sums, each shrunk towards 0 by how clearly the window shows it (a t or F
    statistic ``T`` scaled by ``T / (T + c)``): a trend or season counts once the history
    supports it, as Farrington's and Noufaily's baselines do."""
    n = w["n"]
    k = n.shape[0]
    use_t, use_s = trend > 0, season > 0
    cols = ["1"] + (["t"] if use_t else []) + (["c", "s"] if use_s else [])
    if len(cols) == 1:
        return np.zeros((k, 3))
    name = {"1": "", "t": "t", "c": "c", "s": "s"}  # "1" never reaches a key below

    def cross(a: str, b: str) -> np.ndarray:
        if a == "1" and b == "1":
            return n
        if a == "1" or b == "1":
            return w[name[b] if a == "1" else name[a]]
        key = name[a] + name[b]
        return w[key] if key in w else w[name[b] + name[a]]

    m = len(cols)
    xtx = np.empty((k, m, m))
    xty = np.empty((k, m))
    for i, a in enumerate(cols):
        xty[:, i] = w["y"] if a == "1" else w["y" + name[a]] if ("y" + name[a]) in w else w[name[a] + "y"]
        for jj, b in enumerate(cols):
            xtx[:, i, jj] = cross(a, b)
    ok = n >= m + 3
    xtx[~ok] = np.eye(m)
    xty[~ok] = 0.0
    xtx = xtx + np.eye(m)[None] * 1e-9
    try:
        beta = np.linalg.solve(xtx, xty[..., None])[..., 0]
        inv = np.linalg.inv(xtx)
    except np.linalg.LinAlgError:
        return np.zeros((k, 3))
    rss = np.maximum(w["yy"] - np.einsum("ki,ki->k", beta, xty), 0.0)
    sigma2 = np.where(ok, rss / np.maximum(n - m, 1), np.inf)
    out = np.zeros((k, 3))
    with np.errstate(invalid="ignore", divide="ignore"):
        if use_t:
            i = cols.index("t")
            t2 = beta[:, i] ** 2 / (sigma2 * inv[:, i, i])
            out[:, 0] = np.nan_to_num(beta[:, i] * t2 / (t2 + trend))
        if use_s:
            i = cols.index("c")
            bs = beta[:, i : i + 2]
            cov = inv[:, i : i + 2, i : i + 2] * sigma2[:, None, None]
            det = cov[:, 0, 0] * cov[:, 1, 1] - cov[:, 0, 1] ** 2
            f2 = (bs[:, 0] ** 2 * cov[:, 1, 1] - 2 * bs[:, 0] * bs[:, 1] * cov[:, 0, 1] + bs[:, 1] ** 2 * cov[:, 0, 0]) / det / 2
            shrink = np.nan_to_num(f2 / (f2 + season))
            out[:, 1] = np.nan_to_num(bs[:, 0]) * shrink * ok
            out[:, 2] = np.nan_to_num(bs[:, 1]) * shrink * ok
    out[:, 0] *= ok
    return out


class _Monitor:
    """The loop over periods; every step handles all series at once."""

    def __init__(self, x: np.ndarray, y: np.ndarray, cnt: np.ndarray, res: np.ndarray, prm: MonitorParams) -> None:
        self.x, self.y, self.cnt, self.res, self.prm = x, y, cnt, res, prm
        n, t = y.shape
        self.n, self.t = n, t
        self.valid = np.isfinite(y)
        self.y0, self.x0 = np.where(self.valid, y, 0.0), np.where(self.valid, x, 0.0)
        self.rows = np.arange(n)

        settings = per_series_settings(prm, cnt)
        self.width, self.guard, self.quiet = settings["width"], settings["guard"], settings["quiet"]
        self.min_history, self.protract = settings["min_history"], settings["protract"]
        self.point_p, self.long_width, self.lookback = settings["point_p"], settings["long_width"], settings["lookback"]
        self.limit = ewma_limit(prm)
        self.shaped = prm.trend > 0 or (prm.season > 0 and prm.season_length > 1)
        self.split_counts = bool((cnt & (self.long_width > self.width)).any())
        # State per series.
        self.sums = _Sums(n, t, prm.season_length, prm.trend > 0, prm.season > 0 and prm.season_length > 1)
        self.long_ptr = np.zeros(n, np.int64)
        self.accepted = np.zeros((n, t), bool)
        self.floor = np.zeros(n, np.int64)  # first period a baseline may use (moved by a rebase)
        self.lo_ptr = np.zeros(n, np.int64)
        self.rebased = np.zeros(n, bool)
        self.is_open = np.zeros(n, bool)
        self.start = np.zeros(n, np.int64)
        self.last_hot = np.zeros(n, np.int64)
        self.frozen = {k: np.zeros(n) for k in ("mean", "sd", "xmean", "xvar")}
        self.episode = {k: np.zeros(n) for k in ("n", "y", "yy", "x", "xx")}  # sums inside the open alert
        self.ewma = np.zeros(n)
        self.run_len = np.zeros(n, np.int64)
        self.out = {k: np.full((n, t), np.nan) for k in ("score", "z", "mean", "sd", "xmean", "xvar", "ewma",
                                                         "p_point", "needed")}
        for k in ("flag", "opened", "protracted", "ended", "point_hit", "ewma_hit", "escalated"):
            self.out[k] = np.zeros((n, t), bool)
        self.out["count"] = np.broadcast_to(cnt[:, None], (n, t))

    # -- baseline ---------------------------------------------------------------------------
    def long_ptr_counts(self, j: int, hi: np.ndarray, hi_c: np.ndarray) -> np.ndarray:
        """Start of the long window (shared with the season and trend fit)."""
        if not self.shaped:
            self.long_ptr = self._window_start(self.long_ptr, hi_c, hi, self.long_width)
        return self.long_ptr

    def _window_start(self, ptr: np.ndarray, hi_c: np.ndarray, hi: np.ndarray, width: np.ndarray) -> np.ndarray:
        """The first column of the last ``width`` accepted values before ``hi``: periods inside an
        alert and missing ones are skipped, not counted (never further back than ``lookback``)."""
        lo = np.clip(np.maximum(np.maximum(ptr, self.floor), hi - self.lookback), 0, hi_c)
        top = self.sums.accepted_count(self.rows, hi_c)
        while True:
            over = top - self.sums.accepted_count(self.rows, lo) > width
            if not over.any():
                return lo
            lo = lo + over

    def baseline(self, j: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """What period ``j`` is judged against, on the analysed scale (``mean``, ``sd``) and as a
        count (``xmean``, ``xvar``).

        The level is the mean of the last ``width`` accepted values before ``j - guard`` (the
        recent past for counts, five years for levels); a trend and an annual season, fitted
        over the longer window and kept only as far as the history shows them, are removed
        before averaging and added back at ``j``. A series whose alert just ended still has a
        baseline: the periods of the alert are skipped, not counted.
        """
        prm = self.prm
        hi = j - self.guard + 1  # windows are [lo, hi) in prefix-sum columns
        hi_c = np.maximum(hi, 0)
        self.lo_ptr = self._window_start(self.lo_ptr, hi_c, hi, self.width)
        w = self.sums.window(self.rows, self.lo_ptr, hi_c)
        k = w["n"]
        if self.shaped:
            self.long_ptr = self._window_start(self.long_ptr, hi_c, hi, self.long_width)
            shape = _fit_shape(self.sums.window(self.rows, self.long_ptr, hi_c), j, prm.trend, prm.season)
        else:
            shape = np.zeros((self.n, 3))
        # A count's level is already its recent past: a trend would only chase its bursts.
        bt, bc, bs = np.where(self.cnt, 0.0, shape[:, 0]), shape[:, 1], shape[:, 2]
        with np.errstate(invalid="ignore", divide="ignore"):
            mu = (w["y"] - bt * w["t"] - bc * w["c"] - bs * w["s"]) / k
            uu = (w["yy"] - 2 * (bt * w["ty"] + bc * w["yc"] + bs * w["ys"]) + bt**2 * w["tt"] + bc**2 * w["cc"]
                  + bs**2 * w["ss"] + 2 * (bt * bc * w["tc"] + bt * bs * w["ts"] + bc * bs * w["cs"]))
            var = np.maximum(uu - k * mu**2, 0.0) / np.maximum(k - 1, 1)
            mean = mu + bt * j + bc * self.sums.cos[j] + bs * self.sums.sin[j]
            xm = w["x"] / k
            xv = np.maximum(w["xx"] / k - xm**2, 0.0) * k / np.maximum(k - 1, 1)
            dispersion = np.where(xm > 0, np.maximum(xv / xm, 1.0), 1.0)
            if self.split_counts:
                # A count's level is its recent past, but how much it varies needs more months
                # than that to be known: spread and overdispersion come from the long window
                # (never below the recent months' own).
                lw = self.sums.window(self.rows, self.long_ptr_counts(j, hi, hi_c), hi_c)
                kl = lw["n"]
                lm = lw["y"] / kl
                lv = np.maximum(lw["yy"] / kl - lm**2, 0.0) * kl / np.maximum(kl - 1, 1)
                lxm = lw["x"] / kl
                lxv = np.maximum(lw["xx"] / kl - lxm**2, 0.0) * kl / np.maximum(kl - 1, 1)
                ldisp = np.where(lxm > 0, np.maximum(lxv / lxm, 1.0), 1.0)
                use = self.cnt & (kl > k)
                var = np.where(use, np.fmax(var, lv), var)
                dispersion = np.where(use, np.fmax(dispersion, ldisp), dispersion)
            if self.shaped:  # a count's expectation follows the season too
                xm = np.where(self.cnt, np.maximum((mean / 2) ** 2 - 0.375, 0.0), xm)
            # n empty periods do not prove a rate of zero: the Jeffreys estimate 0.5 / (n + 1)
            # is the least a count's mean is taken to be, so one event after two years of
            # nothing is "rarer than 1 in ~50", not "impossible".
            xm = np.where(self.cnt, np.maximum(xm, 0.5 / (k + 1)), xm)
            xv = np.where(self.cnt, xm * dispersion, xv)
        b = {"n": k, "mean": mean, "sd": np.maximum(np.sqrt(var), self.spread_floor(j, mean)), "xmean": xm,
             "xvar": xv}
        need = np.where(self.rebased, prm.rebase_history, self.min_history)
        ready = (k >= need) & (hi > 0)
        return b, ready

    def spread_floor(self, j: int, mean: np.ndarray) -> np.ndarray:
        """A count's spread is never below Poisson's (1 on the square-root scale); a level's
        never below the data's own step or 1 % of its level: a flat history never divides by
        almost zero."""
        return np.where(self.cnt, 1.0, np.maximum(np.maximum(self.res[:, j], 0.01 * np.abs(mean)), 1e-9))

    def point_tail(self, j: int, here: np.ndarray, mean: np.ndarray, sd: np.ndarray, xmean: np.ndarray,
                   xvar: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(z, tail probability) of period ``j`` under a baseline: normal on the analysed scale,
        negative binomial (at least Poisson) for counts."""
        with np.errstate(invalid="ignore", divide="ignore"):
            z = np.where(here, (self.y[:, j] - mean) / sd, np.nan)
        zc = np.clip(np.nan_to_num(z), -8.0, 8.0)
        p = np.where(here, 1.0 - ndtr(zc), np.nan)
        if self.cnt.any():
            pc = count_tail(np.where(here & self.cnt, self.x[:, j], np.nan), xmean, np.maximum(xvar, xmean))
            p = np.where(self.cnt & here, pc, p)
        return z, p

    def big_enough(self, j: int, xmean: np.ndarray) -> np.ndarray:
        """A count needs ``min_count`` more than normal to open an alert on one period alone."""
        with np.errstate(invalid="ignore"):
            return ~self.cnt | (self.x[:, j] - xmean >= self.prm.min_count)

    # -- one period -------------------------------------------------------------------------
    def step(self, j: int) -> None:
        prm, out = self.prm, self.out
        b, ready = self.baseline(j)
        is_open = self.is_open
        for key in ("mean", "sd", "xmean", "xvar"):
            b[key] = np.where(is_open, self.frozen[key], b[key])
        ready = ready | is_open
        here = self.valid[:, j] & ready
        z, p_point = self.point_tail(j, here, b["mean"], b["sd"], b["xmean"], b["xvar"])
        zc = np.clip(np.nan_to_num(z), -8.0, 8.0)
        self.ewma = np.where(here, prm.lam * zc + (1 - prm.lam) * self.ewma, self.ewma)
        with np.errstate(invalid="ignore"):
            point_hit = here & (p_point <= self.point_p) & self.big_enough(j, b["xmean"])
            ewma_hit = here & (self.ewma > self.limit) & (~self.cnt | (self.x[:, j] > b["xmean"]))
        self.run_len = np.where(here, np.where(ewma_hit, self.run_len + 1, 0), self.run_len)
        flag = point_hit | (ewma_hit & ((self.run_len >= prm.confirm) | is_open))
        hot = here & (flag | (zc > prm.cont))
        escalated = self.escalation_on_top(j, here)
        if escalated.any():
            b, z, p_point, zc, flag, hot = self.rebase_on_escalation(j, escalated, b, z, p_point, zc, flag, hot)
        new = (flag & ~self.is_open) | escalated
        for key in ("mean", "sd", "xmean", "xvar"):
            self.frozen[key] = np.where(new, b[key], self.frozen[key])
        self.start = np.where(new, j, self.start)
        for key in self.episode:
            self.episode[key] = np.where(new, 0.0, self.episode[key])
        self.is_open = self.is_open | new
        self.last_hot = np.where(self.is_open & hot, j, self.last_hot)
        ended = self.is_open & (j - self.last_hot >= self.quiet)
        protracted = self.is_open & ~ended & (j - self.start + 1 >= self.protract)
        out["flag"][:, j] = self.is_open & ~ended & hot
        out["opened"][:, j] = new
        out["protracted"][:, j] |= protracted
        out["ended"][:, j] = ended
        out["point_hit"][:, j] = point_hit
        out["ewma_hit"][:, j] = ewma_hit
        out["escalated"][:, j] = escalated
        # Periods inside an alert stay out of the baseline; a protracted episode's go in.
        self.accepted[:, j] = self.valid[:, j] & ~(self.is_open & ~ended)
        for r in np.flatnonzero(protracted):
            self.rebase(int(r), int(self.start[r]), j)
        self.rebased |= protracted
        closing = ended | protracted
        self.ewma = np.where(closing, 0.0, self.ewma)
        self.is_open &= ~closing
        still = self.is_open & self.valid[:, j]
        for key, v in (("n", 1.0), ("y", self.y0[:, j]), ("yy", self.y0[:, j] ** 2), ("x", self.x0[:, j]),
                       ("xx", self.x0[:, j] ** 2)):
            self.episode[key] = self.episode[key] + np.where(still, v, 0.0)
        self.sums.extend(j, self.accepted[:, j], self.y0[:, j], self.x0[:, j])
        for r in np.flatnonzero(protracted):  # their prefix sums changed behind column j
            s0 = int(self.start[r])
            self.sums.rebuild(int(r), s0, j, self.accepted[r, s0 : j + 1], self.y0[r, s0 : j + 1],
                              self.x0[r, s0 : j + 1])
        p_ewma = np.where(here, 1.0 - ndtr(self.ewma / prm.ewma_sd), np.nan)
        out["score"][:, j] = np.where(here, np.fmax(_score(p_point), _score(p_ewma)), np.nan)
        out["z"][:, j] = z
        for key in ("mean", "sd", "xmean", "xvar"):
            out[key][:, j] = np.where(ready, b[key], np.nan)
        out["ewma"][:, j] = np.where(here, self.ewma, np.nan)
        out["p_point"][:, j] = p_point
        # The value that would have opened an alert this period (on the analysed scale).
        prev = (self.ewma - prm.lam * zc) / (1 - prm.lam) if prm.lam < 1 else np.zeros(self.n)
        out["needed"][:, j] = np.where(ready, b["mean"] + b["sd"] * (self.limit - (1 - prm.lam) * prev) / prm.lam,
                                       np.nan)

    def rebase(self, r: int, s0: int, j: int) -> None:
        """The periods ``s0..j`` of row ``r`` become its baseline, and only they (a new level)."""
        self.accepted[r, s0 : j + 1] = self.valid[r, s0 : j + 1]
        self.floor[r] = s0

    # -- a further escalation inside an open alert -----------------------------------------------
    def episode_level(self) -> dict[str, np.ndarray]:
        e = self.episode
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = e["y"] / e["n"]
            var = np.maximum(e["yy"] / e["n"] - mean**2, 0.0) * e["n"] / np.maximum(e["n"] - 1, 1)
            xmean = e["x"] / e["n"]
            xvar = np.maximum(e["xx"] / e["n"] - xmean**2, 0.0) * e["n"] / np.maximum(e["n"] - 1, 1)
        return {"mean": mean, "sd": np.sqrt(var), "xmean": xmean, "xvar": xvar}

    def escalation_on_top(self, j: int, here: np.ndarray) -> np.ndarray:
        """Open alerts whose period ``j`` is as rare against the alert's own level so far as an
        opening is against the baseline: the situation escalated again."""
        candidates = self.is_open & here & (self.episode["n"] >= self.prm.rebase_history)
        if not candidates.any():
            return candidates
        lvl = self.episode_level()
        sd = np.maximum(lvl["sd"], np.maximum(self.spread_floor(j, lvl["mean"]), self.frozen["sd"]))
        _, p = self.point_tail(j, candidates, lvl["mean"], sd, lvl["xmean"], np.maximum(lvl["xvar"], self.frozen["xvar"]))
        with np.errstate(invalid="ignore"):
            return candidates & (p <= self.point_p) & self.big_enough(j, lvl["xmean"])

    def rebase_on_escalation(self, j, escalated, b, z, p_point, zc, flag, hot):  # type: ignore[no-untyped-def]
        """The open alert becomes a protracted situation at ``j - 1`` (its level is the new
        baseline) and a new alert opens at ``j`` against that level."""
        lvl = self.episode_level()
        lvl["sd"] = np.maximum(lvl["sd"], np.maximum(self.spread_floor(j, lvl["mean"]), self.frozen["sd"]))
        lvl["xvar"] = np.maximum(lvl["xvar"], self.frozen["xvar"])
        for r in np.flatnonzero(escalated):
            s0 = int(self.start[r])
            self.out["protracted"][r, j - 1] = True
            self.rebase(int(r), s0, j - 1)
            self.sums.rebuild(int(r), s0, j - 1, self.accepted[r, s0:j], self.y0[r, s0:j], self.x0[r, s0:j])
        self.rebased |= escalated
        for key in ("mean", "sd", "xmean", "xvar"):
            b[key] = np.where(escalated, lvl[key], b[key])
        z2, p2 = self.point_tail(j, escalated, lvl["mean"], lvl["sd"], lvl["xmean"], lvl["xvar"])
        z = np.where(escalated, z2, z)
        p_point = np.where(escalated, p2, p_point)
        zc = np.clip(np.nan_to_num(z), -8.0, 8.0)
        self.ewma = np.where(escalated, self.prm.lam * zc, self.ewma)
        self.is_open = self.is_open & ~escalated
        return b, z, p_point, zc, flag | escalated, hot | escalated

    def run(self) -> dict[str, np.ndarray]:
        for j in range(self.t):
            self.step(j)
        return self.out


def _from_anscombe(v: np.ndarray) -> np.ndarray:
    return np.maximum((v / 2.0) ** 2 - 0.375, 0.0)


def _result(panel: SeriesPanel, prm: MonitorParams, cnt: np.ndarray, out: dict[str, np.ndarray]) -> DetectorResult:
    """Baseline, spread and threshold in the indicator's units and direction."""
    c = cnt[:, None]
    baseline_w = np.where(c, out["xmean"], out["mean"])
    # A count's spread is reported in its own units: the sd of the counts (at least Poisson's).
    spread = np.where(c, np.sqrt(np.maximum(out["xvar"], out["xmean"])), out["sd"])
    threshold_w = np.where(c, _from_anscombe(out["needed"]), out["needed"])
    d = panel.direction[:, None]
    return DetectorResult(
        method="monitor",
        score=out["score"],
        flag=out["flag"],
        value=panel.values,
        baseline=baseline_w * d,
        spread=spread,
        threshold=threshold_w * d,
        params={**asdict(prm), "spread_name": "SDs", "stateful": True},
        extra={"opened": out["opened"], "protracted": out["protracted"], "ended": out["ended"],
               "point_hit": out["point_hit"], "ewma_hit": out["ewma_hit"],
               "z": out["z"], "ewma": out["ewma"], "p_point": out["p_point"], "count": out["count"]},
    )
