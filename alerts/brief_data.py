"""Everything a brief shows, read once from a project: the Excel and PDF writers share it.

Both briefs must tell the same story as the inbox, so the numbers come from the same place
(:func:`alerts.listing.read_alerts`, :mod:`alerts.views`): what needs a decision now (the
inbox's Active view: its situations and alerts by severity, by province), what changed since
the previous run, the series behind each active alert (exactly as the models saw them,
derived polarization series included), headline alerts for page one, the risk heatmap (the
desktop's, its last months) and the composite index with its rank sensitivity. Plain
Python, no Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from alerts import records
from alerts.history import history_frame
from alerts.listing import project_latest_periods, read_alerts, select_alerts
from alerts.meeting import Marker, agenda_start, decisions_since, read_marker, since_meeting, situation_reasons
from alerts.views import Counts, RiskGrid, active_counts, situations
from alerts.views import risk_grid as views_risk_grid
from workbench.vocabulary import SEVERITY_RANK, WORST_FIRST, severity_rank
from workbench.errors import WorkbenchError
from workbench.exports.frames import region_provinces
from workbench.i18n import Language
from workbench.store import Project, open_project

#: Severities as the brief lists them (worst first).
SEVERITIES = WORST_FIRST
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
    episode: np.ndarray  # rows x periods: 0 none, else severity rank (1 low .. 3 high) of an active alert


@dataclass
class BriefData:
    project_name: str
    generated_at: dt.datetime
    latest_period: pd.Timestamp | None
    last_import_at: str | None
    last_run: dict | None
    previous_run: dict | None
    alerts: pd.DataFrame  # alerts.listing.read_alerts + province
    history: pd.DataFrame
    changes: pd.DataFrame
    blocks: list[SeriesBlock]
    index_table: pd.DataFrame | None = None
    #: how the index was built (:func:`index_note` says it in the brief's language), or why there is none
    index_info: dict = field(default_factory=dict)
    index_top_k: int = 5
    series: dict[tuple, tuple[pd.DatetimeIndex, np.ndarray]] = field(default_factory=dict)
    regions: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: the meeting this brief follows (None: no meeting recorded yet) and the time the brief's
    #: "since the last meeting" starts from (:func:`alerts.meeting.marker_time`)
    marker: Marker | None = None
    meeting_since: str = ""
    #: the inbox's "Since the last meeting" view: the alerts on the agenda, each with its ``why``
    agenda: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: what people decided since the last meeting (:func:`alerts.meeting.decisions_since`)
    decisions: pd.DataFrame = field(default_factory=pd.DataFrame)

    def agenda_situations(self) -> pd.DataFrame:
        """The inbox's "Since the last meeting" rows: one per situation, with why it is there."""
        out = situations(self.agenda)
        why = situation_reasons(self.agenda)
        out["why"] = [why.get(int(s), "") for s in out["situation_id"]] if len(out) else []
        return out

    @property
    def active_alerts(self) -> pd.DataFrame:
        """What the inbox's default view lists: alerts that need a decision now."""
        return select_alerts(self.alerts, active=True)

    @property
    def counts(self) -> Counts:
        """The inbox's numbers: active situations and alerts by severity."""
        return active_counts(self.alerts)

    def by_severity(self) -> pd.DataFrame:
        """Active situations and alerts (columns) by severity (rows, worst first)."""
        c = self.counts
        return pd.DataFrame({"situations": c.situations, "alerts": c.alerts}).reindex(list(SEVERITIES))

    def by_province(self) -> pd.DataFrame:
        """Active alerts per province (rows, most first; "" for regions without one) and
        severity (columns), with a total."""
        o = self.active_alerts
        t = pd.crosstab(o["province"], o["severity"])
        t = t.reindex(columns=list(SEVERITIES), fill_value=0)
        t["total"] = t.sum(axis=1)
        return t.sort_values(["total", "high"], ascending=False)

    def change_counts(self) -> pd.Series:
        return self.changes["change"].value_counts().reindex(list(CHANGE_KINDS), fill_value=0)

    def headline(self, n: int = 7) -> pd.DataFrame:
        """The active alerts a meeting should see first: current ones, then by severity and score;
        one per region and base indicator (a gap and its polarization index tell one story)."""
        o = self.active_alerts.copy()
        if o.empty:
            return o
        latest = self.latest_period or pd.Timestamp(o["last_period"].max())
        recent = (latest - pd.DateOffset(months=CURRENT_MONTHS)).strftime("%Y-%m-%d")
        o["_current"] = (o["last_period"] >= recent).astype(int)
        o["_sev"] = severity_rank(o["severity"])
        o["_base"] = o["indicator"].str.split(":").str[0]
        o = o.sort_values(["_current", "_sev", "score", "id"], ascending=[False, False, False, True])
        o = o.drop_duplicates(["region", "_base"])
        return o.head(n).drop(columns=["_current", "_sev", "_base"])


def _runs(conn: object) -> list[dict]:
    df = records.latest_runs(conn, 2)
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
    out = out.assign(_o=out["change"].map(order), _s=-severity_rank(out["severity"]))
    out = out.sort_values(["_o", "_s", "alert_id"])
    cols = ["change", "alert_id", "region", "province", "indicator", "group", "severity", "status",
            "first_period", "last_period", "score", "at", "actor", "note"]
    return out[cols].reset_index(drop=True)


def _series_blocks(panels: list, alerts: pd.DataFrame, provinces: dict, units: dict) -> list[SeriesBlock]:
    """The last ``TABLE_PERIODS`` periods of every series behind the given alerts, per frequency."""
    blocks = []
    for panel in panels:
        keys = panel.keys.reset_index(drop=True)
        a = alerts[alerts["freq"] == panel.freq]
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
        sev = severity_rank(a["severity"])
        for r, lo, hi, s in zip(pos, first, last, sev):
            episode[r, lo:hi] = np.maximum(episode[r, lo:hi], s)
        k = keys.iloc[rows].reset_index(drop=True)
        worst = pd.Series(sev, index=pos).groupby(level=0).max()
        ids = pd.Series(a["id"].astype(str).to_numpy(), index=pos).groupby(level=0).agg(", ".join)
        k["province"] = k["region"].map(provinces).fillna("")
        k["unit"] = k["indicator"].str.split(":").str[0].map(units).fillna("")
        k["severity"] = worst.reindex(range(len(rows))).map({v: n for n, v in SEVERITY_RANK.items()}).to_numpy()
        k["alerts"] = ids.reindex(range(len(rows))).to_numpy()
        order = np.lexsort((k["group"], k["indicator"], k["region"], k["province"]))
        blocks.append(SeriesBlock(panel.freq, periods, k.iloc[order].reset_index(drop=True)[
            ["region", "province", "indicator", "group", "kind", "unit", "severity", "alerts"]],
            panel.values[rows][order, t0:], episode[order]))
    return blocks


def _index(project: Project, obs: pd.DataFrame, codebook: pd.DataFrame) -> tuple[pd.DataFrame | None, dict, int]:
    """The composite index ranking with its sensitivity and how it was built, or why there is none."""
    try:
        from workbench.models.composite import aggregate_names, compute_index
        from workbench.models.composite_store import get_or_create
    except ImportError:
        return None, {"missing": True}, 5
    try:
        definition = get_or_create(project, None)
        result = compute_index(obs, definition, codebook, leave_out=aggregate_names(project))
    except WorkbenchError as err:
        return None, {"error": str(err)}, 5
    info = {"name": definition.name, "period": result.period, "components": len(definition.components),
            "normalization": definition.normalization, "weighting": definition.weighting,
            "aggregation": definition.aggregation, "draws": definition.draws,
            "vary_methods": bool(definition.vary_methods), "top_k": definition.top_k}
    return result.table, info, definition.top_k


def index_note(d: BriefData, lang: Language) -> str:
    """How the index was built (or why there is none), in ``lang``. The method names
    (normalisation, weighting, aggregation) are the index definition's own words."""
    i = d.index_info
    if i.get("missing"):
        return lang._("The composite index is not available in this installation.")
    if "error" in i:
        return lang._("No index: {error}", error=i["error"])  # the core's message, in English
    if not i:
        return ""
    draws = (lang._("{draws} Monte Carlo draws of weights and methods", draws=lang.count(i["draws"]))
             if i["vary_methods"] else lang._("{draws} Monte Carlo draws of weights", draws=lang.count(i["draws"])))
    return lang._("Index '{name}' at {period}: {components} components, {normalization} normalisation, "
                  "{weighting} weights, {aggregation} aggregation; rank interval = 5th to 95th percentile of the ranks over {draws}; "
                  "top-{k} share = share of draws ranking the region in the top {k}. Rank 1 = most at risk.",
                  name=i["name"], period=lang.month_year(i["period"]), components=i["components"],
                  normalization=i["normalization"], weighting=i["weighting"], aggregation=i["aggregation"],
                  draws=draws, k=i["top_k"])


def collect_brief(project_path: str | Path, *, now: dt.datetime | None = None) -> BriefData:
    """Read the project (read-only) and compute what both briefs show."""
    from workbench.models.series import build_panels

    with open_project(project_path, readonly=True) as project:
        path = Path(project.path)  # a server project's path is its database name
        conn = project.conn
        regions = project.regions()
        provinces = region_provinces(regions)
        codebook = project.indicators()
        alerts = read_alerts(conn, now=now, latest=project_latest_periods(project), regions=regions,
                             indicators=codebook)
        alerts.insert(alerts.columns.get_loc("region") + 1, "province", alerts["region"].map(provinces).fillna(""))
        history = history_frame(conn)
        marker = read_marker(project)
        runs = _runs(conn)
        obs = project.observations()
        imports = project.imports()
        index_table, index_info, top_k = _index(project, obs, codebook)
    valid = obs.loc[obs["value"].notna(), "period"]
    latest = pd.Timestamp(valid.max()) if len(valid) else None
    panels = build_panels(obs, codebook) if len(obs) else []
    units = dict(zip(codebook["key"], codebook["unit"].fillna("")))
    blocks = _series_blocks(panels, select_alerts(alerts, active=True), provinces, units)
    series = {}
    for panel in panels:
        for i, key in enumerate(panel.keys[["region", "indicator", "group", "kind"]].itertuples(index=False, name=None)):
            series[(panel.freq, *key)] = (panel.periods, panel.values[i])
    if index_table is not None:
        index_table = index_table.copy()
        index_table.insert(1, "province", index_table["region"].map(provinces).fillna(""))
    since = agenda_start(marker, history, now=now)  # a second brief of one meeting: the same agenda
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
        index_info=index_info,
        index_top_k=top_k,
        series=series,
        regions=regions,
        marker=marker,
        meeting_since=since,
        agenda=since_meeting(alerts, history, since),
        decisions=decisions_since(history, since),
    )


def meeting_title(d: BriefData, lang: Language | None = None) -> str:
    """What the meeting sheet and page are about: since when, and what set that date."""
    lang = lang or Language()
    m = d.marker
    if m is None:
        return lang._("Since the last meeting: none recorded yet, so the last 7 days")
    at = m.at[:16].replace("T", " ")
    if m.source == "brief":
        return lang._("Since the last meeting, {at} UTC (the last brief, by {who})", at=at, who=m.set_by)
    return lang._("Since the last meeting, {at} UTC (the date set, by {who})", at=at, who=m.set_by)


def agenda_sentence(d: BriefData, L: Language) -> str:
    """"3 situations (5 alerts) on the agenda: 2 new, 0 escalated, 1 changed, 2 overdue; 4
    decisions and notes since", in ``L``: the meeting sheet's and page's count line."""
    counts = {r: int(d.agenda["why"].str.contains(r, regex=False).sum()) if len(d.agenda) else 0
              for r in ("new", "escalated", "changed", "overdue")}
    return L._("{situations} ({alerts}) on the agenda: {reasons}; {decisions} since",
               situations=L.ngettext("{n} situation", "{n} situations", len(d.agenda_situations())),
               alerts=L.ngettext("{n} alert", "{n} alerts", len(d.agenda)),
               reasons=L.join([L.ngettext("{n} new", "{n} new", counts["new"]),
                               L.ngettext("{n} escalated", "{n} escalated", counts["escalated"]),
                               L.ngettext("{n} changed", "{n} changed", counts["changed"]),
                               L.ngettext("{n} overdue", "{n} overdue", counts["overdue"])]),
               decisions=L.ngettext("{n} decision or note", "{n} decisions and notes", len(d.decisions)))


def alert_series(data: BriefData, alert: pd.Series) -> tuple[pd.DatetimeIndex, np.ndarray] | None:
    """The series an alert was raised on, as the models saw it."""
    return data.series.get((alert["freq"], alert["region"], alert["indicator"], alert["group"], alert["kind"]))


def risk_grid(data: BriefData, months: int = 24) -> RiskGrid:
    """The desktop's heatmap (:func:`alerts.views.risk_grid`) over the last ``months`` months
    up to the latest data."""
    end = data.latest_period
    start = None if end is None else end - pd.DateOffset(months=months - 1)
    return views_risk_grid(data.alerts, data.regions, start, end).window(months)
