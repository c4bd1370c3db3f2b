"""Benchmark: rule evaluation over N weekly series x 104 weeks stored as partitioned Parquet,
in one process (partitions one after another) against a 2-worker Dask LocalCluster.

Both engines map the same function, :func:`alerts.dask_run.evaluate_partition` (the
in-process engine's :func:`alerts.engine.evaluate` on one partition of whole series), over
the same Parquet partitions and gather only the episodes. Memory stays bounded by the
partition size: no process ever holds the whole data set, the data are written partition
by partition, and each worker reads one partition at a time (one thread per worker).

Each step runs in its own child process so that its peak RSS is its own:

    python benchmarks/bench_dask.py --series 500000 [--per-partition 10000] [--dir D]

prints wall time and peak RSS per process (ru_maxrss of the driver, of each worker
process, and of the scheduler) as a Markdown table.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # the detectors are numpy; BLAS threads only fight on 2 cores

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

WEEKS = 104
INDICATORS = 10


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(root: Path, n_series: int, per_partition: int, seed: int = 0) -> dict:
    """Write ``n_series`` weekly series as ``observations/bucket=k/part-0.parquet``, one
    partition in memory at a time. 2 % of the series get a sustained rise in their last
    20 weeks so the rules have something to find."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    periods = pd.date_range("2023-01-02", periods=WEEKS, freq="7D")
    for k, start in enumerate(range(0, n_series, per_partition)):
        ids = np.arange(start, min(start + per_partition, n_series))
        rng = np.random.default_rng([seed, k])
        values = rng.normal(20, 2, (len(ids), WEEKS)) + rng.normal(0, 5, (len(ids), 1))
        values[rng.random(values.shape) < 0.02] = np.nan
        rising = rng.random(len(ids)) < 0.02
        values[rising, -20:] += np.linspace(2, 12, 20)
        frame = pd.DataFrame({
            "region": np.repeat([f"district {i // INDICATORS:06d}" for i in ids], WEEKS),
            "indicator": np.repeat([f"indicator_{i % INDICATORS}" for i in ids], WEEKS),
            "period": np.tile(periods.values, len(ids)),
            "group": "",
            "value": values.ravel(),
            "freq": "W",
        })
        folder = root / "observations" / f"bucket={k}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), folder / "part-0.parquet")
    return {"seconds": time.perf_counter() - t0, "peak_rss_mb": peak_rss_mb()}


def partitions(root: Path) -> list[str]:
    return sorted((str(p) for p in (root / "observations").glob("bucket=*/part-0.parquet")),
                  key=lambda s: int(Path(s).parent.name.split("=")[1]))


def _summary(results: list) -> dict:
    import hashlib

    episodes = sorted((e.series_key, e.first_period, e.last_period, e.severity, e.score, e.explanation)
                      for recs, _ in results for e, *_ in recs)
    return {"series": sum(n for _, n in results), "episodes": len(episodes),
            "digest": hashlib.sha256(repr(episodes).encode()).hexdigest()}


def warm_up() -> float:
    """Import the model stack and run it once on a tiny frame, as a long-lived worker would
    have done already; returns the peak RSS so far."""
    from alerts.dask_run import evaluate_partition
    from alerts.rules import default_rules

    periods = pd.date_range("2023-01-02", periods=WEEKS, freq="7D")
    tiny = pd.DataFrame({"region": "r", "indicator": "i", "period": periods, "group": "",
                         "value": np.random.default_rng(0).normal(20, 2, WEEKS), "freq": "W"})
    evaluate_partition(tiny, None, default_rules())
    return peak_rss_mb()


def run_inprocess(root: Path) -> dict:
    from alerts.dask_run import evaluate_partition
    from alerts.rules import default_rules
    from workbench.dask_engine import parquet_calendars

    paths = partitions(root)
    warm_up()  # as the workers are warmed up: both engines are timed without import costs
    t0 = time.perf_counter()
    calendars = parquet_calendars(paths)
    rules = default_rules()
    results = [evaluate_partition(p, None, rules, calendars=calendars) for p in paths]
    return {"seconds": time.perf_counter() - t0, "peak_rss_mb": peak_rss_mb(), **_summary(results)}


def run_dask(root: Path, workers: int) -> dict:
    from alerts.dask_run import evaluate_partition
    from alerts.rules import default_rules
    from workbench.dask_engine import dask_client, map_partitions, parquet_calendars

    paths = partitions(root)
    t0 = time.perf_counter()
    with dask_client(n_workers=workers) as client:
        client.run(warm_up)
        started = time.perf_counter() - t0
        t0 = time.perf_counter()
        calendars = parquet_calendars(paths)
        results = map_partitions(client, evaluate_partition, paths, codebook=None, rules=default_rules(),
                                 calendars=calendars)
        worker_rss = sorted(client.run(peak_rss_mb).values())
        scheduler_rss = client.run_on_scheduler(peak_rss_mb)
    return {"seconds": time.perf_counter() - t0, "cluster_start_seconds": started, "peak_rss_mb": peak_rss_mb(),
            "worker_peak_rss_mb": worker_rss, "scheduler_peak_rss_mb": scheduler_rss, **_summary(results)}


def _child(step: str, root: Path, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, "--step", step, "--dir", str(root), "--series", str(args.series),
           "--per-partition", str(args.per_partition), "--workers", str(args.workers)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--series", type=int, default=500_000)
    ap.add_argument("--per-partition", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=None, help="where the Parquet goes (default: a temp folder)")
    ap.add_argument("--step", choices=("generate", "inprocess", "dask"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.step:
        fn = {"generate": lambda: generate(args.dir, args.series, args.per_partition),
              "inprocess": lambda: run_inprocess(args.dir),
              "dask": lambda: run_dask(args.dir, args.workers)}[args.step]
        print(json.dumps(fn()))
        return
    load_before = f"{os.getloadavg()[0]:.2f}"
    root = args.dir or Path(tempfile.mkdtemp(prefix="bench_dask_"))
    try:
        gen = _child("generate", root, args)
        size = sum(p.stat().st_size for p in (root / "observations").rglob("*.parquet"))
        local = _child("inprocess", root, args)
        dask = _child("dask", root, args)
    finally:
        if args.dir is None:
            shutil.rmtree(root, ignore_errors=True)
    n_parts = -(-args.series // args.per_partition)
    print(f"load average before/after: {load_before} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{args.series:,} weekly series x {WEEKS} weeks = {args.series * WEEKS:,} rows, "
          f"{n_parts} partitions of {args.per_partition:,} series, Parquet {size / 1e6:.0f} MB "
          f"(written in {gen['seconds']:.1f} s, peak RSS {gen['peak_rss_mb']:.0f} MB)")
    print(f"same episodes from both engines: {local['digest'] == dask['digest']} "
          f"({local['episodes']:,} episodes over {local['series']:,} series)\n")
    print("| engine | wall time | peak RSS per process |")
    print("|---|---|---|")
    print(f"| in-process, partitions one after another | {local['seconds']:.1f} s | {local['peak_rss_mb']:.0f} MB |")
    workers = ", ".join(f"{m:.0f}" for m in dask["worker_peak_rss_mb"])
    print(f"| Dask LocalCluster, {args.workers} workers x 1 thread (+ {dask['cluster_start_seconds']:.1f} s "
          f"cluster start and warm-up) | {dask['seconds']:.1f} s | client {dask['peak_rss_mb']:.0f} MB; workers {workers} MB; "
          f"scheduler {dask['scheduler_peak_rss_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
