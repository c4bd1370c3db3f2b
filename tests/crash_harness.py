"""Kill ``workbench import/run/merge`` at random moments and check the project survives.

Shared by ``tests/test_crash_safety.py`` (a few trials in CI) and ``benchmarks/kill_loop.py``
(hundreds). A trial copies a prepared project, starts the real command in a subprocess,
sends SIGKILL after a random delay between 0 and the command's measured duration, then
opens the project the way a user would next (read-only, as ``workbench alerts`` does, so
a hot journal must be rolled back first), runs ``PRAGMA integrity_check`` and compares a
canonical dump of its tables with the state before and the state an uninterrupted run
produced. Anything but exactly one of those two is a failure. The newest automatic backup
made during the trial, if any, must hold exactly the state before.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workbench.store import open_project
from workbench.store.backup import backup_path

# Everything that defines a project's content, without ids or times that differ between
# two equal runs (uids are random, times are clocks). Alert and event ids are kept:
# a run creates them in a fixed order, so they are part of the state.
DUMP_QUERIES = {
    "meta": "SELECT key, value FROM meta ORDER BY key",
    "region": "SELECT id, key, name, code, parent_id, level FROM region ORDER BY id",
    "indicator": "SELECT id, key, name, domain, unit, direction, threshold, description FROM indicator ORDER BY id",
    "import": "SELECT id, file_name, sha256, sheet, mapping, rows_read, rows_kept, rows_rejected,"
              " rows_duplicate, values_new, values_revised, report FROM import ORDER BY id",
    "rejected_row": "SELECT import_id, sheet, row_number, reason, raw FROM rejected_row ORDER BY rowid",
    "observation": "SELECT region_id, indicator_id, period, grp, freq, value, import_id FROM observation"
                   " ORDER BY region_id, indicator_id, period, grp",
    "revision": "SELECT * FROM revision ORDER BY rowid",
    "run": "SELECT id, data_fingerprint, ruleset_hash, code_version, counts, finished_at IS NOT NULL FROM run ORDER BY id",
    "rule": "SELECT name, definition, enabled FROM rule ORDER BY name",
    "alert": "SELECT id, rule, region, indicator, grp, kind, freq, method, first_period, last_period,"
             " peak_period, severity, round(score, 9), status, explanation, situation_id, previous_alert_id,"
             " snoozed_until, likelihood, consequence, risk_level, outcome, dismiss_reason, opened_run,"
             " updated_run FROM alert ORDER BY id",
    "alert_event": "SELECT id, alert_id, actor, from_status, to_status, note, kind, origin, details, run_id"
                   " FROM alert_event ORDER BY id",
}


def canonical_dump(path: Path) -> dict[str, list[tuple]]:
    """The project's content as plain rows; opens it read-only exactly as the CLI would."""
    with open_project(path, readonly=True) as project:
        dump = {name: project.conn.execute(sql).fetchall() for name, sql in DUMP_QUERIES.items()}
    # A copy draws a random office id when it first writes an event: name it, not its value.
    office = dict(dump["meta"]).get("office_id")
    swap = {office: "<this office>"} if office else {}
    dump["meta"] = [(k, swap.get(v, v)) for k, v in dump["meta"]]
    dump["alert_event"] = [(*r[:7], swap.get(r[7], r[7]), *r[8:]) for r in dump["alert_event"]]
    return dump


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check").fetchall())
    finally:
        conn.close()


@dataclass
class Scenario:
    """One command to interrupt: ``argv`` uses ``{project}`` for the trial's project copy."""

    name: str
    base: Path
    argv: list[str]
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    seconds: float = 0.0


def _command(argv: list[str], project: Path) -> list[str]:
    return [sys.executable, "-m", "workbench", *(a.replace("{project}", str(project)) for a in argv)]


def _env(log_dir: Path) -> dict[str, str]:
    return {**os.environ, "WORKBENCH_LOG_DIR": str(log_dir), "QT_QPA_PLATFORM": "offscreen"}


def calibrate(scenario: Scenario, work: Path) -> None:
    """Run the command once without interruption: its duration and the state it leaves."""
    scenario.before = canonical_dump(scenario.base)
    target = work / f"{scenario.name}-uninterrupted" / scenario.base.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(scenario.base, target)
    start = time.perf_counter()
    done = subprocess.run(_command(scenario.argv, target), capture_output=True, text=True,
                          env=_env(work / "logs"), timeout=600)
    scenario.seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{scenario.name} failed uninterrupted: {done.stderr.strip()}")
    scenario.after = canonical_dump(target)
    if scenario.after == scenario.before:
        raise RuntimeError(f"{scenario.name} changes nothing; it cannot tell old from new")


@dataclass
class TrialResult:
    scenario: str
    delay: float
    outcome: str  # "old", "new" or "FAIL: why"
    killed: bool
    mid_write: bool = False  # the kill left a hot journal: it landed inside the write transaction


def run_trial(scenario: Scenario, work: Path, index: int, rng: random.Random, *,
              in_write: bool = False) -> TrialResult:
    """One interrupted command; ``in_write`` aims the kill at the write transaction itself.

    Timed kills mostly land before the write (the command spends its time reading and
    computing), so ``in_write`` trials watch for the files a writer creates once it holds
    the lock (the rollback journal, or one time in four the backup's temporary copy) and
    kill 0-30 ms after it appears.
    """
    trial = work / f"{scenario.name}-{index:04d}"
    trial.mkdir(parents=True, exist_ok=True)
    project = trial / scenario.base.name
    shutil.copyfile(scenario.base, project)
    # Timed kills: half anywhere in the command's run, half in its last part, where it writes.
    late = rng.random() < 0.5
    delay = rng.uniform(0.6, 1.05) * scenario.seconds if late else rng.uniform(0.0, scenario.seconds)
    proc = subprocess.Popen(_command(scenario.argv, project), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=_env(work / "logs"))
    if in_write:
        delay = _wait_for_write(proc, project, rng, limit=4 * scenario.seconds + 5)
    try:
        proc.wait(timeout=0 if in_write else delay)
        killed = False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed = True
    journal = project.with_name(project.name + "-journal")
    mid_write = journal.exists() and journal.stat().st_size > 0
    outcome = check(scenario, project)
    if outcome.startswith("FAIL: a mix"):
        # The work tree is shared and may change under a long loop (new rules, a fixed
        # model): the state must then be what the current code produces uninterrupted.
        calibrate(scenario, work)
        outcome = check(scenario, project)
        outcome = outcome if outcome.startswith("FAIL") else f"{outcome} (after recalibrating)"
    if not outcome.startswith("FAIL"):
        shutil.rmtree(trial, ignore_errors=True)
    return TrialResult(scenario.name, delay, outcome, killed, mid_write)


def _wait_for_write(proc: subprocess.Popen, project: Path, rng: random.Random, limit: float) -> float:
    """Seconds until the writer's journal (or, one time in four, its backup copy) appeared,
    plus a random 0-30 ms; or the limit."""
    # The backup's temporary copy is ".NAME.backup-<random>.<pid>.part" (workbench/store/backup.py).
    prefix = f".{project.name}.backup-" if rng.random() < 0.25 else f"{project.name}-journal"
    start = time.perf_counter()
    while proc.poll() is None and time.perf_counter() - start < limit:
        if any(n.startswith(prefix) and (n.endswith(".part") or n.endswith("-journal"))
               for n in os.listdir(project.parent)):
            time.sleep(rng.uniform(0.0, 0.03))
            break
        time.sleep(0.0005)
    return time.perf_counter() - start


def check(scenario: Scenario, project: Path) -> str:
    try:
        state = canonical_dump(project)
    except Exception as err:  # noqa: BLE001 - any failure to open is what we are looking for
        return f"FAIL: does not open: {type(err).__name__}: {err}"
    verdict = integrity(project)
    if verdict != "ok":
        return f"FAIL: integrity_check: {verdict[:200]}"
    if state == scenario.before:
        outcome = "old"
    elif state == scenario.after:
        outcome = "new"
    else:
        diff = [k for k in state if state[k] not in (scenario.before[k], scenario.after[k])]
        mixed = [k for k in state if state[k] != scenario.before[k]]
        return f"FAIL: a mix of old and new (tables unlike either: {diff}; changed: {mixed})"
    newest = backup_path(project, 1)
    if newest.exists():
        if integrity(newest) != "ok":
            return "FAIL: the automatic backup is damaged"
        if canonical_dump(newest) != scenario.before:
            return "FAIL: the automatic backup is not the state before the write"
    return outcome


def summarize(results: list[TrialResult]) -> str:
    lines = []
    by = Counter((r.scenario, r.outcome.split()[0].rstrip(":")) for r in results)
    for name in dict.fromkeys(r.scenario for r in results):
        killed = sum(r.killed for r in results if r.scenario == name)
        recal = sum("recalibrating" in r.outcome for r in results if r.scenario == name)
        mid = sum(r.mid_write for r in results if r.scenario == name)
        lines.append(f"{name}: {sum(v for (s, _), v in by.items() if s == name)} trials, {killed} killed "
                     f"({mid} inside the write transaction), "
                     f"{by[(name, 'old')]} old, {by[(name, 'new')]} new, {by[(name, 'FAIL')]} failures"
                     f" ({recal} after recalibrating to changed code)")
    return "\n".join(lines)


def build_scenarios(work: Path, districts: int = 6) -> list[Scenario]:
    """A small sample project and three interruptible commands over copies of it."""
    from alerts.engine import run_models
    from alerts.lifecycle import add_note, set_status
    from workbench.importer.engine import import_file
    from workbench.sample import write_sample

    files = work / "sample"
    write_sample(files, seed=11, districts=districts)
    imported = work / "base-import" / "p.wbproj"
    imported.parent.mkdir(parents=True)
    import_file(files / "meridia_indicators_long.xlsx", imported)

    full = work / "base-run" / "p.wbproj"
    full.parent.mkdir(parents=True)
    shutil.copyfile(imported, full)
    import_file(files / "ministry_incidents.csv", full)
    import_file(files / "partner_survey_wide.xlsx", full)

    merged = work / "base-merge" / "p.wbproj"
    merged.parent.mkdir(parents=True)
    shutil.copyfile(full, merged)
    run_models(merged)
    other = work / "base-merge" / "other.wbproj"
    shutil.copyfile(merged, other)
    with open_project(other) as project, project.transaction() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM alert ORDER BY id LIMIT 8")]
        for i, alert_id in enumerate(ids):
            set_status(conn, alert_id, "acknowledged", actor="field-office", note=f"seen in meeting {i}")
            add_note(conn, alert_id, f"called the district office ({i})", actor="field-office")
            if i % 2:
                set_status(conn, alert_id, "dismissed", actor="field-office", reason="known_cause")
    return [
        Scenario("import", imported, ["import", str(files / "ministry_incidents.csv"), "--project", "{project}"]),
        Scenario("run", full, ["run", "--project", "{project}"]),
        Scenario("merge", merged, ["merge", str(other), "--project", "{project}"]),
    ]
