"""Compiled loops (numba) for the window statistics that numpy can only do by brute force.

Optional: without numba, or with ``WORKBENCH_NO_NUMBA=1`` in the environment, :data:`ENABLED`
is False and the detectors keep their numpy code. Each kernel does the same floating-point
operations in the same order as that code, one value at a time, so the numbers are the
same to the last bit (``tests/test_models_kernels.py``). Kernels run one thread each and
release the GIL: :func:`~workbench.models.signals.compute_signals` already runs blocks of
series on two threads. Series holding an infinity take the numpy path (the compiled
median and change point do not reproduce numpy's inf - inf corner cases).

numba caches the compiled code next to this module; a frozen or read-only install has no
writable ``__pycache__``, so the cache goes to the user's cache folder instead - set here,
the one place numba is imported.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np


def _cache_dir() -> None:
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    import sys

    here = Path(__file__).resolve().parent
    if getattr(sys, "frozen", False) or not os.access(here, os.W_OK):
        from platformdirs import user_cache_dir

        from workbench.logs import APP_NAME

        os.environ["NUMBA_CACHE_DIR"] = str(Path(user_cache_dir(APP_NAME)) / "numba")


ENABLED = False
if os.environ.get("WORKBENCH_NO_NUMBA", "") in ("", "0"):
    try:
        _cache_dir()
        import numba  # noqa: F401

        ENABLED = True
    except ImportError:
        ENABLED = False


def usable(x: np.ndarray) -> bool:
    """Whether the compiled kernels may take ``x`` (numba present and enabled, no infinities)."""
    return ENABLED and not bool(np.isinf(x).any())


if ENABLED:
    from numba import njit

    _opts: dict[str, Any] = {"cache": True, "nogil": True, "error_model": "numpy"}

    @njit(**_opts)
    def _maxnan(a: float, b: float) -> float:  # np.maximum: NaN wins
        if a != a or b != b:
            return np.nan
        return a if a >= b else b

    @njit(**_opts)
    def best_split_kernel(x, window, min_size):  # type: ignore[no-untyped-def]
        """tau, before, after, sd, factor of the best split of each trailing window (as
        :func:`~workbench.models.detectors.changepoint.best_split`'s block ``stats``)."""
        n, t = x.shape
        tau = np.empty((n, t))
        m1 = np.empty((n, t))
        m2 = np.empty((n, t))
        sdo = np.empty((n, t))
        fac = np.empty((n, t))
        p1 = np.empty(t + 1)
        p2 = np.empty(t + 1)
        q = np.empty(t + 1)
        w1 = window - 1
        for i in range(n):
            centre = 0.0
            for j in range(t):
                if x[i, j] == x[i, j]:
                    centre = x[i, j]
                    break
            p1[0] = 0.0
            p2[0] = 0.0
            q[0] = 0.0
            for j in range(t):
                v = x[i, j]
                if v == v:
                    d = v - centre
                    p1[j + 1] = p1[j] + d
                    p2[j + 1] = p2[j] + d * d
                    q[j + 1] = q[j] + 1.0
                else:
                    p1[j + 1] = p1[j] + 0.0
                    p2[j + 1] = p2[j] + 0.0
                    q[j + 1] = q[j] + 0.0
            for e in range(t):
                lo = e - window + 1
                if lo < 0:
                    lo = 0
                p1_lo = p1[lo]
                q_lo = q[lo]
                s_tot = p1[e + 1] - p1_lo
                n_tot = q[e + 1] - q_lo
                ss_tot = p2[e + 1] - p2[lo]
                mean_tot = s_tot / n_tot
                best = 0.0
                kbest = -1
                for k in range(1, w1 + 1):
                    s = e - w1 + k
                    if s < 0:
                        c1 = 0.0 - p1_lo
                        n1 = 0.0 - q_lo
                        okv = False
                    else:
                        c1 = p1[s] - p1_lo
                        n1 = q[s] - q_lo
                        okv = x[i, s] == x[i, s]
                    n2 = n_tot - n1
                    dev = c1 - n1 * mean_tot
                    g = dev * dev
                    g = g * n_tot
                    g = g / (n1 * n2)
                    if not (okv and n1 >= min_size and n2 >= min_size):
                        g = -1.0
                    if kbest < 0 or not (g <= best):  # np.argmax: first maximum, or first NaN
                        best = g
                        kbest = k - 1
                        if g != g:
                            break
                if kbest < 0:  # window of one value: no candidates at all (argmax of nothing)
                    kbest = 0
                    best = -1.0
                s = e - w1 + kbest + 1
                if s < 0:
                    c1b = 0.0 - p1_lo
                    n1b = 0.0 - q_lo
                else:
                    c1b = p1[s] - p1_lo
                    n1b = q[s] - q_lo
                if best >= 0:
                    n2b = n_tot - n1b
                    tau[i, e] = kbest + 1.0
                    m1[i, e] = c1b / n1b + centre
                    m2[i, e] = (s_tot - c1b) / n2b + centre
                    sst = _maxnan(ss_tot - s_tot * s_tot / n_tot, 0.0)
                    if n_tot > 2:
                        sdo[i, e] = np.sqrt(_maxnan(sst - best, 0.0) / (n_tot - 2))
                    else:
                        sdo[i, e] = np.nan
                    fac[i, e] = np.sqrt(1 / n1b + 1 / n2b)
                else:
                    tau[i, e] = -1.0
                    m1[i, e] = np.nan
                    m2[i, e] = np.nan
                    sdo[i, e] = np.nan
                    fac[i, e] = np.nan
        return tau, m1, m2, sdo, fac

    @njit(**_opts)
    def _quantile(buf, count, q):  # type: ignore[no-untyped-def]
        """nan_quantile_sorted of one sorted window of ``count`` values."""
        if count == 0:
            return np.nan
        pos = (count - 1) * q
        lo = np.floor(pos)
        hi = np.ceil(pos)
        a = buf[int(lo)]
        b = buf[int(hi)]
        return a + (b - a) * (pos - lo)

    @njit(**_opts)
    def median_mad_kernel(x, width, lag):  # type: ignore[no-untyped-def]
        """Median and raw MAD of each trailing window (as ``rolling_median_mad``): a sorted
        window kept by insertion and removal as it slides, the absolute deviations merged
        outwards from the median (they are the sorted window folded at the median)."""
        n, t = x.shape
        med = np.empty((n, t))
        mad = np.empty((n, t))
        buf = np.empty(width + 1)
        dev = np.empty(width + 1)
        for i in range(n):
            cnt = 0
            for e in range(t):
                new = e - lag
                if 0 <= new:
                    v = x[i, new]
                    if v == v:
                        _insert(buf, cnt, v)
                        cnt += 1
                old = e - lag - width
                if 0 <= old:
                    v = x[i, old]
                    if v == v:
                        _remove(buf, cnt, v)
                        cnt -= 1
                if cnt == 0:
                    med[i, e] = np.nan
                    mad[i, e] = np.nan
                    continue
                md = _quantile(buf, cnt, 0.5)
                med[i, e] = md
                # Deviations in increasing order, as far as the MAD's ranks: two sorted runs
                # from the split at md, merged outwards.
                r = (cnt - 1) // 2
                while r < cnt and buf[r] < md:
                    r += 1
                left = r - 1
                right = r
                need = cnt // 2 + 1
                for m in range(need):
                    if left < 0:
                        dev[m] = np.abs(buf[right] - md)
                        right += 1
                    elif right >= cnt:
                        dev[m] = np.abs(buf[left] - md)
                        left -= 1
                    else:
                        dl = np.abs(buf[left] - md)
                        dr = np.abs(buf[right] - md)
                        if dr <= dl:
                            dev[m] = dr
                            right += 1
                        else:
                            dev[m] = dl
                            left -= 1
                mad[i, e] = _quantile(dev, cnt, 0.5)
        return med, mad

    @njit(**_opts)
    def _insert(buf, cnt, v):  # type: ignore[no-untyped-def]
        j = cnt
        while j > 0 and buf[j - 1] > v:
            buf[j] = buf[j - 1]
            j -= 1
        buf[j] = v

    @njit(**_opts)
    def _remove(buf, cnt, v):  # type: ignore[no-untyped-def]
        j = 0
        while buf[j] != v:
            j += 1
        for m in range(j, cnt - 1):
            buf[m] = buf[m + 1]

    @njit(**_opts)
    def history_rank_kernel(x, width, q):  # type: ignore[no-untyped-def]
        """q quantile, count, below and equal over the ``width`` values before each t (as
        ``history_rank``): a sorted window kept as it slides. The quantile is interpolated
        between the same two order statistics as the top-k path takes."""
        n, t = x.shape
        quant = np.empty((n, t))
        count = np.empty((n, t))
        below = np.empty((n, t), np.int64)
        equal = np.empty((n, t), np.int64)
        buf = np.empty(width + 1)
        for i in range(n):
            c = 0
            for e in range(t):
                if e >= 1:
                    v = x[i, e - 1]
                    if v == v:
                        _insert(buf, c, v)
                        c += 1
                if e - 1 - width >= 0:
                    v = x[i, e - 1 - width]
                    if v == v:
                        _remove(buf, c, v)
                        c -= 1
                cur = x[i, e]
                lo = 0
                hi = c
                while lo < hi:  # first value >= cur
                    mid = (lo + hi) // 2
                    if buf[mid] < cur:
                        lo = mid + 1
                    else:
                        hi = mid
                b = lo
                while hi < c and buf[hi] == cur:
                    hi += 1
                count[i, e] = c
                if cur == cur:
                    below[i, e] = b
                    equal[i, e] = hi - b
                else:
                    below[i, e] = 0
                    equal[i, e] = 0
                quant[i, e] = _quantile(buf, c, q)
        return quant, count, below, equal

    @njit(**_opts)
    def kendall_kernel(x, window):  # type: ignore[no-untyped-def]
        """Kendall's S, tied pairs and the tie term of each trailing window (as
        ``_lagged_pair_sums`` and ``_tie_term``)."""
        n, t = x.shape
        s_out = np.empty((n, t))
        tied_out = np.empty((n, t))
        ties = np.empty((n, t))
        for i in range(n):
            s = 0
            tied = 0
            for e in range(t):
                v = x[i, e]
                lo = e - window + 1
                if lo < 0:
                    lo = 0
                for j in range(lo, e):  # pairs (j, e) enter
                    u = x[i, j]
                    if v > u:
                        s += 1
                    elif v < u:
                        s -= 1
                    elif v == u:
                        tied += 1
                old = e - window
                if old >= 0:  # pairs (old, j) leave
                    u = x[i, old]
                    for j in range(old + 1, e):
                        w = x[i, j]
                        if w > u:
                            s -= 1
                        elif w < u:
                            s += 1
                        elif w == u:
                            tied -= 1
                s_out[i, e] = s
                tied_out[i, e] = tied
                term = 0.0
                if tied > 0:
                    for j in range(lo, e + 1):
                        u = x[i, j]
                        if u != u:
                            continue
                        c = 0
                        for m in range(lo, e + 1):
                            if x[i, m] == u:
                                c += 1
                        cf = float(c)
                        term += cf * (cf - 1.0) * (2.0 * cf + 5.0) / cf
                ties[i, e] = term
        return s_out, tied_out, ties
