"""Thirteen messy shapes field offices send, and the export layouts of issue 14, made here.

Each shape is read right (the canonical rows listed), or the reading is not clear-cut and
nothing is imported until the analyst confirms it — never a wrong import with exit 0.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from import_files import write_csv, write_openpyxl, write_xlsxwriter
from workbench.errors import UnusableInputError
from workbench.importer.engine import import_file, preview_file


def rows_of(sheet, n: int | None = None) -> list[tuple]:
    df = sheet.sample if n is None else sheet.sample.head(n)
    return [(r.region, r.indicator, str(r.period.date()), None if np.isnan(r.value) else r.value, r.group)
            for r in df.itertuples()]


def data_sheet(preview):
    sheets = [s for s in preview.sheets if s.role == "data"]
    assert sheets, [(s.name, s.role, s.report.skipped_reason) for s in preview.sheets]
    return sheets[0]


def clear(sheet) -> bool:
    return sheet.reading is not None and sheet.reading.clear_cut


# -- 1. German headers, semicolons, decimal commas, dd.mm.yyyy, error text -------------------------
def test_german_semicolon_csv(tmp_path: Path):
    text = ("Bezirk/District;Indikator;Datum;Wert\n"
            "Mitte;Vertrauen;01.03.2024;3,5\nMitte;Vertrauen;01.04.2024;4,0\nNord;Vertrauen;01.03.2024;#NV\n")
    s = data_sheet(preview_file(write_csv(tmp_path / "bezirke.csv", text)))
    assert clear(s)
    assert (s.mapping.region, s.mapping.indicator, s.mapping.period, s.mapping.value) == (
        "Bezirk/District", "Indikator", "Datum", "Wert")
    assert rows_of(s) == [("Mitte", "Vertrauen", "2024-03-01", 3.5, ""), ("Mitte", "Vertrauen", "2024-04-01", 4.0, ""),
                          ("Nord", "Vertrauen", "2024-03-01", None, "")]


# -- 2. error cells in a workbook ----------------------------------------------------------------
def test_error_cells_are_missing_values(tmp_path: Path):
    rows = [["District", "Indicator", "Month", "Value"], ["Alpha", "trust", "2024-01", "#DIV/0!"],
            ["Alpha", "trust", "2024-02", "#N/A"], ["Alpha", "trust", "2024-03", 7]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "err.xlsx", {"Data": rows})))
    assert s.report.rows_rejected == 0 and s.report.values_missing == 2
    assert rows_of(s)[-1] == ("Alpha", "trust", "2024-03-01", 7.0, "")


# -- 3. French headers and month names ----------------------------------------------------------
def test_french_headers_cercle_and_month_names(tmp_path: Path):
    text = ("Région;Cercle;Indicateur;Période;Valeur\n"
            "Kayes;Bafoulabé;confiance;janv. 2024;41,5\nKayes;Bafoulabé;confiance;févr. 2024;43\n"
            "Mopti;Douentza;confiance;déc. 2023;39\n")
    s = data_sheet(preview_file(write_csv(tmp_path / "cercles.csv", text)))
    assert clear(s) and (s.mapping.province, s.mapping.region) == ("Région", "Cercle")
    assert rows_of(s) == [("Bafoulabé", "confiance", "2024-01-01", 41.5, ""),
                          ("Bafoulabé", "confiance", "2024-02-01", 43.0, ""),
                          ("Douentza", "confiance", "2023-12-01", 39.0, "")]
    assert s.sample["province"].tolist() == ["Kayes", "Kayes", "Mopti"]


# -- 4. Spanish headers, year and month in two columns -------------------------------------------
def test_spanish_year_and_month_columns(tmp_path: Path):
    rows = [["Departamento", "Municipio", "Indicador", "Año", "Mes", "Valor"],
            ["Cauca", "Popayán", "confianza", 2024, "enero", 3.1], ["Cauca", "Popayán", "confianza", 2024, "febrero", 3.4]]
    s = data_sheet(preview_file(write_xlsxwriter(tmp_path / "municipios.xlsx", {"Datos": rows})))
    assert clear(s) and (s.mapping.period, s.mapping.period_part) == ("Año", "Mes")
    assert rows_of(s) == [("Popayán", "confianza", "2024-01-01", 3.1, ""), ("Popayán", "confianza", "2024-02-01", 3.4, "")]


# -- 5. Arabic headers, month names and digits ---------------------------------------------------
def test_arabic_headers_months_and_digits(tmp_path: Path):
    text = ("المحافظة,المؤشر,الشهر,القيمة\n"
            "نينوى,الثقة,يناير ٢٠٢٤,٣٫٥\nنينوى,الثقة,فبراير ٢٠٢٤,٤\nالأنبار,الثقة,كانون الثاني 2024,12\n")
    s = data_sheet(preview_file(write_csv(tmp_path / "arabic.csv", text)))
    assert clear(s)
    assert rows_of(s) == [("نينوى", "الثقة", "2024-01-01", 3.5, ""), ("نينوى", "الثقة", "2024-02-01", 4.0, ""),
                          ("الأنبار", "الثقة", "2024-01-01", 12.0, "")]


# -- 6. Portuguese headers and T-quarters ----------------------------------------------------------
def test_portuguese_headers_and_quarters(tmp_path: Path):
    text = "Província;Distrito;Indicador;Período;Valor\nNampula;Angoche;confiança;2024T1;1.234,5\n" \
           "Nampula;Angoche;confiança;2024T2;1.100,0\n"
    s = data_sheet(preview_file(write_csv(tmp_path / "distritos.csv", text)))
    assert clear(s)
    assert rows_of(s) == [("Angoche", "confiança", "2024-01-01", 1234.5, ""), ("Angoche", "confiança", "2024-04-01", 1100.0, "")]
    assert set(s.sample["freq"]) == {"Q"}


# -- 7. statistics-office table: title rows, footnote-marked years, footnotes ---------------------
def test_statistics_office_table_with_title_and_footnotes(tmp_path: Path):
    rows = [["Table 3: Incidents reported, by district and year"], [],
            ["District", "2021", "2022", "2023 (2)"], ["Alpha", 12, 15, 9], ["Beta", 3, 4, 2],
            [], ["(1) Figures are provisional."], ["(2) 2023: January to June."], ["Source: Ministry of Interior"]]
    s = data_sheet(preview_file(write_openpyxl(tmp_path / "table3.xlsx", {"Sheet1": rows})))
    assert clear(s) and s.mapping.layout == "wide" and s.mapping.region == "District"
    assert s.mapping.fixed_indicator == "Table 3: Incidents reported, by district and year"
    got = rows_of(s)
    assert ("Alpha", s.mapping.fixed_indicator, "2023-01-01", 9.0, "") in got and len(got) == 6
    assert s.report.rows_rejected == 0 and any("note/source" in n for n in s.report.notes)


# -- 8. merged header: years over months ----------------------------------------------------------
def test_years_merged_over_months(tmp_path: Path):
    rows = [["District", 2024, None, None], [None, "Jan", "Feb", "Mar"], ["Alpha", 1, 2, 3]]
    p = write_openpyxl(tmp_path / "merged.xlsx", {"Trust": rows}, merges={"Trust": ["B1:D1", "A1:A2"]})
    s = data_sheet(preview_file(p))
    assert clear(s)
    assert rows_of(s) == [("Alpha", "Trust", "2024-01-01", 1.0, ""), ("Alpha", "Trust", "2024-02-01", 2.0, ""),
                          ("Alpha", "Trust", "2024-03-01", 3.0, "")]


# -- 9. months down, districts across, a merged "District" heading --------------------------------
def test_months_down_districts_across(tmp_path: Path):
    rows = [[None, "District", None], ["Mois", "Alpha", "Beta"], ["janv. 2024", 3, 4], ["févr. 2024", 5, 6]]
    p = write_openpyxl(tmp_path / "across.xlsx", {"Incidents": rows}, merges={"Incidents": ["B1:C1"]})
    s = data_sheet(preview_file(p))
    assert clear(s) and s.mapping.layout == "regions_across" and s.mapping.region_columns == ["Alpha", "Beta"]
    assert rows_of(s) == [("Alpha", "Incidents", "2024-01-01", 3.0, ""), ("Beta", "Incidents", "2024-01-01", 4.0, ""),
                          ("Alpha", "Incidents", "2024-02-01", 5.0, ""), ("Beta", "Incidents", "2024-02-01", 6.0, "")]


# -- 10. countries across without a word saying so: asked, then read ----------------------------
def test_countries_across_without_a_hint_is_asked_then_read(tmp_path: Path):
    rows = [["Month", "Afghanistan", "Burundi"], [dt.datetime(2024, 1, 1), 1, 2], [dt.datetime(2024, 2, 1), 3, 4]]
    p = write_xlsxwriter(tmp_path / "countries.xlsx", {"Events": rows})
    s = data_sheet(preview_file(p))
    assert not clear(s) and s.mapping.layout == "regions_across"
    result = import_file(p, tmp_path / "p.wbproj")
    assert result.status == "needs confirmation" and not (tmp_path / "p.wbproj").exists()
    confirmed = import_file(p, tmp_path / "p.wbproj", mapping=s.mapping)
    assert confirmed.status == "imported" and confirmed.values_new == 4


# -- 11. a score column with a place word and a level column: never the region --------------------
def test_fragile_states_like_columns_are_not_places(tmp_path: Path):
    rows = [["Country", "Year", "Rank", "Total", "C1: Security Apparatus", "P1: State Legitimacy", "admin_level"],
            ["Somalia", 2019, "1st", 113.5, 9.5, 9.1, 0], ["Yemen", 2019, "2nd", 113.5, 10.0, 9.9, 0],
            ["Finland", 2019, "178th", 16.9, 2.5, 0.5, 0]]
    s = data_sheet(preview_file(write_xlsxwriter(tmp_path / "fsi.xlsx", {"FSI 2019": rows})))
    assert clear(s) and s.mapping.region == "Country" and s.mapping.layout == "indicator_columns"
    assert s.mapping.indicator_columns == ["Total", "C1: Security Apparatus", "P1: State Legitimacy"]
    assert s.report.regions == 3
    assert ("Somalia", "P1: State Legitimacy", "2019-01-01", 9.1, "") in rows_of(s)


# -- 12. two values for one key: rejected, never "the later wins" ---------------------------------
def test_conflicting_rows_are_rejected(tmp_path: Path):
    text = "district,indicator,month,value\nAlpha,trust,2024-01,1\nAlpha,trust,2024-01,2\nBeta,trust,2024-01,3\n"
    s = data_sheet(preview_file(write_csv(tmp_path / "conflict.csv", text)))
    assert [i.row for i in s.report.rejected] == [2, 3]
    assert "two different values" in s.report.rejected[0].reason
    assert rows_of(s) == [("Beta", "trust", "2024-01-01", 3.0, "")]


# -- 13. dimensions and groups are part of the series -------------------------------------------
def test_subject_sex_and_age_are_part_of_the_series(tmp_path: Path):
    text = ("LOCATION,INDICATOR,SUBJECT,SEX,AGE,TIME,Value\n"
            "KEN,UNEMP,TOT,F,15-24,2020,12.5\nKEN,UNEMP,TOT,M,15-24,2020,10.0\n"
            "KEN,UNEMP,LT,F,15-24,2020,20.0\nKEN,UNEMP,TOT,F,25-64,2020,5.5\n")
    s = data_sheet(preview_file(write_csv(tmp_path / "oecd.csv", text)))
    assert clear(s) and s.mapping.dimensions == ["SUBJECT"] and (s.mapping.group, s.mapping.group_columns) == (
        "SEX", ["AGE"])
    assert s.report.rows_rejected == 0 and not s.report.duplicates
    assert sorted(rows_of(s)) == sorted([("KEN", "UNEMP (TOT)", "2020-01-01", 12.5, "F, 15-24"),
                                         ("KEN", "UNEMP (TOT)", "2020-01-01", 10.0, "M, 15-24"),
                                         ("KEN", "UNEMP (LT)", "2020-01-01", 20.0, "F, 15-24"),
                                         ("KEN", "UNEMP (TOT)", "2020-01-01", 5.5, "F, 25-64")])


# -- export layouts --------------------------------------------------------------------------------
def test_databank_year_headers_and_footer(tmp_path: Path):
    text = ('"Country Name","Country Code","Series Name","Series Code","2000 [YR2000]","2001 [YR2001]"\n'
            '"Kenya","KEN","Population, total","SP.POP.TOTL","31964557","32848564"\n'
            '"World","WLD","Population, total","SP.POP.TOTL","6114332537",".."\n'
            ',,,,,\n,,,,,\n"Data from database: World Development Indicators",,,,,\n"Last Updated: 05/21/2018",,,,,\n')
    s = data_sheet(preview_file(write_csv(tmp_path / "databank.csv", text)))
    assert clear(s) and s.mapping.layout == "wide" and s.mapping.indicator == "Series Code"
    assert rows_of(s) == [("Kenya", "SP.POP.TOTL", "2000-01-01", 31964557.0, ""),
                          ("Kenya", "SP.POP.TOTL", "2001-01-01", 32848564.0, ""),
                          ("World", "SP.POP.TOTL", "2000-01-01", 6114332537.0, ""),
                          ("World", "SP.POP.TOTL", "2001-01-01", None, "")]
    result = import_file(tmp_path / "databank.csv", tmp_path / "p.wbproj")
    assert result.status == "imported"
    import sqlite3

    con = sqlite3.connect(tmp_path / "p.wbproj")
    assert con.execute("SELECT name, level, is_aggregate FROM region ORDER BY name").fetchall() == [
        ("Kenya", "country", 0), ("World", "other", 1)]


def test_world_bank_workbook_with_preamble_and_metadata_sheets(tmp_path: Path):
    """The WDI Excel download: a Data sheet under three preamble rows, two metadata sheets."""
    real = (Path(__file__).parent / "data" / "real_exports" / "wdi_api_sp_pop_totl.csv").read_text().splitlines()
    import csv

    table = list(csv.reader(real))
    data = [["Data Source", "World Development Indicators"], ["Last Updated Date", "2018-02-16"], []]
    data += [[x for x in r if x != ""] if i == 0 else r[:-1] for i, r in enumerate(table[4:])]
    data = [[float(x) if x.replace(".", "").isdigit() and j >= 4 else (x or None) for j, x in enumerate(r)]
            for r in data]
    meta_c = [["Country Code", "Region", "IncomeGroup", "SpecialNotes", "TableName"],
              ["ABW", "Latin America & Caribbean", "High income", "", "Aruba"], ["ARB", None, None, "", "Arab World"]]
    meta_i = [["INDICATOR_CODE", "INDICATOR_NAME", "SOURCE_NOTE", "SOURCE_ORGANIZATION"],
              ["SP.POP.TOTL", "Population, total", "Total population is based on ...", "UN"]]
    p = write_openpyxl(tmp_path / "API_SP.POP.TOTL.xlsx",
                       {"Data": data, "Metadata - Countries": meta_c, "Metadata - Indicators": meta_i})
    pv = preview_file(p)
    s = data_sheet(pv)
    assert s.name == "Data" and clear(s) and s.mapping.header_row == 4
    assert [x.role for x in pv.sheets][1:] == ["unrecognized", "unrecognized"]
    result = import_file(p, tmp_path / "p.wbproj")
    assert result.status == "imported" and result.values_new == 7 * 57


def test_header_only_file_is_unusable(tmp_path: Path):
    p = write_csv(tmp_path / "empty.csv", "district,indicator,month,value\n")
    with pytest.raises(UnusableInputError, match="empty.csv has a header but no data rows"):
        import_file(p, tmp_path / "p.wbproj")


def test_event_list_with_dates_is_counted_not_imported_as_a_panel(tmp_path: Path):
    """The event reader takes the sheet roles.py would only doubt, and says so in the reading."""
    text = ("event_id_cnty,event_date,event_type,admin1,admin2,latitude,longitude,fatalities\n"
            "BGD1,2024-01-03,Protests,Chittagong,Chittagong District,22.3,91.8,0\n"
            "BGD2,2024-01-03,Riots,Chittagong,Chittagong District,22.3,91.8,2\n")
    p = write_csv(tmp_path / "acled.csv", text)
    s = data_sheet(preview_file(p))
    assert clear(s) and s.reading.get("layout").choice == "events"
    assert "one row per event" in s.reading.get("layout").evidence
    assert s.reading.get("region").choice == "admin2" and s.reading.get("period").choice == "event_date"
    assert sorted(rows_of(s)) == [("Chittagong District", "ACLED events", "2024-01-01", 2.0, ""),
                                  ("Chittagong District", "ACLED fatalities", "2024-01-01", 2.0, "")]


def test_a_table_with_event_columns_the_event_reader_does_not_take_is_asked_about(tmp_path: Path):
    """Ids and coordinates beside a value column: not an event list the reader counts, and
    not clearly a panel either - the reading doubts it (roles.py) and nothing is written."""
    text = ("event_id,latitude,longitude,district,month,value\n"
            "E1,22.3,91.8,Chittagong,2024-01,3\nE2,22.4,91.7,Chittagong,2024-02,4\n")
    p = write_csv(tmp_path / "mixed.csv", text)
    s = data_sheet(preview_file(p))
    assert not clear(s) and s.reading.get("layout").confidence < 0.5
    assert "event list" in s.reading.get("layout").evidence
    result = import_file(p, tmp_path / "p.wbproj")
    assert result.status == "needs confirmation" and not (tmp_path / "p.wbproj").exists()


def test_annual_series_from_1800(tmp_path: Path):
    text = "station,indicator,year,value\nAswan,flow,1871,1120\nAswan,flow,1799,1\n"
    s = data_sheet(preview_file(write_csv(tmp_path / "nile.csv", text)))
    assert rows_of(s) == [("Aswan", "flow", "1871-01-01", 1120.0, "")]
    assert s.report.rejected[0].reason == "not a period: '1799'"


def test_a_rate_per_thousand_is_not_a_percentage_but_a_share_is(tmp_path: Path):
    sheets = {"Data": [["Country", "Indicator", "Year", "Value"], ["Kenya", "birth rate", 2020, 140.0],
                       ["Kenya", "literacy rate", 2020, 140.0], ["Kenya", "score", 2020, 12.0]],
              "Indicators": [["indicator", "direction", "unit", "min", "max"],
                             ["birth rate", "higher_is_worse", "per 1,000 people", "", ""],
                             ["literacy rate", "higher_is_better", "%", "", ""],
                             ["score", "higher_is_worse", "points", 0, 10]]}
    pv = preview_file(write_openpyxl(tmp_path / "units.xlsx", sheets))
    reasons = [i.reason for i in data_sheet(pv).report.suspicious]
    assert reasons == ["140 is above 100 for a percentage (literacy rate)",
                       "12 is outside the codebook's range 0 to 10 (score)"]


def test_an_ignored_column_that_tells_conflicting_rows_apart_is_asked_about(tmp_path: Path):
    text = ("district,indicator,month,value,source\nAlpha,trust,2024-01,1,survey A\nAlpha,trust,2024-01,2,survey B\n"
            "Beta,trust,2024-01,3,survey A\n")
    p = write_csv(tmp_path / "sources.csv", text)
    s = data_sheet(preview_file(p))
    doubt = s.reading.get("dimensions")
    assert doubt is not None and not doubt.clear and doubt.choice == "source"
    assert import_file(p, tmp_path / "p.wbproj").status == "needs confirmation"
    # Confirmed as part of the series, both values are kept as two series.
    result = import_file(p, tmp_path / "p.wbproj", mapping={"dimensions": ["source"]})
    assert result.status == "imported" and result.values_new == 3
    # Or the analyst confirms the reading as it was: the conflicting rows stay rejected.
    q = write_csv(tmp_path / "sources2.csv", text)
    result = import_file(q, tmp_path / "q.wbproj", mapping=s.mapping)
    assert result.status == "imported" and result.values_new == 1 and result.rows_rejected == 2


def test_eurostat_tsv_with_flags(tmp_path: Path):
    text = "indic_il,unit,geo\\time\t2019 \t2020 \nLI_R_MD60,PC,AT\t13.3 \t13.9 b\nLI_R_MD60,PC,EU27_2020\t16.5 e\t: c\n"
    s = data_sheet(preview_file(write_csv(tmp_path / "ilc.tsv", text)))
    assert clear(s) and s.mapping.region == "geo" and s.mapping.dimensions == ["indic_il"]
    # One unit in the file: it is the indicator's unit, not a qualifier.
    assert s.mapping.unit == "unit" and set(s.sample["unit"]) == {"PC"}
    assert rows_of(s) == [("AT", "ilc (LI_R_MD60)", "2019-01-01", 13.3, ""),
                          ("AT", "ilc (LI_R_MD60)", "2020-01-01", 13.9, ""),
                          ("EU27_2020", "ilc (LI_R_MD60)", "2019-01-01", 16.5, ""),
                          ("EU27_2020", "ilc (LI_R_MD60)", "2020-01-01", None, "")]
    assert s.report.rows_rejected == 0 and any("flag letters" in n for n in s.report.notes)
