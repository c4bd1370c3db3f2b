"""The analytic engine: series panels, detectors, forecasts, polarization and the composite index.

Entry points: :func:`workbench.models.series.build_panels` (observations -> panels),
:func:`workbench.models.signals.compute_signals` (panel -> results per method),
:func:`workbench.models.signals.run_partition` (the pure partition -> signals seam),
:mod:`workbench.models.forecast` and :mod:`workbench.models.composite`.
"""
