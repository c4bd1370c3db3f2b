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
