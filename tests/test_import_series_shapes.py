"""Shapes the real-export corpus brought in, made small: a national table whose text columns
name the series, one column stacking several frequencies, rows of two admin levels in one
table, and a statistics workbook whose column names span several header rows.

Each is read right, or asked about with nothing written - never guessed silently.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from import_files import write_csv
from workbench.importer.engine import import_file, preview_file


def data_rows(run_cli, project: Path) -> list[list[str]]:
    code, out, err = run_cli("data", "--project", project, "--format", "csv")
    assert code == 0, err
    return list(csv.reader(io.StringIO(out)))[1:]


def ask_then_confirm(run_cli, path: Path, project: Path, place: str) -> tuple[str, str]:
    """The no-place contract: exit 1, one error line, nothing written, a mapping to confirm;
    the mapping with the place named then imports."""
    code, out, err = run_cli("import", path, "--project", project)
    lines = err.strip().splitlines()
    assert code == 1 and not project.exists()
    assert len(lines) == 1 and lines[0].startswith("error:") and "no region column" in lines[0]
    written = path.with_name(path.stem + ".mapping.toml")
    text = written.read_text(encoding="utf-8")
    written.write_text(text.replace(f'fixed_region = "{path.stem}"', f'fixed_region = "{place}"'), encoding="utf-8")
    code, out2, err2 = run_cli("import", path, "--project", project, "--mapping", written)
    assert code == 0, err2
    return out, text


# -- a national table whose text columns name the series (INE tempus CSV) ----------------------

INE = ("\ufeffGastos medios;Quintil de gasto;Códigos de gasto (2 dígitos);Periodo;Total\n"
       "Gasto medio por hogar;Total;Índice general;2023;32.616,66\n"
       "Gasto medio por hogar;Total;Índice general;2012;28.197\n"
       "Gasto medio por hogar;Total;06 Sanidad;2023;1.120,5\n"
       "Gasto medio por hogar;Total;06 Sanidad;2012;980\n"
       "Gasto medio por hogar;Quintil 1;Índice general;2023;15.002,1\n"
       "Gasto medio por hogar;Quintil 1;Índice general;2012;14.100\n"
       "Gasto medio por hogar;Quintil 1;06 Sanidad;2023;334,83\n"
       "Gasto medio por hogar;Quintil 1;06 Sanidad;2012;301,2\n")


def test_text_columns_beside_period_and_value_name_the_series_and_the_place_is_asked(
        tmp_path: Path, run_cli, project_path: Path):
    f = write_csv(tmp_path / "ine.csv", INE)
    out, mapping = ask_then_confirm(run_cli, f, project_path, "España")
    assert "Gasto medio por hogar (Total, Índice general)" in out  # the best reading, printed
    assert 'indicator = "Gastos medios"' in mapping and "Quintil de gasto" in mapping
    rows = data_rows(run_cli, project_path)
    assert len(rows) == 8 and {r[0] for r in rows} == {"España"}
    got = {(r[1], r[2]): float(r[3]) for r in rows}
    # '28.197' is 28197 (a thousands dot), as the decimal commas elsewhere in the column say.
    assert got[("gasto medio por hogar (total, índice general)", "2012-01-01")] == 28197
    assert got[("gasto medio por hogar (total, índice general)", "2023-01-01")] == 32616.66
    assert got[("gasto medio por hogar (quintil 1, 06 sanidad)", "2023-01-01")] == 334.83


def test_a_text_column_of_distinct_names_without_a_place_word_is_still_refused(tmp_path: Path, run_cli,
                                                                              project_path: Path):
    # Every row a different text: not a series name, not known to be a place. Not guessed.
    f = write_csv(tmp_path / "t.csv", "Nom,Annee,Total\nAlpha,2020,1\nBeta,2020,2\nGamma,2020,3\n")
    code, out, err = run_cli("import", f, "--project", project_path)
    assert code == 2 and not project_path.exists()
    assert err.startswith("error:") and "no region column" in err and len(err.strip().splitlines()) == 1


# -- one column stacking annual, quarterly and monthly values (ONS) ----------------------------

ONS = ("date,freq,variable,value\n"
       "1971-01-01,a,Unemployment rate,4.1\n"
       "1971-01-01,q,Unemployment rate,3.8\n"
       "1971-02-01,m,Unemployment rate,3.8\n"
       "1971-03-01,m,Unemployment rate,3.9\n"
       "1971-04-01,m,Unemployment rate,4.0\n"
       "1971-04-01,q,Unemployment rate,4.1\n"
       "1972-01-01,a,Unemployment rate,4.4\n")


def test_a_frequency_column_makes_one_series_per_frequency(tmp_path: Path, run_cli, project_path: Path):
    f = write_csv(tmp_path / "lms.csv", ONS)
    ask_then_confirm(run_cli, f, project_path, "United Kingdom")
    rows = data_rows(run_cli, project_path)
    assert sorted((r[1], r[2], r[3]) for r in rows) == [
        ("unemployment rate (annual)", "1971-01-01", "4.1"), ("unemployment rate (annual)", "1972-01-01", "4.4"),
        ("unemployment rate (monthly)", "1971-02-01", "3.8"), ("unemployment rate (monthly)", "1971-03-01", "3.9"),
        ("unemployment rate (monthly)", "1971-04-01", "4"),
        ("unemployment rate (quarterly)", "1971-01-01", "3.8"), ("unemployment rate (quarterly)", "1971-04-01", "4.1")]
    con = sqlite3.connect(project_path)
    try:
        freqs = dict(con.execute("SELECT i.name, o.freq FROM observation o JOIN indicator i ON i.id = o.indicator_id "
                                 "GROUP BY i.name, o.freq").fetchall())
    finally:
        con.close()
    assert {k.casefold(): v for k, v in freqs.items()} == {
        "unemployment rate (annual)": "Y", "unemployment rate (quarterly)": "Q", "unemployment rate (monthly)": "M"}


def test_a_row_whose_date_does_not_start_its_frequency_is_rejected_not_moved(tmp_path: Path):
    f = write_csv(tmp_path / "lms.csv", ONS + "1972-03-01,a,Unemployment rate,9.9\n1972-03-01,z,Unemployment rate,9.9\n")
    result = import_file(f, tmp_path / "p.wbproj", mapping={"fixed_region": "United Kingdom"})
    assert result.status == "imported"
    reasons = sorted(i.reason for i in result.reports[0].rejected)
    assert reasons == ["1972-03-01 does not start an annual period", "frequency 'z' not understood (a, q, m, w, d)"]


def test_a_frequency_column_of_one_value_stays_a_flag(tmp_path: Path):
    # SDMX's FREQ = A on every row says nothing about the series: not a qualifier.
    f = write_csv(tmp_path / "s.csv", "REF_AREA,FREQ,TIME_PERIOD,OBS_VALUE\nKEN,A,2020,1\nKEN,A,2021,2\n")
    s = next(s for s in preview_file(f).sheets if s.role == "data")
    assert s.mapping.frequency is None and s.reading.clear_cut
    assert set(s.sample["indicator"]) == {"s"}


# -- rows of two admin levels in one table (HDX HAPI) ------------------------------------------

HAPI = ("location_code,admin1_code,admin1_name,admin2_code,admin2_name,admin_level,event_type,events,fatalities,"
        "reference_period_start,reference_period_end\n"
        "DZA,,,,,0,civilian_targeting,33,445,1997-01-01,1997-01-31\n"
        "DZA,,,,,0,political_violence,12,30,1997-01-01,1997-01-31\n"
        "MLI,ML06,Tombouctou,ML0603,Gourma-Rharous,2,civilian_targeting,1,2,1997-01-01,1997-01-31\n"
        "MLI,ML06,Tombouctou,ML0603,Gourma-Rharous,2,political_violence,0,0,1997-01-01,1997-01-31\n"
        "MLI,ML02,Koulikoro,ML0206,Koulikoro,2,civilian_targeting,0,0,1997-02-01,1997-02-28\n")


def regions(project: Path) -> list[tuple]:
    con = sqlite3.connect(project)
    try:
        return sorted(con.execute("SELECT r.name, r.code, r.level, p.name FROM region r "
                                  "LEFT JOIN region p ON p.id = r.parent_id").fetchall(), key=str)
    finally:
        con.close()


def test_each_row_is_placed_at_its_own_admin_level(tmp_path: Path, run_cli, project_path: Path):
    f = write_csv(tmp_path / "hapi.csv", HAPI)
    code, out, err = run_cli("import", f, "--project", project_path)
    assert code == 0, err
    assert regions(project_path) == sorted([
        ("DZA", "DZA", "country", None), ("Gourma-Rharous", "ML0603", "district", "Tombouctou"),
        ("Koulikoro", "ML0206", "district", "Koulikoro"), ("Koulikoro", None, "province", "MLI"),
        ("MLI", None, "country", None), ("Tombouctou", None, "province", "MLI")], key=str)
    rows = data_rows(run_cli, project_path)
    # The period starts on reference_period_start; each event type is a series of its own.
    assert ["DZA", "fatalities (political_violence)", "1997-01-01", "30", ""] in rows
    assert ["Gourma-Rharous", "events (civilian_targeting)", "1997-01-01", "1", ""] in rows
    assert ["Koulikoro", "events (civilian_targeting)", "1997-02-01", "0", ""] in rows
    assert len(rows) == 10


def test_a_row_whose_admin_level_does_not_read_is_rejected(tmp_path: Path):
    f = write_csv(tmp_path / "hapi.csv", HAPI + "DZA,,,,,x,civilian_targeting,1,1,1997-02-01,1997-02-28\n")
    result = import_file(f, tmp_path / "p.wbproj")
    assert result.status == "imported"
    assert [(i.row, i.reason) for i in result.reports[0].rejected] == [
        (7, "admin level 'x' not understood (0 country, 1 province, 2 district)")]


def test_a_level_column_of_one_level_changes_nothing(tmp_path: Path):
    f = write_csv(tmp_path / "d.csv", "District,admin_level,Month,Value\nAlpha,2,2024-01,1\nBeta,2,2024-01,2\n")
    s = next(s for s in preview_file(f).sheets if s.role == "data")
    assert s.mapping.admin_level is None and s.mapping.region == "District"


# -- a statistics workbook whose column names span several header rows (OPHI MPI) --------------

def mpi_rows() -> list[list]:
    return [
        ["Poverty by region", None, None, None, None, None, None],               # a title
        ["This table reports …", None, None, None, None, None, None],
        [None] * 7,
        ["Country", "Subnational region", "Year", "MPI of the country", "Deprived in", None, "Population 2020"],
        [None, None, None, None, "Health", "Education", None],                  # names under a group
        [None, None, None, "Range 0 to 1", "% Population", "% Population", "Thousands"],  # units
        ["Burkina Faso", "Centre", "2010", 0.52, 20.5, 24.9, 2469.7],
        ["Burkina Faso", "Sahel", "2010", 0.52, 45.1, 80.2, 1300.1],
        [None] * 7,
        ["Notes", None, None, None, None, None, None],
        ["ᵃ Population from World Population Prospects 2022.", None, None, None, None, None, None],
    ]


MPI_MERGES = ["A4:A6", "B4:B6", "C4:C6", "D4:D5", "E4:F4", "G4:G5"]


def test_a_header_of_several_rows_names_each_column_from_all_of_them(tmp_path: Path):
    from import_files import write_openpyxl

    f = write_openpyxl(tmp_path / "mpi.xlsx", {"MPI Region": mpi_rows()}, merges={"MPI Region": MPI_MERGES})
    s = next(s for s in preview_file(f).sheets if s.role == "data")
    assert s.reading.clear_cut, s.reading.render()
    assert (s.mapping.region, s.mapping.country, s.mapping.period, s.mapping.header_row) == (
        "Subnational region", "Country", "Year", 6)
    # The country's figure on each row and a figure of another year are not the regions' values.
    assert s.mapping.indicator_columns == ["Deprived in: Health [% Population]", "Deprived in: Education [% Population]"]
    assert sorted((r.region, r.indicator, r.value) for r in s.sample.itertuples()) == [
        ("Centre", "Deprived in: Education [% Population]", 24.9), ("Centre", "Deprived in: Health [% Population]", 20.5),
        ("Sahel", "Deprived in: Education [% Population]", 80.2), ("Sahel", "Deprived in: Health [% Population]", 45.1)]
    assert any("a header of 3 rows" in n for n in s.report.notes)
    assert any("2 note/source row(s)" in n for n in s.report.notes)


def test_the_composed_header_is_read_the_same_with_its_saved_mapping(tmp_path: Path, run_cli, project_path: Path):
    from import_files import write_openpyxl

    f = write_openpyxl(tmp_path / "mpi.xlsx", {"MPI Region": mpi_rows()}, merges={"MPI Region": MPI_MERGES})
    saved = tmp_path / "mpi.toml"
    code, _, err = run_cli("import", f, "--project", project_path, "--save-mapping", saved)
    assert code == 0, err
    first = data_rows(run_cli, project_path)
    other = tmp_path / "other.wbproj"
    code, _, err = run_cli("import", f, "--project", other, "--mapping", saved)
    assert code == 0, err
    assert data_rows(run_cli, other) == first and len(first) == 4


def test_text_rows_under_a_header_are_data_when_no_numbers_follow(tmp_path: Path):
    # A codebook (all text) is never read as a header of many rows.
    from import_files import write_openpyxl

    rows = [["indicator", "direction", "name"], ["trust", "higher_is_better", "Trust in neighbours"],
            ["incidents", "higher_is_worse", "Incidents reported"]]
    s = next(s for s in preview_file(write_openpyxl(tmp_path / "c.xlsx", {"Codebook": rows})).sheets)
    assert s.role == "codebook" and s.mapping.header_row == 1


def test_a_data_row_without_numbers_under_the_header_stays_data(tmp_path: Path):
    # Blank first cell (the district "as above") and a missing value: still a data row, not a
    # second header row, because it holds a month.
    f = write_csv(tmp_path / "l.csv", "District,Indicator,Month,Value\nAlpha,trust,Jan 2024,3\n,trust,Feb 2024,\n"
                                      "Beta,trust,Jan 2024,4\n")
    s = next(s for s in preview_file(f).sheets if s.role == "data")
    assert s.mapping.header_row == 1 and (s.mapping.region, s.mapping.value) == ("District", "Value")


def test_a_group_label_over_period_headers_keeps_the_periods_as_the_header(tmp_path: Path):
    # 'Survey round' merged over 'Q1 2017', 'Q2 2017': the periods row is the header, as before.
    from import_files import write_openpyxl

    quarters = [f"Q{q} {y}" for y in (2017, 2018) for q in (1, 2, 3, 4)]
    rows = [["Province", "District", "Survey round"] + [None] * 7, [None, None] + quarters,
            ["Northern", "Arbela"] + [39.0 + k for k in range(8)], ["Northern", "Kessan"] + [59.4 + k for k in range(8)]]
    f = write_openpyxl(tmp_path / "w.xlsx", {"Confidence": rows}, merges={"Confidence": ["A1:A2", "B1:B2", "C1:J1"]})
    s = next(s for s in preview_file(f).sheets if s.role == "data")
    assert s.mapping.layout == "wide" and s.mapping.period_columns == quarters and s.mapping.header_row == 2
