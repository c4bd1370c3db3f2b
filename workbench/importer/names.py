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

Similarity is :class:`difflib.SequenceMatcher`'s ratio (``get_close_matches``) from the
standard library: short names, a few hundred per project, and no new dependency for a
fuzzy matcher (none of the project's dependencies ships one). Names are compared as the
store matches them (trimmed, one space, casefolded), so "north" and "North " are the same
name already and never held.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.store.project import normalize_key

#: How alike two names must be to hold the new one (SequenceMatcher ratio, 0..1).
#: 0.85 holds "Ostrava Hils"/"Ostrava Hills" (0.96) and "hate speech report"/"... reports"
#: (0.97) but not "North Kivu"/"South Kivu" (0.80) or "Upper Nile"/"Lower Nile" (0.80).
CUTOFF = 0.85
#: Names shorter than this are codes or abbreviations, where one letter is a different place.
MIN_CHARS = 5
SUGGESTIONS = 3
KINDS = ("regions", "indicators")


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
        lines = []
        for kind in KINDS:
            names = self.new[kind]
            if names:
                more = f", … and {len(names) - shown} more" if len(names) > shown else ""
                lines.append(f"new {kind[:-1]}(s) added ({len(names)}): {', '.join(names[:shown])}{more}")
        for h in self.held:
            lines.append(f"held: {h.kind[:-1]} {h.name!r} resembles {', '.join(map(repr, h.suggestions))}")
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


def check_names(file_names: dict[str, Iterable[str]], project_names: dict[str, Iterable[str]],
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


def aliases_toml(held: list[HeldName]) -> dict[str, dict[str, str]]:
    """The ``[names]`` tables to confirm: each held name mapped to its nearest existing name."""
    out: dict[str, dict[str, str]] = {}
    for h in held:
        out.setdefault(h.kind, {})[h.name] = h.suggestions[0]
    return out
