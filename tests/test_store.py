"""The project file: creation, migrations, transactions, bulk writes and revisions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.errors import ProjectBusyError, ProjectError
from workbench.store import open_project
from workbench.store.project import WriteCounts
from workbench.store.schema import SCHEMA_VERSION


def _obs(reg: dict[str, int], ind: dict[str, int], values: list[float | None]) -> pd.DataFrame:
    n = len(values)
    return pd.DataFrame(
        {
            "region_id": [reg["kibali"]] * n,
            "indicator_id": [ind["trust"]] * n,
            "period": pd.date_range("2024-01-01", periods=n, freq="MS").strftime("%Y-%m-%d"),
            "grp": "",
            "freq": "M",
            "value": np.array([np.nan if v is None else v for v in values], dtype=float),
        }
    )


def _setup(project):
    reg = project.ensure_regions(
        pd.DataFrame({"region": ["Kibali", "Nord"], "province": ["East", "East"], "country": ["Meridia"] * 2})
    )
    ind = project.ensure_indicators(
        ["trust"], pd.DataFrame({"indicator": ["trust"], "direction": ["higher_is_better"], "unit": ["%"]})
    )
    iid = project.record_import(
        file_name="a.xlsx", sha256="0" * 64, sheet="data", mapping={}, report={},
        rows_read=3, rows_kept=3, rows_rejected=0,
    )
    return reg, ind, iid


def test_new_project_has_current_schema_and_identity(project_path: Path) -> None:
    with open_project(project_path, create=True) as p:
        assert p.schema_version == SCHEMA_VERSION
        assert len(p.meta("project_id")) == 32
    # Re-opening does not migrate or change anything.
    before = project_path.read_bytes()
    with open_project(project_path) as p:
        assert p.schema_version == SCHEMA_VERSION
    assert project_path.read_bytes() == before


def test_region_hierarchy_and_codebook(project_path: Path) -> None:
    with open_project(project_path, create=True) as p, p.transaction():
        reg, ind, _ = _setup(p)
        regions = p.regions().set_index("key")
        assert regions.loc["meridia", "level"] == "country"
        assert regions.loc["east", "parent_id"] == regions.loc["meridia", "id"]
        assert regions.loc["kibali", "parent_id"] == regions.loc["east", "id"]
        assert p.indicators().set_index("key").loc["trust", "direction"] == "higher_is_better"
        # The same names, differently spaced and cased, resolve to the same rows.
        again = p.ensure_regions(pd.DataFrame({"region": ["  KIBALI "]}))
        assert again["kibali"] == reg["kibali"]
        assert len(p.regions()) == 4


def test_write_counts_new_revised_unchanged_and_revisions(project_path: Path) -> None:
    with open_project(project_path, create=True) as p, p.transaction():
        reg, ind, iid = _setup(p)
        assert p.write_observations(_obs(reg, ind, [1.0, 2.0, None]), iid).new == 3
        counts = p.write_observations(_obs(reg, ind, [1.0, 2.5, 4.0]), iid)
        assert (counts.new, counts.revised, counts.unchanged) == (0, 2, 1)
        rev = pd.read_sql_query("SELECT period, old_value, new_value FROM revision ORDER BY period", p.conn)
        assert rev["period"].tolist() == ["2024-02-01", "2024-03-01"]
        assert rev["old_value"].iloc[0] == 2.0 and np.isnan(rev["old_value"].iloc[1])
        obs = p.observations()
        assert obs["value"].tolist() == [1.0, 2.5, 4.0]
        assert obs["period"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-02-01", "2024-03-01"]
        assert set(obs.columns) == {"region", "indicator", "period", "group", "value", "freq"}


def test_failed_transaction_leaves_file_unchanged(project_path: Path) -> None:
    with open_project(project_path, create=True) as p:
        with p.transaction():
            _setup(p)
    before = project_path.read_bytes()
    with open_project(project_path) as p:
        with pytest.raises(RuntimeError):
            with p.transaction():
                p.ensure_regions(pd.DataFrame({"region": ["Sud"]}))
                raise RuntimeError("boom")
        assert "sud" not in p.regions()["key"].tolist()
    assert project_path.read_bytes() == before


def test_not_a_project_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.wbproj"
    junk.write_bytes(b"PK\x03\x04 not sqlite")
    with pytest.raises(ProjectError, match="not a workbench project"):
        open_project(junk)
    other = tmp_path / "other.wbproj"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(ProjectError, match="not a workbench project"):
        open_project(other)
    with pytest.raises(ProjectError, match="does not exist"):
        open_project(tmp_path / "missing.wbproj")


def test_newer_schema_is_refused(project_path: Path) -> None:
    open_project(project_path, create=True).close()
    con = sqlite3.connect(project_path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(ProjectError, match="newer version"):
        open_project(project_path)


def test_second_writer_gets_a_clear_busy_error(project_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.store.project as store

    open_project(project_path, create=True).close()
    holder = sqlite3.connect(project_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 100)
        with open_project(project_path) as p:
            with pytest.raises(ProjectBusyError, match="in use"):
                with p.transaction():
                    pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_write_of_new_and_stored_series_is_one_upsert_in_any_row_order(project_path: Path) -> None:
    """New series go straight into the table, stored ones through staging; either way the
    later of two rows with one key wins, groups are part of the key and NaN is stored as
    missing, whatever the order of the rows and whether text columns are categoricals."""
    rng = np.random.default_rng(5)
    with open_project(project_path, create=True) as p, p.transaction():
        reg, ind, iid = _setup(p)
        ind.update(p.ensure_indicators(["unrest"]))
        first = _obs(reg, ind, [1.0, 2.0, None, 4.0])  # kibali/trust is stored before the write
        assert p.write_observations(first.iloc[:0], iid) == WriteCounts(0, 0, 0)
        assert p.write_observations(first, iid) == WriteCounts(4, 0, 0)
        n = 400
        frame = pd.DataFrame({
            "region_id": rng.choice([reg["kibali"], reg["nord"]], n),
            "indicator_id": rng.choice([ind["trust"], ind["unrest"]], n),
            "period": pd.date_range("2024-01-01", periods=6, freq="MS").strftime("%Y-%m-%d")[rng.integers(0, 6, n)],
            "grp": rng.choice(["", "youth", "Women"], n),
            "freq": "M",
            "value": np.where(rng.random(n) < 0.1, np.nan, rng.integers(0, 4, n).astype(float)),
        })
        key = ["region_id", "indicator_id", "period", "grp"]
        stored = first.set_index(key)["value"]
        expected = frame.drop_duplicates(key, keep="last").set_index(key)["value"]
        had = expected.index.isin(stored.index)
        old = stored.reindex(expected.index[had])
        changed = ~((old.to_numpy() == expected[had].to_numpy()) | (old.isna().to_numpy() & expected[had].isna().to_numpy()))
        categorical = frame.astype({"period": "category", "grp": "category", "freq": "category"})
        counts = p.write_observations(categorical, iid)
        assert (counts.new, counts.revised, counts.unchanged) == (int((~had).sum()), int(changed.sum()),
                                                                  int((~changed).sum()))
        got = pd.read_sql_query("SELECT region_id, indicator_id, period, grp, value FROM observation", p.conn)
        got = got.set_index(key)["value"].sort_index()
        want = pd.concat([stored[~stored.index.isin(expected.index)], expected]).sort_index()
        pd.testing.assert_series_equal(got, want, check_names=False)


@pytest.mark.parametrize("values, cells", [
    ("two decimals", "whole grid"), ("two decimals", "some cells"), ("full precision", "whole grid"),
    ("whole numbers and -0.0", "some cells"), ("far apart", "whole grid")])
def test_new_series_store_every_value_bit_for_bit(project_path: Path, values: str, cells: str) -> None:
    """Short decimals travel to SQLite as integers over a power of ten, others one by one:
    either way the stored float is exactly the one written."""
    rng = np.random.default_rng(9)
    with open_project(project_path, create=True) as p, p.transaction():
        reg, ind, iid = _setup(p)
        ind.update(p.ensure_indicators(["unrest", "fear"]))
        grid = pd.MultiIndex.from_product([[reg["kibali"], reg["nord"]], [ind["trust"], ind["unrest"], ind["fear"]],
                                           pd.date_range("1990-01-01", periods=40, freq="MS").strftime("%Y-%m-%d"),
                                           ["", "youth"]], names=["region_id", "indicator_id", "period", "grp"])
        frame = grid.to_frame(index=False).assign(freq="M")
        n = len(frame)
        frame["value"] = {
            "two decimals": rng.normal(50, 30, n).round(2),
            "full precision": rng.normal(0, 1, n),
            "whole numbers and -0.0": np.where(rng.random(n) < 0.5, -0.0, rng.integers(-9, 9, n).astype(float)),
            "far apart": rng.choice([0.1, 0.7, 1e15 + 0.5, 3e-7, 123456.789], n),
        }[values]
        frame.loc[frame.index % 17 == 3, "value"] = np.nan
        if cells == "some cells":
            frame = frame.sample(frac=0.6, random_state=3)
        assert p.write_observations(frame, iid) == WriteCounts(len(frame), 0, 0)
        got = pd.read_sql_query("SELECT region_id, indicator_id, period, grp, value FROM observation", p.conn)
        merged = frame.merge(got, on=["region_id", "indicator_id", "period", "grp"], suffixes=("", "_stored"))
        assert len(merged) == len(frame)
        a, b = merged["value"].to_numpy(), merged["value_stored"].to_numpy()
        assert np.array_equal(np.isnan(a), np.isnan(b))
        assert (a[~np.isnan(a)].view(np.int64) == b[~np.isnan(b)].view(np.int64)).all() or values.startswith("whole")
        assert (a[~np.isnan(a)] == b[~np.isnan(b)]).all()


def test_a_frequency_the_schema_refuses_fails_the_bulk_write_and_checks_stay_on(project_path: Path) -> None:
    """The bulk insert of new series judges the table's CHECK once per kind of row, not per
    row: a bad frequency anywhere still fails the write, and the connection keeps checking."""
    with open_project(project_path, create=True) as p:
        with p.transaction():
            reg, ind, iid = _setup(p)
        frame = pd.concat([_obs(reg, ind, [1.0] * 30), _obs(reg, ind, [2.0] * 30).assign(grp="youth", freq="X")])
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"), p.transaction():
            p.write_observations(frame, iid)
        assert p.conn.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0
        assert p.conn.execute("SELECT count(*) FROM observation").fetchone()[0] == 0
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"), p.transaction() as c:
            c.execute("INSERT INTO observation VALUES (?, ?, '2024-01-01', '', 'X', 1.0, ?)",
                      (reg["kibali"], ind["trust"], iid))
        with p.transaction():
            assert p.write_observations(frame.assign(freq="M"), iid) == WriteCounts(60, 0, 0)


def test_the_bulk_insert_skips_no_check_but_the_frequency_one(project_path: Path) -> None:
    """The bulk insert of new series turns SQLite's CHECKs off for one statement, having let
    the table judge one row of each (group, frequency). That is only sound while the
    frequency is the only CHECK on ``observation``: a migration adding another must revisit
    ``Project._insert_fresh``, and this test says so."""
    with open_project(project_path, create=True) as p:
        ddl = p.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'observation'").fetchone()[0]
    assert ddl.upper().count("CHECK") == 1
    assert "CHECK (freq IN" in ddl


def test_fingerprint_tracks_data(project_path: Path) -> None:
    with open_project(project_path, create=True) as p:
        with p.transaction():
            reg, ind, iid = _setup(p)
            p.write_observations(_obs(reg, ind, [1.0, 2.0]), iid)
        first = p.data_fingerprint()
        assert p.data_fingerprint() == first
        with p.transaction():
            p.write_observations(_obs(reg, ind, [1.0, 2.1]), iid)
        assert p.data_fingerprint() != first


# -- every past schema still opens --------------------------------------------------------

#: sha256 (first 16 hex) of each released migration's statements. Migrations are append-only:
#: a project saved at version n was made by exactly these statements, so editing one breaks
#: the upgrade of files that ran the old text. A new migration adds a line here.
RELEASED_MIGRATIONS = ["40990ce4c9bd64fe", "6b0be0ee457a488b", "7f6fc0db37dd4b1a", "72b8247b5e6fc040",
                       "b9423d3eb3d912de", "23d7b5c4a5adf44a", "148fecbe4b5b048a"]


def test_released_migrations_are_never_edited() -> None:
    import hashlib

    from workbench.store.schema import MIGRATIONS

    digests = [hashlib.sha256("\n;\n".join(m).encode()).hexdigest()[:16] for m in MIGRATIONS]
    assert digests[:len(RELEASED_MIGRATIONS)] == RELEASED_MIGRATIONS
    assert len(digests) == len(RELEASED_MIGRATIONS), "a new migration: add its digest to RELEASED_MIGRATIONS"


def _project_at(path: Path, version: int) -> None:
    """A project file as the workbench of schema ``version`` left it, with one value in it."""
    from workbench.store.schema import MIGRATIONS

    con = sqlite3.connect(path)
    for statements in MIGRATIONS[:version]:
        for statement in statements:
            con.execute(statement)
    con.execute("INSERT INTO meta(key, value) VALUES ('project_id', 'p1')")
    con.execute("INSERT INTO region(id, key, name, level) VALUES (1, 'kibali', 'Kibali', 'district')")
    con.execute("INSERT INTO indicator(id, key, name) VALUES (1, 'trust', 'trust')")
    con.execute("INSERT INTO import(id, file_name, sha256, mapping, rows_read, rows_kept, rows_rejected, report,"
                " imported_at) VALUES (1, 'a.csv', 'x', '{}', 1, 1, 0, '{}', '2024-01-01')")
    con.execute("INSERT INTO observation VALUES (1, 1, '2024-01-01', '', 'M', 41.0, 1)")
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_project_of_every_past_schema_opens_and_upgrades(tmp_path: Path, version: int) -> None:
    from workbench.store.backup import list_backups
    from workbench.store.curation import merge, rename
    from workbench.store.project import OlderSchemaError

    path = tmp_path / f"v{version}.wbproj"
    _project_at(path, version)
    with pytest.raises(OlderSchemaError, match="older schema"):  # looking never changes the file
        open_project(path, readonly=True)
    with open_project(path) as p:
        assert p.schema_version == SCHEMA_VERSION
        c = p.conn
        assert c.execute("SELECT value FROM observation").fetchall() == [(41.0,)]
        assert c.execute("SELECT is_aggregate FROM region").fetchall() == [(0,)]
        assert c.execute("SELECT count(*) FROM region_alias").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM project_event").fetchone() == (0,)
        # The upgraded file works with what the later migrations brought.
        rename(p, "region", "Kibali", "Kibali Town", actor="t")
        c.execute("INSERT INTO region(key, name, level) VALUES ('kibali west', 'Kibali West', 'district')")
        merge(p, "region", "Kibali West", "Kibali Town", actor="t")
        assert {k for (k,) in c.execute("SELECT key FROM region_alias")} == {"kibali", "kibali west"}
        assert [r[0] for r in c.execute("SELECT action FROM project_event ORDER BY id")] == ["rename", "merge"]
    kept = []
    for b in list_backups(path):
        con = sqlite3.connect(b.path)
        kept.append(con.execute("PRAGMA user_version").fetchone()[0])
        con.close()
    assert version in kept  # the file as it was, before the upgrade
