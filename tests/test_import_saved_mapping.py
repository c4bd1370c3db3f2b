"""`workbench import --saved-mapping`: the mapping the app's wizard saved in the project, used
by the command line on request (one source of truth for how a monthly file is read)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from workbench.importer.mapping import Mapping
from workbench.store import imports as store_imports
from workbench.store import open_project

# Headers no detector can place: only a mapping says which column is what.
ROWS = "A1,B2,C3,D4\nNorthgate,trust,2024-01,55.5\nNorthgate,trust,2024-02,54.0\nEastfield,trust,2024-01,61.0\n"


def _project_with_saved_mapping(tmp_path: Path, run_cli) -> Path:
    project = tmp_path / "p.wbproj"
    seed = tmp_path / "seed.csv"
    seed.write_text("district,indicator,period,value\nNorthgate,trust,2023-12,56\n", encoding="utf-8")
    assert run_cli("import", seed, "--project", project)[0] == 0
    mapping = Mapping(layout="long", sheet="Monthly", region="A1", indicator="B2", period="C3", value="D4")
    with open_project(project) as opened, opened.transaction():
        # What the wizard stores: the whole Mapping, under the casefolded sheet name.
        store_imports.save_mappings(opened, {"monthly": asdict(mapping)})
    return project


def _values(project: Path) -> dict[tuple[str, str], float]:
    with open_project(project, readonly=True) as opened:
        frame = opened.observations()
    return {(r.region, r.period.strftime("%Y-%m")): r.value for r in frame.itertuples()}


def test_the_saved_mapping_reads_a_file_detection_cannot(tmp_path: Path, run_cli) -> None:
    project = _project_with_saved_mapping(tmp_path, run_cli)
    monthly = tmp_path / "Monthly.csv"  # the saved name in another case
    monthly.write_text(ROWS, encoding="utf-8")
    code, _out, _err = run_cli("import", monthly, "--project", project)
    assert code != 0  # without the mapping the headers say nothing
    before = _values(project)
    assert ("Eastfield", "2024-01") not in before

    code, out, err = run_cli("import", monthly, "--project", project, "--saved-mapping")
    assert code == 0, err
    assert "using the mapping saved in the project for 'monthly'" in out
    got = _values(project)
    assert got[("Northgate", "2024-01")] == 55.5
    assert got[("Northgate", "2024-02")] == 54.0
    assert got[("Eastfield", "2024-01")] == 61.0
    assert got[("Northgate", "2023-12")] == 56.0  # the seed's value is still there


def test_next_months_file_under_another_name_takes_the_only_saved_mapping(tmp_path: Path, run_cli) -> None:
    project = _project_with_saved_mapping(tmp_path, run_cli)
    march = tmp_path / "incidents_2024_03.csv"
    march.write_text("A1,B2,C3,D4\nNorthgate,trust,2024-03,52.0\n", encoding="utf-8")
    code, _out, err = run_cli("import", march, "--project", project, "--saved-mapping")
    assert code == 0, err
    assert _values(project)[("Northgate", "2024-03")] == 52.0


def test_a_file_the_saved_mapping_no_longer_fits_is_refused_and_changes_nothing(tmp_path: Path, run_cli) -> None:
    project = _project_with_saved_mapping(tmp_path, run_cli)
    renamed = tmp_path / "monthly.csv"
    renamed.write_text("Where,What,When,How many\nNorthgate,trust,2024-04,50\n", encoding="utf-8")
    before = project.read_bytes()
    code, _out, err = run_cli("import", renamed, "--project", project, "--saved-mapping")
    assert code in (1, 2)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), err
    assert project.read_bytes() == before


def test_no_saved_mapping_and_both_options_are_refused_in_one_line(tmp_path: Path, run_cli) -> None:
    project = tmp_path / "p.wbproj"
    seed = tmp_path / "seed.csv"
    seed.write_text("district,indicator,period,value\nNorthgate,trust,2023-12,56\n", encoding="utf-8")
    assert run_cli("import", seed, "--project", project)[0] == 0
    code, _out, err = run_cli("import", seed, "--project", project, "--saved-mapping")
    assert code == 1 and err.startswith("error: the project holds no saved mapping"), err
    mapping = tmp_path / "m.toml"
    mapping.write_text('layout = "long"\n', encoding="utf-8")
    code, _out, err = run_cli("import", seed, "--project", project, "--saved-mapping", "--mapping", mapping)
    assert code == 2 and "not allowed with argument" in err and len(err.strip().splitlines()) == 1, err
