"""The committed real-conflict benchmark files (benchmarks/data/conflict) stay consistent.

These read only the committed CSVs; the originals are not in the repository, so the rebuild
itself (``build.py --originals DIR --check``) is not run here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

FOLDER = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "conflict"


def _build_module():
    spec = importlib.util.spec_from_file_location("conflict_build", FOLDER / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


BUILD = _build_module()


@pytest.mark.parametrize("src", BUILD.SOURCES, ids=lambda s: s.iso3)
def test_each_csv_is_a_complete_zero_filled_grid(src):
    path = FOLDER / f"{src.iso3.lower()}_admin1_monthly.csv"
    assert path.stat().st_size <= 1_000_000
    frame = pd.read_csv(path, dtype={"admin1_pcode": str}, keep_default_na=False)
    assert list(frame.columns) == BUILD.COLUMNS
    assert set(frame["country"]) == {src.iso3}
    months = pd.period_range(BUILD.FIRST_MONTH, BUILD.last_full_month(src), freq="M")
    expected = {m.start_time.strftime("%Y-%m-%d") for m in months}
    for admin1, group in frame.groupby("admin1"):
        assert list(group["month"]) == sorted(expected), admin1
    assert (frame[["events", "fatalities"]] >= 0).all().all()
    assert frame[["events", "fatalities"]].dtypes.map(pd.api.types.is_integer_dtype).all()


def test_truth_names_and_months_match_the_csvs():
    assert BUILD.check_truth(FOLDER) == []


def test_truth_has_both_kinds_in_both_halves_and_quiet_ranges_clear_of_onsets():
    truth = pd.read_csv(FOLDER / "truth.csv", dtype=str, keep_default_na=False)
    counts = truth.groupby(["split", "kind"]).size()
    assert (counts >= 29).all() and len(counts) == 4
    assert set(truth.groupby("split")["country"].unique().map(frozenset)) == {
        frozenset({"COD", "BFA", "NER", "MOZ"}), frozenset({"NGA", "ETH", "MLI"})}
    assert truth["source"].str.contains("http").all()
    onsets = truth[truth["kind"] == "onset"]
    for row in truth[truth["kind"] == "quiet"].itertuples():
        start, end = pd.Period(row.onset, "M"), pd.Period(row.end, "M")
        same = onsets[(onsets["country"] == row.country) & (onsets["admin1"] == row.admin1)]
        for month in same["onset"].map(lambda m: pd.Period(m, "M")):
            assert not (start - 3 <= month <= end + 3), (row.country, row.admin1, month)
