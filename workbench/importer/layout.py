"""Find the table in a sheet and say what each column means, as a :class:`Mapping`.

Real sheets put title rows above the header, merge header cells, add notes and sources
under the data and sometimes carry a cover page or a codebook. Detection looks only at the
first rows to find the header (the row naming the most known column roles or periods),
fills merged cells, cuts notes at the bottom and then decides the layout:

* ``long`` — region, indicator, period and value columns (any order, any case);
* ``wide`` — one column per period (years, months, quarters, real dates), the World Bank
  export shape included; a wide sheet without an indicator column takes the indicator from
  the sheet name or the title above the header;
* ``indicator_columns`` — region and period columns and one numeric column per indicator;
* ``codebook`` — ``indicator`` and ``direction`` columns describing indicators;
* ``skip`` — a cover page of text or a sheet without a recognisable table.

A sheet with both an indicator name and an indicator code column is keyed by the code
(the name labels it); a sheet whose only region column is a country column holds
country-level regions (``region_level = "country"``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from workbench.errors import WorkbenchError
from workbench.importer import events, layouts
from workbench.importer.coded import mapped
from workbench.importer.labels import cell_text, column_role, normalize_label
from workbench.importer.mapping import EVENT_OPTIONS, Mapping
from workbench.importer.periods import MONTHS, YEAR_MAX, YEAR_MIN, parse_periods
from workbench.importer.profile import profile_columns
from workbench.importer.readers import RawSheet
from workbench.importer.reading import GIVEN, GUESS, SIGNATURE, Reading
from workbench.importer.roles import classify, looks_like_codebook, used_columns
from workbench.importer.vocabulary import fold

HEADER_SCAN_ROWS = 40
NOTE_PREFIXES = ("source", "sources", "note", "notes", "footnote", "*", "†", "(", "n.b", "nb:", "data:",
                 "fuente", "quelle", "anmerkung", "remarque", "nota", "المصدر", "ملاحظة", "last updated",
                 "data from database")


@dataclass
class SheetLayout:
    """Where the table is and what it is; ``mapping`` is what the import will use."""

    role: str  # 'data', 'codebook', 'cover', 'empty', 'unrecognized'
    mapping: Mapping
    header: list[str] = field(default_factory=list)
    data_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    extra_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    note_rows: int = 0
    title: str | None = None
    reason: str = ""
    reading: Reading | None = None


def empty_mask(cells: pd.DataFrame) -> np.ndarray:
    """True where a cell is empty: None, NaN or blank text; judged once per distinct cell.

    Column by column, because a column's cells share a type and factorize twice as fast.
    """
    mask = np.zeros(cells.shape, dtype=bool)
    for j in range(cells.shape[1]):
        mask[:, j] = mapped(cells.iloc[:, j], lambda u: isinstance(u, str) and not u.strip(), True, dtype=bool)
    return mask


def _periodish(values: list[Any]) -> np.ndarray:
    """Which header cells look like periods (text, dates or whole years, not any number)."""
    out = np.zeros(len(values), dtype=bool)
    keep = [
        i for i, v in enumerate(values)
        if isinstance(v, (str, dt.date, dt.datetime, pd.Timestamp))
        or (isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and YEAR_MIN <= v <= YEAR_MAX)
    ]
    if keep:
        parsed = parse_periods([values[i] for i in keep])
        out[np.array(keep)[parsed.ok]] = True
    return out


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


def find_header_row(cells: pd.DataFrame, empty: np.ndarray) -> int | None:
    """0-based index of the header row among the first rows, or None for no table."""
    top = cells.iloc[:HEADER_SCAN_ROWS]
    best, best_score = None, 0.0
    max_filled = int((~empty[: len(top)]).sum(axis=1).max()) if len(top) else 0
    for i in range(len(top)):
        row = top.iloc[i].tolist()
        filled = ~empty[i]
        n_filled = int(filled.sum())
        if n_filled < 2:
            continue
        values = [v for v, f in zip(row, filled) if f]
        if sum(isinstance(v, str) and v.startswith("#") for v in values) * 2 > n_filled:
            continue  # an HXL hashtag row: read with the header above it
        roles = {column_role(cell_text(v))[0] for v in values if isinstance(v, str)} - {None, "meta"}
        n_period = int(_periodish(values).sum())
        n_text = sum(isinstance(v, str) and not _looks_numeric(v) for v in values)
        n_numbers = sum(_is_number(v) for v in values) - n_period
        score = len(roles) * 10 + min(n_period, 50) * 3 + n_text - 2 * max(n_numbers, 0)
        if n_text == n_filled:
            score += 3  # a header is all labels; data rows carry numbers or dates
        if n_filled < max(2, max_filled // 2):
            score -= 15
        if score > best_score:
            best, best_score = i, score
    return best


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[-+]?[\d.,\s%]+\s*", text))


def _fill_merged(cells: pd.DataFrame, merged: list, first_row: int) -> pd.DataFrame:
    """Copy each merged range's value into the cells it covers (rows >= first_row - 2)."""
    if not merged:
        return cells
    cells = cells.copy()
    nrows, ncols = cells.shape
    for (r0, c0), (r1, c1) in merged:
        if r1 < first_row - 2 or r0 >= nrows or c0 >= ncols:
            continue
        value = cells.iat[r0, c0]
        cells.iloc[r0 : min(r1, nrows - 1) + 1, c0 : min(c1, ncols - 1) + 1] = value
    return cells


def _header_labels(cells: pd.DataFrame, h: int, empty: np.ndarray, two_row: bool = False) -> list[str]:
    labels = [cell_text(v) for v in cells.iloc[h].tolist()]
    if two_row:
        raw_above = [cell_text(v) for v in cells.iloc[h - 1].tolist()]
        above = pd.Series([a or None for a in raw_above], dtype=object).ffill().fillna("").tolist()
        # A year over month names (two-row header): join them into "Jan 2024"; a label
        # standing alone in the upper row ("District") names its column.
        for j, lab in enumerate(labels):
            if lab.casefold().rstrip(".") in MONTHS and re.fullmatch(r"(18|19|20)\d\d", above[j]):
                labels[j] = f"{lab} {above[j]}"
            elif not lab and raw_above[j]:
                labels[j] = raw_above[j]
    seen: dict[str, int] = {}
    out = []
    for j, lab in enumerate(labels):
        lab = lab or f"column {_letters(j)}"
        if lab in seen:
            seen[lab] += 1
            lab = f"{lab} [{seen[lab]}]"
        else:
            seen[lab] = 1
        out.append(lab)
    return out


HEADER_BLOCK_ROWS = 5  # header rows above or below the one found, at most
UNIT_WORDS = re.compile(r"%|‰|\b(range|thousands?|millions?|billions?|number|numbers|count|decimal|percent|"
                        r"percentage|per|ratio|index|rate|average|usd|us\$|eur|years?|days?|persons?|people|"
                        r"households?|kg|km|tonnes?|units?|score|milliers|millions de|nombre|pourcentage|"
                        r"taux|miles|porcentaje|número|tasa|anzahl|prozent)\b|[$€£]", re.I)
FOOTNOTE_MARKS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u209f\u1d43-\u1dbf*†‡]+$")


def _label_only(row: list[Any], filled: np.ndarray) -> bool:
    """A row of labels: every filled cell a text that is no number, period mark or hashtag."""
    cells = [v for v, f in zip(row, filled) if f]
    return bool(cells) and all(isinstance(v, str) and not _looks_numeric(v) and not v.strip().startswith("#")
                               and v.strip().casefold() not in ("n/a", "na", "..", "-", "x") for v in cells) \
        and not _periodish(cells).any()  # a data row's month ('Jan 2024') is no header label


def _has_numbers(row: list[Any], filled: np.ndarray) -> bool:
    return any(_is_number(v) or (isinstance(v, str) and _looks_numeric(v) and any(ch.isdigit() for ch in v))
               for v, f in zip(row, filled) if f)


def header_block(cells: pd.DataFrame, empty: np.ndarray, h: int) -> tuple[int, int]:
    """The rows of a header that spans several (0-based ``top``, ``bottom``; both ``h`` if one).

    A statistics office's table (OPHI's MPI workbook) writes group headings, names,
    sub-names and units in four rows, merged cells spread over them. Rows next to the header
    row belong to it when they hold labels only and their first column continues the
    header's (empty, or the same merged label); the rows below must be followed by a row of
    numbers (data), so a codebook or a table of text is never read as a header. A title row
    (one text, or one merged text across) ends the block above.
    """
    filled = ~empty
    cols = np.flatnonzero(filled[h])
    if not len(cols) or _periodish([v for v, f in zip(cells.iloc[h].tolist(), filled[h]) if f]).sum() >= 2:
        return h, h  # a row of period labels is the header ('Survey round' merged over 'Q1 2017', … above it)
    first = int(cols[0])
    key = cell_text(cells.iat[h, first])

    def continues(i: int) -> bool:
        return bool(empty[i, first]) or cell_text(cells.iat[i, first]) == key

    def labels(i: int) -> bool:
        return _label_only(cells.iloc[i].tolist(), filled[i]) and continues(i)

    bottom, i = h, h + 1
    while i < len(cells) and i <= h + HEADER_BLOCK_ROWS:
        if not filled[i].any():
            i += 1
            continue
        if labels(i):
            bottom, i = i, i + 1
            continue
        break
    if bottom > h:
        nxt = next((k for k in range(bottom + 1, len(cells)) if filled[k].any()), None)
        if nxt is None or not _has_numbers(cells.iloc[nxt].tolist(), filled[nxt]):
            bottom = h  # no data under these rows: they are data themselves (a codebook, text)
    top, i = h, h - 1
    while i >= 0 and i >= h - HEADER_BLOCK_ROWS and filled[i].any():
        texts = {cell_text(v) for v, f in zip(cells.iloc[i].tolist(), filled[i]) if f}
        if len(texts) < 2 or not labels(i):
            break  # a title (one text, or one merged across) ends the header above
        top, i = i, i - 1
    return top, bottom


def _composed_labels(cells: pd.DataFrame, empty: np.ndarray, top: int, bottom: int) -> list[str]:
    """Each column's label from every row of a multi-row header: ``group: name [unit]``.

    Merged cells repeat a label down or across; a label repeated down a column counts once.
    The last row is a row of units when most of the labels first met there read as units
    (``% Population``, ``Range 0 to 1``, ``Thousands``): a unit is written in brackets, as
    an indicator given in two units is (``births [PS]``). Footnote marks are dropped.
    """
    rows = [[FOOTNOTE_MARKS.sub("", cell_text(v)).strip() for v in cells.iloc[i].tolist()]
            for i in range(top, bottom + 1)]
    last, above = rows[-1], rows[-2]
    fresh = [t for t, a in zip(last, above) if t and t != a]
    unit_row = bool(fresh) and sum(bool(UNIT_WORDS.search(t)) for t in fresh) >= 0.6 * len(fresh)
    out = []
    for j in range(cells.shape[1]):
        parts: list[str] = []
        for r in rows[:-1] if unit_row else rows:
            if r[j] and r[j] not in parts:
                parts.append(r[j])
        unit = last[j] if unit_row and last[j] and last[j] != above[j] else ""
        out.append(": ".join(parts) + (f" [{unit}]" if unit and parts else unit))
    seen: dict[str, int] = {}
    labels = []
    for j, lab in enumerate(out):
        lab = lab or f"column {_letters(j)}"
        seen[lab] = seen.get(lab, 0) + 1
        labels.append(f"{lab} [{seen[lab]}]" if seen[lab] > 1 else lab)
    return labels


def _letters(j: int) -> str:
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def _data_rows(cells: pd.DataFrame, empty: np.ndarray, h: int, header: list[str]) -> tuple[np.ndarray, int, list[str]]:
    """Rows below the header holding data: blank rows, repeated headers and notes cut."""
    below = np.arange(h + 1, len(cells))
    if below.size == 0:
        return below, 0, []
    filled = (~empty[h + 1 :]).sum(axis=1)
    keep = filled > 0
    first = cells.iloc[h + 1 :, :]
    notes: list[str] = []
    note_rows = 0
    # Single-cell text rows are notes or sources wherever they are; a block of them at the
    # bottom is the usual "Source: … / Note: …" footer.
    single = np.flatnonzero(keep & (filled == 1))
    for k in single:
        row = first.iloc[k].tolist()
        text = next((v for v in row if isinstance(v, str) and v.strip()), None)
        if text is None:
            continue
        low = text.strip().casefold()
        at_bottom = not keep[k + 1 :].any() or (filled[k + 1 :][keep[k + 1 :]] <= 1).all()
        if low.startswith(NOTE_PREFIXES) or (at_bottom and not _looks_numeric(text)):
            keep[k] = False
            note_rows += 1
            if len(notes) < 3:
                notes.append(text.strip()[:80])
    # A header repeated under a page break is not data.
    if header:
        head_norm = [normalize_label(x) for x in header[:2]]
        rep = _normalized(first.iloc[:, 0]) == head_norm[0]
        if len(head_norm) > 1 and first.shape[1] > 1:
            rep &= _normalized(first.iloc[:, 1]) == head_norm[1]
        keep &= ~rep
    return below[keep], note_rows, notes


def _normalized(column: Any) -> np.ndarray:
    """normalize_label of each cell, computed once per distinct cell."""
    return mapped(column, lambda v: normalize_label(cell_text(v)), "")


def _row_with_labels(cells: pd.DataFrame, labels: list[str]) -> int | None:
    """The first top row holding every label a mapping names (so detection need not guess)."""
    want = {normalize_label(x) for x in labels}
    for i in range(min(HEADER_SCAN_ROWS, len(cells))):
        if want <= {normalize_label(cell_text(v)) for v in cells.iloc[i].tolist()}:
            return i
    return None


def _title(cells: pd.DataFrame, empty: np.ndarray, h: int) -> str | None:
    for i in range(h):
        for v, e in zip(cells.iloc[i].tolist(), empty[i]):
            if not e and isinstance(v, str):
                return " ".join(v.split())
    return None


def _header_confidence(cells: pd.DataFrame, empty: np.ndarray, h: int) -> tuple[float, str]:
    """How sure the header row is: known column words (or periods) in it, or not."""
    row = [v for v, e in zip(cells.iloc[h].tolist(), empty[h]) if not e]
    roles = {column_role(cell_text(v))[0] for v in row if isinstance(v, str)} - {None, "meta"}
    periods = int(_periodish(row).sum())
    if roles or periods >= 2:
        what = ", ".join(sorted(str(r) for r in roles)) if roles else f"{periods} period labels"
        return SIGNATURE, f"row {h + 1} names {what}"
    return GUESS, f"row {h + 1} is the first row of labels, but names no known column"


def _split_eurostat(cells: pd.DataFrame, h: int) -> pd.DataFrame:
    """Eurostat's ``unit,geo\\time`` first column holds several dimensions joined by commas:
    give each its own column (``unit``, ``geo``), as the header names them."""
    head = cell_text(cells.iat[h, 0])
    if not re.search(r"\\\s*time(_period)?$", head, re.I) or "," not in head and "geo" not in head.casefold():
        return cells
    names = [x.strip() for x in re.sub(r"\\\s*time(_period)?$", "", head, flags=re.I).split(",")]
    parts = cells.iloc[h + 1 :, 0].map(lambda v: cell_text(v).split(",")).tolist()
    split = pd.DataFrame([(p + [""] * len(names))[: len(names)] for p in parts], index=cells.index[h + 1 :],
                         columns=range(len(names)), dtype=object)
    top = pd.DataFrame([names], index=[cells.index[h]], columns=range(len(names)), dtype=object)
    above = pd.DataFrame(None, index=cells.index[:h], columns=range(len(names)), dtype=object)
    first = pd.concat([above, top, split])
    rest = cells.iloc[:, 1:]
    out = pd.concat([first.reset_index(drop=True), rest.reset_index(drop=True)], axis=1, ignore_index=True)
    return out.astype(object)


def _hxl_tags(cells: pd.DataFrame, empty: np.ndarray, h: int, header: list[str]) -> dict[str, str]:
    """Header label -> HXL hashtag, when the row under the header is a hashtag row."""
    if h + 1 >= len(cells):
        return {}
    row = [cell_text(v) for v in cells.iloc[h + 1].tolist()]
    filled = [t for t in row if t]
    if not filled or sum(t.startswith("#") for t in filled) * 2 <= len(filled):
        return {}
    return {lab: tag for lab, tag in zip(header, row) if tag.startswith("#")}


def detect_layout(sheet: RawSheet, overrides: dict[str, Any] | None = None) -> SheetLayout:
    """Detect the table of one sheet; ``overrides`` (from a mapping file) win key by key.

    The returned layout carries a :class:`Reading`: every decision with its confidence;
    decisions about keys the overrides give are the analyst's (confidence 1).
    """
    overrides = dict(overrides or {})
    given = {k for k, v in overrides.items() if v not in (None, "", [])}
    cells = sheet.cells
    base = Mapping(sheet=sheet.name, decimal=sheet.decimal_hint or "auto")
    if cells.size == 0:
        return SheetLayout("empty", base.override({**overrides, "layout": "skip"}), reason="the sheet is empty")
    empty = empty_mask(cells)
    if empty.all():
        return SheetLayout("empty", base.override({**overrides, "layout": "skip"}), reason="the sheet is empty")
    named = [overrides[k] for k in ("region", "indicator", "period", "value") if overrides.get(k)]
    moved = None
    if named and overrides.get("header_row"):
        # Next month's file with two more title rows: the saved header row no longer holds
        # the saved columns. Where they are found together, the header has moved there.
        h_saved = int(overrides["header_row"]) - 1
        row = {normalize_label(cell_text(v)) for v in cells.iloc[h_saved].tolist()} if h_saved < len(cells) else set()
        if not {normalize_label(x) for x in named} <= row:
            h_named = _row_with_labels(cells, named)
            if h_named is not None:
                moved = (h_saved + 1, h_named + 1)
                overrides["header_row"] = h_named + 1
    if named and not overrides.get("header_row"):
        h_named = _row_with_labels(cells, named)
        if h_named is not None:
            overrides["header_row"] = h_named + 1
            given.add("header_row")  # the row holding the columns the mapping names
    h: int | None
    if overrides.get("header_row"):
        h = int(overrides["header_row"]) - 1
        if h >= len(cells):
            raise WorkbenchError(f"mapping: header_row {h + 1} is below the last row of sheet {sheet.name!r}")
    else:
        h = find_header_row(cells, empty)
    if h is None:
        role = "cover" if not any(_is_number(v) for v in cells.to_numpy().ravel()[:5000]) else "unrecognized"
        reason = ("a cover page of text" if role == "cover"
                  else "no header row with region, indicator, period or value columns")
        return SheetLayout(role, base.override({**overrides, "layout": "skip"}), reason=reason)

    split = _split_eurostat(cells, h)
    eurostat_dims: list[str] = []
    if split is not cells:
        eurostat_dims = [cell_text(v) for v in split.iloc[h, : split.shape[1] - cells.shape[1] + 1].tolist()]
        sheet.cells = cells = split
        empty = empty_mask(cells)
    filled_cells = _fill_merged(cells, sheet.merged, max(0, h - HEADER_BLOCK_ROWS))
    if filled_cells is not cells:
        # Extraction reads sheet.cells: it must see the merged values too.
        sheet.cells = cells = filled_cells
        empty = empty_mask(cells)
    two_row = False
    if not overrides.get("header_row") and h + 1 < len(cells):
        below = [cell_text(v).casefold().rstrip(".") for v in cells.iloc[h + 1].tolist()]
        if sum(b in MONTHS for b in below) >= 2:
            h, two_row = h + 1, True  # years above month names: the months row is the header
    top = h
    if not two_row:
        top, h = header_block(cells, empty, h)
    header = _header_labels(cells, h, empty, two_row) if top == h else _composed_labels(cells, empty, top, h)
    header_conf, header_why = (GIVEN, "given by the mapping") if "header_row" in given else \
        _header_confidence(cells, empty, h)
    hxl = _hxl_tags(cells, empty, h, header)
    first = h + 1 if hxl else h
    rows, note_rows, note_texts = _data_rows(cells, empty, first, header)
    title = _title(cells, empty, h)
    data = cells.iloc[rows] if len(rows) else cells.iloc[:0]
    options = {k: overrides.pop(k) for k in EVENT_OPTIONS if k in overrides}  # not a reading of columns
    given -= set(options)
    found = None
    if overrides.get("layout") in (None, "events"):
        # One row per event (ACLED, UCDP, an incident log): counted, never read as a panel.
        found = events.classify(sheet.name, header, data, base)
    for extra_layout in layouts.detecting():  # layouts added since, with a detector of their own
        if found is None and overrides.get("layout") in (None, extra_layout.name):
            detect = extra_layout.detect()
            found = detect(sheet.name, header, data, base) if detect is not None else None
    if found is None:
        prof = profile_columns(data, header)
        above = [cell_text(v) for v in cells.iloc[h - 1].tolist()] if h > 0 else []
        found = classify(sheet.name, header, cells.iloc[h].tolist(), title, base, prof, hxl, above)
    mapping, reading, role, reason, notes = found.mapping, found.reading, found.role, found.reason, found.notes
    if eurostat_dims and role == "data":
        # Every dimension of a Eurostat table but the place and the unit is part of the series.
        mapping.dimensions += [d for d in eurostat_dims if d not in used_columns(mapping)]
    reading.decide("header_row", h + 1, header_conf, header_why + (" (with an HXL hashtag row under it)" if hxl
                                                                   else ""))
    if hxl:
        notes.append("HXL hashtag row under the header used to read the columns")
    mapping.header_row = h + 1
    extra = _extra_columns(mapping, header)
    if overrides:
        if "layout" not in overrides and mapping.layout == "skip":
            # A mapping naming the columns of a sheet detection could not read means "import it".
            if overrides.get("period_columns"):
                overrides["layout"] = "wide"
            elif overrides.get("indicator_columns"):
                overrides["layout"] = "indicator_columns"
            elif overrides.get("region_columns"):
                overrides["layout"] = "regions_across"
            elif any(overrides.get(k) for k in ("region", "indicator", "period", "value")):
                overrides["layout"] = "long"
        if overrides.get("region") and "region_level" not in overrides:
            # The level detected belonged to the column detection chose, not to this one.
            overrides["region_level"] = "country" if column_role(overrides["region"]) == ("region", 0) else None
        mapping = mapping.override(overrides)
        if mapping.indicator_name == mapping.indicator or mapping.layout in ("indicator_columns",):
            mapping.indicator_name = None  # a mapping that keys indicators by their names
        if mapping.layout in ("long", "indicator_columns", "regions_across") and "period_columns" not in given:
            mapping.period_columns = []
        if mapping.layout != "long" and "value" not in given:
            mapping.value = None
        if "region" in given and "fixed_region" not in given:
            mapping.fixed_region = None
        elif "fixed_region" in given and "region" not in given:
            mapping.region = None
        role, reason = _role_of(mapping)
        extra = _extra_columns(mapping, header)
        _check_columns(mapping, header, sheet.name)
        reading.confirm(given | ({"region"} if "fixed_region" in given else set())
                        | ({"period"} if given & {"period_columns", "period_part", "event_date"} else set())
                        | ({"value"} if "fatalities" in given else set())
                        | ({"region"} if "region_columns" in given else set()))
        if "layout" in given or given & {"region", "period", "value", "period_columns", "indicator_columns",
                                          "region_columns", "event_date"}:
            reading.confirm({"layout"})
    if options:
        mapping = mapping.override(options)
    if moved:
        notes.append(f"the mapping's header row {moved[0]} does not hold its columns; they were found in row "
                     f"{moved[1]}, which is read as the header (rows added above the table?)")
    if top < h:
        notes.append(f"a header of {h - top + 1} rows (rows {top + 1}-{h + 1}): each column named by all of them "
                     "(group: name [unit])")
    if note_rows:
        notes.append(f"{note_rows} note/source row(s) under or in the table skipped"
                     + (f" (e.g. {note_texts[0]!r})" if note_texts else ""))
    return SheetLayout(role, mapping, header, rows, extra, notes, note_rows, title, reason, reading)


def _role_of(m: Mapping) -> tuple[str, str]:
    if m.layout == "skip":
        return "unrecognized", "skipped by the mapping"
    if m.layout == "codebook":
        return "codebook", ""
    return "data", ""


def _used_columns(m: Mapping) -> set[str]:
    return used_columns(m)


def _extra_columns(m: Mapping, header: list[str]) -> list[str]:
    if m.layout == "codebook" or m.layout == "skip":
        return []
    used = _used_columns(m)
    return [c for c in header if c not in used and not c.startswith("column ")]


def _check_columns(m: Mapping, header: list[str], sheet: str) -> None:
    if m.layout == "skip":
        return
    missing = sorted(c for c in _used_columns(m) if c not in header)
    if missing:
        raise WorkbenchError(
            f"mapping: column(s) {', '.join(map(repr, missing))} not found in sheet {sheet!r}; "
            f"its columns are: {', '.join(header)}"
        )


__all__ = ["SheetLayout", "detect_layout", "looks_like_codebook", "normalize_label", "cell_text", "empty_mask",
           "column_role", "find_header_row", "fold"]
