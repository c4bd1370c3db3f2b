"""The one place where the desktop app runs long work off the GUI thread.

Core functions are plain Python taking ``progress`` and ``cancel`` keywords (see
``workbench/progress.py``); the :class:`TaskRunner` runs them on a ``QThreadPool`` and
delivers progress, the result or the error back on the GUI thread. A new task of the same
*kind* cancels the previous one and any late result of a superseded task is dropped, so a
view can never be painted with stale data.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from workbench.errors import Cancelled, WorkbenchError
from workbench.progress import CancelToken

Work = Callable[..., Any]  # called as work(progress=..., cancel=...)


class _Emitter(QObject):
    """Lives on the GUI thread; the worker emits through it (queued connections)."""

    progress = Signal(int, float, str)
    finished = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, task_id: int, work: Work, token: CancelToken, emitter: _Emitter) -> None:
        super().__init__()
        self.task_id, self.work, self.token, self.emitter = task_id, work, token, emitter
        self.setAutoDelete(True)

    def run(self) -> None:  # runs on a pool thread
        def progress(fraction: float, message: str = "") -> None:
            self.emitter.progress.emit(self.task_id, float(fraction), str(message))

        try:
            result = self.work(progress=progress, cancel=self.token)
        except BaseException as err:  # noqa: BLE001 - every failure must reach the GUI
            self.emitter.failed.emit(self.task_id, err)
        else:
            self.emitter.finished.emit(self.task_id, result)


@dataclass
class _Pending:
    kind: str
    token: CancelToken
    on_done: Callable[[Any], None] | None
    on_failed: Callable[[str], None] | None


def describe_error(err: BaseException) -> str:
    """What the user reads: our own errors already say what to do; others point to the log."""
    if isinstance(err, WorkbenchError):
        return str(err)
    if isinstance(err, MemoryError):
        return "not enough memory to finish; close other programs and try again"
    from workbench.logs import log_exception

    where = log_exception(err)
    return f"internal error ({type(err).__name__}); details were written to {where}"


class TaskRunner(QObject):
    """Runs one task per kind at a time; signals are delivered on the GUI thread."""

    started = Signal(str, str)  # kind, title
    progress = Signal(str, float, str)  # kind, fraction, message
    finished = Signal(str)  # kind (after the on_done callback)
    failed = Signal(str, str)  # kind, message for the user
    cancelled = Signal(str)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._emitter = _Emitter(self)
        self._emitter.progress.connect(self._on_progress)
        self._emitter.finished.connect(self._on_finished)
        self._emitter.failed.connect(self._on_failed)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._current: dict[str, int] = {}
        self._lock = threading.Lock()

    # -- public ------------------------------------------------------------------------
    def submit(
        self,
        kind: str,
        work: Work,
        *,
        title: str = "",
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
    ) -> int:
        """Start ``work(progress=, cancel=)``; a running task of the same kind is cancelled."""
        self.cancel(kind)
        task_id = next(self._ids)
        token = CancelToken()
        self._pending[task_id] = _Pending(kind, token, on_done, on_failed)
        self._current[kind] = task_id
        self.started.emit(kind, title)
        self._pool.start(_Job(task_id, work, token, self._emitter))
        return task_id

    def cancel(self, kind: str) -> None:
        task_id = self._current.pop(kind, None)
        if task_id is not None and task_id in self._pending:
            self._pending[task_id].token.cancel()
            self.cancelled.emit(kind)

    def cancel_all(self) -> None:
        for kind in list(self._current):
            self.cancel(kind)

    def is_busy(self, kind: str | None = None) -> bool:
        if kind is None:
            return bool(self._pending)
        return any(p.kind == kind for p in self._pending.values())

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until the pool is empty (used at shutdown, never while the window is live)."""
        return self._pool.waitForDone(msecs)

    # -- delivery on the GUI thread ---------------------------------------------------------
    def _is_current(self, task_id: int, pending: _Pending) -> bool:
        return self._current.get(pending.kind) == task_id

    @Slot(int, float, str)
    def _on_progress(self, task_id: int, fraction: float, message: str) -> None:
        pending = self._pending.get(task_id)
        if pending and self._is_current(task_id, pending):
            self.progress.emit(pending.kind, fraction, message)

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: Any) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None or not self._is_current(task_id, pending):
            self._maybe_idle()
            return  # superseded: its result is stale
        del self._current[pending.kind]
        try:
            if pending.on_done:
                pending.on_done(result)
        finally:
            self.finished.emit(pending.kind)
            self._maybe_idle()

    @Slot(int, object)
    def _on_failed(self, task_id: int, err: BaseException) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None or not self._is_current(task_id, pending):
            self._maybe_idle()
            return
        del self._current[pending.kind]
        if isinstance(err, Cancelled):
            self.cancelled.emit(pending.kind)
        else:
            message = describe_error(err)
            if pending.on_failed:
                pending.on_failed(message)
            self.failed.emit(pending.kind, message)
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._pending:
            self.idle.emit()
