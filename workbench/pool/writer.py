"""Add projects to a pooled store, one project at a time, replacing what an earlier pooling
of the same project left.

Only one project's data is in memory at any moment. Each project is first written to a
staging folder inside the pool and then swapped in table by table, so a pooling that
fails part-way leaves earlier projects untouched and the failed one either as it was or
complete in each table; running it again repairs it (pooling is idempotent).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.errors import ProjectError, WorkbenchError
from workbench.store import pool_layout as layout
from workbench.progress import CancelToken, ProgressCallback, no_progress
from workbench.store import open_project
from workbench.store.copies import table_copy


@dataclass(frozen=True)
class PooledProject:
    """What pooling one project wrote, for the command's summary line."""

    file: Path
    project_id: str
    observations: int
    buckets: int
    alerts: int
    events: int
    replaced: str | None  # file name of the copy this one replaced, if any


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise WorkbenchError(f"{out} is a file; --out must be a folder (new or an existing pool)")
    if out.is_dir() and any(out.iterdir()) and not layout.is_pool(out):
        raise WorkbenchError(f"{out} is a folder that is not a pooled store and not empty; choose another --out")


def _project_ids(paths: Sequence[Path]) -> list[str]:
    """Read every input's project id before writing anything: a bad input changes nothing."""
    ids = []
    for p in paths:
        with open_project(p, readonly=True) as project:
            pid = project.meta("project_id")
        if not pid or not all(c.isalnum() or c in "-_" for c in pid):
            raise ProjectError(f"{Path(p).name} has no usable project id; open it once with this version")
        ids.append(pid)
    return ids


def pool_projects(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    buckets: int = layout.DEFAULT_BUCKETS,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> list[PooledProject]:
    """Write each project's observations, codebook, regions, imports, runs and alert
    history into the pool at ``out`` (created if needed)."""
    layout.require_pyarrow()
    out = Path(out)
    files = [Path(p) for p in paths]
    if buckets < 1:
        raise WorkbenchError("--buckets must be 1 or more")
    _check_out(out)
    ids = _project_ids(files)
    out.mkdir(parents=True, exist_ok=True)
    marker = out / layout.MARKER
    if not marker.exists():
        marker.write_text(json.dumps({"format": layout.FORMAT, "version": layout.VERSION}) + "\n", encoding="utf-8")
    done = []
    for i, (path, pid) in enumerate(zip(files, ids)):
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(i / len(files), f"pooling {path.name}")
        done.append(_pool_one(path, pid, out, buckets))
    progress(1.0, "pooled")
    return done


def _previous_file(out: Path, pid: str) -> str | None:
    import pyarrow.parquet as pq

    f = layout.project_dir(out, layout.PROJECTS, pid) / "part-0.parquet"
    if not f.exists():
        return None
    return str(pq.read_table(f, columns=["file_name"]).column(0)[0].as_py())


def _write(frame: pd.DataFrame, folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), folder / "part-0.parquet")


def _obs_schema() -> object:
    import pyarrow as pa

    return pa.schema([("region", pa.string()), ("indicator", pa.string()), ("period", pa.timestamp("us")),
                      ("group", pa.string()), ("value", pa.float64()), ("freq", pa.string()),
                      ("region_id", pa.int64()), ("indicator_id", pa.int64())])


def _pool_one(path: Path, pid: str, out: Path, n_buckets: int) -> PooledProject:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from workbench.dask_engine import series_buckets

    stage = out / ".incoming" / f"{pid}-{uuid.uuid4().hex[:8]}"
    replaced = _previous_file(out, pid)
    with open_project(path, readonly=True) as project:
        counts = {}
        for name in layout.TABLES:
            frame = table_copy(project.conn, name)
            counts[name] = len(frame)
            _write(frame, layout.project_dir(stage, name, pid))
        obs = project.observations(with_ids=True)[layout.OBS_COLUMNS]
        schema_version = project.schema_version
    obs["period"] = obs["period"].astype("datetime64[us]")
    bucket = series_buckets(obs, n_buckets)
    obs_dir = layout.project_dir(stage, layout.OBSERVATIONS, pid)
    obs_dir.mkdir(parents=True, exist_ok=True)
    used = np.unique(bucket)
    for b in used:
        part = pa.Table.from_pandas(obs[bucket == b], schema=_obs_schema(), preserve_index=False)
        (obs_dir / f"bucket={int(b)}").mkdir()
        pq.write_table(part, obs_dir / f"bucket={int(b)}" / "part-0.parquet")
    origin = pd.DataFrame([{
        "project_id": pid, "file_name": path.name, "path": str(path.resolve()),
        "pooled_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "schema_version": schema_version, "observations": len(obs), "buckets": n_buckets,
        "alerts": counts["alerts"], "alert_events": counts["alert_events"],
    }])
    _write(origin, layout.project_dir(stage, layout.PROJECTS, pid))
    _swap_in(stage, out, pid)
    return PooledProject(path, pid, len(obs), len(used), counts["alerts"], counts["alert_events"], replaced)


def _swap_in(stage: Path, out: Path, pid: str) -> None:
    """Replace the project's folder in every table by the staged one. The origin entry is
    removed first and put back last, so a project listed in ``projects`` is complete."""
    trash = out / ".incoming" / f"old-{uuid.uuid4().hex[:8]}"
    trash.mkdir(parents=True, exist_ok=True)
    order = [layout.PROJECTS] + [t for t in layout.ALL_TABLES if t != layout.PROJECTS]
    for table in order:  # the old origin entry goes first: readers skip the project meanwhile
        target = layout.project_dir(out, table, pid)
        if target.exists():
            os.replace(target, trash / table)
    for table in order[1:] + order[:1]:
        target = layout.project_dir(out, table, pid)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(layout.project_dir(stage, table, pid), target)
    shutil.rmtree(trash, ignore_errors=True)
    shutil.rmtree(stage, ignore_errors=True)
    try:
        (out / ".incoming").rmdir()
    except OSError:
        pass  # another pooling is staging next to us, or leftovers of a killed one
