"""Everything a brief shows, read once from a project: the Excel and PDF writers share it.

Both briefs must tell the same story, so the numbers come from one place: the open alerts by
severity and province, what changed since the previous run, the series behind each open
alert (exactly as the models saw them, derived polarization series included), headline
alerts for page one, and the composite index with its rank sensitivity. Plain Python, no Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from alerts.history import history_frame
from alerts.lifecycle import OPEN
from alerts.listing import SEVERITY_ORDER, alerts_frame
from workbench.errors import WorkbenchError
from workbench.exports.frames import region_provinces
from workbench.store import open_project
from workbench.store.dialect import read_frame

SEVERITIES = ("high", "medium", "low")
CHANGE_KINDS = ("new", "extended", "withdrawn", "closed", "dismissed")
#: How many periods of each series the indicator tables show.
TABLE_PERIODS = 24
#: An alert is "current" if its episode reaches this close (in months) to the data's end.
CURRENT_MONTHS = 3


@dataclass
class SeriesBlock:
    """The series behind open alerts for one frequency: keys plus the last periods' values."""

    freq: str
    periods: pd.DatetimeIndex
    keys: pd.DataFrame  # region, province, indicator, group, kind, unit, severity, alerts
    values: np.ndarray  # rows x periods
    episode: np.ndarray  # rows x periods: 0 none, else severity rank (1 low .. 3 high) of an open alert


@dataclass
class BriefData:
    project_name: str
    generated_at: dt.datetime
    latest_period: pd.Timestamp | None
    last_import_at: str | None
    last_run: dict | None
    previous_run: dict | None
    alerts: pd.DataFrame  # alerts_frame + province
    history: pd.DataFrame
    changes: pd.DataFrame
    blocks: list[SeriesBlock]
    index_table: pd.DataFrame | None = None
    index_note: str = ""
    index_top_k: int = 5
    series: dict[tuple, tuple[pd.DatetimeIndex, np.ndarray]] = field(default_factory=dict)
    regions: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def open_alerts(self) -> pd.DataFrame:
        return self.alerts[self.alerts["status"].isin(OPEN)]

    def by_severity(self) -> pd.Series:
        return self.open_alerts["severity"].value_counts().reindex(list(SEVERITIES), fill_value=0)

    def by_province(self) -> pd.DataFrame:
        """Open alerts per province (rows, most first) and severity (columns), with a total."""
        o = self.open_alerts
        t = pd.crosstab(o["province"].replace("", "(no province)"), o["severity"])
        t = t.reindex(columns=list(SEVERITIES), fill_value=0)
        t["total"] = t.sum(axis=1)
        return t.sort_values(["total", "high"], ascending=False)

    def change_counts(self) -> pd.Series:
        return self.changes["change"].value_counts().reindex(list(CHANGE_KINDS), fill_value=0)

    def headline(self, n: int = 7) -> pd.DataFrame:
        """The open alerts a meeting should see first: current ones, then by severity and score;
        one per region and base indicator (a gap and its polarization index tell one story)."""
        o = self.open_alerts.copy()
        if o.empty:
            return o
        latest = self.latest_period or pd.Timestamp(o["last_period"].max())
        recent = (latest - pd.DateOffset(months=CURRENT_MONTHS)).strftime("%Y-%m-%d")
        o["_current"] = (o["last_period"] >= recent).astype(int)
        o["_sev"] = o["severity"].map(SEVERITY_ORDER)
        o["_base"] = o["indicator"].str.split(":").str[0]
        o = o.sort_values(["_current", "_sev", "score", "id"], ascending=[False, True, False, True])
        o = o.drop_duplicates(["region", "_base"])
        return o.head(n).drop(columns=["_current", "_sev", "_base"])


def _runs(conn: object) -> list[dict]:
    df = read_frame("SELECT id, started_at, finished_at, counts FROM run ORDER BY id DESC LIMIT 2", conn)
    return df.to_dict("records")


def changes_since(history: pd.DataFrame, alerts: pd.DataFrame, previous_run: dict | None) -> pd.DataFrame:
    """New, extended, withdrawn, closed and dismissed alerts since the previous run ended."""
    ev = history
    if previous_run is not None:
        ev = ev[ev["at"] > (previous_run["finished_at"] or previous_run["started_at"])]
    is_run = ev["kind"] == "run"
    note = ev["note"].fillna("")
    change = np.select(
        [is_run & (ev["to_status"] == "new"), is_run & (ev["to_status"] == "withdrawn"),
         is_run & ev["to_status"].isna() & note.str.contains("extended"),
         ev["to_status"] == "closed", ev["to_status"] == "dismissed"],
        list(CHANGE_KINDS), default="",
    )
    out = ev.assign(change=change)[lambda d: d["change"] != ""]
    out = out.drop_duplicates(["alert_id", "change"], keep="last")
    info = alerts.set_index("id")[["province", "severity", "status", "first_period", "last_period", "score"]]
    out = out.join(info, on="alert_id")
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    out = out.assign(_o=out["change"].map(order), _s=out["severity"].map(SEVERITY_ORDER))
    out = out.sort_values(["_o", "_s", "alert_id"])
    cols = ["change", "alert_id", "region", "province", "indicator", "group", "severity", "status",
            "first_period", "last_period", "score", "at", "actor", "note"]
    return out[cols].reset_index(drop=True)


def _series_blocks(panels: list, open_alerts: pd.DataFrame, provinces: dict, units: dict) -> list[SeriesBlock]:
    """The last ``TABLE_PERIODS`` periods of every series behind an open alert, per frequency."""
    blocks = []
    sev_rank = {"low": 1, "medium": 2, "high": 3}
    for panel in panels:
        keys = panel.keys.reset_index(drop=True)
        a = open_alerts[open_alerts["freq"] == panel.freq]
        if a.empty:
            continue
        key_cols = ["region", "indicator", "group", "kind"]
        row_of = {tuple(k): i for i, k in enumerate(keys[key_cols].itertuples(index=False, name=None))}
        a_rows = np.array([row_of.get(k, -1) for k in a[key_cols].itertuples(index=False, name=None)])
        a, a_rows = a[a_rows >= 0], a_rows[a_rows >= 0]
        if not len(a):
            continue
        rows = np.unique(a_rows)
        t0 = max(len(panel.periods) - TABLE_PERIODS, 0)
        periods = panel.periods[t0:]
        episode = np.zeros((len(rows), len(periods)))
        pos = np.searchsorted(rows, a_rows)
        first = periods.searchsorted(pd.to_datetime(a["first_period"]).to_numpy(), side="left")
        last = periods.searchsorted(pd.to_datetime(a["last_period"]).to_numpy(), side="right")
        sev = a["severity"].map(sev_rank).to_numpy(float)
        for r, lo, hi, s in zip(pos, first, last, sev):
            episode[r, lo:hi] = np.maximum(episode[r, lo:hi], s)
        k = keys.iloc[rows].reset_index(drop=True)
        worst = pd.Series(sev, index=pos).groupby(level=0).max()
        ids = pd.Series(a["id"].astype(str).to_numpy(), index=pos).groupby(level=0).agg(", ".join)
        k["province"] = k["region"].map(provinces).fillna("")
        k["unit"] = k["indicator"].str.split(":").str[0].map(units).fillna("")
        k["severity"] = worst.reindex(range(len(rows))).map({1: "low", 2: "medium", 3: "high"}).to_numpy()
        k["alerts"] = ids.reindex(range(len(rows))).to_numpy()
        order = np.lexsort((k["group"], k["indicator"], k["region"], k["province"]))
        blocks.append(SeriesBlock(panel.freq, periods, k.iloc[order].reset_index(drop=True)[
            ["region", "province", "indicator", "group", "kind", "unit", "severity", "alerts"]],
            panel.values[rows][order, t0:], episode[order]))
    return blocks


def _index(project: object, obs: pd.DataFrame, codebook: pd.DataFrame) -> tuple[pd.DataFrame | None, str, int]:
    """The composite index ranking with its sensitivity, or why there is none."""
    try:
        from workbench.models.composite import compute_index
        from workbench.models.composite_store import get_or_create
    except ImportError:
        return None, "the composite index is not available in this installation", 5
    try:
        definition = get_or_create(project, None)
        result = compute_index(obs, definition, codebook)
    except WorkbenchError as err:
        return None, f"no index: {err}", 5
    note = (f"index '{definition.name}' at {result.period:%Y-%m}: {len(definition.components)} components, "
            f"{definition.normalization} normalisation, {definition.weighting} weights, "
            f"{definition.aggregation} aggregation; rank interval = 5-95 % of {definition.draws} Monte Carlo "
            f"draws of weights{' and methods' if definition.vary_methods else ''}; top-{definition.top_k} share = "
            f"share of draws ranking the region in the top {definition.top_k}. Rank 1 = most at risk.")
    return result.table, note, definition.top_k


def collect_brief(project_path: str | Path, *, now: dt.datetime | None = None) -> BriefData:
    """Read the project (read-only) and compute what both briefs show."""
    from workbench.models.series import build_panels

    with open_project(project_path, readonly=True) as project:
        path = Path(project.path)  # a server project's path is its database name
        conn = project.conn
        regions = project.regions()
        provinces = region_provinces(regions)
        alerts = alerts_frame(conn, now=now)
        alerts.insert(alerts.columns.get_loc("region") + 1, "province", alerts["region"].map(provinces).fillna(""))
        history = history_frame(conn)
        runs = _runs(conn)
        obs = project.observations()
        codebook = project.indicators()
        imports = project.imports()
        index_table, index_note, top_k = _index(project, obs, codebook)
    valid = obs.loc[obs["value"].notna(), "period"]
    latest = pd.Timestamp(valid.max()) if len(valid) else None
    panels = build_panels(obs, codebook) if len(obs) else []
    units = dict(zip(codebook["key"], codebook["unit"].fillna("")))
    open_alerts = alerts[alerts["status"].isin(OPEN)]
    blocks = _series_blocks(panels, open_alerts, provinces, units)
    series = {}
    for panel in panels:
        for i, key in enumerate(panel.keys[["region", "indicator", "group", "kind"]].itertuples(index=False, name=None)):
            series[(panel.freq, *key)] = (panel.periods, panel.values[i])
    if index_table is not None:
        index_table = index_table.copy()
        index_table.insert(1, "province", index_table["region"].map(provinces).fillna(""))
    return BriefData(
        project_name=path.stem,
        generated_at=now or dt.datetime.now(dt.timezone.utc),
        latest_period=latest,
        last_import_at=str(imports["imported_at"].iloc[-1]) if len(imports) else None,
        last_run=runs[0] if runs else None,
        previous_run=runs[1] if len(runs) > 1 else None,
        alerts=alerts,
        history=history,
        changes=changes_since(history, alerts, runs[1] if len(runs) > 1 else None),
        blocks=blocks,
        index_table=index_table,
        index_note=index_note,
        index_top_k=top_k,
        series=series,
        regions=regions,
    )


def alert_series(data: BriefData, alert: pd.Series) -> tuple[pd.DatetimeIndex, np.ndarray] | None:
    """The series an alert was raised on, as the models saw it."""
    return data.series.get((alert["freq"], alert["region"], alert["indicator"], alert["group"], alert["kind"]))


@dataclass
class RiskGrid:
    """Districts x months, each cell the strongest alert covering it (0 none, 1 low .. 3 high)."""

    regions: list[str]
    provinces: list[str]
    months: pd.DatetimeIndex
    strength: np.ndarray


def risk_grid(data: BriefData, months: int = 24) -> RiskGrid:
    """The heatmap of the last ``months`` months: dismissed and withdrawn alerts left out,
    districts sorted by province then name (the same rule as the desktop heatmap)."""
    regions = data.regions
    leaf = regions[regions["level"].isin(["district", "other"])]
    provinces = region_provinces(regions)
    names = sorted(set(leaf["name"]), key=lambda n: (provinces.get(n, ""), n))
    end = (data.latest_period or pd.Timestamp.now()).to_period("M").to_timestamp()
    cal = pd.date_range(end=end, periods=months, freq="MS")
    grid = np.zeros((len(names), months))
    a = data.alerts[~data.alerts["status"].isin(["dismissed", "withdrawn"])]
    row_of = {n: i for i, n in enumerate(names)}
    rows = a["region"].map(row_of)
    a, rows = a[rows.notna()], rows[rows.notna()].astype(int).to_numpy()
    lo = cal.searchsorted(pd.to_datetime(a["first_period"]).dt.to_period("M").dt.to_timestamp(), side="left")
    hi = cal.searchsorted(pd.to_datetime(a["last_period"]).dt.to_period("M").dt.to_timestamp(), side="right")
    sev = a["severity"].map({"low": 1, "medium": 2, "high": 3}).fillna(0).to_numpy(float)
    # Quarterly/yearly alerts cover every month of their last period.
    span_end = pd.to_datetime(a["last_period"]) + pd.to_timedelta(
        a["freq"].map({"Q": 62, "Y": 334}).fillna(0), unit="D")
    hi = np.maximum(hi, cal.searchsorted(span_end.dt.to_period("M").dt.to_timestamp(), side="right"))
    for r, l0, h0, s in zip(rows, lo, hi, sev):
        grid[r, l0:h0] = np.maximum(grid[r, l0:h0], s)
    return RiskGrid(names, [provinces.get(n, "") for n in names], cal, grid)
