"""``workbench restore --project P [--backup N] [--list]``: put an automatic backup back.

The store keeps the last three states before an import, a model run or a merge
(``.<name>.backup-1`` newest). When a project is damaged the error message names the
newest backup and this command; the damaged file is copied aside, never deleted.
"""

from __future__ import annotations

import argparse
from workbench.locations import add_project_argument

from workbench.arguments import bounded_int


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "restore",
        help="put one of the project's automatic backups back in its place",
        description="Replace the project with one of its automatic backups (1 = newest, "
        "taken before the last import, run or merge). The replaced file is kept as "
        "<name>.damaged-<time>.",
    )
    add_project_argument(p, where="file")
    p.add_argument("--backup", type=bounded_int(1, 1000), default=1, metavar="N", help="which backup: 1 newest (default) to 3")
    p.add_argument("--list", action="store_true", help="only list the backups")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.errors import ProjectError
    from workbench.locations import shown
    from workbench.store.backup import list_backups, restore_backup

    if shown(args.project) != str(args.project):  # a server URL (its password hidden)
        raise ProjectError(f"this command works on project files, not on the server project {shown(args.project)}; "
                           "a server is restored by its administrator with pg_restore (docs/deployment.md)")
    backups = list_backups(args.project)
    if args.list:
        if not backups:
            raise ProjectError(f"{args.project.name} has no automatic backups")
        for b in backups:
            print(f"{b.number}  {b.describe()}  {b.path}")
        return 0
    used, aside = restore_backup(args.project, args.backup)
    kept = f"; the replaced file is kept as {aside}" if aside else ""
    print(f"restored {args.project} from {used.name}{kept}")
    return 0
