"""Large CSV: ``workbench import`` of a 2.4-million-row long table vs ``pandas.read_csv``.

Goal (issue 14, item 9): an ordinary HQ export - 20,000 series x 120 months,
``region,indicator,period,value`` - imports in one command, in at most 10x the time
``pandas.read_csv`` takes just to read it, with a peak memory of at most 3 GB.

The file is generated here (1,000 districts x 20 indicators x 120 months; values with two
decimals, ~8,000 distinct texts, as exports of indices and rates have). ``pandas.read_csv``
(the reference, default C engine) and the import run in the same process run, each the best
of ``--repeat``; the import is the real command line in a child process (interpreter start,
safety gate, chunked read, validation, one SQLite transaction into a new project), and its
peak resident memory is the child's ``ru_maxrss``.

With ``--floor`` it also measures, in the same run, what no reading can go below: the
command's fixed cost (a one-row import into a new project: interpreter start, imports,
creating the project) and SQLite's own copy of the same number of rows, already laid out in
memory in key order, into a table of ``observation``'s shape (no Python binding at all, no
foreign keys: a lower bound for the store's write). Their sum against ``pandas.read_csv`` says
whether the 10x goal can be met by any reader on this store.

Run: ``.venv/bin/python benchmarks/bench_large_csv.py [--series N] [--months M] [--repeat K] [--floor]``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_file(path: Path, series: int, months: int) -> None:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    per_region = 20
    regions = np.array([f"District {i:04d}" for i in range(series // per_region)], dtype=object)
    indicators = np.array([f"indicator_{i:02d}" for i in range(per_region)], dtype=object)
    periods = pd.date_range("2015-01-01", periods=months, freq="MS").strftime("%Y-%m-%d").to_numpy(dtype=object)
    s = np.arange(series)
    pd.DataFrame({
        "region": np.repeat(regions[s // per_region], months),
        "indicator": np.repeat(indicators[s % per_region], months),
        "period": np.tile(periods, series),
        "value": rng.normal(50, 10, series * months).round(2),
    }).to_csv(path, index=False)


def sqlite_insert_floor(directory: Path, rows: int, months: int) -> float:
    """Seconds SQLite takes to insert ``rows`` rows of ``observation``'s shape, keys in order.

    The rows are made by a recursive CTE inside SQLite into a temporary in-memory table first
    (not timed), so Python binds nothing and only the copy into the file's table is timed; the
    table is ``observation``'s own DDL from the schema without its REFERENCES clauses (no
    foreign-key look-ups), in a new file in WAL mode. A floor, not a design."""
    import re
    import sqlite3

    from workbench.store.schema import MIGRATIONS

    ddl = next(s for migration in MIGRATIONS for s in migration if s.startswith("CREATE TABLE observation"))
    ddl = re.sub(r"REFERENCES \w+\(\w+\)", "", ddl)
    path = directory / "floor.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(ddl)
    # The rows are laid out first in a temporary in-memory table (not timed), so the time
    # below is the insert into the file's table alone, as the import's own last step is.
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute(ddl.replace("CREATE TABLE observation", "CREATE TEMP TABLE staged"))
    conn.execute(
        "WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < ?) "
        "INSERT INTO staged (region_id, indicator_id, period, grp, freq, value, import_id) "
        "SELECT n / (20 * ?), (n / ?) % 20, printf('%04d-%02d-01', 2015 + (n % ?) / 12, (n % ?) % 12 + 1), "
        "'', 'M', 50.0 + (n % 997) / 100.0, 1 FROM s",
        (rows - 1, months, months, months, months))
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("INSERT INTO observation SELECT * FROM staged")
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    path.unlink()
    return elapsed


def fixed_cost(directory: Path) -> float:
    """Seconds of the whole ``workbench import`` command for a one-row file into a new project."""
    one = directory / "one_row.csv"
    one.write_text("region,indicator,period,value\nDistrict 0000,indicator_00,2015-01-01,50.5\n")
    project = directory / "one_row.wbproj"
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "workbench", "import", str(one), "--project", str(project)],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"one-row import failed ({done.returncode}): {done.stderr.strip()}")
    project.unlink()
    return elapsed


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--series", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--floor", action="store_true",
                        help="also measure the fixed cost and SQLite's own insert of the rows")
    args = parser.parse_args()

    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "hq_export.csv"
        t0 = time.perf_counter()
        make_file(src, args.series, args.months)
        rows = args.series * args.months
        print(f"wrote {rows:,} rows to {src.name} ({src.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
        reference = best_of(args.repeat, lambda: pd.read_csv(src))
        counter = iter(range(1_000_000))
        outputs: list[str] = []

        def run_import() -> None:
            project = Path(tmp) / f"bench{next(counter)}.wbproj"
            done = subprocess.run([sys.executable, "-m", "workbench", "import", str(src), "--project", str(project)],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"import failed ({done.returncode}): {done.stderr.strip()}")
            outputs.append(done.stdout.strip().splitlines()[-1])
            project.unlink()

        ours = best_of(args.repeat, run_import)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if args.floor:
            fixed = best_of(args.repeat, lambda: fixed_cost(Path(tmp)))
            insert = min(sqlite_insert_floor(Path(tmp), rows, args.months) for _ in range(args.repeat))
    print(outputs[-1])
    print(f"pandas.read_csv:   {reference:.2f} s (best of {args.repeat})")
    print(f"workbench import:  {ours:.2f} s (best of {args.repeat}, whole command)")
    print(f"ratio: {ours / reference:.1f}x (goal <= 10x)")
    print(f"peak memory of the import: {peak_mb:,.0f} MB (goal <= 3,072 MB)")
    if args.floor:
        print(f"floor: one-row import {fixed:.2f} s + SQLite's own ordered insert of {rows:,} rows {insert:.2f} s"
              f" = {fixed + insert:.2f} s = {(fixed + insert) / reference:.1f}x pandas.read_csv"
              f" (the import is {ours / (fixed + insert):.1f}x this floor)")


if __name__ == "__main__":
    main()
