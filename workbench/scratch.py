"""Scratch space for libraries that spill to temporary files: beside the output, never /tmp.

openpyxl writes every sheet's XML to a temporary file before zipping it, and xlsxwriter
does the same unless told otherwise; by default those files go to the system temp folder,
which every user and program of the machine shares, and which nothing cleans when a
program is killed mid-way. A brief's sheets hold district names, explanations, notes and
actors (docs/privacy.md), so the workbench gives such libraries a hidden folder next to
the file being written instead (``.NAME.scratch-PID-XXXX``) and removes it when the write
ends, whether it succeeded or failed. A kill leaves it beside the output, where the user
looks, not in a shared folder; the next write to the same output removes such leftovers of
processes that are gone.

openpyxl has no option for where its temporary files go, so :func:`library_tempdir` points
the standard library's :data:`tempfile.tempdir` at the scratch folder for the duration of
the block. That setting is process-wide: the block holds a lock, and only the command
line's single-threaded writers use it (the desktop app writes briefs in a child process).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import WorkbenchError

_LOCK = threading.Lock()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove_leftovers(out: Path) -> None:
    """Scratch folders beside ``out`` left by processes that no longer run (a killed write)."""
    for old in out.parent.glob(f".{out.name}.scratch-*"):
        try:
            pid = int(old.name.rsplit(".scratch-", 1)[1].split("-", 1)[0])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid) and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def scratch_dir(out: Path) -> Iterator[Path]:
    """A new hidden folder beside ``out`` for temporary files; removed when the block ends."""
    out = Path(out)
    _remove_leftovers(out)
    try:
        path = Path(tempfile.mkdtemp(prefix=f".{out.name}.scratch-{os.getpid()}-", dir=out.parent))
    except OSError as err:
        raise WorkbenchError(f"cannot write in {out.parent}: {err.strerror or err}") from None
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def library_tempdir(out: Path) -> Iterator[Path]:
    """Within the block, every :mod:`tempfile` file without an explicit folder goes to a
    scratch folder beside ``out`` (for libraries with no option of their own)."""
    with _LOCK, scratch_dir(out) as path:
        before = tempfile.tempdir
        tempfile.tempdir = str(path)
        try:
            yield path
        finally:
            tempfile.tempdir = before


__all__ = ["library_tempdir", "scratch_dir"]
