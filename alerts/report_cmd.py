"""``workbench report --project P --out FILE.xlsx|FILE.pdf [--paper a4|letter] [--language en|fr|ar] [--keep-marker]``.

The writer is chosen by the output's extension (:mod:`alerts.brief_formats`): ``xlsx`` is
headless, ``pdf`` needs the desktop layer; on a machine without Qt the PDF format says that
it needs the GUI extra. The brief is written in ``--language``, else in the user's language
setting (the desktop's View → Language; "system" = the system's language when the brief has
it), else English (:func:`workbench.i18n.resolve_language`). What the command prints stays in
English, like every message of the command line.

The brief records the meeting: the meeting marker moves to it, unless ``--keep-marker``. A
further brief written while nothing was recorded since the last one (the same meeting in
another language or format) covers the same agenda (:func:`alerts.meeting.agenda_start`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from alerts.brief_formats import find_writer
from workbench.i18n import LANGUAGES
from workbench.locations import add_project_argument

PAPERS = ("a4", "letter")


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="write the Excel or PDF brief for a meeting",
                       description="Write a brief of the project's alerts, changes and index: "
                                   "FILE.xlsx (Excel workbook) or FILE.pdf (printable pages).")
    add_project_argument(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="brief.xlsx or brief.pdf")
    p.add_argument("--paper", choices=PAPERS, default="a4", help="PDF paper size (default a4)")
    p.add_argument("--language", choices=LANGUAGES, default=None,
                   help="language of the brief (default: the language setting, View → Language; else English)")
    p.add_argument("--keep-marker", action="store_true",
                   help="leave the meeting marker where it is (by default the brief records the meeting and "
                        "the marker moves to it)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.errors import ProjectError

    from workbench.outputs import check_output_target
    from workbench.store import project_exists

    from workbench.i18n import resolve_language

    writer = find_writer(args.out)
    language = resolve_language(args.language)
    check_output_target(args.out, inputs=[args.project], what="brief")  # before the work, not after it
    if not project_exists(args.project):
        from workbench.locations import shown

        raise ProjectError(f"project {shown(args.project)} does not exist")
    import datetime as dt

    from alerts.operations import brief_written

    at = dt.datetime.now(dt.timezone.utc).isoformat()
    summary = writer(args.project, Path(args.out), paper=args.paper, language=language)
    print(summary)
    if args.keep_marker:
        print("the meeting marker was left as it was (--keep-marker)")
    else:
        print(brief_written(args.project, at))  # the brief records the meeting: the marker moves to it
    return 0
