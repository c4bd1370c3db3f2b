"""Group alerts of one region in overlapping months into one situation.

A meeting wants "Kibali: four indicators worsening since March", not four rows. Alerts of
one region whose period ranges overlap (directly or through a chain of overlaps) share a
``situation_id``: the smallest alert id of the group, so it is stable across re-runs and
only changes when the grouping itself does. Withdrawn alerts keep whatever they had.
"""

from __future__ import annotations

import sqlite3

import pandas as pd

from alerts import records


def situation_ids(alerts: pd.DataFrame) -> pd.Series:
    """``situation_id`` per alert (index aligned) from id, region, first_period, last_period."""
    if alerts.empty:
        return pd.Series(dtype="int64")
    df = alerts[["id", "region", "first_period", "last_period"]].copy()
    df["first"] = pd.to_datetime(df["first_period"])
    df["last"] = pd.to_datetime(df["last_period"])
    df = df.sort_values(["region", "first", "id"])
    reach = df.groupby("region")["last"].cummax()
    prev_reach = reach.groupby(df["region"]).shift()
    new_group = prev_reach.isna() | (df["first"] > prev_reach)
    group = new_group.cumsum()
    sid = df.groupby(group)["id"].transform("min")
    return sid.reindex(alerts.index).astype("int64")


def assign_situations(conn: sqlite3.Connection) -> int:
    """Recompute situations of all non-withdrawn alerts; returns how many rows changed."""
    alerts = records.situation_inputs(conn)
    if alerts.empty:
        return 0
    alerts["new_sid"] = situation_ids(alerts)
    old = alerts["situation_id"]
    changed = alerts[old.isna() | (old.fillna(-1).astype("int64") != alerts["new_sid"])]
    records.set_situations(conn, list(zip(changed["new_sid"].astype(int).tolist(), changed["id"].astype(int).tolist())))
    return len(changed)
