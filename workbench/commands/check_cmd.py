"""``workbench check --project P [--repair]``: check a project file thoroughly, on demand.

Prints one line per finding (``ok``, ``problem``, ``repaired``, ``note``); exit code 0 when
nothing is wrong, 1 when something needs the user (a damaged page: ``workbench restore``;
removed history protection: ``--repair``). See :mod:`workbench.store.integrity`.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "check",
        help="check a project file: every page and index, history protection, backups",
        description="Run SQLite's full integrity check and the workbench's own checks on a project file "
        "and its automatic backups. With --repair, put removed history protection back and remove what "
        "stopped backups or restores left behind (data is never changed).",
    )
    p.add_argument("--project", required=True, type=Path, metavar="P", help="project file (*.wbproj)")
    p.add_argument("--repair", action="store_true", help="put removed history protection back; remove leftovers")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.store.integrity import check_project

    from workbench.errors import WorkbenchError

    report = check_project(args.project, repair=args.repair)
    print(report.render())
    if report.problems:
        raise WorkbenchError(f"{len(report.problems)} problem(s) found in {args.project.name} (listed above)")
    return 0
