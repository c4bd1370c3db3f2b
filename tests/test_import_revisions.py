"""Re-importing: the same file is skipped, a newer file revises values and records it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from import_files import LONG_ROWS, write_openpyxl
from workbench.errors import Cancelled
from workbench.importer.engine import import_file
from workbench.progress import CancelToken


def count(project: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(project)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_same_file_twice_is_skipped_with_a_message(tmp_path: Path, run_cli, project_path: Path):
    p = write_openpyxl(tmp_path / "jan.xlsx", {"Data": LONG_ROWS})
    assert run_cli("import", p, "--project", project_path)[0] == 0
    before = project_path.read_bytes()
    code, out, _ = run_cli("import", p, "--project", project_path)
    assert code == 0
    assert "jan.xlsx was already imported on " in out and "as import #1; nothing changed" in out
    assert project_path.read_bytes() == before
    assert count(project_path, "SELECT count(*) FROM observation") == [(4,)]


def test_copy_under_another_name_is_recognised_by_content(tmp_path: Path, project_path: Path):
    p = write_openpyxl(tmp_path / "jan.xlsx", {"Data": LONG_ROWS})
    import_file(p, project_path)
    copy = tmp_path / "jan (1).xlsx"
    copy.write_bytes(p.read_bytes())
    assert import_file(copy, project_path).status == "already imported"


def test_two_imports_of_one_file_racing_write_it_once(tmp_path: Path, project_path: Path, monkeypatch):
    """Both imports pass the first check (made before the file is read, without the write
    lock); the second to get the lock must find the first one's rows and write nothing."""
    import workbench.importer.engine as engine

    p = write_openpyxl(tmp_path / "jan.xlsx", {"Data": LONG_ROWS})
    assert import_file(p, project_path).status == "imported"
    real = engine._project_state
    monkeypatch.setattr(engine, "_project_state",  # as seen before the other import committed
                        lambda project, sha, dry_run: ({}, real(project, sha, dry_run)[1]))
    second = import_file(p, project_path)
    assert second.status == "already imported"
    assert "as import #1; nothing changed" in second.message
    assert second.import_ids == []
    assert count(project_path, "SELECT count(*) FROM import") == [(1,)]
    assert count(project_path, "SELECT count(*) FROM observation") == [(4,)]


def test_newer_file_revises_values_and_records_revisions(tmp_path: Path, project_path: Path):
    first = import_file(write_openpyxl(tmp_path / "v1.xlsx", {"Data": LONG_ROWS}), project_path)
    assert (first.values_new, first.values_revised) == (4, 0)
    rows = [r[:] for r in LONG_ROWS]
    rows[1][3] = 42.0  # Alpha Jan revised
    rows[4][3] = ".."  # Beta Feb withdrawn (now missing)
    rows.append(["Beta", "trust_index", "2024-03", 36])
    second = import_file(write_openpyxl(tmp_path / "v2.xlsx", {"Data": rows}), project_path)
    assert (second.values_new, second.values_revised, second.values_unchanged) == (1, 2, 2)
    assert count(project_path, "SELECT old_value, new_value, old_import_id, new_import_id FROM revision"
                               " ORDER BY period, region_id") == [(41.5, 42.0, 1, 2), (37.0, None, 1, 2)]
    assert count(project_path, "SELECT values_new, values_revised FROM import ORDER BY id") == [(4, 0), (1, 2)]
    assert count(project_path, "SELECT count(*) FROM observation") == [(5,)]


def test_same_file_with_a_new_mapping_is_imported_again(tmp_path: Path, project_path: Path):
    rows = [LONG_ROWS[0], ["Alpha", "t", "01/02/2024", 1]]
    p = write_openpyxl(tmp_path / "d.xlsx", {"Data": rows})
    assert import_file(p, project_path).status == "imported"
    again = import_file(p, project_path, mapping={"period_format": "mdy"})
    assert again.status == "imported"
    assert count(project_path, "SELECT period FROM observation ORDER BY period") == [("2024-01-02",), ("2024-02-01",)]


def test_cancel_before_writing_leaves_no_project(tmp_path: Path, project_path: Path):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        import_file(write_openpyxl(tmp_path / "a.xlsx", {"Data": LONG_ROWS}), project_path, cancel=token)
    assert not project_path.exists()


def test_failure_inside_the_transaction_leaves_project_bytes_unchanged(
    tmp_path: Path, project_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import_file(write_openpyxl(tmp_path / "a.xlsx", {"Data": LONG_ROWS}), project_path)
    before = project_path.read_bytes()
    from workbench.store.project import Project

    def boom(self, frame, import_id):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Project, "write_observations", boom)
    rows = [LONG_ROWS[0], ["Gamma", "new", "2024-05", 1]]
    with pytest.raises(RuntimeError):
        import_file(write_openpyxl(tmp_path / "b.xlsx", {"Data": rows}), project_path)
    assert project_path.read_bytes() == before


def test_progress_is_reported_to_the_end(tmp_path: Path, project_path: Path):
    seen: list[float] = []
    import_file(write_openpyxl(tmp_path / "a.xlsx", {"Data": LONG_ROWS}), project_path,
                progress=lambda f, m="": seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_other_sheets_of_a_file_imported_with_sheet_come_in_later(tmp_path: Path, project_path: Path):
    sheets = {"Trust": [LONG_ROWS[0], ["Alpha", "trust", "2024-01", 1]],
              "Incidents": [LONG_ROWS[0], ["Alpha", "incidents", "2024-01", 3]]}
    p = write_openpyxl(tmp_path / "two.xlsx", sheets)
    assert import_file(p, project_path, sheet="Trust").status == "imported"
    second = import_file(p, project_path)
    assert second.status == "imported" and second.values_new == 1
    assert import_file(p, project_path).status == "already imported"
    assert count(project_path, "SELECT sheet FROM import ORDER BY id") == [("Trust",), ("Incidents",)]


def test_units_already_in_the_project_flag_percentages_of_later_files(tmp_path: Path, project_path: Path):
    book = {"Indicators": [["indicator", "direction", "unit"], ["cohesion", "higher_is_better", "percent"]],
            "Data": [LONG_ROWS[0], ["Alpha", "cohesion", "2024-01", 50]]}
    import_file(write_openpyxl(tmp_path / "jan.xlsx", book), project_path)
    later = write_openpyxl(tmp_path / "feb.xlsx", {"Data": [LONG_ROWS[0], ["Alpha", "Cohesion", "2024-02", 130]]})
    result = import_file(later, project_path, dry_run=True)
    data = next(r for r in result.reports if r.sheet == "Data")
    assert [(i.row, i.reason) for i in data.suspicious] == [(2, "130 is above 100 for a percentage (Cohesion)")]


def test_a_group_spelled_differently_is_one_group_and_a_revision(tmp_path, run_cli) -> None:
    from workbench.store import open_project

    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("district,indicator,group,month,value\nKibali,trust,Youth,2024-01,5\n", encoding="utf-8")
    second.write_text("district,indicator,group,month,value\nKibali,trust, youth ,2024-01,6\n", encoding="utf-8")
    project = tmp_path / "p.wbproj"
    assert run_cli("import", first, "--project", project)[0] == 0
    assert run_cli("import", second, "--project", project)[0] == 0
    with open_project(project, readonly=True) as p:
        obs = p.observations()
        revisions = p.conn.execute("SELECT old_value, new_value FROM revision").fetchall()
    assert obs["group"].tolist() == ["youth"] and obs["value"].tolist() == [6.0]
    assert revisions == [(5.0, 6.0)]
