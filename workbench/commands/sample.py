"""``workbench sample``: write the fictional sample country's files and their ground truth."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.arguments import bounded_int

DEFAULT_SEED = 7  # mirrors workbench.sample.DEFAULT_SEED; kept here so --help stays fast


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "sample",
        help="write the sample workbooks and their ground truth",
        description=(
            "Write the invented Republic of Meridia's indicator files (a long workbook, a "
            "partner survey in a wide layout, a ministry CSV, a World-Bank-style export), "
            "district boundaries and the ground truth of the injected escalation episodes. "
            "The same seed always writes the same data."
        ),
    )
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write into (created if missing)")
    p.add_argument("--seed", type=bounded_int(-(2**63), 2**63 - 1), default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument(
        "--districts",
        type=bounded_int(1, 10_000),
        default=60,
        metavar="N",
        help="number of districts, a multiple of 6 up to 66 (default 60; smaller is faster)",
    )
    p.add_argument(
        "--project",
        type=Path,
        metavar="P",
        help="also import the written files into this new project file (must not exist)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.errors import WorkbenchError
    from workbench.sample import write_sample

    if args.seed < 0:
        raise WorkbenchError("--seed must be zero or a positive whole number")
    if args.districts < 6 or args.districts % 6 or args.districts > 66:
        raise WorkbenchError("--districts must be a multiple of 6 between 6 and 66")
    if args.project is not None and args.project.exists():
        raise WorkbenchError(f"{args.project} already exists; choose a new project file")
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise WorkbenchError(f"{out} is a file, not a folder")
    try:
        summary = write_sample(out, seed=args.seed, districts=args.districts)
    except OSError as err:
        raise WorkbenchError(f"cannot write the sample into {out}: {err.strerror or err}") from err
    print(
        f"wrote {len(summary.files)} files to {out}: {summary.districts} districts in "
        f"{summary.provinces} provinces, {summary.indicators} indicators, {summary.months} months, "
        f"{summary.long_rows} rows in the long workbook, {summary.episodes} ground-truth episodes"
    )
    if args.project is not None:
        from workbench.sample.project import build_project

        report = build_project(out, args.project)
        print(report, file=sys.stdout)
    return 0
