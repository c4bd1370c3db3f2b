"""Detectors: pure functions ``panel -> DetectorResult``, one module per family.

Every detector works on ``panel.worse`` (values oriented so that larger is worse), scores
each period in its own units, flags where it signals, and reports value, baseline, spread
and threshold back in the indicator's own units and direction. Periods where there is not
enough history get a NaN score and no flag.

What each method is called, its defaults, threshold, spread unit and display name are in
:mod:`workbench.models.registry` (the one list of methods, which names each function by
its module so that reading rules imports none of these). A new detector is a module here,
its row in ``registry.SHIPPED`` and its tests.
"""

from workbench.models.detectors.changepoint import change_point
from workbench.models.detectors.control import cusum, ewma
from workbench.models.detectors.ears import ears_c1, ears_c2, ears_c3
from workbench.models.detectors.state_monitor import monitor
from workbench.models.detectors.thresholds import fixed, percentile, robust_z
from workbench.models.detectors.trend import mann_kendall

__all__ = [
    "change_point",
    "cusum",
    "ewma",
    "ears_c1",
    "ears_c2",
    "ears_c3",
    "fixed",
    "percentile",
    "robust_z",
    "mann_kendall",
    "monitor",
]
