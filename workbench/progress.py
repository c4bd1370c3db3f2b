"""Progress reporting and cancellation for long work, shared by the CLI, tests and the GUI.

Long operations are plain functions taking ``progress`` and ``cancel`` keyword arguments
(the Orange3 habit), so the same code runs headless and on a Qt worker thread.
"""

from __future__ import annotations

import threading
from typing import Protocol

from workbench.errors import Cancelled


class ProgressCallback(Protocol):
    def __call__(self, fraction: float, message: str = "") -> None: ...


def no_progress(fraction: float, message: str = "") -> None:
    """Default callback: long work need not be watched."""


class CancelToken:
    """A thread-safe flag the GUI sets and the worker polls between chunks of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled("cancelled by the user; nothing was changed")


def scaled(progress: ProgressCallback, start: float, stop: float) -> ProgressCallback:
    """Map a sub-task's 0..1 progress into ``start..stop`` of the parent's bar."""

    def report(fraction: float, message: str = "") -> None:
        progress(start + (stop - start) * min(max(fraction, 0.0), 1.0), message)

    return report
