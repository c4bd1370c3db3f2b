"""Index definitions kept in the project file (table ``index_definition``, migration MODELS_V1)."""

from __future__ import annotations

from workbench.errors import WorkbenchError
from workbench.models.composite import IndexDefinition, default_definition
from workbench.store.access import may
from workbench.store.project import Project, utc_now


def list_definitions(project: Project) -> list[str]:
    return [r[0] for r in project.conn.execute("SELECT name FROM index_definition ORDER BY name")]


def load_definition(project: Project, name: str) -> IndexDefinition | None:
    row = project.conn.execute("SELECT spec FROM index_definition WHERE name = ?", (name,)).fetchone()
    return IndexDefinition.from_json(row[0]) if row else None


def save_definition(project: Project, definition: IndexDefinition) -> None:
    """Insert or replace a definition (its name is the key)."""
    now = utc_now()
    with project.transaction() as c:
        c.execute(
            "INSERT INTO index_definition(name, spec, created_at, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at",
            (definition.name, definition.to_json(), now, now),
        )


def get_or_create(project: Project, name: str | None) -> IndexDefinition:
    """The named definition; without a name, the stored ``default`` (created on first use)."""
    if name:
        found = load_definition(project, name)
        if found is None:
            known = ", ".join(list_definitions(project)) or "none"
            raise WorkbenchError(f"no index definition named {name!r} (stored: {known})")
        return found
    found = load_definition(project, "default")
    if found is None:
        found = default_definition(project.observations(), project.indicators())
        if not project.readonly and may(project, "admin"):  # a server analyst reads it without storing it
            save_definition(project, found)
    return found
