"""Uncaught exceptions in the desktop app: a crash log without data, and a dialog naming it."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

SECRET = "Arbela trust 12.375 note: meeting with elders"


@pytest.fixture
def handler(qapp):
    from ui.crash import install_crash_handler

    before = (sys.excepthook, threading.excepthook)
    h = install_crash_handler(qapp)
    yield h
    h.uninstall()
    for box in list(h.reporter.dialogs):
        box.close()
    assert (sys.excepthook, threading.excepthook) == before


def _raise_in_a_nested_call(value: float) -> None:
    secret_local = SECRET  # noqa: F841 - a local value that must not reach the log
    raise ValueError(f"bad value {value} in {SECRET}")


def _crash_logs() -> list[Path]:
    return sorted(Path(os.environ["WORKBENCH_LOG_DIR"]).glob("crash-*.log"))


def test_install_replaces_both_hooks_and_uninstall_restores(handler):
    assert sys.excepthook == handler.excepthook
    assert threading.excepthook == handler.threading_hook


def test_gui_thread_exception_writes_a_log_without_data_and_names_it(qtbot, handler):
    try:
        _raise_in_a_nested_call(12.375)
    except ValueError as err:
        handler.excepthook(type(err), err, err.__traceback__)
    qtbot.waitUntil(lambda: len(handler.reporter.dialogs) == 1, timeout=2_000)
    [log] = _crash_logs()
    text = log.read_text(encoding="utf-8")
    assert text.startswith("builtins.ValueError")
    assert "_raise_in_a_nested_call" in text and "test_crash.py" in text
    for private in ("Arbela", "12.375", "elders", "bad value"):
        assert private not in text
    box = handler.reporter.dialogs[0]
    assert str(log) in box.informativeText()
    assert "Arbela" not in box.text() + box.informativeText()
    assert any(b.text() == "Open log folder" for b in box.buttons())


def test_exception_in_a_qt_slot_reaches_the_handler(qtbot, handler):
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: _raise_in_a_nested_call(1.0))
    qtbot.waitUntil(lambda: len(handler.reporter.logs) == 1, timeout=2_000)
    qtbot.waitUntil(lambda: len(handler.reporter.dialogs) == 1, timeout=2_000)
    assert "_raise_in_a_nested_call" in handler.reporter.logs[0].read_text(encoding="utf-8")


def test_worker_thread_exception_shows_the_dialog_on_the_gui_thread(qtbot, handler):
    from PySide6.QtCore import QThread

    worker = threading.Thread(target=_raise_in_a_nested_call, args=(2.0,))
    worker.start()
    worker.join()
    assert len(handler.reporter.logs) == 1  # written at once, on the worker
    qtbot.waitUntil(lambda: len(handler.reporter.dialogs) == 1, timeout=2_000)
    assert handler.reporter.dialogs[0].thread() is QThread.currentThread()


def test_keyboard_interrupt_and_thread_exit_are_not_crashes(qtbot, handler):
    seen: list[type] = []
    previous = handler.previous_excepthook
    handler.previous_excepthook = lambda t, e, tb: seen.append(t)
    handler.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    handler.previous_excepthook = previous
    worker = threading.Thread(target=sys.exit, args=(3,))
    worker.start()
    worker.join()
    qtbot.wait(20)
    assert seen == [KeyboardInterrupt]
    assert handler.reporter.logs == [] and handler.reporter.dialogs == [] and _crash_logs() == []


def test_a_failing_log_write_does_not_raise_a_second_error(monkeypatch, qtbot, handler):
    import ui.crash

    def disk_full(err: BaseException) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ui.crash, "log_exception", disk_full)
    handler.excepthook(RuntimeError, RuntimeError("x"), None)
    assert handler.reporter.report(RuntimeError("y")) is None
    qtbot.wait(20)
    assert handler.reporter.dialogs == []
