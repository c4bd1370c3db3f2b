"""``workbench export --project P --what observations|alerts|history|backtest --format csv|json|xlsx --out FILE``.

Tables for other tools (Excel, R, a dashboard): the same columns in every format, listed in
docs/exports.md. CSV and xlsx text is formula-neutralised because imported names and notes
are untrusted; the project is only read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.arguments import finite_float
from workbench.locations import add_project_argument

WHAT = ("observations", "alerts", "history", "backtest")
#: Column order of each export (the alerts' is the inbox contract plus the province).
HISTORY_COLUMNS = ["at", "alert_id", "region", "indicator", "group", "rule", "actor", "kind", "from_status",
                   "to_status", "note", "details", "event_uid", "origin"]
BACKTEST_COLUMNS = ["rule", "truth_episodes", "detected", "detection_rate", "median_delay_months", "false_alarms",
                    "series_years", "false_alarms_per_series_year", "alerts", "scale", "missed"]


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="export observations, alerts, history or backtest results (CSV/JSON/xlsx)",
                       description="Write one of the project's tables to a file, for other tools.")
    add_project_argument(p)
    p.add_argument("--what", required=True, choices=WHAT, help="which table")
    p.add_argument("--format", choices=("csv", "json", "xlsx"), help="file format (default: from --out's extension)")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="output file")
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte-order mark (for Excel on Windows)")
    p.add_argument("--truth", type=Path, metavar="FILE", help="backtest: ground-truth episodes CSV "
                                                               "(default: the team's verified alerts)")
    p.add_argument("--min-magnitude", type=finite_float(0, 100), default=2.0, help="backtest: smallest truth episode in SDs")
    p.set_defaults(handler=run)


def export_frame(project_path: Path, what: str, *, truth: Path | None = None, min_magnitude: float = 2.0) -> Any:
    """The DataFrame ``what`` exports, with its stable columns."""
    from workbench.errors import WorkbenchError
    from workbench.exports.frames import observations_frame, region_provinces
    from workbench.store import open_project

    if what == "backtest":
        return backtest_frame(project_path, truth=truth, min_magnitude=min_magnitude)
    with open_project(project_path, readonly=True) as project:
        if what == "observations":
            return observations_frame(project)
        if what == "alerts":
            from alerts.listing import FIELDS, alerts_frame

            df = alerts_frame(project.conn)
            df.insert(FIELDS.index("region") + 1, "province",
                      df["region"].map(region_provinces(project.regions())).fillna(""))
            return df
        if what == "history":
            from alerts.history import history_frame

            return history_frame(project.conn)[HISTORY_COLUMNS]
    raise WorkbenchError(f"unknown table {what!r}; use one of: {', '.join(WHAT)}")


def backtest_frame(project_path: Path, *, truth: Path | None, min_magnitude: float) -> Any:
    """One row per rule (and the rule set, and the EARS C2 reference) of a backtest."""
    from dataclasses import asdict

    import pandas as pd

    from alerts.backtest import run_backtest

    report = run_backtest(project_path, truth=truth, min_magnitude=min_magnitude)
    rows = []
    for score in report.rules:
        d = asdict(score)
        d["missed"] = "; ".join(d["missed"])
        rows.append({k: d[k] for k in BACKTEST_COLUMNS})
    return pd.DataFrame(rows, columns=BACKTEST_COLUMNS)


def run(args: argparse.Namespace) -> int:
    from workbench.exports.tabular import format_from_suffix, write_table
    from workbench.outputs import check_output_target

    fmt = format_from_suffix(args.out, args.format)
    inputs = [args.project, args.truth]
    check_output_target(args.out, inputs=inputs, what="export")  # before the work, not after it
    df = export_frame(args.project, args.what, truth=args.truth, min_magnitude=args.min_magnitude)
    write_table(df, args.out, fmt, sheet=args.what, bom=args.bom, inputs=inputs)
    print(f"{len(df)} {args.what} row(s) written to {args.out} ({fmt})")
    return 0
