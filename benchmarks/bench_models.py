"""Benchmark: all default detectors over 20,000 monthly series x 120 months, vectorised,
against fitting statsmodels exponential smoothing series by series.

The per-series loop is timed on a sample (default 200 series) and extrapolated linearly to
all series - the output says so. Run: ``python benchmarks/bench_models.py [--series N]``.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd

from workbench.models.forecast import forecast_panel
from workbench.models.panel import SeriesPanel
from workbench.models.signals import compute_signals


def random_panel(n: int, t: int, seed: int = 0) -> SeriesPanel:
    rng = np.random.default_rng(seed)
    values = 50 + rng.normal(0, 5, (n, t)).cumsum(axis=1) * 0.2 + rng.normal(0, 3, (n, t))
    values[rng.random((n, t)) < 0.03] = np.nan
    keys = pd.DataFrame({"region": [f"r{i}" for i in range(n)], "indicator": "x", "group": "", "kind": "observed"})
    return SeriesPanel(keys, pd.date_range("2016-01-01", periods=t, freq="MS"), "M", values,
                       np.where(rng.random(n) < 0.3, -1.0, 1.0), np.full(n, 60.0))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", type=int, default=20_000)
    ap.add_argument("--months", type=int, default=120)
    ap.add_argument("--sample", type=int, default=200)
    a = ap.parse_args()
    panel = random_panel(a.series, a.months)

    t0 = time.perf_counter()
    results = compute_signals(panel)
    t_detect = time.perf_counter() - t0
    t0 = time.perf_counter()
    forecast_panel(panel, horizon=6)
    t_fc = time.perf_counter() - t0
    per_method = {}
    for name in results:
        t0 = time.perf_counter()
        compute_signals(panel, {name: __import__("workbench.models.signals", fromlist=["DEFAULT"]).DEFAULT[name]})
        per_method[name] = time.perf_counter() - t0

    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    sample = panel.values[: a.sample]
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for row in sample:
            y = pd.Series(row).interpolate().bfill().to_numpy()
            ExponentialSmoothing(y, trend="add").fit()
    t_loop_sample = time.perf_counter() - t0
    t_loop = t_loop_sample / a.sample * a.series
    ours = t_detect + t_fc

    print(f"panel: {a.series:,} series x {a.months} months")
    print(f"vectorised: all {len(results)} default detectors {t_detect:.2f} s + fast forecasts {t_fc:.2f} s"
          f" = {ours:.2f} s")
    for name, sec in per_method.items():
        print(f"  {name:<13} {sec:6.2f} s")
    print(f"statsmodels ExponentialSmoothing(trend='add').fit() per series: {t_loop_sample:.2f} s for "
          f"{a.sample} series, extrapolated linearly to {a.series:,}: {t_loop:.0f} s")
    print(f"ratio (loop / vectorised): {t_loop / ours:.0f}x")


if __name__ == "__main__":
    main()
