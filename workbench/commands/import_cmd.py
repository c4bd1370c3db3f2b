"""``workbench import FILE... --project P``: validate files and add them to a project.

Each file is its own transaction and gets its own report. The exit code is the worst
outcome: 0 when every file was imported (rejected rows are reported, not fatal) or had
been imported before, 1 when a file had data but nothing could be kept, 2 when a file
was unusable (the ``error:`` line names it and the other files are still imported).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.locations import project_location


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import",
        help="import spreadsheet files (.xlsx .xlsm .xls .ods .csv) into a project",
        description="Validate each FILE, print what was kept and rejected, and add it to the project "
        "(created if missing) in one transaction per file.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path, help="files to import")
    p.add_argument("--project", required=True, type=project_location, metavar="P",
                   help="project file (*.wbproj) or team server URL (postgresql://user@host/db)")
    p.add_argument("--sheet", metavar="NAME", help="import only this sheet")
    p.add_argument("--mapping", type=Path, metavar="M.toml", help="mapping file overriding detection")
    p.add_argument("--save-mapping", type=Path, metavar="M.toml", help="write the mapping used to this file")
    p.add_argument("--dry-run", action="store_true", help="validate and report; write nothing")
    p.set_defaults(handler=run)


def _terminal_progress():
    """A one-line progress display on an interactive terminal; silent in pipes and tests."""
    from workbench.progress import no_progress

    if not sys.stderr.isatty():
        return no_progress

    def show(fraction: float, message: str = "") -> None:
        end = "\n" if fraction >= 1.0 else ""
        print(f"\r{fraction:4.0%} {message[:60]:<60}", end=end, file=sys.stderr, flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    from workbench.errors import UnusableInputError, WorkbenchError
    from workbench.importer.engine import import_file
    from workbench.importer.mapping import load_mapping, save_mapping

    from workbench.outputs import check_output_target

    overrides = load_mapping(args.mapping) if args.mapping else None
    inputs = [args.project, *args.files]  # --save-mapping may rewrite the --mapping it read
    if args.save_mapping:
        if not args.save_mapping.parent.is_dir():
            # Said before anything is imported, not after the first file is already in.
            raise WorkbenchError(f"cannot save the mapping: folder {args.save_mapping.parent} does not exist")
        check_output_target(args.save_mapping, inputs=inputs, what="mapping file")
    worst = 0
    saved = False
    for path in args.files:
        try:
            result = import_file(path, args.project, sheet=args.sheet, mapping=overrides, dry_run=args.dry_run,
                                 progress=_terminal_progress())
        except UnusableInputError as err:
            if len(args.files) == 1:
                raise
            print(f"error: {err}", file=sys.stderr)
            worst = max(worst, err.exit_code)
            continue
        print(result.render())
        if result.status == "nothing kept":
            worst = max(worst, 1)
        if args.save_mapping and not saved and result.mappings:
            save_mapping(args.save_mapping, result.mappings, inputs=inputs)
            print(f"mapping saved to {args.save_mapping}")
            saved = True
    return worst
