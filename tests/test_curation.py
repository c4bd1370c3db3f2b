"""``workbench rename|merge|delete region|indicator`` and ``workbench changes`` (issue 14, item 10)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from workbench.store.backup import list_backups

MARCH = ("district,province,indicator,month,value\n"
         "Ostrava Hills,North,hate speech reports,2024-03,4\n"
         "Ostrava Hills,North,trust,2024-03,61\n"
         "Karvina,North,hate speech reports,2024-03,2\n")
# Imported before the typo check existed (or accepted as new): the typo is now a district.
TYPO = ("district,province,indicator,month,value\n"
        "Ostrava Hils,North,hate speech reports,2024-04,5\n"
        "Ostrava Hils,North,hate speech report,2024-04,7\n"
        "Ostrava Hills,North,hate speech reports,2024-04,5\n")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path: Path, run_cli, project_path: Path) -> Path:
    (tmp_path / "march.csv").write_text(MARCH)
    (tmp_path / "typo.csv").write_text(TYPO)
    (tmp_path / "accept.toml").write_text('[names.regions]\n"Ostrava Hils" = "Ostrava Hils"\n'
                                          '[names.indicators]\n"hate speech report" = "hate speech report"\n')
    assert run_cli("import", tmp_path / "march.csv", "--project", project_path)[0] == 0
    code, _, err = run_cli("import", tmp_path / "typo.csv", "--project", project_path, "--mapping", tmp_path / "accept.toml")
    assert code == 0, err
    return project_path


def values(project: Path, region: str, indicator: str) -> dict[str, float]:
    con = sqlite3.connect(project)
    return dict(con.execute(
        "SELECT o.period, o.value FROM observation o JOIN region r ON r.id = o.region_id"
        " JOIN indicator i ON i.id = o.indicator_id WHERE r.name = ? AND i.key = ?", (region, indicator)))


def test_merge_region_moves_values_and_records_who_and_when(run_cli, project: Path) -> None:
    backups = len(list_backups(project))
    code, out, err = run_cli("merge", "region", "Ostrava Hils", "Ostrava Hills", "--project", project,
                             "--actor", "amina")
    assert code == 0, err
    assert "merged region 'Ostrava Hils' into 'Ostrava Hills': 1 value(s) moved" in out
    assert values(project, "Ostrava Hills", "hate speech reports") == {"2024-03-01": 4.0, "2024-04-01": 5.0}
    assert values(project, "Ostrava Hills", "hate speech report") == {"2024-04-01": 7.0}
    con = sqlite3.connect(project)
    assert con.execute("SELECT count(*) FROM region WHERE name = 'Ostrava Hils'").fetchone()[0] == 0
    assert len(list_backups(project)) == backups + 1  # the file as it was, first
    code, out, _ = run_cli("changes", "--project", project, "--format", "json")
    events = json.loads(out)
    assert [(e["actor"], e["action"], e["kind"], e["subject"], e["target"]) for e in events] == [
        ("amina", "merge", "region", "Ostrava Hils", "Ostrava Hills")]
    assert events[0]["at"].startswith("20")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM project_event")


def test_merge_with_differing_values_asks_which_to_keep(run_cli, project: Path) -> None:
    # 'hate speech report' (7 in April) and 'hate speech reports' (5) differ for Ostrava Hils.
    before = _digest(project)
    code, _, err = run_cli("merge", "indicator", "hate speech report", "hate speech reports", "--project", project)
    assert code == 1 and err.startswith("error: 1 value(s) of 'hate speech report' and 'hate speech reports' differ")
    assert err.count("\n") == 1 and _digest(project) == before
    code, out, err = run_cli("merge", "indicator", "hate speech report", "hate speech reports", "--project", project,
                             "--keep", "source")
    assert code == 0, err
    assert values(project, "Ostrava Hils", "hate speech reports") == {"2024-04-01": 7.0}
    assert "1 value(s) of 'hate speech reports' dropped" in out


def test_rename_region_and_indicator(run_cli, project: Path) -> None:
    code, out, err = run_cli("rename", "region", "Karvina", "Karvina North", "--project", project)
    assert code == 0 and out.strip() == "renamed region 'Karvina' to 'Karvina North'", err
    assert values(project, "Karvina North", "hate speech reports") == {"2024-03-01": 2.0}
    code, _, err = run_cli("rename", "region", "Karvina North", "Ostrava Hills", "--project", project)
    assert code == 1 and "already exists" in err and "workbench merge region" in err
    code, _, err = run_cli("rename", "indicator", "trust", "trust in neighbours", "--project", project)
    assert code == 0, err
    assert values(project, "Ostrava Hills", "trust in neighbours") == {"2024-03-01": 61.0}
    code, out, _ = run_cli("changes", "--project", project)
    assert "rename  region    Karvina -> Karvina North" in out


def test_rename_carries_alerts(run_cli, project: Path) -> None:
    con = sqlite3.connect(project)
    con.execute("INSERT INTO alert(uid, rule, region, indicator, method, first_period, last_period, peak_period,"
                " severity, status, explanation) VALUES ('u1','r','Ostrava Hils','hate speech reports','m',"
                "'2024-04-01','2024-04-01','2024-04-01','high','new','x')")
    con.commit()
    con.close()
    code, _, err = run_cli("delete", "region", "Ostrava Hils", "--project", project)
    assert code == 1 and "1 open alert(s)" in err
    assert run_cli("merge", "region", "Ostrava Hils", "Ostrava Hills", "--project", project)[0] == 0
    con = sqlite3.connect(project)
    assert con.execute("SELECT region FROM alert").fetchone() == ("Ostrava Hills",)


def test_delete_region_and_indicator(run_cli, project: Path) -> None:
    code, out, err = run_cli("delete", "indicator", "hate speech report", "--project", project)
    assert code == 0 and "deleted indicator 'hate speech report' and its 1 value(s)" in out, err
    code, _, err = run_cli("delete", "region", "North", "--project", project)
    assert code == 1 and "holds 3 other region(s)" in err
    code, _, _ = run_cli("delete", "region", "Ostrava Hils", "--project", project)
    assert code == 0
    assert values(project, "Ostrava Hils", "hate speech reports") == {}
    code, out, _ = run_cli("changes", "--project", project, "--format", "csv")
    assert out.splitlines()[0] == "id,at,actor,action,kind,subject,target,details"
    assert len(out.splitlines()) == 3


@pytest.mark.parametrize("args, words", [
    (("rename", "region", "Nowhere", "X"), "no region named 'Nowhere'"),
    (("merge", "region", "Ostrava Hils"), "merge region needs SOURCE and TARGET"),
    (("merge", "region", "Karvina", "Karvina"), "are the same region"),
    (("delete", "indicator", "nothing"), "no indicator named 'nothing'"),
])
def test_errors_are_one_line_and_change_nothing(run_cli, project: Path, args, words) -> None:
    before = _digest(project)
    code, out, err = run_cli(*args, "--project", project)
    assert code == 1 and err.startswith("error: ") and words in err and err.count("\n") == 1
    assert _digest(project) == before


def test_a_missing_project_is_unusable(run_cli, tmp_path: Path) -> None:
    code, _, err = run_cli("rename", "region", "A", "B", "--project", tmp_path / "none.wbproj")
    assert code == 2 and "does not exist" in err


def test_merging_projects_still_works_and_refuses_names(run_cli, project: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("merge", tmp_path / "other.wbproj", "extra", "--project", project)
    assert code == 1 and "takes no names" in err


# -- identity (migration 5): aliases and aggregates follow a rename, merge or delete ------

def _aliases(project: Path, region: str) -> set[str]:
    con = sqlite3.connect(project)
    return {k for (k,) in con.execute("SELECT a.key FROM region_alias a JOIN region r ON r.id = a.region_id"
                                      " WHERE r.name = ?", (region,))}


def test_a_renamed_region_keeps_its_old_name_for_next_months_file(run_cli, project: Path, tmp_path: Path) -> None:
    assert run_cli("rename", "region", "Karvina", "Karvina North", "--project", project)[0] == 0
    assert _aliases(project, "Karvina North") == {"karvina"}
    may = tmp_path / "may.csv"
    may.write_text("district,province,indicator,month,value\nKarvina,North,hate speech reports,2024-05,3\n")
    code, out, err = run_cli("import", may, "--project", project)
    assert code == 0, err
    assert "new region" not in out  # the old name is the renamed place, not a new one
    assert values(project, "Karvina North", "hate speech reports") == {"2024-03-01": 2.0, "2024-05-01": 3.0}
    # Renaming back drops the alias that is now the name again.
    assert run_cli("rename", "region", "Karvina North", "Karvina", "--project", project)[0] == 0
    assert _aliases(project, "Karvina") == {"karvina north"}


def test_a_merged_region_s_names_become_the_target_s(run_cli, project: Path, tmp_path: Path) -> None:
    assert run_cli("merge", "region", "Ostrava Hils", "Ostrava Hills", "--project", project)[0] == 0
    assert _aliases(project, "Ostrava Hills") == {"ostrava hils"}
    con = sqlite3.connect(project)
    assert con.execute("SELECT count(*) FROM region_alias a LEFT JOIN region r ON r.id = a.region_id"
                       " WHERE r.id IS NULL").fetchone()[0] == 0  # no alias left pointing nowhere
    con.close()
    may = tmp_path / "may.csv"
    may.write_text("district,province,indicator,month,value\nOstrava Hils,North,trust,2024-05,59\n")
    code, out, err = run_cli("import", may, "--project", project)
    assert code == 0, err  # not held as a typo, not a new district: the merged name is known
    assert values(project, "Ostrava Hills", "trust") == {"2024-03-01": 61.0, "2024-05-01": 59.0}


def test_homonyms_with_aliases_can_be_merged_and_deleted(run_cli, project_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "central.csv"
    f.write_text("district,province,indicator,month,value\nCentral,North,trust,2024-01,1\n"
                 "Central,South,trust,2024-01,2\nLakeside,South,incidents,2024-01,3\n")
    assert run_cli("import", f, "--project", project_path)[0] == 0
    con = sqlite3.connect(project_path)
    names = sorted(r[0] for r in con.execute("SELECT name FROM region WHERE level = 'district'"))
    con.close()
    assert names == ["Central (North)", "Central (South)", "Lakeside"]
    assert _aliases(project_path, "Central (South)") == {"central"}
    code, out, err = run_cli("merge", "region", "Central (South)", "Lakeside", "--project", project_path)
    assert code == 0, err
    assert _aliases(project_path, "Lakeside") == {"central", "central (south)"}
    code, out, err = run_cli("delete", "region", "Lakeside", "--project", project_path)
    assert code == 0, err  # its aliases go with it (they reference the region)
    assert _aliases(project_path, "Lakeside") == set()
    code, out, err = run_cli("rename", "region", "Central (North)", "Upper Central", "--project", project_path)
    assert code == 0, err


def test_an_aggregate_and_a_place_are_not_merged(run_cli, project_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "wdi.csv"
    f.write_text("Country Name,Country Code,Indicator,Year,Value\nWorld,WLD,population,2020,7.8\n"
                 "Kenya,KEN,population,2020,0.05\n")
    code, _, err = run_cli("import", f, "--project", project_path)
    assert code == 0, err
    before = _digest(project_path)
    code, _, err = run_cli("merge", "region", "World", "Kenya", "--project", project_path, "--level", "other")
    assert code == 1 and "no region named 'Kenya'" in err  # aggregates live at level 'other'
    con = sqlite3.connect(project_path)
    con.execute("UPDATE region SET level = 'other' WHERE name = 'Kenya'")  # only to reach the check
    con.commit()
    con.close()
    before = _digest(project_path)
    code, _, err = run_cli("merge", "region", "World", "Kenya", "--project", project_path, "--level", "other")
    assert code == 1 and "'World' is an aggregate" in err and err.count("\n") == 1
    assert _digest(project_path) == before
