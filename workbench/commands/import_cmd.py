"""``workbench import FILE... --project P``: validate files and add them to a project.

Each file is its own transaction and gets its own report. The exit code is the worst
outcome: 0 when every file was imported (rejected rows are reported, not fatal) or had
been imported before, 1 when a file had data but nothing could be kept or its reading was
not clear-cut, 2 when a file was unusable (the ``error:`` line names it and the other files
are still imported).

A reading that is not clear-cut is never imported on a guess: the command prints its best
reading (which column is what, a few rows as they would be stored), writes it as a mapping
file (``FILE.mapping.toml`` beside the file, or the ``--save-mapping`` path) and exits 1;
``--mapping`` with that file, checked or edited, imports it. A name that looks like a typo
of one the project has ("Ostrava Hils") is part of the reading: it is written into that
mapping's ``[names]`` tables mapped to itself - kept as a new name, so that accepting the
file unedited never merges two places - with the existing names it resembles in a comment
above it; the analyst writes one of them instead to store its values under it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.locations import add_project_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import",
        help="import spreadsheet files (.xlsx .xlsm .xls .ods .csv) into a project",
        description="Validate each FILE, print what was kept and rejected, and add it to the project "
        "(created if missing) in one transaction per file.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path, help="files to import")
    add_project_argument(p)
    p.add_argument("--sheet", metavar="NAME", help="import only this sheet")
    given = p.add_mutually_exclusive_group()
    given.add_argument("--mapping", type=Path, metavar="M.toml", help="mapping file overriding detection")
    p.add_argument("--save-mapping", type=Path, metavar="M.toml", help="write the mapping used to this file")
    given.add_argument("--saved-mapping", action="store_true",
                   help="use the mapping saved in the project by the app's import wizard (its reading is "
                        "still checked and reported; a file it no longer fits is refused)")
    p.add_argument("--dry-run", action="store_true", help="validate and report; write nothing")
    p.add_argument("--all-notes", action="store_true",
                   help="print every note (a thousand homonyms kept apart are otherwise one line)")
    p.add_argument("--events-by", choices=("month", "week"), metavar="month|week",
                   help="event tables (ACLED, UCDP, incident logs): count per month (default) or ISO week")
    p.add_argument("--event-types", action="store_true",
                   help="event tables: also one count per event type")
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
    if args.saved_mapping:
        overrides = _saved_mapping(args.project)
    if args.events_by or args.event_types:
        from workbench.importer.mapping import MappingFile

        overrides = overrides or MappingFile()
        if args.events_by:
            overrides.common["event_period"] = args.events_by
        if args.event_types:
            overrides.common["event_types"] = True
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
        print(result.render(all_notes=args.all_notes))
        if result.needs_confirmation:
            _ask(path, result, args.save_mapping, inputs)
            worst = max(worst, 1)
            continue
        if result.status == "nothing kept":
            worst = max(worst, 1)
        if args.save_mapping and not saved and result.mappings:
            save_mapping(args.save_mapping, result.mappings, names=result.given_names or None, inputs=inputs)
            print(f"mapping saved to {args.save_mapping}")
            saved = True
    return worst


def _confirm_path(path: Path, chosen: Path | None) -> Path:
    """Where a mapping to confirm goes: ``--save-mapping``, else beside the file (or here)."""
    import os

    if chosen is not None:
        return chosen
    beside = path.with_name(path.stem + ".mapping.toml")
    return beside if os.access(path.parent, os.W_OK) else Path.cwd() / beside.name


def _saved_mapping(project: Path):
    """The mappings the app's wizard saved in the project, as a mapping file's sheets.

    Only on request: applied silently, a mapping saved for last month's file that still
    "fits" a file whose columns moved would read it wrong with exit 0.
    """
    from workbench.errors import WorkbenchError
    from workbench.importer.mapping import MappingFile
    from workbench.store import imports as store_imports
    from workbench.store import open_project

    with open_project(project, readonly=True) as opened:
        saved = store_imports.saved_mappings(opened)
    if not saved:
        raise WorkbenchError("the project holds no saved mapping (the app's import wizard saves one "
                             "when asked to remember it); import without --saved-mapping")
    sheets = {name: {k: v for k, v in m.items() if k != "sheet" and v is not None} for name, m in saved.items()}
    print(f"note: using the mapping saved in the project for {', '.join(repr(n) for n in sheets)}")
    return MappingFile(sheets=sheets)


def _ask(path: Path, result, chosen: Path | None, inputs: list) -> None:
    """Write the best reading as a mapping to confirm, and say so on one ``error:`` line."""
    from workbench.errors import WorkbenchError
    from workbench.importer.mapping import save_mapping

    target = _confirm_path(path, chosen)
    doubtful = result.doubtful()
    comment = "# The reading below was not clear-cut. Check it, edit what is wrong, then import with --mapping.\n"
    if any(r.held_names() for r in doubtful):
        comment += ("# Names held as likely typos are kept as NEW names in [names] (each mapped to itself).\n"
                    "# The comment above each says which existing name it resembles: write that name\n"
                    "# instead to store its values under it.\n")
    comment += "\n".join(r.as_comment() for r in doubtful)
    try:
        save_mapping(target, result.mappings, names=result.names_to_confirm(), comment=comment, inputs=inputs,
                     notes=result.names_notes())
    except WorkbenchError as err:
        print(f"error: {result.message}; {err}", file=sys.stderr)
        return
    print(f"error: {result.message}. Check the reading above and import with --mapping {target}",
          file=sys.stderr)
