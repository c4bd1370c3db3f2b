"""Next month's file: a likely typo of a known name is held, a clearly new name is added.

Issue 14, item 10. The CLI exits 1 without writing, lists the nearest existing names and
writes a mapping whose ``[names]`` tables keep each held name as new (the safe default),
the existing names it resembles in a comment; the analyst writes one of them to store the
values under it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from workbench.importer.names import check_names, nearest

MARCH = ("district,indicator,month,value\n"
         "Ostrava Hills,hate speech reports,2024-03,4\n"
         "Karvina North,hate speech reports,2024-03,2\n"
         "Ostrava Hills,trust in neighbours,2024-03,61\n")
APRIL = ("district,indicator,month,value\n"
         "Ostrava Hils,hate speech report,2024-04,5\n"     # two typos
         "Karvina North,hate speech reports,2024-04,1\n"
         "Frydek Valley,hate speech reports,2024-04,0\n"   # a district new to the project
         "Ostrava Hills,trust in neighbours,2024-04,60\n")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def march_project(tmp_path: Path, run_cli, project_path: Path) -> Path:
    (tmp_path / "march.csv").write_text(MARCH)
    code, out, err = run_cli("import", tmp_path / "march.csv", "--project", project_path)
    assert code == 0, err
    assert "new region(s) added (2): Ostrava Hills, Karvina North" in out
    return project_path


def test_similarity_rules() -> None:
    existing = {"ostrava hills": "Ostrava Hills", "district 12": "District 12", "north kivu": "North Kivu",
                "upper nile": "Upper Nile", "hate speech reports": "hate speech reports"}
    assert nearest("Ostrava Hils", existing) == ["Ostrava Hills"]
    assert nearest("hate speech report", existing) == ["hate speech reports"]
    assert nearest("District 13", existing) == []      # another number is another district
    assert nearest("South Kivu", existing) == []       # ratio 0.80: a different province
    assert nearest("Lower Nile", existing) == []
    assert nearest("ostrava  HILLS", existing) == []   # the same name as the store matches it
    check = check_names({"regions": ["Ostrava Hils", "Frydek Valley"]}, {"regions": ["Ostrava Hills"]})
    assert [h.name for h in check.held] == ["Ostrava Hils"] and check.new["regions"] == ["Frydek Valley"]


def test_a_likely_typo_is_held_and_nothing_is_written(tmp_path: Path, run_cli, march_project: Path) -> None:
    april = tmp_path / "april.csv"
    april.write_text(APRIL)
    before = _digest(march_project)
    code, out, err = run_cli("import", april, "--project", march_project)
    assert code == 1
    # Held names are decisions of the reading, asked like a column the importer is unsure of.
    assert "NOT clear-cut" in out
    # The safe choice (kept as new) is the default; the existing name is the alternative.
    assert "? names.regions 'Ostrava Hils' -> 'Ostrava Hils' (as new)" in out
    assert "(or: Ostrava Hills)" in out
    assert "? names.indicators 'hate speech report' -> 'hate speech report' (as new)" in out
    assert err.startswith("error: april.csv: 2 name(s) resemble names the project already has")
    assert err.count("\n") == 1 and "--mapping" in err
    assert _digest(march_project) == before  # not a byte changed
    confirm = tmp_path / "april.mapping.toml"
    text = confirm.read_text()
    assert ("[names.regions]\n# resembles 'Ostrava Hills' (a likely typo?): kept as a new name; write "
            "'Ostrava Hills' instead to store its values under that name\n\"Ostrava Hils\" = \"Ostrava Hils\"") in text
    assert '\n"hate speech report" = "hate speech report"' in text
    # The analyst accepts the suggestions by writing the existing names.
    confirm.write_text(text.replace('"Ostrava Hils" = "Ostrava Hils"', '"Ostrava Hils" = "Ostrava Hills"')
                       .replace('"hate speech report" = "hate speech report"',
                                '"hate speech report" = "hate speech reports"'))

    code, out, err = run_cli("import", april, "--project", march_project, "--mapping", confirm)
    assert code == 0, err
    assert "new region(s) added (1): Frydek Valley" in out
    con = sqlite3.connect(march_project)
    assert sorted(r[0] for r in con.execute("SELECT name FROM region")) == [
        "Frydek Valley", "Karvina North", "Ostrava Hills"]
    assert con.execute(
        "SELECT o.value FROM observation o JOIN region r ON r.id = o.region_id JOIN indicator i"
        " ON i.id = o.indicator_id WHERE r.name = 'Ostrava Hills' AND i.key = 'hate speech reports'"
        " AND o.period = '2024-04-01'").fetchone() == (5.0,)


def test_a_held_name_mapped_to_itself_is_added_as_new(tmp_path: Path, run_cli, march_project: Path) -> None:
    april = tmp_path / "april.csv"
    april.write_text(APRIL)
    mapping = tmp_path / "names.toml"
    mapping.write_text('[names.regions]\n"Ostrava Hils" = "Ostrava Hils"\n'
                       '[names.indicators]\n"hate speech report" = "hate speech reports"\n')
    code, out, err = run_cli("import", april, "--project", march_project, "--mapping", mapping)
    assert code == 0, err
    assert "new region(s) added (2): Ostrava Hils, Frydek Valley" in out


def test_dry_run_lists_held_names_too(tmp_path: Path, run_cli, march_project: Path) -> None:
    april = tmp_path / "april.csv"
    april.write_text(APRIL)
    code, out, _ = run_cli("import", april, "--project", march_project, "--dry-run",
                           "--save-mapping", tmp_path / "confirm.toml")
    assert code == 1 and "names.regions 'Ostrava Hils'" in out
    assert (tmp_path / "confirm.toml").exists() and not (tmp_path / "april.mapping.toml").exists()


def test_a_bad_names_table_is_refused(tmp_path: Path, run_cli, march_project: Path) -> None:
    (tmp_path / "april.csv").write_text(APRIL)
    bad = tmp_path / "bad.toml"
    bad.write_text('[names.districts]\n"Ostrava Hils" = "Ostrava Hills"\n')
    code, _, err = run_cli("import", tmp_path / "april.csv", "--project", march_project, "--mapping", bad)
    assert code == 1 and err.startswith("error: mapping file bad.toml: [names] holds")


def test_a_saved_mapping_follows_a_header_moved_down_by_title_rows(tmp_path: Path, run_cli,
                                                                   project_path: Path) -> None:
    """March was saved with its header on row 1; April gains two title rows."""
    march = tmp_path / "march.csv"
    march.write_text("District,Indicator,Month,Value\nOstrava Hills,trust,2024-03,61\n")
    saved = tmp_path / "office.toml"
    code, _, err = run_cli("import", march, "--project", project_path, "--save-mapping", saved)
    assert code == 0, err
    assert "header_row = 1" in saved.read_text()
    april = tmp_path / "april.csv"
    april.write_text("Field office North - monthly return\nApril 2024\n"
                     "District,Indicator,Month,Value\nOstrava Hills,trust,2024-04,60\n")
    code, out, err = run_cli("import", april, "--project", project_path, "--mapping", saved)
    assert code == 0, err
    assert "header row 1 does not hold its columns; they were found in row 3" in out
    assert "rows read 1, kept 1" in out
