"""Columns as integer codes over their distinct cells.

A 2.4-million-row export holds a few thousand distinct names, periods and values. The
importer judges every column once per distinct cell (cleaning, matching keys, finding
duplicates, place identity); with the rows kept as a pandas ``Categorical`` - one integer
code per row and the distinct texts once - each of those steps is integer work, and the
strings are hashed once per block of the file instead of once per step.

Helpers here take either a Categorical (or a Series of one) or a plain array, so the
importer reads small sheets (object arrays) and large streamed CSVs (categoricals) with
the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals


def factorized(values: Any) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, distinct values); code -1 marks a missing cell (None, NaN, NaT).

    A Categorical's own codes are returned as they are (its categories may include values
    no row holds any more); anything else is hashed once.
    """
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, pd.Categorical):
        return np.asarray(values.codes, dtype=np.intp), values.categories.to_numpy(dtype=object)
    arr = np.asarray(values)
    if arr.dtype != object:
        codes, uniques = pd.factorize(arr)
        return codes, np.asarray(uniques)
    codes, uniques = pd.factorize(pd.Series(arr, dtype=object, copy=False))
    return codes, np.asarray(uniques, dtype=object)


def coded(codes: np.ndarray, texts: Sequence[Any] | np.ndarray) -> pd.Categorical:
    """``texts[codes]`` as a Categorical (code -1: a missing value); equal texts become one category."""
    merged, distinct = pd.factorize(pd.Series(np.asarray(texts, dtype=object), dtype=object, copy=False))
    merged = np.append(merged, -1)  # code -1 reads the appended -1: missing stays missing
    return pd.Categorical.from_codes(merged[codes], categories=pd.Index(np.asarray(distinct, dtype=object),
                                                                        dtype=object), validate=False)


def as_coded(values: Any) -> pd.Categorical:
    """Any column as a Categorical (one hashing pass; a Categorical is returned as it is)."""
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, pd.Categorical):
        return values
    codes, uniques = factorized(values)
    return coded(codes, uniques)


def constant(n: int, text: str) -> pd.Categorical:
    """``n`` rows of one text."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=pd.Index([text], dtype=object),
                                     validate=False)


def mapped(values: Any, fn: Callable[[Any], Any], missing: Any, dtype: Any = object) -> np.ndarray:
    """``fn`` of each row's cell as an array, computed once per distinct cell (``missing`` for
    a missing cell)."""
    codes, uniques = factorized(values)
    out = np.array([fn(u) for u in uniques.tolist()] + [missing], dtype=dtype)
    return out[codes]  # code -1 reads the last entry


def recoded(values: Any, fn: Callable[[Any], str], missing: str = "") -> pd.Categorical | np.ndarray:
    """``fn`` of each cell, once per distinct cell: a Categorical for a Categorical, else an
    object array (what the caller gave, it gets back)."""
    codes, uniques = factorized(values)
    out = [fn(u) for u in uniques.tolist()] + [missing]
    if is_coded(values):
        return coded(np.where(codes < 0, len(out) - 1, codes), out)
    return np.array(out, dtype=object)[codes]


def is_coded(values: Any) -> bool:
    return isinstance(values, pd.Categorical) or isinstance(getattr(values, "dtype", None), pd.CategoricalDtype)


def coded_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column of a block of cells as a Categorical (one hashing pass per column)."""
    return pd.DataFrame({c: as_coded(frame[c]) for c in frame.columns}, index=frame.index)


def concat_rows(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows of several frames with the same columns; Categorical columns stay Categorical
    (their categories are united), where ``pd.concat`` would turn them into objects."""
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    out: dict[Any, Any] = {}
    for c in frames[0].columns:
        parts = [f[c] for f in frames]
        if all(is_coded(p) for p in parts):
            out[c] = union_categoricals([p.array for p in parts], ignore_order=True)
        else:
            out[c] = pd.concat([p.astype(object) if is_coded(p) else p for p in parts], ignore_index=True)
    return pd.DataFrame(out)
