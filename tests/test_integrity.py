"""Integrity: damage quick_check misses, REPLACE on the history, removed triggers, ``workbench check``.

Before, ``quick_check`` on open missed an index corruption (the app then showed a different
history and accepted a write), ``INSERT OR REPLACE`` still rewrote events, and a dropped
trigger went unnoticed.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alerts_factory import noise_series, with_step, write_series

from alerts.engine import run_models
from workbench.errors import ProjectError
from workbench.store import open_project
from workbench.store.guards import GUARDS, HistoryUnprotectedError


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("integrity") / "p.wbproj"
    write_series(path, {("Kibali", "trust"): with_step(noise_series(48, 1), 36, 8)})
    run_models(path)
    return path


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    from workbench.store.backup import backup_path, list_backups

    target = tmp_path / "p.wbproj"
    shutil.copyfile(built, target)
    for b in list_backups(built):
        shutil.copyfile(b.path, backup_path(target, b.number))
    return target


def raw(path: Path) -> sqlite3.Connection:
    """Another program's connection: default settings, no workbench code."""
    return sqlite3.connect(path, isolation_level=None)


def corrupt_an_index(path: Path) -> None:
    """An index whose entries no longer match its table: ``quick_check`` says ok."""
    c = raw(path)
    c.execute("PRAGMA writable_schema = ON")
    c.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX alert_event_alert ON alert_event(actor, at)' "
              "WHERE name = 'alert_event_alert'")
    c.close()
    c = raw(path)
    assert c.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    c.close()


@pytest.mark.parametrize("sql", [
    "INSERT OR REPLACE INTO alert_event(id, event_uid, alert_id, at, actor, kind, origin) "
    "VALUES (1, 'x', 1, '2030-01-01', 'mallory', 'note', 'o')",
    "REPLACE INTO alert_event(event_uid, alert_id, at, actor, kind, origin) "
    "SELECT event_uid, alert_id, at, 'mallory', kind, origin FROM alert_event WHERE id = 1",
    "INSERT OR IGNORE INTO alert_event(id, event_uid, alert_id, at, actor, kind, origin) "
    "VALUES (1, 'y', 1, '2030-01-01', 'mallory', 'note', 'o')",
    "UPDATE alert_event SET actor = 'mallory' WHERE id = 1",
    "DELETE FROM alert_event WHERE id = 1",
])
def test_the_history_cannot_be_rewritten_by_direct_sql(project: Path, sql: str) -> None:
    c = raw(project)
    before = c.execute("SELECT * FROM alert_event ORDER BY id").fetchall()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        c.execute(sql)
    assert c.execute("SELECT * FROM alert_event ORDER BY id").fetchall() == before
    c.close()


def test_revisions_are_append_only_too(project: Path) -> None:
    c = raw(project)
    c.execute("INSERT INTO revision VALUES (1, 1, '2020-01-01', '', 1.0, 2.0, 1, 1)")
    for sql in ("UPDATE revision SET new_value = 9", "DELETE FROM revision"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            c.execute(sql)
    c.close()


@pytest.mark.parametrize("tamper", [
    "DROP TRIGGER alert_event_no_update",
    "DROP TRIGGER alert_event_no_replace",
    "DROP TRIGGER revision_no_delete",
    "CREATE TRIGGER sneaky AFTER INSERT ON alert_event BEGIN DELETE FROM alert WHERE 0; END",
])
def test_removed_or_added_triggers_stop_writes_until_repaired(project: Path, run_cli, tamper: str) -> None:
    c = raw(project)
    c.execute(tamper)
    c.close()
    with open_project(project, readonly=True) as p:  # looking still works
        assert p.conn.execute("SELECT count(*) FROM alert").fetchone()[0] >= 1
    with pytest.raises(HistoryUnprotectedError, match="no longer protected"):
        open_project(project)
    code, out, err = run_cli("alert", "1", "--project", project, "--note", "x")
    assert code == 2 and err.count("\n") == 1 and "--repair" in err
    code, out, _ = run_cli("check", "--project", project)
    assert code == 1 and "problem  history protection" in out
    code, out, _ = run_cli("check", "--project", project, "--repair")
    assert code == 0 and "repaired" in out
    assert run_cli("alert", "1", "--project", project, "--note", "x")[0] == 0
    names = {r[0] for r in raw(project).execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert set(GUARDS) <= names and "sneaky" not in names


def test_a_project_from_before_the_guards_gets_them_on_its_next_write(project: Path) -> None:
    c = raw(project)
    for name in GUARDS:
        c.execute(f"DROP TRIGGER {name}")
    c.execute("DELETE FROM meta WHERE key = 'history_guards'")
    c.close()
    with open_project(project):
        pass
    names = {r[0] for r in raw(project).execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert set(GUARDS) <= names


def test_an_index_corruption_is_found_on_open(project: Path, run_cli) -> None:
    corrupt_an_index(project)
    before = project.read_bytes()
    for readonly in (True, False):
        with pytest.raises(ProjectError, match="is damaged .*missing from index"):
            open_project(project, readonly=readonly)
    code, out, err = run_cli("alert", "1", "--project", project, "--note", "must not land")
    assert code == 2 and err.count("\n") == 1
    assert project.read_bytes() == before
    code, out, _ = run_cli("check", "--project", project)
    assert code == 1 and "integrity: row 1 missing from index alert_event_alert" in out


KILLED_WRITER = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('PRAGMA cache_size = 1')
c.execute('BEGIN IMMEDIATE')
c.executemany('INSERT INTO meta(key, value) VALUES (?, ?)', [(f'pad{i}', 'x' * 4000) for i in range(300)])
print('written', flush=True)
time.sleep(60)
"""


def test_after_an_unclean_close_a_large_project_gets_the_full_check(project: Path, monkeypatch) -> None:
    """Above the size limit a clean open runs quick_check only; a hot journal (a writer killed
    mid-write) makes it run integrity_check whatever the size."""
    import workbench.store.project as store

    corrupt_an_index(project)
    monkeypatch.setattr(store, "INTEGRITY_CHECK_MAX_BYTES", 0)
    with open_project(project, readonly=True):
        pass  # a clean close: quick_check, which cannot see this damage
    with subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(project)], stdout=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stdout.readline().strip() == "written"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert project.with_name(project.name + "-journal").stat().st_size > 0
    with pytest.raises(ProjectError, match="missing from index"):
        open_project(project, readonly=True)


def test_check_on_a_healthy_project_and_on_what_is_not_one(project: Path, tmp_path: Path, run_cli) -> None:
    code, out, _ = run_cli("check", "--project", project)
    assert code == 0 and "ok       integrity_check" in out and "backup 1" in out
    fifo = tmp_path / "pipe.wbproj"
    os.mkfifo(fifo)
    code, _, err = run_cli("check", "--project", fifo)
    assert code == 2 and "named pipe" in err and err.count("\n") == 1
    text = tmp_path / "notes.wbproj"
    text.write_text("hello")
    code, out, _ = run_cli("check", "--project", text)
    assert code == 1 and "does not start with a SQLite header" in out
