"""The hostile-arguments table of tests/test_hostile_arguments.py, each case as a real process.

The test runs the cases in-process; this runs each as ``python -m workbench ...`` with a
20-second limit, so a command that waits on a pipe is counted as a hang instead of stopping
the run, and classifies every reply. Point ``--code`` at another checkout (e.g. an
``git archive`` of an older commit) to measure it the same way.

    .venv/bin/python benchmarks/hostile_args.py [--code DIR] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def classify(done: subprocess.CompletedProcess | None, changed: bool, dev_changed: bool) -> str:
    if done is None:
        return "hang (killed after 20 s)"
    err = done.stderr
    if "internal error" in err:
        return "internal error"
    if "Traceback" in err:
        return "traceback"
    if done.returncode == 0:
        return "exit 0"
    lines = err.splitlines()
    if len(lines) != 1 or not lines[0].startswith("error: "):
        return f"{len(lines)} stderr lines"
    if dev_changed:
        return "wrote into /dev"
    if changed:
        return "changed the project or its folder"
    return "ok"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose workbench is run")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    import test_hostile_arguments as t

    work = Path(tempfile.mkdtemp(prefix="hostile-args-"))
    built = work / "built" / "p.wbproj"
    built.parent.mkdir()
    from alerts.engine import run_models
    from alerts_factory import noise_series, with_step, write_series

    write_series(built, {("Kibali", "trust"): with_step(noise_series(48, 1), 36, 8),
                         ("Arua", "trust"): with_step(noise_series(48, 3), 40, 8)})
    run_models(built)
    run_models(built)
    write_series(built.with_name("other.wbproj"), {("Kibali", "trust"): noise_series(12, 5)})
    env = {**os.environ, "PYTHONPATH": str(args.code), "QT_QPA_PLATFORM": "offscreen",
           "WORKBENCH_LOG_DIR": str(work / "logs")}

    def one(n: int) -> tuple[str, str]:
        folder = work / f"case{n:04d}"
        folder.mkdir()
        places = t._places(built, folder)
        argv = [a.format(**places) for a in t.CASES[n]]
        before, dev_before = t._snapshot(folder), t._dev()
        try:
            done = subprocess.run([sys.executable, "-m", "workbench", *argv], capture_output=True, text=True,
                                  env=env, cwd=args.code, timeout=20)
        except subprocess.TimeoutExpired:
            done = None
        verdict = classify(done, t._snapshot(folder) != before, t._dev() != dev_before)
        shutil.rmtree(folder, ignore_errors=True)
        return " ".join(t.CASES[n])[:90], verdict

    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, range(len(t.CASES))))
    counts = Counter(v for _, v in results)
    print(f"{len(results)} cases against {args.code}")
    for verdict, n in counts.most_common():
        print(f"  {n:4d}  {verdict}")
    for case, verdict in results:
        if verdict != "ok":
            print(f"  {verdict}: {case}")
    for leftover in Path("/dev").glob("*-journal"):
        print(f"  left in /dev: {leftover}")
    return 0 if counts.get("ok", 0) == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
