"""What the screens and the brief draw from a list of alerts: situations, badges, heatmap, counts.

Every function takes the frame of :func:`alerts.listing.read_alerts` (or a selection of it by
:func:`alerts.listing.select_alerts`) and nothing else, so a view is always "these alerts,
grouped or counted this way": ``workbench alerts --situations``, the desktop inbox, the tree
badges, the map, the heatmap and the brief's counts follow one definition each.

- A **situation** row summarises the *listed* alerts of one situation: in the Active view
  (``--active``) its severity, alert count and ids are those of its active alerts, so the
  inbox's counts add up to the tree's badges and to the brief's.
- The **heatmap** paints each district x month with the strongest alert covering it,
  dismissed and withdrawn alerts left out, protracted situations marked apart; a quarterly or
  yearly alert covers every month of its periods.
- **Rising risk now** (the map's default, over the same recent months as the heatmap's
  window): the alerts active or last flagged in the window (:func:`recent_alerts`).
Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.vocabulary import NOT_ON_HEATMAP, OPEN, SEVERITY_RANK, STATUSES, WORST_FIRST, severity_name, severity_rank

SITUATION_COLUMNS = [
    "situation_id", "region", "region_id", "severity", "status", "statuses", "status_counts", "alerts", "indicators",
    "indicator_list",
    "first_period", "last_period", "alert_ids", "max_score", "age_days", "newest_age_days", "is_open",
    "active", "ongoing", "historical", "months_since_end",
]
_MONTHS_OF = {"Q": 3, "Y": 12}


def situations(alerts: pd.DataFrame) -> pd.DataFrame:
    """One row per situation of the given alerts, worst first (severity, then latest, then id).

    ``severity``: the worst of the listed alerts; ``status``: the one to act on (an active
    alert's first, then an open one's, then in lifecycle order); ``statuses``: how many of
    each (text, lifecycle order); ``status_counts``: the same as ``[(status, count), ...]``
    with the status to act on first (the inbox's Status column: a situation groups alerts
    that may be in different states, and the meeting must see all of them); ``alerts`` and
    ``alert_ids`` (worst first): the listed alerts; ``indicators``: their indicators, worst
    first, as text, and ``indicator_list`` as a list (the desktop joins it in the language
    shown); ``active``: any of them active; ``historical``: some historical and none active.

    Vectorised (one sort, then ``reduceat`` over each situation's run of rows): the inbox
    recomputes it on every filter and after every decision.
    """
    n = len(alerts)
    if not n:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SITUATION_COLUMNS})
    status_rank = {st: i for i, st in enumerate(STATUSES)}
    sid = alerts["situation_id"].fillna(alerts["id"]).to_numpy(dtype=np.int64)
    sev = severity_rank(alerts["severity"])
    score = alerts["score"].to_numpy(dtype=float)
    ids = alerts["id"].to_numpy(dtype=np.int64)
    status = alerts["status"].to_numpy(dtype=object)
    st = np.array([status_rank.get(x, len(STATUSES)) for x in status])
    is_open = np.isin(status, OPEN)

    def col(name: str, default: float) -> np.ndarray:
        return alerts[name].to_numpy(dtype=float) if name in alerts else np.full(n, default)

    act, ongoing, hist = col("active", 0) > 0, col("ongoing", 0) > 0, col("historical", 0) > 0
    # Worst first inside each situation: that order gives the ids and indicators their order.
    order = np.lexsort((ids, -np.nan_to_num(score, nan=-np.inf), -sev, sid))
    sid_o = sid[order]
    starts = np.r_[0, np.flatnonzero(sid_o[1:] != sid_o[:-1]) + 1]
    ends = np.r_[starts[1:], n]
    # The status to act on: an active alert's, then an open one's, then in lifecycle order.
    acting = np.lexsort((st, ~is_open, ~act, sid))
    first = pd.to_datetime(alerts["first_period"], format="%Y-%m-%d").to_numpy().astype("datetime64[D]")
    last = pd.to_datetime(alerts["last_period"], format="%Y-%m-%d").to_numpy().astype("datetime64[D]")
    with np.errstate(invalid="ignore"):
        max_score = np.fmax.reduceat(score[order], starts)
    counts = np.zeros((n, len(STATUSES) + 1), dtype=np.int64)
    counts[np.arange(n), st[order]] = 1
    per_status = np.add.reduceat(counts, starts, axis=0)
    names = (*STATUSES, "other")
    indicators = alerts["indicator"].to_numpy(dtype=object)[order]
    indicator_list = [list(dict.fromkeys(indicators[a:b])) for a, b in zip(starts, ends)]
    acting_status = status[acting][starts]
    ids_o = ids[order]
    region_id = alerts["region_id"].to_numpy() if "region_id" in alerts else np.full(n, -1)
    age = col("age_days", 0.0)[order]
    out = pd.DataFrame({
        "situation_id": sid_o[starts],
        "region": alerts["region"].to_numpy(dtype=object)[order][starts],
        "region_id": region_id[order][starts],
        "severity": [severity_name(r) for r in np.maximum.reduceat(sev[order], starts)],
        "status": acting_status,
        "statuses": [", ".join(f"{names[k]} {c[k]}" for k in np.flatnonzero(c)) for c in per_status],
        "status_counts": [_acting_first([(names[k], int(c[k])) for k in np.flatnonzero(c)], first)
                          for c, first in zip(per_status, acting_status)],
        "alerts": (ends - starts).astype(np.int64),
        "indicators": [", ".join(names_) for names_ in indicator_list],
        "indicator_list": indicator_list,
        "first_period": np.datetime_as_string(np.minimum.reduceat(first[order], starts), unit="D"),
        "last_period": np.datetime_as_string(np.maximum.reduceat(last[order], starts), unit="D"),
        "alert_ids": [ids_o[a:b].tolist() for a, b in zip(starts, ends)],
        "max_score": max_score,
        "age_days": np.maximum.reduceat(age, starts),
        "newest_age_days": np.minimum.reduceat(age, starts),
        "is_open": np.logical_or.reduceat(is_open[order], starts),
        "active": np.logical_or.reduceat(act[order], starts),
        "ongoing": np.logical_or.reduceat(ongoing[order], starts),
        "historical": np.logical_or.reduceat(hist[order], starts) & ~np.logical_or.reduceat(act[order], starts),
        "months_since_end": np.fmin.reduceat(col("months_since_end", np.nan)[order], starts),
    })
    rank = np.maximum.reduceat(sev[order], starts)
    keep = np.lexsort((out["situation_id"].to_numpy(), _desc(out["last_period"].to_numpy()), -rank))
    return out.iloc[keep].reset_index(drop=True)


def _acting_first(pairs: list[tuple[str, int]], status: str) -> list[tuple[str, int]]:
    """``(status, count)`` pairs in lifecycle order, the status to act on moved to the front."""
    return sorted(pairs, key=lambda p: p[0] != status)  # stable: the others keep their order


def _desc(text: np.ndarray) -> np.ndarray:
    """A sort key that orders ISO dates newest first."""
    return -pd.factorize(text, sort=True)[0]


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


def _protracted(alerts: pd.DataFrame) -> np.ndarray:
    """The listing's ``protracted`` (:func:`alerts.listing.episode_activity`), False when absent."""
    return (alerts["protracted"].to_numpy(dtype=bool) if "protracted" in alerts
            else np.zeros(len(alerts), dtype=bool))


def recent_alerts(alerts: pd.DataFrame, since_period: str) -> pd.DataFrame:
    """The alerts of "rising risk now" over a window starting at ``since_period`` (ISO date):
    **active** (the inbox's definition: :func:`alerts.listing.episode_activity`) or **last
    flagged** on or after ``since_period`` (their episode covers a month of the window: the
    heatmap's cells over the same months), dismissed and withdrawn left out as on the heatmap,
    and protracted situations left out as in the inbox (the new normal, not a rise).

    An alert flagged since 2025-04 and still active is rising risk now, though it STARTED
    before a six-month window; one that ended years ago is not."""
    if alerts.empty:
        return alerts
    keep = ((alerts["active"].to_numpy(dtype=bool) | (alerts["last_period"].astype(str) >= since_period).to_numpy())
            & ~alerts["status"].isin(NOT_ON_HEATMAP).to_numpy() & ~_protracted(alerts))
    return alerts[keep]


def region_risk_recent(alerts: pd.DataFrame, since_period: str) -> dict[int, tuple[str, int]]:
    """``region_id -> (worst severity, count)`` of :func:`recent_alerts`: the map's default
    colouring (a first run over years of history paints everything; this shows where risk is
    rising now)."""
    if alerts.empty:
        return {}
    a = recent_alerts(alerts, since_period)
    a = a[a["region_id"].to_numpy() >= 0]
    g = pd.Series(severity_rank(a["severity"]), index=a.index).groupby(a["region_id"].to_numpy())
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
    how many rows the Historical and All views list (the counts of :func:`situations` of
    those selections, without building their rows)."""
    if alerts.empty:
        zero = {s: 0 for s in WORST_FIRST}
        return Counts(zero, dict(zero), 0, 0)
    sid = alerts["situation_id"].fillna(alerts["id"]).to_numpy(dtype=np.int64)
    sev = severity_rank(alerts["severity"])
    act = alerts["active"].to_numpy(dtype=bool)
    groups, inverse = np.unique(sid[act], return_inverse=True)
    worst = np.zeros(len(groups))
    np.maximum.at(worst, inverse, sev[act])
    return Counts(
        situations={s: int((worst == SEVERITY_RANK[s]).sum()) for s in WORST_FIRST},
        alerts={s: int((sev[act] == SEVERITY_RANK[s]).sum()) for s in WORST_FIRST},
        historical_situations=len(np.unique(sid[alerts["historical"].to_numpy(dtype=bool)])),
        all_situations=len(np.unique(sid)),
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
    #: cells covered only by protracted situations (strength 0 there; ``alert`` names one)
    protracted: np.ndarray | None = None

    def window(self, months: int) -> RiskGrid:
        """The last ``months`` columns (the brief's view of the same grid)."""
        k = max(len(self.months) - months, 0)
        prot = self.protracted[:, k:] if self.protracted is not None else None
        return RiskGrid(self.region_ids, self.regions, self.provinces, self.months[k:],
                        self.strength[:, k:], self.alert[:, k:], prot)


def risk_grid(alerts: pd.DataFrame, regions: pd.DataFrame, first: pd.Timestamp | None,
              last: pd.Timestamp | None) -> RiskGrid:
    """The heatmap from ``first`` to ``last`` (months): districts sorted by province then name.

    ``regions`` is the project's region table (id, name, parent_id, level). A cell takes the
    strongest alert covering it, then the highest score; dismissed and withdrawn alerts are
    left out. A protracted situation (the listing's ``protracted``: the rise became the new
    normal and left the inbox) does not colour a cell by severity, as it counts in no active
    view: the cells only it covers are marked in ``protracted`` (drawn apart, labelled).
    None for ``first``/``last`` (no data yet): this month only.
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
    prot_cells = np.zeros((len(ids), len(months)), dtype=bool)
    prot_alert = np.full((len(ids), len(months)), -1, dtype=np.int64)
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
        prot = _protracted(a)
        # Weakest first, so the strongest (severity, then score, then the newest id) is written last.
        for k in np.lexsort((ids_a, score, sev)):
            if hi[k] <= lo[k]:
                continue
            if prot[k]:
                prot_cells[rows[k], lo[k]:hi[k]] = True
                prot_alert[rows[k], lo[k]:hi[k]] = ids_a[k]
                continue
            strength[rows[k], lo[k]:hi[k]] = np.maximum(strength[rows[k], lo[k]:hi[k]], sev[k])
            cells = strength[rows[k], lo[k]:hi[k]] == sev[k]
            alert[rows[k], lo[k]:hi[k]][cells] = ids_a[k]
    prot_cells &= strength == 0
    alert = np.where(prot_cells, prot_alert, alert)
    return RiskGrid(ids, names, provinces, months, strength, alert, prot_cells)


__all__ = [
    "NOT_ON_HEATMAP", "SEVERITY_RANK", "SITUATION_COLUMNS", "Counts", "RiskGrid", "active_counts",
    "recent_alerts", "region_risk", "region_risk_recent", "risk_grid", "situations", "situations_for_output",
]
