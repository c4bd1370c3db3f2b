"""Observations read as numpy columns: the same frame as the SQL join they replace, the same
panels as ``build_panels``, and a data fingerprint kept until the observations change."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.models.series import build_panels, panels_from_columns
from workbench.store import open_project
from workbench.store import observation_columns as oc
from workbench.store.dialect import read_frame

OLD_QUERY = (
    "SELECT o.region_id, o.indicator_id, r.name AS region, i.key AS indicator,"
    " o.period, o.grp AS \"group\", o.value, o.freq"
    " FROM observation o JOIN region r ON r.id = o.region_id"
    " JOIN indicator i ON i.id = o.indicator_id"
)


def old_observations(project, with_ids: bool = False) -> pd.DataFrame:
    """What Project.observations() returned before the columnar read."""
    df = read_frame(OLD_QUERY, project.conn)
    df["period"] = pd.to_datetime(df["period"], format="%Y-%m-%d")
    df["value"] = df["value"].astype("float64")
    return df if with_ids else df.drop(columns=["region_id", "indicator_id"])


def write(project, rows: list[tuple], import_name: str = "f.csv") -> None:
    """rows: (region, indicator, period, group, freq, value)."""
    with project.transaction() as conn:
        frame = pd.DataFrame(rows, columns=["region", "indicator", "period", "grp", "freq", "value"])
        regions = project.ensure_regions(frame[["region"]])
        indicators = project.ensure_indicators(sorted(set(frame["indicator"])))
        import_id = project.record_import(file_name=import_name, sha256="0" * 64, sheet=None, mapping={},
                                          report={}, rows_read=len(rows), rows_kept=len(rows), rows_rejected=0)
        frame["region_id"] = frame["region"].str.casefold().map(regions)
        frame["indicator_id"] = frame["indicator"].str.casefold().map(indicators)
        project.write_observations(frame, import_id)
        conn.execute("SELECT 1")


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """Monthly, quarterly and weekly series, groups, missing values, a month without a row,
    names that sort differently from their ids (Ziway is created first), a name not in ASCII."""
    rng = np.random.default_rng(3)
    rows = []
    months = pd.date_range("2019-01-01", periods=30, freq="MS").strftime("%Y-%m-%d")
    quarters = pd.date_range("2019-01-01", periods=10, freq="QS").strftime("%Y-%m-%d")
    for region in ("Ziway", "Adama", "Öromo", "Bahir Dar"):
        for ind in ("trust", "incidents"):
            for p in months:
                v = float(rng.poisson(3)) if ind == "incidents" else round(float(rng.normal(40, 3)), 1)
                rows.append((region, ind, p, "", "M", v if rng.random() > 0.1 else np.nan))
        for grp in ("host", "displaced", "youth"):
            for p in months[5:]:
                rows.append((region, "safety", p, grp, "M", round(float(rng.normal(50, 5)), 1)))
        for p in quarters:
            rows.append((region, "displacement", p, "", "Q", float(rng.integers(0, 900))))
    # A monthly series with a month that has no row at all (read row by row, not rebuilt from
    # its first and last month), and a weekly series.
    rows = [r for r in rows if not (r[0] == "Adama" and r[1] == "trust" and r[2] == months[10])]
    for k, p in enumerate(pd.date_range("2020-01-06", periods=20, freq="7D").strftime("%Y-%m-%d")):
        rows.append(("Adama", "rumours", p, "", "W", float(k % 5)))
    path = tmp_path / "mixed.wbproj"
    with open_project(path, create=True) as p:
        write(p, rows)
    return path


def test_observations_frame_is_the_join_it_replaces(mixed: Path) -> None:
    with open_project(mixed, readonly=True) as p:
        statements: list[str] = []
        p.conn.set_trace_callback(statements.append)
        p.observations()
        p.conn.set_trace_callback(None)
        # Both ways of reading a part ran: values alone (series with every period) and whole rows.
        assert any(s.startswith("SELECT o.value FROM") for s in statements)
        assert any(s.startswith("SELECT o.region_id, o.indicator_id, CAST") for s in statements)
        for with_ids in (False, True):
            pd.testing.assert_frame_equal(p.observations(with_ids=with_ids), old_observations(p, with_ids))
        ids = [int(i) for (i,) in p.conn.execute("SELECT id FROM region ORDER BY id DESC LIMIT 2")]
        inds = [int(p.conn.execute("SELECT id FROM indicator WHERE key = 'safety'").fetchone()[0])]
        sub = p.observations(regions=ids, indicators=inds)
        old = old_observations(p, True)
        old = old[old["region_id"].isin(ids) & old["indicator_id"].isin(inds)]
        pd.testing.assert_frame_equal(sub, old.drop(columns=["region_id", "indicator_id"]).reset_index(drop=True))


def test_panels_from_columns_are_build_panels(mixed: Path) -> None:
    with open_project(mixed, readonly=True) as p:
        cols, codebook = p.observation_columns(), p.indicators()
        old = build_panels(old_observations(p), codebook)
    new = panels_from_columns(cols, codebook)
    assert [x.freq for x in new] == [x.freq for x in old] == ["W", "M", "Q"]
    assert set(new[1].keys["kind"]) == {"observed", "gap", "spread", "polarization"}
    for a, b in zip(old, new):
        pd.testing.assert_frame_equal(a.keys, b.keys)
        assert a.periods.equals(b.periods)
        for field in ("values", "direction", "threshold", "count"):
            np.testing.assert_array_equal(getattr(a, field), getattr(b, field), err_msg=field)


def test_fingerprint_is_kept_until_observations_change(mixed: Path, monkeypatch) -> None:
    from alerts.engine import run_models

    hashed = []
    real = oc.ObservationColumns.digest
    monkeypatch.setattr(oc.ObservationColumns, "digest", lambda self: hashed.append(1) or real(self))
    first = run_models(mixed)
    assert len(hashed) == 1
    again = run_models(mixed)  # same data: the kept fingerprint, no hashing
    assert len(hashed) == 1 and again.data_fingerprint == first.data_fingerprint
    with open_project(mixed) as p:
        write(p, [("Adama", "trust", "2021-07-01", "", "M", 99.0)], "g.csv")
        assert p.meta(oc.FINGERPRINT_KEY) is None  # dropped in the import's own transaction
    changed = run_models(mixed)
    assert len(hashed) == 2 and changed.data_fingerprint != first.data_fingerprint
    with open_project(mixed, readonly=True) as p:
        assert p.data_fingerprint() == changed.data_fingerprint == real(p.observation_columns())


def test_a_kept_fingerprint_is_not_trusted_after_an_import_that_did_not_drop_it(mixed: Path) -> None:
    from alerts.engine import run_models

    first = run_models(mixed)
    with open_project(mixed) as p, p.transaction() as conn:
        # An older program imports: it writes an import and observations, knows nothing of the key.
        conn.execute("INSERT INTO import(file_name, sha256, mapping, rows_read, rows_kept, rows_rejected, report,"
                     " imported_at) VALUES ('old.csv', '', '{}', 1, 1, 0, '{}', '2026-01-01')")
        conn.execute("UPDATE observation SET value = value + 1 WHERE indicator_id = 1")
    assert run_models(mixed).data_fingerprint != first.data_fingerprint
