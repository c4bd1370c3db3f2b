"""Generated tables, written in random layouts, period labels, missing markers, encodings and
file formats, import back to exactly the observations they were made from (hypothesis).

Wide tables skip empty cells (an empty cell in a wide table means "not reported"), so there
an empty cell is expected to be absent, while every explicit marker is a missing value.
"""

from __future__ import annotations

import math
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from import_files import write_ods, write_xlsxwriter
from workbench.importer.engine import import_file
from workbench.store import open_project

REGIONS = ["Kibali", "Sébastine", "Santa Lucía", "Björnvik", "Nord-Est", "Ombré", "Álvaro Springs"]
INDICATORS = ["trust_in_other_groups", "protests", "youth_unemployment", "hate_speech_reports"]
MARKERS = ["..", "n/a", "-", "#N/A", "NA", "...", ""]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FULL_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]

MONTH_LABELS = {
    "iso": lambda y, m: f"{y}-{m:02d}",
    "slash": lambda y, m: f"{y}/{m:02d}",
    "abbr": lambda y, m: f"{MONTHS[m - 1]} {y}",
    "full": lambda y, m: f"{FULL_MONTHS[m - 1]} {y}",
    "M": lambda y, m: f"{y}M{m:02d}",
    "compact": lambda y, m: f"{y}{m:02d}",
}
QUARTER_LABELS = {
    "iso": lambda y, q: f"{y}-Q{q}",
    "compact": lambda y, q: f"{y}Q{q}",
    "spaced": lambda y, q: f"{y} Q{q}",
    "q-first": lambda y, q: f"Q{q} {y}",
}


@st.composite
def tables(draw: st.DrawFn) -> dict:
    freq = draw(st.sampled_from(["M", "Q", "Y"]))
    n_periods = draw(st.integers(2, 6))
    start_year = draw(st.integers(2005, 2030))
    start = draw(st.integers(0, 11 if freq == "M" else 3 if freq == "Q" else 0))
    if freq == "M":
        fmt = draw(st.sampled_from(sorted(MONTH_LABELS)))
        idx = [start + i for i in range(n_periods)]
        periods = [(start_year + k // 12, k % 12 + 1) for k in idx]
        labels = [MONTH_LABELS[fmt](y, m) for y, m in periods]
        iso = [f"{y}-{m:02d}-01" for y, m in periods]
    elif freq == "Q":
        fmt = draw(st.sampled_from(sorted(QUARTER_LABELS)))
        idx = [start + i for i in range(n_periods)]
        periods = [(start_year + k // 4, k % 4 + 1) for k in idx]
        labels = [QUARTER_LABELS[fmt](y, q) for y, q in periods]
        iso = [f"{y}-{3 * (q - 1) + 1:02d}-01" for y, q in periods]
    else:
        fmt = "year"
        labels = [str(start_year + i) for i in range(n_periods)]
        iso = [f"{start_year + i}-01-01" for i in range(n_periods)]
    regions = draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3, unique=True))
    indicators = draw(st.lists(st.sampled_from(INDICATORS), min_size=1, max_size=2, unique=True))
    cells = {}
    for r in regions:
        for i in indicators:
            for p in range(n_periods):
                # tenths of a unit: printed exactly, never mistaken for a thousands group
                v = draw(st.one_of(st.none(), st.integers(-9999, 9999).map(lambda k: k / 10)))
                marker = draw(st.sampled_from(MARKERS)) if v is None else None
                cells[(r, i, p)] = (v, marker)
    return {"freq": freq, "fmt": fmt, "labels": labels, "iso": iso, "regions": regions,
            "indicators": indicators, "cells": cells}


def _value_text(v: float | None, marker: str | None, decimal_comma: bool) -> str:
    if v is None:
        return marker or ""
    text = f"{v:.1f}"
    return text.replace(".", ",") if decimal_comma else text


def _rows(t: dict, layout: str, decimal_comma: bool, as_numbers: bool) -> list[list]:
    def cell(v: float | None, marker: str | None) -> object:
        if as_numbers and v is not None:
            return v
        return _value_text(v, marker, decimal_comma)

    period_head = {"M": "month", "Q": "quarter", "Y": "year"}[t["freq"]]
    if layout == "long":
        rows = [["district", "indicator", period_head, "value"]]
        for (r, i, p), (v, m) in t["cells"].items():
            rows.append([r, i, t["labels"][p], cell(v, m)])
        return rows
    rows = [["district", "indicator", *t["labels"]]]
    for r in t["regions"]:
        for i in t["indicators"]:
            rows.append([r, i, *(cell(*t["cells"][(r, i, p)]) for p in range(len(t["labels"])))])
    return rows


def expected(t: dict, layout: str) -> set[tuple]:
    out = set()
    for (r, i, p), (v, m) in t["cells"].items():
        if layout == "wide" and v is None and m == "":
            continue  # an empty cell of a wide table is "not reported"
        out.add((r, i, t["iso"][p], "" if v is None else f"{v:.1f}"))
    return out


def _write(t: dict, folder: Path, layout: str, fmt: str) -> Path:
    if fmt in ("xlsx", "ods"):
        rows = _rows(t, layout, decimal_comma=False, as_numbers=True)
        return (write_xlsxwriter if fmt == "xlsx" else write_ods)(folder / f"data.{fmt}", {"Data": rows})
    encoding, sep = fmt.split("|")
    decimal_comma = sep == ";"
    rows = _rows(t, layout, decimal_comma, as_numbers=False)
    text = "\r\n".join(sep.join(_quote(str(c), sep) for c in row) for row in rows) + "\r\n"
    path = folder / "data.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _quote(text: str, sep: str) -> str:
    return f'"{text}"' if sep in text or '"' in text else text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    t=tables(),
    layout=st.sampled_from(["long", "wide"]),
    fmt=st.sampled_from(["utf-8|,", "utf-8-sig|,", "utf-16|,", "cp1252|;", "utf-8|;", "utf-8|\t", "xlsx", "ods"]),
)
def test_written_tables_import_to_the_same_observations(t: dict, layout: str, fmt: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="prop-import-"))
    try:
        path = _write(t, folder, layout, fmt)
        project = folder / "p.wbproj"
        result = import_file(path, project)
        want = expected(t, layout)
        if not want:
            assert result.status == "nothing kept"
            return
        assert result.status == "imported", result.render()
        assert result.rows_rejected == 0, result.render()
        with open_project(project, readonly=True) as p:
            obs = p.observations()
            freqs = set(obs["freq"])
        got = {
            (r, i, d.strftime("%Y-%m-%d"), "" if math.isnan(v) else f"{v:.1f}")
            for r, i, d, v in zip(obs["region"], obs["indicator"], obs["period"], obs["value"])
        }
        assert got == want, result.render()
        assert len(obs) == len(want)
        assert set(obs["group"]) == {""}
        assert freqs == {t["freq"]}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_generator_covers_the_formats() -> None:
    """A guard on the property above: its labels really are the documented forms."""
    assert MONTH_LABELS["M"](2024, 3) == "2024M03" and QUARTER_LABELS["q-first"](2024, 2) == "Q2 2024"
    assert _value_text(None, "..", False) == ".." and _value_text(-3.5, None, True) == "-3,5"
