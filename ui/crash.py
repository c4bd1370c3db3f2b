"""Turn an unexpected exception in the desktop app into a crash log the user can send.

Without this, an exception in a slot is printed to a console the field analyst never sees
(a frozen Windows build has none) and the app carries on in an unknown state. Every uncaught
exception — on the GUI thread (PySide6 routes slot exceptions to ``sys.excepthook``) or on
a worker thread (``threading.excepthook``) — is written with
:func:`workbench.logs.log_exception`, which keeps exception types and stack frames only, never
messages or local values, because field data can be sensitive. The user then sees one dialog
with the log's path and what to do with it. Worker threads hand the path to the GUI thread
through a queued signal, since widgets may only be touched there.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workbench.logs import log_exception

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


class CrashReporter(QObject):
    """Lives on the GUI thread; ``crashed`` may be emitted from any thread."""

    crashed = Signal(str)  # the crash log's path

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialogs: list[QMessageBox] = []
        self.logs: list[Path] = []
        self.crashed.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)

    def report(self, exc: BaseException) -> Path | None:
        """Write the log and ask the GUI thread to tell the user; never raises."""
        try:
            path = log_exception(exc)
        except Exception:  # noqa: BLE001 - a full disk must not turn one crash into two
            return None
        self.logs.append(path)
        self.crashed.emit(str(path))
        return path

    @Slot(str)
    def _show_dialog(self, path: str) -> None:
        parent = QApplication.activeWindow()
        box = QMessageBox(parent if isinstance(parent, QWidget) else None)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Unexpected problem"))
        box.setText(self.tr("The workbench hit an unexpected problem and wrote a crash log."))
        box.setInformativeText(
            self.tr(
                "Please send this file to whoever supports the workbench for your office:\n\n%1\n\n"
                "It lists only where in the program the problem happened: no indicator values, "
                "notes or file contents. Your project is safe, because every change is saved in "
                "one step; if anything looks wrong, close and reopen the workbench."
            ).replace("%1", path)
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        folder = box.addButton(self.tr("Open log folder"), QMessageBox.ButtonRole.ActionRole)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent))))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: self.dialogs.remove(box) if box in self.dialogs else None)
        self.dialogs.append(box)
        box.open()  # not exec(): a nested event loop inside an exception hook invites re-entry


@dataclass
class CrashHandler:
    """The installed hooks; ``uninstall`` puts back what was there (tests, embedding)."""

    reporter: CrashReporter
    previous_excepthook: ExceptHook
    previous_threading_hook: Callable[[threading.ExceptHookArgs], Any]
    installed: bool = field(default=True)

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous_excepthook(exc_type, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        self.reporter.report(exc)

    def threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.reporter.report(args.exc_value)

    def uninstall(self) -> None:
        if not self.installed:
            return
        sys.excepthook = self.previous_excepthook
        threading.excepthook = self.previous_threading_hook
        self.installed = False


def install_crash_handler(app: QApplication) -> CrashHandler:
    """Route every uncaught exception of the running app to a crash log and a dialog."""
    handler = CrashHandler(
        reporter=CrashReporter(app),
        previous_excepthook=sys.excepthook,
        previous_threading_hook=threading.excepthook,
    )
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.threading_hook
    return handler
