"""A likely-typo suggestion is only made between places that could be the same place.

Issue 14, items 3 and 10, as a new user met them: after a World Bank country file, the HDX
ACLED admin-2 workbook was held because its districts "resembled" countries ('Baghran' ~
'Bahrain', 'Buganda' ~ 'Uganda', 'Bolivar' ~ 'Bolivia', 'Aragua' ~ 'Paraguay', 'Puerto
Arica' ~ 'Puerto Rico'), and accepting the mapping written for it unedited stored district
values under the countries, with exit 0. The names, p-codes and parents below are the
rows of ``tests/data/real_exports/acled_hdx_political_violence_global_admin2.xlsx``.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import tomllib
from pathlib import Path

import pytest

from workbench.importer.names import Place, check_names, could_be_same_place, file_places, known_places

COUNTRIES = ("Country Name,Country Code,Indicator,Year,Value\n"
             "Bahrain,BHR,events,2024,1\nUganda,UGA,events,2024,2\nBolivia,BOL,events,2024,3\n"
             "Paraguay,PRY,events,2024,4\nPuerto Rico,PRI,events,2024,5\nMontenegro,MNE,events,2024,6\n"
             "Jordan,JOR,events,2024,7\nArgentina,ARG,events,2024,8\nFaeroe Islands,FRO,events,2024,9\n")
# Admin-2 districts (Country, Admin1, Admin2, Admin2 Pcode) as the ACLED workbook has them.
DISTRICTS = ("Country,Admin1,Admin2,Admin2 Pcode,Month,Year,Events\n"
             "Afghanistan,Helmand,Baghran,AF3012,January,2025,3\n"
             "Burundi,Cibitoke,Buganda,BDI005001,January,2025,1\n"
             "Colombia,Cauca,Bolivar,CO19100,January,2025,2\n"
             "Venezuela,Anzoategui,Aragua,VE0302,January,2025,4\n"
             "Colombia,Amazonas,Puerto Arica,CO91536,January,2025,5\n"
             "Colombia,Quindio,Montenegro,CO63470,January,2025,6\n"
             "Colombia,Santander,Jordan,CO68370,January,2025,7\n"
             "Colombia,Huila,La Argentina,CO41378,January,2025,8\n")


def _data(run_cli, project: Path) -> list[list[str]]:
    code, out, err = run_cli("data", "--project", project, "--format", "csv")
    assert code == 0, err
    return list(csv.reader(io.StringIO(out)))


@pytest.fixture
def countries(tmp_path: Path, run_cli, project_path: Path) -> Path:
    (tmp_path / "countries.csv").write_text(COUNTRIES)
    code, out, err = run_cli("import", tmp_path / "countries.csv", "--project", project_path)
    assert code == 0, err
    return project_path


def test_districts_are_never_held_as_typos_of_countries(tmp_path: Path, run_cli, countries: Path) -> None:
    path = tmp_path / "districts.csv"
    path.write_text(DISTRICTS)
    code, out, err = run_cli("import", path, "--project", countries)
    assert code == 0, err  # nothing resembles a place it could be
    assert "names.regions" not in out and not (tmp_path / "districts.mapping.toml").exists()
    rows = _data(run_cli, countries)
    assert rows[0][:5] == ["region", "indicator", "period", "value", "group"]
    by_place = {(r[0], r[2]): r[3] for r in rows[1:]}
    # The countries keep exactly their own values; each district is a place of its own.
    for country, value in (("Bahrain", "1"), ("Uganda", "2"), ("Bolivia", "3"), ("Paraguay", "4"),
                           ("Puerto Rico", "5"), ("Montenegro", "6"), ("Jordan", "7"), ("Argentina", "8")):
        assert by_place[(country, "2024-01-01")] == value
        assert (country, "2025-01-01") not in by_place
    for district, value in (("Baghran", "3"), ("Buganda", "1"), ("Bolivar", "2"), ("Aragua", "4"),
                            ("Puerto Arica", "5"), ("La Argentina", "8")):
        assert by_place[(district, "2025-01-01")] == value
    # A district named like a country is stored under a name of its own (its province):
    # no two places print under one name.
    assert by_place[("Montenegro (Quindio)", "2025-01-01")] == "6"
    assert by_place[("Jordan (Santander)", "2025-01-01")] == "7"
    keys = [(r[0], r[1], r[2], r[4]) for r in rows[1:]]
    assert len(keys) == len(set(keys))
    con = sqlite3.connect(countries)
    levels = dict(con.execute("SELECT name, level FROM region WHERE name IN ('Montenegro', 'Montenegro (Quindio)')"))
    assert levels == {"Montenegro": "country", "Montenegro (Quindio)": "district"}


def test_accepting_the_mapping_unedited_never_merges_two_places(tmp_path: Path, run_cli, countries: Path) -> None:
    """A same-level name that resembles a country is held; its default is to stay new."""
    path = tmp_path / "acled_countries.csv"
    path.write_text("Country,Month,Year,Events\nFaroe Islands,January,2025,2\nBahrain,January,2025,3\n")
    code, out, err = run_cli("import", path, "--project", countries)
    assert code == 1
    assert "? names.regions 'Faroe Islands' -> 'Faroe Islands' (as new)" in out and "(or: Faeroe Islands)" in out
    assert "'Faroe Islands' ~ 'Faeroe Islands'" in err
    confirm = tmp_path / "acled_countries.mapping.toml"
    text = confirm.read_text()
    assert ("[names.regions]\n# resembles 'Faeroe Islands' (a likely typo?): kept as a new name; write "
            "'Faeroe Islands' instead to store its values under that name\n\"Faroe Islands\" = \"Faroe Islands\"\n"
            in text)
    assert tomllib.loads(text)["names"] == {"regions": {"Faroe Islands": "Faroe Islands"}}
    code, out, err = run_cli("import", path, "--project", countries, "--mapping", confirm)
    assert code == 0, err
    by_place = {(r[0], r[2]): r[3] for r in _data(run_cli, countries)[1:]}
    assert by_place[("Faroe Islands", "2025-01-01")] == "2"
    assert ("Faeroe Islands", "2025-01-01") not in by_place


def test_same_place_rule() -> None:
    country = Place("country", "UGA")
    district = Place("district", "BDI005001", (("country", frozenset({"burundi"})), ("province", frozenset({"cibitoke"}))))
    assert not could_be_same_place(district, country)                        # a district is not a country
    assert not could_be_same_place(Place("district", "BDI005002"), Place("district", "BDI005001"))  # other code
    helmand = Place("district", "", (("country", frozenset({"afghanistan"})), ("province", frozenset({"helmand"}))))
    kandahar = Place("district", "", (("country", frozenset({"afghanistan"})), ("province", frozenset({"kandahar"}))))
    assert not could_be_same_place(helmand, kandahar)                       # another parent
    assert could_be_same_place(Place("district"), helmand)                  # no parent known: by level alone
    assert could_be_same_place(Place("district", "", (("country", frozenset({"afghanistan"})),)), helmand)
    assert not could_be_same_place(Place("other"), Place("country"))        # an aggregate is not a country


def test_check_names_with_places() -> None:
    import pandas as pd

    regions = pd.DataFrame({"id": [1, 2, 3, 4], "key": ["uganda", "ostrava hills", "north", "burundi"],
                            "name": ["Uganda", "Ostrava Hills", "North", "Burundi"],
                            "code": ["UGA", None, None, "BDI"], "parent_id": [None, 3, None, None],
                            "level": ["country", "district", "province", "country"]})
    known = known_places(regions)
    assert known["ostrava hills"][0][1].parent("province") == frozenset({"north"})
    places = pd.DataFrame({"region": ["Buganda", "Ostrava Hils", "Ostrava Hils"], "province": ["Cibitoke", "North", "South"],
                           "country": ["Burundi", "", ""], "code": ["BDI005001", "", ""],
                           "level": ["district", "district", "district"]})
    found = file_places(places)
    check = check_names({"regions": ["Buganda", "Ostrava Hils"]}, {"regions": list(regions["name"])},
                        places=found, known=known)
    # 'Ostrava Hils' in North could be 'Ostrava Hills' (North); 'Buganda' could not be Uganda.
    assert [(h.name, h.suggestions) for h in check.held] == [("Ostrava Hils", ["Ostrava Hills"])]
    assert check.new["regions"] == ["Buganda"]
    only_south = file_places(places.iloc[[2]])
    check = check_names({"regions": ["Ostrava Hils"]}, {"regions": list(regions["name"])}, places=only_south,
                        known=known)
    assert check.held == [] and check.new["regions"] == ["Ostrava Hils"]  # another province: another place


def test_the_wizard_offers_only_places_that_could_be_the_same(tmp_path: Path, run_cli, countries: Path) -> None:
    from workbench.importer.engine import preview_file

    path = tmp_path / "districts.csv"
    path.write_text(DISTRICTS)
    preview = preview_file(path, project=countries)
    assert [d for s in preview.data_sheets() for d in s.reading.held_names()] == []
    path = tmp_path / "acled_countries.csv"
    path.write_text("Country,Month,Year,Events\nFaroe Islands,January,2025,2\n")
    held = [d for s in preview_file(path, project=countries).data_sheets() for d in s.reading.held_names()]
    assert [(d.subject, d.choice, d.alternatives) for d in held] == [
        ("Faroe Islands", "Faroe Islands", ["Faeroe Islands"])]
