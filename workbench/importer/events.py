"""Event tables - ACLED, UCDP GED, an office's incident log - as counts per place and period.

An event export has one row per event: a date, a place, and often fatalities, an event
type, actors, an id, coordinates and a timestamp. Read as a panel, such a file goes wrong
in every way (the later event of a district and day "wins", ids and coordinates become
indicators), so it is recognised here and aggregated instead:

* events are **counted** and fatalities **summed** per admin unit and period (month by
  default, ISO week with ``event_period = "week"``), optionally one count per event type;
* the unit is the finest admin level filled for at least :data:`PLACE_FILL` of the events
  (ACLED ``admin1..3``, UCDP ``adm_1/2``, or district/province columns); its p-code, when
  the file has one, identifies the place and the name labels it;
* every place gets every period of the file's span (its first to its last event), with 0
  where nothing happened - an early-warning series must tell "quiet" from "not reported";
* ids, coordinates and timestamps are never values; the validation report lists them.

Events without a place or a readable date are rejected with the reason, like any row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from workbench.importer.labels import cell_text, column_role, normalize_label
from workbench.importer.mapping import Mapping
from workbench.importer.periods import parse_periods
from workbench.importer.reading import CONTENT, SIGNATURE, Classified, Reading
from workbench.importer.report import RowIssue, ValidationReport
from workbench.importer.rows import CANONICAL, SheetData, object_frame, texts
from workbench.importer.values import REJECTED, parse_values

#: Share of events whose place column must be filled for it to be the unit of aggregation.
PLACE_FILL = 0.95


def _norm(label: str) -> str:
    return normalize_label(label)


def _set(*labels: str) -> frozenset[str]:
    return frozenset(_norm(x) for x in labels)


DATE_WORDS = _set("event_date", "date_start", "date", "incident date", "date of incident", "date of event",
                  "event date", "fecha", "date de l'incident", "date incident", "datum")
FATALITY_WORDS = _set("fatalities", "best", "deaths", "killed", "dead", "number killed", "no killed",
                      "fatalities reported", "total deaths", "morts", "tués", "muertos", "fallecidos")
TYPE_WORDS = _set("event_type", "type_of_violence", "incident type", "type of incident", "event type",
                  "incident category", "type d'incident", "tipo de incidente")
ACTOR_WORDS = _set("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "side_a", "side_b", "perpetrator",
                   "perpetrators", "dyad_name", "conflict_name")
ID_WORDS = _set("event_id_cnty", "event_id_no_cnty", "data_id", "id", "relid", "event id", "incident id",
                "incident number", "event_id", "conflict_new_id", "dyad_new_id", "side_a_new_id",
                "side_b_new_id", "conflict_dset_id", "dyad_dset_id", "side_a_dset_id", "side_b_dset_id",
                "country_id", "gwnob", "iso", "inter1", "inter2", "interaction")
COORD_WORDS = _set("latitude", "longitude", "lat", "lon", "lng", "long", "where_coordinates", "geom_wkt",
                   "priogrid_gid", "geo_precision", "where_prec", "x", "y")
TIMESTAMP_WORDS = _set("timestamp", "time stamp", "last update", "updated")
NOTE_WORDS = _set("notes", "description", "source", "source_article", "source_headline", "narrative")

#: Admin columns of the two big exports, coarse to fine; "region" and "location" there are a
#: world region and a village, not admin units.
KNOWN_ADMIN = {_norm("admin1"): 1, _norm("admin2"): 2, _norm("admin3"): 3,
               _norm("adm_1"): 1, _norm("adm_2"): 2, _norm("adm_3"): 3}
PCODE = re.compile(r"(?:admin|adm) ?(\d) ?(?:p ?code|pcode)|(?:p ?code|pcode) ?(?:admin|adm) ?(\d)")
UCDP_TYPES = {"1": "state-based", "2": "non-state", "3": "one-sided"}


def never_values(label: str) -> bool:
    """Whether a column is an id, a coordinate or a timestamp: never an indicator's values."""
    n = _norm(label)
    return n in ID_WORDS or n in COORD_WORDS or n in TIMESTAMP_WORDS or n.endswith(" id")


def classify(sheet_name: str, header: list[str], rows: pd.DataFrame, base: Mapping) -> Classified | None:
    """The event-table reading of a sheet, or None when it is not an event table.

    An event table has a column of dates (days, not months) and at least two of: fatalities,
    an event type, actors, event ids, coordinates or timestamps - and no value column.
    Its decisions go into the same :class:`~workbench.importer.reading.Reading` as any
    table's (``reading.decide``): a sheet :mod:`roles` would only doubt ("this looks like an
    event list") is read here with the confidence its columns earn.
    """
    norm = {lab: _norm(lab) for lab in header if not lab.startswith("column ")}
    date_col = next((lab for lab, n in norm.items() if n in DATE_WORDS), None)
    if date_col is None or any(column_role(lab)[0] == "value" for lab in norm):
        return None
    dates = parse_periods(rows.iloc[:500, header.index(date_col)].to_numpy(dtype=object))
    if not dates.ok.any() or np.isin(dates.freq[dates.ok], ("D", "W")).mean() < 0.5:
        return None  # dates of months, quarters or years: a panel with a date column
    found = {kind: [lab for lab, n in norm.items() if n in words]
             for kind, words in (("fatalities", FATALITY_WORDS), ("type", TYPE_WORDS), ("actors", ACTOR_WORDS),
                                 ("ids", ID_WORDS), ("coordinates", COORD_WORDS), ("timestamps", TIMESTAMP_WORDS))}
    if sum(bool(v) for v in found.values()) < 2:
        return None
    reading = Reading(sheet_name)
    source = _source(set(norm.values()))
    places = _place_columns(norm, source)
    never = found["ids"] + found["coordinates"] + found["timestamps"]
    signals = [lab for kind in ("fatalities", "type", "actors", "ids", "coordinates") for lab in found[kind]][:5]
    if not places:
        shown = ", ".join([date_col] + found["fatalities"][:1] + found["type"][:1])
        where = f"only coordinates ({', '.join(found['coordinates'][:2])})" if found["coordinates"] else "none"
        reason = (f"an event table ({shown}) with no place column - {where}; the workbench does not place "
                  "coordinates in districts: add an admin unit or p-code column (admin1, district, province)")
        reading.decide("layout", "skip", SIGNATURE, reason)
        return Classified(Mapping(**{**base.to_dict(), "layout": "skip"}), reading, "unrecognized", reason)
    filled = {lab: _filled(rows.iloc[:, header.index(lab)].to_numpy(dtype=object), base.missing_markers)
              for _, lab in places}
    usable = [(level, lab) for level, lab in places if filled[lab] >= PLACE_FILL] or [places[0]]
    level, region = usable[-1]
    m = Mapping(**{**base.to_dict(), "layout": "events"})
    m.region, m.event_date = region, date_col
    m.region_level = "country" if level == 0 else "province" if level == 1 else None
    coarser = [lab for lv, lab in places if 0 < lv < level]
    m.province = coarser[-1] if coarser and level >= 2 else None
    m.country = next((lab for lab, n in norm.items() if n == "country"), None) if level > 0 else None
    m.code = _pcode(norm, level)
    m.fatalities = found["fatalities"][0] if found["fatalities"] else None
    m.event_type = found["type"][0] if found["type"] else None
    m.event_source = source
    reading.decide("layout", "events", SIGNATURE,
                   (f"a {source} export" if source else "an event list")
                   + f": one row per event ({', '.join(signals)}), counted per place and period")
    admin_word = _norm(region) in KNOWN_ADMIN or column_role(region)[0] == "region"
    reading.decide("region", region, SIGNATURE if admin_word and filled[region] >= PLACE_FILL else CONTENT,
                   f"the finest admin column filled for {filled[region]:.0%} of the events"
                   + (f"; its p-code is {m.code!r}" if m.code else ""),
                   [lab for _, lab in places if lab != region])
    reading.decide("period", date_col, SIGNATURE,
                   f"dates of events ({np.isin(dates.freq[dates.ok], ('D', 'W')).mean():.0%} days)")
    reading.decide("value", "events counted" + (f", {m.fatalities} summed" if m.fatalities else ""), SIGNATURE,
                   "an event list has no value column: events are counted"
                   + (f" and {m.fatalities!r} summed" if m.fatalities else ""))
    notes = [f"an event table{f' ({source} export)' if source else ''}: one row per event, counted per "
             f"{region} and period"]
    if len(usable) < len(places) or places[-1][1] != region:
        finer = [lab for _, lab in places if places.index((_, lab)) > places.index((level, region))]
        if finer:
            notes.append(f"{', '.join(finer)} is filled for fewer than {PLACE_FILL:.0%} of the events; "
                         f"they are counted per {region}")
    if never:
        notes.append(f"never stored as values: {', '.join(never)}")
    return Classified(m, reading, "data", "", notes)


def _source(labels: set[str]) -> str | None:
    if "event id cnty" in labels or {"admin1", "sub event type"} <= labels:
        return "ACLED"
    if "type of violence" in labels and ("best" in labels or "adm 1" in labels):
        return "UCDP"
    return None


def _place_columns(norm: dict[str, str], source: str | None) -> list[tuple[int, str]]:
    """Admin columns, coarse to fine: (level, label)."""
    known = [(KNOWN_ADMIN[n], lab) for lab, n in norm.items() if n in KNOWN_ADMIN]
    if known or source:
        return sorted(known)
    out = []
    for lab, n in norm.items():
        role, level = column_role(lab)
        if role == "region" and level and not PCODE.fullmatch(n) and n not in ("location", "region"):
            out.append((level, lab))
    if not out:  # a log with only "location" or "region" still names its places
        out = [(2, lab) for lab, n in norm.items() if n in ("location", "region")][:1]
    return sorted(out)


def _pcode(norm: dict[str, str], level: int) -> str | None:
    for lab, n in norm.items():
        m = PCODE.fullmatch(n)
        if m and int(m.group(1) or m.group(2)) == level:
            return lab
    return None


def _filled(cells: np.ndarray, markers: Iterable[str]) -> float:
    if cells.size == 0:
        return 0.0
    text = _texts(cells)
    missing = {x.strip().casefold() for x in markers}
    return float(np.mean([t != "" and t.casefold() not in missing for t in text]))


def _texts(cells: np.ndarray) -> np.ndarray:
    return texts(cells)


# -- extraction ----------------------------------------------------------------------------

def extract_events(blocks: Iterable[tuple[pd.DataFrame, np.ndarray]], layout: Any, report: ValidationReport) -> Any:
    """Read every event of the sheet's blocks, reject what cannot be placed, then aggregate."""
    m, header = layout.mapping, layout.header
    markers = {x.strip().casefold() for x in m.missing_markers}
    parts, issues, read, no_figure = [], [], 0, 0
    for sub, rownum in blocks:
        n = len(sub)
        read += n

        def col(label: str | None) -> np.ndarray:
            if not label:
                return np.full(n, "", dtype=object)  # noqa: B023 (called in this iteration)
            text = _texts(sub.iloc[:, header.index(label)].to_numpy(dtype=object))  # noqa: B023
            low = pd.Series(text, dtype=object).str.casefold().isin(markers).to_numpy()
            text[low] = ""
            return text

        place, code = col(m.region), col(m.code)
        dates = parse_periods(sub.iloc[:, header.index(m.event_date)].to_numpy(dtype=object), order=m.period_format)
        report.notes += dates.notes
        reasons = np.full(n, None, dtype=object)
        reasons[(place == "") & (code == "")] = f"no {m.region}"
        free = pd.isna(reasons)
        reasons[free & ~dates.ok] = dates.reasons[free & ~dates.ok]
        fat = np.full(n, np.nan)
        if m.fatalities:
            val = parse_values(sub.iloc[:, header.index(m.fatalities)].to_numpy(dtype=object), decimal=m.decimal,
                               missing_markers=m.missing_markers)
            bad = pd.isna(reasons) & (val.status == REJECTED)
            reasons[bad] = [f"{m.fatalities}: {r}" for r in val.reasons[bad]]
            fat = val.values
        kinds = col(m.event_type)
        if m.event_source == "UCDP" and m.event_type and _norm(m.event_type) == "type of violence":
            kinds = np.array([UCDP_TYPES.get(k, k) for k in kinds], dtype=object)
        bad = pd.notna(reasons)
        if bad.any():
            raw = sub.to_numpy(dtype=object)
            issues += [RowIssue(int(rownum[i]), str(reasons[i]), [cell_text(v) for v in raw[i]])
                       for i in np.flatnonzero(bad)]
        ok = ~bad
        if m.fatalities:
            no_figure += int(np.isnan(fat[ok]).sum())
        parts.append(object_frame({
            "row": rownum[ok], "region": place[ok], "province": col(m.province)[ok], "country": col(m.country)[ok],
            "code": code[ok], "kind": kinds[ok], "date": dates.start[ok], "fatalities": fat[ok],
        }))
    events = pd.concat(parts, ignore_index=True)
    report.notes = list(dict.fromkeys(report.notes))
    report.rejected = issues
    report.rows_read, report.rows_kept = read, len(events)
    frame = aggregate(events, m, report, no_figure) if len(events) else pd.DataFrame(columns=CANONICAL)
    # Implausible values (negative counts) are flagged by extract.extract_sheet, as for any table.
    report.values_missing = 0
    report.regions = frame["region"].nunique() if len(frame) else 0
    report.indicators = frame["indicator"].nunique() if len(frame) else 0
    if len(frame):
        report.periods = f"{frame['period'].min():%Y-%m-%d} to {frame['period'].max():%Y-%m-%d}"
    return SheetData(frame.reset_index(drop=True), None, report, [i.raw for i in issues])


def aggregate(events: pd.DataFrame, m: Mapping, report: ValidationReport, no_figure: int = 0) -> pd.DataFrame:
    """Counts (and fatality sums) per place and period over the whole span, zeros included."""
    weekly = m.event_period == "week"
    date = pd.to_datetime(events["date"])
    if weekly:
        period = date - pd.to_timedelta(date.dt.day_of_week, unit="D")
        span = pd.date_range(period.min(), period.max(), freq="7D")
        span_text, unit = f"{span[0]:%Y-%m-%d} to {span[-1]:%Y-%m-%d}", "week"
    else:
        period = date.dt.to_period("M").dt.start_time
        span = pd.date_range(period.min(), period.max(), freq="MS")
        span_text, unit = f"{span[0]:%Y-%m} to {span[-1]:%Y-%m}", "month"
    # A p-code identifies the place; its most frequent name labels it. Without codes, the
    # place is its name under its province and country.
    by_code = bool(m.code) and (events["code"] != "").all()
    keys = ["code"] if by_code else ["region", "province", "country", "code"]
    place_id = events.groupby(keys, sort=False).ngroup().to_numpy()  # numbered by first appearance
    places = events[keys].drop_duplicates().reset_index(drop=True)
    if by_code:
        names = events.groupby("code")[["region", "province", "country"]].agg(lambda s: s.mode().iat[0])
        places = places.join(names, on="code")
    pidx = pd.Index(span).get_indexer(period)
    n_p, n_t = len(places), len(span)
    flat = place_id * n_t + pidx

    def grid(values: np.ndarray) -> np.ndarray:
        return np.bincount(flat, weights=values, minlength=n_p * n_t)

    prefix = f"{m.event_source} " if m.event_source else ""
    series = [(f"{prefix}events", grid(np.ones(len(events))))]
    if m.fatalities:
        series.append((f"{prefix}fatalities", grid(np.nan_to_num(events["fatalities"].to_numpy(dtype=float)))))
    kinds = sorted(k for k in pd.unique(events["kind"]) if k) if m.event_types and m.event_type else []
    for kind in kinds:
        series.append((f"{prefix}events: {kind}", grid((events["kind"] == kind).to_numpy(dtype=float))))
    first_row = np.zeros(n_p * n_t, dtype=np.int64)
    order = np.argsort(-events["row"].to_numpy())
    first_row[flat[order]] = events["row"].to_numpy()[order]  # the smallest row number wins
    out = []
    for name, values in series:
        out.append(object_frame({
            "row": first_row, "region": np.repeat(places["region"].to_numpy(dtype=object), n_t),
            "province": np.repeat(places["province"].to_numpy(dtype=object), n_t),
            "country": np.repeat(places["country"].to_numpy(dtype=object), n_t),
            "code": np.repeat(places["code"].to_numpy(dtype=object), n_t),
            "indicator": np.full(n_p * n_t, name, dtype=object), "group": np.full(n_p * n_t, "", dtype=object),
            "unit": np.full(n_p * n_t, "", dtype=object), "level": np.full(n_p * n_t, "", dtype=object),
            "period": np.tile(span.to_numpy(), n_p),
            "freq": np.full(n_p * n_t, "W" if weekly else "M", dtype=object), "value": values,
        }))
    frame = pd.concat(out, ignore_index=True)[CANONICAL]
    lines = [f"counted per {m.region} ({n_p} places) and {unit}, {span_text} ({n_t} {unit}s): "
             + ", ".join(name for name, _ in series)]
    if m.fatalities:
        lines.append(f"fatalities from {m.fatalities!r}, summed"
                     + (f"; {no_figure} event(s) without a fatality figure are counted as events only"
                        if no_figure else ""))
    if kinds:
        lines.append(f"one indicator per {m.event_type} ({len(kinds)})")
    lines.append(f"{unit}s without events filled with 0 from the first to the last event of the file")
    if by_code:
        lines.append(f"places identified by {m.code}; names are labels")
    report.aggregation = lines
    return frame
