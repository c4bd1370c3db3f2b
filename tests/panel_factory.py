"""Small series panels for the model tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.models.panel import SeriesPanel


def make_panel(values, direction=None, threshold=None) -> SeriesPanel:
    """A monthly panel from 2015-01 of ``values`` (one row per series), worse upwards and
    without a codebook threshold unless given."""
    values = np.atleast_2d(np.asarray(values, dtype=np.float64))
    n, t = values.shape
    keys = pd.DataFrame({"region": [f"r{i}" for i in range(n)], "indicator": "x", "group": "", "kind": "observed"})
    return SeriesPanel(keys, pd.date_range("2015-01-01", periods=t, freq="MS"), "M", values,
                       np.ones(n) if direction is None else np.asarray(direction, float),
                       np.full(n, np.nan) if threshold is None else np.asarray(threshold, float))
