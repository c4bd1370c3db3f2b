"""User folders and bundled resources, in a checkout and inside a frozen (PyInstaller) build."""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

import pytest

from workbench import paths
from workbench.errors import ProjectError

REPO = Path(__file__).resolve().parent.parent


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def frozen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to run from a PyInstaller folder whose sample is read-only."""
    bundle = tmp_path / "_internal"
    (bundle / "sample_data").mkdir(parents=True)
    sample = bundle / "sample_data" / paths.SAMPLE_PROJECT_NAME
    sample.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    sample.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    return bundle


def test_checkout_resources_are_next_to_the_packages():
    assert not paths.is_frozen()
    assert paths.resource_root() == REPO
    assert paths.bundled_sample_dir() == REPO / "sample_data"
    assert paths.bundled_sample_project() == REPO / "sample_data" / "sample.wbproj"
    assert paths.app_icon() == REPO / "packaging" / "icons" / "workbench.png" and paths.app_icon().is_file()


def test_frozen_resources_come_from_meipass(frozen_bundle: Path):
    assert paths.is_frozen()
    assert paths.resource_root() == frozen_bundle
    assert paths.bundled_sample_project() == frozen_bundle / "sample_data" / paths.SAMPLE_PROJECT_NAME
    assert paths.app_icon() == frozen_bundle / "icons" / "workbench.png"  # where workbench.spec puts it


def test_user_folders_follow_the_environment_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("WORKBENCH_LOG_DIR", str(tmp_path / "logs"))
    assert paths.user_data_dir() == tmp_path / "data" and (tmp_path / "data").is_dir()
    assert paths.config_dir() == tmp_path / "config" and (tmp_path / "config").is_dir()
    assert paths.log_dir() == tmp_path / "logs" and (tmp_path / "logs").is_dir()


@pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are the Linux convention")
def test_default_user_folders_are_the_platform_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name in ("WORKBENCH_DATA_DIR", "WORKBENCH_CONFIG_DIR", "WORKBENCH_LOG_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert paths.user_data_dir() == tmp_path / "share" / "CohesionWorkbench"
    assert paths.config_dir() == tmp_path / "conf" / "CohesionWorkbench"
    assert paths.log_dir().is_relative_to(tmp_path / "state" / "CohesionWorkbench")


def test_first_run_copies_the_sample_and_leaves_the_bundle_alone(frozen_bundle: Path):
    source = frozen_bundle / "sample_data" / paths.SAMPLE_PROJECT_NAME
    before = (_sha(source), source.stat().st_mtime_ns)
    copy = paths.first_run_project()
    assert copy.parent == paths.user_data_dir()
    assert copy != source and copy.read_bytes() == source.read_bytes()
    assert (_sha(source), source.stat().st_mtime_ns) == before
    # The copy is the user's to write to, even though the installed file is read-only.
    assert copy.stat().st_mode & stat.S_IWUSR
    assert [p.name for p in copy.parent.iterdir()] == [copy.name]  # no temporary left behind


def test_first_run_keeps_an_existing_copy(frozen_bundle: Path):
    copy = paths.first_run_project()
    copy.write_bytes(b"the user's alerts and imports")
    assert paths.first_run_project() == copy
    assert copy.read_bytes() == b"the user's alerts and imports"


def test_missing_sample_is_a_project_error(frozen_bundle: Path):
    (frozen_bundle / "sample_data" / paths.SAMPLE_PROJECT_NAME).unlink()
    assert paths.bundled_sample_project() is None
    with pytest.raises(ProjectError, match="sample project is missing"):
        paths.first_run_project()
    assert not any(paths.user_data_dir().iterdir())


def test_failed_copy_leaves_nothing_half_written(frozen_bundle: Path, monkeypatch: pytest.MonkeyPatch):
    def full_disk(src: object, dst: str | os.PathLike) -> None:
        Path(dst).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(paths.shutil, "copyfile", full_disk)
    with pytest.raises(ProjectError, match="No space left on device"):
        paths.first_run_project()
    assert not any(paths.user_data_dir().iterdir())


def test_committed_icons_are_well_formed():
    """The .ico/.icns written by packaging/make_icons.py hold PNGs at the sizes the OSes ask for."""
    import struct

    icons = REPO / "packaging" / "icons"
    png_magic = b"\x89PNG\r\n\x1a\n"
    ico = (icons / "workbench.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, _h, _c, _r, _planes, _bits, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
        assert ico[offset:offset + 8] == png_magic and offset + length <= len(ico)
        sizes.append(w or 256)
    assert {16, 32, 48, 256} <= set(sizes)

    icns = (icons / "workbench.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    pos, kinds = 8, []
    while pos < len(icns):
        kinds.append(icns[pos:pos + 4])
        assert icns[pos + 8:pos + 16] == png_magic
        pos += struct.unpack_from(">I", icns, pos + 4)[0]
    assert pos == len(icns) and {b"ic07", b"ic08", b"ic09", b"ic10"} <= set(kinds)
    assert (icons / "workbench.png").read_bytes()[:8] == png_magic
    assert b"<svg" in (icons / "workbench.svg").read_bytes()
