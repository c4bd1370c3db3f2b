"""Index definitions kept in the project (table ``index_definition``, migration MODELS_V1): a
composite index's name and its JSON specification (:mod:`workbench.models.composite_store`
turns them into definitions)."""

from __future__ import annotations

from typing import Any

from workbench.store.project import utc_now


def definition_names(project: Any) -> list[str]:
    return [r[0] for r in project.conn.execute("SELECT name FROM index_definition ORDER BY name")]


def definition_spec(project: Any, name: str) -> str | None:
    """The stored JSON of the named definition, or None."""
    row = project.conn.execute("SELECT spec FROM index_definition WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def save_definition_spec(project: Any, name: str, spec: str) -> None:
    """Insert or replace a definition by name, in its own transaction."""
    now = utc_now()
    with project.transaction() as c:
        c.execute(
            "INSERT INTO index_definition(name, spec, created_at, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at",
            (name, spec, now, now),
        )


__all__ = ["definition_names", "definition_spec", "save_definition_spec"]
