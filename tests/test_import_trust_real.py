"""What a new user met importing real World Bank and ACLED exports (issue 14, items 5 and 8).

* a growth rate in % (World Bank "GDP growth (annual %)") may be negative: it is not a share;
* a thousand homonyms kept apart are summarised on the terminal, every one still kept;
* aggregates (World, income groups) are kept apart at import and then left out of the
  index's ranking and of the alerts: they are not places to act in.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench.importer.extract import _kind

REAL = Path(__file__).parent / "data" / "real_exports"


@pytest.mark.parametrize(("label", "kind"), [
    ("ny.gdp.mktp.kd.zg \x1f\x1fGDP growth (annual %)", None),
    ("fp.cpi.totl.zg \x1f\x1fInflation, consumer prices (annual %)", None),
    ("prices \x1f\x1fConsumer prices, % change year-on-year", None),
    ("exports \x1f\x1fExports, rate of change", None),
    ("gdp \x1f%\x1fGDP growth", None),                 # a declared '%' of a growth: any sign
    ("prices \x1f% change\x1f", None),                   # a declared percent change
    ("sl.uem.totl.zs \x1f\x1fUnemployment, total (% of total labor force)", "percent"),
    ("share of youth in dialogue (%) \x1f\x1f", "percent"),
    ("trust \x1fpercent\x1fTrust in neighbours", "percent"),
    ("incidents \x1f\x1f", "count"),
])
def test_a_percent_change_is_not_a_share(label: str, kind: str | None) -> None:
    assert _kind(label) == kind


def test_world_bank_growth_rates_raise_no_percentage_warnings(tmp_path: Path, run_cli, project_path: Path) -> None:
    shutil.copy(REAL / "wb_databank_gdp_2000_2012.csv", tmp_path / "wb.csv")
    code, out, err = run_cli("import", tmp_path / "wb.csv", "--project", project_path, "--dry-run")
    assert code == 0, err
    assert "for a percentage" not in out and "suspicious" not in out


def test_shares_are_still_checked_and_a_codebook_range_decides(tmp_path: Path, run_cli, project_path: Path) -> None:
    path = tmp_path / "office.csv"
    path.write_text("district,indicator,month,value\n"
                    "North,share of youth in dialogue (%),2024-01,-3\n"
                    "North,food price change (%),2024-01,-12\n"
                    "North,food price change (%),2024-02,140\n")
    code, out, _ = run_cli("import", path, "--project", project_path, "--dry-run")
    assert code == 0
    assert "negative value -3 for a percentage (share of youth in dialogue (%))" in out
    assert "(food price change (%))" not in out  # a change: any sign, past 100 too
    book = tmp_path / "book.xlsx"
    import pandas as pd

    with pd.ExcelWriter(book) as xl:
        pd.DataFrame({"district": ["North", "North"], "indicator": ["food price change (%)"] * 2,
                      "month": ["2024-01", "2024-02"], "value": [-12, 140]}).to_excel(xl, sheet_name="Data", index=False)
        pd.DataFrame({"indicator": ["food price change (%)"], "unit": ["% change"], "direction": ["higher_is_worse"],
                      "min": [-50], "max": [100]}).to_excel(xl, sheet_name="Codebook", index=False)
    code, out, _ = run_cli("import", book, "--project", project_path, "--dry-run")
    assert "140 is outside the codebook's range -50 to 100 (food price change (%))" in out
    assert "-12" not in out


HOMONYMS = "".join(f"Central,Province {i},trust,2024-01,{i}\n" for i in range(8))


def test_many_homonyms_are_one_line_and_every_one_is_kept(tmp_path: Path, run_cli, project_path: Path) -> None:
    path = tmp_path / "central.csv"
    path.write_text("district,province,indicator,month,value\n" + HOMONYMS)
    code, out, err = run_cli("import", path, "--project", project_path, "--dry-run")
    assert code == 0, err
    lines = [line for line in out.splitlines() if "homonym" in line]
    assert len(lines) == 1
    assert lines[0].startswith("  note: 8 homonyms kept apart") and "--all-notes" in lines[0]
    assert "'Central' stored as 'Central (Province 0)'" in lines[0]
    assert "Central (Province 7)" not in lines[0]
    code, out, _ = run_cli("import", path, "--project", project_path, "--dry-run", "--all-notes")
    assert sum("homonym kept apart" in line for line in out.splitlines()) == 8
    code, _, err = run_cli("import", path, "--project", project_path)
    assert code == 0, err
    stored = json.loads(sqlite3.connect(project_path).execute("SELECT report FROM import").fetchone()[0])
    assert sum(n.startswith("homonym kept apart") for n in stored["notes"]) == 8


def _monthly(path: Path) -> Path:
    """Countries and aggregates, monthly; every series jumps in its last month."""
    rows = ["Country Name,Country Code,Indicator,Month,Value"]
    places = [("World", "WLD"), ("High income: OECD", "OEC"), ("Arab World", "ARB"),
              ("Uganda", "UGA"), ("Kenya", "KEN"), ("Chad", "TCD")]
    for k, (name, code) in enumerate(places):
        for m in range(1, 25):
            value = 10 + k + (m % 3) * 0.5 + (40 if m == 24 else 0) + (30 if name == "World" else 0)
            rows.append(f"{name},{code},incidents,{2022 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d},{value}")
    path.write_text("\n".join(rows) + "\n")
    return path


def test_aggregates_are_not_ranked_nor_alerted(tmp_path: Path, run_cli, project_path: Path) -> None:
    code, out, err = run_cli("import", _monthly(tmp_path / "monthly.csv"), "--project", project_path)
    assert code == 0, err
    assert "3 aggregate(s) kept apart" in out
    code, out, err = run_cli("index", "--project", project_path, "--format", "json")
    assert code == 0, err
    ranked = {r["region"]: r["rank"] for r in json.loads(out)}
    assert set(ranked) == {"Uganda", "Kenya", "Chad"}  # World would rank 1st
    code, out, err = run_cli("run", "--project", project_path)
    assert code == 0, err
    code, out, err = run_cli("alerts", "--project", project_path, "--format", "json")
    alerted = {a["region"] for a in json.loads(out)}
    assert alerted and alerted <= {"Uganda", "Kenya", "Chad"}
    # Their data is still there to look at.
    code, out, _ = run_cli("data", "--project", project_path, "--format", "csv")
    assert "\nWorld,incidents,2023-12-01," in out


def test_the_desktop_and_the_brief_leave_aggregates_out_of_the_index(tmp_path: Path, run_cli,
                                                                      project_path: Path) -> None:
    from alerts.brief_data import _index
    from ui.index_view import compute, observations_frame
    from ui.snapshot import load_columns, load_snapshot
    from workbench.store import open_project

    code, _, err = run_cli("import", _monthly(tmp_path / "monthly.csv"), "--project", project_path)
    assert code == 0, err
    snap = load_snapshot(project_path)
    try:
        assert snap.aggregates == {"World", "High income: OECD", "Arab World"}
        snap.columns = load_columns(snap)
        obs = observations_frame(snap)
        result = compute(obs, snap.indicators, {"incidents": 1.0}, "minmax", "arithmetic",
                         leave_out=snap.aggregates)
        assert set(result.table["region"]) == {"Uganda", "Kenya", "Chad"}
    finally:
        snap.close()
    with open_project(project_path, readonly=True) as project:
        table, _, _ = _index(project, project.observations(), project.indicators())
    assert table is not None and set(table["region"]) == {"Uganda", "Kenya", "Chad"}
