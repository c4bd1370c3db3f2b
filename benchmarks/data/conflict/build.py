"""Rebuild the ``<iso3>_admin1_monthly.csv`` files of the real-conflict benchmark.

The original files (public ACLED and UCDP exports committed in public GitHub repositories)
are 0.6-3.5 MB each, too large to keep here; ``SOURCES`` below names each one by repository,
commit and path, with its SHA-256, and ``--print-urls`` prints where to download them.

    python benchmarks/data/conflict/build.py --print-urls          # where the originals are
    python benchmarks/data/conflict/build.py --originals DIR       # DIR holds the originals
    python benchmarks/data/conflict/build.py --originals DIR --check   # rebuild, compare
    python benchmarks/data/conflict/build.py --check-truth         # truth.csv vs CSV names/spans

Every output file has one row per admin1 x month over the country's covered span, with an
explicit 0 for months without a recorded event (see README.md for why that is right for each
source). ``month`` is YYYY-MM-01; ``events`` and ``fatalities`` are integers.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import io
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
FIRST_MONTH = "1997-01"  # ACLED Africa starts in January 1997; UCDP Nigeria is cut there too

# ACLED's own grouping of sub-event types into "political violence" (acledR package,
# dtacled/acledR, data/acled_event_categories.rda at commit 004ff29df438): every Battles,
# Explosions/Remote violence and Violence against civilians sub-event, plus Riots/Mob
# violence and Protests/Excessive force against protesters.
PV_EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
PV_SUB_EVENT_TYPES = {"Mob violence", "Excessive force against protesters"}

NIGERIA_STATES = [
    "Abia", "Adamawa", "Akwa Ibom", "Anambra", "Bauchi", "Bayelsa", "Benue", "Borno",
    "Cross River", "Delta", "Ebonyi", "Edo", "Ekiti", "Enugu", "Federal Capital Territory",
    "Gombe", "Imo", "Jigawa", "Kaduna", "Kano", "Katsina", "Kebbi", "Kogi", "Kwara", "Lagos",
    "Nasarawa", "Niger", "Ogun", "Ondo", "Osun", "Oyo", "Plateau", "Rivers", "Sokoto",
    "Taraba", "Yobe", "Zamfara",
]


@dataclasses.dataclass(frozen=True)
class Source:
    """One original file and how to turn it into admin1 x month counts."""

    iso3: str
    kind: str  # "hdx" (ACLED admin2 x month xlsx), "acled" (event csv), "ucdp" (GED csv)
    file: str  # original file name
    repo: str
    commit: str
    path: str
    sha256: str
    data_until: str  # last day the source is known to cover (as-of date or last event)
    note: str = ""
    rename: tuple[tuple[str, str], ...] = ()

    @property
    def url(self) -> str:
        from urllib.parse import quote

        return f"https://raw.githubusercontent.com/{self.repo}/{self.commit}/{quote(self.path)}"


SOURCES: tuple[Source, ...] = (
    Source(
        "COD", "hdx",
        "democratic-republic-of-congo_hrp_political_violence_events_and_fatalities_by_month-year_as-of-0.xlsx",
        "disandroa/30DayMappingChallenge2024", "3f3cd8750d003314a1dfd9952651ca74767abc1b",
        "data/day08_data/democratic-republic-of-congo_hrp_political_violence_events_and_fatalities_by_month-year_as-of-0.xlsx",
        "0e712191c15b22d650ebca9b6b5cc083d23872161257fe89df137b2ce56c6b43",
        "2024-11-09",
        "as-of date missing from the file name ('as-of-0'); the file was committed 2024-11-09 "
        "and its last month (Nov 2024) is partial",
    ),
    Source(
        "BFA", "hdx",
        "burkina-faso_hrp_political_violence_events_and_fatalities_by_month-year_as-of-03apr2025.xlsx",
        "Abson-dev/GT-ISE-3-ENSAE", "ea68e20277df6dbf6d19b89eab6efeb98e4a50b6",
        "01_Data_preparation/BFA/donnees conflits/burkina-faso_hrp_political_violence_events_and_fatalities_by_month-year_as-of-03apr2025.xlsx",
        "aa1284e0522b33c071f6ecd304b6168b9edd1af87d7431ee2761565505da50e2",
        "2025-04-03",
    ),
    Source(
        "NER", "acled", "conflict_data_ner.csv",
        "alegalli/conflictSahel", "0e110f0a2f36e66c5498a5671d2e987189074e19",
        "data/Conflict Data/conflict_data_ner.csv",
        "1957ceef7ff58863034a1b3b91ba00e80c54a40fb088632fb07ab1140e6db6ed",
        "2020-08-01",
    ),
    Source(
        "MOZ", "acled", "conflict_data_moz.csv",
        "monmon1994/Election_Violence_Africa", "1d3d0be113199d37d3efa9717df02753481ce3f6",
        "data/conflict_data_moz.csv",
        "9459743b5fdedc01a30dbbcca83b8877b3d13f44780eb0f108fecfe085dea435",
        "2020-11-06",
        "ACLED codes some events to admin1 'Pemba' (the capital of Cabo Delgado, not a "
        "province); they are counted in Cabo Delgado",
        rename=(("Pemba", "Cabo Delgado"),),
    ),
    Source(
        "NGA", "ucdp", "conflict_data_nga.csv",
        "t-downing/nigeria_rice_model", "b0131628549aaf74ef60e3d9eed59ae2c5c0697b",
        "data/conflict_data_nga.csv",
        "7a661fbf6d0a76b8f3684620c6cd61441697d91a4efeb05e7e6faf0e6f874bbb",
        "2019-12-31",
    ),
    Source(
        "ETH", "acled", "conflict_data_eth.csv",
        "monmon1994/Election_Violence_Africa", "1d3d0be113199d37d3efa9717df02753481ce3f6",
        "data/conflict_data_eth.csv",
        "eef8c119ecb2e1dc93b014404e4bd4d7be11e8b30596c0919183fa9dce4f150a",
        "2020-11-07",
    ),
    Source(
        "MLI", "acled", "conflict_data_mli.csv",
        "alegalli/conflictSahel", "0e110f0a2f36e66c5498a5671d2e987189074e19",
        "data/Conflict Data/conflict_data_mli.csv",
        "c5d39b38e5f53485b05b6eb0f032fb104ca56ffadbb1e8dd12cb3b402bd426b2",
        "2020-07-31",
    ),
)

COLUMNS = ["country", "admin1", "admin1_pcode", "month", "events", "fatalities"]


def last_full_month(src: Source) -> pd.Period:
    """The last month the source covers completely.

    ACLED's weekly HDX releases stop about a week before their as-of date, so for ``hdx``
    the cover ends 7 days before it; for event lists the cover ends on the last event date.
    A month counts only if the cover reaches its last day, so a truncated final month (which
    would look like a sudden drop) never enters the benchmark.
    """
    end = dt.date.fromisoformat(src.data_until)
    if src.kind == "hdx":
        end -= dt.timedelta(days=7)
    month = pd.Period(end, freq="M")
    return month if end == month.end_time.date() else month - 1


def _read_hdx(raw: bytes) -> pd.DataFrame:
    """ACLED's HDX admin2 x month export: sheet 'Data', zero months listed explicitly."""
    df = pd.read_excel(io.BytesIO(raw), sheet_name="Data", engine="calamine")
    month_no = pd.to_datetime(df["Month"], format="%B").dt.month
    df["period"] = pd.PeriodIndex.from_fields(year=df["Year"], month=month_no, freq="M")
    pcodes = df.groupby("Admin1")["Admin1 Pcode"].agg(lambda s: s.iloc[0])
    out = df.groupby(["Admin1", "period"], as_index=False)[["Events", "Fatalities"]].sum()
    out.columns = ["admin1", "period", "events", "fatalities"]
    out["admin1_pcode"] = out["admin1"].map(pcodes)
    return out


def _read_acled(raw: bytes) -> tuple[pd.DataFrame, int]:
    """An ACLED event-level export (HDX 'conflict_data_xxx.csv', second row HXL tags)."""
    df = pd.read_csv(io.BytesIO(raw), skiprows=[1], low_memory=False)
    pv = df["event_type"].isin(PV_EVENT_TYPES) | df["sub_event_type"].isin(PV_SUB_EVENT_TYPES)
    df = df[pv]
    df = df.assign(period=pd.to_datetime(df["event_date"]).dt.to_period("M"))
    missing = int(df["admin1"].isna().sum())
    out = (df.dropna(subset=["admin1"])
             .groupby(["admin1", "period"]).agg(events=("event_date", "size"),
                                                 fatalities=("fatalities", "sum"))
             .reset_index())
    return out, missing


def _read_ucdp(raw: bytes) -> tuple[pd.DataFrame, int]:
    """A UCDP GED country extract: one row per lethal event, ``best`` = best death estimate.

    Events are dated by ``date_start`` and placed by ``adm_1`` ('Borno state' -> 'Borno').
    """
    df = pd.read_csv(io.BytesIO(raw), skiprows=[1], low_memory=False)
    df = df.assign(period=pd.to_datetime(df["date_start"].str[:10]).dt.to_period("M"))
    missing = int(((df["period"] >= pd.Period(FIRST_MONTH, "M")) & df["adm_1"].isna()).sum())
    names = (df["adm_1"].str.replace(r"\s+state$", "", regex=True)
                        .replace({"Federal Capital territory": "Federal Capital Territory"}))
    df = df.assign(admin1=names).dropna(subset=["admin1"])
    out = (df.groupby(["admin1", "period"]).agg(events=("best", "size"), fatalities=("best", "sum"))
             .reset_index())
    return out, missing


def build_one(src: Source, raw: bytes) -> tuple[pd.DataFrame, dict[str, object]]:
    """Counts for one country, zero-filled over ``FIRST_MONTH``..last full month."""
    digest = hashlib.sha256(raw).hexdigest()
    if digest != src.sha256:
        raise ValueError(f"{src.file}: sha256 {digest} is not the recorded {src.sha256}")
    missing = 0
    if src.kind == "hdx":
        counts = _read_hdx(raw)
    elif src.kind == "acled":
        counts, missing = _read_acled(raw)
    else:
        counts, missing = _read_ucdp(raw)
    if "admin1_pcode" not in counts:
        counts["admin1_pcode"] = ""  # event-level sources carry names only
    counts["admin1"] = counts["admin1"].replace(dict(src.rename))
    counts = counts.groupby(["admin1", "period"], as_index=False).agg(
        events=("events", "sum"), fatalities=("fatalities", "sum"),
        admin1_pcode=("admin1_pcode", "first"))
    first, last = pd.Period(FIRST_MONTH, "M"), last_full_month(src)
    outside = counts[(counts["period"] < first) | (counts["period"] > last)]
    regions = NIGERIA_STATES if src.kind == "ucdp" else sorted(counts["admin1"].unique())
    unknown = sorted(set(counts["admin1"]) - set(regions))
    if src.kind == "ucdp" and set(unknown) - {"Gongola"}:
        raise ValueError(f"{src.iso3}: unexpected admin1 names {unknown}")
    pcodes = counts.groupby("admin1")["admin1_pcode"].first().to_dict()
    grid = pd.MultiIndex.from_product([regions, pd.period_range(first, last, freq="M")],
                                      names=["admin1", "period"])
    table = (counts.set_index(["admin1", "period"])[["events", "fatalities"]]
                   .reindex(grid, fill_value=0).reset_index())
    table.insert(0, "country", src.iso3)
    table.insert(2, "admin1_pcode", table["admin1"].map(pcodes).fillna(""))
    table["month"] = table["period"].dt.start_time.dt.strftime("%Y-%m-%d")
    table[["events", "fatalities"]] = table[["events", "fatalities"]].astype(int)
    info = {
        "admin1": len(regions), "first": str(first), "last": str(last),
        "rows": len(table), "events_outside_span": int(outside["events"].sum()),
        "events_without_admin1": missing, "dropped_admin1": unknown,
    }
    return table[COLUMNS], info


def check_truth(folder: Path = HERE) -> list[str]:
    """Problems in ``truth.csv`` against the CSVs' region names and month spans.

    Reads only the ``country``, ``admin1`` and ``month`` columns of the CSVs (never the
    counts): each truth row must name an existing region, lie inside the country's span, and
    an onset must come at least 24 months after the span starts (the detectors need history).
    """
    truth = pd.read_csv(folder / "truth.csv", dtype=str, keep_default_na=False)
    problems: list[str] = []
    spans: dict[str, tuple[set[str], pd.Period, pd.Period]] = {}
    for src in SOURCES:
        frame = pd.read_csv(folder / f"{src.iso3.lower()}_admin1_monthly.csv",
                            usecols=["admin1", "month"], dtype=str)
        months = pd.PeriodIndex(frame["month"], freq="M")
        spans[src.iso3] = (set(frame["admin1"]), months.min(), months.max())
    for n, row in truth.iterrows():
        where = f"truth.csv line {n + 2} ({row['country']} {row['admin1']} {row['kind']})"
        if row["country"] not in spans:
            problems.append(f"{where}: unknown country")
            continue
        regions, first, last = spans[row["country"]]
        if row["admin1"] not in regions:
            problems.append(f"{where}: admin1 not in the CSV")
        start = pd.Period(row["onset"], "M")
        end = pd.Period(row["end"], "M") if row["end"] else start
        if start < first or end > last:
            problems.append(f"{where}: {start}..{end} outside the data span {first}..{last}")
        if row["kind"] == "onset" and start < first + 24:
            problems.append(f"{where}: onset {start} is less than 24 months after {first}")
        if row["kind"] == "quiet" and end < start:
            problems.append(f"{where}: quiet range ends before it starts")
        if row["kind"] not in {"onset", "quiet"} or row["split"] not in {"tuning", "held_out"}:
            problems.append(f"{where}: bad kind or split")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: rebuild (or check) the CSVs from a directory of originals."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--originals", type=Path, help="directory holding the original files")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the CSVs")
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed CSVs instead of writing")
    parser.add_argument("--print-urls", action="store_true", help="print download URLs and exit")
    parser.add_argument("--check-truth", action="store_true",
                        help="check truth.csv names and months against the CSVs and exit")
    args = parser.parse_args(argv)
    if args.check_truth:
        problems = check_truth()
        for line in problems:
            print(f"error: {line}", file=sys.stderr)
        print(f"truth.csv: {len(problems)} problem(s)")
        return 1 if problems else 0
    if args.print_urls:
        for src in SOURCES:
            print(f"{src.iso3}  {src.file}\n     {src.url}")
        return 0
    if args.originals is None:
        parser.error("--originals DIR is required (see --print-urls)")
    status = 0
    for src in SOURCES:
        path = args.originals / src.file
        if not path.is_file():
            print(f"error: {path} not found (see --print-urls)", file=sys.stderr)
            return 2
        table, info = build_one(src, path.read_bytes())
        target = args.out / f"{src.iso3.lower()}_admin1_monthly.csv"
        text = table.to_csv(index=False, lineterminator="\n")
        if args.check:
            same = target.is_file() and target.read_text(encoding="utf-8") == text
            status |= 0 if same else 1
            print(f"{src.iso3}: {'identical' if same else 'DIFFERS'} {target.name}")
        else:
            target.write_text(text, encoding="utf-8")
            print(f"{src.iso3}: {info} -> {target.name} ({len(text.encode()) / 1e6:.2f} MB)")
    return status


if __name__ == "__main__":
    sys.exit(main())
