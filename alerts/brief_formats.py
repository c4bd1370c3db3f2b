"""Which brief writers are installed, and the one for an output's extension.

Writers are found in the ``workbench.report_formats`` entry-point group: ``xlsx`` is
headless (``alerts.report_xlsx``), ``pdf`` needs the desktop layer (``ui.report_pdf``).
Looking writers up this way keeps ``alerts`` free of any import of ``ui``; on a machine
without Qt the PDF format says that it needs the GUI extra. Used by ``workbench report``
and by the desktop's brief (``ui/brief.py``).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError

GROUP = "workbench.report_formats"


def available_formats() -> list[str]:
    return sorted(ep.name for ep in importlib.metadata.entry_points(group=GROUP))


def find_writer(out: Path) -> Callable[..., Any]:
    """The ``write_brief`` function for ``out``'s extension, or one clear error."""
    ext = Path(out).suffix.lower().lstrip(".")
    found = {ep.name: ep for ep in importlib.metadata.entry_points(group=GROUP)}
    if ext not in found:
        known = ", ".join(f".{k}" for k in sorted(found)) or "none installed"
        what = f"'.{ext}'" if ext else "no extension"
        raise WorkbenchError(f"cannot write a brief with {what}; use one of: {known}")
    try:
        return found[ext].load()
    except ImportError as err:
        raise WorkbenchError(
            f"the .{ext} brief needs the desktop layer, which is not installed here "
            f"({err.name or err}); install the [gui] extra or write a .xlsx brief"
        ) from None
