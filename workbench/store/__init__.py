"""The project store: one SQLite file (``*.wbproj``) per project."""

from workbench.store.project import Project, open_project

__all__ = ["Project", "open_project"]
