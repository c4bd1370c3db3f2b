"""Numbers and rarities written for people: "2,080", "about 5 a month", "rarer than 1 in 400 months".

A coordinator reads an alert's first sentence in one breath; these helpers keep the numbers in
it plain (no ``2.08e+03``), in the codebook's units, and the rarity in the same terms as the
score (the score is ``-log10`` of the tail probability, so score 2.6 is "1 in 400").
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

FREQ_WORD = {"M": "month", "Q": "quarter", "Y": "year", "W": "week", "D": "day"}
_PER_YEAR = {"M": 12, "Q": 4, "Y": 1, "W": 52, "D": 365}


def human_number(x: float, whole: bool = False) -> str:
    """``2080.4 -> '2,080'``, ``41.25 -> '41.2'``, ``0.0123 -> '0.012'``; whole numbers for counts."""
    if x is None or not np.isfinite(x):
        return "n/a"
    if whole or abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        text = f"{x:.1f}"
    elif abs(x) >= 1:
        text = f"{x:.2f}"
    elif x == 0:
        return "0"
    else:
        digits = max(1, 1 - int(math.floor(math.log10(abs(x)))))  # two significant digits
        text = f"{x:.{digits}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text


def with_unit(x: float, unit: str | None, whole: bool = False) -> str:
    text = human_number(x, whole)
    if not unit or text == "n/a":
        return text
    return f"{text} %" if unit == "%" else f"{text} {unit}"


def about(x: float, whole: bool = False, unit: str | None = None) -> str:
    """A baseline said as people say it: 'about 5', 'about 0.3', 'about 44 %'."""
    if whole and np.isfinite(x) and x >= 1:
        return f"about {with_unit(round(x), unit, whole=True)}"
    return f"about {with_unit(x, unit)}"


def rarity_form(score: float | None) -> tuple[str, int]:
    """The shape of a rarity, for any language: ``("", 0)`` (no score), ``("usual", 0)`` (not
    unusual), ``("million", 0)`` (rarer than 1 in a million) or ``("one_in", n)`` (rarer than 1
    in ``n``, rounded to one or two significant digits)."""
    if score is None or not np.isfinite(score):
        return "", 0
    n = 10.0 ** score
    if n < 2:
        return "usual", 0
    if n >= 1e6:
        return "million", 0
    rounded = float(f"{n:.1g}") if n < 100 else float(f"{n:.2g}")
    return "one_in", int(rounded)


def rarity(score: float, freq: str) -> str:
    """'rarer than 1 in 400 months' for a score of 2.6 (``-log10`` of the tail probability)."""
    form, n = rarity_form(score)
    word = FREQ_WORD.get(freq, "period")
    if form == "usual":
        return f"not unusual for a {word}"
    if form == "million":
        return f"rarer than 1 in a million {word}s"
    if form == "one_in":
        return f"rarer than 1 in {human_number(n, whole=True)} {word}s"
    return ""


def span_count(periods: int, freq: str) -> tuple[int, str]:
    """A span of ``periods`` as (number, frequency of its unit): ``(10, "Y")`` for 120 months,
    ``(8, "M")`` for 8 months (two years or more are said in years)."""
    per_year = _PER_YEAR.get(freq, 12)
    if per_year > 1 and periods >= 2 * per_year:
        return periods // per_year, "Y"
    return periods, freq


def span_words(periods: int, freq: str, adjective: bool = False) -> str:
    """'10 years', '8 months', '3 quarters' (``adjective``: '10-year', '8-month')."""
    number, unit = span_count(periods, freq)
    word = FREQ_WORD.get(unit, "period")
    if adjective:
        return f"{number}-{word}"
    return f"{number} {word}{'s' if number != 1 else ''}"


def format_period(ts: pd.Timestamp, freq: str) -> str:
    if freq == "M":
        return ts.strftime("%b %Y")
    if freq == "Q":
        return f"{ts.year}-Q{(ts.month - 1) // 3 + 1}"
    if freq == "Y":
        return str(ts.year)
    return ts.strftime("%Y-%m-%d")
