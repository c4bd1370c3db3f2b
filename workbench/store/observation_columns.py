"""Observations as numpy columns straight from a project file, and their cached digest.

``Project.observations()`` used to go through ``pandas.read_sql_query`` over a join with
the region and indicator tables: every row came back as Python objects with its district
name and indicator key as fresh strings, and pandas then inferred a type for each column
of millions of objects. Here the observation table is read on its own (its primary-key
order, as the join read it), each column becomes one numpy array in one step, the few
distinct periods, groups and frequencies are parsed once and spread with their codes, and
names come from the small region and indicator tables. The frame built from the columns
is the one the join gave (same columns, order and types; ``tests/test_store_columns.py``).

The data fingerprint (a SHA-256 of every observation, recorded with each model run) is
computed from the same columns and kept in the project's ``meta`` table. It is dropped by
the one place that writes observations (:meth:`Project.write_observations`, in the same
transaction) and is only trusted while the newest import is the one it was computed at,
so an import by a program that does not know about it still invalidates it. A re-run on
unchanged data therefore reads the digest instead of hashing every value again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import pandas as pd

#: ``meta`` key of the cached fingerprint: JSON ``{"fingerprint", "import"}``.
FINGERPRINT_KEY = "observation_fingerprint"


@dataclass(frozen=True)
class ObservationColumns:
    """Every observation of a read, as parallel arrays (row ``i`` of each is one observation)."""

    region_id: np.ndarray  # int32
    indicator_id: np.ndarray  # int32
    period_code: np.ndarray  # int32 index into period_days
    period_days: np.ndarray  # datetime64, the distinct periods' first days, sorted
    group_code: np.ndarray  # index into group_names ('' for the whole population)
    value: np.ndarray  # float64, NaN where reported missing
    freq_code: np.ndarray  # index into freq_names ('W', 'M', 'Q', 'Y' ...)
    group_names: np.ndarray  # object, sorted
    freq_names: np.ndarray  # object
    region_names: dict[int, str]
    indicator_keys: dict[int, str]
    newest_import: int | None = None  # the project's newest import when they were read

    @property
    def period(self) -> np.ndarray:
        """Each row's period (datetime64 of its first day)."""
        return self.period_days[self.period_code]

    @property
    def group(self) -> np.ndarray:
        """Each row's group, as references to one str object per distinct group."""
        return self.group_names[self.group_code] if len(self.group_names) else np.zeros(0, dtype=object)

    @property
    def freq(self) -> np.ndarray:
        return self.freq_names[self.freq_code] if len(self.freq_names) else np.zeros(0, dtype=object)

    def __len__(self) -> int:
        return int(self.value.size)

    def frame(self, with_ids: bool = False) -> pd.DataFrame:
        """The canonical long frame of :meth:`Project.observations`."""
        data: dict[str, Any] = {}
        if with_ids:
            data["region_id"] = self.region_id.astype(np.int64)
            data["indicator_id"] = self.indicator_id.astype(np.int64)
        data["region"] = _names(self.region_id, self.region_names)
        data["indicator"] = _names(self.indicator_id, self.indicator_keys)
        data["period"] = self.period
        data["group"] = self.group
        data["value"] = self.value
        data["freq"] = self.freq
        return pd.DataFrame(data)

    def digest(self) -> str:
        """SHA-256 of the observations in primary-key order: ids, period days, the group (as
        the index of its name among the sorted distinct names, which are hashed too) and the
        value's bits (every missing value as one NaN)."""
        gcode, groups = self.group_code, self.group_names
        days = self.period_days.astype("datetime64[D]").astype(np.int64)[self.period_code]
        keys = (self.region_id.astype(np.int64), self.indicator_id.astype(np.int64), days, gcode.astype(np.int64))
        order = None if _sorted(keys) else np.lexsort(keys[::-1])
        h = hashlib.sha256()
        h.update(json.dumps([str(g) for g in groups]).encode())
        value = np.where(np.isnan(self.value), np.nan, self.value)
        for a in (*keys, value):
            h.update(np.ascontiguousarray(a if order is None else a[order]).tobytes())
        return h.hexdigest()


def _sorted(keys: tuple[np.ndarray, ...]) -> bool:
    """Whether rows are already in lexicographic order of ``keys`` (the table's own order)."""
    if not len(keys[0]):
        return True
    undecided = np.ones(len(keys[0]) - 1, dtype=bool)
    for k in keys:
        a, b = k[:-1], k[1:]
        if (undecided & (a > b)).any():
            return False
        undecided &= a == b
    return not undecided.any()  # equal keys: a duplicate, which the primary key rules out


def _names(ids: np.ndarray, names: dict[int, str]) -> np.ndarray:
    """Each row's name, as references to one str object per id (no string copies per row)."""
    if not len(ids):
        return np.array([], dtype=object)
    table = np.empty(int(ids.max()) + 1, dtype=object)
    for i in np.unique(ids[np.r_[True, ids[1:] != ids[:-1]]]).tolist():  # the distinct ids, cheaply
        table[i] = names.get(i)
    return table[ids]


_ROW = np.dtype([("region_id", "i4"), ("indicator_id", "i4"), ("day", "i4"), ("value", "f8")])


def read_columns(conn: Any, where: str = "", params: Sequence[Any] = ()) -> ObservationColumns:
    """Read observations (optionally ``WHERE`` on ``o``'s columns) as columns, in the table's
    primary-key order (region, indicator, period, group).

    The rows of each group and frequency are read by a query of their own, straight into a
    numpy record array (the group and frequency then need no string per row, and the period
    comes as the integer ``YYYYMMDD``), then copied into columns of 28 bytes per observation
    (a count first would cost a second pass over the table, with grouping); the parts are put back in primary-key order by
    a stable sort of one integer key (each part is already sorted, so the sort only merges)."""
    cond = (" AND " + where) if where else ""
    combos = sorted(conn.execute(
        "SELECT DISTINCT o.grp, o.freq FROM observation o" + (" WHERE " + where if where else ""), list(params)
    ).fetchall())
    parts: list[Any] = [_read_part(conn, grp, freq, cond, params) for grp, freq in combos]
    n = sum(len(p) for p in parts)
    rid = np.empty(n, np.int32)
    iid = np.empty(n, np.int32)
    day = np.empty(n, np.int32)
    value = np.empty(n, np.float64)
    gnames = np.array(sorted({g for g, _ in combos}), dtype=object)
    fnames = np.array(sorted({f for _, f in combos}), dtype=object)
    gcode = np.empty(n, np.int32)
    fcode = np.empty(n, np.int32)
    at = 0
    for k, (grp, freq) in enumerate(combos):
        rec, parts[k] = parts[k], None  # each part freed once copied
        part = slice(at, at + len(rec))
        rid[part], iid[part], day[part], value[part] = rec["region_id"], rec["indicator_id"], rec["day"], rec["value"]
        gcode[part] = int(np.searchsorted(gnames, grp))
        fcode[part] = int(np.searchsorted(fnames, freq))
        at += len(rec)
        del rec
    regions = dict(conn.execute("SELECT id, name FROM region").fetchall())
    indicators = dict(conn.execute("SELECT id, key FROM indicator").fetchall())
    newest = conn.execute("SELECT max(id) FROM import").fetchone()[0]
    dcode, dayset = pd.factorize(day, sort=True)
    dcode = dcode.astype(np.int32)
    del day
    if len(combos) > 1:
        order = _primary_key_order(rid, iid, dcode, gcode)
        rid, iid, dcode, gcode, fcode, value = (a[order] for a in (rid, iid, dcode, gcode, fcode, value))
        del order
    text = pd.Series([f"{d // 10000:04d}-{d // 100 % 100:02d}-{d % 100:02d}" for d in dayset.tolist()], dtype=object)
    days = pd.to_datetime(text, format="%Y-%m-%d").to_numpy()
    return ObservationColumns(
        region_id=rid,
        indicator_id=iid,
        period_code=dcode,
        period_days=days,
        group_code=gcode,
        value=value,
        freq_code=fcode,
        group_names=gnames,
        freq_names=fnames,
        region_names=regions,
        indicator_keys=indicators,
        newest_import=newest,
    )


_VALUE = np.dtype([("value", "f8")])  # a missing value (None) becomes NaN
#: The primary key's order (the index's own: no sort).
_ORDER = " ORDER BY o.region_id, o.indicator_id, o.period"
#: Monthly, quarterly and yearly periods start on these months' first day: a series whose
#: periods are all such days, as many as its first to last period spans, has every period.
_GRID = {"M": ("MS", "substr(o.period, 9, 2) != '01'"),
         "Q": ("QS", "substr(o.period, 6, 5) NOT IN ('01-01', '04-01', '07-01', '10-01')"),
         "Y": ("YS", "substr(o.period, 6, 5) != '01-01'")}


def _read_part(conn: Any, grp: str, freq: str, cond: str, params: Sequence[Any]) -> np.ndarray:
    """The rows of one group and frequency as records (region_id, indicator_id, YYYYMMDD, value).

    Where every series of the part has all its periods from its first to its last (the usual
    case: a missing value is a row with no value), only the values are read - one column
    instead of four, the costliest part of a run on a large project - and the ids and
    periods are rebuilt from one summary row per series, read in the same order.
    """
    where = " FROM observation o WHERE o.grp = ? AND o.freq = ?" + cond
    args = [grp, freq, *params]
    grid = _GRID.get(freq)
    if grid is not None:
        summary = conn.execute(
            "SELECT o.region_id, o.indicator_id, count(*), min(o.period), max(o.period),"
            f" sum({grid[1]})" + where + " GROUP BY o.region_id, o.indicator_id ORDER BY o.region_id, o.indicator_id",
            args).fetchall()
        if summary and all(row[5] == 0 for row in summary):
            first = pd.to_datetime([row[3] for row in summary], format="%Y-%m-%d")
            last = pd.to_datetime([row[4] for row in summary], format="%Y-%m-%d")
            counts = np.array([row[2] for row in summary], dtype=np.int64)
            cal = pd.date_range(first.min(), last.max(), freq=grid[0])
            start, stop = cal.get_indexer(first), cal.get_indexer(last)
            if (start >= 0).all() and (stop >= 0).all() and np.array_equal(stop - start + 1, counts):
                value = np.fromiter(conn.execute("SELECT o.value" + where + _ORDER, args), dtype=_VALUE,
                                    count=int(counts.sum()))["value"]
                rec = np.empty(value.size, dtype=_ROW)
                rec["value"] = value
                rec["region_id"] = np.repeat(np.array([row[0] for row in summary], np.int32), counts)
                rec["indicator_id"] = np.repeat(np.array([row[1] for row in summary], np.int32), counts)
                offsets = np.arange(value.size) - np.repeat(np.cumsum(counts) - counts, counts)
                days = (cal.year * 10000 + cal.month * 100 + cal.day).to_numpy(np.int32)
                rec["day"] = days[np.repeat(start, counts) + offsets]
                return rec
    return np.fromiter(conn.execute(
        "SELECT o.region_id, o.indicator_id, CAST(replace(o.period, '-', '') AS INTEGER), o.value" + where + _ORDER,
        args), dtype=_ROW)


def _primary_key_order(*keys: np.ndarray) -> np.ndarray:
    """The permutation sorting rows by ``keys`` (non-negative integers), first key first."""
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    room = 1.0
    for k in keys:
        span = int(k.max()) + 1 if len(k) else 1
        room *= span
        combined *= span
        combined += k
    if room >= 2.0**62:  # would overflow: sort by the keys themselves
        return np.lexsort(keys[::-1])
    return np.argsort(combined, kind="stable")


def cached_fingerprint(conn: Any) -> str | None:
    """The stored fingerprint if nothing was imported since it was computed, else None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
    if row is None:
        return None
    try:
        cached = json.loads(row[0])
    except (TypeError, ValueError):
        return None
    newest = conn.execute("SELECT max(id) FROM import").fetchone()[0]
    return cached.get("fingerprint") if cached.get("import") == newest else None


def store_fingerprint(conn: Any, fingerprint: str, newest_import: int | None) -> None:
    """Keep ``fingerprint`` as the digest of the data as of import ``newest_import`` (caller's
    transaction; written only if still valid: no import since)."""
    if conn.execute("SELECT max(id) FROM import").fetchone()[0] != newest_import:
        return
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (FINGERPRINT_KEY, json.dumps({"fingerprint": fingerprint, "import": newest_import})),
    )


def forget_fingerprint(conn: Any) -> None:
    """The observations are changing: the cached digest no longer holds (caller's transaction)."""
    conn.execute("DELETE FROM meta WHERE key = ?", (FINGERPRINT_KEY,))
