"""What an import kept, rejected and found odd, per sheet: for the analyst and the project.

The report is the analyst's receipt for a file: it is printed by ``workbench import``,
shown by the GUI's import wizard and stored as JSON with the import, so a value that was
not imported can always be traced to its row and reason.
"""

from __future__ import annotations

from collections import Counter
import copy
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SHOW_ROWS = 10
STORED_ROWS = 200
#: How many "homonym kept apart" notes are printed before they are summarised (an admin-2
#: workbook of the world has a thousand; the stored report keeps every one).
SHOW_HOMONYMS = 5
HOMONYM = "homonym kept apart: "


@dataclass
class RowIssue:
    """One spreadsheet row (1-based, as the spreadsheet shows it) and what is wrong with it."""

    row: int
    reason: str
    raw: list[str] = field(default_factory=list)


@dataclass
class ValidationReport:
    file: str
    sheet: str
    layout: str
    role: str = "data"
    rows_read: int = 0
    rows_kept: int = 0
    values_missing: int = 0
    empty_cells_skipped: int = 0
    rejected: list[RowIssue] = field(default_factory=list)
    duplicates: list[RowIssue] = field(default_factory=list)
    suspicious: list[RowIssue] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped_reason: str = ""
    regions: int = 0
    indicators: int = 0
    periods: str = ""
    aggregation: list[str] = field(default_factory=list)  # how an event table was counted

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected)

    def rejected_by_reason(self) -> dict[str, int]:
        """Counts per kind of reason ("not a number", "not a period", …), largest first."""
        kinds = Counter(issue.reason.split(":")[0] for issue in self.rejected)
        return dict(kinds.most_common())

    def to_dict(self, max_rows: int | None = STORED_ROWS) -> dict[str, Any]:
        """JSON-ready dict; row lists are cut to ``max_rows`` (the project keeps every
        rejected row in its own table, so the stored report need not repeat them all)."""
        lists = ("rejected", "duplicates", "suspicious")
        # Cut before converting: 200,000 rejected rows must not be copied to keep 200.
        data = {f.name: copy.deepcopy(getattr(self, f.name)) for f in fields(self) if f.name not in lists}
        for key in lists:
            data[key] = [asdict(issue) for issue in getattr(self, key)[:max_rows]]
        data["rows_rejected"] = self.rows_rejected
        data["rejected_by_reason"] = self.rejected_by_reason()
        data["duplicates_count"] = len(self.duplicates)
        data["suspicious_count"] = len(self.suspicious)
        return data

    def shown_notes(self, all_notes: bool = False) -> list[str]:
        """The notes to print: every one, except that more than :data:`SHOW_HOMONYMS`
        homonyms kept apart are one line (how many, the first few, where the rest are)."""
        homonyms = [n for n in self.notes if n.startswith(HOMONYM)]
        if all_notes or len(homonyms) <= SHOW_HOMONYMS:
            return list(self.notes)
        first = "; ".join(n[len(HOMONYM):] for n in homonyms[:SHOW_HOMONYMS])
        line = (f"{len(homonyms)} homonyms kept apart (a place named like another is stored under a name of "
                f"its own), e.g. {first} … (every one: import with --all-notes; kept in the import's report)")
        out, said = [], False
        for n in self.notes:
            if not n.startswith(HOMONYM):
                out.append(n)
            elif not said:
                out.append(line)
                said = True
        return out

    def render(self, show_rows: int = SHOW_ROWS, all_notes: bool = False, said: set[str] | None = None) -> str:
        """Plain text for the terminal: counts first, then the first offending rows.

        ``said`` holds the notes already printed for another sheet of the file (the
        identity of places is judged for the whole file, and its notes are in every
        sheet's stored report): they are not printed again.
        """
        head = f"{self.file} [{self.sheet}]"
        if self.role != "data" and self.role != "codebook":
            return f"{head}: skipped ({self.skipped_reason or self.role})"
        lines = [f"{head}: {self.layout} table"]
        if self.role == "codebook":
            lines[0] = f"{head}: codebook of {self.rows_kept} indicator(s)"
        if self.layout == "events":
            lines.append(f"  {self.rows_read} events read, {self.rows_kept} kept, {self.rows_rejected} rejected")
            lines += [f"  aggregated: {a}" for a in self.aggregation]
        else:
            lines.append(
            f"  rows read {self.rows_read}, kept {self.rows_kept}, rejected {self.rows_rejected}"
            + (f", duplicates {len(self.duplicates)}" if self.duplicates else "")
            + (f", missing values {self.values_missing}" if self.values_missing else "")
            + (f", empty cells skipped {self.empty_cells_skipped}" if self.empty_cells_skipped else "")
            )
        if self.role == "data" and self.rows_kept:
            lines.append(f"  {self.regions} region(s), {self.indicators} indicator(s), periods {self.periods}")
        for reason, n in self.rejected_by_reason().items():
            lines.append(f"  rejected: {reason} ({n})")
        lines += _issues("rejected row", self.rejected, show_rows)
        if self.duplicates:
            lines.append(f"  duplicates within the file (same value repeated, one kept): {len(self.duplicates)}")
            lines += _issues("duplicate", self.duplicates, show_rows)
        if self.suspicious:
            lines.append(f"  suspicious values (kept, please check): {len(self.suspicious)}")
            lines += _issues("suspicious", self.suspicious, show_rows)
        if self.extra_columns:
            lines.append(f"  extra columns ignored: {', '.join(self.extra_columns)}")
        for note in self.shown_notes(all_notes):
            if said is None or note not in said:
                lines.append(f"  note: {note}")
            if said is not None:
                said.add(note)
        return "\n".join(lines)


def _issues(label: str, issues: list[RowIssue], show_rows: int) -> list[str]:
    out = [f"    row {i.row}: {i.reason}" for i in issues[:show_rows]]
    if len(issues) > show_rows:
        out.append(f"    … and {len(issues) - show_rows} more {label}(s)")
    return out
