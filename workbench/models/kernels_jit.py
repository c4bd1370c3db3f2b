"""The compiled detectors behind :mod:`workbench.models.kernels` (imported only when numba is
there and enabled; use them through that module).

Each ``*_kernel`` runs one detector (or two that share a baseline) over a chunk of series,
one series at a time, from the raw worse-oriented values to the final arrays of the result -
score, flag, baseline, spread, threshold, extras - written straight into the caller's
whole-panel arrays. Every value goes through the same floating-point operations, in the same
order, as the numpy code in :mod:`workbench.models.detectors`, so the results are identical
to the last bit; no fastmath, so no fused multiply-adds or reassociation. GIL released: the
caller runs chunks of series on all cores.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

# cache: compiled once per install (numba keeps it in __pycache__ or NUMBA_CACHE_DIR);
# error_model numpy: x / 0 gives inf or NaN as in numpy instead of raising.
_opts: dict[str, Any] = {"cache": True, "nogil": True, "error_model": "numpy", "boundscheck": False}


@njit(**_opts)
def _maxnan(a: float, b: float) -> float:  # np.maximum: NaN wins
    if a != a or b != b:
        return np.nan
    return a if a >= b else b


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
def _kth_deviations(buf, cnt, split, md, k):  # type: ignore[no-untyped-def]
    """The k-th and (k+1)-th smallest (from 0) of |buf - md|, buf[:split] < md sorted and
    the rest >= md: two sorted runs, read outwards from the split."""
    na = split
    nb = cnt - split
    lo = k + 1 - nb
    if lo < 0:
        lo = 0
    hi = k + 1 if k + 1 < na else na
    while lo < hi:  # fewest taken from below md such that the next one is not smaller
        i = (lo + hi) // 2
        j = k + 1 - i
        below = np.abs(buf[split - 1 - i] - md) < np.abs(buf[split + j - 1] - md)
        lo = i + 1 if below else lo  # conditional moves: the outcome is a coin toss
        hi = hi if below else i
    j = k + 1 - lo
    out = -np.inf
    if lo > 0:
        out = np.abs(buf[split - lo] - md)
    if j > 0:
        d = np.abs(buf[split + j - 1] - md)
        if d > out:
            out = d
    nxt = np.inf
    if lo < na:
        nxt = np.abs(buf[split - 1 - lo] - md)
    if j < nb:
        d = np.abs(buf[split + j] - md)
        if d < nxt:
            nxt = d
    return out, nxt


@njit(**_opts)
def _insert(buf, cnt, v):  # type: ignore[no-untyped-def]
    j = cnt
    while j > 0 and buf[j - 1] > v:
        buf[j] = buf[j - 1]
        j -= 1
    buf[j] = v


@njit(**_opts)
def _slide(buf, cnt, new, old):  # type: ignore[no-untyped-def]
    """Add ``new`` and drop ``old`` (NaN: nothing) from the sorted buf[:cnt]; the new count."""
    if old == old:
        j = 0
        for m in range(cnt):  # the first copy of ``old``: how many values are below it
            j += buf[m] < old  # (a count without branches beats a search on 24-36 values)
        if new == new:  # replace in place, then move the new value to its rank
            while j > 0 and buf[j - 1] > new:
                buf[j] = buf[j - 1]
                j -= 1
            while j < cnt - 1 and buf[j + 1] < new:
                buf[j] = buf[j + 1]
                j += 1
            buf[j] = new
            return cnt
        for m in range(j, cnt - 1):
            buf[m] = buf[m + 1]
        return cnt - 1
    if new == new:
        _insert(buf, cnt, new)
        return cnt + 1
    return cnt


@njit(**_opts)
def _floored(spread, baseline, min_spread, rel, res):  # type: ignore[no-untyped-def]
    """``common.spread_floor`` of one value: max(spread, min_spread, rel |baseline|, res)."""
    if spread != spread:
        return np.nan
    f = _maxnan(min_spread, rel * np.abs(baseline))
    f = _maxnan(f, res)
    return _maxnan(spread, f)


@njit(**_opts)
def _resolution(x, res):  # type: ignore[no-untyped-def]
    """``common.resolution`` of one series: the smallest non-zero step seen before t (0 if none)."""
    seen = np.inf
    for j in range(x.shape[0]):
        res[j] = 0.0 if seen == np.inf else seen
        if j >= 1:
            d = np.abs(x[j] - x[j - 1])
            if d > 0 and d < seen:  # a NaN step is no step
                seen = d


@njit(**_opts)
def _prefix_sums(x, p1, p2, q):  # type: ignore[no-untyped-def]
    """Cumulative sums (from 0) of one series' values centred on its first observed value,
    of their squares and of the observed count - missing values add 0 - as the numpy code
    builds them (``first_values`` centring keeps the differences of sums tame, and causal).
    Returns the centre."""
    t = x.shape[0]
    centre = 0.0
    for j in range(t):
        if x[j] == x[j]:
            centre = x[j]
            break
    p1[0] = 0.0
    p2[0] = 0.0
    q[0] = 0.0
    for j in range(t):
        v = x[j]
        if v == v:
            dv = v - centre
            p1[j + 1] = p1[j] + dv
            p2[j + 1] = p2[j] + dv * dv
            q[j + 1] = q[j] + 1.0
        else:
            p1[j + 1] = p1[j] + 0.0
            p2[j + 1] = p2[j] + 0.0
            q[j + 1] = q[j] + 0.0
    return centre


@njit(**_opts)
def _mean_sd(x, width, lag, c1, c2, cc, mean, sd, cnt):  # type: ignore[no-untyped-def]
    """``windows.rolling_mean_sd`` of one series: the prefix sums differenced over each
    window; ``cnt`` gets the counts."""
    centre = _prefix_sums(x, c1, c2, cc)
    for j in range(x.shape[0]):
        hi = j - lag + 1
        lo = hi - width
        s1 = (c1[hi] if hi > 0 else 0.0) - (c1[lo] if lo > 0 else 0.0)
        s2 = (c2[hi] if hi > 0 else 0.0) - (c2[lo] if lo > 0 else 0.0)
        kf = (cc[hi] if hi > 0 else 0.0) - (cc[lo] if lo > 0 else 0.0)
        m = s1 / kf
        var = (s2 - kf * m * m) / (kf - 1.0)
        cnt[j] = kf
        sd[j] = np.sqrt(_maxnan(var, 0.0)) if kf > 1 else np.nan
        mean[j] = m + centre if kf > 0 else np.nan


@njit(**_opts)
def _mean_sd_buffers(t):  # type: ignore[no-untyped-def]
    """Scratch for :func:`_mean_sd` and :func:`_resolution` over series of ``t`` periods."""
    return (np.empty(t + 1), np.empty(t + 1), np.empty(t + 1), np.empty(t), np.empty(t), np.empty(t),
            np.empty(t))


@njit(**_opts)
def robust_z_kernel(x, d, width, lag, z, min_history, min_spread, rel, mad_scale,  # type: ignore[no-untyped-def]
                    score, flag, base, spread, thr):
    """``thresholds.robust_z``: median and MAD of a sorted window kept as it slides."""
    n, t = x.shape
    buf = np.empty(width + 1)
    res = np.empty(t)
    for i in range(n):
        xi = x[i]
        _resolution(xi, res)
        cnt = 0
        for e in range(t):
            new = e - lag
            if new >= 0:
                old = new - width
                cnt = _slide(buf, cnt, xi[new], xi[old] if old >= 0 else np.nan)
            if cnt == 0:
                md = np.nan
                mad = np.nan
            else:
                md = _quantile(buf, cnt, 0.5)
                # The absolute deviations are two sorted runs folded at md: their order
                # statistics come from a binary search, without sorting or merging.
                split = cnt // 2  # the first value >= md, close to the middle
                while split < cnt and buf[split] < md:
                    split += 1
                while split > 0 and buf[split - 1] >= md:
                    split -= 1
                pos = (cnt - 1) * 0.5
                r_lo = np.floor(pos)
                a, b = _kth_deviations(buf, cnt, split, md, int(r_lo))
                if cnt % 2:
                    b = a
                mad = a + (b - a) * (pos - r_lo)
            sp = _floored(mad_scale * mad, md, min_spread, rel, res[e])
            sc = (xi[e] - md) / sp
            if not cnt >= min_history:
                sc = np.nan
            score[i, e] = sc
            flag[i, e] = sc >= z
            base[i, e] = md * d[i]
            spread[i, e] = sp
            thr[i, e] = (md + z * sp) * d[i]


@njit(**_opts)
def percentile_kernel(x, d, width, q, min_history, score, flag, base):  # type: ignore[no-untyped-def]
    """``thresholds.percentile``: a sorted window of the ``width`` values before t, kept as
    it slides; the quantile is interpolated between the same two order statistics."""
    n, t = x.shape
    buf = np.empty(width + 1)
    for i in range(n):
        xi = x[i]
        c = 0
        for e in range(t):
            if e >= 1:
                c = _slide(buf, c, xi[e - 1], xi[e - 1 - width] if e - 1 - width >= 0 else np.nan)
            cur = xi[e]
            b = 0
            eq = 0
            for m in range(c):  # counts without branches (comparisons with NaN are False)
                b += buf[m] < cur
                eq += buf[m] == cur
            quant = _quantile(buf, c, q)
            cf = float(c)
            sc = (float(b) + 0.5 * float(eq)) / cf
            enough = cf >= min_history and cur == cur
            if not enough:
                sc = np.nan
            score[i, e] = sc
            flag[i, e] = enough and cur > quant and sc == sc
            base[i, e] = quant * d[i]


@njit(**_opts)
def ears_kernel(x, d, baseline, lag, min_history, min_spread, rel, thr_c, thr3, do_c, do_c3,  # type: ignore[no-untyped-def]
                c_score, c_flag, base, spread, c_thr, c3_score, c3_flag, c3_thr):
    """``ears``: the C statistic against the ``baseline`` (7) values ending ``lag`` periods
    back (C1: lag 1, C2: lag 3) and, with ``do_c3``, C3 from the same C2 values."""
    n, t = x.shape
    c1, c2, cc, mean, sd, cnt, res = _mean_sd_buffers(t)
    for i in range(n):
        xi = x[i]
        _resolution(xi, res)
        _mean_sd(xi, baseline, lag, c1, c2, cc, mean, sd, cnt)
        prev1 = 0.0  # max(0, C_{t-1} - 1) and max(0, C_{t-2} - 1), NaN as 0
        prev2 = 0.0
        for e in range(t):
            m = mean[e]
            s = _floored(sd[e], m, min_spread, rel, res[e])
            c = (xi[e] - m) / s
            if not cnt[e] >= min_history:
                c = np.nan
            c_score[i, e] = c
            base[i, e] = m * d[i]
            spread[i, e] = s
            if do_c:
                c_flag[i, e] = c >= thr_c
                c_thr[i, e] = (m + thr_c * s) * d[i]
            if do_c3:
                term = _maxnan(0.0, c - 1.0)
                p = 0.0
                if e >= 1:
                    p = p + prev1
                if e >= 2:
                    p = p + prev2
                c3 = np.nan if term != term else term + p
                c3_score[i, e] = c3
                c3_flag[i, e] = c3 >= thr3
                c3_thr[i, e] = (m + s * (1.0 + _maxnan(0.0, thr3 - p))) * d[i]
                prev2 = prev1
                prev1 = 0.0 if term != term else term


@njit(**_opts)
def control_kernel(x, d, width, lag, min_history, min_spread, rel,  # type: ignore[no-untyped-def]
                   lam, limit, k, h, two_e, two_c, do_ewma, do_cusum, base, spread,
                   e_score, e_flag, e_thr, c_score, c_flag, c_thr, c_lower):
    """``control.ewma`` and ``control.cusum`` on the same standardisation (a trailing window
    ending ``lag`` periods back): the recursions run along each series."""
    n, t = x.shape
    c1, c2, cc, mean, sd, cnt, res = _mean_sd_buffers(t)
    keep = 1.0 - lam
    for i in range(n):
        xi = x[i]
        _resolution(xi, res)
        _mean_sd(xi, width, lag, c1, c2, cc, mean, sd, cnt)
        ew = 0.0
        hi = 0.0
        lo = 0.0
        for e in range(t):
            enough = cnt[e] >= min_history
            m = mean[e] if enough else np.nan
            s = _floored(sd[e] if enough else np.nan, m, min_spread, rel, res[e])
            z = (xi[e] - m) / s
            ok = z == z
            base[i, e] = m * d[i]
            spread[i, e] = s
            if do_ewma:
                prev = ew
                if ok:
                    ew = lam * z + keep * ew
                e_score[i, e] = ew if ok else np.nan
                e_flag[i, e] = ok and (ew > limit or (two_e and ew < -limit))
                e_thr[i, e] = (m + s * (limit - keep * prev) / lam) * d[i]
            if do_cusum:
                prev = hi
                if ok:
                    hi = _maxnan(0.0, hi + z - k)
                    lo = _maxnan(0.0, lo - z - k)
                c_score[i, e] = hi if ok else np.nan
                c_flag[i, e] = ok and (hi > h or (two_c and lo > h))
                c_thr[i, e] = (m + s * (h - prev + k)) * d[i]
                c_lower[i, e] = lo if ok else np.nan


@njit(**_opts)
def kendall_kernel(x, d, window, min_history, crit, score, flag, zraw, report):  # type: ignore[no-untyped-def]
    """``trend.mann_kendall`` up to Sen's slope: Kendall's S and the tied pairs updated as
    the window slides (pairs in, pairs out), the tie correction where there are ties.
    ``report`` marks where Sen's slope is reported: flagged periods and the last observed."""
    n, t = x.shape
    for i in range(n):
        xi = x[i]
        last = -1
        for e in range(t):
            if xi[e] == xi[e]:
                last = e
        s = 0
        tied = 0
        nobs = 0
        for e in range(t):
            v = xi[e]
            lo = e - window + 1
            if lo < 0:
                lo = 0
            for j in range(lo, e):  # pairs (j, e) enter; comparisons with NaN are False
                u = xi[j]
                s += (v > u) - (v < u)  # branch-free: the signs are a coin toss for the CPU
                tied += v == u
            nobs += v == v
            old = e - window
            if old >= 0:  # pairs (old, j) leave
                u = xi[old]
                nobs -= u == u
                for j in range(old + 1, e):
                    w = xi[j]
                    s -= (w > u) - (w < u)
                    tied -= w == u
            term = 0.0
            if tied > 0:
                for j in range(lo, e + 1):
                    u = xi[j]
                    if u != u:
                        continue
                    c = 0
                    for m in range(lo, e + 1):
                        c += xi[m] == u
                    cf = float(c)
                    term += cf * (cf - 1.0) * (2.0 * cf + 5.0) / cf
            nf = float(nobs)
            var = (nf * (nf - 1.0) * (2.0 * nf + 5.0) - term) / 18.0
            sf = float(s)
            if nf > 1:
                sdv = np.sqrt(var)
                z = (sf - 1) / sdv if s > 0 else ((sf + 1) / sdv if s < 0 else 0.0)
            else:
                z = np.nan
            zraw[i, e] = z
            enough = nf >= min_history and v == v
            if not enough:
                z = np.nan
            score[i, e] = z
            flag[i, e] = z >= crit
            report[i, e] = enough and (z >= crit or e == last)


@njit(**_opts)
def change_point_kernel(x, d, window, min_size, thr, min_history, min_spread, rel,  # type: ignore[no-untyped-def]
                        score, flag, base, spread, thr_out, start, shift):
    """``changepoint.change_point``: the best split of each trailing window from prefix
    sums (every candidate a couple of subtractions), then the floored t statistic."""
    n, t = x.shape
    p1 = np.empty(t + 1)
    p2 = np.empty(t + 1)
    q = np.empty(t + 1)
    w1 = window - 1
    gain = np.empty(max(w1, 1))
    okx = np.empty(t, np.uint8)
    res = np.empty(t)
    for i in range(n):
        xi = x[i]
        _resolution(xi, res)
        centre = _prefix_sums(xi, p1, p2, q)
        for j in range(t):
            okx[j] = xi[j] == xi[j]
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
            if e >= w1:  # every candidate start inside the series: a branch-free loop
                b0 = e - w1 + 1
                for k in range(w1):
                    c1 = p1[b0 + k] - p1_lo
                    n1 = q[b0 + k] - q_lo
                    n2 = n_tot - n1
                    dev = c1 - n1 * mean_tot
                    g = dev * dev
                    g = g * n_tot
                    g = g / (n1 * n2)
                    valid = (okx[b0 + k] != 0) & (n1 >= min_size) & (n2 >= min_size)
                    gain[k] = g if valid else -1.0
            else:
                for k in range(1, w1 + 1):
                    s = e - w1 + k
                    sc = s if s >= 0 else 0
                    c1 = (p1[sc] if s >= 0 else 0.0) - p1_lo
                    n1 = (q[sc] if s >= 0 else 0.0) - q_lo
                    n2 = n_tot - n1
                    dev = c1 - n1 * mean_tot
                    g = dev * dev
                    g = g * n_tot
                    g = g / (n1 * n2)
                    valid = (s >= 0) and (okx[sc] != 0) and n1 >= min_size and n2 >= min_size
                    gain[k - 1] = g if valid else -1.0
            best = gain[0]
            kbest = 0
            nans = best != best
            for k in range(1, w1):  # np.argmax (the first maximum), without branches
                g = gain[k]
                better = g > best
                best = g if better else best
                kbest = k if better else kbest
                nans |= g != g
            if nans:  # np.argmax takes the first NaN (only with huge values)
                for k in range(w1):
                    if gain[k] != gain[k]:
                        best = gain[k]
                        kbest = k
                        break
            if w1 == 0:
                kbest = -1
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
                tau = kbest + 1.0
                m1 = c1b / n1b + centre
                m2 = (s_tot - c1b) / n2b + centre
                sst = _maxnan(ss_tot - s_tot * s_tot / n_tot, 0.0)
                sd = np.sqrt(_maxnan(sst - best, 0.0) / (n_tot - 2)) if n_tot > 2 else np.nan
                fac = np.sqrt(1 / n1b + 1 / n2b)
            else:
                tau = -1.0
                m1 = np.nan
                m2 = np.nan
                sd = np.nan
                fac = np.nan
            sdf = _floored(sd, m1, min_spread, rel, res[e])
            step = m2 - m1
            sc = step / (sdf * fac)
            if not (n_tot >= min_history and okx[e] != 0):
                sc = np.nan
            score[i, e] = sc
            flag[i, e] = sc >= thr
            base[i, e] = m1 * d[i]
            spread[i, e] = sdf
            thr_out[i, e] = (m1 + thr * sdf * fac) * d[i]
            st = (e - window + 1) + tau if tau >= 0 else np.nan
            start[i, e] = np.nan if sc != sc else st
            shift[i, e] = step * d[i]

