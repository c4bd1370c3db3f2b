"""Formula (CSV) injection neutralisation for every spreadsheet-bound export.

Imported files are untrusted: a district called ``=HYPERLINK("http://evil","x")`` or a note
starting with ``@SUM(`` would become a live formula when an analyst opens an export in
Excel or LibreOffice. Following the OWASP CSV-injection guidance, any TEXT value whose first
character is ``=``, ``+``, ``-``, ``@``, TAB or CR gets a leading apostrophe, which both
programs show as text and never evaluate. Only text is touched: a real negative number
stays a number, so sums and charts still work.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

#: First characters that make a spreadsheet treat a cell as a formula (OWASP).
TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"
# Control characters that are illegal in xlsx XML (openpyxl refuses them); TAB, LF, CR stay.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(TRIGGERS)


def safe_text(value: Any) -> Any:
    """``value`` with a leading apostrophe if it is formula-looking text; anything else unchanged."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return PREFIX + value
    return value


def xlsx_text(value: str) -> str:
    """Formula-safe text that openpyxl/xlsxwriter can store (illegal XML control characters dropped)."""
    return safe_text(_ILLEGAL_XML.sub("", value))


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells are neutralised; numeric and date columns are untouched."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s) or pd.api.types.is_bool_dtype(s):
            continue
        values = s.to_numpy(dtype=object)
        is_text = np.fromiter((isinstance(v, str) for v in values), bool, len(values))
        if not is_text.any():
            continue
        text = pd.Series(values[is_text], dtype=object).astype(str)
        hit = text.str.startswith(TRIGGERS).to_numpy()
        if not hit.any():
            continue
        idx = np.flatnonzero(is_text)[hit]
        values = values.copy()
        values[idx] = PREFIX + text[hit].to_numpy(dtype=object)
        out[col] = pd.Series(values, index=s.index, dtype=object)
    return out


def safe_header(names: list[Any]) -> list[Any]:
    """Column names are text too: an imported indicator key can become a column header."""
    return [safe_text(str(n)) for n in names]
