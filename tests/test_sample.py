"""The sample country: deterministic, coherent across files, and true to its ground truth.

The files are written once per module with 12 districts (the layout and rules are the
same as the full 60-district sample, only faster), read back the way an analyst's tool
would, and checked against each other and against ``ground_truth.csv``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.sample import FILES
from workbench.sample.codebook import INDICATORS

SEED = 7
DISTRICTS = 12
MONTHS = pd.date_range("2017-01-01", "2025-12-01", freq="MS")


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workbench.cli import main

    out = tmp_path_factory.mktemp("sample")
    assert main(["sample", "--out", str(out), "--seed", str(SEED), "--districts", str(DISTRICTS)]) == 0
    return out


_LONG_CACHE: dict[Path, pd.DataFrame] = {}


def _read_long(folder: Path) -> pd.DataFrame:
    """The long workbook as canonical rows (cached: it is the biggest file to read)."""
    if folder not in _LONG_CACHE:
        _LONG_CACHE[folder] = _parse_long(folder)
    return _LONG_CACHE[folder].copy()


def _parse_long(folder: Path) -> pd.DataFrame:
    raw = pd.read_excel(folder / "meridia_indicators_long.xlsx", sheet_name="data", engine="calamine")
    raw["group"] = raw["group"].fillna("").astype(str)
    period = raw["period"]
    quarterly = period.astype(str).str.match(r"^\d{4}-Q[1-4]$")
    q = period[quarterly].astype(str)
    starts = pd.to_datetime(q.str[:4] + "-" + ((q.str[-1].astype(int) - 1) * 3 + 1).astype(str).str.zfill(2) + "-01")
    raw["freq"] = np.where(quarterly, "Q", "M")
    raw["period"] = pd.to_datetime(period.where(~quarterly, None))
    raw.loc[quarterly, "period"] = starts
    raw["missing"] = raw["value"].isna() | (raw["value"].astype(str) == "..")
    raw["value"] = pd.to_numeric(raw["value"].where(~raw["missing"]), errors="coerce")
    return raw


def _read_survey(folder: Path) -> pd.DataFrame:
    sheet = pd.read_excel(folder / "partner_survey_wide.xlsx", sheet_name="Confidence by quarter", header=None, engine="calamine")
    header = sheet.iloc[4]
    body = sheet.iloc[5:]
    body = body[body[2] == "confidence_in_local_institutions"]
    rows = []
    for col in range(3, sheet.shape[1]):
        q, year = str(header[col]).split()
        start = pd.Timestamp(int(year), (int(q[1]) - 1) * 3 + 1, 1)
        for district, v in zip(body[1], body[col]):
            if isinstance(v, str) and v == "..":
                rows.append((district, start, np.nan, True))
            elif v == v and v is not None:
                rows.append((district, start, float(v), False))
    return pd.DataFrame(rows, columns=["district", "period", "value", "missing"]).assign(
        indicator="confidence_in_local_institutions", group=""
    )


def _read_ministry(folder: Path) -> pd.DataFrame:
    csv = pd.read_csv(folder / "ministry_incidents.csv", sep=";", decimal=",", encoding="cp1252", na_values=["n/a"], keep_default_na=False)
    csv["period"] = pd.to_datetime(csv["Period"], format="%YM%m")
    return csv.rename(columns={"District": "district", "Indicator": "indicator", "Value": "value"}).assign(group="")


@pytest.fixture(scope="module")
def canonical(sample_dir: Path) -> pd.DataFrame:
    """All observations of all files, one row per (district, indicator, group, period)."""
    long = _read_long(sample_dir)[["district", "indicator", "group", "period", "value"]]
    survey = _read_survey(sample_dir)[["district", "indicator", "group", "period", "value"]]
    ministry = _read_ministry(sample_dir)
    ministry = ministry[ministry["indicator"] == "land_disputes"][["district", "indicator", "group", "period", "value"]]
    return pd.concat([long, survey, ministry], ignore_index=True)


@pytest.fixture(scope="module")
def truth(sample_dir: Path) -> pd.DataFrame:
    t = pd.read_csv(sample_dir / "ground_truth.csv", keep_default_na=False, na_values=[""])
    t["group"] = t["group"].fillna("")
    t["parent"] = t["parent"].fillna("")
    for col in ("onset", "peak", "end"):
        t[col] = pd.to_datetime(t[col])
    return t


def test_cli_writes_every_file(sample_dir: Path) -> None:
    for name in FILES:
        assert (sample_dir / name).stat().st_size > 0, name


def test_same_seed_gives_identical_bytes_and_another_seed_differs(sample_dir: Path, tmp_path: Path, run_cli) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    assert run_cli("sample", "--out", again, "--seed", SEED, "--districts", DISTRICTS)[0] == 0
    assert run_cli("sample", "--out", other, "--seed", SEED + 1, "--districts", DISTRICTS)[0] == 0
    for name in FILES:
        assert (again / name).read_bytes() == (sample_dir / name).read_bytes(), name
    for name in ("ministry_incidents.csv", "ground_truth.csv", "meridia_indicators_long.xlsx"):
        assert (other / name).read_bytes() != (sample_dir / name).read_bytes(), name


def test_sizes_of_the_long_file_and_codebook(sample_dir: Path) -> None:
    long = _read_long(sample_dir)
    assert long["district"].nunique() == DISTRICTS
    assert long["province"].nunique() == 6
    assert set(long["indicator"]) == {s.key for s in INDICATORS if s.source == "long"}
    monthly = long[long["freq"] == "M"]
    assert monthly["period"].min() == MONTHS[0] and monthly["period"].max() == MONTHS[-1]
    assert monthly["period"].nunique() == 108
    assert sorted(long.loc[long["freq"] == "Q", "period"].dt.month.unique()) == [1, 4, 7, 10]
    codebook = pd.read_excel(sample_dir / "meridia_indicators_long.xlsx", sheet_name="indicators", engine="calamine")
    assert len(codebook) == 12 and codebook["indicator"].is_unique
    assert set(codebook["direction"]) == {"higher_is_worse", "higher_is_better"}
    assert set(codebook.loc[codebook["direction"] == "higher_is_better", "indicator"]) >= {
        "trust_in_other_groups", "civic_participation"
    }
    assert codebook.set_index("indicator").loc["intercommunal_incidents", "threshold"] == 8
    assert codebook["domain"].nunique() == 7


def test_full_size_country_has_sixty_districts_and_enough_episodes() -> None:
    from workbench.sample.geography import build_geography
    from workbench.sample.simulate import simulate

    sample = simulate(build_geography(), SEED)
    assert sample.geo.n == 60 and sample.geo.districts["province"].nunique() == 6
    assert sample.geo.districts["district"].is_unique and sample.geo.districts["code"].is_unique
    assert sample.geo.districts["code"].str.fullmatch(r"MD-[A-Z]{2}-\d{2}").all()
    primary = [e for e in sample.episodes if not e.parent]
    assert 25 <= len(primary) <= 40
    series = sample.observations.groupby(["district", "indicator", "group"]).ngroups
    assert len({(e.district, e.indicator, e.group) for e in sample.episodes}) < series / 10


def test_values_stay_in_their_valid_ranges(canonical: pd.DataFrame, sample_dir: Path) -> None:
    units = {s.key: s.unit for s in INDICATORS}
    v = canonical.dropna(subset=["value"])
    unit = v["indicator"].map(units)
    bounded = v[unit.isin(["%", "index 0-100"])]["value"]
    assert bounded.between(0, 100).all() and len(bounded) > 1000
    counts = v[unit == "count"]["value"]
    assert (counts >= 0).all() and (counts == counts.round()).all() and counts.max() > 0
    assert (v[unit == "per 10k"]["value"] >= 0).all()


def test_missing_values_are_a_few_percent_and_some_years_are_absent(sample_dir: Path) -> None:
    long = _read_long(sample_dir)
    assert 0.015 < long["missing"].mean() < 0.06
    raw = pd.read_excel(sample_dir / "meridia_indicators_long.xlsx", sheet_name="data", engine="calamine")
    assert (raw["value"] == "..").any() and raw["value"].isna().any(), "both '..' and empty cells"
    per_district = long[long["freq"] == "M"].groupby("district")["period"].nunique()
    assert (per_district == 96).any(), "a district should miss a whole year"
    assert (per_district == 108).sum() >= DISTRICTS - 2


def test_whole_population_is_the_weighted_mean_of_its_groups(canonical: pd.DataFrame, sample_dir: Path) -> None:
    shares = pd.read_csv(sample_dir / "group_shares.csv").set_index("district")
    pairs = {
        "trust_in_other_groups": ("displaced", "host", "displaced_share"),
        "perceived_discrimination": ("displaced", "host", "displaced_share"),
        "civic_participation": ("youth", "elders", "youth_share"),
        "intergenerational_tension": ("youth", "elders", "youth_share"),
    }
    for key, (worse, other, share_col) in pairs.items():
        wide = canonical[canonical["indicator"] == key].pivot_table(
            index=["district", "period"], columns="group", values="value"
        ).dropna()
        w = shares.loc[wide.index.get_level_values("district"), share_col].to_numpy()
        expected = w * wide[worse].to_numpy() + (1 - w) * wide[other].to_numpy()
        assert len(wide) > 100
        assert np.abs(wide[""].to_numpy() - expected).max() <= 0.0501, key


def _worse_series(canonical: pd.DataFrame, ep: pd.Series, sign: int) -> pd.Series:
    rows = canonical[(canonical["district"] == ep["region"]) & (canonical["indicator"] == ep["indicator"])]
    by_group = rows.pivot_table(index="period", columns="group", values="value", dropna=False)
    by_group = by_group.reindex(MONTHS)
    if "-" in ep["group"]:
        first, second = ep["group"].split("-")  # "host-displaced": displaced is worse off
        worse_off, other = (second, first) if first in ("host", "elders") else (first, second)
        return (by_group[worse_off] - by_group[other]) * sign
    return by_group[ep["group"]] * sign


def test_every_episode_is_as_large_as_the_truth_says(canonical: pd.DataFrame, truth: pd.DataFrame) -> None:
    signs = {s.key: s.sign for s in INDICATORS}
    assert len(truth) >= 5
    for _, ep in truth.iterrows():
        series = _worse_series(canonical, ep, signs[ep["indicator"]])
        base = series[(series.index < ep["onset"]) & (series.index >= ep["onset"] - pd.DateOffset(months=24))]
        window = series[(series.index >= ep["peak"]) & (series.index <= ep["end"])]
        shift = window.mean() - base.mean()
        assert window.notna().sum() >= 2 and base.notna().sum() >= 2, ep["episode_id"]
        assert shift >= ep["magnitude_sd"] * ep["noise_sd"] - 1e-6, (ep["episode_id"], shift)


def test_truth_rows_follow_the_rules(truth: pd.DataFrame) -> None:
    primary = truth[truth["parent"] == ""]
    assert (primary["magnitude_sd"] >= 2).all() and (primary["magnitude_sd"] >= 3).any()
    assert (truth["onset"] >= pd.Timestamp("2020-01-01")).all()
    assert (truth["onset"] <= truth["peak"]).all() and (truth["peak"] <= truth["end"]).all()
    months = (truth["end"].dt.year - truth["onset"].dt.year) * 12 + truth["end"].dt.month - truth["onset"].dt.month + 1
    assert months.between(4, 12).all()
    assert set(truth["kind"]) == {"ramp", "level_shift", "gap_widening"}
    assert set(truth["parent"]) - {""} <= set(primary["episode_id"])
    sit = primary[primary["situation"].notna() & (primary["situation"] != "")]
    assert (sit.groupby("situation")["indicator"].nunique() >= 3).all() and len(sit) >= 3
    assert not primary.duplicated(["region", "indicator"]).any()


def test_gap_widening_leaves_the_whole_population_nearly_unchanged(canonical: pd.DataFrame, truth: pd.DataFrame) -> None:
    signs = {s.key: s.sign for s in INDICATORS}
    gaps = truth[truth["kind"] == "gap_widening"]
    gaps = gaps[gaps["parent"] == ""]
    assert len(gaps) >= 1
    for _, ep in gaps.iterrows():
        def shift(group: str, ep: pd.Series = ep) -> float:
            other = ep.copy()
            other["group"] = group
            s = _worse_series(canonical, other, signs[ep["indicator"]])
            base = s[(s.index < ep["onset"]) & (s.index >= ep["onset"] - pd.DateOffset(months=24))]
            return s[(s.index >= ep["peak"]) & (s.index <= ep["end"])].mean() - base.mean()

        assert abs(shift("")) < shift(ep["group"]) / 2, ep["episode_id"]


def test_overlapping_files_agree_with_the_long_file(sample_dir: Path) -> None:
    long = _read_long(sample_dir)
    ministry = _read_ministry(sample_dir)
    overlap = ministry[ministry["indicator"] != "land_disputes"]
    assert len(overlap) > 0
    merged = overlap.merge(long, on=["district", "indicator", "period"], how="left", suffixes=("_csv", "_long"))
    assert merged["province"].notna().all(), "every ministry row has its long-file row"
    same = (merged["value_csv"] == merged["value_long"]) | (merged["value_csv"].isna() & merged["value_long"].isna())
    assert same.all()
    wb = pd.read_excel(sample_dir / "worldbank_style.xlsx", header=3, engine="calamine")
    assert list(wb.columns[:4]) == ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
    for _, row in wb.iterrows():
        whole = long[(long["indicator"] == row["Indicator Code"]) & (long["group"] == "")]
        for year in ("2017", "2021", "2025"):
            expect = whole.loc[whole["period"].dt.year == int(year), "value"].mean()
            assert row[year] == pytest.approx(round(expect, 1), abs=0.051)


def test_ministry_csv_is_the_messy_kind(sample_dir: Path) -> None:
    raw = (sample_dir / "ministry_incidents.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("cp1252")
    assert ";" in text.splitlines()[0] and "n/a" in text and "M03;" in text
    assert any("," in line.split(";")[4] for line in text.splitlines()[1:])


def test_boundaries_tile_the_country_with_one_polygon_per_district(sample_dir: Path) -> None:
    from workbench.sample.geography import ring_area

    path = sample_dir / "boundaries.geojson"
    geo = json.loads(path.read_text(encoding="utf-8"))
    names = [f["properties"]["name"] for f in geo["features"]]
    assert sorted(names) == sorted(_read_long(sample_dir)["district"].unique())
    edges: Counter[tuple[tuple[float, float], tuple[float, float]]] = Counter()
    for feature in geo["features"]:
        assert feature["geometry"]["type"] == "Polygon"
        ring = [tuple(p) for p in feature["geometry"]["coordinates"][0]]
        assert ring[0] == ring[-1] and len(ring) >= 4
        assert ring_area(ring) > 0, "exterior rings are counter-clockwise (RFC 7946)"
        assert feature["properties"]["code"].startswith("MD-") and feature["properties"]["province"]
        edges.update(zip(ring[:-1], ring[1:]))
    # A proper tiling: no edge is used twice in the same direction (no overlap), and
    # every shared edge is walked once each way by the two neighbours.
    assert max(edges.values()) == 1
    shared = sum(1 for (a, b) in edges if (b, a) in edges)
    assert shared > 0
    full = json.dumps(geo)
    assert len(full.encode()) * 60 / DISTRICTS < 300_000


def test_incidents_rise_in_the_dry_season(canonical: pd.DataFrame) -> None:
    inc = canonical[canonical["indicator"] == "intercommunal_incidents"].dropna(subset=["value"])
    dry = inc[inc["period"].dt.month.isin([12, 1, 2, 3])]["value"].mean()
    wet = inc[inc["period"].dt.month.isin([6, 7, 8, 9])]["value"].mean()
    assert dry > 1.3 * wet


@pytest.mark.parametrize(
    "args",
    [("--districts", "7"), ("--districts", "600"), ("--seed", "-1")],
)
def test_bad_options_give_one_error_line(args: tuple[str, ...], tmp_path: Path, run_cli) -> None:
    code, out, err = run_cli("sample", "--out", tmp_path / "x", *args)
    assert code == 1 and err.startswith("error:") and err.count("\n") == 1
    assert not (tmp_path / "x").exists()


def test_sample_project_imports_every_file_without_rejections(sample_dir: Path, canonical: pd.DataFrame, tmp_path: Path) -> None:
    from workbench.sample.project import build_project
    from workbench.store import open_project

    path = tmp_path / "sample.wbproj"
    build_project(sample_dir, path)
    # Only the finished project is left: no half-built file, no backups of its build steps.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.wbproj"]
    with open_project(path, readonly=True) as project:
        imports = project.imports()
        obs = project.observations()
        codebook = project.indicators().set_index("key")
        regions = project.regions()
        boundaries = project.meta("boundaries_geojson")
    assert len(imports) == 5 and (imports["rows_rejected"] == 0).all()
    # The map's boundaries travel in the project, every district matched by its code.
    from workbench.geo import match_regions, parse_geojson

    assert boundaries == (sample_dir / "boundaries.geojson").read_text(encoding="utf-8")
    matched = match_regions(parse_geojson(boundaries), regions)
    assert None not in matched and len(set(matched)) == DISTRICTS
    assert codebook.loc["trust_in_other_groups", "direction"] == "higher_is_better"
    assert codebook.loc["intercommunal_incidents", "threshold"] == 8
    # The World Bank style file's national averages are keyed by their Indicator Code (the
    # codebook key, whose codebook name they keep) and belong to the country, not a district.
    countries = set(regions.loc[regions["level"] == "country", "name"])
    national = obs[obs["region"].isin(countries)]
    wb = pd.read_excel(sample_dir / "worldbank_style.xlsx", header=3, engine="calamine")
    assert set(national["region"]) == set(wb["Country Name"]) and set(national["freq"]) == {"Y"}
    assert set(national["indicator"]) == set(wb["Indicator Code"])
    for key, name in zip(wb["Indicator Code"], wb["Indicator Name"]):
        assert codebook.loc[key, "name"] == next(s.name for s in INDICATORS if s.key == key) != name
    assert not (regions["level"].eq("district") & regions["name"].isin(countries)).any()
    districts = obs[~obs["region"].isin(countries)]
    got = districts[districts["indicator"].isin([s.key for s in INDICATORS])].rename(columns={"region": "district"})
    key = ["district", "indicator", "group", "period"]
    merged = canonical.merge(got, on=key, how="outer", suffixes=("_file", "_project"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    same = np.isclose(merged["value_file"], merged["value_project"]) | (
        merged["value_file"].isna() & merged["value_project"].isna()
    )
    assert same.all()
    assert set(got.loc[got["indicator"] == "trust_in_other_groups", "freq"]) == {"Q"}


def test_project_option_refuses_an_existing_project(tmp_path: Path, run_cli) -> None:
    existing = tmp_path / "p.wbproj"
    existing.write_bytes(b"")
    code, _, err = run_cli("sample", "--out", tmp_path / "out", "--project", existing)
    assert code == 1 and "already exists" in err
    assert existing.read_bytes() == b"" and not (tmp_path / "out").exists()
