"""Which project region a file's place is: codes identify places, names are only labels.

Rules (``docs/import.md``, "Places"):

* a place with a code (a p-code such as ``AF0101``, an ISO3 code such as ``AFG``) is the
  project region with that code, whatever its name in this file; a name that differs from
  the project's is reported and kept as an alias, so a later file that uses it matches too;
* a place without a known code is matched by its name or an alias, among regions of its
  level, under the same parent when the file names one; a region with another code is a
  different place (a homonym);
* homonyms stay apart: a new place whose name another region already has (``Central`` in
  another province; or a district named like a country: the Colombian municipality
  ``Montenegro`` beside the country) is created as ``Central (Southern)`` — named after its parent, or its
  code — with ``Central`` as an alias; all names are shown as they are stored;
* a name that matches several regions and nothing in the file tells them apart is
  ambiguous: those rows are rejected with the reason, never guessed;
* aggregates (World, income groups, world regions, EU/OECD totals) are stored apart from
  countries: level ``other``, flagged ``is_aggregate``.

:func:`resolve_places` does this for all distinct places of a file at once. With
``write=False`` it only reads (a preview or dry run: the same notes and rejections, new
places get no id); inside a write transaction it creates what is missing. Other importers
(event tables) call it the same way with their own places frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from workbench.importer.aggregates import is_aggregate
from workbench.store.codes import (
    add_region_alias, has_table, insert_region, region_aliases, region_frame, set_region_code, set_region_parent,
)

PARENT_LEVELS = {"country": (), "province": ("country",), "district": ("country", "province"),
                 "other": ("country", "province")}


def normalize_key(name: Any) -> str:
    return " ".join(str(name).split()).casefold()


def _code(code: Any) -> str:
    return " ".join(str(code or "").split()).upper()


@dataclass
class Identity:
    """Place key -> region id (a negative placeholder for a place a preview would create),
    the places whose rows are rejected, and what to tell the analyst."""

    ids: dict[str, int | None] = field(default_factory=dict)
    ambiguous: dict[str, str] = field(default_factory=dict)  # place key -> reason its rows are rejected
    notes: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)


class _Regions:
    """The project's regions and aliases, in memory, with the lookups the rules need."""

    def __init__(self, conn: Any) -> None:
        has_alias = has_table(conn, "region_alias")
        df = region_frame(conn, with_aggregate=has_alias)
        self.name = dict(zip(df["id"], df["name"]))
        self.key = dict(zip(df["id"], df["key"]))
        self.level = dict(zip(df["id"], df["level"]))
        self.parent = {i: (None if pd.isna(p) else int(p)) for i, p in zip(df["id"], df["parent_id"])}
        self.code = {i: _code(c) for i, c in zip(df["id"], df["code"]) if c is not None and not pd.isna(c)}
        self.by_code: dict[str, list[int]] = {}
        for i, c in self.code.items():
            self.by_code.setdefault(c, []).append(i)
        self.by_key: dict[str, set[int]] = {}
        for i, k in self.key.items():
            self.by_key.setdefault(k, set()).add(i)
        if has_alias:
            for i, k in region_aliases(conn):
                self.by_key.setdefault(k, set()).add(i)
        self.aliases = {(i, k) for k, ids in self.by_key.items() for i in ids}
        self.has_alias = has_alias

    def add(self, rid: int, key: str, name: str, code: str, parent: int | None, level: str) -> None:
        self.name[rid], self.key[rid], self.level[rid], self.parent[rid] = name, key, level, parent
        if code:
            self.code[rid] = code
            self.by_code.setdefault(code, []).append(rid)
        self.by_key.setdefault(key, set()).add(rid)


def _compatible(found: str, wanted: str) -> bool:
    return found == wanted or {found, wanted} == {"district", "other"}


def resolve_places(conn: Any, places: pd.DataFrame, *, write: bool) -> Identity:
    """Region ids for the distinct places of a file.

    ``places`` has ``place`` (the key from ``extract.place_keys``), ``region``,
    ``province``, ``country``, ``code`` and ``level`` ('district', 'province', 'country',
    'other'). With ``write`` (inside the import's transaction) missing regions, parents,
    codes and aliases are created; without, nothing is written and new places get
    negative placeholder ids.
    """
    reg = _Regions(conn)
    out = Identity()
    if places.empty:
        return out
    places = places.drop_duplicates("place").fillna("")
    new_ids = iter(range(-1, -10**9, -1))
    # How many distinct places of this file share a name at a level: they are homonyms.
    shared = places.assign(_k=[normalize_key(r) for r in places["region"]]).groupby(["_k", "level"])["place"]\
        .transform("nunique")

    def create(name: str, level: str, parent: int | None, code: str, aggregate: bool, label: str) -> int:
        key = normalize_key(label)
        if write:
            rid = insert_region(conn, key, label, code or None, parent, level,
                                aggregate if reg.has_alias else None)
            if label != name and reg.has_alias:
                add_region_alias(conn, rid, normalize_key(name))
        else:
            rid = next(new_ids)
        reg.add(rid, key, label, code, parent, level)
        reg.by_key.setdefault(normalize_key(name), set()).add(rid)
        out.created.append(label)
        return rid

    def parent_chain(rec: dict[str, Any], level: str) -> int | None:
        parent = None
        for plevel in PARENT_LEVELS.get(level, ()):
            pname = rec.get(plevel) or ""
            if not str(pname).strip():
                continue
            k = normalize_key(pname)
            cands = [i for i in reg.by_key.get(k, ()) if reg.level.get(i) == plevel
                     and (parent is None or reg.parent.get(i) in (None, parent))]
            if cands:
                pid = cands[0]
                if write and parent is not None and reg.parent.get(pid) is None and pid > 0:
                    set_region_parent(conn, pid, parent)
                    reg.parent[pid] = parent
            else:
                # A province named like one under another country (Haiti's and Cameroon's
                # 'Nord'): a place of its own, labelled with its parent like a homonymous leaf.
                label = " ".join(str(pname).split())
                if parent is not None and any(reg.level.get(i) == plevel for i in reg.by_key.get(k, ())):
                    label = f"{label} ({reg.name.get(parent, '?')})"
                    out.notes.append(f"homonym kept apart: {pname!r} stored as {label!r}")
                pid = create(str(pname).strip(), plevel, parent, "", False, label)
            parent = pid
        return parent

    for rec, homonyms in zip(places.to_dict("records"), shared):
        name = " ".join(str(rec["region"]).split())
        nk = normalize_key(name)
        code = _code(rec.get("code"))
        aggregate = bool(rec.get("aggregate")) or is_aggregate(name, code)
        level = "other" if aggregate else (rec.get("level") or "district")
        parent = None if aggregate else parent_chain(rec, level)
        rid = None
        if code and code in reg.by_code:
            hits = reg.by_code[code]
            same = [i for i in hits if _compatible(reg.level[i], level)] or hits
            rid = same[0]
            if nk not in {k for (i, k) in reg.aliases if i == rid} and nk != reg.key.get(rid):
                if normalize_key(reg.name[rid]) != nk:
                    out.notes.append(f"code {code} is {reg.name[rid]!r} in the project but {name!r} in this file "
                                     f"(kept as {reg.name[rid]!r}; {name!r} recorded as another name for it)")
                if write and rid > 0 and reg.has_alias:
                    add_region_alias(conn, rid, nk)
                reg.aliases.add((rid, nk))
        else:
            cands = [i for i in reg.by_key.get(nk, ()) if _compatible(reg.level.get(i, ""), level)]
            if code:
                cands = [i for i in cands if not reg.code.get(i) or reg.code[i] == code]
            if parent is not None and len(cands) > 1:
                under = [i for i in cands if reg.parent.get(i) == parent]
                cands = under or [i for i in cands if reg.parent.get(i) is None]
            elif parent is not None and cands:
                cands = [i for i in cands if reg.parent.get(i) in (None, parent)]
            if len(cands) == 1:
                rid = cands[0]
                if write and rid > 0:
                    if code and not reg.code.get(rid):
                        set_region_code(conn, rid, code)
                    if parent is not None and reg.parent.get(rid) is None and rid != parent:
                        set_region_parent(conn, rid, parent)
                if code and not reg.code.get(rid):
                    reg.code[rid] = code
                    reg.by_code.setdefault(code, []).append(rid)
                if parent is not None and reg.parent.get(rid) is None:
                    reg.parent[rid] = parent
            elif len(cands) > 1:
                where = ", ".join(f"in {reg.name.get(reg.parent.get(i), '?')}" if reg.parent.get(i) else
                                  f"code {reg.code.get(i, '-')}" for i in cands[:4])
                out.ambiguous[rec["place"]] = (f"region {name!r} is ambiguous: the project has {len(cands)} places "
                                               f"of that name ({where}); give its province or code")
                continue
            else:
                # A name another region of its level already has; or a district named like a
                # country (Colombia's municipality 'Montenegro'): a label of its own, so that
                # no listing, index or export shows a district and a country under one name.
                # (A district named like a province elsewhere keeps its name, as 'Kabul'
                # under 'Kabul' does.)
                taken = any(_compatible(reg.level.get(i, ""), level) or "country" in (reg.level.get(i), level)
                            or (reg.level.get(i) == "other") != (level == "other")
                            for i in reg.by_key.get(nk, ()))
                label = name
                if taken or homonyms > 1:
                    qualifier = reg.name.get(parent) if parent is not None and parent in reg.name else code
                    label = f"{name} ({qualifier})" if qualifier else name
                    if label != name:
                        out.notes.append(f"homonym kept apart: {name!r} stored as {label!r}")
                rid = create(name, level, parent, code, aggregate, label)
        out.ids[rec["place"]] = rid
    aggs = [p for p, a in zip(places["region"], places.get("aggregate", [False] * len(places)))
            if a or is_aggregate(p, "")]
    if aggs:
        out.notes.append(f"{len(aggs)} aggregate(s) kept apart from the countries (level 'other'): "
                         + ", ".join(map(str, aggs[:6])) + (" …" if len(aggs) > 6 else ""))
    return out
