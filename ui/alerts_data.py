"""Alerts as the windows need them: one frame, read on a worker, with situations and age.

Plain Python (no Qt) so the inbox's data is tested headless. The alert table stores the
region by name and the indicator by key; here both are joined to the project's ids so a
click on an alert can open its series. Whether an alert is *active* (needs a decision
now) or *historical* (an episode that ended, never handled) comes from
:func:`alerts.listing.episode_activity`, so the inbox and ``workbench alerts --active``
agree.
"""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pandas as pd

from alerts.listing import episode_activity, latest_periods, periods_between, rule_windows
from workbench.store.project import normalize_key

ALERT_COLUMNS = (
    "id", "rule", "region", "indicator", "grp", "kind", "freq", "method", "first_period", "last_period",
    "peak_period", "severity", "score", "status", "explanation", "situation_id", "previous_alert_id",
    "likelihood", "consequence", "risk_level", "outcome", "dismiss_reason", "snoozed_until", "details",
)
SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}
OPEN_STATUSES = ("new", "acknowledged", "verified", "escalated")


def has_alerts(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alert'").fetchone() is not None


ACTIVITY_COLUMNS = ("periods_since_end", "months_since_end", "ongoing", "historical", "protracted", "active")


def read_alerts(
    conn: sqlite3.Connection,
    regions: pd.DataFrame,
    indicators: pd.DataFrame,
    latest: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Every alert with ``region_id``, ``indicator_id``, ``opened_at``, ``age_days`` and its activity.

    ``latest`` (``freq -> latest period with a value``) saves a scan of the observations
    when the caller already knows it. ``months_since_end`` is the time from the episode's
    last flagged period to the latest data of its frequency, in months whatever the
    frequency, for the inbox's *Episode* column.
    """
    if not has_alerts(conn):
        return pd.DataFrame(columns=[*ALERT_COLUMNS, "region_id", "indicator_id", "opened_at", "age_days",
                                     *ACTIVITY_COLUMNS])
    frame = pd.read_sql_query(
        f"SELECT {', '.join('a.' + c for c in ALERT_COLUMNS)}, e.opened_at, e.n_events"
        " FROM alert a LEFT JOIN (SELECT alert_id, min(at) AS opened_at, count(*) AS n_events"
        " FROM alert_event GROUP BY alert_id) e ON e.alert_id = a.id ORDER BY a.id",
        conn,
    )
    leaf = regions[regions["level"].isin(["district", "other"])]
    by_key = dict(zip(leaf["key"], leaf["id"]))
    by_key.update({k: v for k, v in zip(regions["key"], regions["id"]) if k not in by_key})
    frame["region_id"] = frame["region"].map(lambda r: by_key.get(normalize_key(r), -1)).astype(np.int64)
    ind = dict(zip(indicators["key"], indicators["id"]))
    frame["indicator_id"] = frame["indicator"].map(lambda k: ind.get(normalize_key(k), -1)).astype(np.int64)
    opened = pd.to_datetime(frame["opened_at"], utc=True, format="ISO8601")
    now = pd.Timestamp.now(tz="UTC")
    frame["age_days"] = ((now - opened).dt.total_seconds() / 86400).fillna(0).to_numpy()
    # An alert outside any situation (withdrawn before grouping) is its own, numbered like the
    # CLI numbers it (alerts/listing.py): its own id, which no situation can have.
    frame["situation_id"] = frame["situation_id"].fillna(frame["id"]).astype(np.int64)
    latest = latest_periods(conn) if latest is None else latest
    state = episode_activity(frame, latest, rule_windows(conn))
    for col in state.columns:
        frame[col] = state[col].to_numpy()
    latest_of = frame["freq"].astype(str).map(latest)
    frame["months_since_end"] = periods_between(frame["last_period"], latest_of, pd.Series("M", index=frame.index))
    return frame


def situations(alerts: pd.DataFrame) -> pd.DataFrame:
    """One row per situation: worst severity, a status to act on, where, what, since when.

    A situation is the alerts the alert engine grouped together (same region and time); the
    team works them as one item in the meeting, so the inbox lists situations, not alerts.
    It is *active* when any of its alerts is, *historical* when it has a historical alert
    and none active; its severity and status come from its active alerts first, then its
    open ones, so the row shows what the team must decide on.
    """
    if alerts.empty:
        return pd.DataFrame(columns=["situation_id", "severity", "status", "region", "region_id",
                                     "indicators", "n_alerts", "first_period", "last_period",
                                     "age_days", "newest_age_days", "score", "alert_ids", "is_open", "active", "ongoing",
                                     "historical", "months_since_end"])
    a = alerts.assign(
        # Dates, not text: min/max over text falls back to a Python loop per situation.
        first_period=pd.to_datetime(alerts["first_period"], format="%Y-%m-%d"),
        last_period=pd.to_datetime(alerts["last_period"], format="%Y-%m-%d"),
        _sev=alerts["severity"].map(SEVERITY_RANK).fillna(0),
        _open=alerts["status"].isin(OPEN_STATUSES),
        _status_rank=alerts["status"].map({s: i for i, s in enumerate(OPEN_STATUSES)}).fillna(99),
    )
    # Active alerts decide the situation's severity and status, then open ones, then the rest.
    a = a.sort_values(["situation_id", "active", "_open", "_sev", "score"],
                      ascending=[True, False, False, False, False])
    g = a.groupby("situation_id", sort=False)
    head = g.head(1).set_index("situation_id")
    status_row = a.sort_values(["situation_id", "active", "_open", "_status_rank"],
                               ascending=[True, False, False, True])
    status = status_row.groupby("situation_id", sort=False)["status"].first()
    out = pd.DataFrame({
        "situation_id": head.index.to_numpy(),
        "severity": head["severity"].to_numpy(),
        "status": status.reindex(head.index).to_numpy(),
        "region": head["region"].to_numpy(),
        "region_id": head["region_id"].to_numpy(),
        "indicators": _joined_indicators(a).reindex(head.index).to_numpy(),
        "n_alerts": g.size().reindex(head.index).to_numpy(),
        "first_period": g["first_period"].min().reindex(head.index).dt.strftime("%Y-%m-%d").to_numpy(),
        "last_period": g["last_period"].max().reindex(head.index).dt.strftime("%Y-%m-%d").to_numpy(),
        "age_days": g["age_days"].max().reindex(head.index).to_numpy(),
        "newest_age_days": g["age_days"].min().reindex(head.index).to_numpy(),
        "score": g["score"].max().reindex(head.index).to_numpy(),
        "alert_ids": _id_lists(a).reindex(head.index).to_numpy(),
        "is_open": g["_open"].any().reindex(head.index).to_numpy(),
        "active": g["active"].any().reindex(head.index).to_numpy(dtype=bool),
        "ongoing": g["ongoing"].any().reindex(head.index).to_numpy(dtype=bool),
        "historical": (g["historical"].any() & ~g["active"].any()).reindex(head.index).to_numpy(dtype=bool),
        "months_since_end": g["months_since_end"].min().reindex(head.index).to_numpy(dtype=float),
    })
    return out.reset_index(drop=True)


def _joined_indicators(a: pd.DataFrame) -> pd.Series:
    uniq = a.drop_duplicates(["situation_id", "indicator"])
    sid = uniq["situation_id"].to_numpy()
    cuts = np.flatnonzero(sid[1:] != sid[:-1]) + 1
    parts = np.split(uniq["indicator"].astype(str).to_numpy(), cuts)
    keys = sid[np.r_[0, cuts]] if len(sid) else sid
    return pd.Series([", ".join(p) for p in parts], index=keys)


def _id_lists(a: pd.DataFrame) -> pd.Series:
    """Alert ids per situation, worst first (``a`` is sorted by situation, then severity)."""
    sid = a["situation_id"].to_numpy()
    cuts = np.flatnonzero(sid[1:] != sid[:-1]) + 1
    parts = np.split(a["id"].to_numpy(), cuts)
    keys = sid[np.r_[0, cuts]] if len(sid) else sid
    return pd.Series([p.tolist() for p in parts], index=keys)


def read_history(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every alert event, oldest first (a few per alert, so the whole log fits in memory)."""
    cols = ["alert_id", "at", "actor", "kind", "from_status", "to_status", "note", "details"]
    if not has_alerts(conn):
        return pd.DataFrame(columns=cols)
    frame = pd.read_sql_query(
        f"SELECT {', '.join(cols)} FROM alert_event ORDER BY alert_id, at, event_uid", conn
    )
    frame["details"] = frame["details"].map(lambda d: json.loads(d or "{}"))
    return frame


def region_risk(alerts: pd.DataFrame) -> dict[int, tuple[str, int]]:
    """``region_id -> (worst severity, count)`` of ACTIVE alerts, for the tree's badges and the map.

    Active, not merely open: after a first run over years of history most open alerts are
    episodes that ended long ago, and counting them paints every district red.
    """
    open_ = alerts[alerts["active"].to_numpy(dtype=bool) & (alerts["region_id"] >= 0).to_numpy()]
    g = open_.assign(_r=open_["severity"].map(SEVERITY_RANK).fillna(0)).groupby("region_id")["_r"]
    names = {v: k for k, v in SEVERITY_RANK.items()}
    worst, count = g.max(), g.size()
    return {int(rid): (names.get(int(w), "low"), int(count[rid])) for rid, w in worst.items()}
