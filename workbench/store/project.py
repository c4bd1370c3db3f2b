"""Open, migrate and write one project file.

The project is a single SQLite file so that it can travel by USB stick or e-mail. It uses
SQLite's rollback journal (not WAL) so that the ``.wbproj`` file alone is always the whole
project once no program has it open, and ``synchronous=FULL`` so that a committed import
survives a power cut. Every write happens inside :meth:`Project.transaction`
(``BEGIN IMMEDIATE`` … ``COMMIT``): a failure or a kill part-way leaves the file as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import stat
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from workbench import __version__
from workbench.errors import ProjectBusyError, ProjectError
from workbench.store.dialect import differs, insert_id, is_server_connection, read_frame
from workbench.store.observation_columns import (
    ObservationColumns, cached_fingerprint, forget_fingerprint, read_columns, store_fingerprint,
)
from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION, run_sqlite

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
#: Projects up to this size get the full ``PRAGMA integrity_check`` on every open (it also
#: compares every index with its table, which ``quick_check`` does not; on the 3.7 MB sample
#: it costs about as much as ``quick_check``). After an unclean close (a hot journal was
#: left) every project gets it, whatever its size.
INTEGRITY_CHECK_MAX_BYTES = 16 * 1024 * 1024
#: Larger projects up to this size get ``PRAGMA quick_check`` on open (about 0.1 s per 10 MB).
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
LEVELS = ("country", "province", "district", "other")
T = TypeVar("T")


def normalize_key(name: Any) -> str:
    """How names in files are matched to regions and indicators: trimmed, one space, casefolded."""
    return " ".join(str(name).split()).casefold()


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class WriteCounts:
    """What an observation write changed, for the import report and the GUI's refresh."""

    new: int
    revised: int
    unchanged: int


def _is_busy(err: sqlite3.OperationalError) -> bool:
    text = str(err).lower()
    return "locked" in text or "busy" in text


_STORAGE_CODES = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_CORRUPT",
                  "SQLITE_NOTADB")


def storage_error(path: Path, err: sqlite3.Error) -> ProjectError | None:
    """A write that failed because of the disk or the medium, in words, or None for other errors.

    SQLite writes the rollback journal before it touches the project, so after any of these
    the project holds what it held before (a journal left behind is rolled back on next open).
    """
    name = getattr(err, "sqlite_errorname", "") or ""
    if not name.startswith(_STORAGE_CODES):
        return None
    if not path.parent.exists() or not path.exists():
        why = (f"its folder {path.parent} is no longer there (a USB stick or network share removed?); "
               "reconnect it and try again")
    elif name.startswith("SQLITE_FULL"):
        why = "the disk is full; free some space and try again"
    elif name.startswith("SQLITE_READONLY"):
        why = "the file or its folder cannot be written (read-only medium or permissions)"
    elif name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return damaged_error(path, str(err))
    else:
        why = f"the disk could not be written or read ({err})"
    return ProjectError(f"could not save {path.name}: {why}; nothing was written")


class Project:
    """An open project file. Use :func:`open_project`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool) -> None:
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.location = path.name  # how messages name the project (a server project: its URL)
        self._depth = 0

    # -- life cycle -------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, *, backup: bool = False) -> Iterator[sqlite3.Connection]:
        """One atomic unit of writes; nested use joins the outer transaction.

        ``backup=True`` marks the bulk writers (imports, model runs, merges): a project file
        first copies itself to its newest automatic backup (see :mod:`workbench.store.backup`).
        The steps that differ by backend - begin, prepare, name a failure, commit - are the
        methods below, which a server project (:mod:`workbench.store.pg`) overrides.
        """
        if self.readonly:
            raise ProjectError(f"{self.location} is open read-only")
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            self._prepare(backup)
            yield self.conn
        except BaseException as err:
            self._depth = 0
            self._rollback()
            failure = self._failure(err)
            if failure is not None:
                raise failure from None
            raise
        else:
            self._depth = 0
            self._commit()

    def _begin(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if _is_busy(err):
                raise ProjectBusyError(
                    f"{self.path.name} is in use by another program (another window or a "
                    "command); try again when it has finished"
                ) from None
            raise

    def _prepare(self, backup: bool) -> None:
        if backup:
            from workbench.store.backup import take_backup

            take_backup(self.path)

    def _failure(self, err: BaseException) -> Exception | None:
        """What a failed transaction is reported as: a storage problem in one line, or None
        for the error itself."""
        return storage_error(self.path, err) if isinstance(err, sqlite3.Error) else None

    def _commit(self) -> None:
        try:
            self.conn.commit()
        except sqlite3.Error as err:
            self._rollback()
            raise storage_error(self.path, err) or ProjectError(
                f"could not save {self.path.name}: {err}; nothing was written") from None

    def transact(self, work: Callable[[Any], T], *, backup: bool = False) -> T:
        """Run ``work(conn)`` as one transaction; a server project retries it after a collision."""
        with self.transaction(backup=backup) as conn:
            return work(conn)

    def _rollback(self) -> None:
        """Roll back; if even that fails (the medium is gone), SQLite's hot journal does it later."""
        try:
            self.conn.rollback()
        except sqlite3.Error:
            pass

    # -- metadata ---------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def query_frame(self, sql: str, params: list[Any] | tuple[Any, ...] | None = None) -> pd.DataFrame:
        """A query's rows as a DataFrame on either backend (see :func:`workbench.store.dialect.read_frame`)."""
        return read_frame(sql, self.conn, params)

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # -- regions and codebook ---------------------------------------------------------
    def regions(self) -> pd.DataFrame:
        """All regions: id, key, name, code, parent_id, level."""
        return self.query_frame("SELECT id, key, name, code, parent_id, level FROM region ORDER BY id")

    def aggregate_names(self) -> set[str]:
        """Names of the regions stored as aggregates (World, income groups, world regions);
        none in a project older than the schema that marks them."""
        from workbench.store.codes import has_table

        if not has_table(self.conn, "region_alias"):  # is_aggregate came with it (schema 5)
            return set()
        return {r[0] for r in self.conn.execute("SELECT name FROM region WHERE is_aggregate = 1").fetchall()}

    def indicators(self) -> pd.DataFrame:
        """The codebook: id, key, name, domain, unit, direction, threshold, description."""
        return self.query_frame(
            "SELECT id, key, name, domain, unit, direction, threshold, description "
            "FROM indicator ORDER BY id",
        )

    def ensure_regions(self, rows: pd.DataFrame) -> dict[str, int]:
        """Create missing regions and return ``region key -> id`` for the given rows.

        ``rows`` has a ``region`` column (district or other leaf names) and optionally
        ``province``, ``country``, ``code`` and ``level`` (of the ``region``: one of
        :data:`LEVELS`, default 'district'; a file of national figures names countries).
        Parents above the region's level are created and linked when given; an existing
        region keeps its parent unless it had none. Keys are names only, so a caller whose
        rows name the same place at two levels calls once per level. Must run inside a
        transaction.
        """
        c = self.conn
        cols = [col for col in ("country", "province", "region", "code", "level") if col in rows]
        uniq = rows[cols].drop_duplicates()
        cache: dict[tuple[str, str], int] = {
            (key, level): rid for rid, key, level in c.execute("SELECT id, key, level FROM region")
        }

        def ensure(name: Any, level: str, parent: int | None, code: Any = None) -> int:
            key = normalize_key(name)
            rid = cache.get((key, level))
            if rid is None and level == "district":
                # A leaf named in a file may already exist at another level (a city that
                # reports like a district); reuse it rather than splitting its history.
                rid = cache.get((key, "other"))
            if rid is None:
                rid = insert_id(
                    c, "INSERT INTO region(key, name, code, parent_id, level) VALUES (?,?,?,?,?)",
                    (key, " ".join(str(name).split()), _clean_code(code), parent, level),
                )
                cache[(key, level)] = rid
            elif parent is not None:
                c.execute(
                    "UPDATE region SET parent_id = ? WHERE id = ? AND parent_id IS NULL",
                    (parent, rid),
                )
            if code is not None and _clean_code(code):
                c.execute(
                    "UPDATE region SET code = ? WHERE id = ? AND code IS NULL", (_clean_code(code), rid)
                )
            return rid

        out: dict[str, int] = {}
        for rec in uniq.itertuples(index=False):
            d = rec._asdict()
            level = d.get("level") if _present(d.get("level")) else "district"
            if level not in LEVELS:
                raise ValueError(f"region level must be one of {', '.join(LEVELS)}, not {level!r}")
            parent = None
            if _present(d.get("country")) and level != "country":
                parent = ensure(d["country"], "country", None)
            if _present(d.get("province")) and level in ("district", "other"):
                parent = ensure(d["province"], "province", parent)
            out[normalize_key(d["region"])] = ensure(d["region"], level, parent, d.get("code"))
        return out

    def ensure_indicators(
        self, keys: list[str], codebook: pd.DataFrame | None = None
    ) -> dict[str, int]:
        """Create missing indicators and return ``key -> id``.

        ``codebook`` (optional) has ``indicator`` and any of ``name, domain, unit,
        direction, threshold, description, min, max``; its values overwrite what the project had,
        because a codebook sheet is the analyst's statement of what an indicator means.
        Must run inside a transaction.
        """
        c = self.conn
        fields = ("name", "domain", "unit", "direction", "threshold", "description", "min", "max")
        column = {"min": "valid_min", "max": "valid_max"}
        if codebook is not None and len(codebook):
            for rec in codebook.to_dict("records"):
                key = normalize_key(rec["indicator"])
                values = {column.get(f, f): rec.get(f) for f in fields if _present(rec.get(f))}
                c.execute(
                    "INSERT INTO indicator(key, name) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
                    (key, values.get("name") or " ".join(str(rec["indicator"]).split())),
                )
                for f, v in values.items():
                    c.execute(f"UPDATE indicator SET {f} = ? WHERE key = ?", (v, key))
        for name in dict.fromkeys(keys):
            c.execute(
                "INSERT INTO indicator(key, name) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
                (normalize_key(name), " ".join(str(name).split())),
            )
        return {key: rid for rid, key in c.execute("SELECT id, key FROM indicator")}

    # -- observations -----------------------------------------------------------------
    def write_observations(self, frame: pd.DataFrame, import_id: int) -> WriteCounts:
        """Upsert observations in bulk; record every changed value as a revision.

        ``frame`` columns: region_id, indicator_id, period (ISO date str), grp, freq,
        value (float, NaN = missing); a text column may be a pandas Categorical. A later row
        wins over an earlier one with the same key, as in a spreadsheet read top to bottom.
        Must run inside a transaction.

        Rows of series (region, indicator) the project holds no value for yet - every row of
        a new project - have nothing to revise: they go straight into ``observation`` in key
        order. Only the others are staged and compared with what is stored.
        """
        c = self.conn
        local = not is_server_connection(c)  # a server project stages everything (COPY)
        rows = _KeyedRows.of(frame)
        if len(rows) > 200_000 and local:
            # Room for a bulk write's pages in memory until the commit, instead of spilling
            # (and syncing the journal) every 2 MB; released when the connection closes.
            c.execute("PRAGMA cache_size = -262144")
        if not len(rows):
            return WriteCounts(new=0, revised=0, unchanged=0)
        if local:  # a server project keeps no fingerprint (and its roles may not)
            forget_fingerprint(c)
        fresh = self._unstored_series(rows) if local else np.zeros(len(rows), dtype=bool)
        new = int(fresh.sum())
        if new:
            self._insert_fresh(rows.take(fresh), import_id)
            rows = rows.take(~fresh)
        if not len(rows):
            return WriteCounts(new=new, revised=0, unchanged=0)
        c.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staging ("
            " region_id BIGINT, indicator_id BIGINT, period TEXT, grp TEXT, freq TEXT,"
            " value DOUBLE PRECISION, PRIMARY KEY (region_id, indicator_id, period, grp))"
            if not local else
            "CREATE TEMP TABLE IF NOT EXISTS staging ("
            " region_id INTEGER, indicator_id INTEGER, period TEXT, grp TEXT, freq TEXT,"
            " value REAL, PRIMARY KEY (region_id, indicator_id, period, grp)) WITHOUT ROWID"
        )
        distinct = differs(c)
        c.execute("DELETE FROM staging")
        if local:
            columns, source, params = self._scratch_rows(rows)
            c.execute(f"INSERT INTO staging SELECT {columns} {source}", params)  # noqa: S608 - built here
            self._clear_scratch()
        else:
            self._stage(zip(rows.region.tolist(), rows.indicator.tolist(), rows.periods[rows.period].tolist(),
                            rows.grps[rows.kind].tolist(), rows.freqs[rows.kind].tolist(), _nullable(rows.value)))
        staged = c.execute("SELECT count(*) FROM staging").fetchone()[0]
        revised = c.execute(
            "INSERT INTO revision(region_id, indicator_id, period, grp, old_value, new_value,"
            " old_import_id, new_import_id)"
            " SELECT s.region_id, s.indicator_id, s.period, s.grp, o.value, s.value, o.import_id, ?"
            " FROM staging s JOIN observation o USING (region_id, indicator_id, period, grp)"
            f" WHERE o.value {distinct} s.value",
            (import_id,),
        ).rowcount
        existing = c.execute(
            "SELECT count(*) FROM staging s JOIN observation o"
            " USING (region_id, indicator_id, period, grp)"
        ).fetchone()[0]
        c.execute(
            "INSERT INTO observation(region_id, indicator_id, period, grp, freq, value, import_id)"
            " SELECT region_id, indicator_id, period, grp, freq, value, ? FROM staging WHERE true"
            " ON CONFLICT(region_id, indicator_id, period, grp) DO UPDATE SET"
            " value = excluded.value, freq = excluded.freq, import_id = excluded.import_id"
            f" WHERE observation.value {distinct} excluded.value",
            (import_id,),
        )
        c.execute("DELETE FROM staging")
        return WriteCounts(new=new + staged - existing, revised=revised, unchanged=existing - revised)

    def _stage(self, rows: Iterable[tuple]) -> None:
        """Fill the staging table with rows of distinct keys in key order (see
        :class:`_KeyedRows`), bound one by one. A project file stages through
        :meth:`_scratch_rows` instead; a server project overrides this with COPY."""
        self.conn.executemany("INSERT INTO staging VALUES (?,?,?,?,?,?)", rows)

    def _unstored_series(self, rows: _KeyedRows) -> np.ndarray:
        """Which rows belong to a series (region, indicator) with no stored value at all."""
        c = self.conn
        if c.execute("SELECT NOT EXISTS (SELECT 1 FROM observation)").fetchone()[0]:
            return np.ones(len(rows), dtype=bool)
        width = int(rows.indicator.max(initial=0)) + 1
        pair = rows.region * width + rows.indicator
        starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])  # rows are sorted by series
        c.execute("CREATE TEMP TABLE IF NOT EXISTS written_series (region_id INTEGER, indicator_id INTEGER)")
        c.execute("DELETE FROM written_series")
        c.executemany("INSERT INTO written_series VALUES (?, ?)",
                      zip(rows.region[starts].tolist(), rows.indicator[starts].tolist()))
        stored = c.execute(
            "SELECT s.region_id, s.indicator_id FROM written_series s WHERE EXISTS (SELECT 1 FROM observation o"
            " WHERE o.region_id = s.region_id AND o.indicator_id = s.indicator_id)").fetchall()
        c.execute("DELETE FROM written_series")
        if not stored:
            return np.ones(len(rows), dtype=bool)
        known = np.array([r * width + i for r, i in stored], dtype=np.int64)
        return ~np.isin(pair, known)

    def _insert_fresh(self, rows: _KeyedRows, import_id: int) -> None:
        """Insert rows of series without stored values: nothing to revise, nothing to replace.

        The rows reach ``observation`` in its key order straight from the scratch tables
        (:meth:`_scratch_rows`). The table's CHECK on ``freq`` is judged by the table itself
        on one row of each (group, frequency) first (:meth:`_check_kinds`) and skipped for
        the bulk statement: SQLite evaluates its IN list row by row at about half the cost
        of the insert.
        """
        c = self.conn
        self._check_kinds(rows, import_id)
        columns, source, params = self._scratch_rows(rows)
        c.execute("PRAGMA ignore_check_constraints = ON")
        try:
            c.execute("INSERT INTO observation(region_id, indicator_id, period, grp, freq, value, import_id)"
                      f" SELECT {columns}, :import_id {source}", {**params, "import_id": import_id})  # noqa: S608
        finally:
            c.execute("PRAGMA ignore_check_constraints = OFF")
        self._clear_scratch()

    def _scratch_rows(self, rows: _KeyedRows) -> tuple[str, str, dict[str, Any]]:
        """Put ``rows`` into scratch tables; return the SELECT list (region_id, indicator_id,
        period, grp, freq, value), the FROM … WHERE that yields them in key order, and its
        parameters.

        Each row is one cell of a (series, period, group) grid; the few distinct series,
        periods and groups sit in small tables and are joined back in SQL. Binding millions
        of rows one by one is what costs, so values that are short decimals (what exports
        hold: counts, rates and indices with a few decimals) travel as ONE JSON array of
        integers over a power of ten, divided back in SQL - an IEEE division, so each value
        is exactly the float parsed from the file - and, unless the rows fill the whole
        grid, with a second array of cell numbers. Other values are bound row by row.
        """
        c = self.conn
        c.execute("CREATE TEMP TABLE IF NOT EXISTS fresh_series (code INTEGER PRIMARY KEY, region_id INTEGER,"
                  " indicator_id INTEGER)")
        c.execute("CREATE TEMP TABLE IF NOT EXISTS fresh_period (code INTEGER PRIMARY KEY, period TEXT)")
        c.execute("CREATE TEMP TABLE IF NOT EXISTS fresh_kind (code INTEGER PRIMARY KEY, grp TEXT, freq TEXT)")
        c.execute("CREATE TEMP TABLE IF NOT EXISTS fresh_cell (row INTEGER PRIMARY KEY, cell INTEGER)")
        c.execute("CREATE TEMP TABLE IF NOT EXISTS fresh_row (cell INTEGER PRIMARY KEY, value REAL)")
        self._clear_scratch()
        pair = rows.region * (int(rows.indicator.max()) + 1) + rows.indicator
        new_series = np.r_[True, pair[1:] != pair[:-1]]  # rows are sorted by series
        starts, series = np.flatnonzero(new_series), np.cumsum(new_series) - 1
        n_periods, n_kinds = len(rows.periods), len(rows.grps)
        c.executemany("INSERT INTO fresh_series VALUES (?, ?, ?)",
                      zip(range(len(starts)), rows.region[starts].tolist(), rows.indicator[starts].tolist()))
        c.executemany("INSERT INTO fresh_period VALUES (?, ?)", enumerate(rows.periods.tolist()))
        c.executemany("INSERT INTO fresh_kind VALUES (?, ?, ?)",
                      zip(range(n_kinds), rows.grps.tolist(), rows.freqs.tolist()))
        # Numbered in key order (series, period text, group), so increasing row after row.
        cell = (series * n_periods + rows.period) * n_kinds + rows.kind
        params: dict[str, Any] = {"per_series": n_periods * n_kinds, "periods": n_periods, "kinds": n_kinds}
        scale = _decimal_scale(rows.value)
        if scale is None:
            c.executemany("INSERT INTO fresh_row VALUES (?, ?)", zip(cell.tolist(), _nullable(rows.value)))
            source, at, value = "fresh_row r", "r.cell", "r.value"
        else:
            params["units"] = json.dumps(_nullable(np.round(rows.value * scale), as_int=True))
            params["scale"] = scale
            value = "r.value / :scale"
            if len(cell) == len(starts) * n_periods * n_kinds:  # the whole grid: a cell is its position
                source, at = "json_each(:units) r", "r.key"
            else:
                c.execute("INSERT INTO fresh_cell SELECT key, value FROM json_each(?)", (json.dumps(cell.tolist()),))
                source, at = "json_each(:units) r CROSS JOIN fresh_cell c", "c.cell"
        where = "c.row = r.key AND " if at == "c.cell" else ""
        return (f"s.region_id, s.indicator_id, p.period, k.grp, k.freq, {value}",
                f"FROM {source} CROSS JOIN fresh_series s CROSS JOIN fresh_period p CROSS JOIN fresh_kind k"
                f" WHERE {where}s.code = {at} / :per_series AND p.code = {at} / :kinds % :periods"
                f" AND k.code = {at} % :kinds", params)

    def _clear_scratch(self) -> None:
        for table in _FRESH_TABLES:
            self.conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names

    def _check_kinds(self, rows: _KeyedRows, import_id: int) -> None:
        """Let ``observation``'s own constraints judge the first row of each (group,
        frequency): inserted in a savepoint, then rolled back. The bulk insert of the same
        kinds then skips the CHECK, which SQLite would evaluate row by row."""
        _, first = np.unique(rows.kind, return_index=True)
        c = self.conn
        c.execute("SAVEPOINT fresh_probe")
        try:
            c.executemany(
                "INSERT INTO observation(region_id, indicator_id, period, grp, freq, value, import_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                zip(rows.region[first].tolist(), rows.indicator[first].tolist(), rows.periods[rows.period[first]].tolist(),
                    rows.grps[rows.kind[first]].tolist(), rows.freqs[rows.kind[first]].tolist(),
                    _nullable(rows.value[first]), [import_id] * len(first)))
        finally:
            c.execute("ROLLBACK TO fresh_probe")
            c.execute("RELEASE fresh_probe")

    def observations(
        self,
        *,
        regions: list[int] | None = None,
        indicators: list[int] | None = None,
        with_ids: bool = False,
    ) -> pd.DataFrame:
        """Canonical long observations: region, indicator, period, group, value, freq.

        ``region`` and ``indicator`` hold the display name and key respectively; ``period``
        is a ``datetime64`` of the period's first day; ``group`` is '' for the whole
        population. With ``with_ids`` the frame also has region_id and indicator_id.
        """
        if not is_server_connection(self.conn):
            return self.observation_columns(regions=regions, indicators=indicators).frame(with_ids)
        where, params = [], []
        if regions is not None:
            where.append(f"o.region_id IN ({','.join('?' * len(regions))})")
            params += list(regions)
        if indicators is not None:
            where.append(f"o.indicator_id IN ({','.join('?' * len(indicators))})")
            params += list(indicators)
        sql = (
            "SELECT o.region_id, o.indicator_id, r.name AS region, i.key AS indicator,"
            " o.period, o.grp AS \"group\", o.value, o.freq"
            " FROM observation o JOIN region r ON r.id = o.region_id"
            " JOIN indicator i ON i.id = o.indicator_id"
            + (" WHERE " + " AND ".join(where) if where else "")
        )
        df = self.query_frame(sql, params)
        df["period"] = pd.to_datetime(df["period"], format="%Y-%m-%d")
        df["value"] = df["value"].astype("float64")
        if not with_ids:
            df = df.drop(columns=["region_id", "indicator_id"])
        return df

    def observation_columns(
        self, *, regions: list[int] | None = None, indicators: list[int] | None = None
    ) -> ObservationColumns:
        """Observations as numpy columns (see :mod:`workbench.store.observation_columns`),
        read in one snapshot: no write can fall between the rows and the names."""
        where, params = [], []
        if regions is not None:
            where.append(f"o.region_id IN ({','.join('?' * len(regions))})")
            params += list(regions)
        if indicators is not None:
            where.append(f"o.indicator_id IN ({','.join('?' * len(indicators))})")
            params += list(indicators)
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            return read_columns(self.conn, " AND ".join(where), params)
        finally:
            if own:
                self.conn.execute("COMMIT")

    def imports(self) -> pd.DataFrame:
        return self.query_frame(
            "SELECT id, file_name, sha256, sheet, rows_read, rows_kept, rows_rejected,"
            " rows_duplicate, values_new, values_revised, imported_at FROM import ORDER BY id",
        )

    def record_import(
        self,
        *,
        file_name: str,
        sha256: str,
        sheet: str | None,
        mapping: Mapping[str, Any],
        report: Mapping[str, Any],
        rows_read: int,
        rows_kept: int,
        rows_rejected: int,
        rows_duplicate: int = 0,
    ) -> int:
        """Insert the import record (counts of new/revised values are set afterwards)."""
        return insert_id(
            self.conn,
            "INSERT INTO import(file_name, sha256, sheet, mapping, rows_read, rows_kept,"
            " rows_rejected, rows_duplicate, report, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                file_name,
                sha256,
                sheet,
                json.dumps(mapping, default=str, sort_keys=True),
                rows_read,
                rows_kept,
                rows_rejected,
                rows_duplicate,
                json.dumps(report, default=str),
                utc_now(),
            ),
        )

    def data_fingerprint(self, columns: ObservationColumns | None = None) -> str:
        """A digest of every observation, to tell whether a model run saw the same data.

        A project file keeps it (``meta``) until observations change, so a re-run on the same
        data does not hash every value again; ``columns`` (all observations, as just read)
        computes it from those when it is not kept. :meth:`keep_fingerprint` keeps it."""
        if not is_server_connection(self.conn):
            cached = cached_fingerprint(self.conn)
            if cached is not None and (columns is None or columns.newest_import == self._newest_import()):
                return cached
            return (columns if columns is not None else self.observation_columns()).digest()
        h = hashlib.sha256()
        cur = self.conn.execute(
            "SELECT region_id, indicator_id, period, grp, value FROM observation"
            " ORDER BY region_id, indicator_id, period, grp"
        )
        while batch := cur.fetchmany(50_000):
            h.update(repr(batch).encode())
        return h.hexdigest()

    def keep_fingerprint(self, fingerprint: str, newest_import: int | None) -> None:
        """Keep the digest of all observations as read when ``newest_import`` was the newest
        import, for the next run - unless something was imported since (inside the caller's
        transaction)."""
        if not is_server_connection(self.conn):
            store_fingerprint(self.conn, fingerprint, newest_import)

    def _newest_import(self) -> int | None:
        return self.conn.execute("SELECT max(id) FROM import").fetchone()[0]


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and np.isnan(value):
        return False
    return str(value).strip() != ""


def _clean_code(code: Any) -> str | None:
    return str(code).strip() if _present(code) else None


_FRESH_TABLES = ("fresh_series", "fresh_period", "fresh_kind", "fresh_cell", "fresh_row")


@dataclass(frozen=True)
class _KeyedRows:
    """Observation rows as numbers, in the key order of ``observation`` (region, indicator,
    period text, group), one row per key: of two rows with one key the later one is kept.

    ``period`` indexes ``periods`` (distinct ISO texts, sorted); ``kind`` indexes ``grps``
    and ``freqs`` (one entry per distinct group and frequency). Distinct texts are found
    once - a Categorical column's own codes are used as they are - so millions of rows are
    sorted and de-duplicated as integers, not as strings.
    """

    region: np.ndarray
    indicator: np.ndarray
    period: np.ndarray
    kind: np.ndarray
    value: np.ndarray
    periods: np.ndarray
    grps: np.ndarray
    freqs: np.ndarray

    def __len__(self) -> int:
        return len(self.region)

    def take(self, rows: np.ndarray) -> _KeyedRows:
        return replace(self, region=self.region[rows], indicator=self.indicator[rows], period=self.period[rows],
                       kind=self.kind[rows], value=self.value[rows])

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _KeyedRows:
        region = frame["region_id"].to_numpy(dtype=np.int64)
        indicator = frame["indicator_id"].to_numpy(dtype=np.int64)
        value = frame["value"].to_numpy(dtype=np.float64)
        period, periods = _sorted_codes(frame["period"])
        grp, grps = _sorted_codes(frame["grp"])
        freq, freqs = _sorted_codes(frame["freq"])
        kind, kinds = pd.factorize(grp * max(len(freqs), 1) + freq, sort=True)  # in the order of groups
        kinds = np.asarray(kinds, dtype=np.int64)
        rows = cls(region, indicator, period, kind, value, periods,
                   grps[kinds // max(len(freqs), 1)], freqs[kinds % max(len(freqs), 1)])
        if not len(frame):
            return rows
        parts = [region - region.min(), indicator - indicator.min(), period, grp]
        sizes = [int(p.max()) + 1 for p in parts]
        if float(np.prod(sizes, dtype=np.float64)) < 2.0**62:
            key = parts[0]
            for p, size in zip(parts[1:], sizes[1:]):
                key = key * size + p
            if not (key[1:] >= key[:-1]).all():
                order = np.argsort(key, kind="stable")
                key, rows = key[order], rows.take(order)
            last = np.r_[key[1:] != key[:-1], True]
        else:  # too many distinct values to number every key in one int64
            order = np.lexsort(parts[::-1])
            parts, rows = [p[order] for p in parts], rows.take(order)
            last = np.r_[np.logical_or.reduce([p[1:] != p[:-1] for p in parts]), True]
        return rows if last.all() else rows.take(last)


def _sorted_codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, distinct texts sorted as SQLite sorts them), computed once per distinct cell."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy(dtype=np.int64)
        uniques = column.cat.categories.to_numpy(dtype=object)
        if (codes < 0).any():
            codes = np.where(codes < 0, len(uniques), codes)
            uniques = np.append(uniques, np.nan)
    else:
        codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=False)
    held = np.bincount(codes, minlength=len(uniques)) > 0  # a Categorical may list values no row has
    texts = np.array([u if isinstance(u, str) else str(u) for u in uniques[held]], dtype=object)
    # Python orders str by code point, as SQLite's BINARY collation orders their UTF-8 bytes.
    distinct, merged = np.unique(texts, return_inverse=True) if len(texts) else (texts, np.zeros(0, np.int64))
    renumber = np.full(len(uniques), -1, dtype=np.int64)
    renumber[held] = merged
    return renumber[codes], distinct


def _nullable(values: np.ndarray, *, as_int: bool = False) -> list[Any]:
    """Floats (or whole numbers) for SQLite, NaN as None (NULL = reported missing); per-row
    work only for NaN."""
    missing = np.isnan(values)
    out: list[Any] = (np.where(missing, 0, values).astype(np.int64) if as_int else values).tolist()
    for k in np.flatnonzero(missing).tolist():
        out[k] = None
    return out


def _decimal_scale(values: np.ndarray, most: int = 6) -> float | None:
    """``10.0 ** d`` for the fewest decimals ``d`` (up to ``most``) such that every value is
    exactly ``round(value * 10 ** d) / 10 ** d`` with the integer below 2**53, else None.

    Then the integers carry the values exactly: IEEE division of two exact doubles is
    correctly rounded in numpy and in SQLite alike. (-0.0 and infinities are left to the
    row-by-row path.)
    """
    finite = values[~np.isnan(values)]
    if not np.isfinite(finite).all() or np.signbit(finite[finite == 0]).any():
        return None
    sample = finite[:1000]
    for d in range(most + 1):
        scale = 10.0**d
        if not _exact(sample, scale):
            continue
        if _exact(finite, scale):
            return scale
    return None


def _exact(values: np.ndarray, scale: float) -> bool:
    scaled = values * scale
    return bool(np.abs(scaled).max(initial=0) < 2**53 and (np.round(scaled) / scale == values).all())


def _check_file(path: Path) -> None:
    """Refuse, with words a person understands, files that are not a project."""
    size = path.stat().st_size
    if size == 0:
        return  # SQLite treats an empty file as a new database
    with path.open("rb") as fh:
        head = fh.read(16)
    if head != SQLITE_MAGIC:
        if _newest_backup_note(path):
            raise damaged_error(path, "its header is not a SQLite header")
        raise ProjectError(f"{path.name} is not a workbench project (it is not a SQLite file)")


def _newest_backup_note(path: Path) -> str:
    from workbench.store.backup import list_backups

    backups = list_backups(path)
    if not backups:
        return ""
    b = backups[0]
    return (f"; the last automatic backup, from {b.describe()}, is {b.path} - put it back with "
            f"`workbench restore --project {path}`")


def damaged_error(path: Path, detail: str) -> ProjectError:
    """The one line a person sees for a damaged project, offering the newest backup."""
    detail = " ".join(detail.split())
    return ProjectError(f"{path.name} is damaged ({detail}){_newest_backup_note(path) or '; no automatic backup was found'}")


def _roll_back_hot_journal(path: Path) -> None:
    """Finish what a killed writer left: SQLite rolls a hot journal back on its first read.

    A read-only connection cannot do that (it fails with "attempt to write a readonly
    database"), so a read-only open after a crash first reads once through a writable one.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        hot = journal.stat().st_size > 0
    except OSError:
        return
    if not hot:
        return
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as err:
        if _is_busy(err):
            raise ProjectBusyError(f"{path.name} is in use by another program; try again shortly") from None
        raise ProjectError(
            f"{path.name} was left half-written by a program that stopped and cannot be repaired "
            f"here ({err}); copy it to a writable folder and open it there"
        ) from None


def _journal_is_hot(path: Path) -> bool:
    """A non-empty rollback journal: a writer stopped mid-transaction (an unclean close)."""
    try:
        return path.with_name(path.name + "-journal").stat().st_size > 0
    except OSError:
        return False


def _consistency_check(path: Path, conn: sqlite3.Connection, *, full: bool) -> None:
    """``integrity_check`` after an unclean close or on a project up to
    :data:`INTEGRITY_CHECK_MAX_BYTES`, ``quick_check`` up to :data:`QUICK_CHECK_MAX_BYTES`."""
    size = path.stat().st_size
    if full or size <= INTEGRITY_CHECK_MAX_BYTES:
        pragma = "integrity_check(3)"
    elif size <= QUICK_CHECK_MAX_BYTES:
        pragma = "quick_check(3)"
    else:
        return
    problems = [row[0] for row in conn.execute(f"PRAGMA {pragma}").fetchall()]
    if problems != ["ok"]:
        conn.close()
        lines = [ln.strip() for p in problems for ln in p.splitlines() if ln.strip() and "***" not in ln]
        raise damaged_error(path, "; ".join(lines)[:160] or "its consistency check failed")


def _protect_history(project: Project) -> None:
    """A project opened for writing keeps its history append-only (:mod:`workbench.store.guards`):
    guards missing from a project of an earlier version are installed; removed or changed ones
    stop the write."""
    from workbench.store.guards import HistoryUnprotectedError, guards_installed, install_guards, trigger_problems

    conn = project.conn
    version = project.schema_version
    if version < 2:
        return
    installed = guards_installed(conn)
    problems = trigger_problems(conn, version, guards_installed=installed)
    if problems:
        conn.close()
        raise HistoryUnprotectedError(
            f"{project.path.name}'s alert history is no longer protected ({'; '.join(problems)}): another program "
            "changed the file, and its history may have been rewritten; it can still be looked at, and "
            f"`workbench check --project {project.path} --repair` puts the protection back")
    if not installed:
        with project.transaction() as c:
            install_guards(c, version)


def _sweep_if_idle(project: Project) -> None:
    """Remove what a killed backup or restore left next to the project, if no writer is busy."""
    from workbench.store.backup import leftovers, sweep_leftovers

    if not leftovers(project.path):
        return
    conn = project.conn
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return  # another program is writing: its own files may be among them
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        sweep_leftovers(project.path)
    finally:
        conn.execute("ROLLBACK")


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    uri = f"file:{path.as_posix()}?mode={'ro' if readonly else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Temporary tables (an import's staging of values) and big sorts stay in memory instead of
    # SQLite's temp files in the system temp folder (docs/privacy.md).
    conn.execute("PRAGMA temp_store = MEMORY")
    # REPLACE's implicit deletes then fire the history's delete triggers too (belt and braces:
    # the guards refuse a replacing insert whatever the connection's settings).
    conn.execute("PRAGMA recursive_triggers = ON")
    if not readonly:
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _migrate(project: Project) -> None:
    current = project.schema_version
    if current > SCHEMA_VERSION:
        raise ProjectError(
            f"{project.path.name} was saved by a newer version of the workbench (schema "
            f"{current}, this version reads up to {SCHEMA_VERSION}); update the workbench"
        )
    if current == SCHEMA_VERSION:
        return
    if project.readonly:
        raise OlderSchemaError(
            f"{project.path.name} uses an older schema ({current}); upgrade it once by opening it in the app "
            "or with `workbench run` (a backup of the old file is kept)"
        )
    # The upgrade is a write like any other: the file as it was is kept as a backup first.
    with project.transaction(backup=current > 0) as c:
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version - 1]:
                run_sqlite(c, statement)
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        from workbench.store.guards import install_guards

        install_guards(c, SCHEMA_VERSION)
        if current == 0:
            c.execute("INSERT INTO meta(key, value) VALUES ('project_id', ?)", (uuid.uuid4().hex,))
            c.execute("INSERT INTO meta(key, value) VALUES ('created_at', ?)", (utc_now(),))
            c.execute("INSERT INTO meta(key, value) VALUES ('created_by_version', ?)", (__version__,))


class OlderSchemaError(ProjectError):
    """A read-only open met a project saved by an older version (writable opens upgrade it)."""


def open_file_project(path: str | Path, *, create: bool = False, readonly: bool = False) -> Project:
    """Open (and if asked, create) a project file, upgrading its schema when opened for writing.

    Raises :class:`ProjectError` with a one-line reason when the file is missing, not a
    project, damaged, or from a newer version. Callers open any project - a file, a team
    server's URL, a regional pool - with :func:`workbench.store.open_project`.
    """
    from workbench.inputs import kind_of, path_problem, shown

    path = Path(path)
    problem = path_problem(path)
    if problem:
        raise ProjectError(f"the project path {shown(path)} {problem}")
    if path.as_posix().lower().startswith(("postgresql:/", "postgres:/")):  # a URL that became a path
        from workbench.locations import shown as shown_location

        url = shown_location(path)
        raise ProjectError(f"this command works on project files, not on the server project {url}; "
                           f"work on a copy: `workbench checkout {url} --out COPY.wbproj`")
    if not path.exists():
        if not create:
            raise ProjectError(f"project {path} does not exist")
        if readonly:
            raise ProjectError(f"project {path} does not exist")
        if not path.parent.exists():
            raise ProjectError(f"folder {path.parent} does not exist")
        path.touch()
    elif path.is_dir():  # a regional pool was opened by open_project before this
        raise ProjectError(f"{path} is a folder, not a project file")
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):  # a pipe would hang the open, a device would get a journal beside it
        raise ProjectError(f"{shown(path)} is {kind_of(mode)}, not a project file")
    _check_file(path)
    unclean = _journal_is_hot(path)
    if readonly:
        _roll_back_hot_journal(path)
    try:
        conn = _connect(path, readonly)
        _consistency_check(path, conn, full=unclean)
        project = Project(path, conn, readonly)
        if not readonly and project.schema_version == 0:
            # Only a brand-new (empty) file may be initialised; anything else with
            # user_version 0 is some other SQLite database.
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                conn.close()
                raise ProjectError(f"{path.name} is a SQLite file but not a workbench project")
        _migrate(project)
        if not readonly:
            _protect_history(project)
            _sweep_if_idle(project)
    except sqlite3.DatabaseError as err:
        if isinstance(err, sqlite3.OperationalError) and _is_busy(err):
            raise ProjectBusyError(f"{path.name} is in use by another program; try again shortly") from None
        raise damaged_error(path, str(err)) from None
    return project
