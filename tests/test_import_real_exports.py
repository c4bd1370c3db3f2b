"""Real exports from public repositories: read right, asked about, or refused — never wrong.

The expectations and the runner live in ``tests/real_exports.py`` (run it directly for the
results table); each file here is one test so a failure names its file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from real_exports import EXPECTED, run_one


@pytest.mark.parametrize("expect", EXPECTED, ids=[e.file for e in EXPECTED])
def test_real_export(expect, tmp_path: Path):
    outcome = run_one(expect, tmp_path)
    assert outcome.got != "wrong", outcome.detail
    assert outcome.got == (expect.interim or expect.outcome), outcome.detail


def test_every_file_is_small_and_listed_with_its_origin():
    here = Path(__file__).parent / "data" / "real_exports"
    readme = (here / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in here.iterdir() if p.name != "README.md")
    assert files == sorted(e.file for e in EXPECTED)
    for name in files:
        assert (here / name).stat().st_size <= 1_000_000
        assert f"`{name}`" in readme
