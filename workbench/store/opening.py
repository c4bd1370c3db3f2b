"""One way in: a project file, a team server's project, or a regional pool of projects.

Everything above the store opens a project with :func:`open_project` and asks
:func:`project_exists`; which backend serves it (:mod:`project` for a file, :mod:`pg` for a
``postgresql://`` URL, :mod:`pooled` for a pool folder) is chosen here, above the backends,
so that no backend imports another to choose.
"""

from __future__ import annotations

from pathlib import Path

from workbench.inputs import path_problem
from workbench.locations import is_server_url
from workbench.store.pg import open_pg_project, server_project_exists
from workbench.store.pooled import is_pooled_store, open_pooled
from workbench.store.project import OlderSchemaError, Project, open_file_project


def open_project(path: str | Path, *, create: bool = False, readonly: bool = False) -> Project:
    """Open (and if asked, create) a project, upgrading its schema when opened for writing.

    Raises :class:`~workbench.errors.ProjectError` with a one-line reason when it is
    missing, not a project, damaged, or from a newer version. A pool is read-only and
    duck-typed: it offers the reading methods the CLI's read commands call.
    """
    if is_server_url(path):
        return open_pg_project(str(path), create=create, readonly=readonly)
    folder = Path(path)
    if not path_problem(folder) and folder.is_dir() and is_pooled_store(folder):
        return open_pooled(folder, readonly=readonly)  # type: ignore[return-value]
    return open_file_project(folder, create=create, readonly=readonly)


def open_for_reading(path: str | Path) -> Project:
    """Open read-only, so that looking never changes the file; an older schema is first
    upgraded once (in its own backed-up transaction), as any writable open would."""
    try:
        return open_project(path, readonly=True)
    except OlderSchemaError:
        open_project(path).close()
    return open_project(path, readonly=True)


def project_exists(target: str | Path) -> bool:
    """Whether a project is already there (a file, or a database holding the schema)."""
    if is_server_url(target):
        return server_project_exists(str(target))
    return Path(target).exists()


__all__ = ["open_for_reading", "open_project", "project_exists"]
