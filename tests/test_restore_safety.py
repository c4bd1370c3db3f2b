"""Restore and backups under the write lock: nothing committed is ever lost, nothing kept is torn.

Before, ``restore`` took no lock and named its kept copy by the second: two restores at once
lost all work since the last backup (6 of 6 trials) and a writer adding notes during 20
restores lost 2 of 264 notes. Longer runs of the same races and kill loops:
``benchmarks/fault_suite.py`` (docs/reliability.md).
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest
from restore_harness import build_project, integrity, kept_copies, kill_restore, notes_in, race

from alerts import lifecycle
from workbench.errors import ProjectError
from workbench.store import open_project
from workbench.store.backup import backup_path, leftovers, list_backups, restore_backup


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("restore") / "p.wbproj")


@pytest.fixture
def project(base: Path, tmp_path: Path) -> Path:
    target = tmp_path / base.name
    shutil.copyfile(base, target)
    for b in list_backups(base):
        shutil.copyfile(b.path, backup_path(target, b.number))
    return target


def add_notes(path: Path, *texts: str) -> None:
    with open_project(path) as p, p.transaction() as conn:
        for t in texts:
            lifecycle.add_note(conn, 1, t, actor="amina")


def test_restore_keeps_the_replaced_state_and_puts_the_backup_back(project: Path) -> None:
    add_notes(project, "work since the backup")
    used, aside = restore_backup(project, 1)
    assert used == backup_path(project, 1) and aside is not None and aside.exists()
    assert "work since the backup" not in notes_in(project)
    assert "work since the backup" in notes_in(aside) and integrity(aside) == "ok"
    assert not leftovers(project)


def test_two_restores_at_once_lose_nothing(project: Path) -> None:
    add_notes(project, "only in the project", "also only here")
    result = race(project, restorers=2, restores=1, writers=[], seconds=0)
    assert result["failures"] == [] and result["restores"] == 2
    assert result["copies"] == 2 and result["torn"] == []  # one kept copy each, never the same name
    held = notes_in(project).union(*(notes_in(c) for c in kept_copies(project)))
    assert {"only in the project", "also only here"} <= held


def test_writers_adding_notes_during_restores_lose_nothing(project: Path) -> None:
    """A long-lived session (the app) and a writer that opens per note (the CLI), during restores."""
    result = race(project, restorers=2, restores=4, writers=["session", "command"], seconds=4)
    assert result["failures"] == []
    assert result["committed"] > 10 and result["restores"] >= 4
    assert result["lost"] == [], f"{len(result['lost'])} committed notes lost"
    assert result["torn"] == []


def test_a_session_open_across_a_restore_sees_the_restored_project(project: Path) -> None:
    with open_project(project) as session:
        with session.transaction() as conn:
            lifecycle.add_note(conn, 1, "before the restore", actor="amina")
        restore_backup(project, 1)
        with session.transaction() as conn:  # the same connection: no stale pages, no lost write
            lifecycle.add_note(conn, 1, "after the restore", actor="amina")
    held = notes_in(project)
    assert "after the restore" in held and "before the restore" not in held
    assert any("before the restore" in notes_in(c) for c in kept_copies(project))


def test_a_killed_restore_leaves_the_old_or_the_restored_state_and_nothing_torn(project: Path) -> None:
    add_notes(project, "the last word")
    rng = random.Random(7)
    for _trial in range(3):
        kill_restore(project, rng.uniform(0.3, 1.2))
        with open_project(project) as p:  # a writable open rolls back and sweeps what the kill left
            assert p.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not leftovers(project), leftovers(project)
        held = notes_in(project).union(*(notes_in(c) for c in kept_copies(project)))
        assert "the last word" in held
        assert all(integrity(c) == "ok" for c in kept_copies(project))


def test_leftovers_of_dead_processes_are_swept_on_the_next_writable_open(project: Path) -> None:
    dead = project.with_name(f".{project.name}.backup-abcd1234.999999999.part")
    old_fixed = project.with_name(f".{project.name}.backup-tmp")
    alive = project.with_name(f".{project.name}.backup-ef567890.{os.getpid()}.part")
    for f in (dead, old_fixed, alive):
        f.write_bytes(b"partial copy with field data")
    with open_project(project, readonly=True):
        pass
    assert dead.exists()  # a read-only look changes nothing
    with open_project(project):
        pass
    assert not dead.exists() and not old_fixed.exists()
    assert alive.exists()  # a running process's file is never touched
    alive.unlink()


def test_a_blocked_backup_slot_refuses_the_write_in_one_line(project: Path, run_cli) -> None:
    slot = backup_path(project, 2)
    slot.unlink(missing_ok=True)
    slot.mkdir()
    before = project.read_bytes()
    code, out, err = run_cli("run", "--project", project)
    assert code == 2 and err.count("\n") == 1 and "is a folder" in err and "nothing was written" in err
    assert project.read_bytes() == before


def test_a_full_disk_refuses_the_write_instead_of_skipping_the_backup(project: Path, monkeypatch) -> None:
    import shutil as sh

    real = sh.disk_usage
    monkeypatch.setattr(sh, "disk_usage", lambda p: real(p)._replace(free=1000))
    before = project.read_bytes()
    with pytest.raises(ProjectError, match="the disk is full .*automatic backup needs"):
        with open_project(project) as p, p.transaction(backup=True) as conn:
            lifecycle.add_note(conn, 1, "never written", actor="amina")
    assert project.read_bytes() == before


def test_restore_of_a_file_sqlite_cannot_read_renames_a_copy_over_it(project: Path) -> None:
    data = bytearray(project.read_bytes())
    data[:100] = b"\x00" * 100
    project.write_bytes(bytes(data))
    used, aside = restore_backup(project, 1)
    assert integrity(project) == "ok" and aside is not None and aside.read_bytes()[:100] == b"\x00" * 100


HOLDER = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
c.execute("INSERT INTO meta(key, value) VALUES ('writer', 'committed')")
print('holding', flush=True)
time.sleep(1.0)
c.execute('COMMIT')
"""


def test_restore_waits_for_a_writer_and_keeps_its_work(project: Path) -> None:
    """Another program holds the write lock: the restore waits, then keeps what it committed."""
    import subprocess
    import sys

    with subprocess.Popen([sys.executable, "-c", HOLDER, str(project)], stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout.readline().strip() == "holding"
        _, aside = restore_backup(project, 1)
    assert holder.returncode == 0
    with open_project(aside, readonly=True) as kept:
        assert kept.meta("writer") == "committed"
