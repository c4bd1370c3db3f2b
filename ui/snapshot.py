"""Everything the windows show about a project, read once on a worker thread.

The GUI never queries SQLite from the GUI thread: a task reads the project into a
:class:`ProjectSnapshot` (numpy columns, observations sorted by series then period) and
hands it to the views. Sorting by series lets the chart cut one series out with a slice,
which is what keeps switching series well under 100 ms on a million observations.
This module is plain Python (no Qt) so it is tested and benchmarked headless.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ui.alerts_data import read_alerts, read_history
from workbench.progress import CancelToken, ProgressCallback, no_progress
from workbench.errors import ProjectError
from workbench.store import Project, open_project


@dataclass
class ProjectSnapshot:
    """A read-only picture of one project at one moment."""

    path: Path
    regions: pd.DataFrame  # id, key, name, code, parent_id, level
    indicators: pd.DataFrame  # id, key, name, domain, unit, direction, threshold, description
    imports: pd.DataFrame
    groups: np.ndarray  # object array of group labels; code 0 is '' (whole population)
    # Observation columns, sorted by series then period.
    series_code: np.ndarray  # int32, row of ``series``
    period: np.ndarray  # datetime64[D]
    value: np.ndarray  # float64, NaN = missing
    # One row per series: region_id, indicator_id, group, freq, region, indicator, start, stop
    series: pd.DataFrame
    meta: dict[str, str] = field(default_factory=dict)
    alerts: pd.DataFrame = field(default_factory=pd.DataFrame)  # see ui.alerts_data.read_alerts
    events: pd.DataFrame = field(default_factory=pd.DataFrame)  # see ui.alerts_data.read_history

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def n_observations(self) -> int:
        return int(self.value.size)

    @property
    def latest_period(self) -> pd.Timestamp | None:
        valid = self.period[~np.isnan(self.value)] if self.value.size else self.period
        return pd.Timestamp(valid.max()) if valid.size else None

    @property
    def last_import(self) -> str | None:
        if self.imports.empty:
            return None
        return str(self.imports["imported_at"].iloc[-1])

    def region_name(self, region_id: int) -> str:
        hit = self.regions.loc[self.regions["id"] == region_id, "name"]
        return str(hit.iloc[0]) if len(hit) else str(region_id)

    def indicator_label(self, indicator_id: int) -> str:
        hit = self.indicators.loc[self.indicators["id"] == indicator_id, "name"]
        return str(hit.iloc[0]) if len(hit) else str(indicator_id)

    def find_series(self, region_id: int, indicator_id: int, group: str = "") -> int | None:
        """The series row for a region/indicator/group, or None when it has no data."""
        s = self.series
        hit = np.flatnonzero(
            (s["region_id"].to_numpy() == region_id)
            & (s["indicator_id"].to_numpy() == indicator_id)
            & (s["group"].to_numpy() == group)
        )
        return int(hit[0]) if hit.size else None

    def series_values(self, series_row: int) -> tuple[np.ndarray, np.ndarray]:
        """(periods as datetime64[D], values) of one series, in period order."""
        start, stop = self.series["start"].iat[series_row], self.series["stop"].iat[series_row]
        return self.period[start:stop], self.value[start:stop]

    def series_label(self, series_row: int) -> str:
        row = self.series.iloc[series_row]
        label = f"{row['region']} · {row['indicator_name']}"
        return f"{label} ({row['group']})" if row["group"] else label

    def completeness(self) -> pd.DataFrame:
        """Share of expected periods present (not missing) per district.

        Expected = every monthly period from the project's first to its latest month, for
        every indicator the project tracks at monthly frequency; a district missing a
        whole indicator therefore scores lower, which is what a field office must chase.
        """
        regions = self.regions[["id", "name", "level"]].rename(columns={"id": "region_id"})
        s = self.series
        monthly = s[(s["freq"] == "M") & (s["group"] == "")]
        if monthly.empty or self.value.size == 0:
            out = regions.assign(present=0, expected=0, completeness=np.nan)
            return out[out["level"].isin(["district", "other"])].reset_index(drop=True)
        mask = np.zeros(len(s), dtype=bool)
        mask[monthly.index.to_numpy()] = True
        obs_mask = mask[self.series_code] & ~np.isnan(self.value)
        months = self.period[mask[self.series_code]].astype("datetime64[M]")
        n_months = int((months.max() - months.min()).astype(int)) + 1
        n_indicators = monthly["indicator_id"].nunique()
        region_of_obs = s["region_id"].to_numpy()[self.series_code[obs_mask]]
        present = pd.Series(region_of_obs).value_counts()
        out = regions[regions["level"].isin(["district", "other"])].copy()
        out["present"] = out["region_id"].map(present).fillna(0).astype(int)
        out["expected"] = n_months * n_indicators
        out["completeness"] = out["present"] / out["expected"]
        return out.reset_index(drop=True)


def load_snapshot(
    path: str | Path,
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> ProjectSnapshot:
    """Read a project into memory for the windows; read-only, never writes."""
    path = Path(path)
    progress(0.0, "opening project")
    with _open_for_reading(path) as project:
        regions = project.regions()
        indicators = project.indicators()
        imports = project.imports()
        meta = dict(project.conn.execute("SELECT key, value FROM meta").fetchall())
        if cancel:
            cancel.raise_if_cancelled()
        progress(0.1, "reading observations")
        rid, iid, grp, per, val, freq = _read_columns(project.conn, cancel)
        progress(0.6, "reading alerts")
        alerts = read_alerts(project.conn, regions, indicators)
        events = read_history(project.conn)
    progress(0.7, "indexing series")
    _warm_models()
    snap = _build(path, regions, indicators, imports, meta, rid, iid, grp, per, val, freq)
    snap.alerts, snap.events = alerts, events
    return snap


def _open_for_reading(path: Path) -> Project:
    """Read-only, so looking at a project never changes it; an older schema is upgraded once."""
    try:
        return open_project(path, readonly=True)
    except ProjectError as err:
        if "older schema" not in str(err):
            raise
    open_project(path).close()  # the upgrade runs in one transaction
    return open_project(path, readonly=True)


def _warm_models() -> None:
    """Import the detectors here, on the worker, so the first chart switch is not slow."""
    try:
        import workbench.models.signals  # noqa: F401
    except ImportError:
        pass


def _read_columns(
    conn: sqlite3.Connection, cancel: CancelToken | None
) -> tuple[np.ndarray, ...]:
    """Fetch the observation table in primary-key order as numpy columns, in chunks."""
    cur = conn.execute(
        "SELECT region_id, indicator_id, grp, period, value, freq FROM observation"
    )
    chunks: list[list[tuple[Any, ...]]] = []
    while batch := cur.fetchmany(200_000):
        chunks.append(batch)
        if cancel:
            cancel.raise_if_cancelled()
    rows = [r for chunk in chunks for r in chunk]
    if not rows:
        empty_i = np.empty(0, dtype=np.int64)
        empty_o = np.empty(0, dtype=object)
        return empty_i, empty_i, empty_o, empty_o, np.empty(0), empty_o
    rid, iid, grp, per, val, freq = zip(*rows)
    value = np.array(val, dtype=object)
    value[value == None] = np.nan  # noqa: E711 - elementwise comparison on purpose
    return (
        np.fromiter(rid, dtype=np.int64, count=len(rows)),
        np.fromiter(iid, dtype=np.int64, count=len(rows)),
        np.array(grp, dtype=object),
        np.array(per, dtype=object),
        value.astype(np.float64),
        np.array(freq, dtype=object),
    )


def _build(
    path: Path,
    regions: pd.DataFrame,
    indicators: pd.DataFrame,
    imports: pd.DataFrame,
    meta: dict[str, str],
    rid: np.ndarray,
    iid: np.ndarray,
    grp: np.ndarray,
    per: np.ndarray,
    val: np.ndarray,
    freq: np.ndarray,
) -> ProjectSnapshot:
    grp_codes, groups = pd.factorize(grp, sort=True)
    groups = np.asarray(groups, dtype=object)
    if groups.size == 0 or groups[0] != "":
        groups = np.concatenate([np.array([""], dtype=object), groups])
        grp_codes = grp_codes + 1
    per_codes, per_uniques = pd.factorize(per)
    period = (
        pd.to_datetime(pd.Index(per_uniques, dtype=object), format="%Y-%m-%d")
        .to_numpy()
        .astype("datetime64[D]")[per_codes]
        if len(per)
        else np.empty(0, dtype="datetime64[D]")
    )
    key = (rid << 40) | (iid << 16) | grp_codes.astype(np.int64)
    uniq, series_code = np.unique(key, return_inverse=True)
    # Primary-key order is (region, indicator, period, grp): a stable sort by series keeps
    # each series' periods in order without a second sort key.
    order = np.argsort(series_code, kind="stable")
    series_code = series_code[order].astype(np.int32)
    period, val, freq_sorted = period[order], val[order], freq[order]
    bounds = np.searchsorted(series_code, np.arange(len(uniq) + 1))
    names = dict(zip(regions["id"], regions["name"]))
    ind_keys = dict(zip(indicators["id"], indicators["key"]))
    ind_names = dict(zip(indicators["id"], indicators["name"]))
    s_rid = (uniq >> 40).astype(np.int64)
    s_iid = ((uniq >> 16) & 0xFFFFFF).astype(np.int64)
    series = pd.DataFrame(
        {
            "region_id": s_rid,
            "indicator_id": s_iid,
            "group": groups[(uniq & 0xFFFF).astype(np.int64)] if len(uniq) else np.empty(0, object),
            "freq": freq_sorted[bounds[:-1]] if len(uniq) else np.empty(0, object),
            "region": pd.Series(s_rid).map(names).to_numpy(dtype=object),
            "indicator": pd.Series(s_iid).map(ind_keys).to_numpy(dtype=object),
            "indicator_name": pd.Series(s_iid).map(ind_names).to_numpy(dtype=object),
            "start": bounds[:-1],
            "stop": bounds[1:],
        }
    )
    return ProjectSnapshot(
        path=path,
        regions=regions,
        indicators=indicators,
        imports=imports,
        groups=groups,
        series_code=series_code,
        period=period,
        value=val,
        series=series,
        meta=meta,
    )
