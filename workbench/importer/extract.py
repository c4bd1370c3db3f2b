"""Turn one sheet's cells plus its layout into canonical rows, rejecting what cannot be placed.

Output columns: ``row`` (1-based spreadsheet row), ``region``, ``province``, ``country``,
``code``, ``indicator``, ``group``, ``period`` (datetime64, first day), ``freq``, ``value``
(float, NaN = reported missing). Everything is done column-wise; text cleaning and period
parsing run once per distinct cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from workbench.errors import WorkbenchError
from workbench.importer import layouts
from workbench.importer.coded import (as_coded, coded, coded_frame, concat_rows, constant, factorized, is_coded,
                                      recoded)
from workbench.importer.events import extract_events
from workbench.importer.labels import cell_text, normalize_label
from workbench.importer.layout import SheetLayout, empty_mask
from workbench.importer.reading import GIVEN, GUESS
from workbench.importer.layout import _data_rows as data_rows_of
from workbench.importer.periods import FREQUENCY_NAMES, frequency_codes, parse_periods, with_frequency
from workbench.importer.readers import RawSheet
from workbench.importer.report import RowIssue, ValidationReport
from workbench.importer.rows import CANONICAL, SheetData, object_frame, texts
from workbench.importer.rows import ID_COLUMNS as _ID_COLUMNS
from workbench.importer.values import MISSING, OK, REJECTED, parse_values
from workbench.store.project import normalize_key

COUNT_LIKE = re.compile(
    r"incident|count|number|protest|displac|event|fatalit|killed|death|attack|arrest|riot|clash|"
    r"cases|refugee|\bidps?\b|persons|people|households", re.I)
PERCENT_LIKE = re.compile(r"percent|per cent|%|share|rate|pct|proportion|pourcentage|porcentaje|prozent|taux|tasa", re.I)
# "per 1,000 people", "per 100,000", "‰": rates that are not percentages.
PER_N = re.compile(r"per\s*(1|10|100)[ ,.]?000|per\s+(thousand|million|capita|1000|10000|100000)|‰|"
                   r"pour\s*1\s*000|por\s*(1|10|100)[ .]?000|pro\s*1\.?000", re.I)
PERCENT_UNIT = re.compile(r"^\s*(%|percent|per ?cent|pct|percentage|pourcentage|porcentaje|prozent|share"
                          r"|proportion \(%\)|% of .*|pc(_\w+)?)\s*$", re.I)
# A percent *change* (growth, inflation, a rate of change, a balance) has any sign and may
# pass 100: "GDP growth (annual %)", "Inflation, consumer prices (annual %)", "% change".
PERCENT_CHANGE = re.compile(
    r"growth|\bgrow|change|\bchg\b|annual\s*%|annual percent|%\s*p\.?a\b|inflation|deflator|\bvariation|"
    r"varia[cç][aã]o|variaci[oó]n|ver[aä]nderung|wachstum|croissance|crecimiento|[ée]volution|increase|decrease|"
    r"\by-?o-?y\b|year[- ]on[- ]year|year[- ]over[- ]year|percentage points?|\bp\.?p\.?\b|balance|surplus|deficit",
    re.I)
COUNT_UNIT = re.compile(r"^\s*(count|number|nb|persons?|people|events?|incidents?|households?|cases|ps|"
                        r"individuals?|nombre|número|anzahl)\s*$", re.I)
CODEBOOK_FIELDS = {
    "name": ("name", "label", "title", "full name", "indicator name", "indicator label"),
    "domain": ("domain", "theme", "dimension", "pillar", "category", "area"),
    "unit": ("unit", "units", "unit of measure", "unit of measurement"),
    "direction": ("direction", "polarity", "higher is"),
    "threshold": ("threshold", "alert threshold", "alarm threshold", "trigger"),
    "min": ("min", "minimum", "lower bound", "valid min", "range min", "low"),
    "max": ("max", "maximum", "upper bound", "valid max", "range max", "high"),
    "description": ("description", "definition", "notes", "note", "comment"),
}


def coded_texts(arr: Any) -> pd.Categorical:
    """:func:`texts` as a Categorical: the integer codes every later step works on."""
    codes, uniques = factorized(arr)
    return coded(np.where(codes < 0, len(uniques), codes), [cell_text(v) for v in uniques.tolist()] + [""])


def _column(sub: pd.DataFrame, header: list[str], label: str | None) -> Any:
    """One column's cells: an object array, or the Categorical of a streamed CSV's block."""
    if not label:
        return None
    col = sub.iloc[:, header.index(label)]
    return col.array if is_coded(col) else col.to_numpy(dtype=object)


def extract_sheet(sheet: RawSheet, layout: SheetLayout, file_name: str) -> SheetData:
    m = layout.mapping
    report = ValidationReport(file=file_name, sheet=sheet.name, layout=m.layout, role=layout.role,
                              extra_columns=list(layout.extra_columns),
                              notes=list(sheet.notes) + list(layout.notes), skipped_reason=layout.reason)
    if layout.role == "codebook":
        return _extract_codebook(sheet, layout, report)
    if layout.role != "data":
        return SheetData(pd.DataFrame(columns=CANONICAL), None, report, [])
    if m.layout == "events":
        data = extract_events(data_blocks(sheet, layout, report), layout, report)
        _flag_suspicious(data.frame, report)
        data.frame = data.frame.assign(place=place_keys(data.frame))  # p-code preferred, as for any table
        return data
    frames, issues, names_parts, read = [], [], [], 0
    for sub, rownum in data_blocks(sheet, layout, report):
        frame, bad, block_issues, names = _extract_block(sub, rownum, layout.header, m, sheet.name, report)
        read += len(frame)
        frames.append(frame.loc[~bad].drop(columns="_sub"))
        issues += block_issues
        if names is not None:
            names_parts.append(names)
    report.notes = list(dict.fromkeys(report.notes))  # a streamed file's chunks repeat their notes
    report.rejected = issues
    kept = concat_rows(frames)
    kept = kept.assign(**{c: as_coded(kept[c]) for c in _ID_COLUMNS})  # a wide sheet's melted names too
    names = None
    if names_parts:
        names = pd.concat(names_parts, ignore_index=True).drop_duplicates("indicator", keep="last")
    kept = _unit_qualifiers(kept, report)
    kept["place"] = place_keys(kept)
    before = kept
    raw_of = _raw_rows(sheet, layout)
    kept = _resolve_duplicates(kept, report, raw_of)
    if len(kept) < len(before) and layout.reading is not None and layout.extra_columns:
        _ask_for_dimension(before, kept, layout, raw_of)
    _flag_suspicious(kept, report, _label_extra(kept, None, names))
    report.rows_read = read
    report.rows_kept = len(kept)
    report.values_missing = int(kept["value"].isna().sum())
    report.regions = kept["region"].nunique()
    report.indicators = kept["indicator"].nunique()
    if len(kept):
        report.periods = f"{kept['period'].min():%Y-%m-%d} to {kept['period'].max():%Y-%m-%d}"
    return SheetData(kept.reset_index(drop=True), None, report, [i.raw for i in report.rejected], names)


def _raw_rows(sheet: RawSheet, layout: SheetLayout) -> Callable[[np.ndarray], dict[int, np.ndarray]]:
    """A look-up of the raw cells of some data rows (1-based row number -> cells).

    Conflicting rows are rare and found only once the whole sheet is read, so their cells
    are fetched then: from the sheet in memory, or - for a streamed CSV, whose chunks are
    not kept - by reading the file through once more.
    """
    def lookup(rows: np.ndarray) -> dict[int, np.ndarray]:
        wanted = np.unique(np.asarray(rows, dtype=np.int64))
        out: dict[int, np.ndarray] = {}
        scratch = ValidationReport(file="", sheet=sheet.name, layout=layout.mapping.layout)
        for sub, rownum in data_blocks(sheet, layout, scratch):
            hit = np.flatnonzero(np.isin(rownum, wanted))
            if len(hit):
                cells = sub.to_numpy(dtype=object)
                out.update({int(rownum[i]): cells[i] for i in hit})
            if len(out) == len(wanted):
                break
        return out

    return lookup


def data_blocks(sheet: RawSheet, layout: SheetLayout, report: ValidationReport
                ) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """The sheet's data rows and their 1-based row numbers, one block per chunk.

    A workbook or small CSV is one block (the rows layout detection kept). A streamed CSV
    (:attr:`RawSheet.more`) adds its further chunks, cut the same way: blank rows, repeated
    headers and note rows skipped (a footer split across two chunks is not seen as one).
    """
    rows = layout.data_rows
    first = sheet.cells.iloc[rows] if len(rows) else sheet.cells.iloc[:0]
    if sheet.more is None:
        yield first, rows.astype(np.int64) + 1
        return
    # A streamed CSV's cells are all text: each block's columns are hashed once into codes
    # (Categoricals), and every step after works per distinct cell on integers.
    yield coded_frame(first), rows.astype(np.int64) + 1
    notes = 0
    for chunk in sheet.more():
        chunk = coded_frame(chunk)
        keep, note_rows, _ = data_rows_of(chunk, empty_mask(chunk), -1, layout.header)
        notes += note_rows
        yield chunk.iloc[keep], chunk.index.to_numpy(dtype=np.int64)[keep] + 1
    if notes:
        report.notes.append(f"{notes} note row(s) further down the file skipped")


def _extract_block(sub: pd.DataFrame, rownum: np.ndarray, header: list[str], m: Any, sheet_name: str,
                   report: ValidationReport) -> tuple[pd.DataFrame, np.ndarray, list[RowIssue], pd.DataFrame | None]:
    """Canonical records of one block, which of them are rejected (with their issues), names."""
    n = len(sub)

    def col_text(label: str | None) -> pd.Categorical:
        arr = _column(sub, header, label)
        return coded_texts(arr) if arr is not None else constant(n, "")

    ids = {k: col_text(getattr(m, k)) for k in ("region", "province", "country", "code", "group", "unit")}
    ids["code"] = _missing_codes_blank(ids["code"], m.missing_markers)
    ids["level"] = constant(n, "")
    level_reasons = None
    if m.admin_level:
        ids, level_reasons = _own_levels(ids, _column(sub, header, m.admin_level))
    if m.fixed_region and not m.region:
        ids["region"] = constant(n, m.fixed_region)
    elif m.code and m.code != m.region:
        # A row with a code but no name is still a known place: its code names it.
        unnamed = np.asarray(ids["region"] == "") & np.asarray(ids["code"] != "")
        if unnamed.any():
            ids["region"] = as_coded(np.where(unnamed, np.asarray(ids["code"], dtype=object),
                                              np.asarray(ids["region"], dtype=object)))
    if m.group_columns:
        ids["group"] = _joined([ids["group"], *(col_text(c) for c in m.group_columns)])
    if m.indicator:
        ids["indicator"] = col_text(m.indicator)
    else:
        ids["indicator"] = constant(n, m.fixed_indicator or sheet_name)
    quals = _joined([col_text(c) for c in m.dimensions]) if m.dimensions else None
    if m.frequency:
        # Each frequency is a series of its own: 'unemployment rate (annual)', '… (monthly)'.
        freq_text = col_text(m.frequency)
        words = [FREQUENCY_NAMES.get(str(frequency_codes([c])[0]), str(c)) if c else "" for c in freq_text.categories]
        freq_words = coded(np.asarray(freq_text.codes), words)
        quals = _joined([quals, freq_words]) if quals is not None else freq_words
    if quals is not None and m.layout != "indicator_columns":
        ids["indicator"] = _qualified(ids["indicator"], quals)
    found = layouts.spec(m.layout) or layouts.spec("indicator_columns")
    assert found is not None
    rec = found.read()(sub, header, m, ids, rownum, report, quals)
    frame, reasons, _ = rec
    if level_reasons is not None:
        # A row whose admin level is not 0-3 is rejected with that reason, not placed anyway.
        sub_of = frame["_sub"].to_numpy(dtype=np.int64)
        bad_level = pd.notna(level_reasons[sub_of])
        reasons = np.where(bad_level, level_reasons[sub_of], reasons)
    bad = pd.notna(reasons)
    issues: list[RowIssue] = []
    if bad.any():
        idx_in_sub = frame["_sub"].to_numpy()[bad]
        raw = sub.iloc[idx_in_sub].to_numpy(dtype=object)  # only the rejected rows' cells
        issues = [RowIssue(int(r), str(why), [cell_text(v) for v in raw[k]])
                  for k, (r, why) in enumerate(zip(frame["row"].to_numpy()[bad], reasons[bad]))]
    names = None
    if m.indicator_name and m.layout in ("long", "wide"):
        kept = frame.loc[~bad]
        names = _names(kept["indicator"].to_numpy(dtype=object),
                       np.asarray(col_text(m.indicator_name), dtype=object)[kept["_sub"].to_numpy(dtype=np.int64)])
    return frame, bad, issues, names


ISO_CODE = re.compile(r"[A-Z]{3}")


def _own_levels(ids: dict[str, Any], levels: Any) -> tuple[dict[str, Any], np.ndarray]:
    """Place each row at the admin level its level column gives (HDX HAPI's ``admin_level``).

    A level-0 row is its country (named by the country column; an ISO3 code there is also
    its code), a level-1 row its province (under its country), a level-2-or-finer row the
    region as usual. Taken as one level, HAPI's country rows had no district and were
    rejected. Returns the ids and a rejection reason per row (None where the level reads).
    """
    text = np.asarray(coded_texts(levels), dtype=object)
    n = len(text)
    num = pd.to_numeric(pd.Series(text, dtype=object).str.strip(), errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(num) & (num == np.round(num)) & (num >= 0) & (num <= 5)
    reasons = np.full(n, None, dtype=object)
    reasons[~ok] = [f"admin level {t!r} not understood (0 country, 1 province, 2 district)" for t in text[~ok]]
    region, province, country, code = (np.asarray(ids[k], dtype=object).copy()
                                       for k in ("region", "province", "country", "code"))
    level = np.full(n, "", dtype=object)
    at0, at1 = ok & (num == 0), ok & (num == 1)
    region[at0], province[at0], level[at0] = country[at0], "", "country"
    code[at0] = [c if ISO_CODE.fullmatch(str(c)) else "" for c in country[at0]]
    country[at0] = ""
    region[at1], code[at1], level[at1] = province[at1], "", "province"
    province[at1] = ""
    level[ok & (num >= 2)] = "district"
    out = {**ids, "region": as_coded(region), "province": as_coded(province), "country": as_coded(country),
           "code": as_coded(code), "level": as_coded(level)}
    return out, reasons


def _missing_codes_blank(codes: pd.Categorical, markers: Any) -> pd.Categorical:
    """A p-code column's ``NA`` / ``n/a`` / ``-`` is a missing code, not a place's code.

    ACLED's HDX aggregates write ``NA`` for the districts without a p-code; read as a code,
    it made Myanmar's, Sudan's and Venezuela's uncoded districts one place. Only where the
    column's codes are longer than two characters: among ISO 3166 alpha-2 codes ``NA`` is
    Namibia.
    """
    cats = [str(c) for c in codes.categories]
    marks = {str(x).strip().casefold() for x in (markers or ())} - {""}
    missing = [c for c in cats if c.strip().casefold() in marks]
    if not missing:
        return codes
    lengths = [len(c.strip()) for c in cats if c.strip() and c not in missing]
    if not lengths or float(np.median(lengths)) <= 2:
        return codes
    return coded(np.asarray(codes.codes), ["" if str(c) in missing else c for c in codes.categories])


def _names(keys: np.ndarray, names: np.ndarray) -> pd.DataFrame:
    """One display name per indicator key (the last one the sheet gives), blanks left out."""
    pairs = pd.DataFrame({"indicator": keys, "name": names})
    pairs = pairs[(pairs["indicator"] != "") & (pairs["name"] != "")]
    return pairs.drop_duplicates("indicator", keep="last").reset_index(drop=True)


def id_reasons(ids: dict[str, np.ndarray], fixed_indicator: bool) -> np.ndarray:
    reasons = np.full(len(ids["region"]), None, dtype=object)
    reasons[ids["region"] == ""] = "no region"
    if not fixed_indicator:
        reasons[(ids["indicator"] == "") & pd.isna(reasons)] = "no indicator"
    return reasons


def read_long(sub, header, m, ids, rownum, report, quals=None):
    n = len(sub)
    reasons = id_reasons(ids, not m.indicator)
    per = _row_periods(sub, header, m)
    report.notes += per.notes
    val = parse_values(_column(sub, header, m.value), decimal=m.decimal, missing_markers=m.missing_markers)
    report.notes += val.notes
    free = pd.isna(reasons)
    reasons[free & ~per.ok] = per.reasons[free & ~per.ok]
    free = pd.isna(reasons)
    rej = free & (val.status == REJECTED)
    reasons[rej] = val.reasons[rej]
    frame = object_frame({
        "row": rownum, **{k: ids[k] for k in _ID_COLUMNS},
        "period": per.start, "freq": per.freq, "value": val.values, "_sub": np.arange(n),
    })
    return frame, reasons, None


def _row_periods(sub, header, m):
    """The period of each row: the period column, completed by a month or quarter column.

    Every layout with a period column goes through here, so an HDX/ACLED aggregate's
    ``Month`` (names) beside ``Year`` is read as the month, whatever the value layout.
    """
    labels = _column(sub, header, m.period)
    if m.period_part:
        labels = combine_period_parts(labels, _column(sub, header, m.period_part), m.period_part)
    per = parse_periods(labels, order=m.period_format, hint=m.period)
    if m.frequency:
        # ONS stacks annual, quarterly and monthly values in one column with a freq column:
        # 1971-01-01 is the year 1971 on an 'a' row and its first quarter on a 'q' row.
        freq_labels = np.asarray(_column(sub, header, m.frequency), dtype=object)
        per = with_frequency(per, frequency_codes(freq_labels), freq_labels)
    return per


def combine_period_parts(years: np.ndarray, parts: np.ndarray, part_header: str) -> np.ndarray:
    """Join a year column with a month or quarter column into labels the period parser reads."""
    quarter = any(w in normalize_label(part_header) for w in ("quarter", "qtr", "trimestre"))
    pairs = pd.DataFrame({"y": coded_texts(years), "p": coded_texts(parts)})
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(pairs))
    out = []
    for y, p in uniques:
        if not y or not p:
            out.append("")
        elif p.isdigit() and quarter:
            out.append(f"{y}-Q{int(p)}")
        elif p.isdigit():
            out.append(f"{y}-{int(p):02d}" if 1 <= int(p) <= 12 else f"{y} month {p}")
        elif re.fullmatch(r"[Qq][1-4]", p):
            out.append(f"{y} {p.upper()}")
        else:
            out.append(f"{p} {y}")
    return coded(codes, out)


def read_wide(sub, header, m, ids, rownum, report, quals=None):
    """One column per period: the periods come from the header labels."""
    cols = list(m.period_columns)
    if not cols:
        raise WorkbenchError(f"mapping: a wide layout needs period_columns (sheet {m.sheet!r})")
    heads = parse_periods(cols, order=m.period_format)
    if not heads.ok.all():
        bad = [c for c, ok in zip(cols, heads.ok) if not ok]
        raise WorkbenchError(f"mapping: column(s) {', '.join(map(repr, bad))} of sheet {m.sheet!r} are not periods")
    report.notes += heads.notes
    n, k = len(sub), len(cols)
    row_reasons = id_reasons(ids, not m.indicator)
    return melt(sub, header, m, ids, rownum, report, cols, row_reasons,
                 period=np.tile(heads.start, n), freq=np.tile(heads.freq, n),
                 indicator=np.repeat(ids["indicator"], k))


def _joined(parts: list[Any]) -> pd.Categorical:
    """Row-wise ``", "``-join of the non-empty texts of several columns."""
    frame = pd.DataFrame({i: p for i, p in enumerate(parts)})
    if not len(frame):
        return constant(0, "")
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(frame))
    joined = [", ".join(x for x in u if x) for u in uniques] + [""]
    return coded(np.where(codes < 0, len(uniques), codes), joined)


def _qualified(indicators: Any, quals: Any) -> pd.Categorical:
    """``HHSAV`` and ``TOT, PC_HHDI`` → ``HHSAV (TOT, PC_HHDI)``: dimensions are part of the series."""
    frame = pd.DataFrame({"i": indicators, "q": quals})
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(frame))
    out = [f"{i} ({q})" if i and q else i for i, q in uniques] + [""]
    return coded(np.where(codes < 0, len(uniques), codes), out)


def read_regions_across(sub, header, m, ids, rownum, report, quals=None):
    """One column per place, periods down: the region comes from each column's header."""
    cols = list(m.region_columns)
    if not cols or not m.period:
        raise WorkbenchError(f"mapping: the regions_across layout needs a period column and region_columns "
                             f"(sheet {m.sheet!r})")
    per = _row_periods(sub, header, m)
    report.notes += per.notes
    n, k = len(sub), len(cols)
    ids = {**ids, "region": np.full(n, "-", dtype=object)}
    row_reasons = np.full(n, None, dtype=object)
    row_reasons[~per.ok] = per.reasons[~per.ok]
    return melt(sub, header, m, ids, rownum, report, cols, row_reasons,
                 period=np.repeat(per.start, k), freq=np.repeat(per.freq, k),
                 indicator=np.repeat(ids["indicator"], k), region=np.tile(np.array(cols, dtype=object), n))


def read_indicator_columns(sub, header, m, ids, rownum, report, quals=None):
    """One column per indicator: the period comes from the period column of each row."""
    cols = list(m.indicator_columns)
    if not cols or not m.period:
        raise WorkbenchError(f"mapping: the indicator_columns layout needs a period column and "
                             f"indicator_columns (sheet {m.sheet!r})")
    per = _row_periods(sub, header, m)
    report.notes += per.notes
    n, k = len(sub), len(cols)
    row_reasons = id_reasons(ids, True)
    free = pd.isna(row_reasons)
    row_reasons[free & ~per.ok] = per.reasons[free & ~per.ok]
    indicator = np.tile(np.array(cols, dtype=object), n)
    if quals is not None:
        indicator = _qualified(indicator, np.repeat(quals, k))
    return melt(sub, header, m, ids, rownum, report, cols, row_reasons,
                 period=np.repeat(per.start, k), freq=np.repeat(per.freq, k), indicator=indicator)


def melt(sub, header, m, ids, rownum, report, cols, row_reasons, *, period, freq, indicator, region=None):
    """Cells of ``cols`` to one record each; empty cells skipped, bad rows rejected once."""
    n, k = len(sub), len(cols)
    block = sub.iloc[:, [header.index(c) for c in cols]].to_numpy(dtype=object).ravel()
    val = parse_values(block, decimal=m.decimal, missing_markers=m.missing_markers)
    report.notes += val.notes
    blank = (val.status == MISSING) & np.fromiter(
        (v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and np.isnan(v))
         for v in block), bool, block.size)
    report.empty_cells_skipped += int(blank.sum())
    keep = ~blank & np.repeat(pd.isna(row_reasons), k)
    col_names = np.tile(np.array(cols, dtype=object), n)
    reasons = np.array([None if r is None else f"{r} (column {c})" for r, c in zip(val.reasons, col_names)],
                       dtype=object)
    cells = object_frame({
        "row": np.repeat(rownum, k),
        **{key: np.repeat(ids[key], k) for key in _ID_COLUMNS if key != "indicator"},
        **({"region": region} if region is not None else {}),
        "indicator": indicator, "period": period, "freq": freq, "value": val.values,
        "_sub": np.repeat(np.arange(n), k),
    }).loc[keep]
    # A row without region (or period) is rejected once, not once per column.
    bad_rows = np.flatnonzero(pd.notna(row_reasons))
    rows = object_frame({
        "row": rownum[bad_rows], **{key: ids[key][bad_rows] for key in _ID_COLUMNS},
        "period": np.full(len(bad_rows), np.datetime64("NaT"), dtype="datetime64[ns]"),
        "freq": np.full(len(bad_rows), None, dtype=object), "value": np.full(len(bad_rows), np.nan),
        "_sub": bad_rows,
    })
    frame = pd.concat([cells, rows], ignore_index=True) if len(rows) else cells.reset_index(drop=True)
    all_reasons = np.concatenate([reasons[keep], row_reasons[bad_rows]])
    order = np.argsort(frame["row"].to_numpy(), kind="stable")
    return frame.iloc[order].reset_index(drop=True)[CANONICAL + ["_sub"]], all_reasons[order], None


def place_keys(frame: pd.DataFrame) -> pd.Categorical:
    """Who a row's place is: its code when it has one, else its name under its parents.

    Two districts called ``Central`` in different provinces are two places; a code names one
    place whatever the spelling of its name. Computed once per distinct (code, region,
    province, country) combination, found by integer codes (a 2.4-million-row file has a
    few thousand places).
    """
    if frame.empty:
        return constant(0, "")
    cols = [frame[c] for c in ("code", "region", "province", "country")]
    combo, _ = pd.factorize(series_key(*cols))
    n_places = int(combo.max()) + 1
    first = np.empty(n_places, dtype=np.int64)
    first[combo[::-1]] = np.arange(len(combo) - 1, -1, -1)  # each combination's first row
    keys = [("code:" + normalize_key(c)) if str(c).strip() else "name:" + "|".join(normalize_key(x) for x in (r, p, k))
            for c, r, p, k in zip(*(col.iloc[first].to_numpy(dtype=object) for col in cols))]
    return coded(combo, keys)


def _unit_qualifiers(kept: pd.DataFrame, report: ValidationReport) -> pd.DataFrame:
    """An indicator given in two units in one file is two series: ``births [PS]``, ``births [PC]``."""
    if kept.empty or not (kept["unit"] != "").any():
        return kept
    per = kept.groupby("indicator")["unit"].nunique()
    mixed = per.index[per > 1]
    if not len(mixed):
        return kept
    rows = (kept["indicator"].isin(mixed) & (kept["unit"] != "")).to_numpy()
    indicator = kept["indicator"].to_numpy(dtype=object).copy()
    indicator[rows] = indicator[rows] + " [" + kept["unit"].to_numpy(dtype=object)[rows] + "]"
    kept = kept.assign(indicator=as_coded(indicator))
    report.notes.append(f"indicator(s) given in several units, one series per unit: {', '.join(map(str, mixed[:5]))}")
    return kept


def _ask_for_dimension(before: pd.DataFrame, kept: pd.DataFrame, layout: SheetLayout,
                       raw_of: Callable[[np.ndarray], dict[int, np.ndarray]]) -> None:
    """Conflicting rows that an ignored column tells apart: that column is probably part of
    the series (a source, a breakdown). Not guessed: the reading asks."""
    assert layout.reading is not None  # every detected layout carries its reading
    chosen = layout.reading.get("layout")
    if chosen is not None and chosen.confidence >= GIVEN:
        return  # the analyst confirmed this reading (a mapping with its layout): the conflicts stay rejected
    conflicted = before.loc[~before.index.isin(kept.index)]
    conflicted = conflicted[conflicted.duplicated(["place", "indicator", "period", "group"], keep=False)]
    # Only rows whose values disagree ask about a dimension; a code given to two names with
    # equal values is rejected for the code, not a sign of a missing series column.
    conflicted = conflicted[conflicted.groupby(["place", "indicator", "period", "group"])["value"]
                            .transform(lambda v: v.nunique(dropna=False)) > 1]
    if conflicted.empty:
        return
    rows = conflicted["row"].to_numpy(dtype=np.int64)
    raw = raw_of(rows)
    for label in layout.extra_columns:
        j = layout.header.index(label)
        values = np.array([cell_text(raw[r][j]) if r in raw else "" for r in rows.tolist()], dtype=object)
        if not (values != "").all():
            continue
        key = conflicted.assign(_d=values).groupby(["place", "indicator", "period", "group", "_d"])["value"]
        if (key.nunique(dropna=False) <= 1).all():
            layout.reading.decide("dimensions", label, GUESS,
                                  f"{len(conflicted)} rows give two values for one place, indicator and period, "
                                  f"and column {label!r} tells them apart: is it part of the series? "
                                  f"(dimensions = [{label!r}] in the mapping)")
            return


def series_key(*parts: np.ndarray) -> np.ndarray:
    """One int64 per row for the combination of ``parts`` (equal rows, equal keys).

    Each part's factorized codes are combined and renumbered as they go, so millions of rows
    are judged in one pass over integers, not by hashing tuples of strings.
    """
    key = np.zeros(len(parts[0]), dtype=np.int64)
    bound = 1  # every key is below it
    for part in parts:
        codes, uniques = factorized(part)  # a Categorical's codes as they are
        size = len(uniques) + 1
        codes = np.where(codes < 0, len(uniques), codes)  # a missing cell is a value too
        if bound * size >= 2**62:
            key, distinct = pd.factorize(key)  # renumber so the product never overflows
            bound = len(distinct)
        key = key * size + codes
        bound *= size
    return key


def _resolve_duplicates(kept: pd.DataFrame, report: ValidationReport,
                        raw_of: Callable[[np.ndarray], dict[int, np.ndarray]]) -> pd.DataFrame:
    """Rows with the same place, indicator, period and group.

    The same value twice is a harmless duplicate (one kept, the other listed). Two different
    values for one key are a conflict the file itself does not settle: every row of that
    key is rejected with the reason — never "the later row wins".
    """
    if kept.empty:
        return kept
    key = series_key(kept["place"], match_keys(kept["indicator"]), kept["period"].to_numpy(),
                     match_keys(kept["group"]))
    if key.max() < 8 * len(key):  # keys of a few distinct values each: count them, no hashing
        dup_any = np.bincount(key)[key] > 1
    else:
        dup_any = pd.Series(key).duplicated(keep=False).to_numpy()
    if not dup_any.any():
        return kept
    gid, _ = pd.factorize(key[dup_any])
    vals = kept["value"].to_numpy()[dup_any]
    rows = kept["row"].to_numpy()[dup_any]
    filled = np.where(np.isnan(vals), np.inf, vals)
    # One code carried by two differently named places (ACLED's NG028010 for both Ijebu Ode and
    # Ijebu North East) is not a duplicate even when the values agree: the file does not say
    # which place the code is, so those rows are rejected too.
    names = np.asarray(pd.Categorical(match_keys(kept["region"])).codes)[dup_any]
    g = pd.DataFrame({"g": gid, "v": filled, "n": names})
    two_names = (g.groupby("g")["n"].transform("nunique") > 1).to_numpy()
    conflict = (g.groupby("g")["v"].transform("nunique") > 1).to_numpy() | two_names
    idx = np.flatnonzero(dup_any)
    drop = np.zeros(len(kept), dtype=bool)
    # Conflicts: all rows of the key rejected, naming the rows and values that disagree.
    if conflict.any():
        cg = pd.DataFrame({"g": gid[conflict], "row": rows[conflict], "v": vals[conflict]})
        desc = cg.groupby("g").apply(
            lambda t: ", ".join(f"row {r} = {'missing' if np.isnan(v) else f'{v:g}'}"
                                for r, v in zip(t["row"].head(4), t["v"].head(4))), include_groups=False)
        raw = raw_of(rows[conflict])
        region = kept["region"].to_numpy(dtype=object)
        code = kept["code"].to_numpy(dtype=object) if "code" in kept else np.full(len(kept), "", dtype=object)
        for j, gi, named in zip(idx[conflict], gid[conflict], two_names[conflict]):
            r = int(kept["row"].iat[j])
            why = (f"code {code[j]} is given to two places in this file ({region[j]!r} and another name); "
                   f"give each its own code: {desc[gi]}" if named else
                   f"two different values for one region, indicator, period and group in this file: {desc[gi]}")
            report.rejected.append(RowIssue(r, why, [cell_text(v) for v in raw.get(r, ())]))
            drop[j] = True
        report.rejected.sort(key=lambda x: x.row)
    # Same value repeated: keep the last, list the others.
    same = ~conflict
    if same.any():
        sg = pd.DataFrame({"g": gid[same], "row": rows[same], "j": idx[same]})
        last = sg.groupby("g")["row"].transform("last").to_numpy()
        earlier = sg["row"].to_numpy() != last
        report.duplicates = [RowIssue(int(r), f"same region, indicator, period, group and value as row {int(lr)}")
                             for r, lr in zip(sg["row"].to_numpy()[earlier], last[earlier])]
        drop[sg["j"].to_numpy()[earlier]] = True
    return kept.loc[~drop]


def match_keys(arr: Any) -> Any:
    """How names are matched (the store's ``normalize_key``), once per distinct name; a
    Categorical stays one."""
    return recoded(arr, normalize_key, "")


def _flag_suspicious(kept: pd.DataFrame, report: ValidationReport, units: np.ndarray | None = None,
                     ranges: dict[str, tuple[float, float]] | None = None) -> None:
    """Flag (and keep) implausible values: negative counts, percentages above 100, values
    outside a codebook's declared range.

    A declared unit decides (a rate ``per 1,000`` is not a percentage, whatever its name);
    only an indicator without one is judged by the words of its name. A percentage is a
    share or level (0 to 100); a percent *change* - growth, inflation, a rate of change, a
    balance, by the words of its unit or name (:data:`PERCENT_CHANGE`) - has any sign and
    is not checked, unless a codebook declares its range.
    """
    if kept.empty:
        return
    declared = kept["unit"] if units is None else units
    # Judged once per distinct (indicator, declared unit) pair, not once per row.
    ind_codes, ind_uniq = factorized(kept["indicator"])
    unit_codes, unit_uniq = factorized(declared)
    unit_uniq = np.append(unit_uniq, np.nan)  # a missing unit is a value too
    unit_codes = np.where(unit_codes < 0, len(unit_uniq) - 1, unit_codes)
    codes, pairs = pd.factorize(ind_codes.astype(np.int64) * len(unit_uniq) + unit_codes)
    kinds = [_kind(f"{ind_uniq[p // len(unit_uniq)]} \x1f{unit_uniq[p % len(unit_uniq)]}") for p in pairs.tolist()]
    count_like = np.array([k == "count" for k in kinds], dtype=bool)[codes]
    pct_like = np.array([k == "percent" for k in kinds], dtype=bool)[codes]
    vals = kept["value"].to_numpy()
    rows, inds = kept["row"].to_numpy(), kept["indicator"].to_numpy(dtype=object)
    found = []
    lo = hi = None
    if ranges:
        kcodes, kuniq = factorized(match_keys(kept["indicator"]))
        lo = np.array([ranges.get(k, (np.nan, np.nan))[0] for k in kuniq], dtype=float)[kcodes]
        hi = np.array([ranges.get(k, (np.nan, np.nan))[1] for k in kuniq], dtype=float)[kcodes]
        has_range = ~np.isnan(lo) | ~np.isnan(hi)
        pct_like &= ~has_range
        out = (vals < np.where(np.isnan(lo), -np.inf, lo)) | (vals > np.where(np.isnan(hi), np.inf, hi))
        found += [RowIssue(int(r), f"{v:g} is outside the codebook's range {a:g} to {b:g} ({i})")
                  for r, v, i, a, b in zip(rows[out], vals[out], inds[out], lo[out], hi[out])]
    for mask, what in ((count_like & (vals < 0), "negative value {v:g} for a count ({i})"),
                       (pct_like & (vals > 100), "{v:g} is above 100 for a percentage ({i})"),
                       (pct_like & (vals < 0), "negative value {v:g} for a percentage ({i})")):
        found += [RowIssue(int(r), what.format(v=v, i=i)) for r, v, i in zip(rows[mask], vals[mask], inds[mask])]
    report.suspicious = sorted(found, key=lambda x: x.row)


def _kind(label: str) -> str | None:
    """'percent', 'count' or None for one ``indicator \\x1f declared unit \\x1f name``."""
    name, _, rest = label.partition(" \x1f")
    unit, _, extra = rest.partition("\x1f")
    unit = unit.strip()
    if unit:  # a declared unit decides
        if PER_N.search(unit) or "gdp" in unit.casefold() or PERCENT_CHANGE.search(unit):
            return None  # a rate per 1,000 is not a percentage; debt at 178 % of GDP is plausible
        if PERCENT_UNIT.match(unit):
            # '%' of a growth or change: any sign, and past 100 (the name tells which)
            return None if PERCENT_CHANGE.search(f"{name} {extra}") else "percent"
        if COUNT_UNIT.match(unit):
            return "count"
        return None
    text = f"{name} {extra}"
    if PER_N.search(text):
        return "count" if COUNT_LIKE.search(text) and not PERCENT_LIKE.search(text) else None
    if PERCENT_LIKE.search(text):
        # A share or level (0-100) is a percentage; a growth or change in % is not bounded.
        return None if PERCENT_CHANGE.search(text) else "percent"
    if COUNT_LIKE.search(text):
        return "count"
    return None


def _label_extra(frame: pd.DataFrame, codebook: pd.DataFrame | None, names: pd.DataFrame | None) -> pd.Categorical:
    """Per row: ``declared unit \\x1f display name`` of its indicator.

    The declared unit is the file's unit column, else the codebook's unit. An indicator keyed
    by a code (``SL.UEM.1524.ZS``) is only known to be a percentage from its name
    (``Unemployment, youth (%)``), so the name is judged when no unit is declared. Built once
    per distinct (indicator, unit) pair.
    """
    ind_codes, ind_uniq = factorized(frame["indicator"])
    unit_codes, unit_uniq = factorized(frame["unit"])
    units = ["" if pd.isna(u) else str(u) for u in unit_uniq.tolist()] + [""]
    unit_codes = np.where(unit_codes < 0, len(units) - 1, unit_codes)
    keys = [normalize_key(k) for k in ind_uniq.tolist()] + [""]  # code -1 (no indicator) reads the last
    found = {"unit": [""] * len(keys), "name": [""] * len(keys)}
    for table, col in ((codebook, "unit"), (names, "name")):
        if table is None or col not in table or frame.empty:
            continue
        lookup = dict(zip(match_keys(table["indicator"].to_numpy()), table[col].fillna("").astype(str)))
        found[col] = [lookup.get(k, "") for k in keys]
    codes, pairs = pd.factorize(ind_codes.astype(np.int64) * len(units) + unit_codes)
    labels = []
    for pair in pairs.tolist():
        i, u = divmod(pair, len(units))
        labels.append((units[u] or found["unit"][i]) + "\x1f" + found["name"][i])
    return coded(codes, labels)


def _ranges(codebook: pd.DataFrame | None) -> dict[str, tuple[float, float]] | None:
    if codebook is None or not ({"min", "max"} & set(codebook.columns)):
        return None
    lo = pd.to_numeric(codebook.get("min", pd.Series(np.nan, index=codebook.index)), errors="coerce")
    hi = pd.to_numeric(codebook.get("max", pd.Series(np.nan, index=codebook.index)), errors="coerce")
    out = {k: (a, b) for k, a, b in zip(match_keys(codebook["indicator"].to_numpy()), lo, hi)
           if not (np.isnan(a) and np.isnan(b))}
    return out or None


def set_codebook_units(frame: pd.DataFrame, codebook: pd.DataFrame | None, report: ValidationReport,
                       names: pd.DataFrame | None = None) -> None:
    """Re-check suspicious values once the codebook (the file's or the project's) tells the
    units and valid ranges."""
    if codebook is None or not ({"unit", "min", "max"} & set(codebook.columns)) or frame.empty:
        return
    _flag_suspicious(frame, report, _label_extra(frame, codebook, names), _ranges(codebook))


def _direction(text: str) -> str | None:
    t = normalize_label(text)
    if not t:
        return ""
    flip = t.startswith(("lower", "less", "smaller"))
    if any(w in t for w in ("better", "positive", "good")) or t == "+":
        d = "higher_is_better"
    elif any(w in t for w in ("worse", "negative", "bad", "risk")) or t == "-":
        d = "higher_is_worse"
    else:
        return None
    if flip:
        d = "higher_is_worse" if d == "higher_is_better" else "higher_is_better"
    return d


def _extract_codebook(sheet: RawSheet, layout: SheetLayout, report: ValidationReport) -> SheetData:
    header = layout.header
    sub = sheet.cells.iloc[layout.data_rows]
    rownum = layout.data_rows.astype(np.int64) + 1
    out = {"indicator": texts(_column(sub, header, layout.mapping.indicator))}  # type: ignore[arg-type]  # a codebook names it
    norm = {normalize_label(h): h for h in header if h != layout.mapping.indicator}
    for fld, names in CODEBOOK_FIELDS.items():
        label = next((norm[x] for x in names if x in norm), None)
        if label:
            out[fld] = texts(_column(sub, header, label))  # type: ignore[arg-type]  # None only without a label
    cb = pd.DataFrame(out)
    reasons = np.full(len(cb), None, dtype=object)
    reasons[cb["indicator"] == ""] = "no indicator"
    if "direction" in cb:
        parsed = [_direction(t) for t in cb["direction"]]
        for i, (p, t) in enumerate(zip(parsed, cb["direction"])):
            if p is None and reasons[i] is None:
                reasons[i] = f"unknown direction: {t!r} (use higher_is_worse or higher_is_better)"
        cb["direction"] = [p or None for p in parsed]
    for fld in ("threshold", "min", "max"):
        if fld not in cb:
            continue
        val = parse_values(cb[fld].to_numpy(dtype=object))
        bad = (val.status == REJECTED) & pd.isna(reasons)
        reasons[bad] = [f"{fld} " + r for r in val.reasons[bad]]
        cb[fld] = np.where(val.status == OK, val.values, np.nan)
    for fld in ("name", "domain", "unit", "description"):
        if fld in cb:
            cb[fld] = cb[fld].replace("", None)
    bad = pd.notna(reasons)
    raw = sub.to_numpy(dtype=object)
    report.rejected = [RowIssue(int(rownum[i]), str(reasons[i]), [cell_text(v) for v in raw[i]])
                       for i in np.flatnonzero(bad)]
    kept = cb.loc[~bad].reset_index(drop=True)
    report.rows_read = len(cb)
    report.rows_kept = len(kept)
    report.layout = "codebook"
    return SheetData(pd.DataFrame(columns=CANONICAL), kept, report, [i.raw for i in report.rejected])
