"""Benchmark: the cost of fresh memory for a detector run's results, with and without numpy's
huge-page advice (see workbench/memory.py).

Each setting runs in its own process (numpy reads it once): 40 fresh arrays of
20,000 x 120 float64 values (~0.77 GB, about what all ten detectors return) are written
once, then written again. Run: ``python benchmarks/bench_memory.py [--arrays N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CHILD = """
import json, sys, time
import numpy as np
n = int(sys.argv[1])
t0 = time.perf_counter()
arrays = [np.empty((20_000, 120)) for _ in range(n)]
for a in arrays:
    a.fill(1.0)
t1 = time.perf_counter()
for a in arrays:
    a.fill(2.0)
t2 = time.perf_counter()
print(json.dumps({"first": t1 - t0, "again": t2 - t1}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--arrays", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from workbench.memory import defrag_mode

    print(f"transparent huge pages, defrag = {defrag_mode()}; {a.arrays} arrays of 20,000 x 120 "
          f"({a.arrays * 20_000 * 120 * 8 / 1e9:.2f} GB), {a.repeat} processes per setting")
    for label, value in (("numpy's huge-page advice on ", "1"), ("numpy's huge-page advice off", "0")):
        env = {**os.environ, "NUMPY_MADVISE_HUGEPAGE": value}
        runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD, str(a.arrays)], env=env, check=True,
                                          capture_output=True, text=True).stdout) for _ in range(a.repeat)]
        first = sorted(r["first"] for r in runs)
        again = sorted(r["again"] for r in runs)
        print(f"{label}: first write {first[0]:.2f}-{first[-1]:.2f} s (median {first[len(first) // 2]:.2f}; "
              f"all: {', '.join(f'{v:.2f}' for v in first)}), second write {again[0]:.3f}-{again[-1]:.3f} s")


if __name__ == "__main__":
    main()
