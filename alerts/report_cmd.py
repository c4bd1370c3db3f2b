"""``workbench report --project P --out FILE.xlsx|FILE.pdf [--paper a4|letter]``: one brief command.

The writer is chosen by the output's extension from the ``workbench.report_formats``
entry-point group: ``xlsx`` is headless (``alerts.report_xlsx``), ``pdf`` needs the desktop
layer (``ui.report_pdf``). Looking writers up this way keeps ``alerts`` free of any import
of ``ui`` while still offering one command; on a machine without Qt the PDF format simply
reports that it needs the GUI extra.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Callable

from workbench.locations import add_project_argument

GROUP = "workbench.report_formats"
PAPERS = ("a4", "letter")


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="write the Excel or PDF brief for a meeting",
                       description="Write a brief of the project's alerts, changes and index: "
                                   "FILE.xlsx (Excel workbook) or FILE.pdf (printable pages).")
    add_project_argument(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="brief.xlsx or brief.pdf")
    p.add_argument("--paper", choices=PAPERS, default="a4", help="PDF paper size (default a4)")
    p.set_defaults(handler=run)


def available_formats() -> list[str]:
    from importlib.metadata import entry_points

    return sorted(ep.name for ep in entry_points(group=GROUP))


def find_writer(out: Path) -> Callable[..., Any]:
    """The ``write_brief`` function for ``out``'s extension, or one clear error."""
    from importlib.metadata import entry_points

    from workbench.errors import WorkbenchError

    ext = Path(out).suffix.lower().lstrip(".")
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
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


def run(args: argparse.Namespace) -> int:
    from workbench.errors import ProjectError

    from workbench.outputs import check_output_target
    from workbench.store.dialect import project_exists

    writer = find_writer(args.out)
    check_output_target(args.out, inputs=[args.project], what="brief")  # before the work, not after it
    if not project_exists(args.project):
        from workbench.locations import shown

        raise ProjectError(f"project {shown(args.project)} does not exist")
    import datetime as dt

    from alerts.operations import brief_written

    at = dt.datetime.now(dt.timezone.utc).isoformat()
    summary = writer(args.project, Path(args.out), paper=args.paper)
    print(summary)
    print(brief_written(args.project, at))  # the brief records the meeting: the marker moves to it
    return 0
