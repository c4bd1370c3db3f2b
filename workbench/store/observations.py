"""Reads of the observations that do not pull them all into a frame: the latest period per
frequency, one row per series aggregated by the database, one series' values, and every
value in batches as days since 1970 (the desktop's data table reads a million this way
without freezing the window).

Each takes an open project's connection, a project file's or a team server's; where the
two databases' SQL differs (SQLite's ``julianday``) the statement is chosen here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from workbench.store.dialect import is_server_connection

EPOCH_JULIAN = 2440587.5  # julianday('1970-01-01')
SERIES_COLUMNS = ["region_id", "indicator_id", "group", "grp_max", "n", "n_values", "first", "last",
                  "last_value_period", "freq"]


def latest_periods(conn: Any) -> dict[str, str]:
    """``freq -> latest period with a value`` over the whole project (ISO dates)."""
    rows = conn.execute(
        "SELECT freq, max(period) FROM observation WHERE value IS NOT NULL GROUP BY freq"
    ).fetchall()
    return {str(f): str(p)[:10] for f, p in rows if p is not None}


def series_summary(conn: Any) -> pd.DataFrame:
    """One row per series, aggregated inside the database (no observation crosses into Python):
    :data:`SERIES_COLUMNS` (``grp_max`` equals ``group`` per row).

    Grouping by (region, indicator) follows the primary key and needs no sort; only when
    some series are split by population group is the slower per-group aggregate needed.
    """
    cols = ("count(*), count(value), min(period), max(period),"
            " max(CASE WHEN value IS NOT NULL THEN period END), min(freq)")
    rows = conn.execute(
        f"SELECT region_id, indicator_id, min(grp), max(grp), {cols} FROM observation"
        " GROUP BY region_id, indicator_id"
    ).fetchall()
    frame = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    if len(frame) and (frame["group"] != frame["grp_max"]).any():
        rows = conn.execute(
            f"SELECT region_id, indicator_id, grp, grp, {cols} FROM observation"
            " GROUP BY region_id, indicator_id, grp ORDER BY region_id, indicator_id, grp"
        ).fetchall()
        frame = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    elif len(frame) and is_server_connection(conn):
        frame = frame.sort_values(["region_id", "indicator_id"], kind="stable").reset_index(drop=True)
    return frame


def series_values(conn: Any, region_id: int, indicator_id: int, group: str) -> list[tuple[str, float | None]]:
    """``(period, value)`` of one series in period order, through the primary key."""
    return conn.execute(
        "SELECT period, value FROM observation WHERE region_id = ? AND indicator_id = ? AND grp = ?"
        " ORDER BY period",
        (int(region_id), int(indicator_id), str(group)),
    ).fetchall()


def observation_days(conn: Any, batch_rows: int) -> Iterator[list[tuple[int, int, str, int, float | None]]]:
    """Every observation as ``(region_id, indicator_id, grp, days since 1970, value)`` in
    primary-key order (series, then period), ``batch_rows`` at a time.

    Days as integers: numbers cross into Python far faster than date text.
    """
    if is_server_connection(conn):
        cur = conn.execute(
            "SELECT region_id, indicator_id, grp, CAST(period AS date) - DATE '1970-01-01', value"
            " FROM observation ORDER BY region_id, indicator_id, period, grp"
        )
    else:
        cur = conn.execute(
            "SELECT region_id, indicator_id, grp, CAST(julianday(period) - ? AS INTEGER), value"
            " FROM observation ORDER BY region_id, indicator_id, period, grp",  # primary-key order: no sort
            (EPOCH_JULIAN - 0.5,),
        )
    while batch := cur.fetchmany(batch_rows):
        yield batch


def meta_items(conn: Any) -> dict[str, str]:
    """The project's ``meta`` table (its id, creation, version), key to value."""
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


__all__ = ["EPOCH_JULIAN", "SERIES_COLUMNS", "latest_periods", "meta_items", "observation_days",
           "series_summary", "series_values"]
