"""Period labels to (first day, frequency), including the dd/mm decision rule."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from workbench.importer.periods import parse_periods


def one(label, **kw):
    r = parse_periods([label], **kw)
    assert r.ok[0], r.reasons[0]
    return str(np.datetime_as_string(r.start[0], unit="D")), r.freq[0]


@pytest.mark.parametrize(
    ("label", "start", "freq"),
    [
        ("2024-03", "2024-03-01", "M"),
        ("2024/03", "2024-03-01", "M"),
        ("Mar 2024", "2024-03-01", "M"),
        ("March 2024", "2024-03-01", "M"),
        ("mar. 2024", "2024-03-01", "M"),
        ("Mar-24", "2024-03-01", "M"),
        ("2024M03", "2024-03-01", "M"),
        ("2024m3", "2024-03-01", "M"),
        ("2024 Mar", "2024-03-01", "M"),
        ("03/2024", "2024-03-01", "M"),
        ("Sept 2023", "2023-09-01", "M"),
        ("2024-Q2", "2024-04-01", "Q"),
        ("Q2 2024", "2024-04-01", "Q"),
        ("2024Q2", "2024-04-01", "Q"),
        ("2024 Q4", "2024-10-01", "Q"),
        ("2024", "2024-01-01", "Y"),
        (2024, "2024-01-01", "Y"),
        (2024.0, "2024-01-01", "Y"),
        ("2024-03-15", "2024-03-15", "D"),
        ("2024-03-15 00:00:00", "2024-03-15", "D"),
        ("15.03.2024", "2024-03-15", "D"),
        ("15/03/2024", "2024-03-15", "D"),
        ("15-Mar-2024", "2024-03-15", "D"),
        ("2024-W05", "2024-01-29", "W"),
        (202403, "2024-03-01", "M"),
        (45366, "2024-03-15", "D"),  # Excel serial
        (45366.5, "2024-03-15", "D"),  # serial with a time of day
        (dt.datetime(2024, 3, 15, 12, 30), "2024-03-15", "D"),
        (dt.date(2024, 3, 15), "2024-03-15", "D"),
        (pd.Timestamp("2024-03-15"), "2024-03-15", "D"),
    ],
)
def test_every_documented_label(label, start, freq):
    assert one(label) == (start, freq)


def test_first_of_month_dates_are_monthly():
    r = parse_periods([dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1), 45352.0])
    assert r.freq.tolist() == ["M", "M", "M"]
    assert any("monthly" in n for n in r.notes)


def test_header_decides_quarter_and_year_for_first_of_period_dates():
    q = parse_periods([dt.date(2024, 1, 1), dt.date(2024, 4, 1)], hint="Quarter")
    assert q.freq.tolist() == ["Q", "Q"]
    y = parse_periods([dt.date(2023, 1, 1), dt.date(2024, 1, 1)], hint="year")
    assert y.freq.tolist() == ["Y", "Y"]
    m = parse_periods([dt.date(2024, 1, 1), dt.date(2024, 4, 1)], hint="month")
    assert m.freq.tolist() == ["M", "M"]


def test_weekly_dates_on_one_weekday_are_weekly():
    r = parse_periods(["2024-01-01", "2024-01-08", "2024-01-15"])
    assert r.freq.tolist() == ["W", "W", "W"]


def test_first_part_above_12_proves_day_first():
    r = parse_periods(["13/02/2024", "01/02/2024"])
    assert r.order == "dmy" and r.notes == []
    assert np.datetime_as_string(r.start, unit="D").tolist() == ["2024-02-13", "2024-02-01"]


def test_second_part_above_12_proves_month_first():
    r = parse_periods(["02/13/2024", "01/02/2024"])
    assert r.order == "mdy"
    assert np.datetime_as_string(r.start, unit="D").tolist() == ["2024-02-13", "2024-01-02"]


def test_unproven_order_defaults_to_day_first_and_says_so():
    r = parse_periods(["01/02/2024", "03/04/2024"])
    assert r.order == "dmy"
    assert np.datetime_as_string(r.start, unit="D").tolist() == ["2024-02-01", "2024-04-03"]
    assert any("day-first" in n for n in r.notes)


def test_mapping_can_force_month_first():
    r = parse_periods(["01/02/2024"], order="mdy")
    assert np.datetime_as_string(r.start, unit="D").tolist() == ["2024-01-02"]
    assert r.notes == [] or all("day-first" not in n for n in r.notes)


@pytest.mark.parametrize("label", ["foo", "2024-13", "31/02/2024", "Q5 2024", 12.5, 99999999, True])
def test_unreadable_labels_are_rejected_with_reason(label):
    r = parse_periods([label])
    assert not r.ok[0]
    assert r.reasons[0].startswith("not a period")


def test_empty_labels_say_no_period():
    r = parse_periods(["", None, np.nan])
    assert not r.ok.any()
    assert r.reasons.tolist() == ["no period"] * 3


def test_implausible_serials_are_not_dates():
    assert not parse_periods([1500.0]).ok[0]  # neither a year nor a plausible serial
    assert not parse_periods([80000.0]).ok[0]  # after 2100


def test_parsing_runs_on_distinct_labels_and_maps_back():
    labels = np.array(["Jan 2024", "Feb 2024", "Mar 2024"] * 70_000, dtype=object)
    r = parse_periods(labels)
    assert r.ok.all()
    assert np.datetime_as_string(r.start[-1], unit="D") == "2024-03-01"
    assert (r.freq == "M").all()
