"""A regional pool: many projects' data and alert histories in one partitioned Parquet store.

:mod:`workbench.pool.writer` adds (or replaces) projects, one at a time; the store reads
a pool back (:mod:`workbench.store.pooled`, opened by :func:`workbench.store.open_project`)
through the same methods the CLI's read commands use on a project, so ``--project pooled/``
works for ``data``, ``alerts``, ``history`` and ``report``. Layout in
:mod:`workbench.store.pool_layout`.
"""
