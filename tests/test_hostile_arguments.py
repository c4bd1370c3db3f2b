"""No ``internal error`` for user input: a table of hostile arguments over every sub-command.

Each case runs the real command line in-process and must end with exit code 1 or 2,
exactly one stderr line starting with ``error:``, no traceback, the project and its folder
exactly as they were (no journal, no temporary file, no changed byte), nothing written
into ``/dev``, and within seconds (a pipe given as a file must never be waited on).

Before this work 35 of 254 such replies were ``internal error`` (a 10,000-character path,
alert id 2**63, ``--snooze-until NaT``, deeply nested TOML, ...), a pipe as project, rules or
mapping file hung, and ``--project /dev/null`` wrote a journal into ``/dev``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from alerts_factory import noise_series, with_step, write_series

from alerts.engine import run_models

LONG = "a" * 10_000
PLACES = ("LONG", "MISSING", "DEVNULL", "FIFO", "DIR", "TEXT", "DB", "GARBAGE")
INPUTS = ("LONG", "MISSING", "DEVZERO", "FIFO", "DIR", "GARBAGE", "NESTED", "HUGE", "P")
OUTPUTS = ("P", "FIFO", "DEVFULL", "DIR", "LONG", "NODIR", "BACKUP")

# -- the table ---------------------------------------------------------------------------------
CASES: list[tuple[str, ...]] = []


def case(*argv: str) -> None:
    CASES.append(argv)


# Every command that takes a project, given something that is not one.
for place in PLACES:
    for argv in (("data",), ("runs",), ("alerts",), ("history",), ("index",), ("rules",), ("run",),
                 ("backtest",), ("check",), ("restore",), ("alert", "1", "--note", "x"),
                 ("report", "--out", "{OUT}/b.xlsx"), ("export", "--what", "alerts", "--out", "{OUT}/a.csv"),
                 ("merge", "{OTHERPROJ}"), ("import", "{CSV}"), ("boundaries", "{GEOJSON}")):
        if argv == ("import", "{CSV}") and place == "MISSING":
            continue  # import creates a missing project: that is its job
        case(*argv, "--project", "{" + place + "}")
# alert: ids, periods, statuses, assessments
for bad in ("9223372036854775808", "-1", "0", "abc", "1e3", "", "99999999999999999999999", "12"):
    case("alert", bad, "--project", "{P}", "--note", "x")
for bad in ("NaT", "nat", "99999-01", "", "2024-13", "0001-01", "not a date", "1e9"):
    case("alert", "1", "--project", "{P}", "--snooze-until", bad)
for extra in (("--set", "bogus"), ("--set", "dismissed"), ("--set", "dismissed", "--reason", "boredom"),
              ("--set", "verified"), ("--set", "verified", "--likelihood", "9", "--consequence", "1",
                                      "--outcome", "monitor"),
              ("--set", "verified", "--likelihood", "1", "--consequence", "1", "--outcome", "pray"),
              ("--set", "withdrawn"), ("--set", "closed"), ("--note", ""), ("--note", "   "), (),
              ("--reason", "data_error"), ("--likelihood", "abc"), ("--set", "acknowledged", "--reason", "x"),
              ("--set", "new\x1b[2J")):
    case("alert", "1", "--project", "{P}", *extra)
# listings
for extra in (("--format", "xml"), ("--status", "bogus"), ("--status", "open,nope"), ("--severity", "extreme")):
    case("alerts", "--project", "{P}", *extra)
for extra in (("--alert", "9223372036854775808"), ("--alert", "-1"), ("--alert", "x"), ("--format", "xml")):
    case("history", "--project", "{P}", *extra)
case("runs", "--project", "{P}", "--format", "xml")
case("data", "--project", "{P}", "--format", "json")
# rules
for place in INPUTS:
    case("rules", "--project", "{P}", "--import", "{" + place + "}")
for place in OUTPUTS:
    case("rules", "--project", "{P}", "--export", "{" + place + "}")
case("rules", "--project", "{P}", "--import", "{BADRULE}")
case("rules", "--project", "{P}", "--import", "{MANYRULES}")
case("rules", "--project", "{P}", "--import", "{TEXT}", "--export", "{OUT}/r.toml")
# import
for place in INPUTS:
    case("import", "{" + place + "}", "--project", "{P}")
for place in INPUTS:
    if place != "MISSING":
        case("import", "{CSV}", "--project", "{P}", "--mapping", "{" + place + "}")
for place in OUTPUTS:
    case("import", "{CSV}", "--project", "{P}", "--save-mapping", "{" + place + "}")
case("import", "{CSV}", "--project", "{P}", "--save-mapping", "{CSV}")
# export
for place in OUTPUTS:
    case("export", "--project", "{P}", "--what", "alerts", "--format", "csv", "--out", "{" + place + "}")
for extra in (("--what", "secrets"), ("--format", "docx"), ("--min-magnitude", "nan"),
              ("--min-magnitude", "-1"), ("--truth", "{FIFO}"), ("--truth", "{GARBAGE}"), ("--truth", "{DIR}")):
    what = () if extra[0] == "--what" else ("--what", "backtest")
    case("export", "--project", "{P}", *what, *extra, "--out", "{OUT}/x.csv")
case("export", "--project", "{P}", "--what", "alerts", "--out", "{OUT}/x.txt")
# report
for out in ("{FIFOX}", "{DIRX}", "{LONG}.xlsx", "{NODIR}.xlsx", "{OUT}/b.docx", "{OUT}/b", "{P}",
            "{OTHERPROJ}"):
    case("report", "--project", "{P}", "--out", out)
case("report", "--project", "{P}", "--out", "{OUT}/b.xlsx", "--paper", "a5")
# backtest
for extra in (("--budget", "nan"), ("--budget", "inf"), ("--budget", "-1"), ("--min-magnitude", "nan"),
              ("--min-magnitude", "1e999"), ("--truth", "{FIFO}"), ("--truth", "{DIR}"), ("--truth", "{GARBAGE}"),
              ("--truth", "{MISSING}"), ("--truth", "{TEXT}"), ("--truth", "{DEVZERO}"), ("--apply",),
              ("--format", "xml")):
    case("backtest", "--project", "{P}", *extra)
# merge
for place in (*PLACES, "OTHERPROJ", "P", "DEVZERO", "NESTED"):
    case("merge", "{" + place + "}", "--project", "{P}")
# index
for extra in (("--period", "NaT"), ("--period", "99999-01"), ("--period", "garbage"), ("--definition", "nope"),
              ("--format", "xml"), ("--period", "1e400")):
    case("index", "--project", "{P}", *extra)
# restore
for extra in (("--backup", "0"), ("--backup", "9223372036854775808"), ("--backup", "3"), ("--backup", "abc"),
              ("--backup", "-1")):
    case("restore", "--project", "{P}", *extra)
case("restore", "--project", "{MISSING}", "--list")
# sample
for extra in (("--out", "{P}"), ("--out", "{FIFO}"), ("--out", "{DEVNULL}"), ("--out", "{LONG}"),
              ("--out", "{OUT}/s", "--districts", "7"), ("--out", "{OUT}/s", "--districts", "0"),
              ("--out", "{OUT}/s", "--districts", "abc"), ("--out", "{OUT}/s", "--seed", "abc"),
              ("--out", "{OUT}/s", "--seed", "-5"), ("--out", "{OUT}/s", "--seed", "1e400"),
              ("--out", "{OUT}/s", "--project", "{P}"), ("--out", "{OUT}/s", "--project", "{LONG}")):
    case("sample", *extra)
# boundaries
for place in (*INPUTS, "TEXT"):
    case("boundaries", "{" + place + "}", "--project", "{P}")
# pool
for place in ("FIFO", "DIR", "MISSING", "TEXT", "LONG", "DEVNULL"):
    case("pool", "{" + place + "}", "--out", "{OUT}/pool")
for extra in (("--out", "{P}"), ("--out", "{TEXT}"), ("--out", "{OUT}/pool", "--buckets", "0"),
              ("--out", "{OUT}/pool", "--buckets", "abc"), ("--out", "{OUT}/pool", "--buckets", "99999999999")):
    case("pool", "{P}", *extra)
# check
for place in PLACES:
    case("check", "--project", "{" + place + "}")
# run, checkout, the dispatcher itself
case("run", "--project", "{P}", "--engine", "quantum")
case("run", "--project", "{P}", "--scheduler", "tcp://127.0.0.1:1")
case("checkout", "not-a-url", "--out", "{OUT}/c.wbproj")
case("checkout", "postgresql://nobody@127.0.0.1:1/x", "--out", "{P}")
case("bogus-command")
case("--bogus-option")
case("alerts")
case("alerts", "--project")


# -- the fixtures ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-args") / "p.wbproj"
    write_series(path, {("Kibali", "trust"): with_step(noise_series(48, 1), 36, 8),
                        ("Arua", "trust"): with_step(noise_series(48, 3), 40, 8)})
    run_models(path)
    run_models(path)  # a backup that holds the alerts
    write_series(path.with_name("other.wbproj"), {("Kibali", "trust"): noise_series(12, 5)})  # another project
    return path


def _places(built: Path, tmp_path: Path) -> dict[str, str]:
    from workbench.store.backup import backup_path, list_backups

    work = tmp_path / "work"
    work.mkdir()
    p = work / "p.wbproj"
    shutil.copyfile(built, p)
    for b in list_backups(built):
        shutil.copyfile(b.path, backup_path(p, b.number))
    other = tmp_path / "other.wbproj"
    shutil.copyfile(built.with_name("other.wbproj"), other)
    fifo, fifox = tmp_path / "pipe", tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    os.mkfifo(fifox)
    folder, folderx = tmp_path / "folder", tmp_path / "folder.xlsx"
    folder.mkdir()
    folderx.mkdir()
    text = tmp_path / "notes.txt"
    text.write_text("just some words\n", encoding="utf-8")
    db = tmp_path / "plain.db"
    sqlite3.connect(db).execute("CREATE TABLE t(x)").connection.close()
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 40)
    nested = tmp_path / "nested.toml"
    nested.write_text("a = " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as fh:  # sparse: 60 MB that cost no disk
        fh.truncate(60_000_000)
    csv = tmp_path / "d.csv"
    csv.write_text("district,indicator,month,value\nKibali,trust,2024-01,41\n", encoding="utf-8")
    geo = tmp_path / "b.geojson"
    geo.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    bad_rule = tmp_path / "bad.toml"
    bad_rule.write_text('[[rule]]\nname = "r"\nmethods = ["robust_z"]\npersistence = 1.5\n', encoding="utf-8")
    many = tmp_path / "many.toml"
    many.write_text("".join(f'[[rule]]\nname = "r{i}"\nmethods = ["robust_z"]\n' for i in range(20_000)))
    out = tmp_path / "out"
    out.mkdir()
    return {
        "P": str(p), "OTHERPROJ": str(other), "FIFO": str(fifo), "DIR": str(folder), "FIFOX": str(fifox),
        "DIRX": str(folderx), "TEXT": str(text),
        "DB": str(db), "GARBAGE": str(garbage), "NESTED": str(nested), "HUGE": str(huge), "CSV": str(csv),
        "GEOJSON": str(geo), "BADRULE": str(bad_rule), "MANYRULES": str(many), "OUT": str(out),
        "LONG": str(tmp_path / LONG), "MISSING": str(tmp_path / "missing.wbproj"),
        "NODIR": str(tmp_path / "no-such-folder" / "x"), "DEVNULL": "/dev/null", "DEVZERO": "/dev/zero",
        "DEVFULL": _private_device(tmp_path),
        "BACKUP": str(backup_path(p, 1)),
    }


def _private_device(folder: Path) -> str:
    """A device node to write to: as root a private copy of /dev/full (code that renames a
    temporary file over its target then destroys only this one, not the machine's - an old
    version did exactly that to /dev/full); otherwise /dev/full, which a user cannot replace."""
    if os.geteuid() == 0:
        node = folder / "full-device"
        try:
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
            return str(node)
        except OSError:
            pass
    return "/dev/full" if os.path.exists("/dev/full") else "/dev/null"


def _snapshot(folder: Path) -> dict[str, object]:
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            st = os.lstat(path)
            found[str(path.relative_to(folder))] = (path.read_bytes() if stat.S_ISREG(st.st_mode)
                                                    and st.st_size < 10_000_000 else (stat.S_IFMT(st.st_mode),
                                                                                      st.st_size))
    return found


def _dev() -> set[str]:
    return {n for n in os.listdir("/dev") if n.endswith(("-journal", "-wal", ".part"))}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("argv", CASES, ids=[" ".join(a)[:80] for a in CASES])
def test_hostile_arguments_give_one_error_line_and_change_nothing(built: Path, tmp_path: Path, run_cli,
                                                                  argv: tuple[str, ...]) -> None:
    places = _places(built, tmp_path)
    args = [a.format(**places) for a in argv]
    before, dev_before = _snapshot(tmp_path), _dev()
    code, out, err = run_cli(*args)
    assert code in (1, 2), (code, out[-300:], err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and err.endswith("\n"), err
    assert "Traceback" not in out + err and "internal error" not in err, err
    assert len(lines[0]) < 600
    assert _snapshot(tmp_path) == before
    assert _dev() == dev_before


def test_the_table_is_large() -> None:
    assert len(CASES) >= 300


READ_ONLY_COMMANDS = [("data",), ("runs",), ("alerts",), ("alerts", "--active", "--format", "json"), ("history",),
                      ("index",), ("rules",), ("backtest", "--truth", "{TRUTH}"), ("check",), ("restore", "--list"),
                      ("export", "--what", "alerts", "--out", "{OUT}/a.csv"),
                      ("report", "--out", "{OUT}/b.xlsx")]


def test_read_only_commands_work_on_a_read_only_medium(built: Path, tmp_path: Path, run_cli) -> None:
    """A project on a write-protected USB stick or a read-only share: looking must work."""
    import subprocess

    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a read-only file system needs root")
    from workbench.store.backup import backup_path, list_backups

    stick = tmp_path / "stick"
    stick.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(stick)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        shutil.copyfile(built, stick / "p.wbproj")
        for b in list_backups(built):
            shutil.copyfile(b.path, backup_path(stick / "p.wbproj", b.number))
        subprocess.run(["mount", "-o", "remount,ro", str(stick)], check=True)
        out = tmp_path / "out"
        out.mkdir()
        truth = out / "truth.csv"
        truth.write_text("region,indicator,onset,end\nKibali,trust,2023-01-01,2023-06-01\n", encoding="utf-8")
        for argv in READ_ONLY_COMMANDS:
            args = [a.format(OUT=out, TRUTH=truth) for a in argv]
            code, stdout, err = run_cli(*args, "--project", stick / "p.wbproj")
            assert code == 0, (argv, err)
        code, _, err = run_cli("alert", "1", "--project", stick / "p.wbproj", "--note", "x")
        assert code == 2 and err.count("\n") == 1 and "read-only" in err
    finally:
        subprocess.run(["umount", str(stick)], check=False)
