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

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench.errors import UnusableInputError
from workbench.importer import safety, text_guard
from workbench.importer.limits import CSV_CHUNK_ROWS, STREAM_CSV_BYTES

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
    #: A large CSV is streamed: ``cells`` holds its first chunk (what detection and the
    #: preview see) and ``more()`` yields the following chunks, each indexed by its rows'
    #: 0-based positions in the file (a field missing from a short row is NaN there, as
    #: parsed; ``cells`` has ''). None when ``cells`` is the whole sheet.
    more: Callable[[], Iterator[pd.DataFrame]] | None = None


@dataclass
class RawWorkbook:
    path: Path
    kind: str
    sheets: list[RawSheet]


def detect_kind(path: Path) -> str:
    """The file's kind, refusing hostile or unusable files before any reader touches them."""
    return safety.check_file(path)


def read_file(path: str | Path, *, kind: str | None = None) -> RawWorkbook:
    """All sheets of a file (hidden ones flagged), cells untouched."""
    path = Path(path)
    kind = kind or detect_kind(path)
    if kind == "csv":
        return RawWorkbook(path, kind, [read_csv(path)])
    sheets = read_workbook(path)
    notes = safety.content_notes(path, kind)  # formulas without saved results, macros
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


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most sample lines into the same number (> 1) of fields.

    Eurostat's TSV joins its dimensions with commas inside the tab-separated first column
    (``unit,geo\\time<TAB>2019<TAB>2020``): a tab-separated header ending in ``\\time`` wins.
    """
    if lines and "\t" in lines[0] and re.search(r"\\\s*time(_period)?\s*$", lines[0].split("\t")[0], re.I):
        return "\t"
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
    if path.stat().st_size > STREAM_CSV_BYTES:
        return read_csv_streamed(path)
    text, encoding = safety.read_csv_text(path)  # size-capped; refuses binary content
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


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def read_csv_streamed(path: Path, chunk_rows: int = CSV_CHUNK_ROWS) -> RawSheet:
    """A large CSV, parsed in chunks by pandas' C parser instead of held as one grid.

    The same gate as :func:`read_csv` runs first (size cap, binary content, encoding, line
    lengths); the delimiter and decimal commas are sniffed on the first lines the same way.
    The cells stay text, so the rest of the importer reads them exactly as a small CSV's.
    The width is the widest row of the first megabyte; a later row wider than that is
    refused (the csv-module reader of small files pads ragged rows instead, but a chunked
    reader must fix the width up front).
    """
    data = safety.read_csv_bytes(path)
    text, encoding = text_guard.decode_text(data, path.name)  # validates every byte once
    lines = text[: 1 << 20].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    del text
    if len(data) > 1 << 20:
        lines = lines[:-1]  # the last line of the cut is partial
    sample = [ln for ln in lines if ln.strip()]
    if not sample:
        raise UnusableInputError(f"{path.name} has no rows")
    delim = sniff_delimiter(sample[:SNIFF_LINES])
    try:
        width = max((len(r) for r in csv.reader(sample, delimiter=delim)), default=1)
    except csv.Error as err:
        raise UnusableInputError(f"{path.name} is not a readable CSV file ({err})") from None

    def chunks() -> Iterator[pd.DataFrame]:
        reader = pd.read_csv(
            io.BytesIO(data), sep=delim, header=None, names=list(range(width)), index_col=False,
            dtype=object, keep_default_na=False, na_filter=False, skip_blank_lines=False,
            encoding=encoding, engine="c", chunksize=chunk_rows, quotechar='"', doublequote=True,
        )
        try:
            yield from reader
        except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as err:
            raise UnusableInputError(
                f"{path.name} cannot be read as one table ({' '.join(str(err).split())[:120]}); a row may be "
                f"wider than the first rows ({width} fields) - check its quoting, or split the file"
            ) from None

    live = chunks()
    head = next(live, None)
    if head is None:
        raise UnusableInputError(f"{path.name} has no rows")
    calls = 0

    def more() -> Iterator[pd.DataFrame]:
        """The chunks after the first: the live reader once, then a fresh read that skips it."""
        nonlocal calls
        calls += 1
        if calls == 1:
            yield from live
            return
        rest = chunks()
        next(rest, None)
        yield from rest

    hint = None
    if delim != "," and re.search(r"(?<![\d.,])\d+,\d+(?![\d.,])", "\n".join(sample[:SNIFF_LINES])):
        hint = ","
    notes = [f"CSV read as {encoding}, {_DELIMITER_NAMES[delim]}-separated"
             + (", with decimal commas" if hint == "," else "")
             + f"; read in chunks of {chunk_rows:,} rows"]
    cells = head.fillna("").astype(object)
    return RawSheet(path.stem, cells, [], False, hint, notes, more=more if len(head) >= chunk_rows else None)
