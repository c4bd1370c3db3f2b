"""What a column holds, judged from its cells: numbers, periods, place names, codes.

Header words alone mislead (``P1: State Legitimacy`` holds scores, ``admin_level`` holds
0/1/2, a statistics table's ``2013 (2)`` holds values), so detection checks each header's
claim against a profile of the column's cells: a column of mostly numbers is never the
region, a period column must mostly parse as periods, a value column must mostly hold
numbers. Profiles are computed on a sample of the data rows (:data:`SAMPLE_ROWS`), once
per column, with the same parsers the import uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.importer.aggregates import is_aggregate
from workbench.importer.periods import YEAR_MAX, YEAR_MIN, parse_periods
from workbench.importer.values import MISSING, OK, parse_values

SAMPLE_ROWS = 400
CODE = re.compile(r"[A-Z]{2,3}(?:[-_.]?[A-Z0-9]{1,12}){0,3}|[A-Z]{1,4}\d{1,10}|\d{2,10}")


@dataclass
class ColumnProfile:
    """Shares of the filled cells of one column (0..1) and a few facts about them."""

    label: str
    filled: int = 0
    numeric: float = 0.0
    missing: float = 0.0
    text: float = 0.0
    period: float = 0.0  # text or date cells that parse as periods (numbers only if years)
    years: float = 0.0  # numbers that are whole years 1800-2100
    codes: float = 0.0  # text cells that look like codes (AFG, AF01, BDI001)
    iso3: float = 0.0  # text cells of two or three capital letters (AFG, AT): country codes
    sequence: bool = False  # whole numbers counting rows (1, 2, 3 …): a row number, not data
    distinct: int = 0
    small_integers: bool = False  # every number a whole 0..9 (levels, flags, ranks)
    aggregates: float = 0.0  # text cells naming multi-country aggregates (South Asia, World, High income)

    @property
    def mostly_numbers(self) -> bool:
        """Numbers or missing markers for at least half the cells, with some numbers."""
        return self.numeric > 0 and self.numeric + self.missing >= 0.5

    @property
    def mostly_text(self) -> bool:
        return self.text >= 0.5

    @property
    def mostly_periods(self) -> bool:
        return self.period >= 0.8


def _sample(cells: pd.DataFrame) -> pd.DataFrame:
    if len(cells) <= SAMPLE_ROWS:
        return cells
    idx = np.unique(np.linspace(0, len(cells) - 1, SAMPLE_ROWS).astype(int))
    return cells.iloc[idx]


def profile_columns(cells: pd.DataFrame, header: list[str]) -> dict[str, ColumnProfile]:
    """One profile per header label, from (a sample of) the data rows in ``cells``."""
    sample = _sample(cells)
    out: dict[str, ColumnProfile] = {}
    for j, label in enumerate(header):
        if j >= sample.shape[1]:
            out[label] = ColumnProfile(label)
            continue
        out[label] = profile_column(sample.iloc[:, j].to_numpy(dtype=object), label)
    return out


def profile_column(column: np.ndarray, label: str = "") -> ColumnProfile:
    blank = np.array([v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip())
                      for v in column], dtype=bool)
    cells = column[~blank]
    n = len(cells)
    p = ColumnProfile(label, filled=n)
    if n == 0:
        return p
    vals = parse_values(cells)
    ok = vals.status == OK
    p.numeric = float(ok.mean())
    p.missing = float((vals.status == MISSING).mean())
    is_text = np.array([isinstance(v, str) for v in cells], dtype=bool) & ~ok & (vals.status != MISSING)
    p.text = float(is_text.mean())
    nums = vals.values[ok]
    if nums.size:
        whole = np.isfinite(nums) & (nums == np.round(nums))
        p.years = float((whole & (nums >= YEAR_MIN) & (nums <= YEAR_MAX)).sum() / n)
        p.small_integers = bool(whole.all() and (nums >= 0).all() and (nums <= 9).all())
        p.sequence = bool(nums.size >= 3 and whole.all() and nums.size == n and nums[0] in (0, 1)
                          and (np.diff(nums) == 1).all())
    # Numbers count as periods only when they are whole years (Excel dates in a date
    # column already arrive as dates from the reader).
    all_nums = np.where(ok, vals.values, np.nan)
    year_like = ok & (all_nums == np.round(all_nums)) & (all_nums >= YEAR_MIN) & (all_nums <= YEAR_MAX)
    # 202403 and 20240315 (yyyymm, yyyymmdd) are periods written as numbers too.
    stamp = ok & (all_nums == np.round(all_nums)) & (((all_nums >= 180001) & (all_nums <= 210012))
                                                      | ((all_nums >= 18000101) & (all_nums <= 21001231)))
    candidates = ~ok | year_like | stamp
    if candidates.any():
        per = parse_periods(cells[candidates])
        p.period = float(per.ok.sum() / n)
    texts = [v.strip() for v in cells[is_text]]
    if texts:
        p.codes = float(sum(bool(CODE.fullmatch(t)) for t in texts) / n)
        p.iso3 = float(sum(len(t) in (2, 3) and t.isalpha() and t.isupper() for t in texts) / n)
        counts = pd.Series(texts, dtype=object).value_counts()
        p.aggregates = float(sum(k for t, k in counts.items() if is_aggregate(t)) / n)
    p.distinct = int(pd.Series(cells, dtype=object).astype(str).nunique())
    return p
