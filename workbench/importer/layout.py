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

from workbench.importer.mapping import EVENT_OPTIONS, Mapping
from workbench.importer.periods import MONTHS, parse_periods
from workbench.importer.readers import RawSheet
from workbench.importer.values import OK, REJECTED, parse_values

HEADER_SCAN_ROWS = 40
YEAR_WORDS = {"year", "yr", "annee", "année", "año", "ano", "fiscal year", "calendar year"}
PART_WORDS = {"month", "mois", "mes", "month number", "month name", "quarter", "qtr", "trimestre"}
NOTE_PREFIXES = ("source", "sources", "note", "notes", "footnote", "*", "†", "(", "n.b", "nb:", "data:")
GENERIC_SHEET = re.compile(r"(sheet|feuil|tabelle|hoja|foglio|planilha|blad|data|table)\s*\d*", re.I)
CODEBOOK_SHEET = re.compile(r"indicators?|codebook|code book|metadata|definitions?|dictionary|variables", re.I)

# Region columns by level: 0 country, 1 province-like, 2 district-like (the leaf).
REGION_WORDS = {
    "country": 0, "nation": 0, "admin0": 0, "adm0": 0,
    "province": 1, "governorate": 1, "state": 1, "prefecture": 1, "department": 1,
    "region": 1, "admin1": 1, "adm1": 1, "oblast": 1,
    "district": 2, "county": 2, "commune": 2, "municipality": 2, "admin2": 2, "adm2": 2,
    "admin3": 2, "adm3": 2, "admin": 2, "area": 2, "location": 2, "locality": 2, "lga": 2,
    "woreda": 2, "subcounty": 2, "city": 2, "town": 2, "village": 2, "settlement": 2,
    "territory": 2, "zone": 2,
    # French, Spanish and Portuguese headers of field-office templates.
    "pays": 0, "país": 0, "pais": 0, "région": 1, "región": 1, "departamento": 1, "provincia": 1,
    "cercle": 2, "arrondissement": 2, "distrito": 2, "municipio": 2, "comuna": 2, "localité": 2,
}
ROLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("indicator_code", re.compile(r"(indicator|series|variable) (code|id)")),
    ("code", re.compile(r"(.*\b)?(p ?code|pcode|code|iso ?3?|geocode|geo code)")),
    ("unit", re.compile(r"units?|unit of measure(ment)?|uom")),
    ("indicator", re.compile(r"(.*\b)?(indicator|variable|series|measure|metric|indicateur|indicador)"
                             r"( name| label| title)?")),
    ("value", re.compile(r"(value|values|obs|obs value|observation|observations|val|valeur|valor)( .*)?")),
    ("group", re.compile(r"(.*\b)?(group|groups|community|sex|gender|segment|cohort|subgroup|disaggregation|"
                         r"groupe|communauté|sexe|grupo|comunidad|sexo)")),
    ("direction", re.compile(r"direction|polarity|higher is")),
    ("period", re.compile(r"(.*\b)?(date|month|period|year|quarter|time|week|reporting month|ref date|"
                          r"mois|période|periode|année|annee|trimestre|mes|periodo|período|fecha|año|ano)( \w+)?")),
]


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


def normalize_label(label: str) -> str:
    text = re.sub(r"[_\-./:()\[\]#]+", " ", str(label).casefold())
    return " ".join(text.split())


def cell_text(v: Any) -> str:
    """How a cell reads as a header label: integers without '.0', dates as ISO."""
    if v is None:
        return ""
    if isinstance(v, float):
        if np.isnan(v):
            return ""
        if v.is_integer():
            return str(int(v))
    if isinstance(v, (dt.datetime, pd.Timestamp)):
        return v.strftime("%Y-%m-%d") if (v.hour, v.minute, v.second) == (0, 0, 0) else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return " ".join(str(v).split())


def empty_mask(cells: pd.DataFrame) -> np.ndarray:
    """True where a cell is empty: None, NaN or blank text; judged once per distinct cell.

    Column by column, because a column's cells share a type and factorize twice as fast.
    """
    arr = cells.to_numpy(dtype=object)
    mask = np.zeros(arr.shape, dtype=bool)
    for j in range(arr.shape[1]):
        codes, uniques = pd.factorize(arr[:, j])
        blank = np.array([isinstance(u, str) and not u.strip() for u in uniques] + [True], dtype=bool)
        mask[:, j] = blank[np.where(codes < 0, len(uniques), codes)]
    return mask


def column_role(label: str) -> tuple[str | None, int | None]:
    """(role, region level) for one header label."""
    norm = normalize_label(label)
    if not norm:
        return None, None
    words = norm.replace(" ", "")
    for word in norm.split():
        if word in REGION_WORDS and not re.search(r"\b(code|pcode|iso|id)\b", norm):
            if norm in (word, f"{word} name", f"name of {word}", f"{word} en", f"{word} label") or (
                len(norm.split()) <= 3 and "group" not in norm and "indicator" not in norm
            ):
                return "region", REGION_WORDS[word]
    if words in REGION_WORDS:
        return "region", REGION_WORDS[words]
    for role, pat in ROLE_PATTERNS:
        if pat.fullmatch(norm):
            return role, None
    return None, None


def _periodish(values: list[Any]) -> np.ndarray:
    """Which header cells look like periods (text, dates or whole years, not any number)."""
    out = np.zeros(len(values), dtype=bool)
    keep = [
        i for i, v in enumerate(values)
        if isinstance(v, (str, dt.date, dt.datetime, pd.Timestamp))
        or (isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and 1900 <= v <= 2100)
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
        roles = {column_role(cell_text(v))[0] for v in values if isinstance(v, str)} - {None}
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
            if lab.casefold().rstrip(".") in MONTHS and re.fullmatch(r"(19|20)\d\d", above[j]):
                labels[j] = f"{lab} {above[j]}"
            elif not lab and raw_above[j]:
                labels[j] = raw_above[j]
    seen: dict[str, int] = {}
    out = []
    for j, lab in enumerate(labels):
        lab = lab or f"column {_letters(j)}"
        if lab in seen:
            seen[lab] += 1
            lab = f"{lab} ({seen[lab]})"
        else:
            seen[lab] = 1
        out.append(lab)
    return out


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
    first = cells.iloc[h + 1 :, :].to_numpy(dtype=object)
    notes: list[str] = []
    note_rows = 0
    # Single-cell text rows are notes or sources wherever they are; a block of them at the
    # bottom is the usual "Source: … / Note: …" footer.
    single = np.flatnonzero(keep & (filled == 1))
    for k in single:
        row = first[k]
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
        rep = _normalized(first[:, 0]) == head_norm[0]
        if len(head_norm) > 1 and first.shape[1] > 1:
            rep &= _normalized(first[:, 1]) == head_norm[1]
        keep &= ~rep
    return below[keep], note_rows, notes


def _normalized(column: np.ndarray) -> np.ndarray:
    """normalize_label of each cell, computed once per distinct cell."""
    codes, uniques = pd.factorize(pd.Series(column, dtype=object))
    u = np.array([normalize_label(cell_text(v)) for v in uniques] + [""], dtype=object)
    return u[np.where(codes < 0, len(uniques), codes)]


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


def detect_layout(sheet: RawSheet, overrides: dict[str, Any] | None = None) -> SheetLayout:
    """Detect the table of one sheet; ``overrides`` (from a mapping file) win key by key."""
    overrides = dict(overrides or {})
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

    filled_cells = _fill_merged(cells, sheet.merged, h)
    if filled_cells is not cells:
        # Extraction reads sheet.cells: it must see the merged values too.
        sheet.cells = cells = filled_cells
        empty = empty_mask(cells)
    two_row = False
    if not overrides.get("header_row") and h + 1 < len(cells):
        below = [cell_text(v).casefold().rstrip(".") for v in cells.iloc[h + 1].tolist()]
        if sum(b in MONTHS for b in below) >= 2:
            h, two_row = h + 1, True  # years above month names: the months row is the header
    header = _header_labels(cells, h, empty, two_row)
    rows, note_rows, note_texts = _data_rows(cells, empty, h, header)
    title = _title(cells, empty, h)
    sample = cells.iloc[rows[:200]] if len(rows) else cells.iloc[:0]
    from workbench.importer import events  # here: events reads this module's vocabulary

    options = {k: overrides.pop(k) for k in EVENT_OPTIONS if k in overrides}  # not a reading of columns
    found = None if overrides.get("layout") not in (None, "events") else events.classify(header, cells.iloc[rows], base)
    if found is None:
        found = _classify(sheet, header, cells.iloc[h].tolist(), title, base, sample)
    mapping, extra, notes, role, reason = found
    mapping.header_row = h + 1
    if overrides:
        if "layout" not in overrides and mapping.layout == "skip":
            # A mapping naming the columns of a sheet detection could not read means "import it".
            if overrides.get("period_columns"):
                overrides["layout"] = "wide"
            elif overrides.get("indicator_columns"):
                overrides["layout"] = "indicator_columns"
            elif any(overrides.get(k) for k in ("region", "indicator", "period", "value")):
                overrides["layout"] = "long"
        if overrides.get("region") and "region_level" not in overrides:
            # The level detected belonged to the column detection chose, not to this one.
            overrides["region_level"] = "country" if column_role(overrides["region"]) == ("region", 0) else None
        mapping = mapping.override(overrides)
        if mapping.indicator_name == mapping.indicator or mapping.layout == "indicator_columns":
            mapping.indicator_name = None  # a mapping that keys indicators by their names
        role, reason = _role_of(mapping)
        extra = _extra_columns(mapping, header)
        _check_columns(mapping, header, sheet.name)
    if options:
        mapping = mapping.override(options)
    if moved:
        notes.append(f"the mapping's header row {moved[0]} does not hold its columns; they were found in row "
                     f"{moved[1]}, which is read as the header (rows added above the table?)")
    if note_rows:
        notes.append(f"{note_rows} note/source row(s) under or in the table skipped"
                     + (f" (e.g. {note_texts[0]!r})" if note_texts else ""))
    return SheetLayout(role, mapping, header, rows, extra, notes, note_rows, title, reason)


def _role_of(m: Mapping) -> tuple[str, str]:
    if m.layout == "skip":
        return "unrecognized", "skipped by the mapping"
    if m.layout == "codebook":
        return "codebook", ""
    return "data", ""


def _used_columns(m: Mapping) -> set[str]:
    cols = {m.region, m.province, m.country, m.code, m.indicator, m.indicator_name, m.period, m.period_part,
            m.value, m.group, m.unit, m.event_date, m.fatalities, m.event_type}
    cols |= set(m.period_columns) | set(m.indicator_columns)
    return {c for c in cols if c}


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


def _mostly_numbers(column: np.ndarray) -> bool:
    """Whether a column's cells are numbers or missing markers (an indicator's values)."""
    parsed = parse_values(column)
    return bool((parsed.status == OK).any() and (parsed.status != REJECTED).mean() >= 0.5)


def _classify(
    sheet: RawSheet, header: list[str], raw_header: list[Any], title: str | None, base: Mapping,
    sample: pd.DataFrame,
) -> tuple[Mapping, list[str], list[str], str, str]:
    """Mapping, extra columns, notes, sheet role and (for skipped sheets) the reason."""
    roles: dict[str, str] = {}
    regions: list[tuple[int, str]] = []
    period_labels: list[str] = []
    for lab in header:
        if lab.startswith("column "):
            continue
        role, level = column_role(lab)
        if role == "region":
            regions.append((level or 0, lab))
        elif role and role not in roles:
            roles[role] = lab
        if role == "period":
            period_labels.append(lab)
    periodish = _periodish([v if isinstance(v, (dt.date, pd.Timestamp)) or _is_number(v) else lab
                            for v, lab in zip(raw_header, header)])
    period_cols = [lab for lab, p in zip(header, periodish) if p and lab not in roles.values()
                   and lab not in {r for _, r in regions}]
    if period_cols:
        # The import reads periods from the labels: a repeated header ("2024 (2)") is not one.
        readable = parse_periods(period_cols).ok
        period_cols = [c for c, ok in zip(period_cols, readable) if ok]
    m = Mapping(**{**base.to_dict(), "layout": "long"})
    notes: list[str] = []
    year_col = next((lab for lab in period_labels if normalize_label(lab) in YEAR_WORDS), None)
    part_col = next((lab for lab in period_labels if normalize_label(lab) in PART_WORDS), None)
    if year_col and part_col:
        # Separate "Year" and "Month" (or "Quarter") columns make one period together.
        roles["period"], m.period_part = year_col, part_col
    if regions:
        regions.sort(key=lambda t: t[0])
        leaf_level, m.region = regions[-1]
        if leaf_level == 0:
            # Only a country column (a World Bank or other national export): the rows are
            # countries, not districts.
            m.region_level = "country"
            notes.append(f"regions are countries (the only region column is {m.region!r})")
        for level, lab in regions[:-1]:
            if level == 0 and leaf_level > 0 and m.country is None:
                m.country = lab
            elif level >= 1 and m.province is None and lab != m.region:
                m.province = lab
    describes = "direction" in roles and "indicator" in roles and "value" not in roles
    if describes and (looks_like_codebook(sheet.name) or not (regions or roles.get("period"))):
        # A table of indicators with a direction; one that also has regions or periods
        # (an episode list, say) is about data, not a codebook.
        m.layout = "codebook"
        m.indicator = roles["indicator"]
        return m, [], notes, "codebook", ""
    m.code = roles.get("code") if m.region else None
    m.indicator = roles.get("indicator") or roles.get("indicator_code")
    if roles.get("indicator") and roles.get("indicator_code"):
        # Codes are stable identifiers (and what codebooks use); the names, which vary
        # between editions of a file, only label them.
        m.indicator, m.indicator_name = roles["indicator_code"], roles["indicator"]
    m.group = roles.get("group")
    m.unit = roles.get("unit")
    if m.region and m.indicator and roles.get("period") and not roles.get("value"):
        # A value column under another name ("Score", "Count"): accept the only numeric one.
        numeric = [lab for j, lab in enumerate(header)
                   if lab not in _used_columns(m) | {roles["period"]} and not lab.startswith("column ")
                   and lab not in {r for _, r in regions}
                   and _mostly_numbers(sample.iloc[:, j].to_numpy(dtype=object))]
        if len(numeric) == 1:
            roles["value"] = numeric[0]
            notes.append(f"{numeric[0]!r} read as the value column (the only column of numbers)")
    if m.region and m.indicator and roles.get("period") and roles.get("value"):
        m.period, m.value = roles["period"], roles["value"]
    elif len(period_cols) >= 2 or (period_cols and m.region and not roles.get("value")):
        m.layout = "wide"
        m.period_columns = period_cols
        m.period = None
        if not m.region:
            # The first named non-period column, else the first unnamed one (a blank corner cell).
            others = [lab for lab in header if lab not in period_cols]
            m.region = next((lab for lab in others if not lab.startswith("column ")), others[0] if others else None)
        if not m.indicator:
            m.fixed_indicator, why = _indicator_name(sheet.name, title)
            notes.append(f"one indicator per sheet: {m.fixed_indicator!r} taken from the {why}")
    elif m.region and roles.get("period") and roles.get("value"):
        m.period, m.value = roles["period"], roles["value"]
        m.fixed_indicator, why = _indicator_name(sheet.name, title)
        notes.append(f"no indicator column: {m.fixed_indicator!r} taken from the {why}")
    elif m.region and roles.get("period") and not m.indicator and (
        numeric := [lab for j, lab in enumerate(header)
                    if lab not in _used_columns(m) | {roles["period"]} and not lab.startswith("column ")
                    and lab not in {r for _, r in regions} and not never_values(lab)
                    and _mostly_numbers(sample.iloc[:, j].to_numpy(dtype=object))]
    ):
        m.layout = "indicator_columns"
        m.period = roles["period"]
        m.indicator_columns = numeric
        notes.append(f"one column per indicator: {', '.join(numeric)}")
    else:
        found = [r for r in ("region", "indicator", "period", "value")
                 if (r == "region" and m.region) or roles.get(r)]
        missing = [r for r in ("region", "indicator", "period", "value") if r not in found]
        layout = Mapping(**{**base.to_dict(), "layout": "skip"})
        return layout, [], notes, "unrecognized", (
            f"no table found: missing {', '.join(missing)} column(s) and no period columns")
    if m.indicator is None and m.fixed_indicator is None:
        m.fixed_indicator, why = _indicator_name(sheet.name, title)
    return m, _extra_columns(m, header), notes, "data", ""


def never_values(label: str) -> bool:
    from workbench.importer.events import never_values as never

    return never(label)


def _indicator_name(sheet_name: str, title: str | None) -> tuple[str, str]:
    if not GENERIC_SHEET.fullmatch(sheet_name.strip()):
        return sheet_name.strip(), "sheet name"
    if title:
        return title[:120], "title above the table"
    return sheet_name.strip(), "sheet name"


def looks_like_codebook(sheet_name: str) -> bool:
    return bool(CODEBOOK_SHEET.fullmatch(sheet_name.strip()))
