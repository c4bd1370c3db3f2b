"""The sample's text files: the ministry CSV, the district map, the ground truth, README.

Text output is written byte-for-byte reproducibly (fixed order, fixed line endings), so
the tests can compare bytes across runs of the same seed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from workbench.sample.codebook import BY_KEY
from workbench.sample.geography import COUNTRY, district_polygons
from workbench.sample.simulate import SampleData

#: Indicators the ministry file repeats from the long file, and from when.
MINISTRY_OVERLAP = ("intercommunal_incidents", "idp_arrivals")
MINISTRY_OVERLAP_FROM = "2023-01-01"
MINISTRY_ENCODING = "cp1252"

TRUTH_COLUMNS = [
    "episode_id", "region", "indicator", "group", "onset", "peak", "end", "magnitude_sd",
    "direction", "kind", "note", "province", "situation", "parent", "noise_sd",
]


def write_ministry_csv(sample: SampleData, path: Path) -> int:
    """The Ministry of the Interior's monthly extract: semicolons, decimal commas, cp1252.

    Carries ``land_disputes`` (only here) and repeats ``intercommunal_incidents`` and
    ``idp_arrivals`` from 2023 with exactly the long file's values. Periods look like
    ``2024M03``; a missing value is ``n/a``. Returns the data rows written.
    """
    obs = sample.observations
    keep = (obs["indicator"] == "land_disputes") | (
        obs["indicator"].isin(MINISTRY_OVERLAP) & (obs["period"] >= pd.Timestamp(MINISTRY_OVERLAP_FROM))
    )
    rows = obs[keep & (obs["group"] == "")].sort_values(["indicator", "province", "district", "period"], kind="stable")
    decimals = rows["indicator"].map(lambda k: BY_KEY[k].decimals).to_numpy()
    values = rows["value"].to_numpy()
    text = ["n/a" if v != v else f"{v:.{d}f}".replace(".", ",") for v, d in zip(values, decimals)]
    period = rows["period"].dt.strftime("%YM%m")
    unit = rows["indicator"].map(lambda k: BY_KEY[k].unit)
    out = pd.DataFrame(
        {
            "Province": rows["province"].to_numpy(),
            "District": rows["district"].to_numpy(),
            "Indicator": rows["indicator"].to_numpy(),
            "Period": period.to_numpy(),
            "Value": text,
            "Unit": unit.to_numpy(),
        }
    )
    body = out.to_csv(sep=";", index=False, lineterminator="\r\n")
    path.write_bytes(body.encode(MINISTRY_ENCODING))
    return len(out)


def write_geojson(sample: SampleData, path: Path, seed: int) -> None:
    """District polygons with name, code and province; small enough for the desktop map."""
    d = sample.geo.districts
    features = [
        {
            "type": "Feature",
            "properties": {
                "name": rec.district,
                "code": rec.code,
                "province": rec.province,
                "province_code": rec.province_code,
            },
            "geometry": {"type": "Polygon", "coordinates": [[list(pt) for pt in ring]]},
        }
        for rec, ring in zip(d.itertuples(index=False), district_polygons(sample.geo, seed))
    ]
    doc = {"type": "FeatureCollection", "name": COUNTRY, "features": features}
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def truth_frame(sample: SampleData) -> pd.DataFrame:
    """One row per injected episode (and per group series it moved), in id order."""
    d = sample.geo.districts
    # Episodes still under way end after the data do: their end is a month beyond the calendar.
    months = pd.date_range(sample.periods[0], periods=len(sample.periods) + 24, freq="MS")
    iso = [p.date().isoformat() for p in months]
    rows = []
    for ep in sample.episodes:
        spec = BY_KEY[ep.indicator]
        if "-" in ep.group:
            direction = "widen"
        else:
            direction = "up" if spec.sign > 0 else "down"
        rows.append(
            {
                "episode_id": ep.episode_id,
                "region": d["district"].iloc[ep.district],
                "indicator": ep.indicator,
                "group": ep.group,
                "onset": iso[ep.onset],
                "peak": iso[ep.peak],
                "end": iso[ep.end],
                "magnitude_sd": ep.magnitude_sd,
                "direction": direction,
                "kind": ep.kind,
                "note": ep.note,
                "province": d["province"].iloc[ep.district],
                "situation": ep.situation,
                "parent": ep.parent,
                "noise_sd": ep.noise_sd,
            }
        )
    return pd.DataFrame(rows, columns=TRUTH_COLUMNS).sort_values("episode_id", kind="stable")


def write_truth(sample: SampleData, path: Path) -> int:
    frame = truth_frame(sample)
    path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    return len(frame)


def write_shares(sample: SampleData, path: Path) -> None:
    """Population shares used to weight group values into whole-population values."""
    path.write_text(sample.shares.to_csv(index=False, lineterminator="\n"), encoding="utf-8")


README = """\
{title}
{underline}

Everything here is invented (seed {seed}). Made by: workbench sample --out DIR --seed {seed}
{n_districts} districts in {n_provinces} provinces, monthly 2017-01 .. 2025-12.
Full description: docs/sample_data.md in the source tree.

Files
-----
meridia_indicators_long.xlsx
    Sheet "data": province | district | indicator | group | period | value, {long_rows} rows.
    Monthly periods are Excel dates (shown yyyy-mm); quarterly survey rounds are text
    such as 2021-Q3. group is empty for the whole population, otherwise host/displaced
    or youth/elders. Missing values are ".." or an empty cell.
    Sheet "indicators": the codebook of all 12 indicators (direction, unit, threshold).
partner_survey_wide.xlsx
    confidence_in_local_institutions (only in this file), districts x quarters, with a
    cover sheet, title rows, a merged "Survey round" header and source notes.
ministry_incidents.csv
    Semicolon separated, decimal commas, cp1252, periods like 2024M03, "n/a" = missing.
    land_disputes (only in this file), and intercommunal_incidents and idp_arrivals from
    2023-01 repeated with exactly the long file's values.
worldbank_style.xlsx
    World-Bank-style export: national yearly averages of youth_unemployment and
    perceived_discrimination (means of the long file's whole-population values).
boundaries.geojson
    One polygon per district; properties name, code, province, province_code.
ground_truth.csv
    The {n_episodes} injected escalation episodes ({n_primary} primary, the rest group series
    they moved), with onset/peak/end, size in noise SDs and kind.
group_shares.csv
    Per district: share of displaced people and of youth, the weights that make the
    whole-population value the mean of the group values.
sample.wbproj (when present)
    A project with all files above imported.

Districts with a whole year missing (office closed): {missing_years}.
"""


def write_readme(sample: SampleData, path: Path, seed: int, long_rows: int) -> None:
    truth = truth_frame(sample)
    title = f"{COUNTRY} - sample data for the Cohesion Early-Warning Workbench"
    text = README.format(
        title=title,
        underline="=" * len(title),
        seed=seed,
        n_districts=sample.geo.n,
        n_provinces=sample.geo.districts["province"].nunique(),
        long_rows=long_rows,
        n_episodes=len(truth),
        n_primary=int((truth["parent"] == "").sum()),
        missing_years=", ".join(f"{k} ({v})" for k, v in sorted(sample.missing_years.items())),
    )
    path.write_text(text, encoding="utf-8", newline="\n")
