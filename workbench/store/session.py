"""A project kept open across operations, and operations that take either a location or an open project.

The desktop makes many small writes (a decision, a note, a snooze) one after another on its
write queue. Opening the file for each costs its consistency check (``PRAGMA quick_check``,
tens of milliseconds on the sample, more on big projects); a :class:`ProjectHandle` opens it
once and hands out the same :class:`~workbench.store.project.Project` until the file under
the path is another one (a restored backup, a copy put in place), which it then opens
afresh. Holding a connection takes no lock: the command line and the import wizard write to
the same file meanwhile, each in its own transaction.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from workbench.locations import is_server_url
from workbench.store.opening import open_project


def _identity(location: str | Path) -> tuple[int, int] | None:
    """Which file is at the path now (device and inode), or None for a server project."""
    if is_server_url(location):
        return None
    try:
        st = os.stat(location)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class ProjectHandle:
    """One writable project, opened on first use and again only when the file changed identity."""

    def __init__(self, location: str | Path) -> None:
        self.location = location
        self._project: Any = None
        self._identity: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        """The open project (opened now if needed; call it on the worker that writes)."""
        with self._lock:
            now = _identity(self.location)
            if self._project is not None and now != self._identity:
                self._project.close()
                self._project = None
            if self._project is None:
                self._project = open_project(self.location)
                self._identity = _identity(self.location)
            return self._project

    def close(self) -> None:
        with self._lock:
            if self._project is not None:
                self._project.close()
                self._project = None


@contextmanager
def opened(project: Any, *, readonly: bool = False) -> Iterator[Any]:
    """The project ``project`` names: an open project is used as it is (and left open), a
    location (file path or server URL) is opened here and closed afterwards."""
    if hasattr(project, "transact"):
        yield project
        return
    with open_project(project, readonly=readonly) as p:
        yield p


__all__ = ["ProjectHandle", "opened"]
