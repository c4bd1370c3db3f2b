"""Next month's file: names that look like a typo of a name the project already has.

A field office types district and indicator names by hand, so next month's file may say
"Ostrava Hils" for "Ostrava Hills" or "hate speech report" for "hate speech reports". Stored
as they are, such names silently start a 61st district or a new indicator and split a
series in two. So a name the project does not have is compared with the names it has:

* a name *close* to an existing one (similarity >= :data:`CUTOFF`, same digits, at least
  :data:`MIN_CHARS` characters; for a region, one that could be the same place) is
  **held**: nothing is imported until the analyst confirms, in the mapping's ``[names]``
  tables, that it is new (the name mapped to itself, the default written) - or writes
  which existing name it is;
* a name close to none is **new**: it is added, and the report lists it.

A held name is not a separate kind of question: it is a :class:`~workbench.importer.reading.Decision`
in the sheet's reading (:func:`decide_held`: ``names.regions``/``names.indicators``, the
name as its subject and as the choice - kept as new -, the nearest existing names as the
alternatives, at the confidence of a guess), so the import stops exactly as for a column it is unsure of: status ``needs
confirmation``, nothing written, one mapping to confirm (its ``[names]`` tables filled from
the decisions by :func:`names_tables`), exit 1 on the command line, and the wizard asks.
A name the project already knows as an alias of a region (``region_alias``), or a place
whose code the project knows (the code identifies it, whatever its spelling), is not new
and never held.

A resemblance in spelling is not enough for a *place*: "Baghran" (a district of
Afghanistan) spells like "Bahrain" and "Buganda" (p-code in Burundi) like "Uganda". A region
name is only ever suggested for a project region that could be the same place
(:func:`could_be_same_place`): the same level (a district for a district, a country for a
country, an aggregate for an aggregate), no parent that differs (the file's country and
province against the region's, when both are known), and no code that differs (a place
identified by its own p-code or ISO3 code is never renamed to a differently coded one).

Accepting a held name's question unedited never merges two places: the decision's choice,
and the mapping written for it, keep the name as a **new** one; the resembling existing
names are the alternatives (a comment above each entry of the mapping, the other choices
of the wizard's list), which the analyst must pick on purpose.

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
from typing import Any

import pandas as pd

from workbench.importer.aggregates import is_aggregate
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
#: What a held name becomes when its question is accepted unedited (the name mapped to itself).
AS_NEW = "itself, as a new name"
PARENT_LEVELS = ("country", "province")


@dataclass(frozen=True)
class Place:
    """Where a region name stands: its level, its parents' keys by level, its code.

    Used for a project region (``parents`` hold every name and alias of each ancestor)
    and for a place of the file (one key per parent level the file gives).
    """

    level: str
    code: str = ""
    parents: tuple[tuple[str, frozenset[str]], ...] = ()

    def parent(self, level: str) -> frozenset[str]:
        return next((keys for lvl, keys in self.parents if lvl == level), frozenset())


def could_be_same_place(found: Place, known: Place) -> bool:
    """Whether a place of the file may be a misspelling of a project region at all.

    Same level (aggregates are level ``other``); no code that differs; no parent the two
    both name that differs. A place without parent information is compared only by level.
    """
    if found.level != known.level:
        return False
    if found.code and known.code and found.code != known.code:
        return False
    for level in PARENT_LEVELS:
        mine, theirs = found.parent(level), known.parent(level)
        if mine and theirs and not (mine & theirs):
            return False
    return True


def _code(code: Any) -> str:
    return " ".join(str(code or "").split()).upper()


def known_places(regions: pd.DataFrame, aliases: Iterable[tuple[int, str]] = ()) -> dict[str, list[tuple[str, Place]]]:
    """The project's regions by every key they are known by (name and aliases):
    ``key -> [(display name, Place)]``.

    ``regions`` is :func:`workbench.store.codes.region_frame` (id, key, name, code,
    parent_id, level, and is_aggregate when the schema has it).
    """
    keys: dict[int, set[str]] = {int(i): {k} for i, k in zip(regions["id"], regions["key"])}
    for i, k in aliases:
        keys.setdefault(int(i), set()).add(k)
    level = {int(i): str(v or "") for i, v in zip(regions["id"], regions["level"])}
    parent = {int(i): (None if pd.isna(v) else int(v)) for i, v in zip(regions["id"], regions["parent_id"])}
    agg = (dict(zip(regions["id"].astype(int), regions["is_aggregate"].fillna(0).astype(bool)))
           if "is_aggregate" in regions else {})
    out: dict[str, list[tuple[str, Place]]] = {}
    for i, name, code in zip(regions["id"].astype(int), regions["name"], regions["code"]):
        ups: dict[str, frozenset[str]] = {}
        up, seen = parent.get(i), {i}
        while up is not None and up not in seen:  # the ancestors, nearest first
            seen.add(up)
            ups.setdefault(level.get(up, ""), frozenset(keys.get(up, ())))
            up = parent.get(up)
        code = "" if code is None or (isinstance(code, float) and pd.isna(code)) else _code(code)
        lvl = "other" if agg.get(i) or is_aggregate(str(name), code) else level[i]
        place = Place(lvl, code, tuple((lv, ups[lv]) for lv in PARENT_LEVELS if lv in ups))
        for k in keys.get(i, ()):
            out.setdefault(k, []).append((" ".join(str(name).split()), place))
    return out


def file_places(places: pd.DataFrame) -> dict[str, list[Place]]:
    """The file's places by region-name key: ``key -> [Place]`` (one per distinct place).

    ``places`` has region, province, country, code and level (``engine._places``).
    """
    out: dict[str, list[Place]] = {}
    if places.empty:
        return out
    cols = [places[c].astype(object).fillna("").to_numpy() for c in ("region", "province", "country", "code", "level")]
    for region, province, country, code, level in zip(*cols):
        code = _code(code)
        aggregate = is_aggregate(str(region), code)
        parents = tuple((lv, frozenset({normalize_key(v)})) for lv, v in (("country", country), ("province", province))
                        if str(v).strip() and not aggregate)
        place = Place("other" if aggregate else (str(level) or "district"), code, parents)
        out.setdefault(normalize_key(region), []).append(place)
    return out


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


def nearest(name: str, existing: dict[str, str], among: Iterable[str] | None = None) -> list[str]:
    """Existing display names that ``name`` is probably a typo of (best first), or [].

    ``among`` limits the keys of ``existing`` it may resemble (the regions that could be
    the same place); ``None``: all of them.
    """
    key = normalize_key(name)
    if len(key) < MIN_CHARS or key in existing:
        return []
    pool = list(existing) if among is None else [k for k in among if k in existing]
    close = difflib.get_close_matches(key, pool, n=SUGGESTIONS, cutoff=CUTOFF)
    # "District 12" is not a typo of "District 13": numbered names differ by their number.
    return [existing[c] for c in close if _digits(c) == _digits(key)]


def _places_alike(found: list[Place] | None, known: dict[str, list[tuple[str, Place]]]) -> list[str] | None:
    """The keys of ``known`` whose region could be one of the file's places ``found``;
    None when nothing is known of where the name stands (compared by spelling alone)."""
    if found is None:
        return None
    return [k for k, regions in known.items()
            if any(could_be_same_place(f, p) for f in found for _, p in regions)]


def check_names(file_names: Mapping[str, Iterable[str]], project_names: Mapping[str, Iterable[str]],
                aliases: dict[str, dict[str, str]] | None = None, *,
                places: Mapping[str, list[Place]] | None = None,
                known: dict[str, list[tuple[str, Place]]] | None = None) -> NameCheck:
    """Which of the file's names are held (look like a typo) and which are new.

    ``file_names`` and ``project_names`` map 'regions'/'indicators' to names; ``aliases``
    (the mapping's ``[names]`` tables, already applied to the file) lists the names the
    analyst has decided, which are never held again. With ``places`` (the file's places
    by name key, :func:`file_places`) and ``known`` (the project's, :func:`known_places`),
    a region name is only held for a region that could be the same place.
    """
    out = NameCheck()
    decided = {k: {normalize_key(v) for v in (aliases or {}).get(k, {}).values()} |
               {normalize_key(n) for n in (aliases or {}).get(k, {})} for k in KINDS}
    for kind in KINDS:
        existing = {normalize_key(n): " ".join(str(n).split()) for n in project_names.get(kind, [])}
        if kind == "regions" and known is not None:
            existing.update({k: regions[0][0] for k, regions in known.items() if k not in existing})
        seen: set[str] = set()
        for name in file_names.get(kind, []):
            key = normalize_key(name)
            if not key or key in existing or key in seen:
                continue
            seen.add(key)
            among = None
            if kind == "regions" and places is not None and known is not None:
                among = _places_alike(places.get(key), known)
            close = [] if key in decided[kind] else nearest(name, existing, among)
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
        # The choice is the safe one - the name kept as new -; the names it resembles are
        # the alternatives the analyst must pick on purpose (never merged by accepting).
        reading.decide(f"names.{h.kind}", h.name, GUESS,
                       f"not in the project; resembles {', '.join(map(repr, h.suggestions))} (a likely typo); "
                       "kept as a new name unless mapped to an existing one",
                       list(h.suggestions), subject=h.name)


def names_tables(readings: list[Reading], given: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """The ``[names]`` tables of a mapping to confirm: the names already given, and each
    held name mapped to itself - kept as new, so that accepting the file unedited never
    merges two places - (the analyst may write an existing name instead; see
    :func:`names_notes`)."""
    out = {k: dict(v) for k, v in (given or {}).items()}
    for r in readings:
        for d in r.held_names():
            out.setdefault(d.what.split(".", 1)[1], {})[d.subject] = d.choice
    return out


def names_notes(readings: list[Reading]) -> dict[str, dict[str, str]]:
    """A comment for each held name of :func:`names_tables`: the existing names it resembles."""
    out: dict[str, dict[str, str]] = {}
    for r in readings:
        for d in r.held_names():
            if d.alternatives:
                out.setdefault(d.what.split(".", 1)[1], {})[d.subject] = (
                    f"resembles {' or '.join(map(repr, d.alternatives))} (a likely typo?): kept as a new name; "
                    f"write {d.alternatives[0]!r} instead to store its values under that name")
    return out
