"""Benchmark: end-to-end ``workbench run`` (first run and re-run) against fitting statsmodels
exponential smoothing series by series, measured in the same run.

For each size (series x months) a synthetic project is built once through the store API
(``benchmarks/run_project.py``: districts x 10 indicators, levels, counts, one indicator by
group, gaps, escalations; cached in ``--out``), copied, and ``workbench run --project COPY``
is run twice as a command (a child process each, so each time includes starting Python and
the imports, and each peak RSS - ``wait4``'s ``ru_maxrss`` - is that run's own): the first run
creates every alert, the re-run finds the same data and changes nothing.

The reference is fitted in this process on a sample of the project's observed series
(``--sample``, default 100; gaps interpolated, as ``bench_models.py`` does), timed, and
**extrapolated linearly** to every series the run judged (observed and derived: the run's
``series`` count), once with ``ExponentialSmoothing(y)`` (simple) and once with
``ExponentialSmoothing(y, trend="add")`` (Holt), BLAS pinned to one thread. The reference is
timed right after each size's runs, under the same machine load. Ratios are run time /
reference time (the goal: at most 0.01).

    python benchmarks/bench_run.py                         # 2,000 and 20,000 series x 120 months
    python benchmarks/bench_run.py --sizes 200000x120      # the large project (build: minutes)
    python benchmarks/bench_run.py --sizes 20000x60,20000x120,20000x240   # growth in periods
    python benchmarks/bench_run.py --sizes 20000x120 --before DIR         # against an earlier checkout
    python benchmarks/bench_run.py --sizes 20000x120 --floor              # and the command's fixed cost

``--floor`` also times, in the same run, ``workbench run`` on a project of 10 series (one
district): what every run pays whatever its size - starting Python, the imports, loading the
compiled detectors, opening the project, the backup, one run record - next to the time the
goal allows (0.01x the simple reference).
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run_project  # noqa: E402


def workbench_run(project: Path, code: Path | None = None) -> dict:
    """``workbench run --project P`` in a child process: wall seconds, peak RSS, its summary.
    ``code``: a checkout of another version of the workbench to run instead (``--before``)."""
    exe = Path(sys.executable).with_name("workbench")
    cmd = [str(exe), "run", "--project", str(project)] if exe.exists() and code is None else \
        [sys.executable, "-m", "workbench", "run", "--project", str(project)]
    env = {**os.environ, "PYTHONPATH": str(code)} if code is not None else None
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=str(code) if code is not None else None)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"workbench run failed: {err.strip()}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, "out": out.strip()}


def alert_digest(project: Path) -> str:
    """SHA-256 of every alert row and event, without what is new by nature (uids, times, the
    office id) and of the run records without the data fingerprint (its format changed)."""
    import hashlib
    import sqlite3

    conn = sqlite3.connect(project)
    try:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(alert)") if r[1] != "uid"]
        ecols = [r[1] for r in conn.execute("PRAGMA table_info(alert_event)")
                 if r[1] not in ("event_uid", "at", "origin")]
        h = hashlib.sha256()
        for sql in (f"SELECT {', '.join(cols)} FROM alert ORDER BY id",
                    f"SELECT {', '.join(ecols)} FROM alert_event ORDER BY id",
                    "SELECT id, ruleset_hash, code_version, counts FROM run ORDER BY id"):
            h.update(repr(conn.execute(sql).fetchall()).encode())
        return h.hexdigest()
    finally:
        conn.close()


def run_counts(project: Path) -> dict:
    from workbench.store import open_project

    with open_project(project, readonly=True) as p:
        row = p.conn.execute("SELECT counts FROM run ORDER BY id DESC LIMIT 1").fetchone()
    return json.loads(row[0])


def reference(project: Path, sample: int) -> dict[str, float]:
    """Seconds per series of statsmodels ExponentialSmoothing fits (simple and Holt)."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    from workbench.store import open_project

    with open_project(project, readonly=True) as p:  # the first districts' series only
        districts = [i for (i,) in p.conn.execute("SELECT id FROM region WHERE level = 'district' ORDER BY id LIMIT ?",
                                                  (sample // 5 + 2,))]
        obs = p.observations(regions=districts)
    obs = obs[obs["group"] == ""]
    keys = obs[["region", "indicator"]].drop_duplicates().iloc[:sample]
    series = []
    for region, indicator in keys.itertuples(index=False):
        s = obs[(obs["region"] == region) & (obs["indicator"] == indicator)].sort_values("period")["value"]
        series.append(pd.Series(s.to_numpy()).interpolate().bfill().ffill().to_numpy())
    ExponentialSmoothing(series[0]).fit()  # imports and first-call costs are not per-series costs
    out = {}
    for label, trend in (("simple", None), ("holt", "add")):
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for y in series:
                ExponentialSmoothing(y, trend=trend).fit()
        out[label] = (time.perf_counter() - t0) / len(series)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2000x120,20000x120", help="comma-separated SERIESxMONTHS")
    ap.add_argument("--sample", type=int, default=100, help="series fitted one by one with statsmodels")
    ap.add_argument("--out", default=str(HERE.parent / "tmp" / "bench_run"), help="where projects are built")
    ap.add_argument("--keep", action="store_true", help="keep the copies the runs wrote")
    ap.add_argument("--before", help="a checkout of an earlier version: its runs are timed on another copy, "
                                     "and the alerts both leave are compared")
    ap.add_argument("--floor", action="store_true",
                    help="also time a run on a 10-series project: the fixed cost of any run")
    a = ap.parse_args()
    out = Path(a.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}", flush=True)
    rows = []
    for size in a.sizes.split(","):
        n, months = (int(v) for v in size.lower().split("x"))
        built = out / f"run_{n}x{months}.wbproj"
        if not built.exists():
            t0 = time.perf_counter()
            run_project.build(built, n, months)
            print(f"built {built.name} in {time.perf_counter() - t0:.0f} s ({built.stat().st_size / 1e6:.0f} MB)",
                  flush=True)
        work = out / f"work_{n}x{months}.wbproj"
        shutil.copyfile(built, work)
        first = workbench_run(work)
        counts = run_counts(work)
        again = workbench_run(work)
        recounts = run_counts(work)
        ref = reference(built, a.sample)
        judged = counts["series"]
        row = {"series": n, "months": months, "judged": judged, "alerts": counts["created"],
               "first": first, "again": again, "rerun_counts": recounts,
               "ref_simple": ref["simple"] * judged, "ref_holt": ref["holt"] * judged,
               "ms_simple": ref["simple"] * 1000, "ms_holt": ref["holt"] * 1000}
        rows.append(row)
        print(f"{n:,} series x {months} months ({judged:,} series judged, {counts['created']:,} alerts created; "
              f"load {os.getloadavg()[0]:.1f})", flush=True)
        for label, r in (("first run", first), ("re-run", again)):
            print(f"  {label:<9} {r['wall']:7.2f} s wall {r['cpu']:7.2f} s CPU  peak RSS {r['rss_mb']:7.0f} MB  "
                  f"ratio to statsmodels: simple {r['wall'] / row['ref_simple']:.4f}, Holt {r['wall'] / row['ref_holt']:.4f}",
                  flush=True)
        print(f"  re-run changed: created {recounts['created']}, updated {recounts['updated']}, "
              f"withdrawn {recounts['withdrawn']}, unchanged {recounts['unchanged']}")
        if a.before:
            old = out / f"before_{n}x{months}.wbproj"
            shutil.copyfile(built, old)
            b1, b2 = workbench_run(old, Path(a.before).resolve()), workbench_run(old, Path(a.before).resolve())
            same = alert_digest(old) == alert_digest(work)
            print(f"  before ({a.before}): first run {b1['wall']:.2f} s wall {b1['cpu']:.2f} s CPU {b1['rss_mb']:.0f} MB; "
                  f"re-run {b2['wall']:.2f} s wall {b2['cpu']:.2f} s CPU {b2['rss_mb']:.0f} MB; speed-up "
                  f"{b1['wall'] / first['wall']:.1f}x and {b2['wall'] / again['wall']:.1f}x; "
                  f"alerts and events {'IDENTICAL' if same else 'DIFFERENT'}", flush=True)
            old.unlink()
            for b in out.glob(f".{old.name}.backup-*"):
                b.unlink()
        print(f"  statsmodels per series (sample of {a.sample}): simple {row['ms_simple']:.2f} ms, Holt "
              f"{row['ms_holt']:.2f} ms; EXTRAPOLATED to {judged:,} series: {row['ref_simple']:.0f} s and "
              f"{row['ref_holt']:.0f} s", flush=True)
        if a.floor:
            tiny = out / f"tiny_10x{months}.wbproj"
            if not tiny.exists():
                run_project.build(tiny, 10, months)
            tiny_work = out / f"tiny_work_10x{months}.wbproj"
            walls = []
            for _ in range(3):  # best of three first runs, each on a fresh copy
                shutil.copyfile(tiny, tiny_work)
                walls.append(workbench_run(tiny_work)["wall"])
                tiny_work.unlink()
                for b in out.glob(f".{tiny_work.name}.backup-*"):
                    b.unlink()
            goal = 0.01 * row["ref_simple"]
            print(f"  floor: a run of 10 series takes {min(walls):.2f} s (best of 3); the goal allows "
                  f"{goal:.2f} s for {judged:,} series (0.01x the simple reference): the fixed cost alone is "
                  f"{min(walls) / row['ref_simple']:.4f}x", flush=True)
        if not a.keep:
            work.unlink()
            for b in out.glob(f".{work.name}.backup-*"):
                b.unlink()
    if len(rows) > 1:
        print("growth (first run, re-run: wall seconds per 1,000 series judged; per million values):")
        for r in rows:
            cells = r["judged"] * r["months"]
            print(f"  {r['series']:>8,} x {r['months']:>3}: {r['first']['wall'] / r['judged'] * 1000:.3f}, "
                  f"{r['again']['wall'] / r['judged'] * 1000:.3f} s per 1,000 series; "
                  f"{r['first']['wall'] / cells * 1e6:.2f}, {r['again']['wall'] / cells * 1e6:.2f} s per million values")


if __name__ == "__main__":
    main()
