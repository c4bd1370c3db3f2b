"""The one output neutraliser: every text the workbench writes for a spreadsheet, a terminal
or a program passes through here.

Imported files and notes are untrusted. A district called ``=HYPERLINK("http://evil","x")``
or a note starting with ``@SUM(`` would become a live formula when an analyst opens an
export in Excel or LibreOffice; a carriage return inside a note would end a CSV row for
programs that split on it, so the next "row" could start with a formula; an escape sequence
(``ESC [ 2 J``) in a region name would clear or re-colour the analyst's terminal; a
right-to-left override (U+202E) would show ``txt.exe`` as ``exe.txt``. So:

* :func:`clean_text` - the common part: control characters (C0 except TAB and LF, DEL,
  C1 including the 8-bit CSI), bidirectional controls and lone surrogates are removed;
  ``CR LF`` and a lone ``CR`` become ``LF`` (CSV writers quote a field holding ``LF``; a lone
  ``CR`` they leave unquoted, which is how rows were split).
* :func:`safe_text` - formula neutralisation (OWASP CSV injection): text whose first
  character is ``=``, ``+``, ``-``, ``@``, TAB or CR (LF too, which a cleaned CR becomes;
  and the full-width forms of the four signs, which
  spreadsheets in East-Asian locales also read as formulas) gets a leading apostrophe, which
  both programs show as text and never evaluate. Only text is touched: a real negative
  number stays a number, so sums and charts still work.
* :func:`csv_cell`, :func:`xlsx_text`, :func:`table_cell` combine the two for each kind of
  output (a terminal table also turns line breaks and tabs into spaces, so one record stays
  one line); :func:`safe_frame` applies them to a whole DataFrame;
* :func:`json_text` keeps values exactly (JSON is read by programs) but writes the dangerous
  characters as ``\\uXXXX`` escapes, so the bytes on a terminal are harmless;
* :class:`SafeStream` is the net under everything the command line prints: the dispatcher
  wraps stdout and stderr in it, so an error line or a report that quotes a name from a file
  cannot carry an escape sequence to the terminal either.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

import numpy as np
import pandas as pd

#: First characters that make a spreadsheet treat a cell as a formula (OWASP, plus full-width forms).
TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PREFIX = "'"
#: Removed everywhere: C0 controls but TAB/LF/CR, DEL, C1, bidi controls, lone surrogates.
_REMOVE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_REMOVE_RE = re.compile(f"[{_REMOVE}]")
_CR_RE = re.compile("\r\n?")
_LINE_RE = re.compile("[\t\n\u2028\u2029]")
#: What a stream to a terminal may not carry (CR stays: progress lines rewrite themselves with it).
_STREAM_RE = _REMOVE_RE
#: Characters JSON leaves raw (with ensure_ascii=False) that a terminal or an editor could act on.
_JSON_ESCAPE_RE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def clean_text(text: str, *, one_line: bool = False) -> str:
    """``text`` without control, bidirectional-control and surrogate characters; CR/CRLF as LF.

    With ``one_line``, line breaks and tabs become spaces (a terminal table's cell).
    """
    if not text.isascii() or _REMOVE_RE.search(text) or "\r" in text:
        text = _REMOVE_RE.sub("", _CR_RE.sub("\n", text))
    if one_line:
        text = _LINE_RE.sub(" ", text)
    return text


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(TRIGGERS)


def safe_text(value: Any) -> Any:
    """``value`` with a leading apostrophe if it is formula-looking text; anything else unchanged."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return PREFIX + value
    return value


def csv_cell(value: Any) -> Any:
    """A CSV cell: cleaned, then formula-neutralised; numbers and missing values unchanged."""
    if isinstance(value, str):
        return safe_text(clean_text(value))
    return value


def xlsx_text(value: str) -> str:
    """Formula-safe text that openpyxl/xlsxwriter can store (illegal XML characters dropped)."""
    return safe_text(clean_text(value))


def table_cell(value: Any) -> Any:
    """A terminal table's cell: cleaned and kept on one line (no formula prefix: not a spreadsheet)."""
    if isinstance(value, str):
        return clean_text(value, one_line=True)
    return value


def safe_frame(df: pd.DataFrame, *, kind: str = "csv") -> pd.DataFrame:
    """A copy of ``df`` whose text cells are neutralised for ``kind`` (csv, xlsx or table);
    numeric, date and boolean columns are untouched, and so is the input."""
    convert = table_cell if kind == "table" else csv_cell
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s) or pd.api.types.is_bool_dtype(s):
            continue
        values = s.to_numpy(dtype=object)
        is_text = np.fromiter((isinstance(v, str) for v in values), bool, len(values))
        if not is_text.any():
            continue
        values = values.copy()
        idx = np.flatnonzero(is_text)
        values[idx] = [convert(v) for v in values[idx]]
        out[col] = pd.Series(values, index=s.index, dtype=object)
    return out


def safe_header(names: list[Any], *, kind: str = "csv") -> list[Any]:
    """Column names are text too: an imported indicator key can become a column header."""
    convert = table_cell if kind == "table" else csv_cell
    return [convert(str(n)) for n in names]


def json_text(obj: Any, **dump_options: Any) -> str:
    """``json.dumps`` (UTF-8, not ASCII-escaped) with the characters a terminal or editor could
    act on written as ``\\uXXXX``: the values read back exactly the same."""
    text = json.dumps(obj, ensure_ascii=False, **dump_options)
    return _JSON_ESCAPE_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def terminal_text(text: str) -> str:
    """What :class:`SafeStream` lets through to a terminal."""
    return _STREAM_RE.sub("", text) if _STREAM_RE.search(text) else text


class SafeStream:
    """A text stream that removes what a terminal could act on from everything written to it.

    Wraps ``sys.stdout``/``sys.stderr`` in the command-line dispatcher; every other attribute
    (``isatty``, ``fileno``, ``encoding``, ``flush``, ``buffer``) is the wrapped stream's.
    """

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(terminal_text(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


__all__ = ["PREFIX", "SafeStream", "TRIGGERS", "clean_text", "csv_cell", "is_dangerous", "json_text",
           "safe_frame", "safe_header", "safe_text", "table_cell", "terminal_text", "xlsx_text"]
