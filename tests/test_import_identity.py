"""Places are identified by their codes; names are labels (with aliases); homonyms stay apart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from import_files import write_csv
from workbench.importer.engine import import_file


def regions(project: Path) -> list[tuple]:
    con = sqlite3.connect(project)
    try:
        return con.execute("SELECT r.name, r.code, p.name, r.level, r.is_aggregate FROM region r "
                           "LEFT JOIN region p ON p.id = r.parent_id ORDER BY r.id").fetchall()
    finally:
        con.close()


def values(project: Path) -> list[tuple]:
    con = sqlite3.connect(project)
    try:
        return con.execute("SELECT r.name, o.period, o.value FROM observation o JOIN region r ON r.id = o.region_id "
                           "ORDER BY r.name, o.period").fetchall()
    finally:
        con.close()


def test_homonyms_under_different_parents_stay_apart(tmp_path: Path):
    p = tmp_path / "p.wbproj"
    f = write_csv(tmp_path / "a.csv", "Province,District,Indicator,Month,Value\n"
                                      "North,Central,trust,2024-01,1\nSouth,Central,trust,2024-01,2\n")
    assert import_file(f, p).status == "imported"
    assert [r[:3] for r in regions(p) if r[3] == "district"] == [("Central (North)", None, "North"),
                                                                  ("Central (South)", None, "South")]
    # Next month, with the province: each value goes to its own Central.
    g = write_csv(tmp_path / "b.csv", "Province,District,Indicator,Month,Value\n"
                                      "South,Central,trust,2024-02,5\nNorth,Central,trust,2024-02,4\n")
    result = import_file(g, p)
    assert result.status == "imported"
    assert values(p) == [("Central (North)", "2024-01-01", 1.0), ("Central (North)", "2024-02-01", 4.0),
                         ("Central (South)", "2024-01-01", 2.0), ("Central (South)", "2024-02-01", 5.0)]


def test_a_name_shared_by_two_places_without_parent_or_code_is_rejected_not_guessed(tmp_path: Path):
    p = tmp_path / "p.wbproj"
    import_file(write_csv(tmp_path / "a.csv", "Province,District,Indicator,Month,Value\n"
                                              "North,Central,trust,2024-01,1\nSouth,Central,trust,2024-01,2\n"), p)
    result = import_file(write_csv(tmp_path / "b.csv", "District,Indicator,Month,Value\nCentral,trust,2024-03,9\n"
                                                       "Alpha,trust,2024-03,3\n"), p)
    rep = result.reports[0]
    assert [i.reason for i in rep.rejected] == [
        "region 'Central' is ambiguous: the project has 2 places of that name (in North, in South); "
        "give its province or code"]
    assert ("Central (North)", "2024-03-01", 9.0) not in values(p)
    assert ("Alpha", "2024-03-01", 3.0) in values(p)


def test_codes_identify_places_and_a_changed_name_is_reported(tmp_path: Path):
    p = tmp_path / "p.wbproj"
    import_file(write_csv(tmp_path / "a.csv", "District,P-code,Indicator,Month,Value\n"
                                              "Kabul,AF0101,trust,2024-01,1\n"), p)
    result = import_file(write_csv(tmp_path / "b.csv", "District,P-code,Indicator,Month,Value\n"
                                                       "Kabul City,AF0101,trust,2024-02,2\n"), p)
    notes = result.reports[0].notes
    assert any("code AF0101 is 'Kabul' in the project but 'Kabul City' in this file" in n for n in notes)
    assert values(p) == [("Kabul", "2024-01-01", 1.0), ("Kabul", "2024-02-01", 2.0)]
    # The file's name is now an alias: a later file naming it without the code finds it.
    import_file(write_csv(tmp_path / "c.csv", "District,Indicator,Month,Value\nKabul City,trust,2024-03,3\n"), p)
    assert values(p)[-1] == ("Kabul", "2024-03-01", 3.0)
    assert len([r for r in regions(p) if r[3] == "district"]) == 1


def test_same_name_with_another_code_is_another_place(tmp_path: Path):
    p = tmp_path / "p.wbproj"
    f = write_csv(tmp_path / "a.csv", "County,Code,Indicator,Year,Value\nCentral,KE01,trust,2020,1\n"
                                      "Central,UG05,trust,2020,2\n")
    assert import_file(f, p).status == "imported"
    assert sorted(r[:2] for r in regions(p)) == [("Central (KE01)", "KE01"), ("Central (UG05)", "UG05")]


def test_aggregates_are_kept_apart_from_countries(tmp_path: Path):
    p = tmp_path / "p.wbproj"
    f = write_csv(tmp_path / "wb.csv", "Country Name,Country Code,Indicator Code,2020\nKenya,KEN,X,1\n"
                                       "World,WLD,X,2\nHigh income,HIC,X,3\nSub-Saharan Africa,SSF,X,4\n")
    result = import_file(f, p)
    assert any("3 aggregate(s) kept apart" in n for n in result.reports[0].notes)
    assert sorted(regions(p)) == [("High income", "HIC", None, "other", 1), ("Kenya", "KEN", None, "country", 0),
                                  ("Sub-Saharan Africa", "SSF", None, "other", 1), ("World", "WLD", None, "other", 1)]


def test_world_region_names_are_aggregates_and_countries_are_not():
    # UN M49 regions and sub-regions, the World Bank's regions and the plain names panels use
    # (V-Dem's 'Eastern Europe', 'Latin America') are groupings of countries, kept apart.
    from workbench.importer.aggregates import is_aggregate

    for name in ("Eastern Europe", "Latin America", "Caribbean", "Western Africa", "South-Eastern Asia",
                 "Middle East & North Africa", "Latin America & Caribbean", "Latin America and the Caribbean",
                 "Northern America", "Southern Africa", "Europe", "Oceania", "Australia and New Zealand",
                 "East Asia & Pacific (excluding high income)"):
        assert is_aggregate(name), name
    for name in ("South Africa", "Central African Republic", "Micronesia", "French Polynesia", "Eastern",
                 "Western", "Nord", "South Sudan", "East Timor"):
        assert not is_aggregate(name), name


def test_world_regions_in_a_country_panel_are_not_stored_as_countries(tmp_path: Path):
    p = tmp_path / "p.wbproj"
    f = write_csv(tmp_path / "r.csv", "Country,Year,Score\nKenya,2020,1\nEastern Europe,2020,2\n"
                                      "Latin America,2020,3\nCaribbean,2020,4\nSouth Africa,2020,5\n")
    assert import_file(f, p).status == "imported"
    assert sorted((r[0], r[3], r[4]) for r in regions(p)) == [
        ("Caribbean", "other", 1), ("Eastern Europe", "other", 1), ("Kenya", "country", 0),
        ("Latin America", "other", 1), ("South Africa", "country", 0)]


def test_provinces_of_one_name_in_two_countries_are_two_provinces(tmp_path: Path):
    # HDX's ACLED workbook: Haiti and Cameroon both have a 'Nord'. The second province of that
    # name hit the store's unique (key, level) and the import died with an internal error.
    p = tmp_path / "p.wbproj"
    f = write_csv(tmp_path / "a.csv", "Country,Admin1,Admin2,Admin2 Pcode,Month,Value\n"
                                      "Haiti,Nord,Limbe,HT0322,2025-01,3\nCameroon,Nord,Benoue,CM004001,2025-01,5\n")
    assert import_file(f, p).status == "imported"
    provinces = sorted((r[0], r[2]) for r in regions(p) if r[3] == "province")
    assert provinces == [("Nord", "Haiti"), ("Nord (Cameroon)", "Cameroon")]
    assert values(p) == [("Benoue", "2025-01-01", 5.0), ("Limbe", "2025-01-01", 3.0)]


def test_na_in_a_pcode_column_is_a_missing_code_not_one_place(tmp_path: Path):
    # ACLED writes NA where a district has no p-code; as a code it made districts of three
    # countries one place (and their rows conflicts). In a column of ISO2 codes NA is Namibia.
    p = tmp_path / "p.wbproj"
    f = write_csv(tmp_path / "a.csv", "Country,Admin1,Admin2,Admin2 Pcode,Month,Events\n"
                                      "Myanmar,Sagaing,Naga,NA,2025-01,0\nSudan,Equatoria,Lakes,NA,2025-01,4\n"
                                      "Haiti,Artibonite,Saint Marc,HT0531,2025-01,1\n")
    assert import_file(f, p).status == "imported"
    assert values(p) == [("Lakes", "2025-01-01", 4.0), ("Naga", "2025-01-01", 0.0), ("Saint Marc", "2025-01-01", 1.0)]
    q = tmp_path / "q.wbproj"
    g = write_csv(tmp_path / "b.csv", "Country,ISO2,Month,Value\nNamibia,NA,2025-01,7\nNiger,NE,2025-01,8\n")
    assert import_file(g, q).status == "imported"
    assert [(r[0], r[1]) for r in regions(q)] == [("Namibia", "NA"), ("Niger", "NE")]


def test_one_code_given_to_two_names_is_rejected_even_with_equal_values(tmp_path: Path):
    # ACLED's NG028010 stands for both Ijebu Ode and Ijebu North East: one place silently kept
    # as a "duplicate" of the other would hide a district.
    p = tmp_path / "p.wbproj"
    f = write_csv(tmp_path / "a.csv", "Admin1,Admin2,Admin2 Pcode,Month,Events\n"
                                      "Ogun,Ijebu Ode,NG028010,2025-01,0\nOgun,Ijebu North East,NG028010,2025-01,0\n"
                                      "Ogun,Abeokuta North,NG028001,2025-01,2\n")
    result = import_file(f, p)
    assert result.status == "imported"
    rep = result.reports[0]
    assert rep.duplicates == []
    assert [i.row for i in rep.rejected] == [2, 3]
    assert all(i.reason.startswith("code NG028010 is given to two places in this file") for i in rep.rejected)
    assert values(p) == [("Abeokuta North", "2025-01-01", 2.0)]
