"""Two programs on one project, and a project whose folder or disk fails mid-write.

Writers are serialized by SQLite's lock (``BEGIN IMMEDIATE``) and the store's busy
timeout; a writer that waits longer than the timeout gets one "in use" line. A lock holder
here is a separate process that keeps a write transaction open, the way a long import or
run would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import crash_harness as ch
from alerts.engine import run_models
from alerts_factory import noise_series, with_step, write_series
from workbench.errors import ProjectError
from workbench.importer.engine import import_file
from workbench.store import open_project


def _csv(path: Path, region: str, indicator: str, start: float) -> Path:
    periods = pd.date_range("2022-01-01", periods=24, freq="MS").strftime("%Y-%m")
    pd.DataFrame({"district": region, "indicator": indicator, "month": periods,
                  "value": np.round(start + np.arange(24) * 0.5, 1)}).to_csv(path, index=False)
    return path


class LockHolder:
    """A second program holding the project's write lock for ``seconds``, then committing."""

    def __init__(self, project: Path, seconds: float, key: str = "holder") -> None:
        code = (
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(project)!r}, isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            f"time.sleep({seconds})\n"
            f"c.execute(\"INSERT INTO meta(key, value) VALUES ('{key}', 'done')\")\n"
            "c.execute('COMMIT')\n"
        )
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "locked"

    def finish(self) -> int:
        code = self.proc.wait(timeout=60)
        self.proc.stdout.close()
        return code


def _cli(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "workbench", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.fixture
def alerted(tmp_path: Path) -> Path:
    """A small project with open alerts (two series with a clear step)."""
    path = tmp_path / "alerts.wbproj"
    write_series(path, {
        ("Kibali", "incidents"): with_step(noise_series(48, 1), 36, 6.0),
        ("Nord", "incidents"): with_step(noise_series(48, 2), 30, 6.0),
    })
    run_models(path)
    return path


def test_two_imports_at_once_both_land(project_path: Path, tmp_path: Path) -> None:
    import_file(_csv(tmp_path / "first.csv", "Kibali", "trust", 40.0), project_path)
    a = _csv(tmp_path / "a.csv", "Nord", "trust", 50.0)
    b = _csv(tmp_path / "b.csv", "Sud", "incidents", 3.0)
    holder = LockHolder(project_path, 1.5)  # both imports must wait, then go one after the other
    procs = [_cli("import", a, "--project", project_path), _cli("import", b, "--project", project_path)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert holder.finish() == 0
    assert [p.returncode for p in procs] == [0, 0], outs
    with open_project(project_path, readonly=True) as p:
        assert sorted(p.imports()["file_name"]) == ["a.csv", "b.csv", "first.csv"]
        obs = p.observations()
        assert p.meta("holder") == "done"
    assert len(obs) == 72
    assert set(obs["region"]) == {"Kibali", "Nord", "Sud"}


def test_cli_transition_waits_for_a_writer_then_lands(alerted: Path, run_cli) -> None:
    with open_project(alerted, readonly=True) as p:
        alert_id = p.conn.execute("SELECT min(id) FROM alert").fetchone()[0]
    holder = LockHolder(alerted, 1.5)
    t0 = time.perf_counter()
    code, out, err = run_cli("alert", alert_id, "--project", alerted, "--set", "acknowledged",
                             "--note", "seen while the run was writing")
    waited = time.perf_counter() - t0
    assert holder.finish() == 0
    assert code == 0, err
    assert waited >= 1.0  # it waited for the lock instead of failing or writing around it
    with open_project(alerted, readonly=True) as p:
        assert p.meta("holder") == "done"
        status = p.conn.execute("SELECT status FROM alert WHERE id = ?", (alert_id,)).fetchone()[0]
        notes = [r[0] for r in p.conn.execute("SELECT note FROM alert_event WHERE alert_id = ?", (alert_id,))]
    assert status == "acknowledged"
    assert "seen while the run was writing" in notes


def test_readers_are_not_blocked_by_a_waiting_writer(alerted: Path, run_cli) -> None:
    holder = LockHolder(alerted, 1.0)
    code, out, _ = run_cli("alerts", "--project", alerted, "--format", "csv")
    assert holder.finish() == 0
    assert code == 0 and out.count("\n") >= 3


def test_busy_timeout_gives_one_in_use_line_and_changes_nothing(
    alerted: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.store.project as store

    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 300)
    before = ch.canonical_dump(alerted)
    holder = LockHolder(alerted, 2.5)
    code, out, err = run_cli("alert", "1", "--project", alerted, "--note", "this one must wait")
    assert err.count("\n") == 1 and "is in use by another program" in err and err.startswith("error:")
    assert code == 1 and out == ""
    assert holder.finish() == 0
    after = ch.canonical_dump(alerted)
    assert after["alert_event"] == before["alert_event"] and after["alert"] == before["alert"]


def test_run_and_notes_at_the_same_time_lose_nothing(alerted: Path, run_cli) -> None:
    """A real ``workbench run`` and a stream of notes from the CLI, interleaved."""
    run = _cli("run", "--project", alerted)
    notes = []
    while run.poll() is None or len(notes) < 3:
        text = f"note {len(notes)} during the run"
        code, _, err = run_cli("alert", "1", "--project", alerted, "--note", text)
        assert code == 0, err
        notes.append(text)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    with open_project(alerted, readonly=True) as p:
        stored = [r[0] for r in p.conn.execute("SELECT note FROM alert_event WHERE alert_id = 1 AND kind = 'note' ORDER BY id")]
        runs = p.conn.execute("SELECT count(*) FROM run").fetchone()[0]
    assert stored == notes
    assert runs == 2


def _vanish_when(message: str, folder: Path, moved: Path):
    def progress(fraction: float, text: str = "") -> None:
        if text == message and folder.exists():
            shutil.move(folder, moved)  # the USB stick is pulled: the path is gone
    return progress


def test_folder_vanishing_before_a_run_writes_fails_cleanly(alerted: Path, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    project = folder / alerted.name
    shutil.copyfile(alerted, project)
    before = ch.canonical_dump(project)
    moved = tmp_path / "usb-elsewhere"
    with pytest.raises(ProjectError, match="no longer there") as info:
        run_models(project, progress=_vanish_when("updating alerts", folder, moved))
    assert "\n" not in str(info.value)
    survivor = moved / project.name
    assert ch.integrity(survivor) == "ok"
    assert ch.canonical_dump(survivor) == before


def test_folder_vanishing_before_an_import_writes_fails_cleanly(project_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    project = folder / "p.wbproj"
    import_file(_csv(tmp_path / "first.csv", "Kibali", "trust", 40.0), project)
    before = ch.canonical_dump(project)
    moved = tmp_path / "share-gone"
    with pytest.raises(ProjectError):
        import_file(_csv(tmp_path / "second.csv", "Nord", "trust", 40.0), project,
                    progress=_vanish_when("writing to the project", folder, moved))
    assert ch.canonical_dump(moved / "p.wbproj") == before


def test_folder_vanishing_in_the_middle_of_a_write_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder goes while the import's transaction has already changed pages: the open
    files keep working, the commit cannot finish, and the journal that travels with the
    file rolls it back when it is next opened."""
    from workbench.store.project import Project

    folder = tmp_path / "usb"
    folder.mkdir()
    project = folder / "p.wbproj"
    import_file(_csv(tmp_path / "first.csv", "Kibali", "trust", 40.0), project)
    before = ch.canonical_dump(project)
    moved = tmp_path / "usb-gone"
    real = Project.write_observations

    def pulled(self: Project, frame: pd.DataFrame, import_id: int):  # noqa: ANN202 - same as the real one
        shutil.move(folder, moved)  # regions, indicators and the import record are written already
        return real(self, frame, import_id)

    monkeypatch.setattr(Project, "write_observations", pulled)
    with pytest.raises(ProjectError, match="is no longer there") as info:
        import_file(_csv(tmp_path / "second.csv", "Nord", "trust", 40.0), project)
    assert "\n" not in str(info.value)
    survivor = moved / "p.wbproj"
    assert (moved / "p.wbproj-journal").stat().st_size > 0  # the write had begun: a hot journal
    assert ch.canonical_dump(survivor) == before  # opened read-only: rolled back first
    assert ch.integrity(survivor) == "ok"


FAILING_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from workbench.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


def test_a_disk_that_refuses_writes_fails_cleanly(alerted: Path) -> None:
    """No file may be written past 8 KB (RLIMIT_FSIZE): the journal cannot be written."""
    with open_project(alerted) as p, p.transaction() as c:  # data changed: the run must write
        c.execute("UPDATE observation SET value = value + 5 WHERE period >= '2022-06-01'")
    before = ch.canonical_dump(alerted)
    limit = 8192
    done = subprocess.run([sys.executable, "-c", FAILING_DISK, str(limit), "run", "--project", str(alerted)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: could not save alerts.wbproj:") and done.stderr.count("\n") == 1
    assert "nothing was written" in done.stderr
    assert ch.integrity(alerted) == "ok"
    assert ch.canonical_dump(alerted) == before


def _mount_tmpfs(where: Path, size_kb: int) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


def test_a_full_disk_fails_cleanly(alerted: Path, tmp_path: Path) -> None:
    disk = tmp_path / "small"
    size_kb = alerted.stat().st_size // 1024 + 24  # room for the project, not for journal and backup
    _mount_tmpfs(disk, size_kb)
    try:
        with open_project(alerted) as p, p.transaction() as c:  # data changed: the run must write
            c.execute("UPDATE observation SET value = value + 5 WHERE period >= '2022-06-01'")
        project = disk / alerted.name
        shutil.copyfile(alerted, project)
        before = ch.canonical_dump(project)
        done = subprocess.run([sys.executable, "-m", "workbench", "run", "--project", str(project)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stderr
        # The automatic backup is the first thing that no longer fits: refused before any write.
        assert done.stderr.startswith("error: could not save alerts.wbproj: the disk is full (its automatic "
                                      "backup needs ") and done.stderr.count("\n") == 1
        assert done.stderr.endswith("free some space and try again; nothing was written\n")
        assert ch.integrity(project) == "ok"
        assert ch.canonical_dump(project) == before
    finally:
        subprocess.run(["umount", str(disk)], check=False)
