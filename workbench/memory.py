"""How numpy asks Linux for memory: no huge-page advice where that advice stalls.

numpy marks every large array it allocates with ``madvise(MADV_HUGEPAGE)``. When the
kernel's transparent-huge-page ``defrag`` setting is ``madvise`` (the Linux default),
``always`` or ``defer+madvise``, a page fault in such an array compacts memory on the spot
to find a free 2 MB page - and on a busy machine or a VM that may take long. Measured on
the 2-core development VM (``defrag = madvise``, ``benchmarks/bench_memory.py``): writing 40
fresh arrays of 20,000 x 120 values - about what a detector run returns - took anywhere from
0.11 s (free huge pages at hand) to 1.64 s (compaction) with the advice, and 0.30-0.42 s
every time without it. The workbench gives up the best case so that a run never stalls for
a second (docs/benchmarks.md, "Models").

numpy reads ``NUMPY_MADVISE_HUGEPAGE`` when it is imported (documented in numpy's "Global
state"); :func:`avoid_stalling_huge_pages` sets it to ``0`` before that, and also switches
the advice off in a numpy that is already imported. A user's own setting of the variable
always wins, and so does a kernel whose setting never stalls (``defer``, ``never``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFRAG = Path("/sys/kernel/mm/transparent_hugepage/defrag")
#: Settings under which a fault in a huge-page-advised region compacts memory synchronously.
STALLING = {"always", "madvise", "defer+madvise"}


def defrag_mode(path: Path = DEFRAG) -> str | None:
    """The selected ``[mode]`` of the kernel's huge-page defrag setting (None off Linux)."""
    try:
        text = path.read_text()
    except OSError:
        return None
    start, end = text.find("["), text.find("]")
    return text[start + 1 : end] if 0 <= start < end else None


def avoid_stalling_huge_pages(path: Path = DEFRAG) -> bool:
    """Turn numpy's huge-page advice off where it stalls page faults; True if turned off."""
    if "NUMPY_MADVISE_HUGEPAGE" in os.environ or defrag_mode(path) not in STALLING:
        return False
    os.environ["NUMPY_MADVISE_HUGEPAGE"] = "0"
    np = sys.modules.get("numpy")
    if np is not None:  # imported already: the variable is read too late, use numpy's switch
        core = getattr(np, "_core", None) or getattr(np, "core", None)
        setter = getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)
        if setter is not None:
            setter(False)
    return True
