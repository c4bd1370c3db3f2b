"""The one-line refusals the file guards share (zip, OLE/CFB): damaged, protected, too large.

Kept apart from the guards so that each guard and the formula scan can use them without
importing one another.
"""

from __future__ import annotations

from workbench.errors import UnusableInputError


def damaged(name: str, detail: str) -> UnusableInputError:
    return UnusableInputError(f"{name} is damaged ({detail}); ask the sender for a new copy")


def password_protected(name: str) -> UnusableInputError:
    return UnusableInputError(
        f"{name} is password-protected; save an unprotected copy and import that"
    )


def too_many_cells(name: str, cells: int, limit: int) -> UnusableInputError:
    return UnusableInputError(
        f"{name} has sheets spanning {_count(cells)} cells (counting the empty cells up to "
        f"the last used one), more than the {_count(limit)} the workbench reads; delete "
        "unused rows and columns or split the file"
    )


def _count(cells: int) -> str:
    return f"{cells / 1e6:,.0f} million" if cells >= 1_000_000 else f"{cells:,}"
