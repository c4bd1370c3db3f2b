"""Where the workbench keeps things on a laptop, from a source checkout or a frozen build.

Two kinds of place exist and must never be confused:

* read-only resources shipped with the program (the sample project and workbooks): next to
  the packages in a checkout, under ``sys._MEIPASS`` in a PyInstaller build, where the
  folder may be write-protected (``C:\\Program Files``, a signed macOS bundle);
* the user's own folders (data, settings, logs, backups), chosen per OS by platformdirs
  and overridable with environment variables so tests and portable installs stay isolated.

The first run therefore opens a *copy* of the bundled sample in the user data folder:
running models on it writes alerts, and that must not touch the installed file.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir as _platform_data_dir

from workbench.errors import ProjectError
from workbench.logs import APP_NAME, log_dir

SAMPLE_PROJECT_NAME = "sample.wbproj"
FIRST_RUN_PROJECT_NAME = "Sample project (Meridia).wbproj"

__all__ = [
    "APP_NAME",
    "app_icon",
    "bundled_sample_dir",
    "bundled_sample_project",
    "config_dir",
    "cache_dir",
    "first_run_project",
    "is_frozen",
    "log_dir",
    "resource_root",
    "user_data_dir",
]


def _dir_from_env(variable: str, default: str) -> Path:
    override = os.environ.get(variable)
    path = Path(override) if override else Path(default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def is_frozen() -> bool:
    """True inside a PyInstaller build, where resources live under ``sys._MEIPASS``."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resource_root() -> Path:
    """The folder that holds ``sample_data/``: the bundle root or the source checkout."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]  # set by PyInstaller
    return Path(__file__).resolve().parent.parent


def bundled_sample_dir() -> Path:
    """The sample workbooks shipped with the program (read-only: copy before writing)."""
    return resource_root() / "sample_data"


def bundled_sample_project() -> Path | None:
    """The shipped sample project, or None in a checkout where it was not generated yet."""
    path = bundled_sample_dir() / SAMPLE_PROJECT_NAME
    return path if path.is_file() else None


def app_icon() -> Path:
    """The 256 px PNG icon for the window title bar (the .ico/.icns are baked into the executable)."""
    if is_frozen():
        return resource_root() / "icons" / "workbench.png"
    return resource_root() / "packaging" / "icons" / "workbench.png"


def user_data_dir() -> Path:
    """Projects the program creates for the user (the first-run sample copy); created on use."""
    return _dir_from_env("WORKBENCH_DATA_DIR", _platform_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Settings: the same folder the GUI's settings file uses when WORKBENCH_CONFIG_DIR is set."""
    return _dir_from_env("WORKBENCH_CONFIG_DIR", user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where machine-made files that can be rebuilt go (the compiled detectors' code)."""
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def first_run_project() -> Path:
    """Return the user's copy of the sample project, copying the bundled one the first time.

    An existing copy is kept as it is: the user may have run models or imported into it.
    The copy is written to a temporary name and renamed, so a crash mid-copy never leaves a
    half-written project that the next start would try to open.
    """
    target = user_data_dir() / FIRST_RUN_PROJECT_NAME
    if target.is_file():
        return target
    source = bundled_sample_project()
    if source is None:
        raise ProjectError(f"the sample project is missing from {bundled_sample_dir()}")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, tmp)  # contents only: an install folder's read-only mode is not copied
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ProjectError(f"could not copy the sample project to {target.parent}: {err.strerror}") from err
    return target
