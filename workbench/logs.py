"""Where logs go, and a crash log that never contains field data.

Logs hold exception types and stack frames only: no observation values, notes or file
contents, because field data can be sensitive (see docs/privacy.md).
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from platformdirs import user_log_dir

APP_NAME = "CohesionWorkbench"


def log_dir() -> Path:
    override = os.environ.get("WORKBENCH_LOG_DIR")
    path = Path(override) if override else Path(user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_exception(err: BaseException) -> Path:
    """Write the stack (frames only, no local values or message text) and return the file."""
    path = log_dir() / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    frames = traceback.extract_tb(err.__traceback__)
    lines = [f"{type(err).__module__}.{type(err).__qualname__}"]
    lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
