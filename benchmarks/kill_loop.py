"""The long crash-safety loop: SIGKILL ``workbench import``, ``run`` and ``merge`` at random moments.

Each trial interrupts the real command on a fresh copy of a sample project (after a random
delay: half uniform over the command's uninterrupted duration, half over its last 40 % and a
little past it), or - every other round - 0-30 ms after the command's write transaction
shows itself (its backup copy or journal appears), then checks
that the project opens, passes ``PRAGMA integrity_check`` and holds exactly the state
before or exactly the state an uninterrupted command produced (see
``tests/crash_harness.py``). Failing trials keep their folder for inspection.

    .venv/bin/python benchmarks/kill_loop.py [--trials 210] [--seed 1] [--work DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import crash_harness as ch  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=210, help="total trials, shared by the three commands")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--districts", type=int, default=12)
    parser.add_argument("--work", type=Path, help="folder for the trials (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kill-loop-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    scenarios = ch.build_scenarios(work, districts=args.districts)
    for s in scenarios:
        ch.calibrate(s, work)
        print(f"{s.name}: uninterrupted {s.seconds:.2f} s; kills at 0-{s.seconds:.2f} s, half of them "
              f"in {0.6 * s.seconds:.2f}-{1.05 * s.seconds:.2f} s", flush=True)
    rng = random.Random(args.seed)
    results = []
    for i in range(args.trials):
        # Every other round of three aims its kills at the write transaction itself.
        r = ch.run_trial(scenarios[i % len(scenarios)], work, i, rng, in_write=(i // len(scenarios)) % 2 == 1)
        results.append(r)
        if r.outcome.startswith("FAIL"):
            print(f"trial {i} ({r.scenario}, kill after {r.delay:.2f} s): {r.outcome}", flush=True)
        elif (i + 1) % 30 == 0:
            print(f"... {i + 1} trials", flush=True)
    failures = sum(r.outcome.startswith("FAIL") for r in results)
    print(ch.summarize(results))
    print(f"trials: {len(results)}, failures: {failures} ({time.perf_counter() - t0:.0f} s, work folder {work})")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
