"""``workbench rename|delete region|indicator ...``, ``merge region|indicator ...`` and ``changes``.

Each is one transaction after an automatic backup, recorded in the project's history
(``workbench changes``). ``merge`` is shared with the alerts' ``merge OTHER.wbproj``: its
first argument ``region`` or ``indicator`` selects this one (see :func:`run_merge`).
Exit codes: 0 done; 1 nothing changed because the user must decide something (a name not
found, a name taken, differing values without ``--keep``, open alerts); 2 unusable project.
"""

from __future__ import annotations

import argparse

from workbench.locations import add_project_argument

LEVELS = ("country", "province", "district", "other")


def _common(p: argparse.ArgumentParser) -> None:
    add_project_argument(p)
    p.add_argument("--actor", metavar="NAME", help="who made the change (default: the user's login name)")
    p.add_argument("--level", choices=LEVELS, help="for a region name used at several levels")


def register_rename(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rename", help="rename a region or an indicator (values, history and alerts follow)")
    p.add_argument("kind", choices=("region", "indicator"))
    p.add_argument("old", metavar="NAME")
    p.add_argument("new", metavar="NEW_NAME")
    _common(p)
    p.set_defaults(handler=run_rename)


def register_delete(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("delete", help="delete a region or an indicator and its values (a backup is kept)")
    p.add_argument("kind", choices=("region", "indicator"))
    p.add_argument("name", metavar="NAME")
    _common(p)
    p.set_defaults(handler=run_delete)


def register_changes(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("changes", help="the project's history of renamed, merged and deleted names")
    add_project_argument(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(handler=run_changes)


def add_merge_arguments(p: argparse.ArgumentParser) -> None:
    """The options ``merge region|indicator SOURCE TARGET`` adds to the shared ``merge`` command."""
    p.add_argument("names", nargs="*", metavar="SOURCE TARGET",
                   help="with region or indicator: merge SOURCE into TARGET")
    p.add_argument("--keep", choices=("target", "source"),
                   help="where SOURCE and TARGET hold different values for one period, which to keep")
    p.add_argument("--actor", metavar="NAME")
    p.add_argument("--level", choices=LEVELS)


def run_rename(args: argparse.Namespace) -> int:
    from workbench.store import open_project
    from workbench.store.curation import rename

    with open_project(args.project) as project:
        print(rename(project, args.kind, args.old, args.new, actor=args.actor, level=args.level).render())
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from workbench.store import open_project
    from workbench.store.curation import delete

    with open_project(args.project) as project:
        print(delete(project, args.kind, args.name, actor=args.actor, level=args.level).render())
    return 0


def run_merge(args: argparse.Namespace) -> int:
    """``merge region|indicator SOURCE TARGET``: ``args.other`` holds the kind."""
    from workbench.errors import WorkbenchError
    from workbench.store import open_project
    from workbench.store.curation import merge

    if len(args.names) != 2:
        raise WorkbenchError(f"merge {args.other} needs SOURCE and TARGET names (merge SOURCE into TARGET)")
    with open_project(args.project) as project:
        change = merge(project, args.other, args.names[0], args.names[1], keep=args.keep, actor=args.actor,
                       level=args.level)
    print(change.render())
    return 0


def run_changes(args: argparse.Namespace) -> int:
    from workbench.store import open_project
    from workbench.store.curation import history

    with open_project(args.project, readonly=True) as project:
        frame = history(project)
    if args.format == "csv":
        print(frame.to_csv(index=False), end="")
    elif args.format == "json":
        print(frame.to_json(orient="records", force_ascii=False))
    elif frame.empty:
        print("no renamed, merged or deleted names yet")
    else:
        for rec in frame.itertuples():
            target = f" -> {rec.target}" if rec.target else ""
            print(f"{rec.at}  {rec.actor:<12} {rec.action:<7} {rec.kind:<9} {rec.subject}{target}")
    return 0
