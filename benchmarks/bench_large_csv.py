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

Run: ``.venv/bin/python benchmarks/bench_large_csv.py [--series N] [--months M] [--repeat K]``.
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
    print(outputs[-1])
    print(f"pandas.read_csv:   {reference:.2f} s (best of {args.repeat})")
    print(f"workbench import:  {ours:.2f} s (best of {args.repeat}, whole command)")
    print(f"ratio: {ours / reference:.1f}x (goal <= 10x)")
    print(f"peak memory of the import: {peak_mb:,.0f} MB (goal <= 3,072 MB)")


if __name__ == "__main__":
    main()
