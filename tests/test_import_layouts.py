"""Layout detection and validation on small files made here by several writers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from import_files import LONG_ROWS, write_csv, write_ods, write_openpyxl, write_xls, write_xlsxwriter
from workbench.errors import UnusableInputError, WorkbenchError
from workbench.importer.engine import preview_file


def data_sheet(preview, name=None):
    sheets = [s for s in preview.sheets if s.role == "data" and (name is None or s.name == name)]
    assert sheets, [(s.name, s.role, s.report.skipped_reason) for s in preview.sheets]
    return sheets[0]


def canon(sheet) -> list[tuple]:
    df = sheet.sample
    return [(r.region, r.indicator, str(r.period.date()), None if np.isnan(r.value) else r.value, r.group)
            for r in df.itertuples()]


EXPECTED_LONG = [
    ("Alpha", "trust_index", "2024-01-01", 41.5, ""),
    ("Alpha", "trust_index", "2024-02-01", 43.0, ""),
    ("Beta", "trust_index", "2024-01-01", 38.25, ""),
    ("Beta", "trust_index", "2024-02-01", 37.0, ""),
]


@pytest.mark.parametrize("writer", [write_openpyxl, write_xlsxwriter, write_ods, write_xls])
def test_long_table_every_writer(tmp_path: Path, writer):
    ext = {write_ods: "ods", write_xls: "xls"}.get(writer, "xlsx")
    p = writer(tmp_path / f"long.{ext}", {"Data": LONG_ROWS})
    s = data_sheet(preview_file(p))
    assert s.mapping.layout == "long"
    assert (s.mapping.region, s.mapping.indicator, s.mapping.period, s.mapping.value) == (
        "District", "Indicator", "Month", "Value")
    assert canon(s) == EXPECTED_LONG
    assert s.report.rows_read == 4 and s.report.rows_kept == 4 and s.report.rows_rejected == 0


def test_long_any_order_any_case_extra_columns_reported(tmp_path: Path):
    rows = [["VALUE", "comment", "PERIOD", "admin2", "Series", "Population Group"],
            [1.5, "ok", "2024-01", "Alpha", "trust", "Youth"],
            [2, "", "2024-01", "Alpha", "trust", "Elders"]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "o.xlsx", {"D": rows})))
    assert s.mapping.region == "admin2" and s.mapping.group == "Population Group"
    assert s.report.extra_columns == ["comment"]
    assert canon(s) == [("Alpha", "trust", "2024-01-01", 1.5, "Youth"), ("Alpha", "trust", "2024-01-01", 2.0, "Elders")]


def test_region_hierarchy_columns(tmp_path: Path):
    rows = [["Country", "Province", "District", "P-code", "Indicator", "Date", "Value"],
            ["Ruritania", "North", "Alpha", "RU0101", "trust", dt.datetime(2024, 1, 1), 3]]
    s = data_sheet(preview_file(write_xlsxwriter(tmp_path / "h.xlsx", {"D": rows})))
    m = s.mapping
    assert (m.country, m.province, m.region, m.code) == ("Country", "Province", "District", "P-code")
    row = s.sample.iloc[0]
    assert (row.region, row.province, row.country, row.code, row.freq) == ("Alpha", "North", "Ruritania", "RU0101", "M")


def test_title_rows_merged_title_and_notes_under_data(tmp_path: Path):
    rows = [["Cohesion monitoring - monthly"], ["Prepared by the northern office"], [],
            *LONG_ROWS, [], ["Source: household survey"], ["Note: values are percentages"]]
    p = write_openpyxl(tmp_path / "t.xlsx", {"Data": rows}, merges={"Data": ["A1:D1"]})
    s = data_sheet(preview_file(p))
    assert s.mapping.header_row == 4
    assert canon(s) == EXPECTED_LONG
    assert s.report.rows_rejected == 0
    assert any("note/source" in n for n in s.report.notes)


def test_merged_header_cells_are_filled(tmp_path: Path):
    # A merged "Value" header over two columns of a wide sheet is not a period; a merged
    # year over month columns (two-row header) becomes "Jan 2024", "Feb 2024".
    rows = [["District", 2024, None, 2025], [None, "Jan", "Feb", "Jan"], ["Alpha", 1, 2, 3], ["Beta", 4, 5, 6]]
    p = write_xlsxwriter(tmp_path / "m.xlsx", {"Trust": rows}, merges={"Trust": [(0, 1, 0, 2, 2024)]})
    s = data_sheet(preview_file(p))
    assert s.mapping.layout == "wide"
    assert s.mapping.period_columns == ["Jan 2024", "Feb 2024", "Jan 2025"]
    assert ("Beta", "Trust", "2025-01-01", 6.0, "") in canon(s)


def test_vertically_merged_region_cells_fill_down(tmp_path: Path):
    rows = [["District", "Indicator", "Month", "Value"], ["Alpha", "trust", "2024-01", 1],
            [None, "trust", "2024-02", 2], ["Beta", "trust", "2024-01", 3]]
    p = write_openpyxl(tmp_path / "v.xlsx", {"D": rows}, merges={"D": ["A2:A3"]})
    s = data_sheet(preview_file(p))
    assert [r[0] for r in canon(s)] == ["Alpha", "Alpha", "Beta"]


def test_wide_years_with_indicator_column(tmp_path: Path):
    rows = [["District", "Indicator", 2019, 2020, 2021], ["Alpha", "trust", 1, "..", None],
            ["Alpha", "incidents", 4, 5, 6]]
    s = data_sheet(preview_file(write_xlsxwriter(tmp_path / "w.xlsx", {"Sheet1": rows})))
    assert s.mapping.layout == "wide" and s.mapping.indicator == "Indicator"
    got = canon(s)
    assert ("Alpha", "trust", "2019-01-01", 1.0, "") in got
    assert ("Alpha", "trust", "2020-01-01", None, "") in got  # '..' kept as a missing value
    assert len(got) == 5  # the empty cell is skipped, not a missing observation
    assert s.report.empty_cells_skipped == 1
    assert {r[2] for r in got} == {"2019-01-01", "2020-01-01", "2021-01-01"}


@pytest.mark.parametrize(
    ("headers", "starts"),
    [
        (["2024-01", "2024-02"], ["2024-01-01", "2024-02-01"]),
        (["2024Q1", "2024Q2"], ["2024-01-01", "2024-04-01"]),
        (["Q1 2024", "Q2 2024"], ["2024-01-01", "2024-04-01"]),
        (["2024M01", "2024M02"], ["2024-01-01", "2024-02-01"]),
        ([dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1)], ["2024-01-01", "2024-02-01"]),
    ],
)
def test_wide_period_headers(tmp_path: Path, headers, starts):
    rows = [["Region", *headers], ["Alpha", 1, 2]]
    s = data_sheet(preview_file(write_xlsxwriter(tmp_path / "w.xlsx", {"Trust in police": rows})))
    assert s.mapping.fixed_indicator == "Trust in police"
    assert [r[2] for r in canon(s)] == starts


def test_world_bank_export(tmp_path: Path):
    text = (
        '"Data Source","World Development Indicators",\n\n"Last Updated Date","2024-06-28",\n\n'
        '"Country Name","Country Code","Indicator Name","Indicator Code","1960","1961","1962",\n'
        '"Aruba","ABW","Population, total","SP.POP.TOTL","54608","55811","",\n'
        '"Aruba","ABW","Intentional homicides (per 100,000 people)","VC.IHR.PSRC.P5","","","2.5",\n'
    )
    s = data_sheet(preview_file(write_csv(tmp_path / "API.csv", text, "utf-8-sig")))
    m = s.mapping
    assert (m.layout, m.region, m.code, m.indicator, m.indicator_name, m.region_level) == (
        "wide", "Country Name", "Country Code", "Indicator Code", "Indicator Name", "country")
    assert m.period_columns == ["1960", "1961", "1962"]
    assert s.report.extra_columns == []
    assert canon(s) == [
        ("Aruba", "SP.POP.TOTL", "1960-01-01", 54608.0, ""),
        ("Aruba", "SP.POP.TOTL", "1961-01-01", 55811.0, ""),
        ("Aruba", "VC.IHR.PSRC.P5", "1962-01-01", 2.5, ""),
    ]


WB_HEADER = ["Country Name", "Country Code", "Indicator Name", "Indicator Code", 2017, 2018, 2019]


def world_bank_xlsx(path: Path, rows: list[list]) -> Path:
    """A World Bank style export as openpyxl writes it: source lines, a blank row, the table."""
    return write_openpyxl(path, {"Data": [["Data Source", "World Development Indicators"],
                                          ["Last Updated Date", "2024-06-28"], [], WB_HEADER, *rows]})


def test_world_bank_file_is_keyed_by_code_named_by_name_and_stored_as_countries(tmp_path: Path, project_path: Path):
    from workbench.importer.engine import import_file
    from workbench.store import open_project

    p = world_bank_xlsx(tmp_path / "wb.xlsx", [
        ["Ruritania", "RUR", "Unemployment, youth total (% of labor force)", "SL.UEM.1524.ZS", 27.5, 28.1, None],
        ["Ruritania", "RUR", "Intentional homicides (per 100,000 people)", "VC.IHR.PSRC.P5", 2.5, "..", 3.1],
        ["Freedonia", "FRE", "Unemployment, youth total (% of labor force)", "SL.UEM.1524.ZS", 12.0, 11.5, 11.0],
    ])
    s = data_sheet(preview_file(p))
    assert (s.mapping.indicator, s.mapping.indicator_name, s.mapping.region_level) == (
        "Indicator Code", "Indicator Name", "country")
    assert s.report.extra_columns == []
    assert "extra columns" not in s.report.render()
    assert any("regions are countries" in n for n in s.report.notes)
    result = import_file(p, project_path)
    assert result.status == "imported" and result.values_new == 8
    with open_project(project_path, readonly=True) as project:
        regions = project.regions().set_index("key")
        names = project.indicators().set_index("key")["name"].to_dict()
        obs = project.observations()
    assert regions.loc[["ruritania", "freedonia"], "level"].tolist() == ["country", "country"]
    assert regions["parent_id"].isna().all() and regions.loc["ruritania", "code"] == "RUR"
    assert (regions["level"] == "district").sum() == 0
    assert names == {"sl.uem.1524.zs": "Unemployment, youth total (% of labor force)",
                     "vc.ihr.psrc.p5": "Intentional homicides (per 100,000 people)"}
    assert sorted(obs["indicator"].unique()) == ["sl.uem.1524.zs", "vc.ihr.psrc.p5"]
    ruritania = obs[(obs["region"] == "Ruritania") & (obs["indicator"] == "sl.uem.1524.zs")]
    assert ruritania["value"].tolist() == [27.5, 28.1]


def test_world_bank_names_do_not_replace_a_codebook_name(tmp_path: Path, project_path: Path):
    from workbench.importer.engine import import_file
    from workbench.store import open_project

    book = write_openpyxl(tmp_path / "codebook.xlsx", {"Codebook": [
        ["Indicator", "Name", "Direction", "Unit"],
        ["SL.UEM.1524.ZS", "Youth unemployment", "higher_is_worse", "%"]]})
    import_file(book, project_path)
    p = world_bank_xlsx(tmp_path / "wb.xlsx", [
        ["Ruritania", "RUR", "Unemployment, youth total (% of labor force)", "SL.UEM.1524.ZS", 27.5, 28.1, 29.0],
        ["Ruritania", "RUR", "Population, total", "SP.POP.TOTL", 1e6, 1.1e6, 1.2e6]])
    assert import_file(p, project_path).status == "imported"
    with open_project(project_path, readonly=True) as project:
        cb = project.indicators().set_index("key")
    assert cb.loc["sl.uem.1524.zs", "name"] == "Youth unemployment"
    assert cb.loc["sl.uem.1524.zs", "unit"] == "%"
    assert cb.loc["sp.pop.totl", "name"] == "Population, total"


def test_a_codebook_sheet_of_the_same_file_names_before_the_name_column(tmp_path: Path, project_path: Path):
    from workbench.importer.engine import import_file
    from workbench.store import open_project

    p = write_openpyxl(tmp_path / "wb.xlsx", {
        "Data": [WB_HEADER, ["Ruritania", "RUR", "Unemployment, youth (%)", "SL.UEM.1524.ZS", 27.5, 28.1, 29.0]],
        "Codebook": [["Indicator", "Name", "Direction"], ["SL.UEM.1524.ZS", "Youth out of work", "higher_is_worse"]],
    })
    import_file(p, project_path)
    with open_project(project_path, readonly=True) as project:
        assert project.indicators().set_index("key").loc["sl.uem.1524.zs", "name"] == "Youth out of work"


def test_indicator_name_column_tells_a_percentage_of_a_code(tmp_path: Path):
    p = world_bank_xlsx(tmp_path / "wb.xlsx", [
        ["Ruritania", "RUR", "Unemployment, youth total (% of labor force)", "SL.UEM.1524.ZS", 27.5, 128.0, 29.0]])
    s = data_sheet(preview_file(p))
    assert [i.reason for i in s.report.suspicious] == ["128 is above 100 for a percentage (SL.UEM.1524.ZS)"]


def test_long_sheet_with_indicator_and_code_columns(tmp_path: Path):
    rows = [["District", "Indicator", "Indicator code", "Month", "Value"],
            ["Alpha", "Trust in neighbours", "trust_n", "2024-01", 41],
            ["Alpha", "Trust in neighbours", "trust_n", "2024-02", 42]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "l.xlsx", {"Data": rows})))
    assert (s.mapping.layout, s.mapping.indicator, s.mapping.indicator_name, s.mapping.region_level) == (
        "long", "Indicator code", "Indicator", None)
    assert s.report.extra_columns == []
    assert {r[1] for r in canon(s)} == {"trust_n"}


def test_mapping_can_key_a_world_bank_file_by_name_and_name_a_district_column(tmp_path: Path, project_path: Path):
    from workbench.importer.engine import import_file
    from workbench.store import open_project

    rows = [["Country Name", "Admin unit", "Indicator Name", "Indicator Code", 2017, 2018],
            ["Ruritania", "Alpha", "Population, total", "SP.POP.TOTL", 10.0, 11.0]]
    p = write_openpyxl(tmp_path / "wb.xlsx", {"Data": rows})
    s = data_sheet(preview_file(p, mapping={"region": "Admin unit", "indicator": "Indicator Name"}))
    assert (s.mapping.indicator, s.mapping.indicator_name, s.mapping.region_level) == (
        "Indicator Name", None, None)
    assert "Indicator Code" in s.report.extra_columns
    import_file(p, project_path, mapping={"region": "Admin unit", "indicator": "Indicator Name"})
    with open_project(project_path, readonly=True) as project:
        regions = project.regions().set_index("key")
    assert regions.loc["alpha", "level"] == "district"


def test_ensure_regions_level_column(project_path: Path):
    import pandas as pd

    from workbench.store import open_project

    with open_project(project_path, create=True) as project, project.transaction():
        ids = project.ensure_regions(pd.DataFrame({"region": ["Meridia", "Kibali"], "country": [None, "Meridia"],
                                                   "province": ["East", "East"], "level": ["country", None]}))
        districts = project.ensure_regions(pd.DataFrame({"region": ["Meridia"]}))
        regions = project.regions()
        with pytest.raises(ValueError, match="region level"):
            project.ensure_regions(pd.DataFrame({"region": ["X"], "level": ["planet"]}))
    by = {(k, lv): (rid, parent) for rid, k, lv, parent in regions[["id", "key", "level", "parent_id"]].itertuples(
        index=False)}
    country_id, country_parent = by[("meridia", "country")]
    assert ids["meridia"] == country_id and pd.isna(country_parent)
    assert by[("east", "province")][1] == country_id and by[("kibali", "district")][1] == by[("east", "province")][0]
    # The same name at the district level is another region, found by its own call.
    assert districts["meridia"] == by[("meridia", "district")][0] != country_id


def test_wide_sheet_takes_indicator_from_title_when_sheet_name_is_generic(tmp_path: Path):
    rows = [["Perceived discrimination (%)"], ["District", "Jan 2024", "Feb 2024"], ["Alpha", 10, 11]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "g.xlsx", {"Sheet1": rows})))
    assert s.mapping.fixed_indicator == "Perceived discrimination (%)"


def test_several_sheets_cover_codebook_and_sheet_choice(tmp_path: Path):
    sheets = {
        "Cover": [["Quarterly cohesion return"], ["Prepared by the field office"]],
        "Trust": [["District", "Indicator", "Quarter", "Value"], ["Alpha", "trust", "2024-Q1", 40]],
        "Incidents": [["District", "Indicator", "Quarter", "Value"], ["Alpha", "incidents", "Q2 2024", 3]],
        "Codebook": [["Indicator", "Name", "Direction", "Unit", "Domain", "Threshold"],
                     ["trust", "Trust in others", "higher is better", "%", "trust", "30"],
                     ["incidents", "Incidents", "higher_is_worse", "count", "violence", ""]],
    }
    p = write_openpyxl(tmp_path / "multi.xlsx", sheets)
    pv = preview_file(p)
    roles = {s.name: s.role for s in pv.sheets}
    assert roles == {"Cover": "cover", "Trust": "data", "Incidents": "data", "Codebook": "codebook"}
    cb = next(s for s in pv.sheets if s.role == "codebook").sample
    assert cb["direction"].tolist() == ["higher_is_better", "higher_is_worse"]
    assert cb["threshold"].iloc[0] == 30.0
    one = preview_file(p, sheet="incidents")
    assert [s.name for s in one.sheets] == ["Incidents"]
    with pytest.raises(WorkbenchError, match="no sheet named 'Nope'"):
        preview_file(p, sheet="Nope")


def test_hidden_sheets_are_skipped_unless_chosen(tmp_path: Path):
    p = write_openpyxl(tmp_path / "h.xlsx", {"Data": LONG_ROWS, "Old": LONG_ROWS}, hidden=("Old",))
    roles = {s.name: s.role for s in preview_file(p).sheets}
    assert roles == {"Data": "data", "Old": "hidden"}
    assert preview_file(p, sheet="Old").sheets[0].role == "data"


def test_rejections_with_reasons_and_spreadsheet_row_numbers(tmp_path: Path):
    rows = [["Title"], LONG_ROWS[0], ["Alpha", "trust", "2024-01", "abc"], ["", "trust", "2024-01", 1],
            ["Alpha", "trust", "someday", 2], ["Alpha", "", "2024-02", 3], ["Alpha", "trust", "2024-03", 4]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "r.xlsx", {"D": rows})))
    rep = s.report
    assert [(i.row, i.reason) for i in rep.rejected] == [
        (3, "not a number: 'abc'"), (4, "no region"), (5, "not a period: 'someday'"), (6, "no indicator")]
    assert rep.rejected_by_reason() == {"not a number": 1, "no region": 1, "not a period": 1, "no indicator": 1}
    assert rep.rejected[0].raw == ["Alpha", "trust", "2024-01", "abc"]
    assert rep.rows_read == 5 and rep.rows_kept == 1
    text = rep.render()
    assert "rejected 4" in text and "row 3: not a number: 'abc'" in text


def test_in_file_conflicts_are_rejected_and_repeats_are_duplicates(tmp_path: Path):
    # Two different values for one key: neither wins, both rows are rejected with the reason.
    rows = [LONG_ROWS[0], ["Alpha", "trust", "2024-01", 1], ["alpha ", "Trust", "Jan 2024", 2],
            ["Beta", "trust", "2024-01", 5], ["Beta", "trust", "2024-01", 5]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "d.xlsx", {"D": rows})))
    assert [(i.row, i.reason) for i in s.report.rejected] == [
        (2, "two different values for one region, indicator, period and group in this file: row 2 = 1, row 3 = 2"),
        (3, "two different values for one region, indicator, period and group in this file: row 2 = 1, row 3 = 2")]
    assert [(i.row, i.reason) for i in s.report.duplicates] == [
        (4, "same region, indicator, period, group and value as row 5")]
    assert canon(s) == [("Beta", "trust", "2024-01-01", 5.0, "")]
    assert s.report.rows_read == s.report.rows_kept + s.report.rows_rejected + len(s.report.duplicates)


def test_suspicious_values_are_kept_and_flagged(tmp_path: Path):
    rows = [["District", "Indicator", "Month", "Value", "Unit"],
            ["Alpha", "protest events", "2024-01", -2, ""],
            ["Alpha", "trust share", "2024-01", 140, ""],
            ["Alpha", "trust", "2024-01", 140, "%"],
            ["Alpha", "trust", "2024-02", 99, "%"]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "s.xlsx", {"D": rows})))
    assert [i.row for i in s.report.suspicious] == [2, 3, 4]
    assert s.report.rows_kept == 4
    assert "negative value -2 for a count" in s.report.suspicious[0].reason


def test_codebook_units_drive_percentage_checks(tmp_path: Path):
    sheets = {"Data": [LONG_ROWS[0], ["Alpha", "cohesion", "2024-01", 130]],
              "Indicators": [["indicator", "direction", "unit"], ["cohesion", "higher_is_better", "percent"]]}
    pv = preview_file(write_openpyxl(tmp_path / "c.xlsx", sheets))
    assert [i.row for i in data_sheet(pv).report.suspicious] == [2]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", "District,Indicator,Month,Value\nAlpha,trust,2024-01,41.5\n"),
        ("utf-8-sig", "District,Indicator,Month,Value\nAlpha,trust,2024-01,41.5\n"),
        ("utf-16", "District\tIndicator\tMonth\tValue\nAlpha\ttrust\t2024-01\t41.5\n"),
        ("cp1252", "District;Indicator;Month;Value\r\nAlpha;trust;2024-01;41,5\r\n"),
    ],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding, text):
    s = data_sheet(preview_file(write_csv(tmp_path / "x.csv", text, encoding)))
    assert canon(s) == [("Alpha", "trust", "2024-01-01", 41.5, "")]


def test_cp1252_accents_and_semicolon_decimal_comma(tmp_path: Path):
    text = "Région;Indicateur;Mois;Valeur\r\nSégou;confiance;01/02/2024;1,234\r\nKayes;confiance;13/02/2024;3,5\r\n"
    s = data_sheet(preview_file(write_csv(tmp_path / "fr.csv", text, "cp1252")))
    got = canon(s)
    assert got[0][0] == "Ségou"
    assert got[0][3] == pytest.approx(1.234)  # decimal comma CSV: ',' is the decimal mark
    assert got[0][2] == "2024-02-01" and got[1][2] == "2024-02-13"
    assert any("decimal commas" in n for n in s.report.notes)


def test_csv_period_formats_in_one_column(tmp_path: Path):
    text = "district,indicator,period,value\n" + "".join(
        f"A,t,{p},1\n" for p in ["2024-03", "Mar 2024", "March 2024", "2024M03", "2024-03-01"])
    s = data_sheet(preview_file(write_csv(tmp_path / "p.csv", text)))
    assert {r[2] for r in canon(s)} == {"2024-03-01"}
    assert len(s.report.duplicates) == 4


def test_excel_serial_numbers_and_real_dates(tmp_path: Path):
    rows = [LONG_ROWS[0], ["Alpha", "t", 45292, 1], ["Alpha", "t", dt.datetime(2024, 2, 1), 2]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "serial.xlsx", {"D": rows})))
    assert [r[2] for r in canon(s)] == ["2024-01-01", "2024-02-01"]
    assert set(s.sample["freq"]) == {"M"}


def test_missing_markers_in_a_workbook(tmp_path: Path):
    markers = ["..", "n/a", "NA", "-", "", "#N/A", "x", ":", "—"]
    rows = [LONG_ROWS[0]] + [["Alpha", "t", f"2024-{i + 1:02d}", m] for i, m in enumerate(markers)]
    s = data_sheet(preview_file(write_xlsxwriter(tmp_path / "miss.xlsx", {"D": rows})))
    assert s.report.rows_kept == len(markers) and s.report.values_missing == len(markers)


def test_error_cells_read_as_missing(tmp_path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(LONG_ROWS[0])
    ws.append(["Alpha", "t", "2024-01", "#N/A"])
    ws.append(["Alpha", "t", "2024-02", "#DIV/0!"])
    ws["D2"].data_type = "e"
    ws["D3"].data_type = "e"
    wb.save(tmp_path / "err.xlsx")
    s = data_sheet(preview_file(tmp_path / "err.xlsx"))
    assert s.report.rows_rejected == 0 and s.report.values_missing == 2


def test_sheet_without_a_table_is_unusable(tmp_path: Path):
    from workbench.importer.engine import import_file

    p = write_openpyxl(tmp_path / "cover.xlsx", {"Cover": [["Just a letter"], ["Dear colleagues"]]})
    with pytest.raises(UnusableInputError, match="no data table"):
        import_file(p, tmp_path / "p.wbproj")
    assert not (tmp_path / "p.wbproj").exists()


def test_mapping_overrides_detection(tmp_path: Path):
    rows = [["Where", "What", "When", "How much"], ["Alpha", "trust", "03/04/2024", "1,5"]]
    p = write_openpyxl(tmp_path / "odd.xlsx", {"D": rows})
    assert preview_file(p).sheets[0].role == "unrecognized"
    m = {"layout": "long", "region": "Where", "indicator": "What", "period": "When", "value": "How much",
         "period_format": "mdy"}
    s = data_sheet(preview_file(p, mapping=m))
    assert canon(s) == [("Alpha", "trust", "2024-03-04", 1.5, "")]
    with pytest.raises(WorkbenchError, match="not found"):
        preview_file(p, mapping={**m, "value": "Amount"})


def test_a_list_with_indicator_and_direction_but_regions_is_not_a_codebook(tmp_path: Path):
    from workbench.importer.engine import import_file

    p = write_csv(tmp_path / "episodes.csv", "episode,region,indicator,onset,direction\nE1,Alpha,trust,2024-01-01,up\n")
    assert preview_file(p).sheets[0].role == "unrecognized"
    with pytest.raises(UnusableInputError, match="no data table"):
        import_file(p, tmp_path / "p.wbproj")


def test_french_headers_and_repeated_header_after_page_break(tmp_path: Path):
    rows = [["Cercle", "Indicateur", "Période", "Valeur"], ["Ségou", "confiance", "2024-01", 1],
            ["Cercle", "Indicateur", "Période", "Valeur"], ["Kayes", "confiance", "2024-01", 2]]
    s = data_sheet(preview_file(write_ods(tmp_path / "fr.ods", {"Feuille1": rows})))
    assert [r[0] for r in canon(s)] == ["Ségou", "Kayes"]
    assert s.report.rows_rejected == 0


def test_mapping_decimal_and_markers_from_toml(tmp_path: Path):
    from workbench.importer.mapping import load_mapping

    rows = [LONG_ROWS[0], ["Alpha", "t", "2024-01", "1,250"], ["Alpha", "t", "2024-02", "n.d."]]
    p = write_openpyxl(tmp_path / "d.xlsx", {"Data": rows})
    m = tmp_path / "m.toml"
    m.write_text('decimal = ","\n[sheets.Data]\nmissing_markers = ["n.d."]\n', encoding="utf-8")
    s = data_sheet(preview_file(p, mapping=load_mapping(m)))
    assert s.sample["value"].iloc[0] == pytest.approx(1.25)
    assert np.isnan(s.sample["value"].iloc[1]) and s.report.rows_rejected == 0


def test_any_grid_of_cells_is_read_or_refused_in_words():
    """Detection and extraction never crash on odd grids: they read them or say why not."""
    import pandas as pd
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from workbench.importer.extract import extract_sheet
    from workbench.importer.layout import detect_layout
    from workbench.importer.readers import RawSheet

    cell = st.one_of(
        st.none(), st.just(""), st.sampled_from(["District", "Indicator", "Month", "Value", "2024", "Jan 2024",
                                                 "..", "n/a", "Source: x", "Q1 2024", "abc", "3,5"]),
        st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 100_000), st.booleans(),
        st.dates(dt.date(1890, 1, 1), dt.date(2200, 1, 1)), st.text(max_size=5),
    )

    @settings(max_examples=80, deadline=None)
    @given(st.lists(st.lists(cell, min_size=1, max_size=5), min_size=1, max_size=8))
    def check(grid):
        width = max(len(r) for r in grid)
        cells = pd.DataFrame([r + [None] * (width - len(r)) for r in grid], dtype=object)
        sheet = RawSheet("Sheet1", cells)
        layout = detect_layout(sheet)
        data = extract_sheet(sheet, layout, "f.xlsx")
        rep = data.report
        assert rep.rows_read == rep.rows_kept + rep.rows_rejected + len(rep.duplicates)
        assert data.frame["value"].dtype == np.float64 or data.frame.empty
        rep.render()

    check()


def test_wide_sheet_with_a_blank_corner_cell(tmp_path: Path):
    rows = [[None, "2023", "2024"], ["Alpha", 1, 2], ["Beta", 3, 4]]
    s = data_sheet(preview_file(write_xlsxwriter(tmp_path / "c.xlsx", {"Displacement": rows})))
    assert s.mapping.region == "column A"
    assert [r[:2] for r in canon(s)] == [("Alpha", "Displacement")] * 2 + [("Beta", "Displacement")] * 2


def test_xls_with_title_merged_header_dates_and_markers(tmp_path: Path):
    rows = [["Incidents reported by district"], [],
            ["District", "Indicator", "Date", "Value"],
            ["Alpha", "incidents", dt.datetime(2024, 1, 1), 3],
            ["Alpha", "incidents", dt.datetime(2024, 2, 1), "n/a"],
            ["Beta", "incidents", dt.datetime(2024, 1, 1), "#N/A"],
            ["Source: ministry"]]
    p = write_xls(tmp_path / "old.xls", {"Incidents": rows}, merges={"Incidents": [(0, 0, 0, 3, rows[0][0])]})
    s = data_sheet(preview_file(p))
    assert s.mapping.header_row == 3
    assert canon(s) == [("Alpha", "incidents", "2024-01-01", 3.0, ""), ("Alpha", "incidents", "2024-02-01", None, ""),
                        ("Beta", "incidents", "2024-01-01", None, "")]
    assert set(s.sample["freq"]) == {"M"}


def test_one_column_per_indicator(tmp_path: Path):
    rows = [["District", "Month", "Trust (%)", "Incidents", "Comment"],
            ["Alpha", "Jan 2024", 41.5, 3, "calm"],
            ["Alpha", "Feb 2024", "..", None, ""],
            ["Beta", "Jan 2024", 38, "abc", "tense"],
            ["Gamma", "someday", 1, 2, ""]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "ic.xlsx", {"Data": rows})))
    m = s.mapping
    assert (m.layout, m.period, m.indicator_columns) == ("indicator_columns", "Month", ["Trust (%)", "Incidents"])
    assert s.report.extra_columns == ["Comment"]
    assert canon(s) == [("Alpha", "Trust (%)", "2024-01-01", 41.5, ""), ("Alpha", "Incidents", "2024-01-01", 3.0, ""),
                        ("Alpha", "Trust (%)", "2024-02-01", None, ""), ("Beta", "Trust (%)", "2024-01-01", 38.0, "")]
    assert [(i.row, i.reason) for i in s.report.rejected] == [
        (4, "not a number: 'abc' (column Incidents)"), (5, "not a period: 'someday'")]
    assert s.report.empty_cells_skipped == 1


@pytest.mark.parametrize(
    ("part_header", "parts", "starts"),
    [("Month", [1, 12], ["2024-01-01", "2024-12-01"]),
     ("Month", ["Jan", "March"], ["2024-01-01", "2024-03-01"]),
     ("Quarter", [2, "Q4"], ["2024-04-01", "2024-10-01"])],
)
def test_separate_year_and_month_or_quarter_columns(tmp_path: Path, part_header, parts, starts):
    rows = [["District", "Indicator", "Year", part_header, "Value"]] + [
        ["Alpha", "trust", 2024, p, i] for i, p in enumerate(parts)] + [["Alpha", "trust", 2024, 13, 9]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "ym.xlsx", {"D": rows})))
    assert (s.mapping.period, s.mapping.period_part) == ("Year", part_header)
    assert [r[2] for r in canon(s)] == starts
    assert s.report.rows_rejected == 1 and s.report.rejected[0].reason.startswith("not a period")


def test_year_and_month_name_columns_with_one_column_per_indicator(tmp_path: Path):
    # The HDX ACLED aggregate shape: Country, Month (names), Year (text), Events, Fatalities.
    # Read with the year alone, every month of a year collided into one period.
    rows = [["Country", "Month", "Year", "Events", "Fatalities"],
            ["Guatemala", "January", "2018", 87, 83], ["Guatemala", "February", "2018", 71, 62],
            ["Guatemala", "January", "2019", 60, 50]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "acled.xlsx", {"Data": rows})))
    assert s.mapping.layout == "indicator_columns"
    assert (s.mapping.period, s.mapping.period_part) == ("Year", "Month")
    assert sorted(canon(s)) == [
        ("Guatemala", "Events", "2018-01-01", 87, ""), ("Guatemala", "Events", "2018-02-01", 71, ""),
        ("Guatemala", "Events", "2019-01-01", 60, ""), ("Guatemala", "Fatalities", "2018-01-01", 83, ""),
        ("Guatemala", "Fatalities", "2018-02-01", 62, ""), ("Guatemala", "Fatalities", "2019-01-01", 50, "")]
    assert s.report.rows_rejected == 0


def test_an_iso3c_column_is_the_country_code(tmp_path: Path):
    # The Global Peace Index workbook names its ISO 3166 alpha-3 column 'iso3c' (R's countrycode).
    rows = [["Country", "iso3c", 2018, 2019], ["Afghanistan", "AFG", 3.565, 3.565], ["Iceland", "ISL", 1.1, 1.07]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "gpi.xlsx", {"Overall Scores": rows})))
    assert (s.mapping.region, s.mapping.code) == ("Country", "iso3c")


def test_a_world_region_column_beside_the_countries_is_not_the_place(tmp_path: Path):
    # A V-Dem-based panel: 'region_name' sounds finer than 'country_name' but groups the countries.
    # Taken as the region, Afghanistan's values were stored as 'South Asia'.
    rows = [["life_expectancy", "year", "country_name", "region_name", "polity"],
            [49.5, 1993, "Afghanistan", "South Asia", -7], [48.4, 1993, "Angola", "Sub-Saharan Africa", -4],
            [73.6, 1993, "Albania", "Eastern Europe", 5], [73.1, 1993, "Argentina", "Latin America", 7]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "vdem.xlsx", {"vdem": rows})))
    assert (s.mapping.region, s.mapping.province, s.mapping.region_level) == ("country_name", None, "country")
    assert ("Angola", "polity", "1993-01-01", -4, "") in canon(s)


def test_regions_inside_countries_stay_the_place_even_one_per_country(tmp_path: Path):
    # Two countries with one region each (a cross-border programme): as many names, no aggregates.
    rows = [["Country", "Region", "Month", "Incidents"], ["Mali", "Mopti", "2024-01", 3],
            ["Niger", "Tillabéri", "2024-01", 5], ["Mali", "Mopti", "2024-02", 4]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "cb.xlsx", {"D": rows})))
    assert (s.mapping.region, s.mapping.country) == ("Region", "Country")


def test_an_iso_country_code_beside_the_country_is_not_the_districts_code(tmp_path: Path):
    # OPHI's MPI tables: 'ISO country code' BFA on every row beside 'Subnational region'. As the
    # regions' code it made Burkina Faso's thirteen regions one place.
    rows = [["ISO country code", "Country", "Subnational region", "Year", "MPI"],
            ["BFA", "Burkina Faso", "Cascades", 2010, 0.50], ["BFA", "Burkina Faso", "Centre", 2010, 0.20]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "mpi.xlsx", {"MPI": rows})))
    assert (s.mapping.region, s.mapping.country, s.mapping.code) == ("Subnational region", "Country", None)
    assert sorted(canon(s)) == [("Cascades", "MPI", "2010-01-01", 0.5, ""), ("Centre", "MPI", "2010-01-01", 0.2, "")]


def test_indicator_columns_sharing_a_header_are_asked_about(tmp_path: Path):
    # A group heading over several columns, their own names in a header row that was not read:
    # 'Poverty [2]' is not a name.
    rows = [["District", "Year", "Poverty", "Poverty"], ["Alpha", 2010, 0.5, 91.5], ["Beta", 2010, 0.2, 44.1]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "grp.xlsx", {"D": rows})))
    assert not s.reading.clear_cut
    assert any(d.what == "indicator" and "share a header" in d.evidence for d in s.reading.doubts)


def test_a_value_column_under_another_name(tmp_path: Path):
    rows = [["District", "Indicator", "Month", "Score", "Remarks"], ["Alpha", "trust", "2024-01", 41, "ok"]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "score.xlsx", {"D": rows})))
    assert s.mapping.value == "Score" and s.report.extra_columns == ["Remarks"]
    assert any("only column of numbers" in n for n in s.report.notes)


def test_world_bank_mapping_round_trips_and_bad_region_level_is_refused(tmp_path: Path, project_path: Path, run_cli):
    p = world_bank_xlsx(tmp_path / "wb.xlsx", [["Ruritania", "RUR", "Population, total", "SP.POP.TOTL", 1, 2, 3]])
    toml = tmp_path / "wb.toml"
    assert run_cli("import", p, "--project", project_path, "--save-mapping", toml)[0] == 0
    saved = toml.read_text(encoding="utf-8")
    assert 'indicator_name = "Indicator Name"' in saved and 'region_level = "country"' in saved
    code, out, _ = run_cli("import", p, "--project", project_path, "--mapping", toml)
    assert code == 0 and "already imported" in out
    toml.write_text('region_level = "planet"\n', encoding="utf-8")
    code, _, err = run_cli("import", p, "--project", project_path, "--mapping", toml)
    assert code == 1 and err.startswith("error: mapping: region_level must be one of") and err.count("\n") == 1


SERIES_ROWS = '''
"""A layout kept outside the workbench: a "series" column naming "district / indicator" and
a column per period (the shape some dashboards export)."""

import numpy as np

from workbench.importer.extract import id_reasons, melt
from workbench.importer.mapping import Mapping
from workbench.importer.periods import parse_periods
from workbench.importer.reading import SIGNATURE, Classified, Reading


def detect(sheet_name, header, rows, base):
    if len(header) < 3 or header[0].strip().casefold() != "series":
        return None
    if not parse_periods(header[1:]).ok.all():
        return None
    m = Mapping(**{**base.to_dict(), "layout": "series_rows"})
    m.region, m.period_columns = header[0], list(header[1:])
    reading = Reading(sheet_name)
    reading.decide("layout", "series_rows", SIGNATURE, "'district / indicator' rows and a column per period")
    reading.decide("region", header[0], SIGNATURE, "the district, before the slash")
    reading.decide("period", f"{len(header) - 1} period columns", SIGNATURE, "the header's periods")
    return Classified(m, reading, "data")


def read(sub, header, m, ids, rownum, report, quals=None):
    pairs = [str(s).split(" / ", 1) for s in ids["region"]]
    region = np.array([p[0].strip() if len(p) == 2 else "" for p in pairs], dtype=object)
    indicator = np.array([p[1].strip() if len(p) == 2 else "" for p in pairs], dtype=object)
    ids = {**ids, "region": region, "indicator": indicator}
    cols = list(m.period_columns)
    heads = parse_periods(cols)
    n, k = len(sub), len(cols)
    return melt(sub, header, m, ids, rownum, report, cols, id_reasons(ids, False),
                period=np.tile(heads.start, n), freq=np.tile(heads.freq, n), indicator=np.repeat(indicator, k))
'''

RUN_LAYOUT = '''
import json, sys
folder, csv, project, register_it = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
sys.path.insert(0, folder)
from workbench.importer.layouts import LayoutSpec, register
if register_it:
    # Named by where its functions live, as the shipped rows are: nothing imported yet.
    register(LayoutSpec("series_rows", "series_rows:read", "series_rows:detect"))
    assert "series_rows" not in sys.modules
from workbench.importer.engine import import_file
from workbench.store import open_project
result = import_file(csv, project)
rows = []
if result.status.startswith("imported"):
    with open_project(project, readonly=True) as p:
        obs = p.observations().sort_values(["region", "indicator", "period"])
    rows = [[r.region, r.indicator, f"{r.period:%Y-%m}", r.value] for r in obs.itertuples()]
print(json.dumps({"status": result.status, "rows": rows}))
'''


def test_a_new_layout_is_one_module_and_its_registration(tmp_path: Path) -> None:
    """A layout module (its detector and reader) and its one registration: the importer
    recognises the sheet, reads it and stores it; nothing else to edit."""
    import json
    import subprocess
    import sys

    folder = tmp_path / "more_layouts"
    folder.mkdir()
    (folder / "series_rows.py").write_text(SERIES_ROWS)
    csv = tmp_path / "dashboard.csv"
    csv.write_text("series,2024-01,2024-02,2024-03\nKibali / incidents,3,5,4\nKibali / protests,1,0,2\n"
                   "Tamsa / incidents,7,,9\n")

    def run(register_it: bool, name: str) -> dict:
        out = subprocess.run([sys.executable, "-c", RUN_LAYOUT, str(folder), str(csv), str(tmp_path / name),
                              "1" if register_it else "0"], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parent.parent, timeout=120)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    got = run(True, "with.wbproj")
    assert got["status"] == "imported", got
    assert got["rows"] == [
        ["Kibali", "incidents", "2024-01", 3.0], ["Kibali", "incidents", "2024-02", 5.0],
        ["Kibali", "incidents", "2024-03", 4.0], ["Kibali", "protests", "2024-01", 1.0],
        ["Kibali", "protests", "2024-02", 0.0], ["Kibali", "protests", "2024-03", 2.0],
        ["Tamsa", "incidents", "2024-01", 7.0], ["Tamsa", "incidents", "2024-03", 9.0],
    ]  # the empty cell of Tamsa's February is skipped, not stored
    # Without the layout, the same file is not read this way (no region named "Kibali").
    without = run(False, "without.wbproj")
    assert not any(r[0] == "Kibali" for r in without["rows"]), without
