"""District boundaries from GeoJSON, kept in the project so the map works offline.

Only the geometry the map needs is read (Polygon and MultiPolygon outer rings, a name and
a code per feature) with the standard ``json`` module; nothing is fetched from anywhere.
The text is stored in the project's ``meta`` table under :data:`META_KEY`, so a project
copied by USB stick carries its map. Headless: the CLI (``workbench boundaries``) and the
desktop map share this module; drawing lives in ``ui/map_view.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from workbench.errors import UnusableInputError
from workbench.inputs import check_input_file, path_problem, shown
from workbench.store import open_project
from workbench.store.project import normalize_key

META_KEY = "boundaries_geojson"
MAX_BYTES = 50_000_000
NAME_KEYS = ("name", "NAME", "district", "District", "ADM2_EN", "shapeName", "NAME_2")
CODE_KEYS = ("code", "CODE", "pcode", "ADM2_PCODE", "shapeID", "GID_2")


@dataclass
class Shape:
    """One district's outline: its outer rings as (n, 2) lon/lat arrays."""

    name: str
    code: str
    rings: list[np.ndarray]


def parse_geojson(text: str) -> list[Shape]:
    """Features with a polygon and a name or code; a malformed file is refused with the reason.

    Features without a polygon (points, lines, null geometry) or without a name/code are
    skipped, because real boundary files often carry a few such extras; a feature whose
    polygon is malformed (coordinates that are not numbers, a ring of fewer than three
    points) is an error naming the feature, because drawing half a country silently would
    mislead the team.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UnusableInputError(
            f"the boundaries file is not valid GeoJSON ({err.msg} at line {err.lineno})"
        ) from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise UnusableInputError(
            "the boundaries file has no 'features' list; export it as a GeoJSON FeatureCollection"
        )
    shapes: list[Shape] = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            raise UnusableInputError(f"feature {number} of the boundaries file is not a GeoJSON object")
        props = feature.get("properties") or {}
        geom = feature.get("geometry") or {}
        if not isinstance(props, dict) or not isinstance(geom, dict):
            raise UnusableInputError(f"feature {number} of the boundaries file has malformed properties or geometry")
        name = next((str(props[k]).strip() for k in NAME_KEYS if props.get(k) not in (None, "")), "")
        code = next((str(props[k]).strip() for k in CODE_KEYS if props.get(k) not in (None, "")), "")
        kind, coords = geom.get("type"), geom.get("coordinates")
        if kind not in ("Polygon", "MultiPolygon") or not (name or code):
            continue
        rings = _outer_rings(kind, coords, f"feature {number} ({name or code})")
        shapes.append(Shape(name, code, rings))
    if not shapes:
        raise UnusableInputError("the boundaries file has no polygons with a name or code property")
    return shapes


def _outer_rings(kind: str, coords: Any, label: str) -> list[np.ndarray]:
    """The outer ring of each polygon as finite (n, 2) arrays; holes are not drawn."""
    polygons = [coords] if kind == "Polygon" else coords
    if not isinstance(polygons, list) or not polygons:
        raise UnusableInputError(f"{label} of the boundaries file has a {kind} without coordinates")
    rings: list[np.ndarray] = []
    for poly in polygons:
        if not isinstance(poly, list) or not poly or not isinstance(poly[0], list):
            raise UnusableInputError(f"{label} of the boundaries file has a malformed {kind}")
        try:
            ring = np.asarray(poly[0], dtype=float)
        except (TypeError, ValueError):
            raise UnusableInputError(
                f"{label} of the boundaries file has coordinates that are not [longitude, latitude] numbers"
            ) from None
        if ring.ndim != 2 or ring.shape[1] < 2 or ring.shape[0] < 3 or not np.isfinite(ring[:, :2]).all():
            raise UnusableInputError(
                f"{label} of the boundaries file needs rings of at least three [longitude, latitude] points"
            )
        rings.append(ring[:, :2])
    return rings


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


@dataclass(frozen=True)
class StoredBoundaries:
    """What was kept: how many shapes the file had and how many matched a district."""

    shapes: int
    matched: int
    unmatched_names: tuple[str, ...]


def read_boundaries_file(geojson_path: Path) -> tuple[str, list[Shape]]:
    """The file's text and its shapes, refusing files that are missing, huge or not GeoJSON
    (a pipe or a device is refused before it is opened: :mod:`workbench.inputs`)."""
    if path_problem(geojson_path):
        raise UnusableInputError(f"cannot read {shown(geojson_path)}: the path {path_problem(geojson_path)}")
    try:
        size = geojson_path.stat().st_size
    except OSError as err:
        raise UnusableInputError(f"cannot read {geojson_path}: {err.strerror or err}") from None
    if geojson_path.is_dir():
        raise UnusableInputError(f"{geojson_path} is a folder, not a GeoJSON file")
    check_input_file(geojson_path, "boundaries file")
    if size > MAX_BYTES:
        raise UnusableInputError(f"{geojson_path.name} is {size // 1_000_000} MB; simplify the boundaries below 50 MB")
    try:
        text = geojson_path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UnusableInputError(f"{geojson_path.name} is not UTF-8 text; GeoJSON files are UTF-8") from None
    except OSError as err:
        raise UnusableInputError(f"cannot read {geojson_path}: {err.strerror or err}") from None
    return text, parse_geojson(text)


def store_boundaries(
    project_path: str | Path, geojson_path: Path, *, progress: object = None, cancel: object = None
) -> StoredBoundaries:
    """Check the file, then keep its text in the project (one transaction).

    A file none of whose shapes matches a district is refused: it is almost always the
    wrong country or a province-level file, and storing it would leave an empty map.
    """
    text, shapes = read_boundaries_file(Path(geojson_path))
    with open_project(project_path) as project:
        ids = match_regions(shapes, project.regions())
        matched = sum(r is not None for r in ids)
        if matched == 0:
            raise UnusableInputError(
                f"none of the {len(shapes)} shapes in {Path(geojson_path).name} matches a district of this "
                "project by name or code; import the data first or check the property names"
            )
        project.set_meta(META_KEY, text)
    missing = tuple(s.name or s.code for s, r in zip(shapes, ids) if r is None)
    return StoredBoundaries(len(shapes), matched, missing)
