"""No command puts field data in the system temp folder (docs/privacy.md).

The system temp folder (``/tmp``, ``%TEMP%``) is shared by every user and program of the
machine and is not cleaned when a program is killed; libraries that spill to temporary
files (openpyxl, xlsxwriter) use it unless told otherwise. The test makes any use of it an
error: :mod:`tempfile` finds the system folder through ``_get_default_tempdir`` only when
no folder is given and none was set, so a command that passes it gives every temporary
file a folder of its own (beside its output or project) - or fails here, naming the code.
"""

from __future__ import annotations

import shutil
import tempfile
import traceback
from pathlib import Path

import pytest


@pytest.fixture
def sample_files(tmp_path_factory: pytest.TempPathFactory, run_cli) -> Path:  # noqa: ANN001
    """The sample workbooks (invented data: written before the guard below is armed)."""
    out = tmp_path_factory.mktemp("sample")
    code, _, err = run_cli("sample", "--out", out, "--districts", "6")
    assert code == 0, err
    return out


@pytest.fixture
def system_temp_forbidden(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any look-up of the system temp folder fails, and its stack is kept for the message."""
    uses: list[str] = []

    def forbidden() -> str:
        uses.append("".join(traceback.format_stack(limit=12)))
        raise AssertionError("the system temp folder was used")

    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr(tempfile, "_get_default_tempdir", forbidden)
    return uses


def test_every_command_keeps_its_temporary_files_out_of_the_system_temp_folder(
    sample_files: Path, tmp_path: Path, run_cli, system_temp_forbidden: list[str]  # noqa: ANN001
) -> None:
    project = tmp_path / "office.wbproj"
    out = tmp_path / "out"
    out.mkdir()
    steps: list[tuple] = [("import", f, "--project", project) for f in sorted(sample_files.glob("*.xlsx"))]
    steps += [
        ("import", sample_files / "ministry_incidents.csv", "--project", project),
        ("run", "--project", project),
        ("alert", "1", "--project", project, "--set", "acknowledged", "--note", "called the district office"),
        ("alerts", "--project", project, "--format", "json"),
        ("history", "--project", project, "--format", "csv"),
        ("data", "--project", project, "--format", "csv"),
        ("index", "--project", project, "--format", "csv"),
        ("rules", "--project", project, "--export", out / "rules.toml"),
        ("backtest", "--project", project, "--truth", sample_files / "ground_truth.csv"),
        ("report", "--project", project, "--out", out / "brief.xlsx"),
        *[("export", "--project", project, "--what", what, "--format", fmt, "--out", out / f"{what}.{fmt}")
          for what in ("observations", "alerts", "history") for fmt in ("xlsx", "csv", "json")],
    ]
    copy = tmp_path / "laptop.wbproj"
    for step in steps:
        code, stdout, err = run_cli(*step)
        assert not system_temp_forbidden, f"{step[0]} used the system temp folder:\n{system_temp_forbidden[0]}"
        assert code == 0, (step, err)
        if step[0] == "run":
            shutil.copy(project, copy)
    assert run_cli("alert", "2", "--project", copy, "--note", "from the field")[0] == 0
    for step in (("merge", copy, "--project", project), ("restore", "--project", project)):
        code, stdout, err = run_cli(*step)
        assert not system_temp_forbidden, f"{step[0]} used the system temp folder:\n{system_temp_forbidden[0]}"
        assert code == 0, (step, err)
    # nothing of the scratch folders is left beside the outputs
    assert not [p.name for p in out.iterdir() if p.name.endswith((".tmpdir", ".part"))]


def test_a_killed_writer_s_scratch_folder_is_removed_by_the_next_write(tmp_path: Path) -> None:
    from workbench.outputs import private_tempdir, write_text_output

    target = tmp_path / "brief.xlsx"
    dead = tmp_path / f".{target.name}.abcd1234.999999999.tmpdir"  # no such process
    dead.mkdir()
    (dead / "openpyxl.sheet1.xml").write_text("<c>Kibali</c>", encoding="utf-8")
    other = tmp_path / ".another.xlsx.abcd1234.999999999.tmpdir"  # another output's: not ours to touch
    other.mkdir()
    write_text_output(target, "x")  # the next write to the same name sweeps its dead leftovers
    assert not dead.exists() and other.exists()
    with private_tempdir(target) as scratch:
        assert scratch.parent == tmp_path and scratch.name.startswith(f".{target.name}.")
        import tempfile

        assert tempfile.gettempdir() == str(scratch)
    assert not scratch.exists()
