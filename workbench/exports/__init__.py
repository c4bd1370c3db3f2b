"""What leaves the workbench as files: formula-safe cells and tabular CSV/JSON/xlsx writers.

Headless (no Qt); the alert-level exports and the briefs in ``alerts/`` and ``ui/`` build on it.
"""
