"""Large CSV files are streamed in chunks and read exactly like small ones (issue 14, item 9).

The chunked reader is switched on here for small files (a low threshold and chunk size),
so every chunk boundary case runs in milliseconds; the 2.4-million-row figure itself is
measured by ``benchmarks/bench_large_csv.py`` (docs/benchmarks.md).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.errors import UnusableInputError
from workbench.importer import readers
from workbench.importer.engine import import_file, preview_file


def _long_csv(path: Path, rows: int, *, title: bool = False, note: bool = False, bad_every: int = 0) -> Path:
    rng = np.random.default_rng(3)
    lines = ["Monthly export, all districts", ""] if title else []
    lines.append("district,indicator,month,value")
    for k in range(rows):
        value = f"{rng.normal(50, 10):.2f}"
        if bad_every and k % bad_every == 7:
            value = "n.a.x"
        lines.append(f"District {k % 37:02d},indicator_{k % 5},{2000 + k // 185:04d}-{(k // 37) % 5 * 2 + 1:02d},{value}")
    if note:
        lines.append("Source: field office")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> tuple:
    whole = preview_file(path).sheets[0]
    monkeypatch.setattr(readers, "STREAM_CSV_BYTES", 0)
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", chunk)
    monkeypatch.setattr(readers.read_csv_streamed, "__defaults__", (chunk,))
    streamed = preview_file(path).sheets[0]
    return whole, streamed


@pytest.mark.parametrize("chunk", [50, 333, 5000])
def test_streamed_csv_reads_exactly_like_the_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        chunk: int) -> None:
    path = _long_csv(tmp_path / "long.csv", 2000, title=True, note=True, bad_every=301)
    whole, streamed = _both_ways(path, monkeypatch, chunk)
    a, b = whole.report, streamed.report
    assert (b.rows_read, b.rows_kept, b.rows_rejected) == (a.rows_read, a.rows_kept, a.rows_rejected)
    assert [(i.row, i.reason, i.raw) for i in b.rejected] == [(i.row, i.reason, i.raw) for i in a.rejected]
    assert [i.row for i in b.duplicates] == [i.row for i in a.duplicates]
    assert (b.regions, b.indicators, b.periods) == (a.regions, a.indicators, a.periods)
    # Row numbers are the spreadsheet's, title rows included: the first data row is row 4.
    assert a.rejected[0].row == 4 + 7


def test_streamed_import_stores_the_same_observations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _long_csv(tmp_path / "long.csv", 3000)
    import_file(path, tmp_path / "whole.wbproj")
    monkeypatch.setattr(readers, "STREAM_CSV_BYTES", 0)
    monkeypatch.setattr(readers.read_csv_streamed, "__defaults__", (400,))
    result = import_file(path, tmp_path / "streamed.wbproj")
    assert result.status == "imported"
    assert any("read in chunks of 400 rows" in n for n in result.reports[0].notes)
    from workbench.store import open_project

    frames = []
    for name in ("whole", "streamed"):
        with open_project(tmp_path / f"{name}.wbproj", readonly=True) as p:
            frames.append(p.observations().sort_values(["region", "indicator", "period"]).reset_index(drop=True))
    pd.testing.assert_frame_equal(frames[0], frames[1])
    expected = pd.read_csv(path).drop_duplicates(["district", "indicator", "month"], keep="last")
    assert len(frames[1]) == len(expected)
    assert frames[1]["value"].sum() == pytest.approx(expected["value"].sum())


def test_a_row_wider_than_the_first_megabyte_is_refused_in_one_line(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["district,indicator,month,value"] + [f"D{k},t,2024-01,{k}" for k in range(60_000)]
    lines.append("D1,t,2024-02,1,extra,fields")
    path = tmp_path / "ragged.csv"
    path.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(readers, "STREAM_CSV_BYTES", 0)
    monkeypatch.setattr(readers.read_csv_streamed, "__defaults__", (10_000,))
    with pytest.raises(UnusableInputError) as info:
        import_file(path, tmp_path / "p.wbproj", dry_run=True)
    assert "ragged.csv cannot be read as one table" in str(info.value)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "p.wbproj").exists()


@pytest.mark.parametrize("chunk", [40, 1000])
def test_short_rows_and_blank_cells_of_a_streamed_csv_read_like_the_whole_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """A row missing its last fields (NaN in a streamed chunk, '' in the whole grid), blank
    names and blank values are judged the same way, whichever reader saw them."""
    lines = ["district,indicator,month,value"]
    for k in range(600):
        row = [f"District {k % 7}", f"indicator_{k % 3}", f"{2000 + k // 21}-{k % 12 + 1:02d}", f"{k % 50}.5"]
        if k % 97 == 5:
            row = row[:3]  # no value field at all
        elif k % 89 == 4:
            row = row[:2]  # no period or value
        elif k % 83 == 3:
            row[0] = "  "  # a blank district
        elif k % 79 == 2:
            row[3] = ""
        lines.append(",".join(row))
    path = tmp_path / "short.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole, streamed = _both_ways(path, monkeypatch, chunk)
    a, b = whole.report, streamed.report
    assert a.rows_rejected > 0 and a.values_missing > 0
    assert (b.rows_read, b.rows_kept, b.rows_rejected, b.values_missing) == (
        a.rows_read, a.rows_kept, a.rows_rejected, a.values_missing)
    assert [(i.row, i.reason, i.raw) for i in b.rejected] == [(i.row, i.reason, i.raw) for i in a.rejected]
    assert [i.row for i in b.duplicates] == [i.row for i in a.duplicates]
    pd.testing.assert_frame_equal(whole.sample.astype(object), streamed.sample.astype(object))
