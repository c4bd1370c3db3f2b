"""``workbench index --project P [--definition NAME] --format csv|json``: the Social Cohesion Index.

Prints one row per region at the index period (the latest well-covered one unless
``--period`` is given): ``region, period, score, rank, rank_median, rank_p05, rank_p95,
top_k_share`` and one ``contrib:<indicator>`` column per component. Higher scores mean
more risk; rank 1 is the most at risk. ``--format json`` prints one JSON array of
row objects with the same fields. Without ``--definition`` the project's ``default``
definition is used, and created from the data on first use. Aggregates (World, income
groups, world regions) are left out: they are not places to act in.
"""

from __future__ import annotations

import argparse
import json
import sys

from workbench.locations import add_project_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("index", help="compute the composite Social Cohesion Index",
                              description="Compute the composite index with its rank sensitivity.")
    add_project_argument(p)
    p.add_argument("--definition", metavar="NAME", help="stored index definition (default: 'default')")
    p.add_argument("--period", metavar="YYYY-MM-DD", help="index period (default: latest well covered)")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="output format")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from workbench.errors import WorkbenchError
    from workbench.exports.safe_cells import json_text, safe_frame, safe_header
    from workbench.models.composite import aggregate_names, compute_index
    from workbench.models.composite_store import get_or_create
    from workbench.store import open_for_reading

    period = None
    if args.period:
        try:
            period = pd.Timestamp(args.period)
        except ValueError:
            raise WorkbenchError(f"--period {args.period!r} is not a date like 2024-03-01") from None
    # Looking never writes: without a stored 'default' definition one is built from the data.
    with open_for_reading(args.project) as project:
        definition = get_or_create(project, args.definition)
        obs = project.observations()
        codebook = project.indicators()
        aggregates = aggregate_names(project)
    result = compute_index(obs, definition, codebook, period, leave_out=aggregates)
    table = result.table.copy()
    table["period"] = table["period"].dt.strftime("%Y-%m-%d")
    if args.format == "json":
        records = json.loads(table.to_json(orient="records", double_precision=10))
        sys.stdout.write(json_text(records, indent=1) + "\n")
    else:  # region names and the contrib:<indicator> headers come from imported files
        out = safe_frame(table)
        out.columns = safe_header(list(out.columns))
        out.to_csv(sys.stdout, index=False, float_format="%.6g", lineterminator="\n")
    return 0
