"""An upper bound for the synthetic protocol: the monitor's alert logic fed with the truth.

The generator knows each series' level, scale and season; an "oracle" EWMA standardises
with those exact numbers (no baseline to estimate, no season to learn) and uses the same
alert logic as the monitor (open past the EWMA limit, stay open while above 1 sd, end after
2 quiet months, protracted after 12). What it achieves is what no method estimating its
baseline from the data can beat at the same false-alarm rate - the yardstick for the
protocol's goal of 0.90 detection at 0.10 false alarms per series-year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.warning_quality.synthetic import SyntheticSet


def oracle_alerts(data: SyntheticSet, limit: float, lam: float = 0.3, quiet: int = 2, protract: int = 12,
                  cont: float = 1.0, warm_up: int = 12) -> pd.DataFrame:
    values = data.observations.pivot(index="indicator", columns="period", values="value").to_numpy()
    z = (values - data.level[:, None]) / data.scale[:, None] - data.season
    z = z * data.worse[:, None]
    n, t = z.shape
    lim = limit * np.sqrt(lam / (2 - lam))
    e = np.zeros(n)
    is_open = np.zeros(n, bool)
    start = np.zeros(n, int)
    last = np.zeros(n, int)
    rows = []
    for j in range(t):
        e = lam * z[:, j] + (1 - lam) * e
        flag = (e > lim) & (j >= warm_up)
        hot = flag | (z[:, j] > cont)
        new = flag & ~is_open
        start = np.where(new, j, start)
        last = np.where(new, j, last)
        is_open |= new
        last = np.where(is_open & hot, j, last)
        ended = is_open & (j - last >= quiet)
        prot = is_open & ~ended & (j - start + 1 >= protract)
        for r in np.flatnonzero(ended | prot):
            rows.append((r, start[r], j))
        e = np.where(ended | prot, 0.0, e)
        is_open &= ~(ended | prot)
    rows += [(r, start[r], t - 1) for r in np.flatnonzero(is_open)]
    keys = sorted(data.observations["indicator"].unique())
    region = dict(zip(data.observations["indicator"], data.observations["region"]))
    return pd.DataFrame([(region[keys[r]], keys[r], data.periods[o], data.periods[c]) for r, o, c in rows],
                        columns=["region", "indicator", "opened", "closed"])
