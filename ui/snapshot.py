"""Everything the windows show about a project, read on a worker thread in two steps.

Step one (:func:`load_snapshot`) reads what makes the window usable: regions, codebook,
imports, alerts and their history, and one row per series aggregated by the database (counts,
first and last period). It never pulls the observations themselves into Python, which is
what keeps a 10,000-series × 120-month project opening in about a second. A series' values
are read on demand through the primary key (a millisecond), so the chart never waits.
Step two (:func:`load_columns`) reads every observation into numpy columns for the data
table, in the background after the window is already usable.
This module is plain Python (no Qt) so it is tested and benchmarked headless.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from alerts.history import history_frame, replace_events
from alerts.listing import read_alerts, replace_alerts
from workbench.errors import ProjectError
from workbench.progress import CancelToken, ProgressCallback, no_progress
from workbench.store.dialect import is_server_url
from workbench.store.observations import meta_items, observation_days, series_summary, series_values
from workbench.store import open_for_reading, open_project

BATCH_ROWS = 5_000  # observations per fetch in load_columns (a few ms of work each)


@dataclass
class ObservationColumns:
    """Every observation as numpy columns, sorted by series then period (for the data table)."""

    series_code: np.ndarray  # int32, row of ``ProjectSnapshot.series``
    period: np.ndarray  # datetime64[D]
    value: np.ndarray  # float64, NaN = missing

    @property
    def size(self) -> int:
        return int(self.value.size)


@dataclass
class ProjectSnapshot:
    """A read-only picture of one project at one moment."""

    path: Path | str  # a project file, or a team server's URL (a string)
    regions: pd.DataFrame  # id, key, name, code, parent_id, level
    indicators: pd.DataFrame  # id, key, name, domain, unit, direction, threshold, description
    imports: pd.DataFrame
    # One row per series: region_id, indicator_id, group, freq, n, n_values, first, last,
    # last_value_period, region, indicator, indicator_name
    series: pd.DataFrame
    meta: dict[str, str] = field(default_factory=dict)
    alerts: pd.DataFrame = field(default_factory=pd.DataFrame)  # alerts.listing.read_alerts
    events: pd.DataFrame = field(default_factory=pd.DataFrame)  # alerts.history.history_frame(parsed=True)
    rules: list = field(default_factory=list)  # alerts.rules.Rule: what the charts draw thresholds for
    #: names of the aggregate regions (World, income groups): left out of the index's ranking
    aggregates: frozenset[str] = frozenset()
    columns: ObservationColumns | None = None  # filled by load_columns, later
    #: bumped each time the alerts are re-read in place (:meth:`set_alerts`), so views that
    #: skip redrawing "the same" situation know it changed
    alerts_generation: int = 0
    _latest_by_freq: dict[str, str] | None = field(default=None, repr=False)
    #: the project as the store opened it (read-only), kept for on-demand series reads and
    #: re-reads of the alerts; a file, a team-server URL or a pool alike
    _project: Any = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def name(self) -> str:
        """A file's name without its extension; a server project's database name."""
        if is_server_url(self.path):
            return str(self.path).rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
        return Path(self.path).stem

    @property
    def n_observations(self) -> int:
        return int(self.series["n"].sum()) if len(self.series) else 0

    @property
    def first_period(self) -> np.datetime64 | None:
        return self.series["first"].to_numpy().min() if len(self.series) else None

    @property
    def last_period(self) -> np.datetime64 | None:
        return self.series["last"].to_numpy().max() if len(self.series) else None

    @property
    def latest_by_freq(self) -> dict[str, str]:
        """``freq -> latest period with a value`` (what alert activity is judged against)."""
        if self._latest_by_freq is None:
            self._latest_by_freq = _latest_by_freq(self.series)
        return self._latest_by_freq

    @property
    def latest_period(self) -> pd.Timestamp | None:
        """The latest period with an actual value (a row of '..' is not fresh data)."""
        valid = self.series["last_value_period"].dropna() if len(self.series) else pd.Series([], dtype=object)
        return pd.Timestamp(valid.max()) if len(valid) else None

    @property
    def last_import(self) -> str | None:
        if self.imports.empty:
            return None
        return str(self.imports["imported_at"].iloc[-1])

    def region_name(self, region_id: int) -> str:
        hit = self.regions.loc[self.regions["id"] == region_id, "name"]
        return str(hit.iloc[0]) if len(hit) else str(region_id)

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
        cols = self.columns
        if cols is not None:
            start, stop = self.series["start"].iat[series_row], self.series["stop"].iat[series_row]
            return cols.period[start:stop], cols.value[start:stop]
        rec = self.series.iloc[series_row]
        with self._lock:
            rows = series_values(self._opened().conn, rec["region_id"], rec["indicator_id"], rec["group"])
        if not rows:
            return np.empty(0, "datetime64[D]"), np.empty(0)
        periods, values = zip(*rows)
        return (np.array(periods, dtype="datetime64[D]"),
                np.array([np.nan if v is None else v for v in values], dtype=np.float64))

    def set_alerts(self, alerts: pd.DataFrame, events: pd.DataFrame, rules: list | None = None) -> None:
        """The alerts and their history (and the rules, after a run that may have stored
        them), re-read after a write that changed only them (:func:`load_alerts`); the series,
        observations and connection stay."""
        self.alerts, self.events = alerts, events
        if rules is not None:
            self.rules = rules
        self.alerts_generation += 1

    def series_label(self, series_row: int) -> str:
        row = self.series.iloc[series_row]
        label = f"{row['region']} · {row['indicator_name']}"
        return f"{label} ({row['group']})" if row["group"] else label

    def _opened(self) -> Any:
        """The snapshot's open project (opened again, read-only, after :meth:`close`); call
        it holding ``_lock``."""
        if self._project is None:
            self._project = open_project(self.path, readonly=True)
        return self._project

    def close(self) -> None:
        with self._lock:
            if self._project is not None:
                self._project.close()
                self._project = None

    def completeness(self) -> pd.DataFrame:
        """Share of expected periods present (not missing) per district.

        Expected = every monthly period from the project's first to its latest month, for
        every indicator the project tracks at monthly frequency; a district missing a
        whole indicator therefore scores lower, which is what a field office must chase.
        """
        regions = self.regions[["id", "name", "level"]].rename(columns={"id": "region_id"})
        out = regions[regions["level"].isin(["district", "other"])].copy()
        s = self.series
        monthly = s[(s["freq"] == "M") & (s["group"] == "")] if len(s) else s
        if monthly.empty:
            return out.assign(present=0, expected=0, completeness=np.nan).reset_index(drop=True)
        first = monthly["first"].to_numpy().min().astype("datetime64[M]")
        last = monthly["last"].to_numpy().max().astype("datetime64[M]")
        n_months = int((last - first).astype(int)) + 1
        n_indicators = monthly["indicator_id"].nunique()
        present = monthly.groupby("region_id")["n_values"].sum()
        # A national or city row reported only yearly is not a district missing its months.
        has_series = set(s["region_id"])
        out = out[out["region_id"].isin(present.index) | ~out["region_id"].isin(has_series)]
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
    """Step one: everything but the observations; read-only, never writes.

    ``path`` is a project file or a team server's URL: the store opens either
    (:func:`workbench.store.project.open_for_reading`), and the snapshot keeps that project
    open for the series it reads later."""
    location: str | Path = str(path) if is_server_url(path) else Path(path)
    progress(0.0, "opening project")
    project = open_for_reading(location)
    try:
        regions = project.regions()
        indicators = project.indicators()
        imports = project.imports()
        meta = meta_items(project.conn)
        if cancel:
            cancel.raise_if_cancelled()
        progress(0.1, "indexing series")
        series = _read_series(project.conn, regions, indicators)
        if cancel:
            cancel.raise_if_cancelled()
        progress(0.7, "reading alerts")
        alerts = read_alerts(project.conn, latest=_latest_by_freq(series), regions=regions, indicators=indicators)
        events = history_frame(project.conn, parsed=True)
        rules = _read_rules(project.conn)
        from workbench.models.composite import aggregate_names

        aggregates = frozenset(aggregate_names(project))
    except BaseException:
        project.close()
        raise
    return ProjectSnapshot(path=location, regions=regions, indicators=indicators, imports=imports,
                           series=series, meta=meta, alerts=alerts, events=events, rules=rules,
                           aggregates=aggregates, _project=project)


def _read_rules(conn: Any) -> list:
    """The project's rules (the shipped set before its first run), so a chart draws the
    baseline and threshold of the rule that raised its alerts."""
    from alerts.rules import default_rules, stored_rules
    from workbench.errors import WorkbenchError

    try:
        rules = stored_rules(conn)
    except (sqlite3.Error, WorkbenchError, ValueError):
        rules = []
    return rules or default_rules()


def load_alerts(
    snap: ProjectSnapshot,
    ids: Iterable[int] | None = None,
    *,
    rules: bool = False,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame] | tuple[pd.DataFrame, pd.DataFrame, list]:
    """The alerts and their events again, for a snapshot whose data did not change (after a
    decision, a note, a snooze or a model run), through the snapshot's own connection; with
    ``ids`` only those alerts and their events are read and patched into the snapshot's
    frames (a decision touches a situation's few alerts, not the project's hundreds). With
    ``rules`` (a run stores its rule set) the rules too, third, for the charts' lines."""
    with snap._lock:
        conn = snap._opened().conn
        if ids is None:
            alerts = read_alerts(conn, latest=snap.latest_by_freq, regions=snap.regions,
                                 indicators=snap.indicators)
            events = history_frame(conn, parsed=True)
        else:
            ids = sorted({int(i) for i in ids})
            fresh = read_alerts(conn, latest=snap.latest_by_freq, regions=snap.regions,
                                indicators=snap.indicators, ids=ids)
            alerts = replace_alerts(snap.alerts, fresh)
            events = replace_events(snap.events, ids, history_frame(conn, parsed=True, alert_ids=ids))
        stored = _read_rules(conn) if rules else None
    progress(1.0, "")
    return (alerts, events) if stored is None else (alerts, events, stored)


def _latest_by_freq(series: pd.DataFrame) -> dict[str, str]:
    """``freq -> latest period with a value``, from the per-series aggregate (no extra scan)."""
    if series.empty:
        return {}
    valid = series.dropna(subset=["last_value_period"])
    return {str(f): str(p)[:10] for f, p in valid.groupby("freq")["last_value_period"].max().items()}


def warm_models(*, progress: ProgressCallback = no_progress, cancel: CancelToken | None = None) -> bool:
    """Import the detectors on a worker (scipy.stats alone takes a second or more), so the
    chart's baseline never makes the GUI thread wait; True when they are available."""
    try:
        import workbench.models.forecast  # noqa: F401
        import workbench.models.signals  # noqa: F401
    except ImportError:
        return False
    return True


def _read_series(conn: Any, regions: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per series, aggregated by the database (:func:`workbench.store.observations.series_summary`),
    with where its observations start and stop in :func:`load_columns`' order and its names."""
    frame = series_summary(conn).drop(columns="grp_max")
    for col in ("first", "last"):
        frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d").to_numpy().astype("datetime64[D]")
    frame["n"] = frame["n"].astype(np.int64)
    frame["n_values"] = frame["n_values"].astype(np.int64)
    stops = np.cumsum(frame["n"].to_numpy())
    frame["start"] = stops - frame["n"].to_numpy()
    frame["stop"] = stops
    frame["region"] = frame["region_id"].map(dict(zip(regions["id"], regions["name"])))
    frame["indicator"] = frame["indicator_id"].map(dict(zip(indicators["id"], indicators["key"])))
    frame["indicator_name"] = frame["indicator_id"].map(dict(zip(indicators["id"], indicators["name"])))
    return frame


def _series_key(region: np.ndarray, indicator: np.ndarray, group_code: np.ndarray) -> np.ndarray:
    """One int64 per (region, indicator, group) to match observations to series rows."""
    return (region.astype(np.int64) << 40) | (indicator.astype(np.int64) << 16) | group_code.astype(np.int64)


def load_columns(
    snap: ProjectSnapshot,
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> ObservationColumns:
    """Step two: every observation in series order, matching ``snap.series`` start/stop."""
    project = open_project(snap.path, readonly=True)
    # Small batches, each turned into numpy arrays and series numbers at once, with a pause
    # between them: one fetch of 100,000 rows, or one zip(*rows) or astype(str) over a
    # million, holds the GIL for a quarter of a second or more, and the window froze while
    # it lasted. Nothing over the whole million is done in one call but the final sort.
    s = snap.series
    groups = np.unique(s["group"].to_numpy(dtype=object).astype(str))
    group_code = {g: k for k, g in enumerate(groups)}
    series_key = _series_key(s["region_id"].to_numpy(), s["indicator_id"].to_numpy(),
                             np.searchsorted(groups, s["group"].to_numpy(dtype=str)))
    order_s = np.argsort(series_key)
    code_parts, day_parts, value_parts = [], [], []
    got = 0
    try:
        # Days since 1970 as integers: numbers cross into Python far faster than date text.
        total = max(snap.n_observations, 1)
        for batch in observation_days(project.conn, BATCH_ROWS):
            rid, iid, grp, days, values = zip(*batch)
            gcode = (np.fromiter((group_code.get(g, 0) for g in grp), np.int64, len(grp)) if len(groups) > 1
                     else np.zeros(len(grp), np.int64))
            key = _series_key(np.array(rid, dtype=np.int64), np.array(iid, dtype=np.int64), gcode)
            code_parts.append(order_s[np.searchsorted(series_key, key, sorter=order_s)].astype(np.int32))
            day_parts.append(np.array(days, dtype=np.int64))
            value_parts.append(np.array(values, dtype=np.float64))  # None (missing) becomes NaN
            got += len(batch)
            progress(min(got / total, 1.0) * 0.9, "reading observations")
            if cancel:
                cancel.raise_if_cancelled()
            time.sleep(0)  # let the GUI thread take the GIL between batches
    finally:
        project.close()
    if got != snap.n_observations:
        raise ProjectError("the project changed while it was being read; reload it (F5)")
    if not got:
        return ObservationColumns(np.empty(0, np.int32), np.empty(0, "datetime64[D]"), np.empty(0))
    code = np.concatenate(code_parts)
    period = np.concatenate(day_parts).astype("datetime64[D]")
    value = np.concatenate(value_parts)
    # Stable: within a series the primary-key order already runs by period.
    order = np.argsort(code, kind="stable")
    return ObservationColumns(code[order], period[order], value[order])
