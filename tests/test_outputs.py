"""Outputs never touch inputs: every command that writes a file, against every wrong target.

Before, ``export --out P.wbproj``, ``rules --export P.wbproj`` and ``import --save-mapping
P.wbproj`` replaced the project with exit code 0, and as root ``export --out /dev/full``
renamed its temporary file over the device node. Each writing command now refuses the
project, another project, a backup, a journal, a kept damaged copy, any SQLite file, a
device, a named pipe, a folder and a symbolic link to the project, with one ``error:`` line
and exit code 2, leaving both the project and the target as they were.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from briefs_factory import build_project

from workbench.outputs import OutputRefused, atomic_output, check_output_target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("outputs") / "p.wbproj")


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    target = tmp_path / "p.wbproj"
    shutil.copyfile(built, target)
    return target


def _target(kind: str, project: Path, suffix: str) -> Path:
    folder = project.parent
    if kind == "project":
        return project
    if kind == "another project":
        other = folder / f"other{suffix}"
        shutil.copyfile(project, other)
        return other
    if kind == "sqlite database":
        db = folder / f"notes{suffix}"
        sqlite3.connect(db).execute("CREATE TABLE t(x)").connection.close()
        return db
    if kind == "backup":
        b = folder / f".{project.name}.backup-1"
        shutil.copyfile(project, b)
        return b
    if kind == "journal":
        return folder / f"{project.name}-journal"
    if kind == "damaged copy":
        return folder / f"{project.name}.damaged-20260101-120000-1-abc123"
    if kind == "fifo":
        fifo = folder / f"pipe{suffix}"
        os.mkfifo(fifo)
        return fifo
    if kind == "device":
        from test_hostile_arguments import _private_device

        return Path(_private_device(folder))
    if kind == "folder":
        d = folder / f"a_folder{suffix}"
        d.mkdir()
        return d
    if kind == "link to project":
        link = folder / f"link{suffix}"
        link.symlink_to(project)
        return link
    raise AssertionError(kind)


TARGETS = ["project", "another project", "sqlite database", "backup", "journal", "damaged copy", "fifo",
           "device", "folder", "link to project"]
#: The brief's writer is chosen by the name's extension: only names that end in .xlsx reach it.
REPORT_TARGETS = ["another project", "sqlite database", "fifo", "folder", "link to project"]
CASES = ([(c, k) for c in ("export", "export xlsx", "rules", "save-mapping") for k in TARGETS]
         + [("report", k) for k in REPORT_TARGETS])


def _argv(command: str, project: Path, out: Path, tmp_path: Path) -> list[object]:
    csv = tmp_path / "d.csv"
    csv.write_text("district,indicator,month,value\nKibali,trust,2024-01,41\n", encoding="utf-8")
    return {
        "export": ["export", "--project", project, "--what", "alerts", "--format", "csv", "--out", out],
        "export xlsx": ["export", "--project", project, "--what", "history", "--format", "xlsx", "--out", out],
        "report": ["report", "--project", project, "--out", out],
        "rules": ["rules", "--project", project, "--export", out],
        "save-mapping": ["import", csv, "--project", project, "--save-mapping", out, "--dry-run"],
    }[command]


def _state(path: Path) -> tuple:
    st = os.lstat(path) if os.path.lexists(path) else None
    if st is None:
        return ("absent",)
    if stat.S_ISREG(st.st_mode):
        return ("file", path.read_bytes())
    return (stat.S_IFMT(st.st_mode), st.st_ino)


@pytest.mark.parametrize(("command", "kind"), CASES, ids=[f"{c}-{k}" for c, k in CASES])
def test_every_writer_refuses_every_wrong_target(project: Path, tmp_path: Path, run_cli, command: str,
                                                 kind: str) -> None:
    out = _target(kind, project, ".xlsx" if command == "report" else ".csv")
    before_project, before_target = project.read_bytes(), _state(out)
    code, stdout, stderr = run_cli(*_argv(command, project, out, tmp_path))
    assert code == 2, (stdout, stderr)
    assert stderr.startswith("error: cannot write the ") and stderr.count("\n") == 1, stderr
    assert project.read_bytes() == before_project
    assert _state(out) == before_target
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".part", ".tmpdir"))]


def test_a_regular_file_is_replaced_atomically_and_keeps_its_mode(project: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "alerts.csv"
    out.write_text("old contents\n")
    out.chmod(0o640)
    code, _, err = run_cli("export", "--project", project, "--what", "alerts", "--out", out)
    assert code == 0, err
    assert out.read_text().startswith("id,region") and stat.S_IMODE(out.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".alerts.csv.")]


def test_a_link_to_a_regular_file_is_written_through(project: Path, tmp_path: Path, run_cli) -> None:
    real = tmp_path / "real.csv"
    real.write_text("x\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run_cli("export", "--project", project, "--what", "alerts", "--out", link)[0] == 0
    assert link.is_symlink() and real.read_text().startswith("id,region")


def test_sample_refuses_a_folder_holding_a_project_under_a_sample_name(project: Path, tmp_path: Path,
                                                                          run_cli) -> None:
    folder = tmp_path / "samples"
    folder.mkdir()
    trap = folder / "ministry_incidents.csv"
    trap.symlink_to(project)
    before = project.read_bytes()
    code, _, err = run_cli("sample", "--out", folder, "--districts", "6")
    assert code == 2 and err.count("\n") == 1 and "workbench project" in err
    assert project.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["ministry_incidents.csv"]  # nothing else written


def test_a_failed_write_leaves_neither_the_target_nor_a_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    out.write_text("kept\n")
    with pytest.raises(RuntimeError), atomic_output(out) as tmp:
        tmp.write_text("half")
        raise RuntimeError("the writer failed half-way")
    assert out.read_text() == "kept\n" and sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


def test_leftovers_of_a_killed_write_are_removed_by_the_next_write(project: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "brief.xlsx"
    dead_part = tmp_path / ".brief.xlsx.abcd1234.999999999.part"
    dead_dir = tmp_path / ".brief.xlsx.efgh5678.999999999.tmpdir"
    dead_part.write_bytes(b"district names")
    dead_dir.mkdir()
    (dead_dir / "openpyxl.xml").write_text("<c>notes</c>")
    assert run_cli("report", "--project", project, "--out", out)[0] == 0
    assert not dead_part.exists() and not dead_dir.exists()


def test_openpyxl_scratch_files_stay_in_the_target_folder(project: Path, tmp_path: Path, monkeypatch,
                                                          run_cli) -> None:
    """The brief's worksheet scratch files hold district names and notes: never in the system temp folder."""
    import openpyxl.worksheet._writer as ws_writer

    made: list[str] = []
    real = ws_writer.create_temporary_file

    def spy(suffix: str = "") -> str:
        name = real(suffix)
        made.append(name)
        return name

    monkeypatch.setattr(ws_writer, "create_temporary_file", spy)
    out_dir = tmp_path / "briefs"
    out_dir.mkdir()
    assert run_cli("report", "--project", project, "--out", out_dir / "brief.xlsx")[0] == 0
    assert made and all(Path(m).resolve().parent.parent == out_dir.resolve() for m in made)
    assert sorted(p.name for p in out_dir.iterdir()) == ["brief.xlsx"]


def test_check_output_target_refuses_paths_too_long_to_use(tmp_path: Path) -> None:
    with pytest.raises(OutputRefused, match="too long|more than"):
        check_output_target(tmp_path / ("a" * 300))
    with pytest.raises(OutputRefused, match="more than the 4,096"):
        check_output_target(Path("/tmp/" + "a/" * 3000 + "x.csv"))


def _mount_tmpfs(where: Path, size_kb: int) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


@pytest.mark.parametrize("free", [None, 0])
@pytest.mark.parametrize("argv", [["report"], ["export", "--what", "history", "--format", "xlsx"],
                                  ["export", "--what", "observations", "--format", "csv"]])
def test_a_full_disk_during_report_or_export_is_one_line_and_leaves_nothing(project: Path, tmp_path: Path,
                                                                            argv: list[str], free) -> None:
    """``free=None``: a disk of 8 KB; ``free=0``: a larger one filled up (the writer then fails
    while closing its zip archive, which used to print nine more lines)."""
    disk = tmp_path / "small"
    _mount_tmpfs(disk, 8 if free is None else 256)
    temp = tmp_path / "systemp"
    temp.mkdir()
    try:
        if free is not None:
            with open(disk / "filler", "wb") as fh:
                try:
                    fh.write(b"\0" * shutil.disk_usage(disk).free)
                except OSError:
                    pass
        out = disk / ("brief.xlsx" if argv[0] == "report" else "out.file")
        cmd = [sys.executable, "-m", "workbench", argv[0], "--project", str(project), "--out", str(out), *argv[1:]]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "TMPDIR": str(temp), "QT_QPA_PLATFORM": "offscreen"})
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr
        assert "disk is full" in done.stderr and "nothing was written" in done.stderr
        assert [p.name for p in disk.iterdir() if p.name != "filler"] == [] and list(temp.iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)
