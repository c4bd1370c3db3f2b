"""The sample's Excel workbooks, each in the layout a different kind of sender uses.

Two writers on purpose (xlsxwriter for the big long table, openpyxl for the small odd
layouts), so the importer meets both dialects. Workbooks are made reproducible after
writing: zip timestamps and document dates are pinned, so one seed gives the same bytes
and the committed sample only changes when its content does.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.sample.codebook import BY_KEY, codebook_frame
from workbench.sample.geography import COUNTRY
from workbench.sample.simulate import SampleData

STAMP = dt.datetime(2026, 1, 15, 9, 0, 0)
SURVEY_INDICATOR = "confidence_in_local_institutions"
WORLDBANK_INDICATORS = ("youth_unemployment", "perceived_discrimination")


def make_reproducible(path: Path) -> None:
    """Rewrite an .xlsx with fixed zip timestamps and fixed created/modified dates."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    iso = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso, data)
            info = zipfile.ZipInfo(name, date_time=STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, data)


def write_long(sample: SampleData, path: Path, rng: np.random.Generator) -> int:
    """Main long table plus the ``indicators`` codebook sheet; returns the data rows written.

    Monthly periods are real Excel dates shown as ``yyyy-mm``; quarterly survey rows
    carry text such as ``2021-Q3``. A missing value is ``..`` in two cells of three and
    an empty cell otherwise, as field offices mix both.
    """
    import xlsxwriter

    obs = sample.observations
    obs = obs[obs["indicator"].map(lambda k: BY_KEY[k].source == "long")].reset_index(drop=True)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    wb.set_properties({"title": f"{COUNTRY} cohesion indicators", "author": "Meridia M&E unit", "created": STAMP})
    bold = wb.add_format({"bold": True})
    month_fmt = wb.add_format({"num_format": "yyyy-mm"})
    ws = wb.add_worksheet("data")
    ws.write_row(0, 0, ["province", "district", "indicator", "group", "period", "value"], bold)
    missing_dots = rng.random(len(obs)) < 2 / 3
    quarterly = (obs["freq"] == "Q").to_numpy()
    periods = obs["period"]
    q_text = (periods.dt.year.astype(str) + "-Q" + periods.dt.quarter.astype(str)).to_numpy()
    py_dates = periods.dt.to_pydatetime()
    values = obs["value"].to_numpy()
    cols = [obs[c].to_numpy() for c in ("province", "district", "indicator", "group")]
    for i in range(len(obs)):
        r = i + 1
        ws.write_string(r, 0, cols[0][i])
        ws.write_string(r, 1, cols[1][i])
        ws.write_string(r, 2, cols[2][i])
        if cols[3][i]:
            ws.write_string(r, 3, cols[3][i])
        if quarterly[i]:
            ws.write_string(r, 4, q_text[i])
        else:
            ws.write_datetime(r, 4, py_dates[i], month_fmt)
        v = values[i]
        if v == v:
            ws.write_number(r, 5, float(v))
        elif missing_dots[i]:
            ws.write_string(r, 5, "..")
    ws.set_column(0, 2, 22)
    book = wb.add_worksheet("indicators")
    cb = codebook_frame()
    book.write_row(0, 0, list(cb.columns), bold)
    for r, rec in enumerate(cb.itertuples(index=False), start=1):
        for c, v in enumerate(rec):
            if v is None or (isinstance(v, float) and v != v):
                continue
            book.write(r, c, v)
    book.set_column(0, 1, 34)
    wb.close()
    make_reproducible(path)
    return len(obs)


def write_partner_survey(sample: SampleData, path: Path, rng: np.random.Generator) -> int:
    """A partner's quarterly survey: districts x quarters, the way partners send it.

    A text-only cover sheet; on the data sheet two title rows, a two-row header whose
    top row merges one "Survey round" cell over all period columns (the first columns
    merged vertically), ``..`` for rounds not collected, and source notes under the data.
    Returns the number of data rows (districts).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    obs = sample.observations
    obs = obs[obs["indicator"] == SURVEY_INDICATOR]
    table = obs.pivot_table(index=["province", "district"], columns="period", values="value", dropna=False, sort=False)
    order = sample.geo.districts[["province", "district"]].apply(tuple, axis=1)
    table = table.reindex(pd.MultiIndex.from_tuples(order, names=["province", "district"]))
    periods = sorted(obs["period"].unique())
    table = table.reindex(columns=periods)
    present = obs.assign(one=1).pivot_table(index=["province", "district"], columns="period", values="one", aggfunc="sum").reindex(table.index).reindex(columns=periods)

    wb = Workbook()
    cover = wb.active
    cover.title = "About"
    for r, line in enumerate(
        (
            "Meridia Partner Perception Survey",
            "Quarterly household survey run by the partner consortium in every district.",
            "Question: 'How much confidence do you have in your local council and local courts?'",
            "Value: % of respondents answering 'a great deal' or 'quite a lot'.",
            "About 400 respondents per district and round; '..' = round not collected.",
            "Contact: survey desk, partner consortium.",
        ),
        start=1,
    ):
        cover.cell(r, 1, line)
    cover["A1"].font = Font(bold=True, size=14)

    ws = wb.create_sheet("Confidence by quarter")
    spec = BY_KEY[SURVEY_INDICATOR]
    ws.cell(1, 1, f"{spec.name} (%), by district and survey round").font = Font(bold=True, size=13)
    ws.cell(2, 1, f"{COUNTRY} - Partner Perception Survey, rounds 2017 Q1 to 2025 Q4")
    head = 4
    first_period_col = 4
    for c, label in enumerate(("Province", "District", "Indicator"), start=1):
        ws.cell(head, c, label).font = Font(bold=True)
        ws.merge_cells(start_row=head, start_column=c, end_row=head + 1, end_column=c)
    ws.cell(head, first_period_col, "Survey round").alignment = Alignment(horizontal="center")
    ws.cell(head, first_period_col).font = Font(bold=True)
    ws.merge_cells(
        start_row=head, start_column=first_period_col, end_row=head, end_column=first_period_col + len(periods) - 1
    )
    for j, p in enumerate(periods):
        p = pd.Timestamp(p)
        ws.cell(head + 1, first_period_col + j, f"Q{p.quarter} {p.year}").font = Font(bold=True)
    values = table.to_numpy()
    known = present.to_numpy() == 1
    for i, (province, district) in enumerate(table.index):
        r = head + 2 + i
        ws.cell(r, 1, province)
        ws.cell(r, 2, district)
        ws.cell(r, 3, SURVEY_INDICATOR)
        for j in range(len(periods)):
            v = values[i, j]
            if v == v:
                ws.cell(r, first_period_col + j, float(v))
            elif known[i, j]:
                ws.cell(r, first_period_col + j, "..")
    foot = head + 2 + len(table) + 1
    ws.cell(foot, 1, "Source: Meridia Partner Perception Survey consortium; weighted district estimates.")
    ws.cell(foot + 1, 1, "Note: '..' = not collected; empty = district office closed that year.")
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 20
    wb.active = 1
    wb.properties.created = STAMP
    wb.save(path)
    make_reproducible(path)
    return len(table)


def write_worldbank(sample: SampleData, path: Path) -> int:
    """National yearly figures in a World-Bank-style export (preamble, year columns).

    Each value is the mean over districts and months of the whole-population monthly
    values in the long file, so this file agrees with it; it exists to exercise the
    World Bank layout. Returns the number of indicator rows.
    """
    from openpyxl import Workbook

    obs = sample.observations
    obs = obs[obs["indicator"].isin(WORLDBANK_INDICATORS) & (obs["group"] == "")]
    yearly = obs.groupby(["indicator", obs["period"].dt.year])["value"].mean().round(1).unstack()
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Data Source", "Meridia National Statistics Office - Social Indicators"])
    ws.append(["Last Updated Date", STAMP.date().isoformat()])
    ws.append([])
    years = [int(y) for y in yearly.columns]
    ws.append(["Country Name", "Country Code", "Indicator Name", "Indicator Code", *[str(y) for y in years]])
    for key in WORLDBANK_INDICATORS:
        spec = BY_KEY[key]
        row = [float(v) if v == v else None for v in yearly.loc[key].to_numpy()]
        ws.append([COUNTRY, "MDA", f"{spec.name} ({spec.unit}), national average", key, *row])
    wb.properties.created = STAMP
    wb.save(path)
    make_reproducible(path)
    return len(WORLDBANK_INDICATORS)
