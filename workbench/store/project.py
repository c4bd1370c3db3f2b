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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from workbench import __version__
from workbench.errors import ProjectBusyError, ProjectError
from workbench.store.dialect import is_server_connection, is_server_url, read_frame
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
                rid = c.execute(
                    "INSERT INTO region(key, name, code, parent_id, level) VALUES (?,?,?,?,?)",
                    (key, " ".join(str(name).split()), _clean_code(code), parent, level),
                ).lastrowid
                assert rid is not None  # an INSERT sets it
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
        value (float, NaN = missing). Must run inside a transaction.
        """
        c = self.conn
        c.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staging ("
            " region_id INTEGER, indicator_id INTEGER, period TEXT, grp TEXT, freq TEXT,"
            " value REAL, PRIMARY KEY (region_id, indicator_id, period, grp)) WITHOUT ROWID"
        )
        c.execute("DELETE FROM staging")
        if len(frame) > 200_000 and type(self)._stage is Project._stage:
            # Room for a bulk write's pages in memory until the commit, instead of spilling
            # (and syncing the journal) every 2 MB; released when the connection closes.
            c.execute("PRAGMA cache_size = -262144")
        values = frame["value"].to_numpy(dtype="float64")
        as_objects = values.astype(object)
        as_objects[np.isnan(values)] = None
        value_col = as_objects.tolist()
        rows = zip(
            frame["region_id"].astype("int64").tolist(),
            frame["indicator_id"].astype("int64").tolist(),
            frame["period"].astype(str).tolist(),
            frame["grp"].astype(str).tolist(),
            frame["freq"].astype(str).tolist(),
            value_col,
        )
        self._stage(rows)
        staged = c.execute("SELECT count(*) FROM staging").fetchone()[0]
        revised = c.execute(
            "INSERT INTO revision(region_id, indicator_id, period, grp, old_value, new_value,"
            " old_import_id, new_import_id)"
            " SELECT s.region_id, s.indicator_id, s.period, s.grp, o.value, s.value, o.import_id, ?"
            " FROM staging s JOIN observation o USING (region_id, indicator_id, period, grp)"
            " WHERE o.value IS NOT s.value",
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
            " WHERE observation.value IS NOT excluded.value",
            (import_id,),
        )
        c.execute("DELETE FROM staging")
        if not is_server_connection(c):  # a server project keeps no fingerprint (and its roles may not)
            forget_fingerprint(c)
        return WriteCounts(new=staged - existing, revised=revised, unchanged=existing - revised)

    def _stage(self, rows: Iterable[tuple]) -> None:
        """Fill the staging table; later rows win on a duplicate key, as in a spreadsheet
        read top to bottom. (A server project streams them with COPY instead.)"""
        self.conn.executemany("INSERT OR REPLACE INTO staging VALUES (?,?,?,?,?,?)", rows)

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
        import_id = self.conn.execute(
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
        ).lastrowid
        assert import_id is not None  # an INSERT sets it
        return import_id

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


def open_for_reading(path: str | Path) -> Project:
    """Open read-only, so that looking never changes the file; an older schema is first
    upgraded once (in its own backed-up transaction), as any writable open would."""
    try:
        return open_project(path, readonly=True)
    except OlderSchemaError:
        open_project(path).close()
    return open_project(path, readonly=True)


def open_project(path: str | Path, *, create: bool = False, readonly: bool = False) -> Project:
    """Open (and if asked, create) a project, upgrading its schema when opened for writing.

    Raises :class:`ProjectError` with a one-line reason when the file is missing, not a
    project, damaged, or from a newer version. A ``postgresql://`` URL opens a team's
    shared project on a server (:mod:`workbench.store.pg`) instead of a file.
    """
    if is_server_url(path):
        from workbench.store.pg import open_pg_project

        return open_pg_project(str(path), create=create, readonly=readonly)
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
    elif path.is_dir():
        from workbench.pool.reader import is_pooled_store, open_pooled

        if is_pooled_store(path):  # a regional pool (workbench pool): read-only, duck-typed
            return open_pooled(path, readonly=readonly)  # type: ignore[return-value]
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
