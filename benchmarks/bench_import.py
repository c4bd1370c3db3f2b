"""Import speed: ``workbench import`` of a 200,000-row long xlsx vs pandas + openpyxl.

Goal (issue 3): the whole import (read, validate, write the project) takes at most 0.35x
the time ``pandas.read_excel(f, engine="openpyxl")`` needs just to read the same file.
Run: ``.venv/bin/python benchmarks/bench_import.py [--rows N] [--repeat K]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path


def make_file(path: Path, rows: int) -> None:
    """district | indicator | month | value, written row by row in constant memory."""
    import numpy as np
    import xlsxwriter

    rng = np.random.default_rng(7)
    indicators = [f"indicator_{i:02d}" for i in range(12)]
    months = [dt.datetime(2017 + m // 12, m % 12 + 1, 1) for m in range(108)]
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Data")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, ["district", "indicator", "month", "value"])
    values = rng.normal(50, 10, rows).round(2)
    per_district = len(indicators) * len(months)
    for r in range(rows):
        d, rest = divmod(r, per_district)
        ind, mon = divmod(rest, len(months))
        ws.write_string(r + 1, 0, f"District {d:03d}")
        ws.write_string(r + 1, 1, indicators[ind])
        ws.write_datetime(r + 1, 2, months[mon], date_fmt)
        ws.write_number(r + 1, 3, float(values[r]))
    wb.close()


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import pandas as pd

    from workbench.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "long.xlsx"
        t0 = time.perf_counter()
        make_file(src, args.rows)
        print(f"wrote {args.rows} rows to {src.name} ({src.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - t0:.1f} s")
        reference = best_of(args.repeat, lambda: pd.read_excel(src, engine="openpyxl"))
        counter = iter(range(1_000_000))

        def run_import() -> None:
            project = Path(tmp) / f"bench{next(counter)}.wbproj"
            code = cli(["import", str(src), "--project", str(project)])
            assert code == 0, code

        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            ours = best_of(args.repeat, run_import)
    print(f"pandas.read_excel(openpyxl): {reference:.2f} s (best of {args.repeat})")
    print(f"workbench import:            {ours:.2f} s (best of {args.repeat})")
    print(f"ratio: {ours / reference:.3f} (goal <= 0.35)")


if __name__ == "__main__":
    main()
