"""Run the default detectors over a panel, and the pure partition -> signals function.

``compute_signals`` is what alerts consume: a dict keyed by the stable method names in
:data:`METHODS` (the detector registry's, :mod:`workbench.models.registry`). ``run_partition``
is the seam for scale-out: it takes a partition of canonical observations (whole series) and
a codebook and returns long-form signals, with no project access, so Dask (or a process
pool) can map it over partitions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from workbench.models import kernels, registry
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.series import build_panels, deseasonalize, seasonal_baseline
from workbench.models.shared import shared_statistics
from workbench.models.windows import WORKERS

# The registry's methods (workbench.models.registry, the one list), as the models run them;
# a new method is a row there and a module in workbench.models.detectors, not a line here.
METHODS: tuple[str, ...] = registry.names()
DETECTORS: dict[str, Callable[..., DetectorResult]] = {d.name: d.function() for d in registry.detectors()}

#: Default parameters per method (documented in docs/models.md). Copy and edit to tune.
DEFAULT: dict[str, dict[str, Any]] = {d.name: dict(d.defaults) for d in registry.detectors()}
#: Methods that carry an alert's state along the series (they open, keep and end episodes
#: themselves); they run on the whole panel at once, not block by block.
STATEFUL: frozenset[str] = registry.stateful()

#: Series per block in :func:`compute_signals`: a block's (series x periods) arrays of 120
#: monthly values take 240 KB, so the dozen a method holds at once stay in a 2 MB L2 cache.
ROW_BLOCK = 256

SIGNAL_COLUMNS = ["region", "indicator", "group", "kind", "period", "method", "score", "flag",
                  "value", "baseline", "spread", "threshold"]


def compute_signals(
    panel: SeriesPanel,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    seasonal: bool = False,
) -> dict[str, DetectorResult]:
    """Every configured method's result on ``panel``; a method mapped to ``None`` is skipped.

    With ``seasonal=True`` (weekly, monthly, quarterly panels) the detectors other than
    ``fixed`` judge the departure from the same period in earlier years
    (:func:`~workbench.models.series.seasonal_baseline`), so a yearly pattern is not taken
    for a warning; baselines and thresholds are reported with the seasonal level added
    back, in the indicator's units. The first year has no seasonal baseline, hence no score.

    Methods with a compiled kernel (numba; :mod:`workbench.models.kernels`) run as one pass
    per series over chunks of series on all cores, writing their results directly. The
    others - and all of them without numba - run the numpy detectors: every method works
    series by series, so the panel is cut into blocks of :data:`ROW_BLOCK` series and all
    methods run on one block before the next: each block's working arrays stay in the CPU
    cache (element-wise numpy is about eight times faster there than on arrays of the whole
    panel), and rolling statistics shared by several methods are computed once per block
    (:mod:`workbench.models.shared`). Either way the numbers are those of a whole-panel
    numpy run, to the last bit.
    """
    config = DEFAULT if config is None else config
    base = None
    work = panel
    if seasonal and panel.freq != "Y":
        base = seasonal_baseline(panel)
        work = deseasonalize(panel)
    todo = [(name, dict(params)) for name, params in config.items() if params is not None]
    stateful = {name: DETECTORS[name](panel, **p) for name, p in todo if name in STATEFUL}
    todo_rest = [(name, p) for name, p in todo if name not in STATEFUL]
    fast = kernels.compiled_signals(work, todo_rest, WORKERS) if kernels.usable(work.values) else {}
    out = {**stateful, **fast,
           **_numpy_signals(panel, work, [(name, p) for name, p in todo_rest if name not in fast])}
    out = {name: out[name] for name, _ in todo}
    if base is not None:
        for name, res in out.items():
            if name == "fixed" or name in STATEFUL:
                continue
            res.value = panel.values
            res.baseline = res.baseline + base
            res.threshold = res.threshold + base
            res.params = {**res.params, "seasonal": True}
    return out


def _numpy_signals(
    panel: SeriesPanel, work: SeriesPanel, todo: list[tuple[str, dict[str, Any]]]
) -> dict[str, DetectorResult]:
    """The numpy detectors, block by block of series on the worker threads."""
    if not todo:
        return {}
    n = len(panel.keys)
    if n <= ROW_BLOCK or all(name == "fixed" for name, _ in todo):
        # A codebook threshold is one subtraction per value: blocks would only add overhead.
        out = _run_block(panel, work, todo)
    else:
        starts = range(0, n, ROW_BLOCK)

        def run(start: int) -> dict[str, DetectorResult]:
            rows = slice(start, start + ROW_BLOCK)
            return _run_block(_rows(panel, rows), _rows(work, rows), todo)

        if WORKERS > 1:
            with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                parts = list(pool.map(run, starts))
        else:
            parts = [run(start) for start in starts]
        done: dict[tuple[int, ...], np.ndarray] = {}
        out = {name: _stack([p[name] for p in parts], panel, done) for name, _ in todo}
    return out


def _run_block(
    panel: SeriesPanel, work: SeriesPanel, todo: list[tuple[str, dict[str, Any]]]
) -> dict[str, DetectorResult]:
    with shared_statistics():
        return {name: DETECTORS[name](panel if name == "fixed" else work, **params) for name, params in todo}


def _rows(panel: SeriesPanel, rows: slice) -> SeriesPanel:
    """The panel restricted to a block of series (views, no copies of the values)."""
    return SeriesPanel(
        panel.keys.iloc[rows], panel.periods, panel.freq, panel.values[rows], panel.direction[rows],
        None if panel.threshold is None else panel.threshold[rows],
        None if panel.count is None else panel.count[rows],
    )


def _stack_array(parts: list[np.ndarray], shape: tuple[int, int]) -> np.ndarray:
    """Blocks of rows back into one array; per-series or constant broadcast views (a codebook
    threshold, a NaN spread) stay read-only views of one value per series."""
    if all(p.ndim == 2 and p.strides[1] == 0 for p in parts):
        return np.broadcast_to(np.concatenate([p[:, :1] for p in parts], axis=0), shape)
    out = np.empty(shape, dtype=parts[0].dtype)
    row = 0
    for p in parts:
        out[row : row + len(p)] = p
        row += len(p)
    return out


def _stack(parts: list[DetectorResult], panel: SeriesPanel, done: dict[tuple[int, ...], np.ndarray]) -> DetectorResult:
    """One method's blocks as one result. ``done`` maps the ids of block arrays already
    stacked (for another method, while all blocks are alive) to the stacked array: methods
    that shared a statistic share the stacked array too, made read-only."""
    shape = panel.values.shape

    def stack(arrays: list[np.ndarray]) -> np.ndarray:
        key = tuple(id(a) for a in arrays)
        if key in done:
            done[key].flags.writeable = False
            return done[key]
        out = done[key] = _stack_array(arrays, shape)
        return out

    first = parts[0]
    return DetectorResult(
        method=first.method,
        score=stack([p.score for p in parts]),
        flag=stack([p.flag for p in parts]),
        value=panel.values,
        baseline=stack([p.baseline for p in parts]),
        spread=stack([p.spread for p in parts]),
        threshold=stack([p.threshold for p in parts]),
        params=first.params,
        extra={k: stack([p.extra[k] for p in parts]) for k in first.extra},
    )


def signals_frame(panel: SeriesPanel, results: Mapping[str, DetectorResult], flags_only: bool = False) -> pd.DataFrame:
    """Long form of results: one row per series, period and method with a finite score."""
    frames = []
    for name, res in results.items():
        keep = ~np.isnan(res.score) if not flags_only else res.flag
        r, c = np.nonzero(keep)
        part = panel.keys.iloc[r].reset_index(drop=True)
        part["period"] = panel.periods[c]
        part["method"] = name
        for col in ("score", "flag", "value", "baseline", "spread", "threshold"):
            part[col] = getattr(res, col)[r, c]
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=SIGNAL_COLUMNS)
    return pd.concat(frames, ignore_index=True)[SIGNAL_COLUMNS]


def run_partition(
    obs_partition: pd.DataFrame,
    codebook: pd.DataFrame | None,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    flags_only: bool = False,
) -> pd.DataFrame:
    """Signals for a partition of whole series (columns as :data:`SIGNAL_COLUMNS`).

    Pure: same input, same output, nothing read or written elsewhere. Partitions must hold
    whole series (all periods and all groups of a region-indicator) for the baselines and
    the polarization series to be right.
    """
    frames = [signals_frame(p, compute_signals(p, config), flags_only)
              for p in build_panels(obs_partition, codebook)]
    if not frames:
        return pd.DataFrame(columns=SIGNAL_COLUMNS)
    return pd.concat(frames, ignore_index=True)
