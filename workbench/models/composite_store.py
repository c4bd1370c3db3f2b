"""Index definitions kept in the project file (table ``index_definition``, migration MODELS_V1)."""

from __future__ import annotations

from workbench.errors import WorkbenchError
from workbench.models.composite import IndexDefinition, default_definition
from workbench.store.access import may
from workbench.store.index_definitions import definition_names, definition_spec, save_definition_spec
from workbench.store.project import Project


def list_definitions(project: Project) -> list[str]:
    return definition_names(project)


def load_definition(project: Project, name: str) -> IndexDefinition | None:
    spec = definition_spec(project, name)
    return IndexDefinition.from_json(spec) if spec is not None else None


def save_definition(project: Project, definition: IndexDefinition) -> None:
    """Insert or replace a definition (its name is the key)."""
    save_definition_spec(project, definition.name, definition.to_json())


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
