"""A regional pool: many projects' data and alert histories in one partitioned Parquet store.

:mod:`workbench.pool.writer` adds (or replaces) projects, one at a time;
:mod:`workbench.pool.reader` reads the store back through the same methods the CLI's read
commands use on a project, so ``--project pooled/`` works for ``data``, ``alerts``,
``history`` and ``report``. Layout in :mod:`workbench.pool.layout`.
"""
