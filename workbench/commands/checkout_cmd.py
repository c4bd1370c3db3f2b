"""``workbench checkout postgresql://… --out copy.wbproj``: an offline copy of a team server project.

Take the copy to the field, work its alerts offline, then bring the events back with
``workbench merge copy.wbproj --project postgresql://…``.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "checkout",
        help="copy a team server project (postgresql://…) into an offline project file",
        description="Copy every table of the server project, as of one moment, into a new .wbproj "
        "file. Merge the copy's alert events back later with `workbench merge COPY --project URL`.",
    )
    p.add_argument("url", metavar="URL", help="the server project, postgresql://user@host:port/database")
    p.add_argument("--out", required=True, type=Path, metavar="COPY.wbproj", help="the new project file")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.errors import UnusableInputError
    from workbench.locations import is_server_url
    from workbench.store.checkout import checkout

    if not is_server_url(args.url):
        raise UnusableInputError(f"{args.url} is not a server URL; it must start with postgresql://")
    result = checkout(args.url, args.out)
    counts = result.rows
    print(f"checked out {counts.get('observation', 0)} observation(s), {counts.get('alert', 0)} alert(s) and "
          f"{counts.get('alert_event', 0)} event(s) to {result.path}")
    return 0
