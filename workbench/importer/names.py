"""Next month's file: names that look like a typo of a name the project already has.

A field office types district and indicator names by hand, so next month's file may say
"Ostrava Hils" for "Ostrava Hills" or "hate speech report" for "hate speech reports". Stored
as they are, such names silently start a 61st district or a new indicator and split a
series in two. So a name the project does not have is compared with the names it has:

* a name *close* to an existing one (similarity >= :data:`CUTOFF`, same digits, at least
  :data:`MIN_CHARS` characters) is **held**: nothing is imported until the analyst says,
  in the mapping's ``[names]`` tables, which existing name it is - or that it is new
  (the name mapped to itself);
* a name close to none is **new**: it is added, and the report lists it.

A held name is not a separate kind of question: it is a :class:`~workbench.importer.reading.Decision`
in the sheet's reading (:func:`decide_held`: ``names.regions``/``names.indicators``, the
name as its subject, the nearest existing name as the choice, at the confidence of a
guess), so the import stops exactly as for a column it is unsure of: status ``needs
confirmation``, nothing written, one mapping to confirm (its ``[names]`` tables filled from
the decisions by :func:`names_tables`), exit 1 on the command line, and the wizard asks.
A name the project already knows as an alias of a region (``region_alias``), or a place
whose code the project knows (the code identifies it, whatever its spelling), is not new
and never held.

Similarity is :class:`difflib.SequenceMatcher`'s ratio (``get_close_matches``) from the
standard library: short names, a few hundred per project, and no new dependency for a
fuzzy matcher (none of the project's dependencies ships one). Names are compared as the
store matches them (trimmed, one space, casefolded), so "north" and "North " are the same
name already and never held.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from workbench.importer.reading import GUESS, Reading
from workbench.store.project import normalize_key

#: How alike two names must be to hold the new one (SequenceMatcher ratio, 0..1).
#: 0.85 holds "Ostrava Hils"/"Ostrava Hills" (0.96) and "hate speech report"/"... reports"
#: (0.97) but not "North Kivu"/"South Kivu" (0.80) or "Upper Nile"/"Lower Nile" (0.80).
CUTOFF = 0.85
#: Names shorter than this are codes or abbreviations, where one letter is a different place.
MIN_CHARS = 5
SUGGESTIONS = 3
KINDS = ("regions", "indicators")
#: The alternative that keeps a held name as a new one (the name mapped to itself).
AS_NEW = "itself, as a new name"


@dataclass
class HeldName:
    """A name from the file that resembles names the project has (best first)."""

    kind: str  # 'regions' or 'indicators'
    name: str
    suggestions: list[str]


@dataclass
class NameCheck:
    held: list[HeldName] = field(default_factory=list)
    new: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def render(self, shown: int = 20) -> list[str]:
        """The new names, for the import report (held names are shown by the reading)."""
        lines = []
        for kind in KINDS:
            names = self.new[kind]
            if names:
                more = f", … and {len(names) - shown} more" if len(names) > shown else ""
                lines.append(f"new {kind[:-1]}(s) added ({len(names)}): {', '.join(names[:shown])}{more}")
        return lines


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def nearest(name: str, existing: dict[str, str]) -> list[str]:
    """Existing display names that ``name`` is probably a typo of (best first), or []."""
    key = normalize_key(name)
    if len(key) < MIN_CHARS or key in existing:
        return []
    close = difflib.get_close_matches(key, list(existing), n=SUGGESTIONS, cutoff=CUTOFF)
    # "District 12" is not a typo of "District 13": numbered names differ by their number.
    return [existing[c] for c in close if _digits(c) == _digits(key)]


def check_names(file_names: Mapping[str, Iterable[str]], project_names: Mapping[str, Iterable[str]],
                aliases: dict[str, dict[str, str]] | None = None) -> NameCheck:
    """Which of the file's names are held (look like a typo) and which are new.

    ``file_names`` and ``project_names`` map 'regions'/'indicators' to names; ``aliases``
    (the mapping's ``[names]`` tables, already applied to the file) lists the names the
    analyst has decided, which are never held again.
    """
    out = NameCheck()
    decided = {k: {normalize_key(v) for v in (aliases or {}).get(k, {}).values()} |
               {normalize_key(n) for n in (aliases or {}).get(k, {})} for k in KINDS}
    for kind in KINDS:
        existing = {normalize_key(n): " ".join(str(n).split()) for n in project_names.get(kind, [])}
        seen: set[str] = set()
        for name in file_names.get(kind, []):
            key = normalize_key(name)
            if not key or key in existing or key in seen:
                continue
            seen.add(key)
            close = [] if key in decided[kind] else nearest(name, existing)
            if close:
                out.held.append(HeldName(kind, " ".join(str(name).split()), close))
            else:
                out.new[kind].append(" ".join(str(name).split()))
    return out


def alias_map(aliases: dict[str, str]) -> dict[str, str]:
    """``{name in file -> name to store}`` by matching key; a name mapped to itself is new."""
    return {normalize_key(k): " ".join(str(v).split()) for k, v in aliases.items() if str(v).strip()}


def decide_held(check: NameCheck, readings: list[tuple[Reading | None, set[str], set[str]]]) -> None:
    """Record each held name as a decision in the reading of the (first) sheet that holds it.

    ``readings`` pairs each sheet's reading with the keys of its region and indicator names.
    """
    for h in check.held:
        key = normalize_key(h.name)
        column = 1 if h.kind == "regions" else 2
        reading = next((r[0] for r in readings if key in (r[1] if column == 1 else r[2])),
                       readings[0][0] if readings else None)
        if reading is None:
            continue
        reading.decide(f"names.{h.kind}", h.suggestions[0], GUESS,
                       f"not in the project; resembles {', '.join(map(repr, h.suggestions))} (a likely typo)",
                       h.suggestions[1:] + [AS_NEW], subject=h.name)


def names_tables(readings: list[Reading], given: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """The ``[names]`` tables of a mapping to confirm: the names already given, and each
    held name mapped to its nearest existing name (the analyst keeps, edits or maps it to
    itself)."""
    out = {k: dict(v) for k, v in (given or {}).items()}
    for r in readings:
        for d in r.held_names():
            out.setdefault(d.what.split(".", 1)[1], {})[d.subject] = d.choice
    return out
