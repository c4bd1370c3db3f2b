"""Write a table to CSV, JSON or xlsx with the same columns in every format.

The column order is the contract (docs/exports.md): scripts read these files, so a column
is never renamed or reordered silently. CSV and xlsx are for spreadsheets, so their text is
formula-neutralised (:mod:`workbench.exports.safe_cells`); JSON is read by programs and
keeps the values exactly (characters a terminal could act on are written as ``\\uXXXX``).
Everything is UTF-8. Files go through :func:`workbench.outputs.atomic_output`: written to a
temporary name next to the target and renamed, so a failed export never leaves half a file
behind, and never written over the project, a backup, a device or an input.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pandas as pd

from workbench.errors import WorkbenchError
from workbench.exports.safe_cells import json_text, safe_frame, safe_header, xlsx_text
from workbench.outputs import atomic_output, private_tempdir

FORMATS = ("csv", "json", "xlsx")
XLSX_MAX_ROWS = 1_048_576


@contextmanager
def atomic_path(out: Path, *, inputs: Iterable[object] = (), what: str = "output") -> Iterator[Path]:
    """A temporary path next to ``out`` that replaces ``out`` only if the block succeeds
    (:func:`workbench.outputs.atomic_output`, with Python's temp folder pointed next to it
    too, for writers such as openpyxl and xlsxwriter that keep scratch files)."""
    with atomic_output(out, inputs=inputs, what=what) as tmp, private_tempdir(out):
        yield tmp


def iso_dates(df: pd.DataFrame) -> pd.DataFrame:
    """Datetime columns as ISO text: a date for whole days, seconds otherwise."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            whole_days = bool((s.dropna() == s.dropna().dt.normalize()).all())
            text = s.dt.strftime("%Y-%m-%d" if whole_days else "%Y-%m-%dT%H:%M:%S")
            out[col] = text.astype(object).where(s.notna(), None)
    return out


def _csv_number(v: Any) -> Any:
    """Whole floats without ``.0`` (as ``workbench data`` prints them); NaN as empty."""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        if v.is_integer() and abs(v) < 1e15:
            return int(v)
        return repr(v)
    return v


def write_csv(df: pd.DataFrame, path: Path, *, bom: bool = False) -> None:
    """UTF-8 CSV (with a byte-order mark if ``bom``, which Excel on Windows needs for accents)."""
    import csv

    safe = safe_frame(iso_dates(df))
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(safe_header(list(safe.columns)))
        cols = [safe[c].to_numpy(dtype=object) for c in safe.columns]
        for row in zip(*cols):
            w.writerow(["" if v is None or v is pd.NA else _csv_number(v) for v in row])


def write_json(df: pd.DataFrame, path: Path) -> None:
    """One JSON array of row objects; missing values are ``null``, dates ISO text."""
    import json

    records = json.loads(iso_dates(df).to_json(orient="records", force_ascii=False, double_precision=15))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json_text(records, indent=1))
        fh.write("\n")


def write_xlsx(df: pd.DataFrame, path: Path, *, sheet: str = "data") -> None:
    """One sheet, header frozen and filterable, dates as real dates, text never a formula."""
    import xlsxwriter

    if len(df) + 1 > XLSX_MAX_ROWS:
        raise WorkbenchError(f"{len(df):,} rows do not fit in one Excel sheet (at most {XLSX_MAX_ROWS - 1:,}); "
                             "export CSV or JSON instead")
    wb = xlsxwriter.Workbook(str(path), {
        "constant_memory": len(df) > 300_000, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "nan_inf_to_errors": False,
    })
    try:
        ws = wb.add_worksheet(sheet[:31])
        bold = wb.add_format({"bold": True, "bg_color": "#DDE5EE", "bottom": 1})
        date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
        time_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        header = [xlsx_text(h) for h in safe_header(list(df.columns))]
        for j, name in enumerate(header):
            ws.write_string(0, j, name, bold)
        for j, col in enumerate(df.columns):
            s = df[col]
            width = max(len(str(col)), 8)
            if pd.api.types.is_datetime64_any_dtype(s):
                ws.set_column(j, j, 20)
                continue
            ws.set_column(j, j, min(width + 2, 60))
        _write_rows(ws, df, date_fmt, time_fmt)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(df), 1), max(len(df.columns) - 1, 0))
    finally:
        wb.close()


def _column_cells(s: pd.Series) -> tuple[str, list]:
    """One column as (kind, python values) with None for missing cells, converted once."""
    if pd.api.types.is_datetime64_any_dtype(s):
        if s.dt.tz is not None:
            s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        values = s.astype(object).to_numpy()
        return "date", [None if v is pd.NaT else v for v in values]
    if pd.api.types.is_bool_dtype(s):
        return "bool", [None if v is None or v is pd.NA else bool(v) for v in s.astype(object)]
    if pd.api.types.is_numeric_dtype(s):
        arr = s.to_numpy(dtype=np.float64, na_value=np.nan)
        return "num", [float(v) if math.isfinite(v) else None for v in arr.tolist()]
    out: list = []
    for v in s.astype(object).tolist():
        if v is None or v is pd.NA or (isinstance(v, float) and not math.isfinite(v)):
            out.append(None)
        elif isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            out.append(float(v))
        else:
            out.append(xlsx_text(str(v)))
    return "obj", out


def _write_rows(ws: Any, df: pd.DataFrame, date_fmt: Any, time_fmt: Any) -> None:
    """Row by row (constant_memory mode writes rows in order): typed cells, safe text."""
    writers: list[Any] = []
    columns = []
    for col in df.columns:
        kind, values = _column_cells(df[col])
        columns.append(values)
        if kind == "date":
            ser = df[col].dropna()
            whole = bool((ser == ser.dt.normalize()).all())
            fmt = date_fmt if whole else time_fmt
            writers.append(lambda i, j, v, f=fmt: ws.write_datetime(i, j, v, f))
        elif kind == "num":
            writers.append(ws.write_number)
        elif kind == "bool":
            writers.append(ws.write_boolean)
        else:
            writers.append(lambda i, j, v: ws.write_number(i, j, v) if isinstance(v, float) else ws.write_string(i, j, v))
    for i, row in enumerate(zip(*columns), start=1):
        for j, v in enumerate(row):
            if v is not None:
                writers[j](i, j, v)


def write_table(df: pd.DataFrame, out: Path, fmt: str, *, sheet: str = "data", bom: bool = False,
                inputs: Iterable[object] = ()) -> None:
    """Write ``df`` to ``out`` in ``fmt`` (csv, json or xlsx), atomically; ``inputs`` are the
    files the command read (its project, a truth file), which ``out`` must not be."""
    if fmt not in FORMATS:
        raise WorkbenchError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    with atomic_path(Path(out), inputs=inputs, what="export") as tmp:
        if fmt == "csv":
            write_csv(df, tmp, bom=bom)
        elif fmt == "json":
            write_json(df, tmp)
        else:
            write_xlsx(df, tmp, sheet=sheet)


def format_from_suffix(out: Path, given: str | None) -> str:
    """``--format`` when given, else the output's extension (``.csv``/``.json``/``.xlsx``)."""
    if given:
        return given
    ext = Path(out).suffix.lower().lstrip(".")
    if ext in FORMATS:
        return ext
    raise WorkbenchError(f"cannot tell the format of {Path(out).name!r}; give --format csv, json or xlsx")
