"""Benchmark: all default detectors over 20,000 monthly series x 120 months against fitting
statsmodels exponential smoothing series by series.

The per-series loop is timed on a sample (default 200 series) and extrapolated linearly to
all series - the output says so. Run: ``python benchmarks/bench_models.py [--series N]``;
``WORKBENCH_NO_NUMBA=1`` measures the numpy detectors instead of the compiled ones.

Both sides get a warm-up on a few series first (imports, first calls and, with numba,
loading the compiled code: that first call is timed and printed on its own). The detectors
are then timed on the whole panel twice: the first call ("cold") also pays for the
operating system handing the process fresh memory for the results (about 0.7 GB for
20,000 x 120); the repeat ("warm") reuses it, as a long-running desktop session does. Both
ratios are printed, against wall time and against CPU time (all threads: the detectors use
both cores, the statsmodels loop one).

BLAS is pinned to one thread (unless OPENBLAS_NUM_THREADS is set): statsmodels' small fits
run several times *slower* with a multi-threaded OpenBLAS on a busy 2-core machine, and the
loop should be measured at its best. The detectors do not use BLAS.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from workbench.models import kernels  # noqa: E402
from workbench.models.forecast import forecast_panel  # noqa: E402
from workbench.models.panel import SeriesPanel  # noqa: E402
from workbench.models.signals import DEFAULT, compute_signals  # noqa: E402


def random_panel(n: int, t: int, seed: int = 0) -> SeriesPanel:
    rng = np.random.default_rng(seed)
    values = 50 + rng.normal(0, 5, (n, t)).cumsum(axis=1) * 0.2 + rng.normal(0, 3, (n, t))
    values[rng.random((n, t)) < 0.03] = np.nan
    keys = pd.DataFrame({"region": [f"r{i}" for i in range(n)], "indicator": "x", "group": "", "kind": "observed"})
    return SeriesPanel(keys, pd.date_range("2016-01-01", periods=t, freq="MS"), "M", values,
                       np.where(rng.random(n) < 0.3, -1.0, 1.0), np.full(n, 60.0))


def timed(fn):
    """(result, wall seconds, CPU seconds of this process - all threads)."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", type=int, default=20_000)
    ap.add_argument("--months", type=int, default=120)
    ap.add_argument("--sample", type=int, default=200, help="series fitted one by one with statsmodels")
    ap.add_argument("--trend", choices=["none", "add", "both"], default="both",
                    help="trend of the statsmodels model fitted per series")
    a = ap.parse_args()
    panel = random_panel(a.series, a.months)
    # The first call in the process: imports, first calls and - with numba - loading the
    # compiled kernels from numba's cache, or compiling them if the cache is empty.
    # (300 series are below kernels.MIN_CELLS: lowered for this call so the compiled code loads.)
    min_cells, kernels.MIN_CELLS = kernels.MIN_CELLS, 0
    _, w_first, c_first = timed(lambda: compute_signals(random_panel(300, a.months, seed=1)))
    kernels.MIN_CELLS = min_cells

    results, w_detect, c_detect = timed(lambda: compute_signals(panel))
    del results
    results, w_warm, c_warm = timed(lambda: compute_signals(panel))
    _, w_fc, c_fc = timed(lambda: forecast_panel(panel, horizon=6))
    per_method = {}
    for name in DEFAULT:
        _, w, c = timed(lambda name=name: compute_signals(panel, {name: DEFAULT[name]}))
        per_method[name] = (w, c)

    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    sample = [pd.Series(row).interpolate().bfill().to_numpy() for row in panel.values[: a.sample]]

    def loop(trend: str | None) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for y in sample:
                ExponentialSmoothing(y, trend=trend).fit()

    ExponentialSmoothing(sample[0]).fit()  # import and first-call costs are not per-series costs
    print(f"panel: {a.series:,} series x {a.months} months, {os.cpu_count()} CPU(s), load average "
          f"{os.getloadavg()[0]:.1f}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}")
    print(f"compiled kernels (numba): {'on' if kernels.usable(panel.values) else 'off'}; first call in the process "
          f"(300 series; imports, numba cache load or compile): {w_first:.2f} s wall ({c_first:.2f} s CPU)")
    print(f"vectorised: all {len(results)} default detectors, one compute_signals call: cold {w_detect:.2f} s wall "
          f"({c_detect:.2f} s CPU, all threads), warm repeat {w_warm:.2f} s wall ({c_warm:.2f} s CPU); "
          f"fast SES forecasts (6-value alpha grid) {w_fc:.2f} s wall ({c_fc:.2f} s CPU)")
    print("  one method per call (each also pays for its own results' memory):")
    for name, (w, c) in per_method.items():
        print(f"  {name:<13} {w:6.2f} s wall {c:6.2f} s CPU")
    trends = [None, "add"] if a.trend == "both" else [None if a.trend == "none" else "add"]
    for trend in trends:
        _, w_sample, c_sample = timed(lambda trend=trend: loop(trend))
        scale = a.series / a.sample
        w_loop, c_loop = w_sample * scale, c_sample * scale
        print(f"statsmodels ExponentialSmoothing(trend={trend!r}).fit(), one series at a time: "
              f"{w_sample / a.sample * 1000:.1f} ms wall ({c_sample / a.sample * 1000:.1f} ms CPU) per series "
              f"over {a.sample}; EXTRAPOLATED linearly to {a.series:,}: {w_loop:.0f} s wall ({c_loop:.0f} s CPU)")
        print(f"  ratio loop / all vectorised detectors: cold {w_loop / w_detect:.0f}x wall, {c_loop / c_detect:.0f}x CPU; "
              f"warm {w_loop / w_warm:.0f}x wall, {c_loop / c_warm:.0f}x CPU")
        if trend is None:
            print(f"  ratio loop / vectorised SES forecasts of all series: {w_loop / w_fc:.0f}x wall, "
                  f"{c_loop / c_fc:.0f}x CPU")


if __name__ == "__main__":
    main()
