"""``workbench boundaries FILE.geojson --project P``: keep district boundaries in a project.

The desktop map draws them offline; storing them from the command line lets a script
build a complete project (the sample, a team's template) without opening the app.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from workbench.locations import add_project_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "boundaries",
        help="store district boundaries (GeoJSON) in a project for the offline map",
        description="Check a GeoJSON FeatureCollection of district polygons (a 'name' or 'code' "
        "property each) and keep its text in the project, so the map works offline and travels "
        "with the project file. Replaces boundaries stored before.",
    )
    p.add_argument("file", type=Path, metavar="FILE.geojson", help="GeoJSON FeatureCollection of districts")
    add_project_argument(p, where="file")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.geo import store_boundaries

    stored = store_boundaries(args.project, args.file)
    from workbench.locations import shown

    print(f"stored {stored.shapes} boundaries in {shown(args.project)}: {stored.matched} match a district")
    if stored.unmatched_names:
        listed = ", ".join(stored.unmatched_names[:5]) + (" …" if len(stored.unmatched_names) > 5 else "")
        print(f"{len(stored.unmatched_names)} match no district of the project: {listed}")
    return 0
