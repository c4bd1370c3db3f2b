"""The synthetic protocol of issue 13, as a generator.

300 monthly series over 10 years: level + seasonality (amplitude 0.5 sd) + AR(1) noise
(phi 0.4, marginal sd 1 in "sd" units); 100 of them carry one injected deterioration from
year 6 on: 50 steps of 2-3 sd, 50 linear ramps reaching 3 sd over 6-12 months. For a
higher-is-better indicator the deterioration is a drop. Steps and ramps then hold until the
end of the series (a deterioration that becomes the new normal; the alert must become a
protracted situation rather than stay open).

"sd" is the marginal standard deviation of the AR(1) noise (its innovations have sd
sqrt(1 - phi^2)): the sd a team sees in the series' own history once its season is
removed. Each series gets its own level and scale so that units differ as in a real codebook.

Seeds are split once, before anything was tuned: :data:`TUNING_SEEDS` may be looked at while
choosing parameters, :data:`HELD_OUT_SEEDS` only for the figures reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TUNING_SEEDS = (1, 2, 3)
HELD_OUT_SEEDS = (101, 102, 103, 104, 105)

N_SERIES = 300
N_INJECTED = 100
N_MONTHS = 120
PHI = 0.4
SEASON_SD = 0.5
START = "2015-01-01"
#: Onsets from year 6 on, and early enough that onset + 6 months lies inside the series.
FIRST_ONSET = 60
LAST_ONSET = N_MONTHS - 7


@dataclass
class SyntheticSet:
    observations: pd.DataFrame  # region, indicator, group, period, value, freq
    codebook: pd.DataFrame  # key, name, unit, direction, ...
    truth: pd.DataFrame  # series, region, indicator, kind, onset (index), onset_period, size_sd, ramp_months
    periods: pd.DatetimeIndex
    n_months: int
    #: What only the generator knows, for the oracle bound: per series (in indicator order)
    #: the level, the scale of one sd, the season (series x months) and the worse direction.
    level: np.ndarray | None = None
    scale: np.ndarray | None = None
    season: np.ndarray | None = None
    worse: np.ndarray | None = None


def generate(seed: int) -> SyntheticSet:
    rng = np.random.default_rng(seed)
    n, t = N_SERIES, N_MONTHS
    # AR(1) noise with marginal sd 1, started in its stationary distribution.
    innov = rng.normal(0.0, np.sqrt(1 - PHI**2), (n, t))
    noise = np.empty((n, t))
    noise[:, 0] = rng.normal(0.0, 1.0, n)
    for j in range(1, t):
        noise[:, j] = PHI * noise[:, j - 1] + innov[:, j]
    phase = rng.uniform(0, 2 * np.pi, n)
    month = np.arange(t)
    season = SEASON_SD * np.sin(2 * np.pi * month[None, :] / 12 + phase[:, None])
    worse = np.where(rng.random(n) < 0.35, -1.0, 1.0)  # -1: higher is better
    effect = np.zeros((n, t))
    injected = rng.choice(n, N_INJECTED, replace=False)
    rows = []
    for i, s in enumerate(injected):
        onset = int(rng.integers(FIRST_ONSET, LAST_ONSET + 1))
        if i < N_INJECTED // 2:
            size = float(rng.uniform(2.0, 3.0))
            effect[s, onset:] = size
            kind, ramp = "step", 0
        else:
            size = 3.0
            ramp = int(rng.integers(6, 13))
            steps = np.minimum((np.arange(t - onset) + 1) / ramp, 1.0)
            effect[s, onset:] = size * steps
            kind = "ramp"
        rows.append((int(s), kind, onset, size, ramp))
    scale = rng.uniform(1.0, 8.0, n)  # the series' sd in its own units
    level = rng.uniform(20.0, 70.0, n)
    values = level[:, None] + scale[:, None] * (season + noise + worse[:, None] * effect)
    values = np.round(values, 1)
    periods = pd.date_range(START, periods=t, freq="MS")
    keys = [f"series_{i:03d}" for i in range(n)]
    obs = pd.DataFrame({
        "region": np.repeat([f"District {i:03d}" for i in range(n)], t),
        "indicator": np.repeat(keys, t),
        "group": "",
        "period": np.tile(periods, n),
        "value": values.reshape(-1),
        "freq": "M",
    })
    codebook = pd.DataFrame({
        "id": np.arange(1, n + 1),
        "key": keys,
        "name": [f"Indicator {i:03d}" for i in range(n)],
        "domain": "synthetic",
        "unit": "%",
        "direction": np.where(worse > 0, "higher_is_worse", "higher_is_better"),
        "threshold": np.nan,
        "description": "",
    })
    truth = pd.DataFrame(rows, columns=["series", "kind", "onset", "size_sd", "ramp_months"])
    truth["region"] = [f"District {s:03d}" for s in truth["series"]]
    truth["indicator"] = [keys[s] for s in truth["series"]]
    truth["onset_period"] = periods[truth["onset"].to_numpy()]
    return SyntheticSet(obs, codebook, truth.sort_values("series").reset_index(drop=True), periods, t,
                        level, scale, season, worse)
