"""Restores racing each other, writers and SIGKILL: shared by ``tests/test_restore_safety.py``
and ``benchmarks/fault_suite.py``.

The property checked is the one a person relies on: *every committed event survives
somewhere* - in the project or in one of the copies a restore kept aside - and no file a
restore leaves (project, kept copy) is torn. Writers report each note only after its
transaction committed, so a note they printed and nobody holds is lost data.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from alerts_factory import noise_series, with_step, write_series

ROOT = Path(__file__).resolve().parents[1]

#: Adds notes to alert 1 for ``seconds``; prints each note's text once its transaction has
#: committed. ``mode`` "session": one open project for the whole loop (the desktop app);
#: "command": a new open per note (the CLI).
WRITER = r"""
import sys, time
from alerts import lifecycle
from workbench.errors import WorkbenchError
from workbench.store import open_project
path, seconds, mode, tag = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
end = time.time() + seconds
i = 0
project = open_project(path) if mode == "session" else None
while time.time() < end:
    i += 1
    text = f"{tag}-{i}"
    try:
        p = project or open_project(path)
        try:
            with p.transaction() as conn:
                lifecycle.add_note(conn, 1, text, actor="writer")
        finally:
            if project is None:
                p.close()
    except WorkbenchError:
        time.sleep(0.01)  # busy (a restore holds the lock) or the alert is gone: not committed
        continue
    print(text, flush=True)
    time.sleep(0.002)
"""

#: Restores backup 1 ``count`` times (each a fresh call, as the CLI or the app would).
RESTORER = r"""
import sys
from workbench.errors import ProjectBusyError
from workbench.store.backup import restore_backup
path, count = sys.argv[1], int(sys.argv[2])
done = 0
for _ in range(count):
    try:
        restore_backup(path, 1)
        done += 1
    except ProjectBusyError:
        pass
print(done, flush=True)
"""


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def build_project(path: Path) -> Path:
    """A project with two alerts whose newest automatic backup holds them too (the second
    model run backs up the state the first one left)."""
    from alerts.engine import run_models

    series = {("Kibali", "perceived_discrimination"): with_step(noise_series(48, 1), 36, 8),
              ("Arua", "perceived_discrimination"): with_step(noise_series(48, 3), 40, 8)}
    write_series(path, series)
    run_models(path)
    run_models(path)
    return path


def notes_in(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT note FROM alert_event WHERE note IS NOT NULL")}
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def kept_copies(project: Path) -> list[Path]:
    return sorted(p for p in project.parent.glob(f"{project.name}.damaged-*") if not p.name.endswith("-journal"))


def start(code: str, *args: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env(), cwd=ROOT)


def race(project: Path, *, restorers: int, restores: int, writers: list[str], seconds: float) -> dict:
    """Run restorers and note writers at once; returns what each reported and what was lost."""
    procs = [start(WRITER, project, seconds, mode, f"{mode}{i}") for i, mode in enumerate(writers)]
    time.sleep(0.3)
    rest = [start(RESTORER, project, restores) for _ in range(restorers)]
    outs = [p.communicate(timeout=300) for p in rest + procs]
    failures = [err.strip().splitlines()[-1] for (_, err), p in zip(outs, rest + procs) if p.returncode != 0]
    committed = {line for out, _ in outs[len(rest):] for line in out.split()}
    restored = sum(int(out.strip() or 0) for out, _ in outs[: len(rest)])
    held = notes_in(project)
    copies = kept_copies(project)
    for c in copies:
        held |= notes_in(c)
    torn = [c.name for c in [project, *copies] if integrity(c) != "ok"]
    return {"committed": len(committed), "lost": sorted(committed - held), "restores": restored,
            "copies": len(copies), "torn": torn, "failures": failures}


def kill_restore(project: Path, delay: float) -> bool:
    """Start one restore and SIGKILL it after ``delay`` seconds; True if it was killed."""
    proc = start(RESTORER, project, 1)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True
    finally:
        proc.communicate()
