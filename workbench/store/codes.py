"""Regions, their other names, and indicators: the reads and writes the importer's identity
rules, the listings and the merge make on the project's code tables.

``Project.regions()``/``Project.indicators()``/``Project.ensure_*`` cover whole-table reads and
the plain codebook upsert; these functions take an open connection (inside the caller's
transaction for the writes), because the identity rules resolve a file's places on the
import's own connection, and a dry run on a throwaway in-memory schema
(:func:`empty_schema`).
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pandas as pd

from workbench.store.dialect import insert_id, read_frame


def has_table(conn: Any, name: str) -> bool:
    """Whether the project has table ``name`` (an older schema may lack it)."""
    try:
        conn.execute(f"SELECT 1 FROM {name} WHERE 1 = 0").fetchall()
        return True
    except Exception:  # noqa: BLE001 - sqlite3 and psycopg raise different types
        return False


def empty_schema() -> sqlite3.Connection:
    """A throwaway in-memory database holding the current (empty) schema: what a file's places
    are judged against before its project exists."""
    from workbench.store.schema import MIGRATIONS

    conn = sqlite3.connect(":memory:")
    for statements in MIGRATIONS:
        for statement in statements:
            conn.execute(statement)
    return conn


# -- regions -------------------------------------------------------------------------------


def region_frame(conn: Any, *, with_aggregate: bool) -> pd.DataFrame:
    """Every region: id, key, name, code, parent_id, level (and is_aggregate, schema 5 on)."""
    cols = "id, key, name, code, parent_id, level" + (", is_aggregate" if with_aggregate else "")
    return read_frame(f"SELECT {cols} FROM region", conn)


def region_keys(conn: Any) -> pd.DataFrame:
    """id, key, level of every region."""
    return read_frame("SELECT id, key, level FROM region", conn)


def region_names(conn: Any) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM region")]


def region_codes(conn: Any) -> list[str]:
    """Every region code that is not empty, as stored."""
    return [r[0] for r in conn.execute("SELECT code FROM region WHERE code IS NOT NULL AND code <> ''")]


def region_aliases(conn: Any) -> list[tuple[int, str]]:
    """``(region id, key)`` of every other name a region is known by."""
    return [(int(i), k) for i, k in conn.execute("SELECT region_id, key FROM region_alias").fetchall()]


def insert_region(conn: Any, key: str, name: str, code: str | None, parent: int | None, level: str,
                  aggregate: bool | None = None) -> int:
    """A new region; ``aggregate`` None for a schema without ``is_aggregate``."""
    cols = "key, name, code, parent_id, level" + (", is_aggregate" if aggregate is not None else "")
    values: tuple[Any, ...] = (key, name, code, parent, level, *((int(aggregate),) if aggregate is not None else ()))
    return insert_id(conn, f"INSERT INTO region({cols}) VALUES ({','.join('?' * len(values))})", values)


def add_region_alias(conn: Any, region_id: int, key: str) -> None:
    conn.execute("INSERT INTO region_alias(region_id, key) VALUES (?, ?) ON CONFLICT DO NOTHING", (region_id, key))


def set_region_parent(conn: Any, region_id: int, parent: int) -> None:
    conn.execute("UPDATE region SET parent_id = ? WHERE id = ?", (parent, region_id))


def set_region_code(conn: Any, region_id: int, code: str) -> None:
    conn.execute("UPDATE region SET code = ? WHERE id = ?", (code, region_id))


# -- indicators ----------------------------------------------------------------------------


def indicator_keys(conn: Any) -> pd.DataFrame:
    """id, key of every indicator."""
    return read_frame("SELECT id, key FROM indicator", conn)


def indicator_names(conn: Any) -> list[tuple[str, str]]:
    """``(key, name)`` of every indicator."""
    return conn.execute("SELECT key, name FROM indicator").fetchall()


def indicator_limits(conn: Any) -> pd.DataFrame:
    """The codebook's declared unit and valid range per indicator (``indicator, unit, min,
    max``), for the indicators that declare any; an older schema has units only."""
    try:  # schema 5 and later
        return read_frame("SELECT key AS indicator, unit, valid_min AS min, valid_max AS max FROM indicator "
                          "WHERE unit IS NOT NULL OR valid_min IS NOT NULL OR valid_max IS NOT NULL", conn)
    except Exception:  # noqa: BLE001 - an older project read without upgrading (dry run)
        return read_frame("SELECT key AS indicator, unit FROM indicator WHERE unit IS NOT NULL", conn)


__all__ = [
    "add_region_alias", "empty_schema", "has_table", "indicator_keys", "indicator_limits", "indicator_names",
    "insert_region", "region_aliases", "region_codes", "region_frame", "region_keys", "region_names",
    "set_region_code", "set_region_parent",
]
