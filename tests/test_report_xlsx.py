"""The Excel brief, opened with openpyxl: sheets, a known alert, formats, and no formulas."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from briefs_factory import HOSTILE, ONSET, build_project  # noqa: E402

SHEETS = ["Summary", "Meeting", "Alerts", "Alert history", "Changes", "Indicators (monthly)", "Index"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("xlsx") / "brief.wbproj")


@pytest.fixture(scope="module")
def brief(project: Path, tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    from workbench.cli import main

    out = tmp_path_factory.mktemp("xlsx-out") / "brief.xlsx"
    assert main(["report", "--project", str(project), "--out", str(out)]) == 0
    return openpyxl.load_workbook(out)


def rows(ws: object, header_row: int = 1) -> list[dict]:
    values = list(ws.iter_rows(min_row=header_row, values_only=True))
    return [dict(zip(values[0], r)) for r in values[1:]]


def test_sheets(brief: openpyxl.Workbook) -> None:
    assert brief.sheetnames == SHEETS


def active_alerts(project: Path) -> object:
    """What ``workbench alerts --active`` lists: the inbox's default view."""
    from alerts.listing import alerts_frame
    from workbench.store import open_project

    with open_project(project, readonly=True) as p:
        df = alerts_frame(p.conn, active=True)
    return df


def test_summary_counts_and_changes(brief: openpyxl.Workbook, project: Path) -> None:
    ws = brief["Summary"]
    label = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)}
    assert label["Project"] == "brief"
    assert label["Data up to"] == "December 2024"
    from alerts.views import situations

    active = active_alerts(project)
    expected = active["severity"].value_counts()
    assert len(expected) and expected.sum() == 5  # every district but Kibali (closed) has an active alert
    by_sev = situations(active)["severity"].value_counts()
    sev_rows = {ws.cell(row=r, column=1).value: (ws.cell(row=r, column=2).value, ws.cell(row=r, column=3).value)
                for r in range(9, 12)}
    assert sev_rows == {s: (int(by_sev.get(s, 0)), int(expected.get(s, 0))) for s in ("high", "medium", "low")}
    assert label["total active"] == 5
    assert label["new alerts"] == 0 and label["closed alerts"] == 1  # the second run found nothing new
    by_province = {r[0]: r[4] for r in ws.iter_rows(min_row=16, max_row=17, max_col=5, values_only=True)}
    assert by_province == {"North": 2, "South": 3}
    assert len(ws._charts) == 1  # the native bar chart of active alerts by province


def test_alerts_sheet_has_the_contract_fields_and_a_known_row(brief: openpyxl.Workbook) -> None:
    ws = brief["Alerts"]
    header = [c.value for c in ws[1]]
    for f in ("id", "region", "indicator", "rule", "method", "first period", "last period", "severity", "status",
              "score", "explanation", "group", "situation id", "waiting days"):
        assert f in header
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    table = rows(ws)
    kibali = next(r for r in table if r["region"] == "Kibali")
    assert kibali["status"] == "closed" and kibali["indicator"] == "incidents"
    assert kibali["province"] == "North" and kibali["severity"] in ("low", "medium", "high")
    assert kibali["first period"].strftime("%Y-%m") == f"2024-{ONSET - 36 + 1:02d}"
    assert "incidents in Kibali rose" in kibali["explanation"]
    col = header.index("first period") + 1
    assert ws.cell(row=2, column=col).number_format == "yyyy-mm"
    assert ws.cell(row=2, column=header.index("score") + 1).data_type == "n"
    assert table[-1]["status"] == "closed"  # open alerts first
    assert ws.conditional_formatting  # severity colours


def test_history_and_changes(brief: openpyxl.Workbook) -> None:
    history = rows(brief["Alert history"])
    mine = [r for r in history if r["actor"] == "tester"]
    assert [r["to status"] for r in mine] == ["acknowledged", "verified", "closed"]
    assert mine[-1]["note"] == "'=cmd|' /C calc'!A0"
    changes = rows(brief["Changes"])
    assert [(r["change"], r["region"]) for r in changes] == [("closed", "Kibali")]


def test_indicator_tables_show_the_last_24_months_with_episodes(brief: openpyxl.Workbook) -> None:
    ws = brief["Indicators (monthly)"]
    header = [c.value for c in ws[2]]
    assert header[:7] == ["region", "province", "indicator", "group", "unit", "severity", "alerts"]
    periods = header[7:]
    assert len(periods) == 24 and periods[-1].strftime("%Y-%m") == "2024-12"
    assert ws.freeze_panes == "H3"
    body = list(ws.iter_rows(min_row=3))
    assert len(body) == 5  # one row per series behind an open alert (Kibali's is closed)
    assert "Kibali" not in {r[0].value for r in body}
    from alerts.report_xlsx import SEVERITY_FILL

    row = next(r for r in body if r[0].value == "Lomé" and r[2].value == "incidents")
    onset_col = 7 + periods.index(next(p for p in periods if p.strftime("%Y-%m") == "2024-05"))
    assert row[onset_col].fill.fgColor.rgb.endswith(SEVERITY_FILL[row[5].value])  # inside the episode
    assert row[7].fill.fgColor.rgb in ("00000000", None)  # before it


def test_index_sheet(brief: openpyxl.Workbook) -> None:
    ws = brief["Index"]
    assert "Rank 1 = most at risk" in ws["A2"].value
    header = [c.value for c in ws[4]]
    assert header[:9] == ["rank", "region", "province", "score", "rank median", "rank interval", "rank p05",
                          "rank p95", "top k share"]
    table = rows(ws, 4)
    assert len(table) == 6 and [r["rank"] for r in table] == sorted(r["rank"] for r in table)
    assert all(r["rank p05"] <= r["rank median"] <= r["rank p95"] for r in table)
    assert ws.freeze_panes == "A5" and len(ws._charts) == 1


@pytest.mark.parametrize("sheet", SHEETS)
def test_no_cell_is_a_formula_and_hostile_names_are_text(brief: openpyxl.Workbook, sheet: str) -> None:
    for row in brief[sheet].iter_rows():
        for c in row:
            assert c.data_type != "f", (sheet, c.coordinate, c.value)
            if isinstance(c.value, str):
                assert not c.value.startswith(("=", "+", "-", "@", "\t", "\r")), (sheet, c.coordinate, c.value)
    if sheet in ("Alerts", "Indicators (monthly)", "Index"):
        names = {c.value for row in brief[sheet].iter_rows() for c in row if isinstance(c.value, str)}
        assert {"'" + h for h in HOSTILE} <= names


def test_unknown_extension_is_one_error_line(project: Path, tmp_path: Path, run_cli) -> None:
    code, out, err = run_cli("report", "--project", project, "--out", tmp_path / "brief.docx")
    assert code == 1 and out == ""
    assert err == "error: cannot write a brief with '.docx'; use one of: .pdf, .xlsx\n"
    assert not list(tmp_path.iterdir())


def test_pdf_without_the_gui_layer_is_one_error_line(project: Path, tmp_path: Path, run_cli,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata as md

    class MissingGui:
        name = "pdf"

        def load(self) -> None:
            raise ModuleNotFoundError("No module named 'PySide6'", name="PySide6")

    real = md.entry_points

    def fake(**kw: str) -> object:
        if kw.get("group") == "workbench.report_formats":
            return [MissingGui()]
        return real(**kw)

    monkeypatch.setattr(md, "entry_points", fake)
    code, _, err = run_cli("report", "--project", project, "--out", tmp_path / "brief.pdf")
    assert code == 1
    assert err.startswith("error: the .pdf brief needs the desktop layer") and "PySide6" in err
    assert err.count("\n") == 1


def test_missing_project_is_a_project_error(tmp_path: Path, run_cli) -> None:
    code, _, err = run_cli("report", "--project", tmp_path / "nope.wbproj", "--out", tmp_path / "b.xlsx")
    assert code == 2 and err.startswith("error: ")


def test_risk_grid_follows_the_alerts(project: Path) -> None:
    """The heatmap behind the PDF is computed headless: strongest alert per district and month."""
    from alerts.brief_data import collect_brief, risk_grid

    grid = risk_grid(collect_brief(project), months=12)
    assert [m.strftime("%Y-%m") for m in grid.months[[0, -1]]] == ["2024-01", "2024-12"]
    assert set(grid.regions) == {*HOSTILE, "Kibali", "Lomé"}
    assert grid.provinces[grid.regions.index("Kibali")] == "North"
    row = grid.strength[grid.regions.index("Kibali")]  # its alert is closed: still on the map
    assert row[:4].tolist() == [0, 0, 0, 0] and row[4:].tolist() == [3] * 8
