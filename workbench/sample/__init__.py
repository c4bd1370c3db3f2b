"""The fictional sample country and its files (``workbench sample``).

:func:`write_sample` draws the series once (:mod:`.simulate`) and writes every file from
that one truth, so overlapping files agree value for value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.progress import ProgressCallback, no_progress

DEFAULT_SEED = 7
DEFAULT_DISTRICTS = 60

#: Files in the order they are written (and imported into the sample project).
FILES = (
    "meridia_indicators_long.xlsx",
    "partner_survey_wide.xlsx",
    "ministry_incidents.csv",
    "worldbank_style.xlsx",
    "boundaries.geojson",
    "ground_truth.csv",
    "group_shares.csv",
    "README.txt",
)
#: The files that hold observations, in import order (the codebook comes first).
DATA_FILES = FILES[:4]


@dataclass(frozen=True)
class SampleSummary:
    """What was written, for the CLI's one-line report and the tests."""

    out: Path
    files: tuple[Path, ...]
    districts: int
    provinces: int
    indicators: int
    months: int
    long_rows: int
    episodes: int


def write_sample(
    out: str | Path,
    seed: int = DEFAULT_SEED,
    districts: int = DEFAULT_DISTRICTS,
    progress: ProgressCallback = no_progress,
) -> SampleSummary:
    """Draw the sample for ``seed`` and write all its files into ``out`` (created if needed).

    Each file goes through :func:`workbench.outputs.atomic_output`: a folder holding a
    project, a pipe or a folder under one of the sample's names is refused before anything
    is written, and a failure leaves no half-written file.
    """
    from contextlib import ExitStack

    from workbench.outputs import atomic_output, check_output_target
    from workbench.sample.codebook import INDICATORS

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    targets = {name: out / name for name in FILES}
    for target in targets.values():
        check_output_target(target, what="sample file")
    with ExitStack() as stack:
        paths = {name: stack.enter_context(atomic_output(t, what="sample file")) for name, t in targets.items()}
        sample, long_rows, n_truth = _write_files(paths, seed, districts, progress)
    progress(1.0, "done")
    return SampleSummary(
        out=out,
        files=tuple(targets.values()),
        districts=sample.geo.n,
        provinces=int(sample.geo.districts["province"].nunique()),
        indicators=len(INDICATORS),
        months=len(sample.periods),
        long_rows=long_rows,
        episodes=n_truth,
    )


def _write_files(paths: dict[str, Path], seed: int, districts: int, progress: ProgressCallback) -> tuple:
    from workbench.sample.geography import build_geography
    from workbench.sample.simulate import simulate
    from workbench.sample import textfiles, workbooks

    progress(0.0, "drawing series")
    sample = simulate(build_geography(districts), seed)
    # A separate stream for layout choices (which missing cells show ".."), so changing
    # a file's layout never changes the drawn numbers.
    layout_rng = np.random.default_rng([seed, 1])
    progress(0.2, "writing the long workbook")
    long_rows = workbooks.write_long(sample, paths["meridia_indicators_long.xlsx"], layout_rng)
    progress(0.7, "writing the partner, ministry and World Bank files")
    workbooks.write_partner_survey(sample, paths["partner_survey_wide.xlsx"], layout_rng)
    textfiles.write_ministry_csv(sample, paths["ministry_incidents.csv"])
    workbooks.write_worldbank(sample, paths["worldbank_style.xlsx"])
    textfiles.write_geojson(sample, paths["boundaries.geojson"], seed)
    n_truth = textfiles.write_truth(sample, paths["ground_truth.csv"])
    textfiles.write_shares(sample, paths["group_shares.csv"])
    textfiles.write_readme(sample, paths["README.txt"], seed, long_rows)
    return sample, long_rows, n_truth
