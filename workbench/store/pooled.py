"""Read a pooled store through the methods the CLI's read commands call on a project.

:func:`workbench.store.open_project` hands a pool folder to :func:`open_pooled`, so
``workbench data|alerts|history|report --project pooled/`` need no change of their own.
Ids are per project in the files; here every project's ids are shifted past the previous
project's largest (regions, alerts, events, runs), so they are unique across the pool and
references between rows (a region's parent, an event's alert, a reopened alert's
predecessor) still hold. Alert tables are loaded into an in-memory SQLite database with the
project schema, because the alert listings are SQL; they are small next to observations,
which are read from Parquet only when asked for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


import pandas as pd

from workbench.errors import ProjectError
from workbench.store import pool_layout as layout
from workbench.store.copies import alert_tables_in_memory

#: Id families and the columns (table, column) that hold ids of that family.
_FAMILIES: dict[str, list[tuple[str, str]]] = {
    "region": [("regions", "id"), ("regions", "parent_id")],
    "alert": [("alerts", "id"), ("alerts", "previous_alert_id"), ("alerts", "situation_id"),
              ("alert_events", "alert_id")],
    "event": [("alert_events", "id")],
    "run": [("runs", "id"), ("alerts", "opened_run"), ("alerts", "updated_run"), ("alert_events", "run_id")],
}


def is_pooled_store(path: Path) -> bool:
    return layout.is_pool(Path(path))


def open_pooled(path: str | Path, *, readonly: bool = True) -> PooledStore:
    """The read-only view of a pool; asking to write into it is a one-line error."""
    path = Path(path)
    if not readonly:
        raise ProjectError(f"{path} is a pooled store: it can be read (data, alerts, history, report), "
                           "not changed; run models and change alerts in the projects, then pool them again")
    layout.require_pyarrow()
    return PooledStore(path)


class PooledStore:
    """A pool seen as one read-only project (see the module docstring)."""

    readonly = True

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tables: dict[str, pd.DataFrame] = {}
        self._conn: sqlite3.Connection | None = None
        self._offsets: dict[str, dict[str, int]] | None = None

    # -- life cycle, like Project --------------------------------------------------------
    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> PooledStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, *, backup: bool = False) -> Iterator[sqlite3.Connection]:
        raise ProjectError(f"{self.path.name} is a pooled store and is read-only")
        yield  # pragma: no cover - a generator for the context manager protocol

    def meta(self, key: str, default: str | None = None) -> str | None:
        return default

    @property
    def schema_version(self) -> int:
        from workbench.store.schema import SCHEMA_VERSION

        return SCHEMA_VERSION

    # -- tables --------------------------------------------------------------------------
    def projects(self) -> pd.DataFrame:
        """One row per pooled project: project_id, file_name, path, pooled_at, counts."""
        return self._raw(layout.PROJECTS)

    def _project_ids(self) -> list[str]:
        folder = self.path / layout.PROJECTS
        found = sorted(p.name.split("=", 1)[1] for p in folder.glob("project=*") if (p / "part-0.parquet").exists())
        return found

    def _raw(self, table: str) -> pd.DataFrame:
        """All complete projects' rows of a small table, with a ``project`` column, project order."""
        import pyarrow.parquet as pq

        if table not in self._tables:
            frames = []
            for pid in self._project_ids():
                f = layout.project_dir(self.path, table, pid) / "part-0.parquet"
                if f.exists():
                    frame = pq.read_table(f).to_pandas()
                    frame.insert(0, "project", pid)
                    frames.append(frame)
            nonempty = [f for f in frames if len(f)]
            self._tables[table] = pd.concat(nonempty or frames[:1], ignore_index=True) if frames else pd.DataFrame()
        return self._tables[table]

    def _offset_map(self) -> dict[str, dict[str, int]]:
        """family -> project -> how far its ids are shifted."""
        if self._offsets is None:
            self._offsets = {}
            for family, cols in _FAMILIES.items():
                largest: dict[str, int] = {}
                for table, col in cols:
                    df = self._raw(table)
                    if len(df) and col in df:
                        m = pd.to_numeric(df[col], errors="coerce").groupby(df["project"]).max()
                        for pid, v in m.dropna().items():
                            largest[pid] = max(largest.get(pid, 0), int(v))
                shift, total = {}, 0
                for pid in self._project_ids():
                    shift[pid] = total
                    total += largest.get(pid, 0)
                self._offsets[family] = shift
        return self._offsets

    def _shifted(self, table: str) -> pd.DataFrame:
        df = self._raw(table).copy()
        if not len(df):
            return df
        offsets = self._offset_map()
        for family, cols in _FAMILIES.items():
            for t, col in cols:
                if t == table and col in df:
                    shift = df["project"].map(offsets[family]).fillna(0).astype("int64")
                    df[col] = (pd.to_numeric(df[col], errors="coerce") + shift).astype("Int64")
        return df

    def regions(self) -> pd.DataFrame:
        """All projects' regions with pool-wide ids (id, key, name, code, parent_id, level, project)."""
        cols = ["id", "key", "name", "code", "parent_id", "level", "project"]
        df = self._shifted("regions")
        return df[cols] if len(df) else pd.DataFrame(columns=cols)

    def indicators(self) -> pd.DataFrame:
        """One codebook: each indicator key once, as the first pooled project describes it."""
        cols = ["id", "key", "name", "domain", "unit", "direction", "threshold", "description"]
        df = self._raw("indicators")
        if not len(df):
            return pd.DataFrame(columns=cols)
        df = df.drop_duplicates("key").reset_index(drop=True)
        df["id"] = range(1, len(df) + 1)
        return df[cols]

    def imports(self) -> pd.DataFrame:
        return self._raw("imports")

    def observations(
        self,
        *,
        regions: list[int] | None = None,
        indicators: list[int] | None = None,
        with_ids: bool = False,
    ) -> pd.DataFrame:
        """Canonical observations of every project (as :meth:`Project.observations`), read
        from Parquet with the filters pushed down to the files."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.dataset as ds

        pids = self._project_ids()
        cols = ["region", "indicator", "period", "group", "value", "freq"]
        if not pids:
            return pd.DataFrame({c: pd.Series(dtype="float64" if c == "value" else "str") for c in cols})
        part = ds.partitioning(pa.schema([("project", pa.string()), ("bucket", pa.int32())]), flavor="hive")
        dataset = ds.dataset(str(self.path / layout.OBSERVATIONS), format="parquet", partitioning=part)
        expr = pc.field("project").isin(pids)
        table = dataset.to_table(columns=cols + ["region_id", "indicator_id", "project"], filter=expr)
        df = table.to_pandas()
        df["period"] = pd.to_datetime(df["period"]).astype("datetime64[ns]")
        df["group"] = df["group"].fillna("")
        df["value"] = df["value"].astype("float64")
        df["region_id"] = df["region_id"] + df["project"].map(self._offset_map()["region"]).astype("int64")
        keys = self.indicators()
        df["indicator_id"] = df["indicator"].map(dict(zip(keys["key"], keys["id"]))).astype("int64")
        if regions is not None:
            df = df[df["region_id"].isin(regions)]
        if indicators is not None:
            df = df[df["indicator_id"].isin(indicators)]
        df = df.sort_values(["project", "region_id", "indicator", "period", "group"], kind="stable")
        out = df[(["region_id", "indicator_id"] if with_ids else []) + cols]
        return out.reset_index(drop=True)

    # -- the alert tables, as SQL ----------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        """An in-memory database with the project schema holding every project's runs,
        alerts and events (pool-wide ids; ``alert.project`` tells the origin)."""
        if self._conn is None:
            frames = {}
            for table, target in (("runs", "run"), ("alerts", "alert"), ("alert_events", "alert_event")):
                df = self._shifted(table)
                if len(df) and target != "alert":
                    df = df.drop(columns=["project"])
                frames[target] = df
            self._conn = alert_tables_in_memory(frames, origin_column="project")
        return self._conn

    def data_fingerprint(self) -> str:
        """The pooled projects' ids and pooling times: changes whenever the pool does."""
        import hashlib

        p = self.projects()
        text = "" if not len(p) else p[["project_id", "pooled_at"]].to_csv(index=False)
        return hashlib.sha256(text.encode()).hexdigest()

