"""The monitor (:mod:`workbench.models.detectors.state_monitor`) compiled: one pass per series.

Imported only through :mod:`workbench.models.monitor_fast` when numba is there and enabled.
The numpy monitor walks the periods and handles every series at each step, gathering its
windows from prefix sums of the whole panel; here each series is walked on its own, its
state (open alert, frozen baseline, EWMA, window starts, the sums of the open episode) held
in scalars and its prefix sums in a small buffer of ``periods + 1`` rows that stays in the
CPU cache. Every number goes through the numpy code's floating-point operations in the same
order (same prefix sums, same rebuild after a protraction, same window starts), with two
exceptions measured in ``tests/test_models_monitor_kernel.py``:

* the least-squares fit of trend and season solves its 2x2 to 4x4 normal equations by
  Gaussian elimination with partial pivoting here, where numpy calls LAPACK; the two agree
  to a few units in the last place;
* a count's negative binomial tail is the regularized incomplete beta function
  ``I_{1-p}(k + 1, n)`` (``scipy.special.betainc``, boost's ``ibeta``), where the numpy code
  calls ``scipy.stats.nbinom.sf`` (boost's negative binomial, the same function reached
  through another policy): relative differences of about 1e-14. The Poisson tail
  (``pdtrc``) and the normal tail (``ndtr``) are scipy's own functions, so equal to the bit.

Why scipy's compiled special functions rather than a hand-written continued fraction: they
are the functions the numpy reference uses, kept by scipy, accurate over the whole range of
means and dispersions (a hand-written series or continued fraction is easy to get wrong far
in the tail, where the scores live). numba reaches them through their C entry points in
``scipy.special.cython_special`` (``numba.extending.get_cython_function_address``), passed
to the kernel as first-class function arguments so that the compiled code stays cacheable.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core.types import WrapperAddressProtocol
from numba.experimental import function_type  # noqa: F401 - registers the typing of first-class functions
from numba.extending import get_cython_function_address, intrinsic

from workbench.models.kernels_jit import _resolution

_opts: dict[str, Any] = {"cache": True, "nogil": True, "error_model": "numpy", "boundscheck": False}

_F64 = types.float64
_SKIP = np.int32(0)  # cython's ``__pyx_skip_dispatch`` argument of a cpdef function


class _Special(WrapperAddressProtocol):
    """A function of ``scipy.special.cython_special`` as a first-class numba function."""

    def __init__(self, name: str, sig: Any) -> None:
        self._addr = get_cython_function_address("scipy.special.cython_special", name)
        self._sig = sig

    def __wrapper_address__(self) -> int:
        return self._addr

    def signature(self) -> Any:
        return self._sig


#: ndtr(x), pdtrc(k, m) = P(Poisson(m) > k), betainc(a, b, x) = I_x(a, b), all in double.
NDTR = _Special("__pyx_fuse_1ndtr", _F64(_F64, types.int32))
PDTRC = _Special("pdtrc", _F64(_F64, _F64, types.int32))
BETAINC = _Special("__pyx_fuse_0betainc", _F64(_F64, _F64, _F64, types.int32))

# Columns of a series' prefix sums (``_Sums.KEYS`` of the numpy monitor).
N_, Y_, YY, X_, XX, T_, TT, TY, C_, S_, CC, SS, CS, TC, TS, YC, YS = range(17)
NKEYS = 17
_BIG = 1.7976931348623157e308  # np.nan_to_num's replacement for inf


@njit(**_opts)
def _mx(a, b):  # type: ignore[no-untyped-def]
    """np.maximum: NaN wins."""
    if a != a:
        return a
    if b != b:
        return b
    return a if a >= b else b


@njit(**_opts)
def _mn(a, b):  # type: ignore[no-untyped-def]
    """np.minimum: NaN wins."""
    if a != a:
        return a
    if b != b:
        return b
    return a if a <= b else b


@njit(**_opts)
def _fmax(a, b):  # type: ignore[no-untyped-def]
    """np.fmax: NaN loses."""
    if a != a:
        return b
    if b != b:
        return a
    return a if a >= b else b


@njit(**_opts)
def _nan_to_num(a):  # type: ignore[no-untyped-def]
    if a != a:
        return 0.0
    if a == np.inf:
        return _BIG
    if a == -np.inf:
        return -_BIG
    return a


@njit(**_opts)
def _clip8(z):  # type: ignore[no-untyped-def]
    """np.clip(np.nan_to_num(z), -8, 8)."""
    return _mn(_mx(_nan_to_num(z), -8.0), 8.0)


@njit(**_opts)
def _count_tail(x, mean, var, pdtrc, betainc):  # type: ignore[no-untyped-def]
    """state_monitor.count_tail of one value: P(X >= x), negative binomial or Poisson."""
    if not (np.isfinite(x) and np.isfinite(mean)):
        return np.nan
    mu = _mx(mean, 1e-3)
    v = _mx(_nan_to_num(var), 0.0)
    k = _mx(np.ceil(x - 1e-9), 0.0) - 1.0
    if k < 0:
        return 1.0
    if v > mu * 1.0001:
        size = mu * mu / (v - mu)
        p = size / (size + mu)
        return betainc(k + 1.0, size, 1.0 - p, _SKIP)
    return pdtrc(k, mu, _SKIP)


@njit(**_opts)
def _point_tail(y, x, here, cnt, mean, sd, xmean, xvar, ndtr, pdtrc, betainc):  # type: ignore[no-untyped-def]
    """(z, p) of one period under a baseline, as _Monitor.point_tail."""
    if not here:
        return np.nan, np.nan
    z = (y - mean) / sd
    if cnt:
        return z, _count_tail(x, xmean, _mx(xvar, xmean), pdtrc, betainc)
    return z, 1.0 - ndtr(_clip8(z), _SKIP)


@njit(**_opts)
def _terms(out, y, x, j, cos, sin, with_t, with_s):  # type: ignore[no-untyped-def]
    """The prefix sums' terms of period ``j`` (_Sums.terms)."""
    tau = float(j)
    out[N_] = 1.0
    out[Y_] = y
    out[YY] = y * y
    out[X_] = x
    out[XX] = x * x
    if with_t:
        out[T_] = tau
        out[TT] = tau * tau
        out[TY] = tau * y
    if with_s:
        c = cos[j]
        s = sin[j]
        out[C_] = c
        out[S_] = s
        out[CC] = c * c
        out[SS] = s * s
        out[CS] = c * s
        out[TC] = tau * c
        out[TS] = tau * s
        out[YC] = y * c
        out[YS] = y * s


@njit(**_opts)
def _extend(sums, term, j, acc, y0, x0, cos, sin, with_t, with_s):  # type: ignore[no-untyped-def]
    _terms(term, y0[j], x0[j], j, cos, sin, with_t, with_s)
    a = 1.0 if acc[j] else 0.0
    for k in range(NKEYS):
        sums[j + 1, k] = sums[j, k] + term[k] * a


@njit(**_opts)
def _rebuild(sums, term, run, s0, j, acc, y0, x0, cos, sin, with_t, with_s):  # type: ignore[no-untyped-def]
    """Rows s0 + 1 .. j + 1 after the accepted periods changed: the base row plus a cumulative
    sum of the terms (np.cumsum, then one addition), as _Sums.rebuild."""
    for k in range(NKEYS):
        run[k] = 0.0
    for i in range(s0, j + 1):
        _terms(term, y0[i], x0[i], i, cos, sin, with_t, with_s)
        a = 1.0 if acc[i] else 0.0
        for k in range(NKEYS):
            if i == s0:
                run[k] = term[k] * a
            else:
                run[k] = run[k] + term[k] * a
            sums[i + 1, k] = sums[s0, k] + run[k]


@njit(**_opts)
def _window_start(sums, ptr, floor, hi, hi_c, lookback, width):  # type: ignore[no-untyped-def]
    lo = max(max(ptr, floor), hi - lookback)
    lo = min(max(lo, 0), hi_c)
    top = sums[hi_c, N_]
    while top - sums[lo, N_] > width:
        lo += 1
    return lo


@intrinsic
def _fma(typingctx, a, b, c):  # type: ignore[no-untyped-def]
    """a * b + c rounded once (LLVM's fma intrinsic)."""
    sig = types.float64(types.float64, types.float64, types.float64)

    def codegen(context, builder, signature, args):  # type: ignore[no-untyped-def]
        d = ir.DoubleType()
        fn = builder.module.declare_intrinsic("llvm.fma", [d], ir.FunctionType(d, [d, d, d]))
        return builder.call(fn, args)

    return sig, codegen


@njit(**_opts)
def _solve2(a, b, inv):  # type: ignore[no-untyped-def]
    """The 2 x 2 case of :func:`_solve` (level + trend, the default), in the operations that
    numpy's LAPACK (OpenBLAS: dgesv, with fused multiply-adds in the substitutions) was
    measured to use on the development machine, so that the fit agrees with the numpy
    monitor to the bit there; on other CPUs or BLAS builds they agree to an ulp or so."""
    a00, a01, a10, a11 = a[0, 0], a[0, 1], a[1, 0], a[1, 1]
    b0, b1 = b[0], b[1]
    swap = np.abs(a10) > np.abs(a00)
    if swap:
        a00, a01, a10, a11 = a10, a11, a00, a01
        b0, b1 = b1, b0
    if a00 == 0.0:
        return False
    r00 = 1.0 / a00
    lo = a10 * r00
    u11 = a11 - lo * a01
    if u11 == 0.0:
        return False
    y1 = _fma(-b0, lo, b1)
    x1 = y1 / u11
    b[1] = x1
    b[0] = _fma(-x1, a01, b0) / a00
    r11 = 1.0 / u11
    for col in range(2):
        e0 = 1.0 if (col == 1) == swap else 0.0  # the identity's column, rows permuted
        e1 = 1.0 - e0
        v1 = _fma(-e0, lo, e1) * r11
        inv[1, col] = v1
        inv[0, col] = _fma(-v1, a01, e0) * r00
    return True


@njit(**_opts)
def _solve(a, b, m, inv):  # type: ignore[no-untyped-def]
    """Solve a x = b (m <= 4) by LU with partial pivoting, and the inverse of a in ``inv``;
    returns False when a pivot is exactly zero (numpy's LinAlgError)."""
    if m == 2:
        return _solve2(a, b, inv)
    perm = np.arange(m)
    for c in range(m):
        p = c
        best = np.abs(a[c, c])
        for r in range(c + 1, m):
            if np.abs(a[r, c]) > best:
                best = np.abs(a[r, c])
                p = r
        if a[p, c] == 0.0:
            return False
        if p != c:
            for k in range(m):
                tmp = a[c, k]
                a[c, k] = a[p, k]
                a[p, k] = tmp
            tp = perm[c]
            perm[c] = perm[p]
            perm[p] = tp
            tb = b[c]
            b[c] = b[p]
            b[p] = tb
        r_inv = 1.0 / a[c, c]
        for r in range(c + 1, m):
            a[r, c] = a[r, c] * r_inv
        for r in range(c + 1, m):
            lrc = a[r, c]
            for k in range(c + 1, m):
                a[r, k] = a[r, k] - lrc * a[c, k]
    # The right-hand sides: b, then the columns of the identity (permuted).
    for col in range(m + 1):
        v = np.zeros(4)
        if col == 0:
            for i in range(m):
                v[i] = b[i]
        else:
            for i in range(m):
                v[i] = 1.0 if perm[i] == col - 1 else 0.0
        for k in range(m):  # forward, unit lower
            if v[k] != 0.0:
                for i in range(k + 1, m):
                    v[i] = v[i] - v[k] * a[i, k]
        for k in range(m - 1, -1, -1):  # backward, upper
            if v[k] != 0.0:
                v[k] = v[k] / a[k, k]
                for i in range(k):
                    v[i] = v[i] - v[k] * a[i, k]
        if col == 0:
            for i in range(m):
                b[i] = v[i]
        else:
            for i in range(m):
                inv[i, col - 1] = v[i]
    return True


@njit(**_opts)
def _fit_shape(sums, lo, hi, use_t, use_s, trend, season, mat, rhs, inv, out):  # type: ignore[no-untyped-def]
    """(slope, cos, sin) of the window [lo, hi) into ``out`` (state_monitor._fit_shape of one
    series); returns False for a singular system."""
    out[0] = 0.0
    out[1] = 0.0
    out[2] = 0.0
    m = 1 + (1 if use_t else 0) + (2 if use_s else 0)
    if m == 1:
        return True
    # Column keys: 1, t, c, s -> index into the sums of x_a * x_b and of x_a * y.
    cols = np.empty(4, np.int64)
    cols[0] = 0
    q = 1
    if use_t:
        cols[q] = 1
        q += 1
    if use_s:
        cols[q] = 2
        cols[q + 1] = 3
    n = sums[hi, N_] - sums[lo, N_]
    ok = n >= m + 3
    for i in range(m):
        a = cols[i]
        ky = Y_ if a == 0 else TY if a == 1 else YC if a == 2 else YS
        rhs[i] = (sums[hi, ky] - sums[lo, ky]) if ok else 0.0
        for jj in range(m):
            b = cols[jj]
            if not ok:
                v = 1.0 if i == jj else 0.0
            else:
                lo_, hi_ = (a, b) if a <= b else (b, a)
                if lo_ == 0:
                    key = N_ if hi_ == 0 else T_ if hi_ == 1 else C_ if hi_ == 2 else S_
                elif lo_ == 1:
                    key = TT if hi_ == 1 else TC if hi_ == 2 else TS
                elif lo_ == 2:
                    key = CC if hi_ == 2 else CS
                else:
                    key = SS
                v = sums[hi, key] - sums[lo, key]
            mat[i, jj] = v + (1e-9 if i == jj else 0.0)
    xty0 = rhs.copy()
    if not _solve(mat, rhs, m, inv):
        return False
    if not ok:
        return True
    dot = 0.0
    for i in range(m):
        dot = dot + rhs[i] * xty0[i]
    rss = _mx((sums[hi, YY] - sums[lo, YY]) - dot, 0.0)
    sigma2 = rss / max(n - m, 1.0)
    if use_t:
        t2 = rhs[1] * rhs[1] / (sigma2 * inv[1, 1])
        out[0] = _nan_to_num(rhs[1] * t2 / (t2 + trend))
    if use_s:
        i = m - 2
        b0 = rhs[i]
        b1 = rhs[i + 1]
        c00 = inv[i, i] * sigma2
        c01 = inv[i, i + 1] * sigma2
        c11 = inv[i + 1, i + 1] * sigma2
        det = c00 * c11 - c01 * c01
        f2 = (b0 * b0 * c11 - 2 * b0 * b1 * c01 + b1 * b1 * c00) / det / 2
        shrink = _nan_to_num(f2 / (f2 + season))
        out[1] = _nan_to_num(b0) * shrink
        out[2] = _nan_to_num(b1) * shrink
    return True


@njit(**_opts)
def monitor_kernel(x, cnt, d, cos, sin,  # type: ignore[no-untyped-def]
                   width, guard, quiet, min_history, protract, point_p, long_width, lookback,
                   lam, limit, cont, min_count, confirm, trend, season, rebase_history, ewma_sd,
                   with_t, with_s, shaped,
                   ndtr, pdtrc, betainc,
                   score, baseline, spread, threshold, z_out, ewma_out, p_out,
                   flag, opened, protracted, ended, point_hit, ewma_hit, status):
    """The monitor over a chunk of series (rows of ``x``, worse-oriented values). ``score``
    receives the EWMA's tail probability (the caller turns it and ``p_out`` into the score).
    ``status[r]`` is 1 where a trend or
    season fit met a singular system (the caller then runs the numpy monitor)."""
    n, t = x.shape
    sums = np.zeros((t + 1, NKEYS))
    term = np.zeros(NKEYS)
    run = np.zeros(NKEYS)
    acc = np.zeros(t, np.bool_)
    y0 = np.zeros(t)
    x0 = np.zeros(t)
    yv = np.zeros(t)
    valid = np.zeros(t, np.bool_)
    mat = np.zeros((4, 4))
    rhs = np.zeros(4)
    inv = np.zeros((4, 4))
    shape = np.zeros(3)
    res = np.zeros(t)
    with_t_keys = with_t or with_s
    one_lam = 1.0 - lam
    for r in range(n):
        c = cnt[r]
        dr = d[r]
        for j in range(t):
            xv = x[r, j]
            yy_ = 2.0 * np.sqrt(_mx(xv, 0.0) + 0.375) if c else xv
            yv[j] = yy_
            valid[j] = np.isfinite(yy_)
            y0[j] = yy_ if valid[j] else 0.0
            x0[j] = xv if valid[j] else 0.0
            acc[j] = False
        sums[0, :] = 0.0
        if not c:
            _resolution(x[r], res)  # a count's spread floor is 1, its resolution unused
        w_r, g_r, q_r, mh_r, pr_r = width[r], guard[r], quiet[r], min_history[r], protract[r]
        lw_r, lb_r, pp_r = long_width[r], lookback[r], point_p[r]
        split = c and lw_r > w_r
        long_ptr = 0
        lo_ptr = 0
        floor = 0
        rebased = False
        is_open = False
        start = 0
        last_hot = 0
        f_mean = 0.0
        f_sd = 0.0
        f_xmean = 0.0
        f_xvar = 0.0
        e_n = 0.0
        e_y = 0.0
        e_yy = 0.0
        e_x = 0.0
        e_xx = 0.0
        ewma = 0.0
        run_len = 0
        status[r] = 0
        for j in range(t):
            # -- baseline (_Monitor.baseline) --
            hi = j - g_r + 1
            hi_c = max(hi, 0)
            lo_ptr = _window_start(sums, lo_ptr, floor, hi, hi_c, lb_r, w_r)
            k = sums[hi_c, N_] - sums[lo_ptr, N_]
            wy = sums[hi_c, Y_] - sums[lo_ptr, Y_]
            wyy = sums[hi_c, YY] - sums[lo_ptr, YY]
            wx = sums[hi_c, X_] - sums[lo_ptr, X_]
            wxx = sums[hi_c, XX] - sums[lo_ptr, XX]
            if with_t_keys:
                wt = sums[hi_c, T_] - sums[lo_ptr, T_]
                wtt = sums[hi_c, TT] - sums[lo_ptr, TT]
                wty = sums[hi_c, TY] - sums[lo_ptr, TY]
            else:
                wt = 0.0
                wtt = 0.0
                wty = 0.0
            if with_s:
                wc = sums[hi_c, C_] - sums[lo_ptr, C_]
                ws = sums[hi_c, S_] - sums[lo_ptr, S_]
                wcc = sums[hi_c, CC] - sums[lo_ptr, CC]
                wss = sums[hi_c, SS] - sums[lo_ptr, SS]
                wcs = sums[hi_c, CS] - sums[lo_ptr, CS]
                wtc = sums[hi_c, TC] - sums[lo_ptr, TC]
                wts = sums[hi_c, TS] - sums[lo_ptr, TS]
                wyc = sums[hi_c, YC] - sums[lo_ptr, YC]
                wys = sums[hi_c, YS] - sums[lo_ptr, YS]
            else:
                wc = 0.0
                ws = 0.0
                wcc = 0.0
                wss = 0.0
                wcs = 0.0
                wtc = 0.0
                wts = 0.0
                wyc = 0.0
                wys = 0.0
            if shaped:
                long_ptr = _window_start(sums, long_ptr, floor, hi, hi_c, lb_r, lw_r)
                if not _fit_shape(sums, long_ptr, hi_c, trend > 0, season > 0, trend, season, mat, rhs, inv,
                                  shape):
                    status[r] = 1
                    break
            bt = 0.0 if c else shape[0]
            bc = shape[1]
            bs = shape[2]
            mu = (wy - bt * wt - bc * wc - bs * ws) / k
            uu = (wyy - 2 * (bt * wty + bc * wyc + bs * wys) + bt * bt * wtt + bc * bc * wcc
                  + bs * bs * wss + 2 * (bt * bc * wtc + bt * bs * wts + bc * bs * wcs))
            var = _mx(uu - k * (mu * mu), 0.0) / _mx(k - 1, 1.0)
            mean = mu + bt * j + bc * cos[j] + bs * sin[j]
            xm = wx / k
            xvv = _mx(wxx / k - xm * xm, 0.0) * k / _mx(k - 1, 1.0)
            disp = _mx(xvv / xm, 1.0) if xm > 0 else 1.0
            if split:
                long_ptr = _window_start(sums, long_ptr, floor, hi, hi_c, lb_r, lw_r) if not shaped else long_ptr
                kl = sums[hi_c, N_] - sums[long_ptr, N_]
                lm = (sums[hi_c, Y_] - sums[long_ptr, Y_]) / kl
                lv = _mx((sums[hi_c, YY] - sums[long_ptr, YY]) / kl - lm * lm, 0.0) * kl / _mx(kl - 1, 1.0)
                lxm = (sums[hi_c, X_] - sums[long_ptr, X_]) / kl
                lxv = _mx((sums[hi_c, XX] - sums[long_ptr, XX]) / kl - lxm * lxm, 0.0) * kl / _mx(kl - 1, 1.0)
                ldisp = _mx(lxv / lxm, 1.0) if lxm > 0 else 1.0
                if kl > k:
                    var = _fmax(var, lv)
                    disp = _fmax(disp, ldisp)
            if c:
                if shaped:
                    xm = _mx((mean / 2) * (mean / 2) - 0.375, 0.0)
                xm = _mx(xm, 0.5 / (k + 1))
                xvv = xm * disp
            floor_sd = 1.0 if c else _mx(_mx(res[j], 0.01 * np.abs(mean)), 1e-9)
            b_mean = mean
            b_sd = _mx(np.sqrt(var), floor_sd)
            b_xmean = xm
            b_xvar = xvv
            need = rebase_history if rebased else mh_r
            ready = (k >= need) and (hi > 0)
            # -- one period (_Monitor.step) --
            if is_open:
                b_mean = f_mean
                b_sd = f_sd
                b_xmean = f_xmean
                b_xvar = f_xvar
            ready = ready or is_open
            here = valid[j] and ready
            yj = yv[j]
            xj = x[r, j]
            z, p_point = _point_tail(yj, xj, here, c, b_mean, b_sd, b_xmean, b_xvar, ndtr, pdtrc, betainc)
            zc = _clip8(z)
            if here:
                ewma = lam * zc + one_lam * ewma
            big = (not c) or (xj - b_xmean >= min_count)
            p_hit = here and (p_point <= pp_r) and big
            e_hit = here and (ewma > limit) and ((not c) or (xj > b_xmean))
            if here:
                run_len = run_len + 1 if e_hit else 0
            flg = p_hit or (e_hit and ((run_len >= confirm) or is_open))
            hot = here and (flg or (zc > cont))
            # A further escalation inside the open alert (escalation_on_top).
            esc = False
            if is_open and here and e_n >= rebase_history:
                lmean = e_y / e_n
                lvar = _mx(e_yy / e_n - lmean * lmean, 0.0) * e_n / _mx(e_n - 1, 1.0)
                lxmean = e_x / e_n
                lxvar = _mx(e_xx / e_n - lxmean * lxmean, 0.0) * e_n / _mx(e_n - 1, 1.0)
                lfloor = 1.0 if c else _mx(_mx(res[j], 0.01 * np.abs(lmean)), 1e-9)
                lsd = _mx(np.sqrt(lvar), _mx(lfloor, f_sd))
                lxv = _mx(lxvar, f_xvar)
                _, pe = _point_tail(yj, xj, True, c, lmean, lsd, lxmean, lxv, ndtr, pdtrc, betainc)
                esc = (pe <= pp_r) and ((not c) or (xj - lxmean >= min_count))
                if esc:
                    # rebase_on_escalation: a protracted situation at j - 1, a new alert at j.
                    protracted[r, j - 1] = True
                    for i in range(start, j):
                        acc[i] = valid[i]
                    floor = start
                    _rebuild(sums, term, run, start, j - 1, acc, y0, x0, cos, sin, with_t_keys, with_s)
                    rebased = True
                    b_mean = lmean
                    b_sd = lsd
                    b_xmean = lxmean
                    b_xvar = lxv
                    z, p_point = _point_tail(yj, xj, True, c, lmean, lsd, lxmean, lxv, ndtr, pdtrc, betainc)
                    zc = _clip8(z)
                    ewma = lam * zc
                    is_open = False
                    flg = True
                    hot = True
            new = (flg and not is_open) or esc
            if new:
                f_mean = b_mean
                f_sd = b_sd
                f_xmean = b_xmean
                f_xvar = b_xvar
                start = j
                e_n = 0.0
                e_y = 0.0
                e_yy = 0.0
                e_x = 0.0
                e_xx = 0.0
            is_open = is_open or new
            if is_open and hot:
                last_hot = j
            end = is_open and (j - last_hot >= q_r)
            prot = is_open and (not end) and (j - start + 1 >= pr_r)
            flag[r, j] = is_open and (not end) and hot
            opened[r, j] = new
            protracted[r, j] = protracted[r, j] or prot
            ended[r, j] = end
            point_hit[r, j] = p_hit
            ewma_hit[r, j] = e_hit
            acc[j] = valid[j] and not (is_open and not end)
            if prot:
                for i in range(start, j + 1):
                    acc[i] = valid[i]
                floor = start
                rebased = True
            if end or prot:
                ewma = 0.0
                is_open = False
            if is_open and valid[j]:
                e_n = e_n + 1.0
                e_y = e_y + y0[j]
                e_yy = e_yy + y0[j] * y0[j]
                e_x = e_x + x0[j]
                e_xx = e_xx + x0[j] * x0[j]
            _extend(sums, term, j, acc, y0, x0, cos, sin, with_t_keys, with_s)
            if prot:
                _rebuild(sums, term, run, start, j, acc, y0, x0, cos, sin, with_t_keys, with_s)
            # -- outputs (state_monitor._result) --
            if here:  # the score from the two tails is taken by the caller, with numpy's log10
                score[r, j] = 1.0 - ndtr(ewma / ewma_sd, _SKIP)
                ewma_out[r, j] = ewma
            else:
                score[r, j] = np.nan
                ewma_out[r, j] = np.nan
            z_out[r, j] = z
            p_out[r, j] = p_point
            if ready:
                prev = (ewma - lam * zc) / one_lam if lam < 1 else 0.0
                needed = b_mean + b_sd * (limit - one_lam * prev) / lam
                if c:
                    baseline[r, j] = b_xmean * dr
                    spread[r, j] = np.sqrt(_mx(b_xvar, b_xmean))
                    threshold[r, j] = _mx((needed / 2.0) * (needed / 2.0) - 0.375, 0.0) * dr
                else:
                    baseline[r, j] = b_mean * dr
                    spread[r, j] = b_sd
                    threshold[r, j] = needed * dr
            else:
                baseline[r, j] = np.nan
                spread[r, j] = np.nan
                threshold[r, j] = np.nan
