"""The detectors' stable names, in a module that imports nothing heavy.

Rules are checked against these names when they are read (``alerts.rules``), which the
desktop does while it opens a project; importing :mod:`workbench.models.signals` for that
would import every detector and scipy.stats (over a second) before the window is usable.
"""

from __future__ import annotations

METHODS: tuple[str, ...] = (
    "fixed", "percentile", "robust_z", "ears_c1", "ears_c2", "ears_c3",
    "ewma", "cusum", "mann_kendall", "change_point", "monitor",
)
#: Methods that carry an alert's state along the series (they open, keep and end episodes
#: themselves); they run on the whole panel at once, not block by block.
STATEFUL: frozenset[str] = frozenset({"monitor"})
