"""From canonical long observations to :class:`SeriesPanel` s, one per frequency.

Each (region, indicator, group) series is laid on a regular calendar of its frequency with
explicit NaN gaps, so that "the value 12 months ago" is always 12 columns to the left. All
series of one frequency share one calendar (from the earliest to the latest period seen),
which is what lets every detector work on one 2-D array.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from workbench.models.panel import SERIES_KEY_COLUMNS, SeriesPanel, looks_like_counts
from workbench.models.polarization import derive_group_series

if TYPE_CHECKING:
    from workbench.store.observation_columns import ObservationColumns

#: pandas offsets of the calendars; weekly periods keep whatever weekday the data uses.
FREQ_OFFSETS = {"M": "MS", "Q": "QS", "Y": "YS"}
FREQ_ORDER = ("W", "M", "Q", "Y")
#: Periods per year, for seasonal baselines.
SEASON_LENGTH = {"W": 52, "M": 12, "Q": 4, "Y": 1}
_STEP_DAYS = {"W": 7, "M": 30.4, "Q": 91.3, "Y": 365.25}


def infer_freq(periods: pd.Series) -> str:
    """Guess a series' frequency from the median gap between its distinct periods.

    Used when observations arrive without a ``freq`` column; the nearest of 7, 30, 91 and
    365 days wins, so a monthly series with a few missing months is still monthly.
    """
    p = np.sort(pd.to_datetime(periods).dropna().unique())
    if len(p) < 2:
        return "M"
    gap = float(np.median(np.diff(p).astype("timedelta64[D]").astype(np.float64)))
    return min(_STEP_DAYS, key=lambda f: abs(np.log(gap / _STEP_DAYS[f])))


def infer_freqs(obs: pd.DataFrame) -> pd.Series:
    """:func:`infer_freq` for every series of a long frame at once (aligned to ``obs``)."""
    keys = ["region", "indicator", "group"]
    distinct = obs[keys + ["period"]].drop_duplicates().sort_values(keys + ["period"])
    gap = distinct.groupby(keys)["period"].diff().dt.days
    med = gap.groupby([distinct[k] for k in keys]).median()
    steps = np.array([_STEP_DAYS[f] for f in FREQ_ORDER])
    with np.errstate(divide="ignore", invalid="ignore"):
        nearest = np.argmin(np.abs(np.log(med.to_numpy()[:, None] / steps[None, :])), axis=1)
    freq = pd.Series(np.array(FREQ_ORDER)[nearest], index=med.index)
    freq[med.isna().to_numpy()] = "M"  # a single period says nothing; monthly is the common case
    return pd.Series(freq.reindex(pd.MultiIndex.from_frame(obs[keys])).to_numpy(), index=obs.index)


def calendar(start: pd.Timestamp, end: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    """The regular run of period start dates from ``start`` to ``end`` for ``freq``."""
    if freq == "W":
        return pd.date_range(start, end, freq="7D")
    return pd.date_range(start, end, freq=FREQ_OFFSETS[freq])


def _directions(codebook: pd.DataFrame | None) -> tuple[dict[str, float], dict[str, float]]:
    if codebook is None or not len(codebook):
        return {}, {}
    keys = codebook["key"].astype(str)
    direction = np.where(codebook.get("direction", "higher_is_worse") == "higher_is_better", -1.0, 1.0)
    threshold = (
        pd.to_numeric(codebook["threshold"], errors="coerce").to_numpy(np.float64)
        if "threshold" in codebook
        else np.full(len(codebook), np.nan)
    )
    return dict(zip(keys, direction)), dict(zip(keys, threshold))


def series_ids(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's series number and the series' keys, sorted by region, indicator, group, kind.

    Factorises each key column once (string hashing is the costly part on millions of rows)
    and combines the integer codes, instead of hashing tuples of strings.
    """
    cols = list(SERIES_KEY_COLUMNS)
    combined = np.zeros(len(frame), dtype=np.int64)
    for c in cols:
        codes, uniques = pd.factorize(frame[c], sort=True)
        combined = combined * (len(uniques) + 1) + codes
    # Codes of sorted uniques, combined column by column, sort like the keys themselves.
    _, first_idx, inverse = np.unique(combined, return_index=True, return_inverse=True)
    keys = frame.iloc[first_idx][cols].reset_index(drop=True)
    return inverse.reshape(-1), keys


def panel_from_long(
    frame: pd.DataFrame,
    freq: str,
    codebook: pd.DataFrame | None = None,
    periods: pd.DatetimeIndex | None = None,
    ids: tuple[np.ndarray, pd.DataFrame] | None = None,
) -> SeriesPanel:
    """Pivot long rows of one frequency (region, indicator, group, kind, period, value) to a panel.

    Derived series (kind other than ``observed``) are oriented so that higher is worse and
    carry no codebook threshold. ``ids`` is ``(series number per row, keys of all numbers)``
    when the caller has already worked them out (see :func:`series_ids`).
    """
    if ids is None:
        frame = frame.copy()
        if "kind" not in frame:
            frame["kind"] = "observed"
        frame["group"] = frame["group"].fillna("").astype(str)
        row, keys = series_ids(frame)
    else:
        used, row = np.unique(ids[0], return_inverse=True)
        row = row.reshape(-1)
        keys = ids[1].iloc[used].reset_index(drop=True)
    if periods is None:
        periods = calendar(frame["period"].min(), frame["period"].max(), freq)
    col = periods.get_indexer(pd.DatetimeIndex(frame["period"]))
    if freq == "W" and (col < 0).any():
        # Weekly data may start weeks on another weekday: snap to the nearest calendar week.
        col = periods.get_indexer(pd.DatetimeIndex(frame["period"]), method="nearest")
    keep = (row >= 0) & (col >= 0)
    values = np.full((len(keys), len(periods)), np.nan)
    values[row[keep], col[keep]] = frame["value"].to_numpy(np.float64)[keep]
    return _panel(keys, periods, freq, values, codebook)


def _panel(keys: pd.DataFrame, periods: pd.DatetimeIndex, freq: str, values: np.ndarray,
           codebook: pd.DataFrame | None) -> SeriesPanel:
    """A panel of ``values``, with direction, threshold and count per series from the codebook."""
    dirs, thresholds = _directions(codebook)
    observed = (keys["kind"] == "observed").to_numpy()
    ind = keys["indicator"].astype(str)
    direction = np.where(observed, ind.map(dirs).fillna(1.0).to_numpy(np.float64), 1.0)
    threshold = np.where(observed, ind.map(thresholds).astype(np.float64).to_numpy(), np.nan)
    declared = ind.map(count_units(codebook)).to_numpy(dtype=object)
    by_data = looks_like_counts(values)
    count = observed & np.where(pd.isna(declared), by_data, declared == True)  # noqa: E712
    return SeriesPanel(keys=keys, periods=periods, freq=freq, values=values, direction=direction,
                       threshold=threshold, count=count.astype(bool))


#: Codebook units that name counted things (judged with count models) ...
COUNT_UNITS = frozenset({
    "count", "counts", "number", "n", "#", "events", "incidents", "deaths", "fatalities", "people",
    "persons", "cases", "reports", "attacks", "protests", "killed", "victims",
})
#: ... and units that name levels, shares or rates (never counts, even when whole numbers).
LEVEL_UNITS = ("%", "percent", "per ", "per-", "index", "rate", "ratio", "score", "points", "share", "usd", "$")


def count_units(codebook: pd.DataFrame | None) -> dict[str, bool]:
    """``indicator key -> True`` (a count) / ``False`` (a level) where the codebook's unit says
    so; keys with no or an unknown unit are left out (the data decide)."""
    if codebook is None or not len(codebook) or "unit" not in codebook:
        return {}
    out: dict[str, bool] = {}
    for key, unit in zip(codebook["key"].astype(str), codebook["unit"]):
        if not isinstance(unit, str) or not unit.strip():
            continue
        u = unit.strip().casefold()
        if u in COUNT_UNITS or u.split()[0] in COUNT_UNITS:
            out[key] = True
        elif any(w in u for w in LEVEL_UNITS):
            out[key] = False
    return out


def long_series(
    obs: pd.DataFrame, polarization: bool = True, polarization_params: dict | None = None
) -> pd.DataFrame:
    """Observed and derived (gap, spread, polarization) series in one long frame.

    Columns region, indicator, group, kind, period, value, freq; frequencies inferred where
    the observations do not carry them. Shared by the panels and by the scale-out engine's
    calendars, which must see exactly the same series.
    """
    obs = obs.copy()
    obs["period"] = pd.to_datetime(obs["period"])
    obs["group"] = obs["group"].fillna("").astype(str) if "group" in obs else ""
    if "freq" not in obs or obs["freq"].isna().any():
        inferred = infer_freqs(obs)
        obs["freq"] = obs["freq"].fillna(inferred) if "freq" in obs else inferred
    obs = obs[obs["freq"].isin(FREQ_ORDER)]
    obs["kind"] = "observed"
    parts = [obs[["region", "indicator", "group", "kind", "period", "value", "freq"]]]
    if polarization:
        derived = derive_group_series(obs, **(polarization_params or {}))
        if len(derived):
            parts.append(derived)
    return pd.concat(parts, ignore_index=True)


def build_panels(
    obs: pd.DataFrame,
    codebook: pd.DataFrame | None = None,
    min_history: int = 3,
    polarization: bool = True,
    polarization_params: dict | None = None,
    calendars: dict[str, pd.DatetimeIndex] | None = None,
) -> list[SeriesPanel]:
    """Every series of a project as panels, one per frequency (W, M, Q, Y in that order).

    ``obs`` is :meth:`Project.observations` (region, indicator, period, group, value, freq);
    ``codebook`` is :meth:`Project.indicators` (key, direction, threshold, ...). Series with
    fewer than ``min_history`` observed values are left out: no method can judge them.
    Where an indicator is split by group, gap / spread / polarization series are derived
    (see :mod:`workbench.models.polarization`) and join the panel of their frequency.
    ``calendars`` (freq -> periods) lays a partition of series on the whole data set's
    calendar, so a scale-out engine finds exactly what one process would.
    """
    if obs is None or not len(obs):
        return []
    long = long_series(obs, polarization, polarization_params)
    sid, keys = series_ids(long)
    counts = np.bincount(sid, weights=long["value"].notna().to_numpy(np.float64))
    enough = counts[sid] >= min_history
    freqs = long["freq"].to_numpy()
    panels = []
    for freq in FREQ_ORDER:
        mask = enough & (freqs == freq)
        if mask.any():
            panels.append(panel_from_long(long[mask], freq, codebook, (calendars or {}).get(freq),
                                          ids=(sid[mask], keys)))
    return panels


def seasonal_baseline(panel: SeriesPanel, years: int = 3) -> np.ndarray:
    """For M/Q/W panels: the mean of the same period in up to ``years`` previous years.

    Subtracting it (``panel.values - seasonal_baseline(panel)``) removes a regular yearly
    pattern before a detector looks for anomalies; NaN where no earlier year has a value.
    """
    s = SEASON_LENGTH[panel.freq]
    x = panel.values
    if s <= 1:
        return np.full_like(x, np.nan)
    n, t = x.shape
    stack = np.full((years, n, t), np.nan)
    for y in range(1, years + 1):  # a handful of lags, each vectorised over all series
        if y * s < t:
            stack[y - 1, :, y * s :] = x[:, : t - y * s]
    count = np.sum(~np.isnan(stack), axis=0)
    total = np.nansum(stack, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan)


def deseasonalize(panel: SeriesPanel, years: int = 3) -> SeriesPanel:
    """A copy of ``panel`` with the seasonal baseline removed (values become anomalies)."""
    base = seasonal_baseline(panel, years)
    return SeriesPanel(keys=panel.keys, periods=panel.periods, freq=panel.freq,
                       values=panel.values - base, direction=panel.direction,
                       threshold=np.full(len(panel.keys), np.nan), count=panel.count)


def panels_from_columns(
    columns: ObservationColumns,
    codebook: pd.DataFrame | None = None,
    min_history: int = 3,
    polarization: bool = True,
    polarization_params: dict | None = None,
) -> list[SeriesPanel]:
    """:func:`build_panels` of a project's observations read as columns
    (:meth:`Project.observation_columns`): the same panels (``tests/test_store_columns.py``),
    without turning millions of rows into a frame of strings first. Series are numbered from
    the integer codes of their region, indicator and group; names are looked up once per
    distinct id; only the rows of indicators split by group become a (small) frame, for
    :func:`~workbench.models.polarization.derive_group_series`."""
    c = columns
    keep = np.isin(c.freq_names, FREQ_ORDER)[c.freq_code] if len(c) else np.zeros(0, bool)
    if keep.all():
        rid, iid, gcode, pcode, value, fcode = (c.region_id, c.indicator_id, c.group_code, c.period_code, c.value,
                                                c.freq_code)
    else:
        rid, iid, gcode, pcode, value, fcode = (c.region_id[keep], c.indicator_id[keep], c.group_code[keep],
                                                c.period_code[keep], c.value[keep], c.freq_code[keep])
    period_days = c.period_days
    # Observed rows: per-row codes into per-id name tables.
    r_ids, r_code = _dense(rid)
    i_ids, i_code = _dense(iid)
    r_names = np.array([c.region_names.get(int(i)) for i in r_ids], dtype=object)
    i_names = np.array([c.indicator_keys.get(int(i)) for i in i_ids], dtype=object)
    f_names = np.asarray(c.freq_names, dtype=object)
    # Each part (the observed rows, the derived rows): per key column the names and each
    # row's code into them (None: every row has the first name).
    parts: list[dict[str, Any]] = [{
        "region": (r_names, r_code), "indicator": (i_names, i_code),
        "group": (np.asarray(c.group_names, dtype=object), gcode), "kind": (np.array(["observed"], dtype=object), None),
        "period": (period_days, pcode), "freq": (f_names, fcode), "value": value}]
    if polarization:
        grouped = (c.group_names[gcode] != "") & ~np.isnan(value) if len(rid) else np.zeros(0, bool)
        if grouped.any():
            # Categorical columns: the same groups and means as strings give, without a string
            # object per row (millions at 200,000 series).
            obs = pd.DataFrame({
                "region": pd.Categorical.from_codes(r_code[grouped], r_names),
                "indicator": pd.Categorical.from_codes(i_code[grouped], i_names),
                "group": pd.Categorical.from_codes(gcode[grouped], c.group_names),
                "period": period_days[pcode[grouped]], "value": value[grouped],
                "freq": pd.Categorical.from_codes(fcode[grouped], f_names)})
            obs["kind"] = "observed"
            del grouped
            derived = derive_group_series(obs, **(polarization_params or {}))
            del obs
            part: dict[str, Any] = {"value": derived["value"].to_numpy(np.float64)}
            for col in (*SERIES_KEY_COLUMNS, "freq"):
                code, uniq = pd.factorize(derived[col].to_numpy(dtype=object))
                part[col] = (np.asarray(uniq, dtype=object), code.astype(np.int32))
            code, uniq = pd.factorize(derived["period"].to_numpy())
            part["period"] = (np.asarray(uniq), code.astype(np.int32))
            parts.append(part)
            del derived
    sizes = [len(p["value"]) for p in parts]
    total = sum(sizes)
    if not total:
        return []
    bounds = np.cumsum([0, *sizes])
    # Each key column's codes into its sorted distinct names (as series_ids numbers them),
    # combined into one integer per row, part by part into one array.
    key_names = {col: np.array(sorted({str(x) for p in parts for x in p[col][0]}), dtype=object)
                 for col in SERIES_KEY_COLUMNS}
    combined = np.zeros(total, dtype=np.int64)
    for k, p in enumerate(parts):
        acc = combined[bounds[k]:bounds[k + 1]]
        for col in SERIES_KEY_COLUMNS:
            names, code = p[col]
            lookup = np.searchsorted(key_names[col], names).astype(np.int64)
            acc *= len(key_names[col]) + 1
            acc += lookup[code] if code is not None else lookup[0]
    del r_code, i_code
    sid_, uniq = pd.factorize(combined, sort=True)
    del combined
    sid = sid_.astype(np.int32)
    del sid_
    keys = {}
    rest = np.asarray(uniq, dtype=np.int64)
    for col in reversed(SERIES_KEY_COLUMNS):
        size = len(key_names[col]) + 1
        keys[col] = key_names[col][rest % size]
        rest = rest // size
    keys_frame = pd.DataFrame({col: keys[col] for col in SERIES_KEY_COLUMNS})
    # Values, periods (codes into one table of distinct days) and frequencies of all rows.
    all_days = np.unique(np.concatenate([np.asarray(p["period"][0]) for p in parts]))
    all_freqs = np.array(sorted({str(x) for p in parts for x in p["freq"][0]}), dtype=object)
    value_all = np.empty(total, dtype=np.float64)
    period = np.empty(total, dtype=np.int32)
    freq = np.empty(total, dtype=np.int32)
    for k, p in enumerate(parts):
        sl = slice(bounds[k], bounds[k + 1])
        value_all[sl] = p["value"]
        days, code = p["period"]
        period[sl] = np.searchsorted(all_days, days).astype(np.int32)[code]
        names, code = p["freq"]
        freq[sl] = np.searchsorted(all_freqs, names).astype(np.int32)[code]
    del parts
    value = value_all
    counts = np.bincount(sid[~np.isnan(value)], minlength=len(keys_frame))
    enough = counts[sid] >= min_history
    del counts
    panels = []
    for f in FREQ_ORDER:
        if f not in set(all_freqs.tolist()):
            continue
        mask = enough & (freq == int(np.flatnonzero(all_freqs == f)[0]))
        if not mask.any():
            continue
        everything = bool(mask.all())
        # panel_from_long's layout, with integer codes instead of sorting every row.
        used, row = _dense(sid if everything else sid[mask])
        present, pc = _dense(period if everything else period[mask])
        pdays = pd.DatetimeIndex(all_days[present])
        periods_f = calendar(pdays.min(), pdays.max(), f)
        col_u = periods_f.get_indexer(pdays)
        if f == "W" and (col_u < 0).any():
            col_u = periods_f.get_indexer(pdays, method="nearest")
        col = col_u.astype(np.int32)[pc]
        del pc
        vals = value if everything else value[mask]
        grid = np.full((len(used), len(periods_f)), np.nan)
        ok = col >= 0
        if ok.all():
            grid[row, col] = vals
        else:
            grid[row[ok], col[ok]] = vals[ok]
        del row, col, vals, ok
        panels.append(_panel(keys_frame.iloc[used].reset_index(drop=True), periods_f, f, grid, codebook))
    return panels


def _dense(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct values, each row's index among them) of non-negative integers, in
    linear time (``np.unique`` would sort every row)."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
    present = np.zeros(int(ids.max()) + 1, dtype=bool)
    present[ids] = True
    distinct = np.flatnonzero(present)
    index = np.zeros(present.size, dtype=np.int32)
    index[distinct] = np.arange(distinct.size)
    return distinct, index[ids]
