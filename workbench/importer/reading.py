"""How sure the importer is of its reading of a sheet: refuse or ask, never guess silently.

Every decision detection takes about a sheet — the layout, the header row, which column
is the region, the period, the value, the indicator — is recorded as a :class:`Decision`
with a confidence between 0 and 1 and the evidence behind it. A :class:`Reading` collects
them. The rule (``docs/import.md``, "Confidence"):

* a reading is **clear-cut** when every decision has a confidence of at least
  :data:`CLEAR_CUT`; only then does an import write without asking;
* otherwise ``import_file`` writes nothing and returns status ``"needs confirmation"``; the
  CLI prints :meth:`Reading.render` (which column is what, a few parsed rows) and writes the
  reading as a mapping file, which ``--mapping`` accepts; the import wizard shows the same
  text and asks;
* a decision given by a mapping (a key the analyst wrote or confirmed) has confidence 1.

The scale, so that every detector scores alike:

====== ================================================================================
1.0    given by the mapping
0.95   header word and cell contents agree (``District`` over place names, ``Month``
       over dates), or a known export's signature (World Bank, Eurostat, SDMX, HXL)
0.85   cell contents alone, with no rival (the only column of numbers is the value)
0.6    a guess between rivals, or a header word the contents contradict in part
0.3    the table looks like something else (an event list, not a panel)
====== ================================================================================

Other importers add their own decisions the same way: the event-table reader
(``events.classify``: ``reading.decide("layout", "events", 0.95, "one row per event: …")``)
and the check of next month's names (``names.decide_held``): a name in the file that
resembles one the project has is a decision about that name (``what`` is
``names.regions`` or ``names.indicators``, ``subject`` the name in the file, ``choice`` the
name itself - kept as new, the safe default -, ``alternatives`` the existing names it
resembles) at :data:`GUESS`, confirmed by the mapping's ``[names]`` tables.
So a reading is clear-cut only when its columns *and* its new names are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from workbench.importer.mapping import Mapping

CLEAR_CUT = 0.8
GIVEN, SIGNATURE, CONTENT, GUESS, OTHER_KIND = 1.0, 0.95, 0.85, 0.6, 0.3


@dataclass
class Decision:
    """One thing detection decided about a sheet, how sure it is, and why."""

    what: str  # 'layout', 'header_row', 'region', 'period', 'value', 'indicator', …
    choice: str  # the column label, layout name or row number chosen ('' = none)
    confidence: float
    evidence: str
    alternatives: list[str] = field(default_factory=list)
    subject: str = ""  # what the decision is about when ``what`` has several (a name in the file)

    @property
    def clear(self) -> bool:
        return self.confidence >= CLEAR_CUT

    @property
    def about_names(self) -> bool:
        """A decision about a name in the file (``names.regions``/``names.indicators``)."""
        return self.what.startswith("names.")

    @property
    def label(self) -> str:
        return f"{self.what} {self.subject!r}" if self.subject else self.what


@dataclass
class Reading:
    """All decisions about one sheet, and a few rows as they would be stored."""

    sheet: str
    decisions: list[Decision] = field(default_factory=list)
    sample: pd.DataFrame | None = None

    def decide(self, what: str, choice: Any, confidence: float, evidence: str,
               alternatives: list[str] | None = None, subject: str = "") -> Decision:
        """Record (or replace) the decision about ``what`` (and ``subject``); returns it."""
        self.decisions = [d for d in self.decisions if (d.what, d.subject) != (what, subject)]
        d = Decision(what, "" if choice is None else str(choice), float(confidence), evidence,
                     list(alternatives or []), subject)
        self.decisions.append(d)
        return d

    def get(self, what: str) -> Decision | None:
        return next((d for d in self.decisions if d.what == what), None)

    def confirm(self, keys: set[str]) -> None:
        """Decisions about keys a mapping gives are the analyst's: confidence 1."""
        for d in self.decisions:
            if d.what in keys or (d.what == "layout" and "layout" in keys):
                d.confidence, d.evidence = GIVEN, "given by the mapping"

    @property
    def doubts(self) -> list[Decision]:
        return [d for d in self.decisions if not d.clear]

    @property
    def confidence(self) -> float:
        return min((d.confidence for d in self.decisions), default=1.0)

    @property
    def clear_cut(self) -> bool:
        return not self.doubts

    @property
    def columns_clear_cut(self) -> bool:
        """No doubt about the table itself (names held for confirmation aside)."""
        return not [d for d in self.doubts if not d.about_names]

    def held_names(self) -> list[Decision]:
        """Names in the file held because they resemble names the project has."""
        return [d for d in self.doubts if d.about_names]

    def summary(self) -> str:
        """One line: what is in doubt (for the ``error:`` line)."""
        return "; ".join(f"{d.label}: {d.evidence}" for d in self.doubts)

    def render(self, rows: int = 5) -> str:
        """Plain text for the terminal and the wizard: each decision, then parsed rows."""
        lines = [f"reading of sheet {self.sheet!r} (confidence {self.confidence:.2f}"
                 + (", clear-cut)" if self.clear_cut else ", NOT clear-cut)")]
        order = ["header_row", "layout", "region", "period", "value", "indicator"]
        for d in sorted(self.decisions, key=lambda d: order.index(d.what) if d.what in order else len(order)):
            mark = "  " if d.clear else "? "
            alt = f" (or: {', '.join(d.alternatives[:4])})" if d.alternatives else ""
            if d.about_names:
                kept = " (as new)" if d.choice == d.subject else ""
                lines.append(f"  {mark}{d.label} -> {d.choice!r}{kept}  {d.confidence:.2f}  {d.evidence}{alt}")
                continue
            lines.append(f"  {mark}{d.what:<11} {d.choice or '-'!s:<28} {d.confidence:.2f}  {d.evidence}{alt}")
        if self.sample is not None and len(self.sample):
            lines.append("  first rows as they would be stored:")
            shown = self.sample.head(rows)
            cols = [c for c in ("region", "code", "indicator", "group", "period", "value") if c in shown]
            for rec in shown[cols].itertuples(index=False):
                cells = []
                for c, v in zip(cols, rec):
                    if c == "period" and not pd.isna(v):
                        v = pd.Timestamp(v).strftime("%Y-%m-%d")
                    if c in ("code", "group") and not v:
                        continue
                    cells.append(f"{c}={v}")
                lines.append("    " + ", ".join(cells))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "confidence": round(self.confidence, 3), "clear_cut": self.clear_cut,
                "decisions": [{"what": d.what, "choice": d.choice, "confidence": d.confidence,
                               "evidence": d.evidence, "alternatives": d.alternatives}
                              | ({"subject": d.subject} if d.subject else {}) for d in self.decisions]}

    def as_comment(self) -> str:
        """The reading as TOML comment lines, written above a mapping to confirm."""
        return "\n".join("# " + line for line in self.render().splitlines())


@dataclass
class Classified:
    """What a sheet's columns were read as (by :mod:`roles` or, for an event table,
    :mod:`events`): the mapping, its reading, the sheet's role and why."""

    mapping: Mapping
    reading: Reading
    role: str  # 'data', 'codebook', 'unrecognized'
    reason: str = ""
    notes: list[str] = field(default_factory=list)
