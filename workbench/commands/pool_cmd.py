"""``workbench pool A.wbproj B.wbproj ... --out pooled/``: many projects into one Parquet pool.

The pool (see :mod:`workbench.store.pool_layout`) is what a regional office reads with
``--project pooled/`` and what a Dask cluster computes over. Pooling a project again
replaces its earlier copy in the pool.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.arguments import bounded_int


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "pool", help="write many projects into one partitioned Parquet store (a regional pool)",
        description="Write the observations, codebooks, regions and alert histories of projects "
                    "into a partitioned Parquet store; re-pooling a project replaces its copy.")
    p.add_argument("projects", nargs="+", type=Path, metavar="P.wbproj", help="project files")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="the pool folder (created if needed)")
    p.add_argument("--buckets", type=bounded_int(1, 4096), default=16, metavar="N",
                   help="series buckets per project in the observations (default 16)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.pool.writer import pool_projects

    for r in pool_projects(args.projects, args.out, buckets=args.buckets):
        again = f"; replaced the copy pooled from {r.replaced}" if r.replaced else ""
        print(f"pooled {r.file.name} (project {r.project_id[:12]}): {r.observations} observations in "
              f"{r.buckets} buckets, {r.alerts} alerts, {r.events} alert events{again}")
    print(f"pool: {args.out}")
    return 0
