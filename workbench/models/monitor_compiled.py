"""The monitor's compiled path: when to take it, and its result in the numpy monitor's shape.

:func:`~workbench.models.detectors.state_monitor.monitor` asks :func:`run` first; ``None``
means "use the numpy monitor" - numba missing or switched off (``WORKBENCH_NO_NUMBA=1``,
see :mod:`workbench.models.kernels`), a panel too small to repay loading numba, a panel
holding an infinity, or a trend/season fit that met a singular system (the numpy monitor
then zeroes every series' fit for that period, which a pass per series cannot know). The
numpy monitor stays the reference: ``tests/test_models_monitor_kernel.py`` compares the two
on random panels of levels and counts.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.models import kernels
from workbench.models.panel import DetectorResult, SeriesPanel
from workbench.models.windows import WORKERS

if TYPE_CHECKING:
    from workbench.models.detectors.state_monitor import MonitorParams

#: Panels with fewer values than this run the numpy monitor. The numpy monitor costs a few
#: microseconds per value (a Python step per period over all series), the compiled one about
#: half a second once per process to load numba and the cached code. Measured (CPU, loaded
#: machine, first call in a process): 117,600 values 0.82 s numpy against 0.45 s compiled,
#: 336,000 values 1.26 s against 0.49 s - so from 100,000 values the compiled monitor is
#: cheaper even with its loading. ``WORKBENCH_NUMBA_MIN_CELLS`` sets both thresholds.
MIN_CELLS = int(os.environ.get("WORKBENCH_NUMBA_MIN_CELLS", "") or 100_000)
#: Series per chunk handed to a worker thread.
CHUNK = 2_048

_jit: Any = None


def _kernel() -> Any:
    global _jit
    if _jit is None:
        if kernels._kernels() is None:  # numba off or broken: the numpy monitor
            return None
        try:
            from workbench.models import monitor_jit

            _jit = monitor_jit
        except Exception as exc:  # noqa: BLE001 - e.g. scipy without the expected special functions
            logging.getLogger(__name__).warning("compiled monitor unavailable, using numpy: %s", exc)
            _jit = False
    return _jit or None


def usable(x: np.ndarray) -> bool:
    return (kernels.ENABLED and x.ndim == 2 and x.dtype == np.float64 and x.size >= max(MIN_CELLS, 1)
            and not bool(np.isinf(x).any()) and _kernel() is not None)


def run(panel: SeriesPanel, cnt: np.ndarray, prm: MonitorParams, per_series: dict[str, np.ndarray],
        limit: float, score_of: Callable[[np.ndarray], np.ndarray]) -> DetectorResult | None:
    """The monitor's result from the compiled kernel, or None (see the module docstring).

    ``cnt`` marks the series judged as counts; ``per_series`` holds the per-series settings the
    numpy monitor derives (``width``, ``guard``, ``quiet``, ``min_history``, ``protract``,
    ``point_p``, ``long_width``, ``lookback``) and ``limit`` the EWMA limit, computed by the
    same numpy expressions so that both paths start from the same numbers; ``score_of`` is the
    numpy monitor's score of a tail probability (passed in: this module imports nothing of it).
    """
    x = panel.worse
    if not usable(x):
        return None
    jit = _kernel()
    x = np.ascontiguousarray(x)
    n, t = x.shape
    season = prm.season_length
    angle = 2 * np.pi * np.arange(t) / season if season > 1 else np.zeros(t)
    cos = np.cos(angle) if season > 1 else np.zeros(t)
    sin = np.sin(angle) if season > 1 else np.zeros(t)
    d = np.ascontiguousarray(panel.direction, dtype=np.float64)
    cnt = np.ascontiguousarray(cnt, dtype=np.bool_)
    ints = [np.ascontiguousarray(per_series[k], dtype=np.int64)
            for k in ("width", "guard", "quiet", "min_history", "protract")]
    point_p = np.ascontiguousarray(per_series["point_p"], dtype=np.float64)
    long_width = np.ascontiguousarray(per_series["long_width"], dtype=np.int64)
    lookback = np.ascontiguousarray(per_series["lookback"], dtype=np.int64)
    floats = [np.empty((n, t)) for _ in range(7)]  # score, baseline, spread, threshold, z, ewma, p
    flags = [np.zeros((n, t), dtype=np.bool_) for _ in range(6)]
    status = np.zeros(n, dtype=np.int8)
    with_s = prm.season > 0 and season > 1
    def one(lo: int) -> None:
        rows = slice(lo, min(n, lo + CHUNK))
        jit.monitor_kernel(
            x[rows], cnt[rows], d[rows], cos, sin, *(a[rows] for a in ints), point_p[rows],
            long_width[rows], lookback[rows],
            prm.lam, limit, prm.cont, prm.min_count, prm.confirm, prm.trend, prm.season,
            prm.rebase_history, prm.ewma_sd, prm.trend > 0, with_s,
            prm.trend > 0 or (prm.season > 0 and season > 1),
            jit.NDTR, jit.PDTRC, jit.BETAINC,
            *(a[rows] for a in floats), *(a[rows] for a in flags), status[rows])
        # The kernel left the EWMA's tail probability in ``score``: the score as the numpy
        # monitor takes it (the rarer of the two tails, -log10, capped), chunk by chunk.
        score, p_point = floats[0][rows], floats[6][rows]
        np.fmax(score_of(p_point), score_of(score), out=score)

    starts = range(0, n, CHUNK)
    if WORKERS > 1 and len(starts) > 1:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            list(pool.map(one, starts))
    else:
        for lo in starts:
            one(lo)
    if status.any():
        return None
    score, baseline, spread, threshold, z, ewma, p_point = floats
    flag, opened, protracted, ended, point_hit, ewma_hit = flags
    return DetectorResult(
        method="monitor",
        score=score,
        flag=flag,
        value=panel.values,
        baseline=baseline,
        spread=spread,
        threshold=threshold,
        params={**asdict(prm), "spread_name": "SDs", "stateful": True},
        extra={"opened": opened, "protracted": protracted, "ended": ended, "point_hit": point_hit,
               "ewma_hit": ewma_hit, "z": z, "ewma": ewma, "p_point": p_point,
               "count": np.broadcast_to(cnt[:, None], (n, t))},
    )
