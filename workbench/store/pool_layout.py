"""Where a pooled store keeps what, and in which shape.

```
pooled/
  pool.json                                        marks the folder as a pool (format, version)
  projects/project=<project_id>/part-0.parquet      origin: file name, path, when pooled, counts
  observations/project=<id>/bucket=<k>/part-0.parquet
  regions/ indicators/ imports/ runs/ alerts/ alert_events/   project=<id>/part-0.parquet
```

Hive partitioning by ``project`` (the project's ``project_id`` from its ``meta`` table) makes
re-pooling a project a matter of replacing its folders, and keeps every row's origin
without a column in the files. Observations are further split into ``bucket`` s of whole
series (:func:`workbench.dask_engine.series_buckets`), the unit a Dask worker takes.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import WorkbenchError

MARKER = "pool.json"
FORMAT = "workbench-pool"
VERSION = 1
DEFAULT_BUCKETS = 16
OBSERVATIONS = "observations"
PROJECTS = "projects"
#: Small per-project tables, by their pooled name (the store reads them:
#: :data:`workbench.store.copies.COPIED_TABLES`).
TABLES: tuple[str, ...] = ("regions", "indicators", "imports", "runs", "alerts", "alert_events")
ALL_TABLES = (PROJECTS, OBSERVATIONS, *TABLES)
OBS_COLUMNS = ["region", "indicator", "period", "group", "value", "freq", "region_id", "indicator_id"]


def is_pool(path: Path) -> bool:
    return path.is_dir() and (path / MARKER).is_file()


def project_dir(root: Path, table: str, project_id: str) -> Path:
    return root / table / f"project={project_id}"


def require_pyarrow() -> None:
    """One clear line instead of an ImportError where the [scale] extra is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise WorkbenchError(
            "pooled stores need the [scale] extra (pip install 'cohesion-workbench[scale]')"
        ) from None
