"""Event exports (ACLED, UCDP GED, an office's incident log) become counts per place and period.

Issue 14, item 2. The expectations are computed here from the real files in
``tests/data/events`` with plain pandas group-bys (see that folder's README for their
origin), and compared with what ``workbench import`` stored.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).parent / "data" / "events"
ACLED = DATA / "acled_benin_2009_2022.csv"
UCDP = DATA / "ucdp_ged_syria_2019h1.csv"
COORDS_ONLY = DATA / "acled_armenia_coordinates_only_head.csv"


def stored(run_cli, project: Path) -> pd.DataFrame:
    code, out, err = run_cli("data", "--project", project, "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out), keep_default_na=False, dtype={"value": float})
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


# -- expectations from the files themselves ------------------------------------------------

def acled_events() -> pd.DataFrame:
    d = pd.read_csv(ACLED, keep_default_na=False)
    d["date"] = pd.to_datetime(d["event_date"], format="%d %B %Y")
    return d


def ucdp_events() -> pd.DataFrame:
    d = pd.read_csv(UCDP)
    d["date"] = pd.to_datetime(d["date_start"])
    return d


def test_acled_export_is_counted_per_commune_and_month(tmp_path: Path, run_cli, project_path: Path) -> None:
    d = acled_events()
    kept = d[d["admin2"] != "NA"]  # the one event without a commune (offshore) cannot be placed
    assert len(d) - len(kept) == 1
    months = pd.date_range(kept["date"].min().to_period("M").start_time,
                           kept["date"].max().to_period("M").start_time, freq="MS")
    assert (len(months), kept["admin2"].nunique()) == (162, 70)
    month = kept["date"].dt.to_period("M").dt.start_time

    code, out, err = run_cli("import", ACLED, "--project", project_path)
    assert code == 0, err
    assert "events table" in out and "811 events read, 810 kept, 1 rejected" in out
    assert "no admin2 (1)" in out
    assert "counted per admin2 (70 places) and month, 2009-07 to 2022-12 (162 months)" in out
    assert "months without events filled with 0" in out
    assert "never stored as values" in out and "event_id_cnty" in out and "latitude" in out and "timestamp" in out

    data = stored(run_cli, project_path)
    assert set(data["indicator"]) == {"acled events", "acled fatalities"}
    events = data[data["indicator"] == "acled events"]
    assert len(events) == 70 * 162  # every commune, every month of the span: zeros included
    got = events[events["value"] > 0].set_index(["region", "period"])["value"].sort_index()
    want = kept.groupby([kept["admin2"].rename("region"), month.rename("period")]).size().astype(float).sort_index()
    pd.testing.assert_series_equal(got, want, check_names=False)
    assert events["value"].sum() == len(kept)

    # Fatalities summed per province (admin1), through the file's own commune -> province map.
    fat = data[data["indicator"] == "acled fatalities"]
    province = kept.drop_duplicates("admin2").set_index("admin2")["admin1"]
    got_prov = fat.groupby(fat["region"].map(province))["value"].sum().sort_index()
    want_prov = kept.groupby("admin1")["fatalities"].sum().astype(float).sort_index()
    pd.testing.assert_series_equal(got_prov, want_prov, check_names=False)
    assert got_prov.sum() == 448.0

    # Communes are stored under their province and country, as the file says.
    con = sqlite3.connect(project_path)
    parent = dict(con.execute("SELECT r.name, p.name FROM region r JOIN region p ON p.id = r.parent_id"
                              " WHERE r.level = 'district'").fetchall())
    assert parent["Karimama"] == "Alibori" and parent["Cotonou"] == "Littoral"


def test_acled_export_by_week(run_cli, project_path: Path) -> None:
    kept = acled_events().query("admin2 != 'NA'")
    week = kept["date"] - pd.to_timedelta(kept["date"].dt.day_of_week, unit="D")  # ISO weeks start on Monday
    weeks = pd.date_range(week.min(), week.max(), freq="7D")

    code, out, err = run_cli("import", ACLED, "--project", project_path, "--events-by", "week")
    assert code == 0, err
    assert f"and week, 2009-07-20 to 2022-12-26 ({len(weeks)} weeks)" in out
    events = stored(run_cli, project_path).query("indicator == 'acled events'")
    assert len(events) == 70 * len(weeks)
    assert set(events["period"].dt.day_of_week) == {0}
    got = events[events["value"] > 0].set_index(["region", "period"])["value"].sort_index()
    want = kept.groupby([kept["admin2"], week]).size().astype(float).sort_index()
    assert got.to_dict() == want.to_dict()


def test_ucdp_ged_is_counted_per_governorate_with_one_indicator_per_type(run_cli, project_path: Path) -> None:
    d = ucdp_events()
    # adm_2 is empty for 93 of 1,072 events, adm_1 for 27: the governorate is the finest
    # level filled for at least 95 % of the events.
    assert (d["adm_2"].isna().sum(), d["adm_1"].isna().sum()) == (93, 27)
    kept = d[d["adm_1"].notna()]
    month = kept["date"].dt.to_period("M").dt.start_time
    kinds = {1: "state-based", 2: "non-state", 3: "one-sided"}

    code, out, err = run_cli("import", UCDP, "--project", project_path, "--event-types")
    assert code == 0, err
    assert "1072 events read, 1045 kept, 27 rejected" in out
    assert "counted per adm_1 (13 places) and month, 2019-01 to 2019-06 (6 months)" in out
    assert "fatalities from 'best'" in out
    assert "one indicator per type_of_violence" in out

    data = stored(run_cli, project_path)
    assert set(data["indicator"]) == {"ucdp events", "ucdp fatalities", "ucdp events: state-based",
                                      "ucdp events: non-state", "ucdp events: one-sided"}
    fat = data[data["indicator"] == "ucdp fatalities"]
    assert len(fat) == 13 * 6
    got = fat.groupby("region")["value"].sum().sort_index()
    want = kept.groupby("adm_1")["best"].sum().astype(float).sort_index()
    pd.testing.assert_series_equal(got, want, check_names=False)
    for code_, kind in kinds.items():
        per_type = data[data["indicator"] == f"ucdp events: {kind}"]
        sub = kept[kept["type_of_violence"] == code_]
        want_t = sub.groupby([sub["adm_1"], month[sub.index]]).size().astype(float).sort_index()
        got_t = per_type[per_type["value"] > 0].set_index(["region", "period"])["value"].sort_index()
        assert got_t.to_dict() == want_t.to_dict(), kind


def test_an_event_table_without_a_place_is_refused_in_one_line(run_cli, project_path: Path) -> None:
    code, out, err = run_cli("import", COORDS_ONLY, "--project", project_path)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "an event table" in err and "no place column" in err and "coordinates" in err
    assert not project_path.exists()


def test_an_incident_log_of_a_field_office(tmp_path: Path, run_cli, project_path: Path) -> None:
    """An office's own log: French headers would be the next step; this one is English."""
    rows = [
        ["Date of incident", "Province", "District", "Incident type", "Killed", "Injured", "Description"],
        ["03/01/2024", "North", "Ostrava Hills", "Clash", "2", "1", "market fight"],
        ["17/01/2024", "North", "Ostrava Hills", "Hate speech", "0", "0", "leaflets"],
        ["02/03/2024", "South", "Lower Vale", "Clash", "", "3", "no figure yet"],
        ["09/03/2024", "South", "Lower Vale", "Protest", "0", "0", "road block"],
    ]
    path = tmp_path / "incident_log.csv"
    with path.open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    code, out, err = run_cli("import", path, "--project", project_path)
    assert code == 0, err
    assert "counted per District (2 places) and month, 2024-01 to 2024-03 (3 months)" in out
    assert "1 event(s) without a fatality figure" in out
    data = stored(run_cli, project_path)
    assert set(data["indicator"]) == {"events", "fatalities"}
    ev = data[data["indicator"] == "events"].set_index(["region", "period"])["value"]
    assert ev[("Ostrava Hills", pd.Timestamp("2024-01-01"))] == 2
    assert ev[("Ostrava Hills", pd.Timestamp("2024-02-01"))] == 0
    assert ev[("Lower Vale", pd.Timestamp("2024-03-01"))] == 2
    fat = data[data["indicator"] == "fatalities"].set_index(["region", "period"])["value"]
    assert fat[("Ostrava Hills", pd.Timestamp("2024-01-01"))] == 2
    assert fat[("Lower Vale", pd.Timestamp("2024-03-01"))] == 0


def test_a_monthly_long_table_with_a_date_column_is_not_an_event_table(tmp_path: Path, run_cli,
                                                                       project_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("district,indicator,date,value\nA,trust,2024-01-01,3\nA,trust,2024-02-01,4\n")
    code, out, _ = run_cli("import", path, "--project", project_path)
    assert code == 0 and "long table" in out and "events" not in out


def test_dry_run_shows_the_aggregation_and_writes_nothing(run_cli, project_path: Path) -> None:
    code, out, _ = run_cli("import", ACLED, "--project", project_path, "--dry-run")
    assert code == 0 and "counted per admin2" in out and "nothing was written" in out
    assert not project_path.exists()


@pytest.mark.parametrize("bad", ["day", "year"])
def test_events_by_accepts_month_or_week_only(run_cli, project_path: Path, bad: str) -> None:
    code, _, err = run_cli("import", ACLED, "--project", project_path, "--events-by", bad)
    assert code == 2 and err.startswith("error: ") and err.count("\n") == 1  # "invalid choice", before reading
    assert not project_path.exists()


def test_a_french_incident_log(tmp_path: Path, run_cli, project_path: Path) -> None:
    path = tmp_path / "journal_incidents.csv"
    path.write_text("Date de l'incident;Région;Cercle;Type d'incident;Morts;Blessés\n"
                    "05/02/2024;Mopti;Bandiagara;Affrontement;3;2\n"
                    "19/02/2024;Mopti;Bandiagara;Manifestation;0;1\n"
                    "02/04/2024;Ségou;Niono;Affrontement;1;0\n", encoding="utf-8")
    code, out, err = run_cli("import", path, "--project", project_path, "--event-types")
    assert code == 0, err
    assert "counted per Cercle (2 places) and month, 2024-02 to 2024-04 (3 months)" in out
    data = stored(run_cli, project_path)
    assert set(data["indicator"]) == {"events", "fatalities", "events: affrontement", "events: manifestation"}
    fat = data[data["indicator"] == "fatalities"].set_index(["region", "period"])["value"]
    assert fat[("Bandiagara", pd.Timestamp("2024-02-01"))] == 3 and fat[("Niono", pd.Timestamp("2024-03-01"))] == 0
