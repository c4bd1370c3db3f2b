"""``workbench data --project P --format csv``: the canonical observations, for scripts.

Columns ``region,indicator,period,value,group`` sorted by region, indicator, period and
group; ``period`` is the ISO date of the period's first day; ``value`` is the shortest
text that reads back as the same float (``41.5``, and whole numbers without ``.0``, so
``3``), empty when the value was reported missing.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys

from workbench.locations import add_project_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("data", help="print the project's observations",
                              description="Print every observation of the project in canonical long form.")
    add_project_argument(p)
    p.add_argument("--format", choices=["csv"], default="csv", help="output format (csv)")
    p.set_defaults(handler=run)


def format_value(v: float) -> str:
    """Shortest round-tripping text; whole numbers without a trailing .0; NaN as empty."""
    if v is None or math.isnan(v):
        return ""
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(float(v))


def run(args: argparse.Namespace) -> int:
    from workbench.exports.safe_cells import csv_cell
    from workbench.store import open_project

    with open_project(args.project, readonly=True) as project:
        df = project.observations()
    df = df.sort_values(["region", "indicator", "period", "group"], kind="stable")
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["region", "indicator", "period", "value", "group"])
    periods = df["period"].dt.strftime("%Y-%m-%d").tolist()
    values = [format_value(v) for v in df["value"].tolist()]
    # Names come from untrusted files: neutralised for spreadsheets (formulas, CR, controls).
    text = [[csv_cell(v) for v in df[c].tolist()] for c in ("region", "indicator", "group")]
    out.writerows(zip(text[0], text[1], periods, values, text[2]))
    return 0
