"""The fictional Republic of Meridia: provinces, districts, codes and map polygons.

Names are fixed (not drawn from the seed) so that every seed describes the same country and
a district keeps its name across sample versions; only the series change with the seed.
The map is a jittered grid: neighbouring cells share their jittered corners and edge
midpoints, so the polygons tile the country without gaps or overlaps, which is all the
desktop map needs to draw a plausible choropleth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

COUNTRY = "Republic of Meridia"
COUNTRY_CODE = "MD"

#: (province name, two-letter code, district names) - a few names carry accents on
#: purpose, so that encodings (cp1252, UTF-8 with BOM) are exercised by the importer.
PROVINCES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Northern", "NO", ("Arbela", "Kessan", "Tovira", "Mardin Falls", "Ostrava Hills", "Velmar",
                        "Quell", "Brisa Norte", "Hollin", "Dunmere", "Saltrock")),
    ("Coastal", "CO", ("Port Alina", "Sébastine", "Mareva", "Coralis", "Lido Bay", "Nesquay",
                       "Tidewater", "Santa Lucía", "Orlen", "Gullhaven", "Pellam")),
    ("Eastern Highlands", "EH", ("Kaldor", "Ridgeview", "Amaru", "Tessaly", "Highmoor", "Zarin",
                                 "Cloudgate", "Björnvik", "Ostin", "Marrow Pass", "Elmshade")),
    ("Lakes", "LA", ("Meridia City", "Halvard", "Lunes", "Corvin", "Stonebridge", "Iskar",
                       "Navarre Plains", "Fendal", "Caldera", "Ambrel", "Trissel")),
    ("Southern", "SO", ("Sarno", "Dry Wells", "Kibara", "Ombré", "Redsand", "Tamsin",
                        "Wadi Luma", "Farrow", "Selket", "Noor Ghar", "Yelden")),
    ("Western Plains", "WE", ("Grasmere", "Pradera", "Olvast", "Windhaven", "Barrow Flats",
                              "Cantor", "Millbrook", "Resk", "Álvaro Springs", "Tallgrass", "Vey")),
)

#: Where each province sits in the 3 x 2 layout (column, row; row 0 is the north).
_BLOCKS = {"NO": (1, 0), "WE": (0, 0), "EH": (2, 0), "CO": (0, 1), "SO": (1, 1), "LA": (2, 1)}

# Where the fictional country sits on the map (degrees); invented, in open ocean.
_ORIGIN_LON, _ORIGIN_LAT = -28.0, -41.0
_CELL_LAT = 0.5
_CELL_LON = _CELL_LAT / np.cos(np.radians(41.0))  # square-ish cells on the ground


@dataclass(frozen=True)
class Geography:
    """Districts of the sample country, one row each, in a stable order."""

    districts: pd.DataFrame  # province, province_code, district, code, row, col

    @property
    def n(self) -> int:
        return len(self.districts)


def build_geography(districts: int = 60) -> Geography:
    """Take ``districts / 6`` districts from each province (the default is ten each)."""
    n_prov = len(PROVINCES)
    if districts < n_prov or districts % n_prov:
        raise ValueError(f"districts must be a positive multiple of {n_prov}")
    per = districts // n_prov
    if per > min(len(p[2]) for p in PROVINCES):
        raise ValueError(f"at most {n_prov * min(len(p[2]) for p in PROVINCES)} districts")
    width = 2 if per % 2 == 0 else 1
    height = per // width
    rows = []
    for province, p_code, names in PROVINCES:
        # Provinces form a 3 x 2 block layout; each province is a width x height block.
        block_col, block_row = _BLOCKS[p_code]
        for k in range(per):
            rows.append(
                {
                    "province": province,
                    "province_code": f"{COUNTRY_CODE}-{p_code}",
                    "district": names[k],
                    "code": f"{COUNTRY_CODE}-{p_code}-{k + 1:02d}",
                    "row": block_row * height + k // width,
                    "col": block_col * width + k % width,
                }
            )
    return Geography(pd.DataFrame(rows))


def district_polygons(geo: Geography, seed: int = 7) -> list[list[tuple[float, float]]]:
    """One closed, counter-clockwise ring (lon, lat) per district, in ``geo.districts`` order.

    Grid corners and edge midpoints are jittered once and shared by the cells that meet
    there, so the cells still tile the plane; the jitter (< 0.3 of a cell) keeps every
    ring simple (no self-intersection).
    """
    d = geo.districts
    n_rows, n_cols = int(d["row"].max()) + 1, int(d["col"].max()) + 1
    rng = np.random.default_rng(seed + 1009)
    # Corner (i, j) for i in 0..n_rows, j in 0..n_cols; interior and border both jitter.
    corners = np.stack(np.meshgrid(np.arange(n_cols + 1), np.arange(n_rows + 1)), -1).astype(float)
    corners += rng.uniform(-0.22, 0.22, corners.shape)
    # Midpoints of horizontal edges (between (i,j) and (i,j+1)) and vertical ones.
    h_mid = (corners[:, :-1] + corners[:, 1:]) / 2 + rng.uniform(-0.12, 0.12, (n_rows + 1, n_cols, 2))
    v_mid = (corners[:-1, :] + corners[1:, :]) / 2 + rng.uniform(-0.12, 0.12, (n_rows, n_cols + 1, 2))
    corners, h_mid, v_mid = (_warp(a, n_rows, n_cols) for a in (corners, h_mid, v_mid))
    rings = []
    for r, c in zip(d["row"].to_numpy(), d["col"].to_numpy()):
        # Grid rows grow southwards on the map, so walk the cell so that the ring is
        # counter-clockwise in (lon, lat): bottom edge west->east, then up the east edge...
        pts = [
            corners[r + 1, c], h_mid[r + 1, c], corners[r + 1, c + 1], v_mid[r, c + 1],
            corners[r, c + 1], h_mid[r, c], corners[r, c], v_mid[r, c],
        ]
        ring = [
            (round(_ORIGIN_LON + x * _CELL_LON, 5), round(_ORIGIN_LAT - y * _CELL_LAT, 5)) for x, y in pts
        ]
        ring.append(ring[0])
        rings.append(ring)
    return rings


def _warp(points: np.ndarray, n_rows: int, n_cols: int) -> np.ndarray:
    """Bend the grid smoothly so the country does not look like a box.

    The same continuous map moves every shared point, so the tiling survives; the
    amplitudes keep its Jacobian positive (no cell turns inside out).
    """
    x, y = points[..., 0], points[..., 1]
    bent_x = x + 0.7 * np.sin(1.5 * np.pi * y / n_rows)
    bent_y = y + 0.5 * np.sin(2.0 * np.pi * x / n_cols)
    return np.stack([bent_x, bent_y], axis=-1)


def ring_area(ring: list[tuple[float, float]]) -> float:
    """Signed shoelace area; positive for a counter-clockwise ring."""
    xy = np.asarray(ring, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return float(0.5 * np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))
