"""CDC EARS C1, C2 and C3 (Hutwagner et al. 2003), vectorised over all series.

* C1: baseline mean and sample sd of t-7..t-1; ``C1 = (x_t - mean) / sd``; flag at 3.
* C2: the same with baseline t-9..t-3 (a two-period guard band); flag at 3.
* C3: ``sum_{i=t-2..t} max(0, C2_i - 1)``; flag at 2. This is the CDC definition. R's
  ``surveillance::earsC`` computes its C3 *upper bound* from the two previous C2 terms only
  (the current C2 term is left out of the bound), so its alarms can differ from the CDC
  statistic; we follow the CDC.

Missing values are skipped within a baseline; at least ``min_history`` of the 7 baseline
values must be present. A C2 term missing at t-1 or t-2 counts as 0 in C3 (the current one
must be present). The sd is floored (see :func:`spread_floor`) so a flat baseline does not
divide by zero.
"""

from __future__ import annotations

import numpy as np

from workbench.models.detectors.common import result, spread_floor
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.shared import shared
from workbench.models.windows import rolling_mean_sd

BASELINE = 7


@shared  # C2 and C3 report the same statistic, baseline and spread: one array each
def _c_stat(w: np.ndarray, lag: int, min_history: int, min_spread: float, rel_floor: float):
    mean, sd, count = rolling_mean_sd(w, BASELINE, lag)
    sd = spread_floor(sd, mean, min_spread, rel_floor, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        c = (w - mean) / sd
    return np.where(count >= min_history, c, np.nan), mean, sd


def ears_c1(panel: SeriesPanel, threshold: float = 3.0, min_history: int = 5,
            min_spread: float = 1e-9, rel_floor: float = 0.01) -> DetectorResult:
    """EARS C1: today against the last seven periods."""
    c, mean, sd = _c_stat(panel.worse, 1, min_history, min_spread, rel_floor)
    return result(panel, "ears_c1", c, c >= threshold, mean, sd, mean + threshold * sd,
                  {"threshold": threshold, "min_history": min_history})


def ears_c2(panel: SeriesPanel, threshold: float = 3.0, min_history: int = 5,
            min_spread: float = 1e-9, rel_floor: float = 0.01) -> DetectorResult:
    """EARS C2: today against periods t-9..t-3, so a two-period rise is not in its own baseline."""
    c, mean, sd = _c_stat(panel.worse, 3, min_history, min_spread, rel_floor)
    return result(panel, "ears_c2", c, c >= threshold, mean, sd, mean + threshold * sd,
                  {"threshold": threshold, "min_history": min_history})


def ears_c3(panel: SeriesPanel, threshold: float = 2.0, min_history: int = 5,
            min_spread: float = 1e-9, rel_floor: float = 0.01) -> DetectorResult:
    """EARS C3: C2's excesses over 1 summed over the last three periods (CDC definition)."""
    c2, mean, sd = _c_stat(panel.worse, 3, min_history, min_spread, rel_floor)
    term = np.maximum(0.0, c2 - 1.0)
    prev = np.zeros_like(term)
    for lag in (1, 2):  # two shifted copies, each over all series at once
        prev[:, lag:] += np.nan_to_num(term[:, :-lag], nan=0.0)
    c3 = np.where(np.isnan(term), np.nan, term + prev)
    # The value that would have made C3 reach the threshold, given the previous two terms.
    needed = mean + sd * (1.0 + np.maximum(0.0, threshold - prev))
    return result(panel, "ears_c3", c3, c3 >= threshold, mean, sd, needed,
                  {"threshold": threshold, "min_history": min_history},
                  extra={"c2": c2})
