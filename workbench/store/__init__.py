"""The project store: everything that reads or writes a project's tables.

A project is a SQLite file (``*.wbproj``), a team's shared project on a PostgreSQL server
(``postgresql://…``) or a regional pool of projects (a folder); :func:`open_project` opens
any of the three (:func:`~workbench.store.project.open_for_reading` to look without
writing; :class:`~workbench.store.session.ProjectHandle` keeps one open for the desktop's
writes). SQL lives here and in the alert records (:mod:`alerts.records`) only; callers use
the project's methods and these modules' named functions:

- :mod:`~workbench.store.project` - regions, codebook, observations, import records, meta
- :mod:`~workbench.store.observations` - latest periods, per-series aggregates, one series'
  values, every value in batches
- :mod:`~workbench.store.codes` - regions, their other names and indicators, for the
  importer's identity rules
- :mod:`~workbench.store.imports` - imports of a file (with the mapping it was read with),
  rejected rows
- :mod:`~workbench.store.index_definitions` - composite index definitions
- :mod:`~workbench.store.copies` - whole-table copies for a pool, alert tables in memory
- :mod:`~workbench.store.files` - whether a SQLite file holds a project
"""

from workbench.store.opening import open_for_reading, open_project, project_exists
from workbench.store.project import Project

__all__ = ["Project", "open_for_reading", "open_project", "project_exists"]
