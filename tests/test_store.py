"""The project file: creation, migrations, transactions, bulk writes and revisions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.errors import ProjectBusyError, ProjectError
from workbench.store import open_project
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
                       "b9423d3eb3d912de", "23d7b5c4a5adf44a"]


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
