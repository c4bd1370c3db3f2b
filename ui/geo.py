"""District boundaries from GeoJSON, kept in the project so the map works offline.

Only the geometry the map needs is read (Polygon and MultiPolygon rings, a name and a
code per feature) with the standard ``json`` module; nothing is fetched from anywhere.
The text is stored in the project's ``meta`` table under :data:`META_KEY`, so a project
copied by USB stick carries its map. Plain Python: no Qt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.errors import UnusableInputError
from workbench.store import open_project
from workbench.store.project import normalize_key

META_KEY = "boundaries_geojson"
MAX_BYTES = 50_000_000
NAME_KEYS = ("name", "NAME", "district", "District", "ADM2_EN", "shapeName", "NAME_2")
CODE_KEYS = ("code", "CODE", "pcode", "ADM2_PCODE", "shapeID", "GID_2")


@dataclass
class Shape:
    name: str
    code: str
    rings: list[np.ndarray]  # each (n, 2) lon/lat


def parse_geojson(text: str) -> list[Shape]:
    """Features with a polygon and a name; anything else is reported, never guessed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UnusableInputError(f"the boundaries file is not valid GeoJSON ({err.msg} at line {err.lineno})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise UnusableInputError("the boundaries file has no 'features' list; export it as a GeoJSON FeatureCollection")
    shapes: list[Shape] = []
    for feature in features:
        props = feature.get("properties") or {}
        geom = feature.get("geometry") or {}
        name = next((str(props[k]) for k in NAME_KEYS if props.get(k)), "")
        code = next((str(props[k]) for k in CODE_KEYS if props.get(k)), "")
        kind, coords = geom.get("type"), geom.get("coordinates")
        polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
        rings = [np.asarray(poly[0], dtype=float)[:, :2] for poly in polygons if poly and len(poly[0]) >= 3]
        if (name or code) and rings:
            shapes.append(Shape(name, code, rings))
    if not shapes:
        raise UnusableInputError("the boundaries file has no polygons with a name or code property")
    return shapes


def match_regions(shapes: list[Shape], regions: pd.DataFrame) -> list[int | None]:
    """The project region of each shape, by code first and then by name (casefolded)."""
    leaf = regions[regions["level"].isin(["district", "other"])]
    by_code = {normalize_key(c): i for c, i in zip(leaf["code"], leaf["id"]) if isinstance(c, str) and c}
    by_name = dict(zip(leaf["key"], leaf["id"]))
    out: list[int | None] = []
    for s in shapes:
        rid = by_code.get(normalize_key(s.code)) if s.code else None
        if rid is None:
            rid = by_name.get(normalize_key(s.name))
        out.append(None if rid is None else int(rid))
    return out


def store_boundaries(
    project_path: Path, geojson_path: Path, *, progress: object = None, cancel: object = None
) -> int:
    """Check the file, then keep its text in the project; returns how many districts matched."""
    size = geojson_path.stat().st_size
    if size > MAX_BYTES:
        raise UnusableInputError(f"{geojson_path.name} is {size // 1_000_000} MB; simplify the boundaries below 50 MB")
    text = geojson_path.read_text(encoding="utf-8-sig")
    shapes = parse_geojson(text)
    with open_project(project_path) as project:
        matched = sum(r is not None for r in match_regions(shapes, project.regions()))
        if matched == 0:
            raise UnusableInputError(
                f"none of the {len(shapes)} shapes in {geojson_path.name} matches a district of this project "
                "by name or code; import the data first or check the property names"
            )
        project.set_meta(META_KEY, text)
    return matched
