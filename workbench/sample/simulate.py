"""Draw the sample's series: baselines, trends, seasons, elections, noise, gaps, episodes.

Everything is drawn from one ``numpy`` generator seeded by the caller, in a fixed order,
so a seed always gives the same numbers. Series of one indicator are drawn for all
districts and groups at once as ``(district, group, month)`` arrays. Where an indicator
is split by group, the groups are drawn and the whole-population value is their
population-weighted mean, so the three numbers always agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.sample.codebook import INDICATORS, IndicatorSpec
from workbench.sample.episodes import RECOVERY_MONTHS, Episode, plan_episodes, realised_shift
from workbench.sample.geography import Geography

START = "2017-01-01"
N_MONTHS = 108  # 2017-01 .. 2025-12
ELECTIONS = ("2017-10-01", "2021-10-01", "2025-10-01")
MISSING_RATE = 0.03


@dataclass
class SampleData:
    """The true sample: every observation (also the missing ones) and the episodes."""

    geo: Geography
    periods: pd.DatetimeIndex
    observations: pd.DataFrame  # province, district, indicator, group, period, freq, value
    episodes: list[Episode]
    shares: pd.DataFrame  # district, displaced_share, youth_share
    missing_years: dict[str, int]


def _calendar(periods: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """Dry-season factor (peaks in January, -1 in July) and pre-election pressure 0..1."""
    month = periods.month.to_numpy()
    season = np.cos(2 * np.pi * (month - 1) / 12)
    election = np.zeros(len(periods))
    for day in ELECTIONS:
        e = periods.get_loc(pd.Timestamp(day))
        for month_index, pressure in zip(range(e - 2, e + 1), (0.5, 0.75, 1.0)):
            if month_index >= 0:
                election[month_index] = pressure
    return season, election


class _Indicator:
    """One indicator's arrays while it is being drawn and topped up."""

    def __init__(
        self, spec: IndicatorSpec, raw: np.ndarray, weights: np.ndarray, sigma: float, level: np.ndarray
    ) -> None:
        self.spec = spec
        self.level = level  # (D,) district baseline level (the mean rate for counts)
        self.raw = raw  # (D, G_split, T) floats before rounding; G_split = 1 when unsplit
        self.weights = weights  # (D,) share of the worse-off group, when split
        self.sigma = sigma  # noise SD of one drawn series
        self.missing = np.zeros((raw.shape[0], len(spec.groups), raw.shape[2]), dtype=bool)

    def values(self) -> np.ndarray:
        """(D, G, T): rounded, clipped values; group 0 is the whole population."""
        spec = self.spec
        vals = np.round(np.clip(self.raw, 0.0, spec.upper), spec.decimals)
        if spec.pair:
            w = self.weights[:, None]
            total = np.round(w * vals[:, 0] + (1 - w) * vals[:, 1], spec.decimals)
            vals = np.concatenate([total[:, None], vals], axis=1)
        if spec.freq == "Q":
            vals[:, :, np.arange(vals.shape[2]) % 3 != 0] = np.nan
        out = np.where(self.missing, np.nan, vals)
        if spec.pair:  # a whole-population estimate needs both groups
            out[:, 0] = np.where(np.isnan(out[:, 1]) | np.isnan(out[:, 2]), np.nan, out[:, 0])
        return out

    def series_sd(self, group: str, d: int) -> float:
        """Noise SD of the whole-population, a group's, or a gap series in district ``d``."""
        if self.spec.model == "count":
            lam = float(self.level[d])
            return math.sqrt(lam + lam * lam / self.spec.dispersion)
        if not self.spec.pair or group not in ("",) and "-" not in group:
            return self.sigma
        w = self.weights[d]
        if group == "":
            return self.sigma * math.sqrt(w * w + (1 - w) ** 2)
        return self.sigma * math.sqrt(2.0)

    def push(self, ep: Episode, amount: np.ndarray) -> None:
        """Add a worse-direction deterioration ``amount`` (per month) to episode's series."""
        sign, d = self.spec.sign, ep.district
        if ep.kind == "gap_widening":
            w = self.weights[d]
            self.raw[d, 0] += sign * amount * (1 - w)  # the worse-off group drifts away ...
            self.raw[d, 1] -= sign * amount * w  # ... the other improves; the total stays.
        else:
            self.raw[d] += sign * amount


def _observed(ind: _Indicator, ep: Episode, group: str) -> np.ndarray:
    """The worse-oriented series an episode (or child row) is judged on."""
    vals = ind.values()[ep.district]
    groups = ind.spec.groups
    if "-" in group:
        series = vals[1] - vals[2]
    else:
        series = vals[groups.index(group)]
    return series * ind.spec.sign


def _draw(
    spec: IndicatorSpec,
    rng: np.random.Generator,
    n_d: int,
    season: np.ndarray,
    election: np.ndarray,
    shares: dict[str, np.ndarray],
) -> _Indicator:
    t = np.arange(len(season), dtype=float)
    lo, hi = spec.baseline
    level = rng.uniform(lo, hi, n_d)
    if spec.model == "count":
        mu = level[:, None] * np.exp(spec.season * season + spec.election * election)[None, :]
        return _Indicator(spec, mu[:, None, :].copy(), np.zeros(n_d), float("nan"), level)
    slope = rng.normal(0.0, spec.trend_sd, n_d)[:, None] * t / 12
    pattern = spec.sign * spec.season * season + spec.election * election
    if spec.pair:
        gap = rng.uniform(*spec.gap, n_d)
        share = shares[spec.pair]
        other = level - share * spec.sign * gap
        means = np.stack([other + spec.sign * gap, other], axis=1)  # worse-off group first
        raw = means[:, :, None] + (slope + pattern)[:, None, :] + rng.normal(0, spec.noise, (n_d, 2, len(t)))
        return _Indicator(spec, raw, share, spec.noise, level)
    raw = level[:, None] + slope + pattern + rng.normal(0, spec.noise, (n_d, len(t)))
    return _Indicator(spec, raw[:, None, :], np.zeros(n_d), spec.noise, level)


def simulate(geo: Geography, seed: int) -> SampleData:
    """Draw the whole sample for ``geo``; see docs/sample_data.md for every rule used."""
    rng = np.random.default_rng(seed)
    n_d = geo.n
    periods = pd.date_range(START, periods=N_MONTHS, freq="MS")
    season, election = _calendar(periods)

    # A few field offices lost a whole year (office closed, data never sent).
    n_blocked = max(1, round(3 * n_d / 60))
    blocked_d = rng.choice(n_d, n_blocked, replace=False)
    blocked_year = rng.choice(np.arange(2018, 2025), n_blocked)
    blocked = {
        int(d): set(range((y - 2017) * 12, (y - 2017) * 12 + 12)) for d, y in zip(blocked_d, blocked_year)
    }
    episodes = plan_episodes(rng, n_d, N_MONTHS, blocked)

    # Population shares of the worse-off group of each pair, rounded as group_shares.csv
    # states them so that the file reproduces every whole-population value.
    shares = {
        "host-displaced": rng.uniform(0.08, 0.35, n_d).round(3),
        "youth-elders": rng.uniform(0.25, 0.4, n_d).round(3),
    }
    drawn = {spec.key: _draw(spec, rng, n_d, season, election, shares) for spec in INDICATORS}

    # Noise SD of each episode's series, rounded as the ground truth file states it.
    for ep in episodes:
        ind = drawn[ep.indicator]
        ep.noise_sd = round(ind.series_sd(ep.group, ep.district), 3)
        ind.push(ep, ep.magnitude_sd * ep.noise_sd * ep.shape(N_MONTHS))

    # Counts are drawn after the episodes raised their expected value.
    for ind in drawn.values():
        if ind.spec.model == "count":
            mu = ind.raw
            ind.raw = rng.poisson(rng.gamma(ind.spec.dispersion, mu / ind.spec.dispersion)).astype(float)

    # Missing values: ~3 % of cells at random, never inside an episode's window.
    protect = {key: np.zeros((n_d, N_MONTHS), dtype=bool) for key in drawn}
    for ep in episodes:
        protect[ep.indicator][ep.district, ep.peak:ep.end + 1] = True
    for key, ind in drawn.items():
        ind.missing = (rng.random(ind.missing.shape) < MISSING_RATE) & ~protect[key][:, None, :]

    # Top up every episode until its measured shift reaches the stated size.
    for ep in episodes:
        ind = drawn[ep.indicator]
        plateau = np.zeros(N_MONTHS)
        plateau[ep.peak:ep.end + 1] = 1.0
        for _ in range(20):
            shift = realised_shift(_observed(ind, ep, ep.group), ep.onset, ep.peak, ep.end)
            deficit = ep.magnitude_sd * ep.noise_sd - shift
            if deficit <= 0:
                break
            step = math.ceil(deficit) if ind.spec.model == "count" else deficit + 0.02
            ep.extra += step
            ind.push(ep, step * plateau)
        else:
            raise RuntimeError(f"episode {ep.episode_id} could not reach its magnitude")

    episodes = episodes + _children(episodes, drawn)
    obs = _frame(geo, periods, drawn, blocked)
    shares = pd.DataFrame(
        {
            "district": geo.districts["district"],
            "displaced_share": shares["host-displaced"],
            "youth_share": shares["youth-elders"],
        }
    )
    missing_years = {geo.districts["district"].iloc[d]: 2017 + min(m) // 12 for d, m in blocked.items()}
    return SampleData(geo, periods, obs, episodes, shares, missing_years)


def _children(episodes: list[Episode], drawn: dict[str, _Indicator]) -> list[Episode]:
    """Group series that an episode moved by at least 1 SD get their own truth row.

    Without them a shift in the whole population (which moves both groups) or a widening
    gap (which moves the worse-off group) would count as false alarms on group series.
    """
    out: list[Episode] = []
    for ep in episodes:
        ind = drawn[ep.indicator]
        if not ind.spec.pair:
            continue
        groups = ind.spec.groups[1:2] if ep.kind == "gap_widening" else ind.spec.groups[1:]
        for group in groups:
            shift = realised_shift(_observed(ind, ep, group), ep.onset, ep.peak, ep.end)
            sd = round(ind.sigma, 3)
            size = math.floor(shift / sd * 10) / 10 if not math.isnan(shift) else float("nan")
            if size >= 1.0:
                out.append(Episode(
                    f"{ep.episode_id}{group[0]}", ep.district, ep.indicator, group, ep.kind, ep.onset,
                    ep.peak, ep.end, size, ep.situation, f"{group} series moved by {ep.episode_id}",
                    parent=ep.episode_id, noise_sd=sd,
                ))
    return out


def _frame(geo: Geography, periods: pd.DatetimeIndex, drawn: dict[str, _Indicator], blocked: dict[int, set[int]]) -> pd.DataFrame:
    """Long table of every row a complete file would carry; ``value`` NaN = reported missing."""
    parts = []
    d_frame = geo.districts
    for key, ind in drawn.items():
        vals = ind.values()
        present = np.ones(vals.shape, dtype=bool)
        if ind.spec.freq == "Q":
            present[:, :, np.arange(vals.shape[2]) % 3 != 0] = False
        for d, months in blocked.items():
            present[d, :, sorted(months)] = False
        d_idx, g_idx, t_idx = np.nonzero(present)
        parts.append(
            pd.DataFrame(
                {
                    "province": d_frame["province"].to_numpy()[d_idx],
                    "district": d_frame["district"].to_numpy()[d_idx],
                    "indicator": key,
                    "group": np.asarray(ind.spec.groups, dtype=object)[g_idx],
                    "period": periods[t_idx],
                    "freq": ind.spec.freq,
                    "value": vals[d_idx, g_idx, t_idx],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


__all__ = ["SampleData", "simulate", "RECOVERY_MONTHS"]
