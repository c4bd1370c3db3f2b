"""District boundaries: parsing, refusing bad files, and `workbench boundaries` storing them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import write_demo_project  # noqa: E402
from workbench.errors import UnusableInputError  # noqa: E402
from workbench.geo import META_KEY, match_regions, parse_geojson  # noqa: E402
from workbench.store import open_project  # noqa: E402


def _square(x: float) -> list[list[list[float]]]:
    return [[[x, 0.0], [x + 1, 0.0], [x + 1, 1.0], [x, 1.0], [x, 0.0]]]


def _feature(props: dict, geometry: dict | None) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def _collection(*features: dict) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_demo_project(tmp_path / "geo.wbproj", n_districts=3, n_indicators=1, n_months=6)


def test_polygons_and_multipolygons_are_read_and_extras_skipped() -> None:
    shapes = parse_geojson(_collection(
        _feature({"name": "District 001"}, {"type": "Polygon", "coordinates": _square(0)}),
        _feature({"ADM2_PCODE": "X2"}, {"type": "MultiPolygon", "coordinates": [_square(1), _square(5)]}),
        _feature({"name": "A town"}, {"type": "Point", "coordinates": [1, 2]}),
        _feature({}, {"type": "Polygon", "coordinates": _square(3)}),
        _feature({"name": "No geometry"}, None),
    ))
    assert [(s.name, s.code, len(s.rings)) for s in shapes] == [("District 001", "", 1), ("", "X2", 2)]
    assert shapes[1].rings[1][:, 0].min() == 5.0 and shapes[0].rings[0].shape == (5, 2)


def test_shapes_match_districts_by_code_first_then_by_name(project: Path) -> None:
    with open_project(project, readonly=True) as p:
        regions = p.regions()
    districts = regions[regions["level"] == "district"].sort_values("name")
    shapes = parse_geojson(_collection(
        _feature({"name": "district 002"}, {"type": "Polygon", "coordinates": _square(0)}),
        _feature({"name": "Nowhere"}, {"type": "Polygon", "coordinates": _square(1)}),
    ))
    assert match_regions(shapes, regions) == [int(districts["id"].iloc[1]), None]


def test_cli_stores_the_file_text_in_the_project(project: Path, tmp_path: Path, run_cli) -> None:
    text = _collection(
        _feature({"name": "District 001"}, {"type": "Polygon", "coordinates": _square(0)}),
        _feature({"name": "District 003"}, {"type": "Polygon", "coordinates": _square(2)}),
        _feature({"name": "Atlantis"}, {"type": "Polygon", "coordinates": _square(4)}),
    )
    gj = tmp_path / "b.geojson"
    gj.write_text(text, encoding="utf-8")
    code, out, err = run_cli("boundaries", gj, "--project", project)
    assert code == 0, err
    assert "stored 3 boundaries" in out and "2 match a district" in out and "Atlantis" in out
    with open_project(project, readonly=True) as p:
        assert p.meta(META_KEY) == text


BAD_FILES = {
    "not json": ("{not json", "not valid GeoJSON"),
    "no features": ('{"type": "Feature"}', "no 'features' list"),
    "empty": ('{"type": "FeatureCollection", "features": []}', "no polygons"),
    "feature is a string": ('{"features": ["District 001"]}', "feature 1"),
    "text coordinates": (_collection(_feature({"name": "District 001"},
                                              {"type": "Polygon", "coordinates": [[["a", "b"], [1, 2], [3, 4]]]})),
                         "not [longitude, latitude] numbers"),
    "two-point ring": (_collection(_feature({"name": "District 001"},
                                            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]})),
                       "at least three"),
    "no coordinates": (_collection(_feature({"name": "District 001"}, {"type": "MultiPolygon"})),
                       "without coordinates"),
    "nothing matches": (_collection(_feature({"name": "Atlantis"}, {"type": "Polygon", "coordinates": _square(0)})),
                        "none of the 1 shapes"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_geojson_exits_2_with_one_line_and_stores_nothing(case: str, project: Path, tmp_path: Path, run_cli) -> None:
    text, reason = BAD_FILES[case]
    gj = tmp_path / "bad.geojson"
    gj.write_text(text, encoding="utf-8")
    code, out, err = run_cli("boundaries", gj, "--project", project)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and reason in err
    with open_project(project, readonly=True) as p:
        assert p.meta(META_KEY) is None


def test_missing_or_binary_file_and_missing_project_exit_2(project: Path, tmp_path: Path, run_cli) -> None:
    code, _, err = run_cli("boundaries", tmp_path / "absent.geojson", "--project", project)
    assert code == 2 and "cannot read" in err and err.count("\n") == 1
    latin = tmp_path / "latin.geojson"
    latin.write_bytes('{"features": [{"properties": {"name": "Sévres"}}]}'.encode("latin-1"))
    code, _, err = run_cli("boundaries", latin, "--project", project)
    assert code == 2 and "not UTF-8" in err
    good = tmp_path / "good.geojson"
    good.write_text(_collection(_feature({"name": "District 001"}, {"type": "Polygon", "coordinates": _square(0)})))
    code, _, err = run_cli("boundaries", good, "--project", tmp_path / "none.wbproj")
    assert code == 2 and "does not exist" in err


def test_parse_errors_are_unusable_input_not_crashes() -> None:
    with pytest.raises(UnusableInputError):
        parse_geojson('{"features": [{"properties": [], "geometry": {}}]}')
