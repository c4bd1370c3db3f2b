"""Compiled detectors (numba): the default methods in one pass per series, on all cores.

Optional: without numba, or with ``WORKBENCH_NO_NUMBA=1`` in the environment, :data:`ENABLED`
is False and :func:`~workbench.models.signals.compute_signals` runs the numpy detectors in
:mod:`workbench.models.detectors`. Those stay the reference: each compiled kernel
(:mod:`workbench.models.kernels_jit`) repeats their floating-point operations in the same
order, one value at a time, so the results are the same to the last bit
(``tests/test_models_kernels.py`` checks every array). What the kernels save is the numpy
code's dozens of passes over temporary arrays per method and its per-block bookkeeping:
each kernel reads a series once and writes the final score, flag, baseline, spread and
threshold arrays directly.

A method runs compiled only with parameters the kernels cover (the rolling baselines, any
window, threshold or history); anything else - a training-period baseline for EWMA/CUSUM,
given means - and any panel holding an infinity runs the numpy code.

numba caches the compiled code next to this module; a frozen or read-only install has no
writable ``__pycache__``, so the cache goes to the user's cache folder instead - set here,
the one place numba is imported.
"""

from __future__ import annotations

import importlib.util
import inspect
import logging
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import ndtr

from workbench.models import registry
from workbench.models.panel import DetectorResult, SeriesPanel


def _cache_dir() -> None:
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    import sys

    here = Path(__file__).resolve().parent
    if getattr(sys, "frozen", False) or not os.access(here, os.W_OK):
        from workbench.paths import cache_dir

        os.environ["NUMBA_CACHE_DIR"] = str(cache_dir() / "numba")


#: numba may be used: it is installed and not switched off with ``WORKBENCH_NO_NUMBA=1``. It
#: is imported on first use (:func:`_kernels`), not here: loading numba and the cached
#: machine code takes about half a second, which small panels never pay.
ENABLED = (os.environ.get("WORKBENCH_NO_NUMBA", "") in ("", "0")
           and importlib.util.find_spec("numba") is not None)
#: Panels with fewer values (series x periods) than this run the numpy code, which is faster
#: there than loading numba: ~0.5 s against ~0.6 us saved per value (docs/benchmarks.md), so
#: the break-even is near 800,000 values - 6,700 monthly series over ten years.
#: ``WORKBENCH_NUMBA_MIN_CELLS`` overrides it (the installer's smoke test sets 0).
MIN_CELLS = int(os.environ.get("WORKBENCH_NUMBA_MIN_CELLS", "") or 1_000_000)

_jit: Any = None


def _kernels() -> Any:
    """The compiled module, imported (and numba with it) on the first call; None if that fails."""
    global _jit, ENABLED
    if _jit is None and ENABLED:
        try:
            _cache_dir()
            from workbench.models import kernels_jit

            _jit = kernels_jit
        except Exception as exc:  # noqa: BLE001 - a broken numba/llvmlite must not stop the app
            ENABLED = False
            logging.getLogger(__name__).warning("compiled kernels unavailable, using numpy: %s", exc)
    return _jit if ENABLED else None


#: Methods with a compiled kernel.
COMPILED = ("percentile", "robust_z", "ears_c1", "ears_c2", "ears_c3", "ewma", "cusum", "mann_kendall",
            "change_point")
#: Row chunks per worker thread: small enough to even out the threads' work.
CHUNKS_PER_WORKER = 4


def usable(x: np.ndarray) -> bool:
    """Whether the compiled kernels should take ``x``: numba present and enabled, a float64
    panel of at least :data:`MIN_CELLS` values, no infinities (numpy's inf - inf corner
    cases are not reproduced)."""
    return (ENABLED and x.ndim == 2 and x.dtype == np.float64 and x.size > 0 and x.size >= MIN_CELLS
            and not bool(np.isinf(x).any()) and _kernels() is not None)


def _bound(fn: Callable[..., Any], params: Mapping[str, Any]) -> dict[str, Any] | None:
    """All parameters of detector ``fn`` (its defaults filled in), or None if it rejects them."""
    try:
        bound = inspect.signature(fn).bind(None, **params)
    except TypeError:
        return None
    bound.apply_defaults()
    out = dict(bound.arguments)
    out.pop("panel", None)
    return out


def _rolling_defaults() -> dict[str, Any]:
    from workbench.models.detectors.control import standardize

    names = ("window", "guard", "min_history", "min_spread", "rel_floor")
    return {k: v.default for k, v in inspect.signature(standardize).parameters.items() if k in names}


#: ``control.standardize``'s rolling-baseline settings and their defaults.
_ROLLING = _rolling_defaults()


def _rolling_args(baseline_args: Mapping[str, Any]) -> dict[str, Any] | None:
    """The rolling-baseline settings of EWMA/CUSUM (``control.standardize``'s defaults
    filled in), or None for the baselines the kernels do not cover."""
    args = dict(baseline_args)
    if args.pop("baseline", "rolling") != "rolling" or set(args) - set(_ROLLING):
        return None
    return {**_ROLLING, **args}


class _Runner:
    """Runs a kernel over row chunks of the panel on the worker threads."""

    def __init__(self, panel: SeriesPanel, pool: ThreadPoolExecutor | None, chunks: int) -> None:
        self.x = np.ascontiguousarray(panel.worse)
        self.d = np.ascontiguousarray(panel.direction, dtype=np.float64)
        self.shape = self.x.shape
        n = self.shape[0]
        step = max(1, -(-n // max(1, chunks)))
        self.rows = [slice(s, min(n, s + step)) for s in range(0, n, step)]
        self.pool = pool

    def floats(self, count: int) -> list[np.ndarray]:
        return [np.empty(self.shape) for _ in range(count)]

    def flags(self, count: int) -> list[np.ndarray]:
        return [np.empty(self.shape, dtype=bool) for _ in range(count)]

    def run(self, kernel: Callable[..., None], args: tuple[Any, ...], outs: list[np.ndarray]) -> None:
        """kernel(x[rows], d[rows], *args, *(o[rows] for o in outs)) for every chunk."""
        def one(rows: slice) -> None:
            kernel(self.x[rows], self.d[rows], *args, *(o[rows] for o in outs))

        if self.pool is None or len(self.rows) == 1:
            for rows in self.rows:
                one(rows)
        else:
            list(self.pool.map(one, self.rows))


def _result(panel: SeriesPanel, method: str, score: np.ndarray, flag: np.ndarray, baseline: np.ndarray,
            spread: np.ndarray, threshold: np.ndarray, params: dict[str, Any],
            extra: dict[str, np.ndarray] | None = None) -> DetectorResult:
    return DetectorResult(method=method, score=score, flag=flag, value=panel.values, baseline=baseline,
                          spread=spread, threshold=threshold, params=params, extra=extra or {})


def _shared(*arrays: np.ndarray) -> None:
    """Arrays handed to two methods are read-only, as in the numpy path."""
    for a in arrays:
        a.flags.writeable = False


def _nan(shape: tuple[int, int]) -> np.ndarray:
    return np.broadcast_to(np.array(np.nan), shape)


def compiled_signals(
    panel: SeriesPanel, todo: list[tuple[str, dict[str, Any]]], workers: int
) -> dict[str, DetectorResult]:
    """The results of the methods in ``todo`` that run compiled on ``panel`` (the worse-
    oriented values are taken from it), keyed by method; the others are left out."""
    tried = {name: _bound(spec.function(), params) for name, params in todo
             if name in COMPILED and (spec := registry.spec(name)) is not None}
    bound = {name: b for name, b in tried.items() if b is not None}
    for name in ("ewma", "cusum"):
        if name in bound:
            user = bound[name].pop("baseline_args")
            rolling = _rolling_args(user)
            if rolling is None:
                del bound[name]
            else:
                bound[name].update(rolling, user_baseline_args=dict(user))
    if not bound:
        return {}
    if _kernels() is None:
        return {}
    pool = ThreadPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        r = _Runner(panel, pool, workers * CHUNKS_PER_WORKER if pool else 1)
        out: dict[str, DetectorResult] = {}
        if "percentile" in bound:
            out["percentile"] = _percentile(panel, r, bound["percentile"])
        if "robust_z" in bound:
            out["robust_z"] = _robust_z(panel, r, bound["robust_z"])
        out.update(_ears(panel, r, {m: bound[m] for m in ("ears_c1", "ears_c2", "ears_c3") if m in bound}))
        out.update(_control(panel, r, {m: bound[m] for m in ("ewma", "cusum") if m in bound}))
        if "mann_kendall" in bound:
            out["mann_kendall"] = _mann_kendall(panel, r, bound["mann_kendall"])
        if "change_point" in bound:
            out["change_point"] = _change_point(panel, r, bound["change_point"])
        return out
    finally:
        if pool is not None:
            pool.shutdown()


def _percentile(panel: SeriesPanel, r: _Runner, p: dict[str, Any]) -> DetectorResult:
    width = max(r.shape[1], 1) if p["window"] is None else p["window"]
    score, base = r.floats(2)
    (flag,) = r.flags(1)
    r.run(_jit.percentile_kernel, (width, p["q"], p["min_history"]), [score, flag, base])
    _shared(base)  # baseline and threshold
    return _result(panel, "percentile", score, flag, base, _nan(r.shape), base,
                   {"q": p["q"], "window": p["window"], "min_history": p["min_history"]})


def _robust_z(panel: SeriesPanel, r: _Runner, p: dict[str, Any]) -> DetectorResult:
    score, base, spread, thr = r.floats(4)
    (flag,) = r.flags(1)
    from workbench.models.detectors.thresholds import MAD_SCALE

    r.run(_jit.robust_z_kernel, (p["window"], 1 + p["guard"], p["z"], p["min_history"], p["min_spread"],
                                 p["rel_floor"], MAD_SCALE), [score, flag, base, spread, thr])
    return _result(panel, "robust_z", score, flag, base, spread, thr,
                   {"window": p["window"], "guard": p["guard"], "z": p["z"], "min_history": p["min_history"]})


def _ears(panel: SeriesPanel, r: _Runner, methods: dict[str, dict[str, Any]]) -> dict[str, DetectorResult]:
    """C1 on its own; C2 and C3 in one pass when they share their settings (C3 is made of
    C2 values, and the two report the same baseline and spread, as in the numpy path)."""
    from workbench.models.detectors.ears import BASELINE

    out: dict[str, DetectorResult] = {}
    empty = np.empty((r.shape[0], 0))
    common = ("min_history", "min_spread", "rel_floor")
    c2, c3 = methods.get("ears_c2"), methods.get("ears_c3")
    together = c2 is not None and c3 is not None and all(c2[k] == c3[k] for k in common)
    # (name, its parameters, lag, run C1/C2, C3's parameters when C3 runs in the same pass)
    jobs: list[tuple[str | None, dict[str, Any], int, bool, dict[str, Any] | None]] = []
    if "ears_c1" in methods:
        jobs.append(("ears_c1", methods["ears_c1"], 1, True, None))
    if c2 is not None and c3 is not None and together:
        jobs.append(("ears_c2", c2, 3, True, c3))
    else:
        if c2 is not None:
            jobs.append(("ears_c2", c2, 3, True, None))
        if c3 is not None:
            jobs.append((None, c3, 3, False, c3))
    for name, p, lag, do_c, p3 in jobs:
        c, base, spread = r.floats(3)
        c_flag, c_thr = (r.flags(1)[0], r.floats(1)[0]) if do_c else (empty.astype(bool), empty)
        c3_score, c3_thr = r.floats(2) if p3 is not None else (empty, empty)
        c3_flag = r.flags(1)[0] if p3 is not None else empty.astype(bool)
        thr3 = p3["threshold"] if p3 is not None else 0.0
        r.run(_jit.ears_kernel, (BASELINE, lag, p["min_history"], p["min_spread"], p["rel_floor"], p["threshold"], thr3,
                                 do_c, p3 is not None),
              [c, c_flag, base, spread, c_thr, c3_score, c3_flag, c3_thr])
        if name is not None:
            out[name] = _result(panel, name, c, c_flag, base, spread, c_thr,
                                {"threshold": p["threshold"], "min_history": p["min_history"]})
        if p3 is not None:
            if name is not None:
                _shared(c, base, spread)
            out["ears_c3"] = _result(panel, "ears_c3", c3_score, c3_flag, base, spread, c3_thr,
                                     {"threshold": p3["threshold"], "min_history": p3["min_history"]},
                                     extra={"c2": c})
    return out


def _control(panel: SeriesPanel, r: _Runner, methods: dict[str, dict[str, Any]]) -> dict[str, DetectorResult]:
    """EWMA and CUSUM in one pass when they standardise alike (they then share the
    baseline and spread arrays, as in the numpy path)."""
    out: dict[str, DetectorResult] = {}
    empty = np.empty((r.shape[0], 0))
    keys = tuple(_ROLLING)
    ew, cu = methods.get("ewma"), methods.get("cusum")
    jobs: list[tuple[dict[str, Any] | None, dict[str, Any] | None]]
    if ew is not None and cu is not None and all(ew[k] == cu[k] for k in keys):
        jobs = [(ew, cu)]
    else:
        jobs = [(m, None) if name == "ewma" else (None, m) for name, m in methods.items()]
    for e, c in jobs:
        p = e if e is not None else c
        assert p is not None
        base, spread = r.floats(2)
        e_score, e_thr = r.floats(2) if e is not None else (empty, empty)
        e_flag = r.flags(1)[0] if e is not None else empty.astype(bool)
        c_score, c_thr, c_lower = r.floats(3) if c is not None else (empty, empty, empty)
        c_flag = r.flags(1)[0] if c is not None else empty.astype(bool)
        lam = e["lam"] if e is not None else 0.1
        limit = e["L"] * np.sqrt(lam / (2.0 - lam)) if e is not None else 0.0
        k, h = (c["k"], c["h"]) if c is not None else (0.5, 5.0)
        r.run(_jit.control_kernel,
              (p["window"], 1 + p["guard"], p["min_history"], p["min_spread"], p["rel_floor"], lam, limit, k, h,
               bool(e is not None and e["two_sided"]), bool(c is not None and c["two_sided"]),
               e is not None, c is not None),
              [base, spread, e_score, e_flag, e_thr, c_score, c_flag, c_thr, c_lower])
        if e is not None and c is not None:
            _shared(base, spread)
        if e is not None:
            out["ewma"] = _result(panel, "ewma", e_score, e_flag, base, spread, e_thr,
                                  {"lam": e["lam"], "L": e["L"], "limit": limit, "two_sided": e["two_sided"],
                                   **e["user_baseline_args"]})
        if c is not None:
            out["cusum"] = _result(panel, "cusum", c_score, c_flag, base, spread, c_thr,
                                   {"k": c["k"], "h": c["h"], "two_sided": c["two_sided"], **c["user_baseline_args"]},
                                   extra={"lower": c_lower})
    return out


def _mann_kendall(panel: SeriesPanel, r: _Runner, p: dict[str, Any]) -> DetectorResult:
    from workbench.models.detectors.trend import sens_slope_windows

    from scipy.stats import norm  # here: scipy.stats takes ~0.5 s to import

    crit = float(norm.ppf(1 - p["alpha"]))
    score, zraw = r.floats(2)
    flag, report = r.flags(2)
    r.run(_jit.kendall_kernel, (p["window"], p["min_history"], crit), [score, flag, zraw, report])
    slope, intercept = sens_slope_windows(r.x, p["window"], report)
    d = panel.direction[:, None]
    # In place (fresh arrays, nobody else holds them): the numpy path's operations, without
    # the temporaries - each would be another 19 MB of fresh memory at 20,000 x 120.
    np.multiply(intercept, d, out=intercept)
    np.multiply(slope, d, out=slope)
    pvalue = zraw
    np.abs(pvalue, out=pvalue)
    ndtr(pvalue, out=pvalue)
    np.subtract(1, pvalue, out=pvalue)
    np.multiply(2, pvalue, out=pvalue)
    return _result(panel, "mann_kendall", score, flag, intercept, _nan(r.shape), _nan(r.shape),
                   {"window": p["window"], "alpha": p["alpha"], "min_history": p["min_history"]},
                   extra={"slope": slope, "p": pvalue})


def _change_point(panel: SeriesPanel, r: _Runner, p: dict[str, Any]) -> DetectorResult:
    score, base, spread, thr, start, shift = r.floats(6)
    (flag,) = r.flags(1)
    r.run(_jit.change_point_kernel, (p["window"], p["min_size"], p["threshold"], p["min_history"],
                                     p["min_spread"], p["rel_floor"]),
          [score, flag, base, spread, thr, start, shift])
    return _result(panel, "change_point", score, flag, base, spread, thr,
                   {"window": p["window"], "threshold": p["threshold"], "min_history": p["min_history"]},
                   extra={"start": start, "shift": shift})
