"""Read period labels (dates, serial numbers, ``Mar 2024``, ``2024-Q2`` …) as (start, freq).

The rules, documented for analysts in ``docs/import.md``:

* Every label is reduced to the first day of its period and a frequency: ``D`` (a day),
  ``W`` (ISO week, starting Monday), ``M``, ``Q`` or ``Y``.
* Integers 1800–2100 are years; larger numbers up to 73415 are Excel serial dates
  (1905–2100); ``202403`` is a month and ``20240315`` a day.
* ``dd/mm/yyyy`` versus ``mm/dd/yyyy`` is decided per column: a first part above 12 proves
  day-first, a second part above 12 proves month-first; if nothing proves either the
  column is read day-first (the convention of the field offices) and the report says so.
  A mapping may force ``period_format = "dmy"`` or ``"mdy"``.
* A column of real dates that all fall on the first of a month is a monthly series; if
  its header says quarter (or year) and the months fit, it is quarterly (or yearly).

Each distinct label is parsed once and the result mapped back, so 200,000 rows with 100
distinct months cost 100 parses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.importer.coded import factorized, is_coded
from workbench.importer.vocabulary import (  # noqa: E402
    MONTHS, MULTIWORD_MONTHS, ascii_digits, month_number, strip_accents)

_MON = r"([^\W\d_]{3,12})\.?"
_SEP = r"[\s\-/.,_']*(?:(?:de|del|of)\s+)?"
RE_YM = re.compile(r"(\d{4})[-/.](\d{1,2})")
RE_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
RE_YMM = re.compile(r"(\d{4})\s*M(\d{1,2})", re.I)
RE_YQ = re.compile(r"(\d{4})\s*[-/ ]?\s*[QT]([1-4])", re.I)
RE_QY = re.compile(r"[QT]([1-4])" + _SEP + r"(\d{4}|\d{2})", re.I)
RE_YW = re.compile(r"(\d{4})\s*-?\s*W(\d{1,2})", re.I)
RE_MONY = re.compile(_MON + _SEP + r"(\d{4}|\d{2})")
RE_YMON = re.compile(r"(\d{4})" + _SEP + _MON)
RE_DMONY = re.compile(r"(\d{1,2})" + _SEP + _MON + _SEP + r"(\d{4}|\d{2})")
RE_AMBIG = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
RE_MY = re.compile(r"(\d{1,2})[/.-](\d{4})")
RE_INT = re.compile(r"\d+(?:\.0+)?")

SERIAL_MIN, SERIAL_MAX = 2101, 73415  # 1905-10-01 .. 2100-12-31 as Excel serials
YEAR_MIN, YEAR_MAX = 1800, 2100  # whole numbers in this range are years (the Nile from 1871)
# DataBank "1970 [YR1970]", footnote marks "2013 (2)", "2013*", "2013 (p)", "2013 1/".
RE_YEAR_NOTE = re.compile(r"((?:18|19|20)\d\d)\s*(?:\[YR\1\]|\(\w{1,3}\)|\*+|\d/|[a-z]/|[a-z]|\u2020)", re.I)
# "1er trimestre 2024", "2. Quartal 2024", "trimestre 1 2024"
RE_QWORD = re.compile(r"(?:([1-4])\s*(?:er|e|st|nd|rd|th|o|º|\.)?\s*(?:trimestre|quarter|quartal|trim)|"
                      r"(?:trimestre|quarter|quartal|trim)\.?\s*([1-4]))\s*(?:de\s+)?(\d{4})", re.I)
EXCEL_EPOCH = dt.date(1899, 12, 30)

# One parsed label: year, month, day, freq; or an ambiguous a/b/year for dd/mm decisions.
_Parsed = tuple[int, int, int, str]


@dataclass
class ParsedPeriods:
    """Period start (NaT if unreadable), frequency and rejection reason per label."""

    start: np.ndarray  # datetime64[ns]
    freq: np.ndarray  # object: 'D' 'W' 'M' 'Q' 'Y' or None
    ok: np.ndarray  # bool
    reasons: np.ndarray  # object: reason text where not ok
    order: str | None = None  # 'dmy' / 'mdy' when the column had dd/mm-like dates
    notes: list[str] = field(default_factory=list)


def _year2(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _from_number(x: float) -> _Parsed | None:
    if not np.isfinite(x) or x <= 0:
        return None
    if float(x).is_integer():
        n = int(x)
        if YEAR_MIN <= n <= YEAR_MAX:
            return (n, 1, 1, "Y")
        if 190001 <= n <= 210012 and 1 <= n % 100 <= 12:
            return (n // 100, n % 100, 1, "M")
        if 19000101 <= n <= 21001231:
            y, md = divmod(n, 10000)
            return (y, md // 100, md % 100, "D")
    if SERIAL_MIN <= x <= SERIAL_MAX:
        d = EXCEL_EPOCH + dt.timedelta(days=int(x))
        return (d.year, d.month, d.day, "D")
    return None


def _month(name: str) -> int | None:
    return month_number(name)


def _from_text(t: str) -> _Parsed | tuple[str, int, int, int] | None:
    t = ascii_digits(t)
    if MULTIWORD_MONTHS and not t.isascii():
        low = strip_accents(t.casefold())
        for name, num in MULTIWORD_MONTHS.items():
            if name in low:
                t = low.replace(name, list(MONTHS)[list(MONTHS.values()).index(num)])
                break
    if m := RE_YEAR_NOTE.fullmatch(t):
        return (int(m[1]), 1, 1, "Y")
    if m := RE_QWORD.fullmatch(t):
        return (int(m[3]), 3 * int(m[1] or m[2]) - 2, 1, "Q")
    if RE_INT.fullmatch(t):
        return _from_number(float(t))
    if m := RE_YMD.fullmatch(t):
        return (int(m[1]), int(m[2]), int(m[3]), "D")
    if m := RE_YM.fullmatch(t):
        return (int(m[1]), int(m[2]), 1, "M")
    if m := RE_YMM.fullmatch(t):
        return (int(m[1]), int(m[2]), 1, "M")
    if m := RE_YQ.fullmatch(t):
        return (int(m[1]), 3 * int(m[2]) - 2, 1, "Q")
    if m := RE_QY.fullmatch(t):
        return (_year2(m[2]), 3 * int(m[1]) - 2, 1, "Q")
    if m := RE_YW.fullmatch(t):
        try:
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return (d.year, d.month, d.day, "W")
    if (m := RE_MONY.fullmatch(t)) and (mon := _month(m[1])):
        return (_year2(m[2]), mon, 1, "M")
    if (m := RE_YMON.fullmatch(t)) and (mon := _month(m[2])):
        return (int(m[1]), mon, 1, "M")
    if (m := RE_DMONY.fullmatch(t)) and (mon := _month(m[2])):
        return (_year2(m[3]), mon, int(m[1]), "D")
    if m := RE_AMBIG.fullmatch(t):
        return ("ambiguous", int(m[1]), int(m[3]), _year2(m[4]))
    if m := RE_MY.fullmatch(t):
        return (int(m[2]), int(m[1]), 1, "M")
    return None


def _parse_label(value: object) -> _Parsed | tuple[str, int, int, int] | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        if isinstance(value, pd.Timestamp) and pd.isna(value):
            return None
        return (value.year, value.month, value.day, "D")
    if isinstance(value, np.datetime64):
        return _parse_label(pd.Timestamp(value)) if not np.isnat(value) else None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return _from_number(float(value))
    text = " ".join(str(value).split())
    return _from_text(text) if text else None


def _decide_order(pairs: list[tuple[int, int]], forced: str) -> tuple[str, bool]:
    """(order, guessed): a first part > 12 proves day-first, a second part > 12 month-first."""
    if forced in ("dmy", "mdy"):
        return forced, False
    if any(a > 12 for a, _ in pairs):
        return "dmy", False
    if any(b > 12 for _, b in pairs):
        return "mdy", False
    return "dmy", any(a != b for a, b in pairs)


def _dates(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """datetime64[D] from parts, and whether each part triple is a real date."""
    valid = (m >= 1) & (m <= 12) & (d >= 1) & (d <= 31) & (y >= 1800) & (y <= 2200)
    ys, ms, ds = np.where(valid, y, 1970), np.where(valid, m, 1), np.where(valid, d, 1)
    month = ((ys - 1970) * 12 + (ms - 1)).astype("datetime64[M]")
    day = month.astype("datetime64[D]") + (ds - 1).astype("timedelta64[D]")
    valid &= day.astype("datetime64[M]") == month  # 31 April rolls over: not a date
    return day, valid


def parse_periods(labels: object, *, order: str = "auto", hint: str | None = None) -> ParsedPeriods:
    """Parse a column (or a header row) of period labels.

    ``hint`` is the column's header; it decides whether first-of-month dates are
    quarterly (``quarter``) or yearly (``year``) rather than monthly.
    """
    if is_coded(labels):  # a streamed CSV's block: its codes as they are
        codes, uniques = factorized(labels)
    else:
        codes, uniques = pd.factorize(pd.Series(np.asarray(labels, dtype=object).ravel(), dtype=object))
    nu = len(uniques)
    parsed = [_parse_label(v) for v in uniques]
    notes: list[str] = []

    amb = [p for p in parsed if p is not None and p[0] == "ambiguous"]
    used_order: str | None = None
    if amb:
        used_order, guessed = _decide_order([(p[1], p[2]) for p in amb], order)
        if guessed:
            notes.append("dates like 03/04/2024 were read day-first (dd/mm/yyyy); "
                         'set period_format = "mdy" in the mapping if they are month-first')
        for i, p in enumerate(parsed):
            if p is not None and p[0] == "ambiguous":
                _, a, b, yr = p
                parsed[i] = (yr, b, a, "D") if used_order == "dmy" else (yr, a, b, "D")

    y = np.array([p[0] if p else 0 for p in parsed], dtype=np.int64)
    m = np.array([p[1] if p else 0 for p in parsed], dtype=np.int64)
    d = np.array([p[2] if p else 0 for p in parsed], dtype=np.int64)
    f = np.array([p[3] if p else None for p in parsed], dtype=object)
    day, valid = _dates(y, m, d)
    f[~valid] = None

    daily = (f == "D") & valid
    if daily.any():
        h = (hint or "").casefold()
        dd, mm = d[daily], m[daily]
        if (dd == 1).all():
            if "quarter" in h and np.isin(mm, (1, 4, 7, 10)).all():
                f[daily] = "Q"
            elif "year" in h and (mm == 1).all():
                f[daily] = "Y"
            else:
                f[daily] = "M"
                if daily.sum() > 1 or "month" not in h:
                    notes.append("dates on the first of a month were read as monthly periods")
        else:
            weekdays = (day[daily].astype("int64") + 3) % 7  # 1970-01-01 was a Thursday
            if np.unique(day[daily]).size >= 3 and (weekdays == weekdays[0]).all() or "week" in h:
                f[daily] = "W"

    start_u = day.astype("datetime64[ns]")
    start_u[~valid] = np.datetime64("NaT")
    reasons_u = np.array(
        [None if ok else _reason(v) for v, ok in zip(uniques, valid)], dtype=object
    )
    missing = codes < 0
    safe = np.where(missing, 0, codes)
    if nu == 0:
        start_u = np.array([np.datetime64("NaT")], dtype="datetime64[ns]")
        f = np.array([None], dtype=object)
        valid = np.array([False])
        reasons_u = np.array(["no period"], dtype=object)
    start = start_u[safe]
    freq = f[safe]
    ok = valid[safe] & ~missing
    reasons = reasons_u[safe]
    if missing.any():
        start[missing] = np.datetime64("NaT")
        freq[missing] = None
        reasons[missing] = "no period"
    return ParsedPeriods(start, freq, ok, reasons, used_order, notes)


def _reason(value: object) -> str:
    if value is None or str(value).strip() == "":
        return "no period"
    return f"not a period: {_show(value)}"


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(str(value).strip())


#: A frequency column's codes and words (ONS ``freq``: a, q, m; SDMX ``FREQ``: A, Q, M, W, D).
FREQUENCY_WORDS: dict[str, str] = {}
for _code, _words in (
    ("Y", "a|y|annual|yearly|year|annuel|annuelle|anual|jährlich|jaehrlich|سنوي"),
    ("Q", "q|quarterly|quarter|trimestriel|trimestrielle|trimestral|vierteljährlich|quartalsweise|ربع سنوي"),
    ("M", "m|monthly|month|mensuel|mensuelle|mensual|monatlich|شهري"),
    ("W", "w|weekly|week|hebdomadaire|semanal|wöchentlich|أسبوعي"),
    ("D", "d|daily|day|quotidien|quotidienne|diario|täglich|يومي"),
):
    for _w in _words.split("|"):
        FREQUENCY_WORDS[_w] = _code
FREQUENCY_NAMES = {"Y": "annual", "Q": "quarterly", "M": "monthly", "W": "weekly", "D": "daily"}


def frequency_codes(labels: object) -> np.ndarray:
    """Each frequency label as ``Y Q M W D`` (None where it is not one)."""
    arr = np.asarray(labels, dtype=object)
    uniques, inverse = np.unique(np.array(["" if v is None else str(v).strip().casefold() for v in arr],
                                          dtype=object), return_inverse=True)
    mapped = np.array([FREQUENCY_WORDS.get(u) for u in uniques.tolist()] + [None], dtype=object)
    return mapped[inverse] if len(arr) else np.zeros(0, dtype=object)


def with_frequency(per: ParsedPeriods, codes: np.ndarray, labels: np.ndarray) -> ParsedPeriods:
    """Each row's frequency from a frequency column: a row whose frequency is not understood,
    or whose date does not start a period of that frequency (an annual value dated in
    March), is rejected with the reason - never moved to another period."""
    start = pd.DatetimeIndex(per.start)
    month, day = start.month.to_numpy(), start.day.to_numpy()
    ok = per.ok.copy()
    reasons = per.reasons.copy()
    unknown = ok & pd.isna(codes)
    reasons[unknown] = [f"frequency {str(v)!r} not understood (a, q, m, w, d)" for v in labels[unknown]]
    aligned = np.ones(len(codes), dtype=bool)
    aligned[codes == "Y"] = ((month == 1) & (day == 1))[codes == "Y"]
    aligned[codes == "Q"] = ((np.isin(month, (1, 4, 7, 10))) & (day == 1))[codes == "Q"]
    aligned[codes == "M"] = (day == 1)[codes == "M"]
    aligned[codes == "W"] = (start.day_of_week.to_numpy() == 0)[codes == "W"]
    off = ok & ~unknown & ~aligned
    if off.any():
        reasons[off] = [f"{pd.Timestamp(t):%Y-%m-%d} does not start {_a(FREQUENCY_NAMES[c])} period"
                        for t, c in zip(per.start[off], codes[off])]
    ok &= ~unknown & ~off
    freq = np.where(ok, codes, per.freq)
    return ParsedPeriods(per.start, freq.astype(object), ok, reasons, per.order, list(per.notes))


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word
