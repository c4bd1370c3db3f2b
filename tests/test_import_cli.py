"""``workbench import`` and ``workbench data`` through the command line, in process."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from import_files import LONG_ROWS, write_csv, write_ods, write_openpyxl, write_xlsxwriter


def data_rows(run_cli, project: Path) -> list[list[str]]:
    code, out, err = run_cli("data", "--project", project, "--format", "csv")
    assert code == 0, err
    return list(csv.reader(io.StringIO(out)))


def test_import_then_data_csv(tmp_path: Path, run_cli, project_path: Path):
    p = write_xlsxwriter(tmp_path / "long.xlsx", {"Data": LONG_ROWS})
    code, out, err = run_cli("import", p, "--project", project_path)
    assert code == 0, err
    assert "rows read 4, kept 4, rejected 0" in out
    assert "4 new value(s)" in out
    assert err == ""
    assert data_rows(run_cli, project_path) == [
        ["region", "indicator", "period", "value", "group"],
        ["Alpha", "trust_index", "2024-01-01", "41.5", ""],
        ["Alpha", "trust_index", "2024-02-01", "43", ""],
        ["Beta", "trust_index", "2024-01-01", "38.25", ""],
        ["Beta", "trust_index", "2024-02-01", "37", ""],
    ]


def test_data_sorting_groups_missing_and_quoting(tmp_path: Path, run_cli, project_path: Path):
    text = ("district,indicator,quarter,value,group\n"
            '"Zeta, North",trust,2024-Q2,0.1,youth\n'
            '"Zeta, North",trust,2024-Q2,0.30000000000000004,\n'
            "Alpha,trust,2024-Q1,..,elders\n"
            "Alpha,trust,2024-Q1,2.5,\n")
    p = write_csv(tmp_path / "q.csv", text)
    assert run_cli("import", p, "--project", project_path)[0] == 0
    assert data_rows(run_cli, project_path)[1:] == [
        ["Alpha", "trust", "2024-01-01", "2.5", ""],
        ["Alpha", "trust", "2024-01-01", "", "elders"],
        ["Zeta, North", "trust", "2024-04-01", "0.30000000000000004", ""],
        ["Zeta, North", "trust", "2024-04-01", "0.1", "youth"],
    ]


def test_rejected_rows_are_stored_with_the_import(tmp_path: Path, run_cli, project_path: Path):
    rows = [LONG_ROWS[0], ["Alpha", "t", "2024-01", "abc"], ["Alpha", "t", "2024-02", 2]]
    p = write_openpyxl(tmp_path / "r.xlsx", {"Data": rows})
    code, out, _ = run_cli("import", p, "--project", project_path)
    assert code == 0
    assert "row 2: not a number: 'abc'" in out
    con = sqlite3.connect(project_path)
    assert con.execute("SELECT sheet, row_number, reason, raw FROM rejected_row").fetchall() == [
        ("Data", 2, "not a number: 'abc'", '["Alpha", "t", "2024-01", "abc"]')]
    assert con.execute("SELECT rows_read, rows_kept, rows_rejected, values_new FROM import").fetchall() == [
        (2, 1, 1, 1)]
    con.close()


def test_nothing_kept_exits_1_and_writes_nothing(tmp_path: Path, run_cli, project_path: Path):
    rows = [LONG_ROWS[0], ["Alpha", "t", "2024-01", "abc"], ["Alpha", "t", "never", 2]]
    p = write_openpyxl(tmp_path / "bad.xlsx", {"Data": rows})
    code, out, _ = run_cli("import", p, "--project", project_path)
    assert code == 1
    assert "nothing could be kept" in out
    assert not project_path.exists()


def test_unusable_file_exits_2_with_one_error_line(tmp_path: Path, run_cli, project_path: Path):
    p = tmp_path / "empty.xlsx"
    p.write_bytes(b"")
    code, out, err = run_cli("import", p, "--project", project_path)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1 and "empty" in err
    assert not project_path.exists()


def test_several_files_each_reported_worst_exit_code(tmp_path: Path, run_cli, project_path: Path):
    good = write_openpyxl(tmp_path / "good.xlsx", {"Data": LONG_ROWS})
    cover = write_openpyxl(tmp_path / "cover.xlsx", {"Cover": [["Dear colleagues"], ["see attached"]]})
    code, out, err = run_cli("import", good, cover, "--project", project_path)
    assert code == 2
    assert "good.xlsx: imported" in out
    assert err.startswith("error: cover.xlsx has no data table")
    assert len(data_rows(run_cli, project_path)) == 5


def test_dry_run_leaves_project_bytes_unchanged(tmp_path: Path, run_cli, project_path: Path):
    first = write_openpyxl(tmp_path / "a.xlsx", {"Data": LONG_ROWS})
    assert run_cli("import", first, "--project", project_path)[0] == 0
    before = project_path.read_bytes()
    rows = [LONG_ROWS[0], ["Gamma", "trust_index", "2024-03", 9]]
    second = write_openpyxl(tmp_path / "b.xlsx", {"Data": rows})
    code, out, _ = run_cli("import", second, "--project", project_path, "--dry-run")
    assert code == 0 and "dry run" in out
    assert project_path.read_bytes() == before
    fresh = tmp_path / "new.wbproj"
    assert run_cli("import", second, "--project", fresh, "--dry-run")[0] == 0
    assert not fresh.exists()


def test_sheet_option(tmp_path: Path, run_cli, project_path: Path):
    sheets = {"Trust": [LONG_ROWS[0], ["Alpha", "trust", "2024-01", 1]],
              "Incidents": [LONG_ROWS[0], ["Alpha", "incidents", "2024-01", 3]]}
    p = write_ods(tmp_path / "two.ods", sheets)
    assert run_cli("import", p, "--project", project_path, "--sheet", "Incidents")[0] == 0
    assert [r[1] for r in data_rows(run_cli, project_path)[1:]] == ["incidents"]
    code, _, err = run_cli("import", p, "--project", project_path, "--sheet", "Nope")
    assert code == 1 and "no sheet named 'Nope'" in err


def test_codebook_sheet_sets_direction_and_units(tmp_path: Path, run_cli, project_path: Path):
    sheets = {"Data": [LONG_ROWS[0], ["Alpha", "trust", "2024-01", 1]],
              "Codebook": [["indicator", "name", "direction", "unit", "domain"],
                           ["trust", "Trust in others", "higher is better", "%", "trust"]]}
    p = write_openpyxl(tmp_path / "cb.xlsx", sheets)
    code, out, _ = run_cli("import", p, "--project", project_path)
    assert code == 0 and "codebook of 1 indicator(s)" in out
    con = sqlite3.connect(project_path)
    assert con.execute("SELECT key, name, direction, unit, domain FROM indicator").fetchall() == [
        ("trust", "Trust in others", "higher_is_better", "%", "trust")]
    con.close()


def test_save_mapping_then_reuse_it_next_month(tmp_path: Path, run_cli, project_path: Path):
    rows = [["Where", "What", "When", "How much"], ["Alpha", "trust", "03/04/2024", 1.5]]
    jan = write_openpyxl(tmp_path / "jan.xlsx", {"Data": rows})
    code, _, err = run_cli("import", jan, "--project", project_path)
    assert code == 2 and "no data table" in err
    m = tmp_path / "m.toml"
    m.write_text('region = "Where"\nindicator = "What"\nperiod = "When"\nvalue = "How much"\n'
                 'period_format = "mdy"\n', encoding="utf-8")
    saved = tmp_path / "saved.toml"
    code, out, err = run_cli("import", jan, "--project", project_path, "--mapping", m, "--save-mapping", saved)
    assert code == 0, err
    assert data_rows(run_cli, project_path)[1][2] == "2024-03-04"
    import tomllib

    doc = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert doc["sheets"]["Data"]["region"] == "Where" and doc["sheets"]["Data"]["period_format"] == "mdy"
    feb = write_openpyxl(tmp_path / "feb.xlsx", {"Data": [rows[0], ["Alpha", "trust", "04/05/2024", 2]]})
    assert run_cli("import", feb, "--project", project_path, "--mapping", saved)[0] == 0
    assert [r[2] for r in data_rows(run_cli, project_path)[1:]] == ["2024-03-04", "2024-04-05"]


def test_bad_mapping_file_is_one_error_line(tmp_path: Path, run_cli, project_path: Path):
    p = write_openpyxl(tmp_path / "a.xlsx", {"Data": LONG_ROWS})
    m = tmp_path / "m.toml"
    m.write_text('colour = "blue"\n', encoding="utf-8")
    code, _, err = run_cli("import", p, "--project", project_path, "--mapping", m)
    assert code == 1 and err.startswith("error: mapping: unknown key(s) colour")
    m.write_text("this is = not toml [", encoding="utf-8")
    code, _, err = run_cli("import", p, "--project", project_path, "--mapping", m)
    assert code == 1 and "not valid TOML" in err
    assert not project_path.exists()


def test_help_for_both_commands(capsys):
    import pytest

    from workbench.cli import main

    for cmd in ("import", "data"):
        with pytest.raises(SystemExit) as exc:
            main([cmd, "--help"])
        assert exc.value.code == 0 and "--project" in capsys.readouterr().out


def test_data_on_missing_project_is_an_error(tmp_path: Path, run_cli):
    code, _, err = run_cli("data", "--project", tmp_path / "none.wbproj", "--format", "csv")
    assert code == 2 and err.startswith("error: project")


def test_stored_report_is_bounded_but_every_rejected_row_is_kept(tmp_path: Path, run_cli, project_path: Path):
    import json

    lines = ["district,indicator,month,value", "Alpha,t,2024-01,1"] + [f"Alpha,t,2024-02,bad{i}" for i in range(250)]
    p = write_csv(tmp_path / "many.csv", "\n".join(lines) + "\n")
    code, out, _ = run_cli("import", p, "--project", project_path)
    assert code == 0 and "… and 240 more rejected row(s)" in out
    con = sqlite3.connect(project_path)
    report = json.loads(con.execute("SELECT report FROM import").fetchone()[0])
    assert report["rows_rejected"] == 250 and len(report["rejected"]) == 200
    assert con.execute("SELECT count(*) FROM rejected_row").fetchone()[0] == 250
    con.close()


def test_saved_mapping_applies_to_next_months_csv_with_another_name(tmp_path: Path, run_cli, project_path: Path):
    head = "Lieu;Quoi;Quand;Combien\n"
    march = write_csv(tmp_path / "report_2024_03.csv", head + "Alpha;trust;01/03/2024;1,5\n", "cp1252")
    m = tmp_path / "m.toml"
    m.write_text('region = "Lieu"\nindicator = "Quoi"\nperiod = "Quand"\nvalue = "Combien"\n', encoding="utf-8")
    saved = tmp_path / "saved.toml"
    assert run_cli("import", march, "--project", project_path, "--mapping", m, "--save-mapping", saved)[0] == 0
    april = write_csv(tmp_path / "report_2024_04.csv", head + "Alpha;trust;01/04/2024;2,5\n", "cp1252")
    code, out, err = run_cli("import", april, "--project", project_path, "--mapping", saved)
    assert code == 0, err
    assert [r[2:4] for r in data_rows(run_cli, project_path)[1:]] == [["2024-03-01", "1.5"], ["2024-04-01", "2.5"]]


def test_mapping_files_that_cannot_be_read_or_written_are_one_error_line(tmp_path, run_cli) -> None:
    csv = tmp_path / "d.csv"
    csv.write_text("district,indicator,month,value\nKibali,trust,2024-01,41\n", encoding="utf-8")
    project = tmp_path / "p.wbproj"
    folder = tmp_path / "a_folder.toml"
    folder.mkdir()
    code, _, err = run_cli("import", csv, "--project", project, "--mapping", folder)
    assert code == 1 and err.startswith("error: cannot read mapping file") and len(err.splitlines()) == 1
    code, _, err = run_cli("import", csv, "--project", project, "--save-mapping", tmp_path / "nodir" / "m.toml")
    assert code == 1 and "does not exist" in err and len(err.splitlines()) == 1
    assert not project.exists()  # refused before anything was imported


def test_import_upgrades_a_project_of_an_older_schema_with_a_backup(tmp_path, run_cli) -> None:
    import sqlite3

    from workbench.store.backup import list_backups
    from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION

    csv = tmp_path / "d.csv"
    csv.write_text("district,indicator,month,value\nKibali,trust,2024-01,41\n", encoding="utf-8")
    old = tmp_path / "old.wbproj"
    con = sqlite3.connect(old)
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO meta(key, value) VALUES ('project_id', 'abc')")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    code, out, err = run_cli("import", csv, "--project", old, "--dry-run")
    assert code == 2 and "older schema" in err  # a dry run never changes the file
    code, out, err = run_cli("import", csv, "--project", old)
    assert code == 0, err
    con = sqlite3.connect(old)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()
    backups = list_backups(old)
    assert backups, "the upgrade keeps the file as it was"
    con = sqlite3.connect(backups[-1].path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    con.close()


def test_a_reading_that_is_not_clear_cut_writes_a_mapping_and_nothing_else(tmp_path: Path, run_cli, project_path: Path):
    nile = write_csv(tmp_path / "nile.csv", "time,value\n1871,1120\n1872,1160\n")
    code, out, err = run_cli("import", nile, "--project", project_path)
    assert code == 1 and not project_path.exists()
    assert "reading of sheet 'nile'" in out and "NOT clear-cut" in out and "region=nile" in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: nile.csv: the reading is not clear-cut")
    written = tmp_path / "nile.mapping.toml"
    assert lines[0].endswith(f"--mapping {written}")
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Workbench import mapping") and "# reading of sheet 'nile'" in text
    # The analyst names the place and confirms: the same file then imports.
    written.write_text(text.replace('fixed_region = "nile"', 'fixed_region = "Aswan"'), encoding="utf-8")
    code, out, err = run_cli("import", nile, "--project", project_path, "--mapping", written)
    assert code == 0, err
    assert data_rows(run_cli, project_path)[1:] == [["Aswan", "value", "1871-01-01", "1120", ""],
                                                    ["Aswan", "value", "1872-01-01", "1160", ""]]


def test_header_only_file_exits_2(tmp_path: Path, run_cli, project_path: Path):
    p = write_csv(tmp_path / "head.csv", "district,indicator,month,value\n")
    code, _, err = run_cli("import", p, "--project", project_path)
    assert code == 2 and err.strip() == "error: head.csv has a header but no data rows"
    assert not project_path.exists()
