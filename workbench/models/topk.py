"""High (or low) quantiles of trailing windows from the few largest values, without sorting.

The 95th percentile of 36 values needs only the second and third largest of them. The
``k`` largest values of every trailing window are found by doubling: the top-k lists of
windows of 1, 2, 4, 8 ... periods are merged pairwise (a merge of two sorted k-lists is a
handful of element-wise ``minimum``/``maximum`` over all windows at once), and a window of
any width is the union of disjoint power-of-two pieces. That is O(k^2 log width) array
operations instead of a sort of every window, and the quantile is interpolated between
exactly the same order statistics a sort would give, so the numbers are identical.
"""

from __future__ import annotations

import numpy as np

#: Above this many order statistics from the top, a sort is cheaper than merging top lists.
MAX_TOP = 4

TopList = list[np.ndarray | None]  # k arrays, largest first; None stands for -inf everywhere


def ranks_needed(width: int, q: float) -> int:
    """How many of the largest values a ``q`` quantile (linear interpolation, numpy's default)
    can need, over windows holding 1 to ``width`` values."""
    c = np.arange(1, width + 1, dtype=np.float64)
    pos = (c - 1) * q
    return int(np.max(c - 1 - np.floor(pos))) + 1


def _merge(a: TopList, b: TopList) -> TopList:
    """The k largest of the union of two k-lists: c_k = max over i+j=k of min(a_i, b_j), a_0 = b_0 = +inf."""
    k = len(a)
    out: TopList = []
    for r in range(1, k + 1):
        best = None
        for i in range(0, r + 1):
            j = r - i
            ai = None if i == 0 else a[i - 1]
            bj = None if j == 0 else b[j - 1]
            if i == 0:
                cand = bj
            elif j == 0:
                cand = ai
            elif ai is None or bj is None:
                cand = None
            else:
                cand = np.minimum(ai, bj)
            if cand is None:
                continue
            best = cand if best is None else np.maximum(best, cand)
        out.append(best)
    return out


def trailing_top(x: np.ndarray, width: int, lag: int, k: int) -> TopList:
    """The ``k`` largest values (largest first; NaN counts as -inf) of each trailing window
    x[:, t-lag-width+1 .. t-lag]; entries past a window's count are -inf."""
    n, t = x.shape
    v = np.where(np.isnan(x), -np.inf, x)
    pad = width - 1 + lag
    p = np.concatenate([np.full((n, pad), -np.inf), v], axis=1)  # window of t starts at column t
    level: TopList = [p] + [None] * (k - 1)
    size = 1
    acc: TopList | None = None
    offset = 0
    pieces = []
    while size <= width:
        pieces.append((size, level))
        if size * 2 > width:
            break
        length = level[0].shape[1] - size  # type: ignore[union-attr]
        level = _merge([None if a is None else a[:, :length] for a in level],
                       [None if a is None else a[:, size : size + length] for a in level])
        size *= 2
    for size, lev in reversed(pieces):  # widest piece first, then the remaining bits of width
        if not width & size:
            continue
        piece = [None if a is None else a[:, offset : offset + t] for a in lev]
        acc = piece if acc is None else _merge(acc, piece)
        offset += size
    assert acc is not None
    return acc


def trailing_quantile(x: np.ndarray, width: int, lag: int, q: float, count: np.ndarray) -> np.ndarray:
    """The ``q`` quantile (as ``np.nanquantile``) of each trailing window, from its top values;
    ``count`` is the number of non-missing values per window. Use when
    ``ranks_needed(width, q) <= MAX_TOP``."""
    k = ranks_needed(width, q)
    top = trailing_top(x, width, lag, k)
    full = [np.full(x.shape, -np.inf) if a is None else a for a in top]
    pos = (count - 1) * q
    lo = np.floor(pos)
    hi = np.ceil(pos)
    empty = count == 0
    r_lo = np.clip(count - 1 - lo, 0, k - 1).astype(np.intp)
    r_hi = np.clip(count - 1 - hi, 0, k - 1).astype(np.intp)
    a = np.choose(r_lo, full)
    b = np.choose(r_hi, full)
    with np.errstate(invalid="ignore"):  # empty windows: -inf - -inf, masked below
        out = a + (b - a) * (pos - lo)
    return np.where(empty, np.nan, out)
