"""Turn the cells of a value column into floats, telling missing apart from unreadable.

Field files mark missing values in many ways (``..``, ``n/a``, ``-``, error cells) and
write numbers the local way (``3,5``, ``1 234``, ``45%``). A cell that is neither a number
nor a known missing marker is *rejected* with its text, never silently read as missing,
because a silently dropped value can hide the very escalation the workbench looks for.

Work is done once per distinct text, so a column of 200,000 cells with a few hundred
distinct strings costs a few hundred parses; real numbers from Excel skip parsing entirely.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.importer.coded import factorized, is_coded
from workbench.importer.mapping import DEFAULT_MISSING_MARKERS
from workbench.importer.vocabulary import ascii_digits

OK, MISSING, REJECTED = 0, 1, 2

_NUMERIC_TYPES = (float, int, np.floating, np.integer)
_SPACES = "\u00a0\u202f\u2009 '"

PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# Forms whose separator could be a thousands separator or a decimal mark.
AMBIG_COMMA = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+")
AMBIG_DOT = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
# Unambiguous forms.
COMMA_DECIMAL = re.compile(r"[+-]?\d*,\d+")                      # 3,5  12,75  ,5
COMMA_THOUSANDS_DOT = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+")  # 1,234.5
DOT_THOUSANDS_COMMA = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")  # 1.234,5
# Eurostat's flags after a value or a ':' (b break, c confidential, e estimated, p provisional,
# u low reliability, z not applicable, …): "12.3 e", ": c", "7.1 bep".
FLAGGED = re.compile(r"(.*?\S)\s+([bcdefinpruszBCDEFINPRUSZ]{1,4})")
SPACE_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f\u2009']\d{3})+(?:[.,]\d+)?")  # 1 234,5


@dataclass
class ParsedValues:
    """Floats (NaN unless ``status == OK``), a status per cell and the rejected texts."""

    values: np.ndarray
    status: np.ndarray
    reasons: np.ndarray  # object array: reason text for rejected cells, else None
    decimal: str
    notes: list[str] = field(default_factory=list)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.isoformat()
    return str(value)


def _decide_decimal(texts: Iterable[str]) -> tuple[str | None, bool]:
    """The decimal mark a column's texts prove, and whether any text needs that proof."""
    comma = dot = ambiguous = False
    for t in texts:
        if AMBIG_COMMA.fullmatch(t):
            # Two or more commas can only be thousands separators.
            dot = dot or t.count(",") > 1
            ambiguous = ambiguous or t.count(",") == 1
        elif AMBIG_DOT.fullmatch(t):
            comma = comma or t.count(".") > 1
            ambiguous = ambiguous or t.count(".") == 1
        elif COMMA_DECIMAL.fullmatch(t) or DOT_THOUSANDS_COMMA.fullmatch(t):
            comma = True
        elif COMMA_THOUSANDS_DOT.fullmatch(t) or (PLAIN.fullmatch(t) and "." in t):
            dot = True
    if comma and not dot:
        return ",", ambiguous
    if dot and not comma:
        return ".", ambiguous
    return None, ambiguous


def _parse_one(t: str, decimal: str) -> float | None:
    """One trimmed, non-missing text (percent sign removed) to a float, or None."""
    if AMBIG_DOT.fullmatch(t):
        thousands = decimal == "," or t.count(".") > 1
        return float(t.replace(".", "") if thousands else t)
    if PLAIN.fullmatch(t):
        return float(t)
    if AMBIG_COMMA.fullmatch(t):
        thousands = decimal == "." or t.count(",") > 1
        return float(t.replace(",", "") if thousands else t.replace(",", "."))
    if COMMA_DECIMAL.fullmatch(t):
        return float(t.replace(",", "."))
    if COMMA_THOUSANDS_DOT.fullmatch(t):
        return float(t.replace(",", ""))
    if DOT_THOUSANDS_COMMA.fullmatch(t):
        return float(t.replace(".", "").replace(",", "."))
    if SPACE_GROUPED.fullmatch(t):
        digits = "".join(ch for ch in t if ch not in _SPACES)
        return float(digits.replace(",", "."))
    return None


def _cell_text(v: object) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    t = _as_text(v)
    return t if t.isascii() else ascii_digits(t)


_PLAIN_UNAMBIGUOUS = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"


def _plain_numbers(body: pd.Series, missing: np.ndarray) -> pd.Series:
    """Floats for the texts that are plain numbers whatever the decimal mark; NaN elsewhere.

    Plain means :data:`PLAIN` but not :data:`AMBIG_DOT` (``1.234`` may be 1234 in a column
    of decimal commas) - exactly the texts :func:`_parse_one` reads with ``float(t)``.
    """
    out = pd.Series(np.nan, index=body.index)
    if len(body) < 64:
        return out  # not worth the vectorized set-up
    text = body.astype(str)
    plain = text.str.fullmatch(_PLAIN_UNAMBIGUOUS) & ~text.str.fullmatch(AMBIG_DOT.pattern) & ~missing
    if plain.any():
        nums = pd.to_numeric(text[plain], errors="coerce")
        out[plain] = nums.where(np.isfinite(nums))
    return out


def parse_values(
    cells: np.ndarray | pd.Series | list,
    *,
    decimal: str = "auto",
    missing_markers: Iterable[str] = DEFAULT_MISSING_MARKERS,
) -> ParsedValues:
    """Parse one column of raw cells.

    ``decimal`` is ``'.'``, ``','`` or ``'auto'``: with auto, the column's own texts decide
    (``3,5`` proves a decimal comma, ``1,234.5`` a decimal point); ``1,234`` alone is read
    with a decimal point (so as 1234) and a note says so.
    """
    if is_coded(cells):
        # A streamed CSV's block: every distinct text is parsed once, the rows take the
        # results by their codes (a missing cell is judged like an empty one).
        codes, uniques = factorized(cells)
        distinct = parse_values(np.append(np.asarray(uniques, dtype=object), np.array([None], dtype=object)), decimal=decimal, missing_markers=missing_markers)
        return ParsedValues(distinct.values[codes], distinct.status[codes], distinct.reasons[codes],
                            distinct.decimal, distinct.notes)
    arr = np.asarray(cells, dtype=object).ravel()
    n = arr.size
    values = np.full(n, np.nan)
    status = np.zeros(n, dtype=np.int8)
    reasons = np.full(n, None, dtype=object)
    markers = {m.strip().casefold() for m in missing_markers}

    if n and pd.api.types.infer_dtype(arr, skipna=False) == "string":
        is_num = np.zeros(n, dtype=bool)  # a CSV column: all text, no per-cell type check
    else:
        is_num = np.fromiter((isinstance(v, _NUMERIC_TYPES) and not isinstance(v, bool) for v in arr), bool, n)
    if is_num.any():
        nums = arr[is_num].astype("float64")
        values[is_num] = nums
        status[is_num] = np.where(np.isnan(nums), MISSING, OK)
    other = ~is_num
    notes: list[str] = []
    if not other.any():
        return ParsedValues(values, status, reasons, "." if decimal == "auto" else decimal, notes)

    # Distinct cells first (hashing, not sorting: a 2.4-million-row column costs one pass),
    # then their texts; Arabic-Indic digits and separators (٣٫٥, ١٬٢٣٤) read as their ASCII twins.
    inverse, uniq_cells = pd.factorize(arr[other], use_na_sentinel=False)
    uniq = np.array([_cell_text(v) for v in uniq_cells], dtype=object)
    s = pd.Series(uniq, dtype=object).str.strip(_SPACES + "\t\r\n")
    u_vals = np.full(len(uniq), np.nan)
    u_status = np.full(len(uniq), REJECTED, dtype=np.int8)
    flagged = s.str.fullmatch(FLAGGED.pattern).fillna(False).to_numpy(dtype=bool)
    if flagged.any():
        s = s.where(~flagged, s.str.replace(r"\s+[A-Za-z]{1,4}$", "", regex=True))
        notes.append("flag letters after values (Eurostat's e, p, c, …) were dropped")
    u_missing = s.str.casefold().isin(markers).to_numpy()
    u_status[u_missing] = MISSING
    pct = s.str.endswith("%").to_numpy() & ~u_missing
    body = s.where(~pct, s.str[:-1].str.strip(_SPACES))

    # Plain numbers ("50.01", "-3", "1e3") are read in one vectorized pass; only what is
    # left (decimal commas, grouped thousands, "1.234", rejects) goes through the rules below.
    fast = _plain_numbers(body, u_missing)
    candidates = [t for t, m, f in zip(body.tolist(), u_missing, fast.notna()) if not m and not f]
    used = decimal
    if decimal == "auto":
        # A plain number with a point ("2.75") proves the decimal point, as in _decide_decimal.
        fast_dot = bool(body[fast.notna()].astype(str).str.contains(".", regex=False).any())
        proven, ambiguous = _decide_decimal(candidates + (["0.5"] if fast_dot else []))
        used = proven or "."
        if proven is None and ambiguous:
            notes.append("numbers like '1,234' or '1.234' were read with '.' as the decimal mark "
                         "and ',' as a thousands separator (set decimal = \",\" in the mapping "
                         "for a decimal comma)")
    done = fast.notna().to_numpy()
    u_vals[done] = fast.to_numpy(dtype="float64")[done]
    u_status[done] = OK
    for i, (t, m) in enumerate(zip(body.tolist(), u_missing)):
        if m or done[i]:
            continue
        v = _parse_one(t, used)
        if v is not None and np.isfinite(v):
            u_vals[i] = v
            u_status[i] = OK
    u_reasons = np.array(
        [None if st != REJECTED else f"not a number: {str(raw).strip()!r}" for raw, st in zip(uniq, u_status)],
        dtype=object,
    )
    idx = np.flatnonzero(other)
    values[idx] = u_vals[inverse]
    status[idx] = u_status[inverse]
    reasons[idx] = u_reasons[inverse]
    return ParsedValues(values, status, reasons, used, notes)
