"""Exports to CSV/JSON/xlsx: stable columns, UTF-8, and no text that a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from workbench.exports.safe_cells import safe_frame, safe_text
from workbench.exports.tabular import write_table

sys.path.insert(0, str(Path(__file__).parent))
from briefs_factory import HOSTILE, build_project  # noqa: E402

FORMULA_TEXT = [*HOSTILE, "\tx", "\r=1+1", "-", "="]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("exports") / "brief.wbproj")


# -- the neutraliser ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", FORMULA_TEXT)
def test_formula_looking_text_gets_an_apostrophe(text: str) -> None:
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("value", ["Kibali", "", "a=b", "Lomé", " =x", "'=already"])
def test_ordinary_text_is_left_alone(value: str) -> None:
    assert safe_text(value) == value


@pytest.mark.parametrize("value", [-2.5, -3, 0, float("nan"), None])
def test_numbers_and_missing_values_are_not_text(value: object) -> None:
    out = safe_text(value)
    assert out is value


def test_frame_neutralises_text_cells_only() -> None:
    df = pd.DataFrame({
        "name": ["=1+2", "ok", None, "-x"],
        "mixed": ["@a", -1.0, 2, "+b"],
        "value": [-1.5, -2.0, np.nan, 3.0],
        "when": pd.to_datetime(["2024-01-01"] * 4),
    })
    out = safe_frame(df)
    assert out["name"].tolist()[:2] == ["'=1+2", "ok"] and out["name"].iloc[3] == "'-x"
    assert pd.isna(out["name"].iloc[2])
    assert out["mixed"].tolist() == ["'@a", -1.0, 2, "'+b"]
    assert out["value"].dtype == np.float64 and out["value"].iloc[0] == -1.5
    assert df["name"].iloc[0] == "=1+2"  # the input is not changed


def test_table_writer_puts_tab_and_cr_text_in_xlsx_as_strings(tmp_path: Path) -> None:
    df = pd.DataFrame({"region": ["\tx", "\r=1", "=A1"], "value": [-1.0, 2.0, -3.25]})
    write_table(df, tmp_path / "t.xlsx", "xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    cells = [ws.cell(row=r, column=1) for r in (2, 3, 4)]
    assert all(c.data_type == "s" and c.value.startswith("'") for c in cells)
    assert [ws.cell(row=r, column=2).value for r in (2, 3, 4)] == [-1.0, 2.0, -3.25]
    assert ws.cell(row=2, column=2).data_type == "n"


# -- the export command ---------------------------------------------------------------------------
def test_observations_csv_has_stable_columns_and_safe_names(project: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "obs.csv"
    code, stdout, stderr = run_cli("export", "--project", project, "--what", "observations", "--out", out)
    assert code == 0, stderr
    assert stdout.startswith("576 observations row(s) written to")
    text = out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["region", "province", "indicator", "group", "period", "freq", "value", "unit"]
    assert len(rows) == 6 * 2 * 48
    regions = {r["region"] for r in rows}
    assert {"'" + h for h in HOSTILE} <= regions
    assert not any(r["region"].startswith(("=", "+", "-", "@")) for r in rows)
    assert "Lomé" in regions  # UTF-8, no mojibake
    negative = [r["value"] for r in rows if r["indicator"] == "net_change"]
    assert all(not v.startswith("'") for v in negative)
    assert sum(float(v) < 0 for v in negative) > 0.9 * len(negative)


def test_observations_xlsx_cells_are_text_or_numbers_never_formulas(project: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "obs.xlsx"
    code, _, stderr = run_cli("export", "--project", project, "--what", "observations", "--format", "xlsx",
                              "--out", out)
    assert code == 0, stderr
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == ["region", "province", "indicator", "group", "period", "freq", "value", "unit"]
    seen = set()
    for row in ws.iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row)
        seen.add(row[0].value)
        if row[2].value == "net_change":
            assert row[6].data_type == "n"
    assert {"'" + h for h in HOSTILE} <= seen
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(2, 50))


def test_json_keeps_exact_names(project: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "alerts.json"
    code, _, stderr = run_cli("export", "--project", project, "--what", "alerts", "--out", out)
    assert code == 0, stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    assert set(HOSTILE) <= {r["region"] for r in records}  # JSON is for programs: values stay exact
    first = records[0]
    for field in ("id", "region", "province", "indicator", "rule", "method", "first_period", "last_period",
                  "severity", "status", "score", "explanation"):
        assert field in first
    closed = [r for r in records if r["status"] == "closed"]
    assert [r["region"] for r in closed] == ["Kibali"]


def test_alerts_xlsx_and_csv_agree(project: Path, tmp_path: Path, run_cli) -> None:
    from alerts.listing import FIELDS

    for fmt in ("csv", "xlsx"):
        code, _, stderr = run_cli("export", "--project", project, "--what", "alerts", "--out", tmp_path / f"a.{fmt}")
        assert code == 0, stderr
    csv_rows = list(csv.reader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8"))))
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    expected = FIELDS[:FIELDS.index("region") + 1] + ["province"] + FIELDS[FIELDS.index("region") + 1:]
    assert csv_rows[0] == expected
    assert [c.value for c in ws[1]] == expected
    assert len(csv_rows) - 1 == ws.max_row - 1 == 6  # one alert per district's jump
    col = expected.index("region")
    assert sorted(r[col] for r in csv_rows[1:]) == sorted(ws.cell(row=i, column=col + 1).value for i in range(2, 8))


def test_history_export_neutralises_notes(project: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "h.csv"
    code, _, stderr = run_cli("export", "--project", project, "--what", "history", "--out", out)
    assert code == 0, stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0])[:4] == ["at", "alert_id", "region", "indicator"]
    notes = [r["note"] for r in rows if r["actor"] == "tester"]
    assert notes == ["seen", "confirmed by the field office", "'=cmd|' /C calc'!A0"]


def test_backtest_export(project: Path, tmp_path: Path, run_cli) -> None:
    truth = tmp_path / "truth.csv"
    truth.write_text("region,indicator,onset,end\nKibali,incidents,2024-05-01,2024-12-01\n"
                     "Lomé,incidents,2024-05-01,2024-12-01\n", encoding="utf-8")
    out = tmp_path / "bt.json"
    code, _, stderr = run_cli("export", "--project", project, "--what", "backtest", "--truth", truth, "--out", out)
    assert code == 0, stderr
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert list(rows[0]) == ["rule", "truth_episodes", "detected", "detection_rate", "median_delay_months",
                             "false_alarms", "series_years", "false_alarms_per_series_year", "alerts", "scale",
                             "missed"]
    shipped = next(r for r in rows if r["rule"] == "escalation")
    assert shipped["truth_episodes"] == 2 and shipped["detected"] == 2


def test_export_errors_are_one_line(project: Path, tmp_path: Path, run_cli) -> None:
    code, _, stderr = run_cli("export", "--project", project, "--what", "alerts", "--out", tmp_path / "a.txt")
    assert code == 1 and stderr.startswith("error: ") and stderr.count("\n") == 1
    code, _, stderr = run_cli("export", "--project", project, "--what", "alerts", "--out",
                              tmp_path / "missing" / "a.csv")
    assert code == 2 and "does not exist" in stderr  # an output that cannot be written: refused
    assert not list(tmp_path.glob("*.part"))


# -- the existing csv outputs ------------------------------------------------------------------
def test_data_and_alerts_csv_outputs_neutralise_text(project: Path, run_cli) -> None:
    code, stdout, _ = run_cli("data", "--project", project, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert {r["region"] for r in rows} >= {"'" + h for h in HOSTILE}
    assert any(r["value"].startswith("-") for r in rows)  # numbers are untouched
    for cmd in ("alerts", "history"):
        code, stdout, _ = run_cli(cmd, "--project", project, "--format", "csv")
        assert code == 0
        regions = {r["region"] for r in csv.DictReader(io.StringIO(stdout))}
        assert "'" + HOSTILE[0] in regions and HOSTILE[0] not in regions
