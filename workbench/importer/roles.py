"""Say what each column of a found table is, by header words checked against the cells.

:func:`classify` turns a header row, the profiles of its columns (``profile.py``) and any
HXL hashtags into a :class:`Mapping` and a :class:`Reading` of scored decisions
(``reading.py``). The rules, in the order they apply:

* a header's word (any of the languages in ``vocabulary.py``) proposes a role, and the
  column's cells must agree: a place column holds text, a period column parses as
  periods, a value column holds numbers. A column of mostly numbers is never the region;
* HXL hashtags (``#adm1+name``, ``#date``, ``#indicator+code``) propose roles the same way;
* a place column of codes (``AFG``, ``AF01``) is the region's code; alone, it is the region;
* further indicator-like columns (OECD ``SUBJECT``, ``MEASURE``) and dimension columns are
  part of the series (``dimensions``); several group columns (sex and age) form the group;
* the layout follows: codebook, long, wide (periods across), indicator columns, regions
  across (periods down) — and an event list (ids, coordinates, one row per event) is not
  read as a panel: it is a doubt, for the event reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


from workbench.importer.mapping import Mapping
from workbench.importer.periods import parse_periods
from workbench.importer.profile import ColumnProfile
from workbench.importer.events import never_values  # ids, coordinates, timestamps: never values
from workbench.importer.reading import CONTENT, GUESS, OTHER_KIND, SIGNATURE, Classified, Reading
from workbench.importer.vocabulary import (
    EVENT_WORDS, FREQUENCY_HEADERS, QUARTER_WORDS, PART_WORDS, YEAR_WORDS, fold, region_level, role_of)

GENERIC_SHEET = re.compile(r"(sheet|feuil|tabelle|hoja|foglio|planilha|blad|data|table|donnees|datos|daten)\s*\d*",
                           re.I)
CODEBOOK_SHEET = re.compile(r"indicators?|codebook|code book|metadata|definitions?|dictionary|variables", re.I)

# HXL hashtags: https://hxlstandard.org/standard/1-1final/dictionary/ (the part used here).
HXL_LEVEL = {"#country": 0, "#adm1": 1, "#adm2": 2, "#adm3": 2, "#adm4": 2, "#adm5": 2, "#loc": 2}


@dataclass
class Column:
    label: str
    role: str | None = None  # region, code, indicator, indicator_code, period, value, group, unit, dimension, meta
    level: int | None = None
    why: str = ""


def _hxl_role(tag: str) -> tuple[str | None, int | None]:
    t = tag.strip().casefold()
    if not t.startswith("#"):
        return None, None
    base, *attrs = t.split("+")
    attrs = [a.strip() for a in attrs]
    if base in HXL_LEVEL:
        if "code" in attrs or "pcode" in attrs or "iso3" in attrs:
            return "code", HXL_LEVEL[base]
        return "region", HXL_LEVEL[base]
    if base == "#date":
        return "period", None
    if base == "#indicator":
        if "code" in attrs:
            return "indicator_code", None
        if "name" in attrs:
            return "indicator", None
        return "value", None
    if base in ("#sex", "#age", "#population" if "group" in attrs else "#_"):
        return "group", None
    if base in ("#meta", "#status", "#description", "#org", "#contact", "#sector", "#activity"):
        return "meta", None
    if base == "#value":
        return "value", None
    return "number", None  # #affected, #population, #inneed, #reached …: measured quantities


def _period_header(raw: Any, label: str) -> bool:
    """A header cell naming a period: a date, a whole year, or a label the parser reads
    (a repeated header, ``2024 [2]``, is not one)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and not (
            float(raw).is_integer() and 1800 <= raw <= 2100):
        return False
    return bool(parse_periods([label]).ok[0]) if label and not label.startswith("column ") else False


def _initial_columns(header: list[str], hxl: dict[str, str]) -> list[Column]:
    cols = []
    for lab in header:
        c = Column(lab)
        if lab in hxl:
            c.role, c.level = _hxl_role(hxl[lab])
            c.why = f"HXL tag {hxl[lab]}"
            if c.role == "number":
                c.role = None
        if c.role is None and not lab.startswith("column "):
            level = region_level(lab)
            if level is not None:
                c.role, c.level, c.why = "region", level, f"header '{lab}' names a place"
            else:
                c.role = role_of(lab)
                c.why = f"header '{lab}'" if c.role else ""
        cols.append(c)
    return cols


LEVEL_HEADERS = {"admin level", "adm level", "admin lvl", "level", "niveau admin", "niveau administratif",
                 "nivel administrativo", "nivel admin", "verwaltungsebene"}
EVENT_TYPE_HEADERS = {"event type", "sub event type", "disorder type", "type of violence", "incident type"}
START_WORDS = {"start", "begin", "beginning", "from", "debut", "inicio", "von", "beginn"}
END_WORDS = {"end", "to", "until", "fin", "final", "bis", "ende"}

ROW_NUMBER = {"rownames", "row", "rows", "index", "id", "no", "nr", "sn", "s no", "serial", "serial no", "ligne",
              "fila", "nº", "n°", "lfd nr"}


def _check_content(cols: list[Column], prof: dict[str, ColumnProfile], notes: list[str]) -> None:
    """Drop header claims the cells contradict (numbers under a place word, …)."""
    for c in cols:
        p = prof.get(c.label)
        unnamed = c.label.startswith("column ") or fold(c.label) in ROW_NUMBER
        if p is not None and p.filled and c.role is None and unnamed and (
                p.sequence or p.numeric > 0.9 and p.distinct == p.filled):
            c.role, c.why = "meta", "row numbers"
            continue
        p = prof.get(c.label)
        if p is None or p.filled == 0 or c.role is None:
            continue
        if c.role == "region" and (p.mostly_numbers or not p.mostly_text):
            notes.append(f"'{c.label}' names a place in its header but holds numbers: not the region")
            c.role, c.why = None, ""
        elif c.role == "region" and p.codes >= 0.9:
            c.why += " (codes)"
            c.role = "region_code"
        elif c.role == "period" and p.period < 0.5 and fold(c.label) not in YEAR_WORDS | PART_WORDS:
            if p.mostly_numbers:
                c.role = None
            else:
                notes.append(f"'{c.label}' sounds like a period but its cells are not dates or periods")
                c.role = None
            if p.mostly_numbers:
                notes.append(f"'{c.label}' sounds like a period but holds numbers that are not whole years "
                             "(a decimal year such as 1945.25 is not read as a period)")
        elif c.role == "value" and p.text >= 0.5 and p.numeric == 0 and p.distinct > 3 and not p.missing:
            c.role = None  # a column of names under a value word
        elif c.role in ("indicator", "group", "dimension", "unit") and p.mostly_numbers and not p.mostly_text:
            c.role = None


def _event_signals(header: list[str], hxl: dict[str, str]) -> list[str]:
    found = [lab for lab in header if fold(lab) in EVENT_WORDS]
    found += [lab for lab, tag in hxl.items() if tag.casefold().startswith(("#geo+lat", "#geo+lon", "#event"))
              and lab not in found]
    has_coords = any(fold(x) in ("latitude", "lat") for x in found) and any(
        fold(x) in ("longitude", "lon", "lng") for x in found)
    strong = [x for x in found if fold(x) not in ("latitude", "longitude", "lat", "lon", "lng")]
    if has_coords and strong or len(strong) >= 3:
        return found
    return []


def looks_like_codebook(sheet_name: str) -> bool:
    return bool(CODEBOOK_SHEET.fullmatch(sheet_name.strip()))


def indicator_name(sheet_name: str, title: str | None) -> tuple[str, str]:
    if not GENERIC_SHEET.fullmatch(sheet_name.strip()):
        return sheet_name.strip(), "sheet name"
    if title:
        return title[:120], "title above the table"
    return sheet_name.strip(), "sheet name"


def _drop_groupings(regions: list[Column], prof: dict[str, ColumnProfile], notes: list[str]) -> list[Column]:
    """Drop a finer-sounding place column that groups the countries instead of dividing them.

    V-Dem-style panels put ``region_name`` (South Asia, Latin America) beside ``country_name``:
    the header word 'region' sounds finer than 'country', but a column with no more distinct
    names than the country column cannot hold places inside those countries; it groups them.
    Taken as the region it stored Afghanistan's values as 'South Asia'.
    """
    if len(regions) >= 2:
        # A column of world regions only (OPHI's 'World region': Sub-Saharan Africa on every row)
        # is never a parent of the places beside it: as their province it filed Burkina Faso's
        # regions under 'Sub-Saharan Africa'.
        worldwide = [c for c in regions if prof.get(c.label) and prof[c.label].filled
                     and prof[c.label].aggregates >= 0.8]
        if worldwide and len(worldwide) < len(regions):
            for c in worldwide:
                notes.append(f"'{c.label}' holds world regions (aggregates of countries), not places: ignored")
            regions = [c for c in regions if c not in worldwide]
    countries = [prof[c.label] for c in regions if (c.level or 0) == 0 and prof.get(c.label)
                 and prof[c.label].distinct >= 2]
    if not countries:
        return regions
    most = max(p.distinct for p in countries)
    filled = max(p.filled for p in countries)
    kept = []
    for c in regions:
        p = prof.get(c.label)
        # Filled on every row (a blank district is a country-level row, not a grouping), no more
        # names than the countries, and aggregate names among them (fewer names alone is not
        # enough: Haiti's and Cameroon's 'Nord' are one name for two provinces).
        if (c.level or 0) > 0 and p is not None and p.filled >= filled and 0 < p.distinct <= most \
                and p.aggregates >= 0.25:
            notes.append(f"'{c.label}' has no more names ({p.distinct}) than the country column ({most}): "
                         "a grouping of the countries (such as a world region), not places inside them; ignored")
            continue
        kept.append(c)
    return kept


def classify(
    sheet_name: str, header: list[str], raw_header: list[Any], title: str | None, base: Mapping,
    prof: dict[str, ColumnProfile], hxl: dict[str, str] | None = None, above: list[str] | None = None,
) -> Classified:
    """Mapping and reading of one table (``above``: the row over the header, for hints)."""
    hxl = hxl or {}
    reading = Reading(sheet_name)
    notes: list[str] = []
    cols = _initial_columns(header, hxl)
    _check_content(cols, prof, notes)
    by_role: dict[str, list[Column]] = {}
    for c in cols:
        if c.role:
            by_role.setdefault(c.role, []).append(c)
    m = Mapping(**{**base.to_dict(), "layout": "long"})

    # Codebook sheets describe indicators.
    if by_role.get("direction") and by_role.get("indicator") and not by_role.get("value") and (
            looks_like_codebook(sheet_name) or not (by_role.get("region") or by_role.get("period"))):
        m.layout, m.indicator = "codebook", by_role["indicator"][0].label
        reading.decide("layout", "codebook", SIGNATURE, "indicator and direction columns")
        return Classified(m, reading, "codebook", notes=notes)

    # -- places -------------------------------------------------------------------------
    regions = sorted(by_role.get("region", []), key=lambda c: c.level or 0)
    regions = _drop_groupings(regions, prof, notes)
    region_codes = by_role.get("region_code", [])
    codes = by_role.get("code", [])
    if regions:
        leaf = regions[-1]
        m.region = leaf.label
        reading.decide("region", leaf.label, SIGNATURE, leaf.why + ", over place names")
        # HDX HAPI gives a provider's admin names beside the canonical ones: the canonical first.
        for c in sorted(regions[:-1], key=lambda c: fold(c.label).startswith("provider")):
            if (c.level or 0) == 0 and (leaf.level or 0) > 0 and m.country is None:
                m.country = c.label
            elif (c.level or 0) >= 1 and m.province is None:
                m.province = c.label
        if (leaf.level or 0) == 0:
            m.region_level = "country"
            notes.append(f"regions are countries (the only region column is {m.region!r})")
        # The leaf's code: a code column of its own level (adm1 for an ADM1 name), else the
        # only code column, else a place column holding codes.
        digits = re.findall(r"\d", fold(leaf.label))
        same_level = [c for c in codes + region_codes if digits and re.findall(r"\d", fold(c.label)) == digits]
        leaf_codes = same_level or (codes if len(codes) == 1 else []) or region_codes[:1]
        if not same_level and m.country and (leaf.level or 0) > 0:
            # Beside a country column, a column of two- or three-letter capitals (OPHI's 'ISO
            # country code': BFA on every row) is the country's code, not the districts': as
            # theirs it made all of Burkina Faso's regions one place.
            leaf_codes = [c for c in leaf_codes if not (prof.get(c.label) and prof[c.label].iso3 >= 0.8)]
        if not leaf_codes and (leaf.level or 0) == 0:
            leaf_codes = [c for c in codes if "country" in fold(c.label) or "iso" in fold(c.label)][:1]
        if leaf_codes:
            m.code = leaf_codes[0].label
    elif region_codes or [c for c in codes if prof.get(c.label) and prof[c.label].codes >= 0.8]:
        # Only codes name the places (an ISO3 column, a p-code column): the codes are the names.
        leaf = (region_codes or [c for c in codes if prof[c.label].codes >= 0.8])[-1]
        m.region = m.code = leaf.label
        reading.decide("region", leaf.label, SIGNATURE, f"{leaf.why}: the places are named by their codes")
        if (leaf.level or 0) == 0 or prof[leaf.label].iso3 >= 0.8:
            m.region_level = "country"
            notes.append(f"regions are countries, named by their codes in {leaf.label!r}")

    # -- rows of several admin levels ------------------------------------------------------
    # HDX HAPI: admin_level 0 rows name only the country (location_code), 2 rows a district.
    level_cols = [c for c in cols if fold(c.label) in LEVEL_HEADERS and prof.get(c.label)
                  and prof[c.label].small_integers and prof[c.label].distinct > 1]
    if level_cols and regions:
        m.admin_level = level_cols[0].label
        if m.country is None and m.region_level != "country":
            iso = [c for c in codes if c.label not in _used(m) and prof.get(c.label) and prof[c.label].iso3 >= 0.8]
            if iso:
                m.country = iso[0].label
        reading.decide("admin_level", m.admin_level, SIGNATURE if m.country else GUESS,
                       f"header '{m.admin_level}' over {prof[m.admin_level].distinct} admin levels: each row is "
                       "placed at its own level" + (f" (countries by {m.country!r})" if m.country else
                                                    ", but no country column names the level-0 rows"))

    # -- indicators, groups, dimensions -------------------------------------------------
    indicators = by_role.get("indicator", [])
    ind_codes = by_role.get("indicator_code", [])
    if indicators:
        exact = [c for c in indicators if fold(c.label) in ("indicator", "indicateur", "indicador", "indikator",
                                                             "series name", "indicator name", "series")]
        main = exact[0] if exact else indicators[0]
        m.indicator = main.label
        m.dimensions = [c.label for c in indicators if c is not main]
    if ind_codes:
        if m.indicator:
            m.indicator_name = m.indicator
        m.indicator = ind_codes[0].label
    m.dimensions += [c.label for c in by_role.get("dimension", []) if not _weak_dimension(c.label)]
    if not _event_signals(header, hxl):
        # An aggregated table's event type (HDX HAPI: events and fatalities per place, month and
        # type) is part of the series; in an event list it is the event reader's.
        m.dimensions += [c.label for c in cols if c.role is None and fold(c.label) in EVENT_TYPE_HEADERS
                         and prof.get(c.label) and prof[c.label].mostly_text]
    m.dimensions = [lab for lab in header if lab in set(m.dimensions)]
    groups = by_role.get("group", [])
    if groups:
        m.group = groups[0].label
        m.group_columns = [c.label for c in groups[1:]]
    if by_role.get("unit"):
        m.unit = by_role["unit"][0].label

    # -- frequency ----------------------------------------------------------------------
    # A frequency column is a flag while it holds one value (SDMX's FREQ = A); when it varies
    # (ONS: annual, quarterly and monthly values stacked in one column) it is part of the
    # series and gives each row's frequency.
    freq_cols = [c for c in cols if fold(c.label) in FREQUENCY_HEADERS and c.label not in _used(m)
                 and prof.get(c.label) and prof[c.label].distinct > 1 and prof[c.label].mostly_text]
    if freq_cols:
        m.frequency = freq_cols[0].label
        freq_cols[0].role = "frequency"
        notes.append(f"{m.frequency!r} gives each row's frequency: one series per frequency")
        reading.decide("frequency", m.frequency, SIGNATURE, f"header '{m.frequency}' over "
                       f"{prof[m.frequency].distinct} frequencies: each row's period has its own, one series each")

    # -- periods ------------------------------------------------------------------------
    if m.indicator and not by_role.get("value") and not ind_codes:
        free_numbers = [c for c in cols if c.role is None and prof.get(c.label) and prof[c.label].mostly_numbers
                        and not _period_header(None, c.label)]
        if len(free_numbers) >= 2:
            # "Regional indicator" beside Life Ladder, GDP, …: with no value column a long table
            # is impossible, so the numeric columns are the indicators and that column a label.
            notes.append(f"{m.indicator!r} is not read as the indicator: {len(free_numbers)} columns of numbers "
                         "are the indicators")
            m.indicator, m.dimensions = None, [d for d in m.dimensions if d not in {c.label for c in indicators}]
    used = _used(m)
    periods = [c for c in by_role.get("period", []) if c.label not in used]
    year_col = next((c.label for c in periods if fold(c.label) in YEAR_WORDS), None)
    part_col = next((c.label for c in periods if fold(c.label) in PART_WORDS), None)
    period_col = None
    if year_col and part_col:
        period_col, m.period_part = year_col, part_col
        reading.decide("period", f"{year_col} + {part_col}", SIGNATURE, "a year column and a "
                       + ("quarter" if fold(part_col) in QUARTER_WORDS else "month") + " column read together")
    elif periods:
        best = max(periods, key=lambda c: prof[c.label].period)
        period_col = best.label
        rivals = [c.label for c in periods if c is not best and prof[c.label].period >= 0.8]
        conf = SIGNATURE if prof[best.label].period >= 0.8 else CONTENT
        reading.decide("period", period_col, GUESS if rivals else conf,
                       f"{best.why}, {prof[best.label].period:.0%} of its cells are periods", rivals)
    period_cols = [lab for lab, raw, c in zip(header, raw_header, cols)
                   if c.role in (None, "period", "value") and lab not in used and lab != period_col
                   and _period_header(raw, lab)]
    if not period_col and not period_cols:
        # No period word: a column of dates or years found by its cells alone.
        cands = [c for c in cols if c.role is None and c.label not in used and prof.get(c.label)
                 and prof[c.label].period >= 0.9 and not prof[c.label].small_integers]
        starts = [c for c in cands if set(fold(c.label).split()) & START_WORDS]
        ends = [c for c in cands if set(fold(c.label).split()) & END_WORDS]
        if len(starts) == 1 and len(starts) + len(ends) == len(cands) and ends:
            # reference_period_start / reference_period_end: a period given by its first and
            # last day is the period that starts on the first.
            period_col = starts[0].label
            reading.decide("period", period_col, CONTENT,
                           f"'{period_col}' and '{ends[0].label}' hold each period's first and last days: "
                           "the period starts on the first")
        elif cands:
            period_col = cands[0].label
            reading.decide("period", period_col, CONTENT if len(cands) == 1 else GUESS,
                           f"no period header; '{period_col}' holds dates or years",
                           [c.label for c in cands[1:]])

    # -- values -------------------------------------------------------------------------
    used = _used(m) | set(period_cols) | ({period_col} if period_col is not None else set())
    value_cols = [c for c in by_role.get("value", []) if c.label not in used]
    numeric = [c for c in cols if c.label not in used and c.role in (None, "value") and not c.label.startswith("column ")
               and prof.get(c.label) is not None and prof[c.label].mostly_numbers and not _attribute(c.label)
               and not never_values(c.label)]
    events = _event_signals(header, hxl)
    if events:
        notes.append("columns of an event list: " + ", ".join(events[:6]))
    # Without a place column, text columns of few values beside the period and the value can
    # only name the series (a place column would be a region word's or the user's to say).
    series_text = [c for c in cols if c.label not in used and c.role in (None, "dimension") and prof.get(c.label)
                   and prof[c.label].mostly_text and prof[c.label].filled >= 4
                   and prof[c.label].distinct <= prof[c.label].filled // 2
                   and not m.region]

    # -- layout -------------------------------------------------------------------------
    has_region = bool(m.region)
    if period_cols and (len(period_cols) >= 2 or (has_region and not value_cols)) and not period_col:
        m.layout, m.period, m.period_columns = "wide", None, period_cols
        reading.decide("layout", "wide", SIGNATURE if has_region else CONTENT,
                       f"{len(period_cols)} columns whose headers are periods ({period_cols[0]} … {period_cols[-1]})")
        reading.decide("period", f"{period_cols[0]} … {period_cols[-1]}", SIGNATURE, "period headers")
        if not has_region:
            text_cols = [c for c in cols if c.label not in period_cols and prof.get(c.label)
                         and prof[c.label].mostly_text]
            if text_cols:
                m.region = text_cols[0].label
                named = not text_cols[0].label.startswith("column ")
                reading.decide("region", m.region, CONTENT if len(text_cols) == 1 else GUESS,
                               "the only column of text beside the periods" if len(text_cols) == 1
                               else "the first column of text beside the periods"
                               + ("" if named else " (no header)"), [c.label for c in text_cols[1:]])
        if not m.indicator:
            m.fixed_indicator, why = indicator_name(sheet_name, title)
            notes.append(f"one indicator per sheet: {m.fixed_indicator!r} taken from the {why}")
    elif has_region and period_col and (value_cols or (m.indicator and len(numeric) == 1)):
        m.period = period_col
        if value_cols:
            m.value = value_cols[0].label
            numbers = prof[m.value].numeric + prof[m.value].missing
            reading.decide("value", m.value, (SIGNATURE if numbers >= 0.5 else CONTENT) if len(value_cols) == 1
                           else GUESS, f"header '{m.value}', {numbers:.0%} numbers or missing markers",
                           [c.label for c in value_cols[1:]])
        else:
            m.value = numeric[0].label
            reading.decide("value", m.value, CONTENT, "the only column of numbers")
            notes.append(f"{m.value!r} read as the value column (the only column of numbers)")
        reading.decide("layout", "long", SIGNATURE, "region, period and value columns")
        if not m.indicator:
            m.fixed_indicator, why = indicator_name(sheet_name, title)
            notes.append(f"no indicator column: {m.fixed_indicator!r} taken from the {why}")
    elif has_region and period_col and not m.indicator and numeric and _regional(numeric, m, prof, notes):
        numeric = _regional(numeric, m, prof, [])
        m.layout, m.period = "indicator_columns", period_col
        m.indicator_columns = [c.label for c in numeric]
        reading.decide("layout", "indicator_columns", SIGNATURE,
                       f"region and period columns and {len(numeric)} column(s) of numbers, one per indicator")
        reading.decide("indicator", "column headers", SIGNATURE if len(numeric) > 1 else CONTENT,
                       "one indicator per column of numbers, named by its header")
        notes.append(f"one column per indicator: {', '.join(m.indicator_columns)}")
        repeated = sorted({re.sub(r" \[\d+\]$", "", lab) for lab in m.indicator_columns if re.search(r" \[\d+\]$", lab)})
        if repeated:
            # OPHI's MPI tables: four header rows; the row read gave 'Multidimensional poverty by
            # region' over five columns, or units ('% Population') as names. Not guessed.
            reading.decide("indicator", "column headers", GUESS,
                           f"several indicator columns share a header ({', '.join(map(repr, repeated[:3]))}): "
                           "their names are in more header rows than were read; name them in the mapping")
    elif not has_region and period_col and len(numeric) >= 2 and not m.indicator:
        m.layout, m.period = "regions_across", period_col
        m.region_columns = [c.label for c in numeric]
        hinted = any(region_level(x or "") is not None for x in (above or [])) or region_level(header[0]) is not None \
            or "/" in header[0]
        reading.decide("layout", "regions_across", SIGNATURE if hinted else GUESS,
                       ("a place word above or beside the columns: " if hinted else
                        "periods down and columns of numbers across, read as one column per place: ")
                       + ", ".join(m.region_columns[:4]), ["indicator_columns (needs a region)"])
        reading.decide("region", "column headers", SIGNATURE if hinted else GUESS, "one column per place")
        m.fixed_indicator, why = indicator_name(sheet_name, title)
        notes.append(f"one indicator per sheet: {m.fixed_indicator!r} taken from the {why}")
    elif not has_region and period_col and (value_cols or len(numeric) == 1) and not any(
            prof.get(c.label) and prof[c.label].mostly_text and c.label not in used and c not in series_text
            for c in cols):
        m.period = period_col
        m.value = (value_cols or numeric)[0].label
        m.fixed_region = sheet_name.strip()
        if series_text:
            # INE's tempus CSV: measure, quintile and spending group beside the period and the
            # value, no place: the text columns name the series (the first is the indicator,
            # the others qualify it), as SUBJECT and MEASURE do in an OECD file.
            labels = [c.label for c in series_text]
            if not m.indicator:
                m.indicator, labels = labels[0], labels[1:]
            m.dimensions = [lab for lab in header if lab in set(m.dimensions) | set(labels)]
            reading.decide("indicator", m.indicator, CONTENT,
                           "no indicator header: the text column(s) beside the period and the value name the "
                           "series" + (f"; {', '.join(m.dimensions)} qualify it" if m.dimensions else ""))
        if not m.indicator:
            m.fixed_indicator = m.value
        reading.decide("layout", "long", CONTENT, "a period column and a value column")
        reading.decide("value", m.value, CONTENT, "a column of numbers")
        reading.decide("region", m.fixed_region, GUESS,
                       f"no region column: every row taken as one place, named {m.fixed_region!r} "
                       "after the sheet (set fixed_region in the mapping"
                       + (", or region to the column that names the places" if series_text else "") + ")")
    else:
        found = [r for r in ("region", "period", "value")
                 if (r == "region" and m.region) or (r == "period" and (period_col or period_cols))
                 or (r == "value" and (value_cols or numeric))]
        missing = [r for r in ("region", "period", "value") if r not in found]
        skip = Mapping(**{**base.to_dict(), "layout": "skip"})
        reason = (f"no table found: no {' or '.join(missing)} column" if missing else
                  "no table found: the columns do not fit a long, wide or one-column-per-indicator table")
        if "period" in missing:
            reason += " (and no columns whose headers are periods)"
            reason += "".join(f"; {n}" for n in notes if "sounds like a period" in n)
        if events:
            reason = "an event list (one row per event: " + ", ".join(events[:5]) + "), not a table of values"
        reading.decide("layout", "skip", SIGNATURE, reason)
        return Classified(skip, reading, "unrecognized", reason, notes)

    if events:
        reading.decide("layout", m.layout, OTHER_KIND,
                       "this looks like an event list (one row per event: " + ", ".join(events[:5])
                       + "), not a table of values per place and period")
    if m.indicator is None and m.fixed_indicator is None:
        m.fixed_indicator, _ = indicator_name(sheet_name, title)
    if m.indicator and not reading.get("indicator"):
        reading.decide("indicator", m.indicator, SIGNATURE, f"header '{m.indicator}'"
                       + (f"; {', '.join(m.dimensions)} qualify it" if m.dimensions else ""))
    elif m.fixed_indicator and not reading.get("indicator"):
        reading.decide("indicator", m.fixed_indicator, CONTENT, "one indicator for the sheet")
    if m.region and not reading.get("region"):
        reading.decide("region", m.region, SIGNATURE, "header names a place")
    if m.dimensions:
        notes.append(f"part of the series (indicator qualifiers): {', '.join(m.dimensions)}")
    return Classified(m, reading, "data", "", notes)


COUNTRY_WORDS = {"country", "countries", "national", "nationwide", "pays", "pais", "nacional",
                 "bundesweit", "وطني"}


def _regional(numeric: list[Column], m: Mapping, prof: dict[str, ColumnProfile], notes: list[str]) -> list[Column]:
    """The columns of numbers that are values of the rows' places and periods.

    Left out, and said so: a column whose header names the country level ('MPI of the
    country', 'Total population by country') and that holds no more values than there are
    countries, in a table of places inside countries - the country's figure repeated on each
    row, not the region's; and a column whose header names a year of its own ('Population
    2020') in a table whose rows carry their period - that figure is not of the row's period.
    """
    out = []
    countries = prof[m.country].distinct if m.country and prof.get(m.country) else None
    for c in numeric:
        words = set(fold(c.label).split())
        if countries is not None and words & COUNTRY_WORDS and prof[c.label].distinct <= max(countries, 1):
            notes.append(f"{c.label!r} is the country's figure repeated on each row, not the regions': ignored")
            continue
        if re.search(r"\b(18|19|20)\d\d\b", c.label) and not _period_header(None, c.label):
            notes.append(f"{c.label!r} names a year of its own, not the period of its row: ignored")
            continue
        out.append(c)
    return out


def _attribute(label: str) -> bool:
    """``admin_level``, ``ADM_PCODE``, ``event id``: numbers about a row, not measurements."""
    return bool({"level", "id", "code", "pcode", "niveau", "nivel"} & set(fold(label).split()))


def _weak_dimension(label: str) -> bool:
    """Source columns vary per observation as often as per series: not part of the key."""
    return any(w in fold(label).split() for w in ("source", "sources", "fuente", "quelle", "المصدر"))


def _used(m: Mapping) -> set[str]:
    cols = {m.region, m.province, m.country, m.code, m.indicator, m.indicator_name, m.period, m.period_part,
            m.frequency, m.admin_level, m.value, m.group, m.unit, m.event_date, m.fatalities, m.event_type}
    cols |= set(m.period_columns) | set(m.indicator_columns) | set(m.region_columns) | set(m.dimensions) \
        | set(m.group_columns)
    return {c for c in cols if c}


def used_columns(m: Mapping) -> set[str]:
    return _used(m)
