"""Value cells to floats: numbers, missing markers, local number formats, rejections."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.importer.mapping import DEFAULT_MISSING_MARKERS
from workbench.importer.values import MISSING, OK, REJECTED, parse_values

MARKERS = ["..", "...", "n/a", "N/A", "NA", "-", "–", "—", "", "#N/A", "#DIV/0!", "#VALUE!", "#REF!",
           "#NAME?", "#NUM!", "#NULL!", "x", ":", "  ..  ", None]


@pytest.mark.parametrize("marker", MARKERS)
def test_every_missing_marker_is_missing_not_rejected(marker):
    r = parse_values([marker, 1.0])
    assert r.status.tolist() == [MISSING, OK]
    assert np.isnan(r.values[0]) and r.values[1] == 1.0


def test_numbers_pass_through_and_nan_is_missing():
    r = parse_values([1, 2.5, np.float64(3.25), np.int64(4), float("nan")])
    assert r.values[:4].tolist() == [1.0, 2.5, 3.25, 4.0]
    assert r.status.tolist() == [OK, OK, OK, OK, MISSING]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3.5", 3.5), ("-2", -2.0), ("+7", 7.0), ("1e3", 1000.0), ("45%", 45.0), ("12.5 %", 12.5),
     ("3,5", 3.5), ("1 234", 1234.0), ("1\u00a0234,5", 1234.5), ("1,234.5", 1234.5),
     ("1.234,5", 1234.5), ("1,234,567", 1234567.0), ("1.234.567", 1234567.0), (" 42 ", 42.0)],
)
def test_local_number_formats(text, expected):
    r = parse_values([text])
    assert r.status[0] == OK
    assert r.values[0] == pytest.approx(expected)


def test_decimal_comma_column_reads_ambiguous_groups_as_thousands_with_dots():
    r = parse_values(["3,5", "1.234"])
    assert r.decimal == ","
    assert r.values.tolist() == [3.5, 1234.0]


def test_ambiguous_comma_alone_is_thousands_and_noted():
    r = parse_values(["1,234", "2,500"])
    assert r.values.tolist() == [1234.0, 2500.0]
    assert r.notes and "thousands" in r.notes[0]


def test_forced_decimal_comma_reads_1_234_as_decimal():
    r = parse_values(["1,234"], decimal=",")
    assert r.values[0] == pytest.approx(1.234)
    assert r.notes == []


@pytest.mark.parametrize("text", ["abc", "12abc", "TRUE", "3..5", "1,2,3", "inf", "nan"])
def test_non_numbers_are_rejected_with_their_text(text):
    r = parse_values([text if text != "TRUE" else True])
    assert r.status[0] == REJECTED
    assert r.reasons[0] == f"not a number: {text!r}"


def test_dates_in_a_value_column_are_rejected():
    import datetime as dt

    r = parse_values([dt.date(2024, 3, 1)])
    assert r.status[0] == REJECTED and "2024-03-01" in r.reasons[0]


def test_configurable_markers():
    r = parse_values(["n.d.", ".."], missing_markers=["n.d."])
    assert r.status.tolist() == [MISSING, REJECTED]


def test_default_markers_cover_the_documented_list():
    assert {"..", "n/a", "na", "-", "", "#n/a", "#div/0!", "x", ":"} <= set(DEFAULT_MISSING_MARKERS)


def test_work_is_per_distinct_text():
    """200,000 cells with two distinct texts parse quickly and map back in order."""
    cells = np.array(["3,5", ".."] * 100_000, dtype=object)
    r = parse_values(cells)
    assert r.values[0] == 3.5 and np.isnan(r.values[1]) and r.values[-2] == 3.5
    assert (r.status[1::2] == MISSING).all()
