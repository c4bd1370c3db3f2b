"""One output neutraliser for every CSV, xlsx, table, JSON and terminal output.

Notes, actors and district names come from people and imported files. Before, a carriage
return in a note or actor split a CSV row so that the next record started with a formula
(``history --format csv``, ``export --what history``), ``index --format csv`` printed formula
names raw, and escape sequences in names and notes reached the terminal. Every output path
is run here over a project full of hostile text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from alerts_factory import noise_series, with_step, write_series

from alerts import lifecycle
from alerts.engine import run_models
from workbench.exports.safe_cells import TRIGGERS, clean_text, csv_cell, json_text, table_cell
from workbench.store import open_project

ESC = "\x1b[2J\x1b]0;owned\x07"
BIDI = "\u202etxt.exe"
HOSTILE_REGION = f"=HYPERLINK(\"http://x\"){ESC}"
HOSTILE_INDICATOR = "@sum(a1)"
NOTES = [
    "first line\r=cmd|' /C calc'!A0",  # a CR that used to end the CSV record
    "fine\n-2+3\ntwo more lines",
    f"escape {ESC} and bidi {BIDI}",
    "\x9b31mC1 CSI\x00nul\x7fdel",
]
ACTORS = ["\r@evil", f"bidi{BIDI}", f"esc{ESC}"]
#: What no output may contain: C0 controls but TAB/LF, DEL, C1, bidi controls.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inject") / "p.wbproj"
    write_series(path, {(HOSTILE_REGION, HOSTILE_INDICATOR): with_step(noise_series(48, 1), 36, 8),
                        (HOSTILE_REGION, "trust"): noise_series(48, 2),
                        ("Arua", HOSTILE_INDICATOR): noise_series(48, 4),
                        ("Arua", "trust"): with_step(noise_series(48, 3), 40, 8)})
    run_models(path)
    with open_project(path) as p, p.transaction() as conn:
        for i, note in enumerate(NOTES):
            lifecycle.add_note(conn, 1, note, actor=ACTORS[i % len(ACTORS)])
    return path


def _csv_ok(text: str, columns: int | None = None) -> list[list[str]]:
    assert "\r" not in text and not FORBIDDEN.search(text)
    rows = list(csv.reader(io.StringIO(text)))
    if rows and rows[-1] == []:
        rows.pop()  # print() ends the CSV with one more line break
    width = columns or len(rows[0])
    for row in rows:
        assert len(row) == width, row  # no record was split
        for cell in row:
            assert not cell.startswith(TRIGGERS) or cell.startswith("'"), cell
    return rows


@pytest.mark.parametrize("command", [["history"], ["alerts"], ["runs"], ["alerts", "--situations"]])
def test_cli_csv_outputs_keep_one_record_per_row_and_no_formula(project: Path, run_cli, command) -> None:
    code, out, err = run_cli(*command, "--project", project, "--format", "csv")
    assert code == 0, err
    rows = _csv_ok(out)
    if command == ["history"]:
        notes = [r[rows[0].index("note")] for r in rows[1:]]
        assert "first line\n=cmd|' /C calc'!A0" in notes  # the CR became a line break inside quotes
        actors = {r[rows[0].index("actor")] for r in rows[1:]}
        assert "'\n@evil" in actors  # starts like a formula once the CR is a line break: neutralised


@pytest.mark.parametrize("command", [["history"], ["alerts"], ["runs"], ["alerts", "--situations"]])
def test_cli_tables_are_one_line_per_record_and_terminal_safe(project: Path, run_cli, command) -> None:
    code, out, err = run_cli(*command, "--project", project, "--format", "table")
    assert code == 0, err
    assert "\r" not in out and not FORBIDDEN.search(out)
    if command == ["history"]:
        with open_project(project, readonly=True) as p:
            events = p.conn.execute("SELECT count(*) FROM alert_event").fetchone()[0]
        assert len(out.strip().splitlines()) == events + 1  # header + one line per event


@pytest.mark.parametrize("command", [["history"], ["alerts"], ["runs"]])
def test_cli_json_keeps_values_exactly_with_dangerous_characters_escaped(project: Path, run_cli,
                                                                         command) -> None:
    code, out, err = run_cli(*command, "--project", project, "--format", "json")
    assert code == 0, err
    assert not FORBIDDEN.search(out)
    records = json.loads(out)
    if command == ["history"]:
        assert {r["note"] for r in records} >= set(NOTES)  # exactly as written
        assert {r["actor"] for r in records} >= set(ACTORS)


def test_data_and_index_csv_neutralise_names_and_headers(project: Path, run_cli) -> None:
    code, out, _ = run_cli("data", "--project", project, "--format", "csv")
    assert code == 0
    _csv_ok(out)
    code, out, err = run_cli("index", "--project", project, "--format", "csv")
    assert code == 0, err
    rows = _csv_ok(out)
    regions = [r[rows[0].index("region")] for r in rows[1:]]
    assert any(r.startswith("'=HYPERLINK") for r in regions) and not any(r.startswith("=") for r in regions)
    code, out, _ = run_cli("index", "--project", project, "--format", "json")
    assert code == 0 and not FORBIDDEN.search(out)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_history_in_every_format(project: Path, tmp_path: Path, run_cli, fmt: str) -> None:
    out = tmp_path / f"h.{fmt}"
    code, _, err = run_cli("export", "--project", project, "--what", "history", "--out", out)
    assert code == 0, err
    if fmt == "csv":
        _csv_ok(out.read_text(encoding="utf-8"))
    elif fmt == "json":
        text = out.read_text(encoding="utf-8")
        assert not FORBIDDEN.search(text)
        assert {r["note"] for r in json.loads(text)} >= set(NOTES)
    else:
        _xlsx_ok(out)


def _xlsx_ok(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    assert not cell.value.startswith(TRIGGERS) or cell.value.startswith("'"), cell.value
                    assert not FORBIDDEN.search(cell.value) and "\r" not in cell.value, repr(cell.value)


def test_report_xlsx_is_neutralised(project: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "brief.xlsx"
    code, _, err = run_cli("report", "--project", project, "--out", out)
    assert code == 0, err
    _xlsx_ok(out)


def test_error_lines_never_carry_escape_sequences(project: Path, run_cli) -> None:
    code, out, err = run_cli("alert", "1", "--project", project, "--set", f"closed{ESC}")
    assert code == 1 and err.count("\n") == 1 and not FORBIDDEN.search(err)
    code, out, err = run_cli("alerts", "--project", project, "--region", ESC)
    assert code == 0 and not FORBIDDEN.search(out + err)


@pytest.mark.parametrize("text", [*NOTES, *ACTORS, HOSTILE_REGION, "\ufe0f\u200d emoji \U0001F600", "Lomé"])
def test_the_neutraliser_functions(text: str) -> None:
    cleaned = clean_text(text)
    assert "\r" not in cleaned and not FORBIDDEN.search(cleaned)
    assert "\n" not in table_cell(text) and "\t" not in table_cell(text)
    cell = csv_cell(text)
    assert not cell.startswith(TRIGGERS) or cell.startswith("'")
    assert json.loads(json_text(text)) == text and not FORBIDDEN.search(json_text(text))
    if text == "Lomé":
        assert cleaned == text == cell  # ordinary text is never touched
