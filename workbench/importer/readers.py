"""Read a workbook or CSV file into raw sheets of cells, without interpreting them.

Every file is first checked by :mod:`workbench.importer.safety` (kind sniffing, archive and
XML bounds, encryption), then read through python-calamine, which returns the values Excel
or LibreOffice cached for formulas and never evaluates them. CSV files are decoded and
split here (encoding, delimiter and decimal-comma sniffing); their cells stay text so that
one parser (``values.py``/``periods.py``) decides what every cell means.

Calamine reports Excel error cells (``#N/A``, ``#DIV/0!``) as empty cells, so in workbooks
they arrive as empty, which the value parser counts as missing.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench.errors import UnusableInputError

WORKBOOK_KINDS = ("xlsx", "xlsm", "xls", "ods")
KINDS = (*WORKBOOK_KINDS, "csv")
CSV_DELIMITERS = (",", ";", "\t", "|")
SNIFF_LINES = 50


@dataclass
class RawSheet:
    """The cells of one sheet as read: object dtype, row 0 is spreadsheet row 1."""

    name: str
    cells: pd.DataFrame
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden: bool = False
    decimal_hint: str | None = None  # ',' for a semicolon CSV written with decimal commas
    notes: list[str] = field(default_factory=list)


@dataclass
class RawWorkbook:
    path: Path
    kind: str
    sheets: list[RawSheet]


def detect_kind(path: Path) -> str:
    """The file's kind, refusing hostile or unusable files before any reader touches them."""
    try:
        from workbench.importer import safety
    except ImportError:  # the safety module lands separately; until then trust the extension
        safety = None
    if safety is not None:
        return safety.check_file(path)
    if not path.exists():
        raise UnusableInputError(f"{path.name} does not exist")
    if path.stat().st_size == 0:
        raise UnusableInputError(f"{path.name} is empty")
    kind = path.suffix.lower().lstrip(".")
    if kind not in KINDS:
        raise UnusableInputError(f"{path.name}: unsupported file type; use .xlsx .xlsm .xls .ods or .csv")
    return kind


def read_file(path: str | Path, *, kind: str | None = None) -> RawWorkbook:
    """All sheets of a file (hidden ones flagged), cells untouched."""
    path = Path(path)
    kind = kind or detect_kind(path)
    if kind == "csv":
        return RawWorkbook(path, kind, [read_csv(path)])
    sheets = read_workbook(path)
    from workbench.importer.safety import content_notes  # formulas without results, macros

    notes = content_notes(path, kind)
    for s in sheets:
        s.notes += notes.get("*", []) + notes.get(s.name, [])
    return RawWorkbook(path, kind, sheets)


def read_workbook(path: Path) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        out: list[RawSheet] = []
        for meta in wb.sheets_metadata:
            if "WorkSheet" not in str(meta.typ):
                continue  # chart and dialog sheets hold no cells
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(getattr(sheet, "merged_cell_ranges", None) or [])
            cells = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
            out.append(RawSheet(meta.name, cells, merged, hidden=not str(meta.visible).endswith(".Visible")))
        return out
    except UnusableInputError:
        raise
    except Exception as err:  # noqa: BLE001 - calamine raises several unrelated types
        raise UnusableInputError(f"{path.name} cannot be read as a spreadsheet ({_short(err)})") from None


def _short(err: Exception) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text[:160]


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and the encoding used: BOMs first, then UTF-8, then Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    head = data[:4096]
    if len(head) >= 4 and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a BOM: every ASCII character has a zero byte beside it.
        le = head[1::2].count(b"\x00") > head[0::2].count(b"\x00")
        codec = "utf-16-le" if le else "utf-16-be"
        return data.decode(codec, errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most sample lines into the same number (> 1) of fields."""
    best, best_score = ",", -1
    for delim in CSV_DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        if not counts:
            continue
        widest = pd.Series(counts).mode().max()
        if widest < 2:
            continue
        score = sum(c == widest for c in counts) * 1000 + widest
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(path: Path) -> RawSheet:
    try:
        from workbench.importer.safety import read_csv_text
    except ImportError:
        text, encoding = decode_text(path.read_bytes())
    else:
        text, encoding = read_csv_text(path)  # size-capped; refuses binary content
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = [ln for ln in text.split("\n", SNIFF_LINES * 4)[: SNIFF_LINES * 4] if ln.strip()][:SNIFF_LINES]
    if not sample:
        raise UnusableInputError(f"{path.name} has no rows")
    delim = sniff_delimiter(sample)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    except csv.Error as err:
        raise UnusableInputError(f"{path.name} is not a readable CSV file ({err})") from None
    width = max((len(r) for r in rows), default=0)
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    hint = None
    if delim != ",":
        body = "\n".join(sample)
        if re.search(r"(?<![\d.,])\d+,\d+(?![\d.,])", body):
            hint = ","
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
    notes = [f"CSV read as {encoding}, {names[delim]}-separated"
             + (", with decimal commas" if hint == "," else "")]
    return RawSheet(path.stem, cells, [], False, hint, notes)
