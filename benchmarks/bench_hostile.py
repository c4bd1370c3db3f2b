"""Time and peak memory of every hostile-input case, and of the gate's worst accepted scan.

Each case runs in its own fresh process (timed after imports; the peak RSS reported by
Linux includes what the process inherited, so it is an upper bound), first
through ``safety.check_file`` and then through the real ``workbench import`` command into a
project that already holds one import; the project's bytes are compared before and after.

    .venv/bin/python benchmarks/bench_hostile.py            # markdown table on stdout
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_builders as hb  # noqa: E402
from test_hostile_files import HOSTILE  # noqa: E402

ONE_CASE = textwrap.dedent("""
    import contextlib, io, json, resource, sys, time
    from workbench.errors import UnusableInputError
    from workbench.importer import safety
    from workbench.cli import main
    path, project = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    if project == "-":
        limits = safety.Limits(max_ratio=float(sys.argv[3])) if len(sys.argv) > 3 else safety.DEFAULT_LIMITS
        try:
            kind = safety.check_file(path, limits)
            code, err = 0, kind
        except UnusableInputError as exc:
            code, err = exc.exit_code, str(exc)
    else:
        buf = io.StringIO()
        with contextlib.redirect_stderr(buf), contextlib.redirect_stdout(io.StringIO()):
            code = main(["import", path, "--project", project])
        err = buf.getvalue().strip()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"code": code, "seconds": seconds, "peak_mb": peak, "message": err}))
""")


def run(path: Path, project: str, *extra: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", ONE_CASE, str(path), project, *extra],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        project = tmp_path / "p.wbproj"
        good = hb.valid_csv(tmp_path / "good.csv")
        assert run(good, str(project))["code"] == 0
        before = sha(project)
        print("| case | check_file s | check_file peak MB | CLI exit | CLI s | CLI peak MB | project unchanged | message |")
        print("|---|---|---|---|---|---|---|---|")
        worst = {"seconds": 0.0, "peak_mb": 0.0}
        for case, (build, _words) in sorted(HOSTILE.items()):
            folder = tmp_path / case
            folder.mkdir()
            path = build(folder)
            gate = run(path, "-")
            cli = run(path, str(project))
            same = sha(project) == before
            worst = {"seconds": max(worst["seconds"], gate["seconds"], cli["seconds"]),
                     "peak_mb": max(worst["peak_mb"], gate["peak_mb"], cli["peak_mb"])}
            print(f"| {case} | {gate['seconds']:.3f} | {gate['peak_mb']:.0f} | {cli['code']} | "
                  f"{cli['seconds']:.2f} | {cli['peak_mb']:.0f} | {'yes' if same else 'NO'} | "
                  f"{cli['message'][:110]} |")
        print(f"\nworst case: {worst['seconds']:.2f} s, {worst['peak_mb']:.0f} MB peak RSS")

        # The most work the gate does on a file it accepts: 500 MB of XML at the size limit,
        # inflated and scanned (the ratio limit is lifted so that the bytes get that far).
        big = hb.raw_zip(tmp_path / "near-limit.xlsx", [
            hb.small_entry("[Content_Types].xml", hb.CONTENT_TYPES),
            hb.small_entry("xl/workbook.xml", hb.WORKBOOK),
            ("xl/worksheets/sheet1.xml", *_spaces_xml(500)),
        ])
        t = time.perf_counter()
        scan = run(big, "-", "1e9")
        print(f"\nnear-limit accepted scan (500 MB of sheet XML, ratio limit lifted): "
              f"{scan['seconds']:.2f} s, {scan['peak_mb']:.0f} MB peak RSS, result {scan['message']!r} "
              f"(wall {time.perf_counter() - t:.1f} s)")


def _spaces_xml(megabytes: int) -> tuple[bytes, int, int]:
    """A sheet part: '<' then spaces, deflated by repeating one flushed block."""
    import zlib

    spaces = b" " * hb.MB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    # After a full flush no block refers to earlier data, so blocks can be repeated freely.
    head = c.compress(b"<" + spaces[1:]) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(spaces) + c.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(b"<" + spaces[1:])
    for _ in range(megabytes - 1):
        crc = zlib.crc32(spaces, crc)
    return head + block * (megabytes - 1) + c.flush(), crc, megabytes * hb.MB


if __name__ == "__main__":
    main()
