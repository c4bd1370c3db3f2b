"""Build the sample project by importing the sample's files with the real importer.

The sample project is made the way an analyst would make it (one import per file), so it
doubles as an end-to-end check: any row the importer rejects is an error here, because
every row of the sample is valid by construction.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.progress import ProgressCallback, no_progress, scaled
from workbench.sample import DATA_FILES


def build_project(folder: str | Path, project: str | Path, progress: ProgressCallback = no_progress) -> str:
    """Import the sample's data files from ``folder`` into the new project ``project``.

    The district boundaries (``boundaries.geojson``) are stored in the project too, so its
    map works offline from the first start. The project is built under a temporary name
    next to the target and renamed only when every file imported with no rejected row, so
    a failure never leaves a half-built project behind. Returns the importer's reports, one block per file.
    """
    from workbench.geo import store_boundaries
    from workbench.importer.engine import import_file
    from workbench.store.backup import list_backups

    folder, project = Path(folder), Path(project)
    if project.exists():
        raise WorkbenchError(f"{project} already exists; choose a new project file")
    partial = project.with_name(project.name + ".partial")
    partial.unlink(missing_ok=True)
    blocks: list[str] = []
    try:
        for i, name in enumerate(DATA_FILES):
            step = scaled(progress, i / len(DATA_FILES), (i + 1) / len(DATA_FILES))
            result = import_file(folder / name, partial, progress=step)
            blocks.append(result.render())
            if result.status != "imported":
                raise WorkbenchError(f"{name} was not imported ({result.status}): {result.message}")
            if result.rows_rejected:
                reasons: dict[str, int] = {}
                for report in result.reports:
                    for reason, count in report.rejected_by_reason().items():
                        reasons[reason] = reasons.get(reason, 0) + count
                listed = ", ".join(f"{reason} ({count})" for reason, count in reasons.items())
                raise WorkbenchError(
                    f"the importer rejected {result.rows_rejected} valid row(s) of {name}: {listed}"
                )
        stored = store_boundaries(partial, folder / "boundaries.geojson")
        blocks.append(f"boundaries: {stored.matched} of {stored.shapes} districts stored for the map")
        os.replace(partial, project)
    finally:
        partial.unlink(missing_ok=True)
        # Backups of a project still being built protect nothing and would be left behind.
        for backup in list_backups(partial):
            backup.path.unlink(missing_ok=True)
    return "\n".join(blocks)
