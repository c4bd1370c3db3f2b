"""What the screens and the brief draw from a list of alerts: situations, badges, heatmap, counts.

Every function takes the frame of :func:`alerts.listing.read_alerts` (or a selection of it by
:func:`alerts.listing.select_alerts`) and nothing else, so a view is always "these alerts,
grouped or counted this way": ``workbench alerts --situations``, the desktop inbox, the tree
badges, the map, the heatmap and the brief's counts follow one definition each.

- A **situation** row summarises the *listed* alerts of one situation: in the Active view
  (``--active``) its severity, alert count and ids are those of its active alerts, so the
  inbox's counts add up to the tree's badges and to the brief's.
- The **heatmap** paints each district x month with the strongest alert covering it,
  dismissed and withdrawn alerts left out; a quarterly or yearly alert covers every month
  of its periods.
Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alerts.listing import select_alerts
from workbench.vocabulary import NOT_ON_HEATMAP, OPEN, SEVERITY_RANK, STATUSES, WORST_FIRST, severity_name, severity_rank

SITUATION_COLUMNS = [
    "situation_id", "region", "region_id", "severity", "status", "statuses", "alerts", "indicators",
    "first_period", "last_period", "alert_ids", "max_score", "age_days", "newest_age_days", "is_open",
    "active", "ongoing", "historical", "months_since_end",
]
_MONTHS_OF = {"Q": 3, "Y": 12}


def situations(alerts: pd.DataFrame) -> pd.DataFrame:
    """One row per situation of the given alerts, worst first (severity, then latest, then id).

    ``severity``: the worst of the listed alerts; ``status``: the one to act on (an active
    alert's first, then an open one's, then in lifecycle order); ``statuses``: how many of
    each; ``alerts`` and ``alert_ids`` (worst first): the listed alerts; ``active``: any of
    them active; ``historical``: some historical and none active.
    """
    if alerts.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SITUATION_COLUMNS})
    status_rank = {s: i for i, s in enumerate(STATUSES)}
    a = alerts.assign(
        _sev=severity_rank(alerts["severity"]),
        _open=alerts["status"].isin(OPEN).to_numpy(),
        _st=alerts["status"].map(status_rank).fillna(len(STATUSES)).to_numpy(),
        _score=alerts["score"].astype(float).fillna(-np.inf).to_numpy(),
        _sid=alerts["situation_id"].fillna(alerts["id"]).astype(np.int64).to_numpy(),
        _act=alerts["active"].to_numpy(dtype=bool) if "active" in alerts else False,
        # Dates, not text: min/max over text falls back to a Python loop per situation.
        _first=pd.to_datetime(alerts["first_period"], format="%Y-%m-%d"),
        _last=pd.to_datetime(alerts["last_period"], format="%Y-%m-%d"),
    )
    # Worst first inside each situation: that order gives the ids and indicators their order.
    a = a.sort_values(["_sid", "_sev", "_score", "id"], ascending=[True, False, False, True], kind="stable")
    g = a.groupby("_sid", sort=False)
    acting = a.sort_values(["_sid", "_act", "_open", "_st"], ascending=[True, False, False, True],
                           kind="stable").groupby("_sid", sort=False)["status"].first()
    first = g.head(1).set_index("_sid")
    sid = first.index
    out = pd.DataFrame({
        "situation_id": sid.to_numpy(dtype=np.int64),
        "region": first["region"].to_numpy(),
        "region_id": first["region_id"].to_numpy() if "region_id" in a else np.full(len(sid), -1),
        "severity": [severity_name(r) for r in g["_sev"].max().reindex(sid)],
        "status": acting.reindex(sid).to_numpy(),
        "statuses": g["status"].agg(_status_counts).reindex(sid).to_numpy(),
        "alerts": g.size().reindex(sid).to_numpy(dtype=np.int64),
        "indicators": g["indicator"].agg(lambda s: ", ".join(dict.fromkeys(s))).reindex(sid).to_numpy(),
        "first_period": g["_first"].min().reindex(sid).dt.strftime("%Y-%m-%d").to_numpy(),
        "last_period": g["_last"].max().reindex(sid).dt.strftime("%Y-%m-%d").to_numpy(),
        "alert_ids": g["id"].agg(lambda s: [int(i) for i in s]).reindex(sid).to_numpy(),
        "max_score": g["score"].max().reindex(sid).to_numpy(dtype=float),
        "age_days": _agg(g, a, "age_days", "max", sid),
        "newest_age_days": _agg(g, a, "age_days", "min", sid),
        "is_open": g["_open"].any().reindex(sid).to_numpy(dtype=bool),
        "active": _agg(g, a, "active", "any", sid).astype(bool),
        "ongoing": _agg(g, a, "ongoing", "any", sid).astype(bool),
        "historical": (_agg(g, a, "historical", "any", sid).astype(bool) & ~_agg(g, a, "active", "any", sid).astype(bool)),
        "months_since_end": _agg(g, a, "months_since_end", "min", sid),
    })
    out["_sev"] = severity_rank(out["severity"])
    out = out.sort_values(["_sev", "last_period", "situation_id"], ascending=[False, False, True], kind="stable")
    return out[SITUATION_COLUMNS].reset_index(drop=True)


def _agg(g: object, a: pd.DataFrame, col: str, how: str, index: pd.Index) -> np.ndarray:
    """An aggregate of an optional column (a frame from an older reader may lack it)."""
    if col not in a:
        return np.zeros(len(index), dtype=float)
    return getattr(g[col], how)().reindex(index).to_numpy(dtype=float)


def _status_counts(s: pd.Series) -> str:
    counts = s.value_counts()
    order = [x for x in STATUSES if x in counts.index]
    return ", ".join(f"{k} {int(counts[k])}" for k in order)


def situations_for_output(frame: pd.DataFrame) -> pd.DataFrame:
    """The ``workbench alerts --situations`` columns: ids as one space-separated text."""
    cols = ["situation_id", "region", "severity", "alerts", "indicators", "first_period", "last_period",
            "statuses", "alert_ids", "max_score"]
    out = frame[cols].copy()
    out["alert_ids"] = [" ".join(str(i) for i in sorted(ids)) for ids in out["alert_ids"]]
    return out


def region_risk(alerts: pd.DataFrame) -> dict[int, tuple[str, int]]:
    """``region_id -> (worst severity, count)`` of ACTIVE alerts: the tree's badges and the map.

    Active, not merely open: after a first run over years of history most open alerts are
    episodes that ended long ago, and counting them paints every district red.
    """
    if alerts.empty:
        return {}
    act = alerts[alerts["active"].to_numpy(dtype=bool) & (alerts["region_id"].to_numpy() >= 0)]
    g = pd.Series(severity_rank(act["severity"]), index=act.index).groupby(act["region_id"].to_numpy())
    worst, count = g.max(), g.size()
    return {int(rid): (severity_name(w) or "low", int(count[rid])) for rid, w in worst.items()}


@dataclass(frozen=True)
class Counts:
    """What needs a decision now, counted one way for the inbox, the brief and the tree."""

    situations: dict[str, int]  # active situations by severity, worst first
    alerts: dict[str, int]  # active alerts by severity, worst first
    historical_situations: int  # rows of the inbox's Historical view
    all_situations: int  # rows of the inbox's All view

    @property
    def active_situations(self) -> int:
        return sum(self.situations.values())

    @property
    def active_alerts(self) -> int:
        return sum(self.alerts.values())


def active_counts(alerts: pd.DataFrame) -> Counts:
    """The inbox's views in numbers: the Active view's situations and alerts by severity, and
    how many rows the Historical and All views list."""
    if alerts.empty:
        zero = {s: 0 for s in WORST_FIRST}
        return Counts(zero, dict(zero), 0, 0)
    active = select_alerts(alerts, active=True)
    sit = situations(active)
    sid = alerts["situation_id"].fillna(alerts["id"])
    return Counts(
        situations={s: int((sit["severity"] == s).sum()) for s in WORST_FIRST},
        alerts={s: int((active["severity"] == s).sum()) for s in WORST_FIRST},
        historical_situations=int(sid[alerts["historical"].to_numpy(dtype=bool)].nunique()),
        all_situations=int(sid.nunique()),
    )


@dataclass
class RiskGrid:
    """Districts x months, each cell the strongest alert covering it (0 none, 1 low .. 3 high)."""

    region_ids: np.ndarray  # rows
    regions: list[str]  # names
    provinces: list[str]
    months: pd.DatetimeIndex  # columns, first day of each month
    strength: np.ndarray  # float, rows x months
    alert: np.ndarray  # int64 alert id per cell, -1 = none

    def window(self, months: int) -> RiskGrid:
        """The last ``months`` columns (the brief's view of the same grid)."""
        k = max(len(self.months) - months, 0)
        return RiskGrid(self.region_ids, self.regions, self.provinces, self.months[k:],
                        self.strength[:, k:], self.alert[:, k:])


def risk_grid(alerts: pd.DataFrame, regions: pd.DataFrame, first: pd.Timestamp | None,
              last: pd.Timestamp | None) -> RiskGrid:
    """The heatmap from ``first`` to ``last`` (months): districts sorted by province then name.

    ``regions`` is the project's region table (id, name, parent_id, level). A cell takes the
    strongest alert covering it, then the highest score; dismissed and withdrawn alerts are
    left out. None for ``first``/``last`` (no data yet): this month only.
    """
    leaf = regions[regions["level"].isin(["district", "other"])]
    parent_name = dict(zip(regions["id"], regions["name"]))
    province = leaf["parent_id"].map(parent_name).fillna("").astype(str)
    order = np.lexsort((leaf["name"].astype(str).to_numpy(), province.to_numpy()))
    ids = leaf["id"].to_numpy(np.int64)[order]
    names = [str(n) for n in leaf["name"].to_numpy()[order]]
    provinces = [str(p) for p in province.to_numpy()[order]]
    today = pd.Timestamp.now().to_period("M").to_timestamp()
    start = pd.Timestamp(first).to_period("M").to_timestamp() if first is not None else today
    end = pd.Timestamp(last).to_period("M").to_timestamp() if last is not None else today
    months = pd.date_range(start, max(start, end), freq="MS")
    m0 = start.year * 12 + start.month - 1
    strength = np.zeros((len(ids), len(months)))
    alert = np.full((len(ids), len(months)), -1, dtype=np.int64)
    a = alerts[~alerts["status"].isin(NOT_ON_HEATMAP)] if len(alerts) else alerts
    if len(a):
        row_of = pd.Series(np.arange(len(ids)), index=ids)
        rows = a["region_id"].map(row_of)
        a, rows = a[rows.notna().to_numpy()], rows[rows.notna()].to_numpy(dtype=int)
        lo_p = pd.to_datetime(a["first_period"], format="%Y-%m-%d")
        hi_p = pd.to_datetime(a["last_period"], format="%Y-%m-%d")
        lo = (lo_p.dt.year * 12 + lo_p.dt.month - 1).to_numpy() - m0
        span = a["freq"].map(_MONTHS_OF).fillna(1).to_numpy(dtype=int)
        hi = (hi_p.dt.year * 12 + hi_p.dt.month - 1).to_numpy() - m0 + span  # exclusive
        lo, hi = np.clip(lo, 0, len(months)), np.clip(hi, 0, len(months))
        sev = severity_rank(a["severity"])
        score = a["score"].astype(float).fillna(0.0).to_numpy()
        ids_a = a["id"].to_numpy(np.int64)
        # Weakest first, so the strongest (severity, then score, then the newest id) is written last.
        for k in np.lexsort((ids_a, score, sev)):
            if hi[k] > lo[k]:
                strength[rows[k], lo[k]:hi[k]] = np.maximum(strength[rows[k], lo[k]:hi[k]], sev[k])
                cells = strength[rows[k], lo[k]:hi[k]] == sev[k]
                alert[rows[k], lo[k]:hi[k]][cells] = ids_a[k]
    return RiskGrid(ids, names, provinces, months, strength, alert)


__all__ = [
    "NOT_ON_HEATMAP", "SEVERITY_RANK", "SITUATION_COLUMNS", "Counts", "RiskGrid", "active_counts",
    "region_risk", "risk_grid", "situations", "situations_for_output",
]
