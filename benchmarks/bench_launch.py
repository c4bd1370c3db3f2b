"""Launch to a usable window, and the longest freeze of the GUI while background work runs.

Run:  .venv/bin/python benchmarks/bench_launch.py [--project sample_data/sample.wbproj] [--runs 3]

Each run starts a fresh interpreter, as a double-click does, on a *copy* of the project (the
sample is never touched). The child runs ``workbench gui --project COPY`` through the real
command-line entry point; a hook connected to the window's ``project_loaded`` signal notes
the moment the window is usable (tree, inbox, first chart painted). The parent measures from
just before it starts the child, so interpreter start, imports, Qt set-up and the project
read are all inside the figure.

Then the child keeps the window open until every background task has finished (detectors
imported, every observation read for the Data and Index tabs) and measures how long the
GUI thread went without processing events: a 10 ms timer records the gap between its
ticks, and the longest gap minus the 10 ms period is the worst freeze a user could feel
(a click or a key press waits that long); each gap over 60 ms is listed with the tasks
that were running. Last, the same timer runs for 3 s with nothing running: on a loaded
machine the operating system alone delays ticks, and that figure says how much of a freeze
is the machine's. Goals (issue 17): usable window < 2 s, no freeze over 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK_MS = 10
IDLE_S = 3  # seconds of an idle window measured after the background work, for comparison


def child(project: Path, tab: str | None) -> None:
    """Runs in the child interpreter: the real ``gui`` command with a probe attached."""
    t_start = time.time()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui import main_window

    probe: dict[str, float | list[float]] = {"t_start": t_start}
    original = main_window.MainWindow.__init__

    def init(self: main_window.MainWindow, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        self._headless = True
        ticks: list[float] = []
        running: list[str] = []  # the runner's tasks at each tick, to say what a freeze overlapped
        timer = QTimer(self)
        timer.setInterval(TICK_MS)

        def tick() -> None:
            ticks.append(time.perf_counter())
            running.append(",".join(sorted(self.runner._current)))

        timer.timeout.connect(tick)

        def usable(_snap: object) -> None:
            if "t_usable" in probe:
                return
            if tab:
                self.select_tab(tab)
            self.repaint()  # the first chart and the inbox are on screen
            probe["t_usable"] = time.time()
            timer.start()
            QTimer.singleShot(200, self, wait_idle)

        def wait_idle() -> None:
            if self.runner.is_busy() or self.snapshot is None or self.snapshot.columns is None:
                QTimer.singleShot(50, self, wait_idle)
                return
            probe["t_idle"] = time.time()
            gaps = [b - a for a, b in zip(ticks, ticks[1:])]
            probe["max_gap_ms"] = max(gaps) * 1000 if gaps else 0.0
            probe["gaps_over_100ms"] = sum(g > 0.1 + TICK_MS / 1000 for g in gaps)
            probe["long_gaps"] = [[round(g * 1000), running[i + 1]] for i, g in enumerate(gaps) if g > 0.06]
            probe["ticks"] = len(ticks)
            # The same timer with nothing running: how late the machine itself makes a tick.
            ticks.clear()
            QTimer.singleShot(IDLE_S * 1000, self, finish)

        def finish() -> None:
            timer.stop()
            gaps = [b - a for a, b in zip(ticks, ticks[1:])]
            probe["idle_max_gap_ms"] = max(gaps) * 1000 if gaps else 0.0
            print("PROBE " + json.dumps(probe), flush=True)
            QApplication.instance().quit()

        self.project_loaded.connect(usable)

    main_window.MainWindow.__init__ = init  # type: ignore[method-assign]
    from workbench.cli import main

    sys.exit(main(["gui", "--project", str(project)]))


def one_run(project: Path, tab: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench_launch_") as tmp:
        copy = Path(tmp) / project.name
        shutil.copy2(project, copy)
        env = dict(os.environ, WORKBENCH_CONFIG_DIR=str(Path(tmp) / "config"),
                   WORKBENCH_DATA_DIR=str(Path(tmp) / "data"), WORKBENCH_LOG_DIR=str(Path(tmp) / "logs"))
        # The tour would sit on top of the window: mark it seen, as on every start after the first.
        (Path(tmp) / "config").mkdir()
        (Path(tmp) / "config" / "gui.ini").write_text("[tour]\nseen=true\n")
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(copy)] + (["--tab", tab] if tab else [])
        t0 = time.time()
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        line = next((ln for ln in out.stdout.splitlines() if ln.startswith("PROBE ")), None)
        if line is None:
            raise SystemExit(f"child failed:\n{out.stdout}\n{out.stderr}")
        probe = json.loads(line[6:])
        return {
            "launch_to_usable_s": round(probe["t_usable"] - t0, 2),
            "interpreter_start_s": round(probe["t_start"] - t0, 2),
            "background_done_s": round(probe["t_idle"] - t0, 2),
            "longest_freeze_ms": round(max(probe["max_gap_ms"] - TICK_MS, 0.0), 1),
            "freezes_over_100ms": int(probe["gaps_over_100ms"]),
            "freezes_over_60ms_with_tasks": probe["long_gaps"],
            "idle_window_longest_gap_ms": round(max(probe["idle_max_gap_ms"] - TICK_MS, 0.0), 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT / "sample_data" / "sample.wbproj")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tab", default=None, help="tab to show once usable (default: the app's choice)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.tab)
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    runs = [one_run(args.project.resolve(), args.tab) for _ in range(args.runs)]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(json.dumps({"project": str(args.project), "load_average_1min": round(load, 2), "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
