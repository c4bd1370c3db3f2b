"""The task runner: reads supersede each other, writes queue and never abort one another."""

from __future__ import annotations

import threading
import time

import pytest

pytestmark = pytest.mark.gui


def _recording_work(name: str, log: list[str], lock: threading.Lock, running: list[int],
                    seconds: float = 0.15):
    def work(progress, cancel):
        with lock:
            running[0] += 1
            running[1] = max(running[1], running[0])
            log.append(f"start {name}")
        try:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                cancel.raise_if_cancelled()
                time.sleep(0.01)
        finally:
            with lock:
                running[0] -= 1
                log.append(f"end {name}")
        return name

    return work


def test_two_queued_writes_both_run_in_order_one_at_a_time(qtbot):
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    log: list[str] = []
    running = [0, 0]  # now, most at once
    lock = threading.Lock()
    done: list[str] = []
    runner.submit("write", _recording_work("A", log, lock, running), queue=True, on_done=done.append)
    runner.submit("write", _recording_work("B", log, lock, running), queue=True, on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 2 and not runner.is_busy(), timeout=5_000)
    assert done == ["A", "B"]
    assert log == ["start A", "end A", "start B", "end B"]
    assert running[1] == 1


def test_cancel_stops_the_running_write_and_the_queued_one_still_runs(qtbot):
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    log: list[str] = []
    running = [0, 0]
    lock = threading.Lock()
    done: list[str] = []
    cancelled: list[str] = []
    runner.cancelled.connect(cancelled.append)
    runner.submit("write", _recording_work("slow", log, lock, running, seconds=5.0), queue=True,
                  on_done=done.append)
    runner.submit("write", _recording_work("next", log, lock, running), queue=True, on_done=done.append)
    qtbot.waitUntil(lambda: "start slow" in log, timeout=5_000)
    runner.cancel_all()
    qtbot.waitUntil(lambda: done == ["next"] and not runner.is_busy(), timeout=5_000)
    assert cancelled and cancelled[0] == "write"
    # The cancelled write ended before the next one began: never two writers at once.
    assert log == ["start slow", "end slow", "start next", "end next"]
    assert running[1] == 1


def test_an_unqueued_read_still_supersedes_the_previous_one(qtbot):
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    log: list[str] = []
    running = [0, 0]
    lock = threading.Lock()
    done: list[str] = []
    runner.submit("index", _recording_work("old", log, lock, running, seconds=5.0), on_done=done.append)
    qtbot.waitUntil(lambda: "start old" in log, timeout=5_000)
    runner.submit("index", _recording_work("new", log, lock, running), on_done=done.append)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5_000)
    assert done == ["new"]


def test_main_window_cancel_button_cancels_the_running_write(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    log: list[str] = []
    running = [0, 0]
    lock = threading.Lock()
    done: list[str] = []
    w.runner.submit("write", _recording_work("models", log, lock, running, seconds=5.0), queue=True,
                    on_done=done.append)
    w.runner.submit("write", _recording_work("note", log, lock, running), queue=True, on_done=done.append)
    qtbot.waitUntil(lambda: "start models" in log, timeout=5_000)
    w.cancel_button.click()
    qtbot.waitUntil(lambda: not w.runner.is_busy(), timeout=5_000)
    assert done == ["note"]
    assert w.cancel_button.isHidden()
