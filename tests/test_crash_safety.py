"""Crash safety: killed writers, hot journals, damaged files and automatic backups.

The short kill loop here (15 trials) is the CI version of ``benchmarks/kill_loop.py``.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import crash_harness as ch
from workbench.errors import ProjectError
from workbench.store import open_project
from workbench.store.backup import KEEP, backup_path, list_backups, restore_backup

TRIALS = 15

# One worker builds the sample scenarios once for the tests that share them.
pytestmark = pytest.mark.xdist_group(name="crash_safety")


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[ch.Scenario], Path]:
    work = tmp_path_factory.mktemp("kill")
    found = ch.build_scenarios(work, districts=6)
    for s in found:
        ch.calibrate(s, work)
    return found, work


def test_sigkill_leaves_exactly_the_old_or_the_new_state(scenarios) -> None:
    found, work = scenarios
    rng = random.Random(20261125)
    # Rounds of three alternate timed kills and kills aimed inside the write transaction.
    results = [ch.run_trial(found[i % len(found)], work, i, rng, in_write=(i // len(found)) % 2 == 1)
               for i in range(TRIALS)]
    failures = [f"{r.scenario} killed after {r.delay:.2f} s: {r.outcome}" for r in results
                if r.outcome.startswith("FAIL")]
    assert not failures, "\n".join(failures)
    assert {r.outcome.split()[0] for r in results} <= {"old", "new"}
    assert sum(r.killed for r in results) >= TRIALS // 2


def test_uninterrupted_commands_are_reproducible(scenarios) -> None:
    """The expected new state is well defined: a second uninterrupted run gives the same dump."""
    found, work = scenarios
    merge = next(s for s in found if s.name == "merge")
    again = ch.Scenario("merge-again", merge.base, merge.argv)
    ch.calibrate(again, work)
    assert again.after == merge.after


def test_each_write_leaves_a_backup_of_the_state_before_it(scenarios) -> None:
    found, work = scenarios
    run = next(s for s in found if s.name == "run")
    project = work / "run-uninterrupted" / run.base.name
    newest = backup_path(project, 1)
    assert newest.exists()
    assert ch.integrity(newest) == "ok"
    assert ch.canonical_dump(newest) == run.before


def _kill_mid_write(project: Path) -> None:
    """A writer that has changed pages and is killed before COMMIT leaves a hot journal."""
    code = (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(project)!r}, isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute(\"UPDATE meta SET value = 'half-written' WHERE key = 'created_by_version'\")\n"
        "c.executemany('INSERT INTO meta(key, value) VALUES (?, ?)',"
        " [(f'pad{i}', 'x' * 4000) for i in range(300)])\n"
        "print('written', flush=True)\n"
        "time.sleep(60)\n"
    )
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout.readline().strip() == "written"
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_read_only_open_after_a_crash_rolls_the_hot_journal_back(project_path: Path) -> None:
    with open_project(project_path, create=True) as p:
        version = p.meta("created_by_version")
    _kill_mid_write(project_path)
    journal = project_path.with_name(project_path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    with open_project(project_path, readonly=True) as p:  # what `workbench alerts` does next
        assert p.meta("created_by_version") == version
        assert p.meta("pad1") is None
    assert ch.integrity(project_path) == "ok"


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page: 4 * page] = b"\xff" * (2 * page)
    path.write_bytes(bytes(data))


def _project_with_backups(path: Path, writes: int) -> None:
    with open_project(path, create=True):
        pass
    for i in range(writes):
        with open_project(path) as p, p.transaction(backup=True) as c:
            c.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (f"write{i}", "x" * 20_000))


def test_backups_keep_the_last_three_states(project_path: Path) -> None:
    _project_with_backups(project_path, writes=5)
    backups = list_backups(project_path)
    assert [b.number for b in backups] == list(range(1, KEEP + 1))
    with open_project(backups[0].path, readonly=True) as newest:
        assert newest.meta("write3") is not None and newest.meta("write4") is None
    with open_project(backups[-1].path, readonly=True) as oldest:
        assert oldest.meta("write1") is not None and oldest.meta("write2") is None
    from workbench.store.backup import leftovers

    assert not leftovers(project_path)  # no temporary copy is left behind


def test_a_failed_write_still_has_its_backup_and_changes_nothing(project_path: Path) -> None:
    _project_with_backups(project_path, writes=1)
    before = project_path.read_bytes()
    with pytest.raises(RuntimeError), open_project(project_path) as p, p.transaction(backup=True) as c:
        c.execute("INSERT INTO meta(key, value) VALUES ('doomed', 'x')")
        raise RuntimeError("the import failed half-way")
    assert project_path.read_bytes() == before
    with open_project(backup_path(project_path, 1), readonly=True) as b:
        assert b.meta("write0") is not None


def test_damaged_project_is_detected_and_the_backup_offered(project_path: Path, run_cli) -> None:
    _project_with_backups(project_path, writes=3)
    _damage(project_path)
    code, out, err = run_cli("data", "--project", project_path)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: test.wbproj is damaged (")
    assert str(backup_path(project_path, 1)) in err and "workbench restore --project" in err

    code, out, err = run_cli("restore", "--project", project_path)
    assert code == 0, err
    assert "damaged-" in out
    with open_project(project_path, readonly=True) as p:
        assert p.meta("write1") is not None and p.meta("write2") is None
    aside = [f for f in project_path.parent.iterdir() if ".damaged-" in f.name]
    assert len(aside) == 1  # the damaged file is kept, never deleted


def test_damaged_header_with_backups_is_reported_as_damage(project_path: Path) -> None:
    _project_with_backups(project_path, writes=1)
    data = bytearray(project_path.read_bytes())
    data[:16] = b"\x00" * 16
    project_path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match="is damaged .*last automatic backup"):
        open_project(project_path)


def test_damaged_project_without_backups_says_so(project_path: Path) -> None:
    with open_project(project_path, create=True) as p, p.transaction() as c:
        c.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [(f"k{i}", "x" * 3000) for i in range(20)])
    _damage(project_path)
    with pytest.raises(ProjectError, match="is damaged .*no automatic backup was found"):
        open_project(project_path, readonly=True)


def test_restore_refuses_a_missing_or_damaged_backup(project_path: Path) -> None:
    _project_with_backups(project_path, writes=1)
    with pytest.raises(ProjectError, match="no automatic backup 2"):
        restore_backup(project_path, 2)
    _damage(backup_path(project_path, 1))
    before = project_path.read_bytes()
    with pytest.raises(ProjectError, match="damaged too|cannot be read"):
        restore_backup(project_path, 1)
    assert project_path.read_bytes() == before


def test_restore_never_rolls_the_old_files_journal_into_the_backup(project_path: Path) -> None:
    """The hot journal belongs to the file being replaced: it is rolled back into *that* file's
    kept copy (which then holds its last committed state), never into the restored project."""
    _project_with_backups(project_path, writes=2)
    _kill_mid_write(project_path)  # a hot journal belonging to the file being replaced
    restore_backup(project_path, 1)
    assert not project_path.with_name(project_path.name + "-journal").exists()
    assert ch.integrity(project_path) == "ok"
    with open_project(project_path, readonly=True) as p:
        assert p.meta("write0") is not None and p.meta("write1") is None
        assert p.meta("created_by_version") != "half-written"
    kept = [f for f in project_path.parent.iterdir() if ".damaged-" in f.name]
    assert len(kept) == 1 and ch.integrity(kept[0]) == "ok"
    with open_project(kept[0], readonly=True) as p:  # every committed write, nothing half-written
        assert p.meta("write1") is not None and p.meta("created_by_version") != "half-written"
        assert p.meta("pad1") is None
