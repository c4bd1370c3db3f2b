"""What the team server's role model costs: the sample project's import and model runs on
a throwaway PostgreSQL, with the roles installed (an admin login, every guard and the
commit-time state check active) and without (the tables' owner, no guards).

Run: ``.venv/bin/python benchmarks/bench_server_roles.py [--repeat K]`` (needs Debian's
``postgresql`` package, as the tests do). Prints the best of K of each step, per mode, and
the ratio managed / unmanaged, measured in the same run on the same server; and the time
PostgreSQL spent in the role model's trigger functions during the first run
(``pg_stat_user_functions``), which is the role model's own cost without the machine's noise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from pg_server import find_bindir, throwaway_server

    from workbench.cli import main as cli

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server binaries are not installed")

    def run(*argv: object) -> None:
        code = cli([str(a) for a in argv])
        if code != 0:
            raise SystemExit(f"workbench {argv[0]} failed ({code})")

    with tempfile.TemporaryDirectory() as tmp, throwaway_server(bindir) as server:
        sample = Path(tmp) / "sample"
        run("sample", "--out", sample)
        files = sorted(sample.glob("*.xlsx")) + [sample / "ministry_incidents.csv"]
        server.new_login("kofi", "bench-pw")
        os.environ["PGPASSWORD"] = "bench-pw"  # only kofi uses a password (the owner is trusted locally)
        best: dict[tuple[str, str], float] = {}
        trigger_ms: list[tuple[float, int]] = []
        for _ in range(args.repeat):
            for managed in (False, True):
                owner = server.new_database()
                url = owner
                if managed:
                    run("server", "init", "--project", owner)
                    run("server", "grant", "kofi", "admin", "--project", owner)
                    url = server.url(owner.rsplit("/", 1)[1], "kofi")
                    server.admin_sql(f'ALTER DATABASE "{owner.rsplit("/", 1)[1]}" SET track_functions = \'pl\'')
                mode = "roles" if managed else "no roles"
                steps = [("import (5 files)", [("import", f, "--project", url) for f in files]),
                         ("run (new alerts)", [("run", "--project", url)]),
                         ("run again", [("run", "--project", url)]),
                         ("alerts --format json", [("alerts", "--project", url, "--format", "json")])]
                for name, commands in steps:
                    if managed and name == "run (new alerts)":
                        _sql(owner, "SELECT pg_stat_reset()")
                    t0 = time.perf_counter()
                    for argv in commands:
                        with open(os.devnull, "w") as sink:
                            stdout, sys.stdout = sys.stdout, sink
                            try:
                                run(*argv)
                            finally:
                                sys.stdout = stdout
                    took = time.perf_counter() - t0
                    best[(name, mode)] = min(best.get((name, mode), took), took)
                    if managed and name == "run (new alerts)":
                        time.sleep(1.5)  # backends report function statistics within a second
                        trigger_ms.append(_sql(owner, "SELECT coalesce(sum(self_time), 0), coalesce(sum(calls), 0)"
                                                      " FROM pg_stat_user_functions WHERE funcname LIKE 'wb\\_%'"))
    print(f"{'step':<24}{'no roles':>10}{'roles':>10}{'ratio':>8}   (best of {args.repeat}, seconds)")
    for name in dict.fromkeys(n for n, _ in best):
        a, b = best[(name, "no roles")], best[(name, "roles")]
        print(f"{name:<24}{a:>10.2f}{b:>10.2f}{b / a:>8.2f}")
    ms, calls = min(trigger_ms)
    print(f"role model's trigger functions in the first run: {ms / 1000:.2f} s over {int(calls)} calls "
          f"(least of {len(trigger_ms)})")


def _sql(url: str, query: str) -> tuple:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return tuple(conn.execute(query).fetchone())


if __name__ == "__main__":
    main()
