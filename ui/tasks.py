"""The one place where the desktop app runs long work off the GUI thread.

Core functions are plain Python taking ``progress`` and ``cancel`` keywords (see
``workbench/progress.py``); the :class:`TaskRunner` runs them on a ``QThreadPool`` and
delivers progress, the result or the error back on the GUI thread. A new task of the same
*kind* cancels the previous one and any late result of a superseded task is dropped, so a
view can never be painted with stale data. Writes are different: a newer write must never
abort an older one (an acknowledgement must not kill a model run), so ``queue=True`` tasks of
one kind wait in a FIFO and run one at a time, each to its own end.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
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
            try:
                result = self.work(progress=progress, cancel=self.token)
            except BaseException as err:  # noqa: BLE001 - every failure must reach the GUI
                self.emitter.failed.emit(self.task_id, err)
            else:
                self.emitter.finished.emit(self.task_id, result)
        except RuntimeError:
            # The window (and with it the emitter) closed while this ran: nobody is left to
            # tell, and an exception must not escape into Qt's thread pool.
            pass


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
        # Queued kinds: the job still on the pool (even if cancelled) and those waiting behind it.
        self._running: dict[str, int] = {}
        self._queues: dict[str, deque[tuple[int, Work, str]]] = {}
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
        queue: bool = False,
    ) -> int:
        """Start ``work(progress=, cancel=)``.

        By default a running task of the same kind is cancelled (a newer read supersedes an
        older one). With ``queue=True`` the task waits until every earlier queued task of its
        kind has ended, so no two of them run at once and none is dropped.
        """
        task_id = next(self._ids)
        token = CancelToken()
        self._pending[task_id] = _Pending(kind, token, on_done, on_failed)
        if queue:
            if kind in self._running:
                self._queues.setdefault(kind, deque()).append((task_id, work, title))
                return task_id
            self._running[kind] = task_id
        else:
            self.cancel(kind)
        self._start(kind, task_id, work, title)
        return task_id

    def cancel(self, kind: str) -> None:
        """Cancel the running task of ``kind``; queued ones behind it still run afterwards."""
        task_id = self._current.pop(kind, None)
        if task_id is not None and task_id in self._pending:
            self._pending[task_id].token.cancel()
            self.cancelled.emit(kind)

    def cancel_all(self, *, drop_queued: bool = False) -> None:
        """Cancel every running task; ``drop_queued`` also forgets waiting ones (at shutdown)."""
        if drop_queued:
            for waiting in self._queues.values():
                for task_id, _work, _title in waiting:
                    self._pending.pop(task_id, None)
            self._queues.clear()
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
    def _start(self, kind: str, task_id: int, work: Work, title: str) -> None:
        self._current[kind] = task_id
        self.started.emit(kind, title)
        self._pool.start(_Job(task_id, work, self._pending[task_id].token, self._emitter))

    def _start_next(self, kind: str, ended_id: int) -> None:
        """A queued job left the pool: let the next one of its kind start."""
        if self._running.get(kind) != ended_id:
            return
        del self._running[kind]
        waiting = self._queues.get(kind)
        if not waiting:
            self._queues.pop(kind, None)
            return
        task_id, work, title = waiting.popleft()
        self._running[kind] = task_id
        self._start(kind, task_id, work, title)

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
            if pending is not None:
                self._start_next(pending.kind, task_id)
            self._maybe_idle()
            return  # superseded or cancelled: its result is stale
        del self._current[pending.kind]
        try:
            if pending.on_done:
                pending.on_done(result)
        finally:
            self.finished.emit(pending.kind)
            self._start_next(pending.kind, task_id)
            self._maybe_idle()

    @Slot(int, object)
    def _on_failed(self, task_id: int, err: BaseException) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None or not self._is_current(task_id, pending):
            if pending is not None:
                self._start_next(pending.kind, task_id)
            self._maybe_idle()
            return
        del self._current[pending.kind]
        try:
            if isinstance(err, Cancelled):
                self.cancelled.emit(pending.kind)
            else:
                message = describe_error(err)
                if pending.on_failed:
                    pending.on_failed(message)
                self.failed.emit(pending.kind, message)
        finally:
            self._start_next(pending.kind, task_id)
            self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._pending:
            self.idle.emit()
