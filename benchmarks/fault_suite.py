"""The fault-injection suite: kills, racing restores, doctored merge copies, hostile rules, full disks.

Each section runs real commands (subprocesses of ``python -m workbench`` where a kill or a
mount is involved, in-process calls otherwise) against fresh copies of small projects and
counts trials, failures and data lost. The figures go to docs/reliability.md ("Fault
injection"). Sections:

* ``kill``    SIGKILL during import, run, merge (tests/crash_harness.py) and restore, at timed
              moments and aimed at the write (the journal or the kept copy's temp file appears);
              data lost = a project that is neither the old nor the new state, or a committed
              note found in neither the project nor a kept copy.
* ``race``    two or three restores at once while a long-lived session and a per-note command
              add notes (tests/restore_harness.py); data lost = committed notes held nowhere.
* ``merge``   every hostile value (tests/merge_hostile.py) in every column of the other copy's
              alerts and events, and forged events; failure = an exception other than one
              error line, an alert that cannot be used afterwards, or a forged event accepted.
* ``rules``   random rule tables (types, ranges, sizes, nesting) through ``load_rules_toml``
              and, when accepted, a model run over a small panel; failure = anything but one
              error line or a run that completes.
* ``disk``    import, run, merge, restore, rules --import, alert --note, report and export on a
              tmpfs with 0-256 KB free (needs root); failure = more than one error line, a
              leftover file, field data in the system temp folder; data lost = a project
              neither old nor new or failing integrity_check.

    .venv/bin/python benchmarks/fault_suite.py [--only kill,race,merge,rules,disk] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import crash_harness as ch  # noqa: E402
import restore_harness as rh  # noqa: E402


@dataclass
class Row:
    fault: str
    trials: int = 0
    failures: int = 0
    lost: int = 0
    note: str = ""
    examples: list[str] = field(default_factory=list)

    def fail(self, why: str, *, lost: int = 0) -> None:
        self.failures += 1
        self.lost += lost
        if len(self.examples) < 5:
            self.examples.append(why[:300])


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **extra}


def _cli(argv: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *map(str, argv)], capture_output=True, text=True,
                          env=_env(**env), timeout=600, cwd=ROOT)


# -- kill ------------------------------------------------------------------------------------------
def section_kill(work: Path, trials: int, rng: random.Random) -> list[Row]:
    scenarios = ch.build_scenarios(work / "kill", districts=6)
    for s in scenarios:
        ch.calibrate(s, work / "kill")
    rows = {s.name: Row(f"SIGKILL during {s.name}") for s in scenarios}
    killed = {s.name: 0 for s in scenarios}
    in_write = {s.name: 0 for s in scenarios}
    per = max(trials // 4, 1)
    for i in range(per * len(scenarios)):
        s = scenarios[i % len(scenarios)]
        r = ch.run_trial(s, work / "kill", i, rng, in_write=(i // len(scenarios)) % 2 == 1)
        row = rows[s.name]
        row.trials += 1
        killed[s.name] += r.killed
        in_write[s.name] += r.mid_write
        if r.outcome.startswith("FAIL"):
            row.fail(r.outcome, lost=int("mix" in r.outcome or "open" in r.outcome))
    for name, row in rows.items():
        row.note = f"{killed[name]} killed, {in_write[name]} inside the write transaction"
    restore = _kill_restores(work / "kill-restore", per, rng)
    return [*rows.values(), restore]


def _kill_restores(work: Path, trials: int, rng: random.Random) -> Row:
    from workbench.store import open_project
    from workbench.store.backup import backup_path, leftovers, list_backups

    row = Row("SIGKILL during restore")
    (work / "base").mkdir(parents=True)
    base = rh.build_project(work / "base" / "p.wbproj")
    with open_project(base) as p, p.transaction() as conn:
        from alerts import lifecycle

        lifecycle.add_note(conn, 1, "work since the backup", actor="amina")
    before, restored_state = ch.canonical_dump(base), ch.canonical_dump(backup_path(base, 1))
    t0 = time.perf_counter()
    probe = work / "probe" / "p.wbproj"
    _copy_with_backups(base, probe)
    done = subprocess.run([sys.executable, "-c", rh.RESTORER, str(probe), "1"], env=rh.env(), cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        row.fail(f"uninterrupted restore failed: {done.stderr.strip()[-200:]}")
        return row
    n_killed = n_in_write = 0
    for i in range(trials):
        project = work / f"t{i:04d}" / "p.wbproj"
        _copy_with_backups(base, project)
        proc = rh.start(rh.RESTORER, project, 1)
        if i % 2:  # aimed: just after the kept copy's temp file or the journal appears
            sign = ("damaged-", "-journal")[rng.random() < 0.5]
            deadline = time.perf_counter() + 4 * seconds + 5
            while proc.poll() is None and time.perf_counter() < deadline:
                if any(sign in f.name for f in project.parent.iterdir()):
                    time.sleep(rng.uniform(0, 0.02))
                    break
                time.sleep(0.0005)
            delay = 0.0
        else:
            delay = rng.uniform(0, 1.1 * seconds)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            pass
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            n_killed += 1
        proc.wait()
        proc.communicate()
        journal = project.with_name(project.name + "-journal")
        n_in_write += journal.exists() and journal.stat().st_size > 0
        row.trials += 1
        try:
            with open_project(project):  # the next writable open: rolls back, sweeps leftovers
                pass
            state = ch.canonical_dump(project)
        except Exception as err:  # noqa: BLE001
            row.fail(f"trial {i}: does not open: {err}", lost=1)
            continue
        if ch.integrity(project) != "ok" or state not in (before, restored_state):
            row.fail(f"trial {i}: neither the old nor the restored state", lost=1)
            continue
        held = rh.notes_in(project).union(*(rh.notes_in(c) for c in rh.kept_copies(project)))
        if "work since the backup" not in held:
            row.fail(f"trial {i}: the note committed before the restore is nowhere", lost=1)
        elif any(ch.integrity(c) != "ok" for c in rh.kept_copies(project)):
            row.fail(f"trial {i}: a kept copy is torn")
        elif leftovers(project):
            row.fail(f"trial {i}: leftovers after the next open: {[p.name for p in leftovers(project)]}")
        elif list_backups(project)[0].path != backup_path(project, 1):
            row.fail(f"trial {i}: backup 1 is gone")
    row.note = (f"{n_killed} killed, {n_in_write} inside the restore's write transaction; uninterrupted restore "
                f"{seconds:.2f} s; half the kills aimed at the kept copy or the journal")
    return row


def _copy_with_backups(src: Path, dest: Path) -> None:
    from workbench.store.backup import backup_path, list_backups

    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    for b in list_backups(src):
        shutil.copyfile(b.path, backup_path(dest, b.number))


# -- race ------------------------------------------------------------------------------------------
def section_race(work: Path, trials: int, rng: random.Random) -> list[Row]:
    row = Row("restores racing each other and note writers")
    (work / "race-base").mkdir()
    base = rh.build_project(work / "race-base" / "p.wbproj")
    committed = 0
    for i in range(trials):
        project = work / f"race-{i:03d}" / "p.wbproj"
        _copy_with_backups(base, project)
        restorers, restores = rng.choice([(2, 1), (2, 3), (3, 2)])
        result = rh.race(project, restorers=restorers, restores=restores, writers=["session", "command"],
                         seconds=rng.uniform(2, 5))
        row.trials += 1
        committed += result["committed"]
        if result["lost"] or result["torn"] or result["failures"]:
            row.fail(f"trial {i}: {len(result['lost'])} lost, torn {result['torn']}, {result['failures'][:1]}",
                     lost=len(result["lost"]))
    row.note = f"{committed} notes committed during the races"
    return [row]


# -- merge -----------------------------------------------------------------------------------------
def section_merge(work: Path) -> list[Row]:
    import merge_hostile as mh
    from test_merge_hostile import events, project_rules_hold

    from alerts.merge import merge_projects
    from workbench.errors import WorkbenchError

    row = Row("doctored merge copies (every column x every hostile value)")
    forged = Row("forged events in a merge copy")
    (work / "offices").mkdir()
    a0, b0 = mh.build_offices(work / "offices")
    columns = [("alert", c) for c in mh.ALERT_COLUMNS] + [("alert_event", c) for c in mh.EVENT_COLUMNS]
    refused = quarantined = 0
    for n, (table, column) in enumerate(columns):
        for k, value in enumerate(mh.HOSTILE_VALUES):
            a, b = work / f"m{n}-{k}-a.wbproj", work / f"m{n}-{k}-b.wbproj"
            shutil.copyfile(a0, a)
            shutil.copyfile(b0, b)
            if not mh.doctor(b, table, column, value):
                refused += 1
                continue
            row.trials += 1
            try:
                r = merge_projects(a, b)
                quarantined += bool(r.quarantined)
            except WorkbenchError:
                pass
            except Exception as err:  # noqa: BLE001
                row.fail(f"{table}.{column}={value!r:.30}: {type(err).__name__}: {err}")
                continue
            problems = mh.every_alert_is_writable(a) + project_rules_hold(a)
            if problems:
                row.fail(f"{table}.{column}={value!r:.30}: {problems[0]}")
            a.unlink()
            b.unlink()
    row.note = (f"{refused} values SQLite itself refuses (NOT NULL/UNIQUE) not counted; "
                f"{quarantined} merges quarantined something")
    cases = {
        "system without a run": dict(actor="system", kind="run", from_status="new", to_status="withdrawn"),
        "system as a person": dict(actor="system", kind="note"),
        "a person as a run": dict(actor="mallory", kind="run", run_id=1),
        "1970": dict(at="1970-01-01T00:00:00.000000+00:00"),
        "9999": dict(at="9999-12-31T23:59:59.999999+00:00"),
        "unparseable time": dict(at="soon"),
        "new to closed": dict(kind="transition", from_status="new", to_status="closed"),
        "verified without assessment": dict(kind="transition", from_status="acknowledged", to_status="verified"),
        "dismissed without reason": dict(kind="transition", from_status="new", to_status="dismissed"),
        "a person withdrawing": dict(kind="transition", from_status="new", to_status="withdrawn"),
        "a person creating": dict(kind="transition", from_status=None, to_status="escalated"),
        "unknown alert": dict(alert_id=999),
        "details not an object": dict(details="[1, 2]"),
        "NaN likelihood": dict(kind="transition", from_status="acknowledged", to_status="verified",
                               details='{"likelihood": NaN, "consequence": 1, "outcome": "monitor"}'),
        "huge run id": dict(actor="system", kind="run", run_id=2**62, from_status="new", to_status=None),
    }
    for i, (name, fields_) in enumerate(cases.items()):
        a, b = work / f"f{i}-a.wbproj", work / f"f{i}-b.wbproj"
        shutil.copyfile(a0, a)
        shutil.copyfile(b0, b)
        uid = mh.forge_event(b, **fields_)
        forged.trials += 1
        r = merge_projects(a, b)
        if uid in {e[0] for e in events(a)}:
            forged.fail(f"accepted: {name}")
        elif r.events_added < 4:
            forged.fail(f"{name}: office B's real events were not merged ({r.events_added})")
    forged.note = "each with office B's four real events, which must still arrive"
    return [row, forged]


# -- rules -----------------------------------------------------------------------------------------
def section_rules(work: Path, trials: int, rng: random.Random) -> list[Row]:
    import numpy as np
    import pandas as pd
    import tomli_w

    from alerts.engine import evaluate
    from alerts.rule_schema import fields_table
    from alerts.rules import load_rules_toml
    from workbench.errors import WorkbenchError

    row = Row("hostile rule files (random types, ranges, sizes)")
    periods = pd.date_range("2020-01-01", periods=48, freq="MS")
    rngn = np.random.default_rng(1)
    obs = pd.DataFrame([(r, "trust", p, "", v, "M") for r in ("Kibali", "Arua", "Nord")
                        for p, v in zip(periods, 30 + rngn.normal(0, 1, 48) + np.r_[np.zeros(36), np.full(12, 6)])],
                       columns=["region", "indicator", "period", "group", "value", "freq"])
    codebook = pd.DataFrame({"id": [1], "key": ["trust"], "name": ["trust"], "domain": ["d"], "unit": ["%"],
                             "direction": ["higher_is_worse"], "threshold": [35.0], "description": [""]})
    hostile = [0, -1, 25, 10**9, 2**62, 1.5, 1e-320, 1e308, float("nan"), float("inf"), True, "", "\x1b[2J",
               "a" * 5000, [], [1.0], [6.0, 4.0], ["nope"], [[1]], {"a": 1}, ["M", "M"], [1, 2]]
    plausible = {  # values the schema accepts, so that accepted rules get run
        "min_methods": [1, 2], "persistence": [1, 2, 3, 24], "hysteresis": [0, 1, 3, 24], "max_gap": [0, 1, 12],
        "score_scale": [0.25, 0.6, 1.0, 3.0, 20.0], "severity_bands": [[4.0, 6.0], [0.1, 1000.0], [2, 3]],
        "long_episode": [1, 6, 240], "kinds": [["observed"], ["gap", "spread"], []], "freqs": [["M"], ["Q", "Y"], []],
        "min_severity": ["low", "high"], "indicators": [["trust"], [], ["nothing here"]],
        "regions": [["Kibali"], []], "domains": [["d"], []], "enabled": [True, False],
        "description": ["x", "Lomé \u202e"], "methods": [["robust_z"], ["ears_c2", "ewma", "cusum"], ["fixed"]],
    }
    names = list(fields_table()) + ["colour"]
    accepted = refused = alerts_seen = 0
    for i in range(trials):
        rules = []
        for j in range(rng.choice([1, 1, 2, 3])):
            d = {"name": f"r{i}-{j}", "methods": ["robust_z", "ears_c2"]}
            for f in rng.sample(names, rng.randint(1, 5)):
                good = plausible.get(f)
                d[f] = rng.choice(good) if good and rng.random() < 0.85 else rng.choice(hostile)
            rules.append(d)
        try:
            text = tomli_w.dumps({"rule": rules})
        except Exception:  # noqa: BLE001 - a value TOML cannot hold (a nested list of tables)
            continue
        row.trials += 1
        try:
            loaded = load_rules_toml(text)
        except WorkbenchError as err:
            refused += 1
            if "\n" in str(err):
                row.fail(f"two-line error: {str(err)[:120]!r}")
            continue
        except Exception as err:  # noqa: BLE001
            row.fail(f"{type(err).__name__}: {err} for {text[:200]!r}")
            continue
        accepted += 1
        try:
            found, _ = evaluate(obs, codebook, loaded)
            alerts_seen += len(found)
        except Exception as err:  # noqa: BLE001
            row.fail(f"accepted, then the run failed: {type(err).__name__}: {err} for {text[:200]!r}")
            continue
        if len(found) > 3 * 48 * len(loaded):
            row.fail(f"accepted, then {len(found)} alerts from {text[:200]!r}")
    big = "".join(f'[[rule]]\nname = "r{i}"\nmethods = ["robust_z"]\n' for i in range(20_000))
    for text in (big, "a = " + "[" * 50_000 + "]" * 50_000):
        row.trials += 1
        try:
            load_rules_toml(text)
            row.fail("20,000 rules or deep nesting accepted")
        except WorkbenchError:
            refused += 1
    row.note = f"{refused} refused with one line, {accepted} accepted and run ({alerts_seen} episodes found)"
    return [row]


# -- disk ------------------------------------------------------------------------------------------
def section_disk(work: Path, quick: bool) -> list[Row]:
    from workbench.store import open_project
    from workbench.store.backup import leftovers

    row = Row("full disk (tmpfs with 0-256 KB free)")
    if os.geteuid() != 0 or shutil.which("mount") is None:
        row.note = "skipped: mounting a tmpfs needs root"
        return [row]
    import merge_hostile as mh

    (work / "disk").mkdir()
    a0, b0 = mh.build_offices(work / "disk")
    with open_project(a0) as p, p.transaction() as conn:  # data changed: the run must write
        conn.execute("UPDATE observation SET value = value + 5 WHERE period >= '2022-06-01'")
    csv = work / "disk" / "more.csv"
    csv.write_text("district,indicator,month,value\n" + "".join(
        f"Kibali,perceived_discrimination,{2020 + m // 12}-{m % 12 + 1:02d},{40 + m % 7}\n" for m in range(48, 60)),
        encoding="utf-8")
    rules = work / "disk" / "rules.toml"
    rules.write_text('[[rule]]\nname = "extra"\nmethods = ["robust_z", "ears_c2"]\nmin_methods = 2\n',
                     encoding="utf-8")
    commands = {
        "import": ["import", csv, "--project", "{P}"],
        "run": ["run", "--project", "{P}"],
        "merge": ["merge", b0, "--project", "{P}"],
        "rules": ["rules", "--project", "{P}", "--import", rules],
        "note": ["alert", "1", "--project", "{P}", "--note", "written on a full disk?"],
        "restore": ["restore", "--project", "{P}"],
        "report": ["report", "--project", "{P}", "--out", "{D}/brief.xlsx"],
        "export": ["export", "--project", "{P}", "--what", "history", "--out", "{D}/h.xlsx"],
    }
    # The state each command leaves on a roomy disk: what "new" means for it.
    expected = {}
    for name, argv in commands.items():
        roomy = work / "disk" / f"roomy-{name}"
        roomy.mkdir()
        _copy_with_backups(a0, roomy / "p.wbproj")
        if name == "restore":  # needs a backup: the run makes one
            _cli(["run", "--project", roomy / "p.wbproj"])
        _cli([str(a).format(P=roomy / "p.wbproj", D=roomy) for a in argv])
        expected[name] = ch.canonical_dump(roomy / "p.wbproj")
    size = a0.stat().st_size
    frees = [0, 4, 16, 64, 256] if not quick else [0, 16]
    temp = work / "systemp"
    temp.mkdir()
    for name, argv in commands.items():
        for free_kb in frees:
            disk = work / "disk" / f"mnt-{name}-{free_kb}"
            disk.mkdir()
            # Room for the project and its backup (restore: and the backup it restores), plus ``free_kb``.
            need_kb = (2 * size) // 1024 + (size // 1024 if name == "restore" else 0) + 64 + free_kb
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={need_kb}k", "tmpfs", str(disk)], check=True)
            try:
                project = disk / "p.wbproj"
                _copy_with_backups(a0, project)
                if name == "restore":
                    _cli(["run", "--project", project])
                _fill(disk, free_kb * 1024)
                before = ch.canonical_dump(project)
                done = _cli([str(a).format(P=project, D=disk) for a in argv], TMPDIR=str(temp))
                row.trials += 1
                lines = done.stderr.splitlines()
                tag = f"{name} with {free_kb} KB free"
                if done.returncode not in (0, 1, 2) or (done.returncode and (len(lines) != 1 or
                                                                            not lines[0].startswith("error: "))):
                    row.fail(f"{tag}: exit {done.returncode}, stderr {done.stderr[-300:]!r}")
                elif "internal error" in done.stderr or "Traceback" in done.stderr:
                    row.fail(f"{tag}: {done.stderr[-200:]}")
                if ch.integrity(project) != "ok":
                    row.fail(f"{tag}: integrity_check fails", lost=1)
                    continue
                state = ch.canonical_dump(project)
                new = expected[name]
                if state not in (before, new):
                    row.fail(f"{tag}: neither the old nor the new state", lost=1)
                stray = [p.name for p in disk.iterdir() if p.name.endswith((".part", ".tmpdir"))] + \
                    [p.name for p in leftovers(project)]
                if stray:
                    row.fail(f"{tag}: left {stray}")
                if list(temp.iterdir()):
                    row.fail(f"{tag}: files in the system temp folder: {[p.name for p in temp.iterdir()]}")
                    for p in temp.iterdir():
                        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink()
            finally:
                subprocess.run(["umount", str(disk)], check=False)
    row.note = f"{len(commands)} commands x free space {frees} KB"
    return [row]


def _fill(disk: Path, leave: int) -> None:
    """Fill the file system so that about ``leave`` bytes stay free."""
    free = shutil.disk_usage(disk).free
    if free > leave:
        with open(disk / "filler", "wb") as fh:
            try:
                fh.write(b"\0" * (free - leave))
            except OSError:
                pass


# -- main ------------------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="kill,race,merge,rules,disk")
    parser.add_argument("--kill-trials", type=int, default=120, help="kill trials (shared by four commands)")
    parser.add_argument("--race-trials", type=int, default=12)
    parser.add_argument("--rule-trials", type=int, default=400)
    parser.add_argument("--quick", action="store_true", help="a few trials of each, for a smoke run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    if args.quick:
        args.kill_trials, args.race_trials, args.rule_trials = 12, 2, 60
    work = args.work or Path(tempfile.mkdtemp(prefix="fault-suite-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("WORKBENCH_LOG_DIR", str(work / "logs"))
    rng = random.Random(args.seed)
    wanted = args.only.split(",")
    rows: list[Row] = []
    t0 = time.perf_counter()
    for name in wanted:
        start = time.perf_counter()
        section = {"kill": lambda: section_kill(work, args.kill_trials, rng),
                   "race": lambda: section_race(work, args.race_trials, rng),
                   "merge": lambda: section_merge(work / "merge"),
                   "rules": lambda: section_rules(work, args.rule_trials, rng),
                   "disk": lambda: section_disk(work, args.quick)}[name]
        if name == "merge":
            (work / "merge").mkdir(exist_ok=True)
        got = section()
        for r in got:
            r.note = (r.note + "; " if r.note else "") + f"{time.perf_counter() - start:.0f} s"
        rows += got
        print(f"{name}: done in {time.perf_counter() - start:.0f} s", flush=True)
    print()
    print("| fault | trials | failures | data lost | notes |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r.fault} | {r.trials} | {r.failures} | {r.lost} | {r.note} |")
    total = sum(r.trials for r in rows)
    print(f"| **total** | **{total}** | **{sum(r.failures for r in rows)}** | **{sum(r.lost for r in rows)}** | "
          f"{time.perf_counter() - t0:.0f} s |")
    for r in rows:
        for e in r.examples:
            print(f"  {r.fault}: {e}")
    (work / "fault_suite.json").write_text(json.dumps([r.__dict__ for r in rows], indent=1))
    print(f"work folder: {work}")
    return 1 if any(r.failures for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
