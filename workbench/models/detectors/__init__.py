"""Detectors: pure functions ``panel -> DetectorResult``, one module per family.

Every detector works on ``panel.worse`` (values oriented so that larger is worse), scores
each period in its own units, flags where it signals, and reports value, baseline, spread
and threshold back in the indicator's own units and direction. Periods where there is not
enough history get a NaN score and no flag.

Each module registers its methods (:func:`workbench.models.registry.register`: function,
defaults, threshold, spread unit, display name). Importing this package imports every
module in it, so a new detector is one new module here (and its tests); the lookups below
are the registry's, loaded.
"""

import importlib
import pkgutil

from workbench.models.detectors.changepoint import change_point
from workbench.models.detectors.control import cusum, ewma
from workbench.models.detectors.ears import ears_c1, ears_c2, ears_c3
from workbench.models.detectors.state_monitor import monitor
from workbench.models.detectors.thresholds import fixed, percentile, robust_z
from workbench.models.detectors.trend import mann_kendall
from workbench.models.registry import DetectorSpec, detectors, display_name, score_threshold, spec, spread_unit

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "DetectorSpec",
    "change_point",
    "cusum",
    "detectors",
    "display_name",
    "ewma",
    "ears_c1",
    "ears_c2",
    "ears_c3",
    "fixed",
    "percentile",
    "robust_z",
    "mann_kendall",
    "monitor",
    "score_threshold",
    "spec",
    "spread_unit",
]
