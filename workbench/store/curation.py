"""Rename, merge and delete regions and indicators - the fixes a monthly data round needs.

A typo that became a 61st district, an indicator that arrived under two spellings, a test
district that should never have been imported: each is fixed here, in ONE transaction
after an automatic backup, and recorded as an append-only ``project_event`` (action,
kind, the name as it was, the target, the actor and the time, and what moved). The same
functions serve the command line (``workbench rename|merge|delete``) and the desktop.

Alerts keep their history: they refer to a region by its name and to an indicator by its
key, so a rename or merge updates those references (an alert on "Ostrava Hils" becomes one
on "Ostrava Hills"); a region or indicator with open alerts cannot be deleted (close or
dismiss them first - nothing in an alert's history is ever deleted).

Regions carry their identity (migration 5, ``workbench/importer/identity.py``): the other
names files used for a place (``region_alias``) and whether it is an aggregate
(``is_aggregate``). A renamed region keeps its old name as an alias, and a merged one's
name and aliases become the target's, so next month's file that still says "Ostrava Hils"
lands on the right place instead of starting it again; a place takes the merged one's
code when it has none. An aggregate (World, an income group) and a place are never
merged, and a deleted region's aliases go with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from workbench.changes import OpChanges
from workbench.errors import WorkbenchError
from workbench.store.access import event_actor
from workbench.store.dialect import differs
from workbench.store.project import Project, normalize_key, utc_now
from workbench.vocabulary import OPEN

KINDS = ("region", "indicator")
OPEN_STATUSES = OPEN


@dataclass
class Change:
    """What one curation did; ``render`` is the command line's one-line receipt."""

    action: str
    kind: str
    subject: str
    target: str | None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def changes(self) -> OpChanges:
        """A rename, merge or deletion changes names, values and the alerts that name them."""
        return OpChanges(observations=self.action != "rename", names=True, all_alerts=True, messages=(self.render(),))

    def render(self) -> str:
        d = self.details
        if self.action == "rename":
            return f"renamed {self.kind} {self.subject!r} to {self.target!r}"
        if self.action == "merge":
            dropped = f", {d['values_dropped']} value(s) of {d['dropped_from']!r} dropped" if d.get("values_dropped") else ""
            code = (f"; its code {d['code_dropped']} was dropped (the target has its own)"
                    if d.get("code_dropped") else "")
            return (f"merged {self.kind} {self.subject!r} into {self.target!r}: {d['values_moved']} value(s) moved"
                    f"{dropped}, {d['alerts_moved']} alert(s) now on {self.target!r}{code}")
        return f"deleted {self.kind} {self.subject!r} and its {d['values_deleted']} value(s)"


def _find(conn: Any, kind: str, name: str, level: str | None = None) -> tuple[int, str, str]:
    """(id, display name, key) of the one region or indicator with this name."""
    key = normalize_key(name)
    if kind == "indicator":
        row = conn.execute("SELECT id, name, key FROM indicator WHERE key = ?", (key,)).fetchone()
        if row is None:
            row = conn.execute("SELECT id, name, key FROM indicator WHERE lower(name) = ?", (key,)).fetchone()
        if row is None:
            raise WorkbenchError(f"no indicator named {name!r} in this project")
        return int(row[0]), str(row[1]), str(row[2])
    rows = conn.execute("SELECT id, name, key, level FROM region WHERE key = ?"
                        + (" AND level = ?" if level else ""), (key, level) if level else (key,)).fetchall()
    if not rows:
        raise WorkbenchError(f"no region named {name!r} in this project" + (f" at level {level}" if level else ""))
    if len(rows) > 1:
        levels = ", ".join(sorted(r[3] for r in rows))
        raise WorkbenchError(f"region {name!r} exists at several levels ({levels}); say which with --level")
    return int(rows[0][0]), str(rows[0][1]), str(rows[0][2])


def _record(conn: Any, actor: str, change: Change) -> None:
    conn.execute("INSERT INTO project_event(at, actor, action, kind, subject, target, details) VALUES (?,?,?,?,?,?,?)",
                 (utc_now(), actor, change.action, change.kind, change.subject, change.target,
                  json.dumps(change.details, sort_keys=True)))


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise WorkbenchError(f"say region or indicator, not {kind!r}")


def rename(project: Project, kind: str, old: str, new: str, *, actor: str | None = None,
           level: str | None = None) -> Change:
    """Give a region or indicator another name; its values, history and alerts follow."""
    _check_kind(kind)
    new = " ".join(str(new).split())
    if not new:
        raise WorkbenchError("the new name is empty")
    with project.transaction(backup=True) as c:
        rid, name, key = _find(c, kind, old, level)
        new_key = normalize_key(new)
        if kind == "region":
            lv = c.execute("SELECT level FROM region WHERE id = ?", (rid,)).fetchone()[0]
            other = c.execute("SELECT id FROM region WHERE key = ? AND level = ? AND id <> ?", (new_key, lv, rid)).fetchone()
            if other:
                raise WorkbenchError(f"a region named {new!r} already exists; to join the two use "
                                     f"`workbench merge region {name!r} {new!r}`")
            known = c.execute("SELECT r.name FROM region_alias a JOIN region r ON r.id = a.region_id"
                              " WHERE a.key = ? AND r.level = ? AND r.id <> ?", (new_key, lv, rid)).fetchone()
            if known:
                raise WorkbenchError(f"{new!r} is another name of region {known[0]!r}; to join the two use "
                                     f"`workbench merge region {name!r} {known[0]!r}`")
            c.execute("UPDATE region SET key = ?, name = ? WHERE id = ?", (new_key, new, rid))
            # The old name stays known for this place (a later file may still use it).
            c.execute("DELETE FROM region_alias WHERE region_id = ? AND key = ?", (rid, new_key))
            if key != new_key:
                c.execute("INSERT INTO region_alias(region_id, key) VALUES (?, ?) ON CONFLICT DO NOTHING", (rid, key))
            alerts = c.execute("UPDATE alert SET region = ? WHERE region = ?", (new, name)).rowcount
        else:
            other = c.execute("SELECT id FROM indicator WHERE key = ? AND id <> ?", (new_key, rid)).fetchone()
            if other:
                raise WorkbenchError(f"an indicator named {new!r} already exists; to join the two use "
                                     f"`workbench merge indicator {name!r} {new!r}`")
            # The display name follows when it was only the key's spelling.
            shown = new if normalize_key(name) == key else name
            c.execute("UPDATE indicator SET key = ?, name = ? WHERE id = ?", (new_key, shown, rid))
            alerts = c.execute("UPDATE alert SET indicator = ? WHERE indicator = ?", (new_key, key)).rowcount
        change = Change("rename", kind, name if kind == "region" else key, new, {"id": rid, "alerts_renamed": alerts})
        _record(c, event_actor(project, actor), change)
    return change


def merge(project: Project, kind: str, source: str, target: str, *, keep: str | None = None,
          actor: str | None = None, level: str | None = None) -> Change:
    """Move every value of ``source`` to ``target`` and remove ``source``.

    Where both hold a value for the same indicator (region), period and group and the
    values differ, nothing is merged unless ``keep`` says which wins ('target' or 'source').
    """
    _check_kind(kind)
    if keep not in (None, "target", "source"):
        raise WorkbenchError(f"--keep must be target or source, not {keep!r}")
    col = "region_id" if kind == "region" else "indicator_id"
    other = "indicator_id" if kind == "region" else "region_id"
    with project.transaction(backup=True) as c:
        sid, sname, skey = _find(c, kind, source, level)
        tid, tname, tkey = _find(c, kind, target, level)
        if kind == "indicator":  # indicators are named by their keys, as in files and alerts
            sname, tname = skey, tkey
        if sid == tid:
            raise WorkbenchError(f"{sname!r} and {tname!r} are the same {kind}")
        code_dropped = None
        if kind == "region":
            (s_agg, s_code), (t_agg, t_code) = (c.execute("SELECT is_aggregate, code FROM region WHERE id = ?",
                                                          (i,)).fetchone() for i in (sid, tid))
            if bool(s_agg) != bool(t_agg):
                agg, place = (sname, tname) if s_agg else (tname, sname)
                raise WorkbenchError(f"{agg!r} is an aggregate (a total over places) and {place!r} a place; "
                                     "they cannot be merged")
            if s_code and not t_code:
                c.execute("UPDATE region SET code = ? WHERE id = ?", (s_code, tid))
            elif s_code and t_code and s_code != t_code:
                code_dropped = s_code
        both = (f"FROM observation s JOIN observation t ON t.{col} = ? AND t.{other} = s.{other}"
                f" AND t.period = s.period AND t.grp = s.grp WHERE s.{col} = ?")
        differ = c.execute(f"SELECT count(*) {both} AND s.value {differs(c)} t.value", (tid, sid)).fetchone()[0]
        if differ and keep is None:
            raise WorkbenchError(f"{differ} value(s) of {sname!r} and {tname!r} differ for the same period; say "
                                 "which to keep with --keep target or --keep source (nothing was changed)")
        drop_from, dropped = (sid, sname) if keep != "source" else (tid, tname)
        keep_id = tid if drop_from == sid else sid
        # Where both have a value (equal, or the losing side of a difference), one row goes.
        gone = c.execute(
            f"DELETE FROM observation WHERE {col} = ? AND EXISTS (SELECT 1 FROM observation k WHERE k.{col} = ?"
            f" AND k.{other} = observation.{other} AND k.period = observation.period AND k.grp = observation.grp)",
            (drop_from, keep_id)).rowcount
        moved = c.execute(f"UPDATE observation SET {col} = ? WHERE {col} = ?", (tid, sid)).rowcount
        c.execute(f"UPDATE revision SET {col} = ? WHERE {col} = ?", (tid, sid))
        if kind == "region":
            c.execute("UPDATE region SET parent_id = ? WHERE parent_id = ?", (tid, sid))
            alerts = c.execute("UPDATE alert SET region = ? WHERE region = ?", (tname, sname)).rowcount
            # The merged region's names (its own and its aliases) become the target's.
            c.execute("INSERT INTO region_alias(region_id, key) SELECT ?, key FROM region_alias WHERE region_id = ?"
                      " ON CONFLICT DO NOTHING", (tid, sid))
            c.execute("INSERT INTO region_alias(region_id, key) VALUES (?, ?) ON CONFLICT DO NOTHING", (tid, skey))
            c.execute("DELETE FROM region_alias WHERE region_id = ? AND key = ?", (tid, tkey))
            c.execute("DELETE FROM region_alias WHERE region_id = ?", (sid,))
            c.execute("DELETE FROM region WHERE id = ?", (sid,))
        else:
            alerts = c.execute("UPDATE alert SET indicator = ? WHERE indicator = ?", (tkey, skey)).rowcount
            # A valid range the target lacks is taken from the merged indicator's codebook.
            c.execute("UPDATE indicator SET valid_min = COALESCE(valid_min, (SELECT valid_min FROM indicator"
                      " WHERE id = ?)), valid_max = COALESCE(valid_max, (SELECT valid_max FROM indicator WHERE id = ?))"
                      " WHERE id = ?", (sid, sid, tid))
            c.execute("DELETE FROM indicator WHERE id = ?", (sid,))
        change = Change("merge", kind, sname, tname, {
            "source_id": sid, "target_id": tid, "values_moved": moved, "values_differing": differ,
            "values_dropped": differ if keep else 0, "dropped_from": dropped if differ else None,
            "duplicates_removed": gone, "kept": keep, "alerts_moved": alerts}
            | ({"alias_added": skey, "code_dropped": code_dropped} if kind == "region" else {}))
        _record(c, event_actor(project, actor), change)
    return change


def delete(project: Project, kind: str, name: str, *, actor: str | None = None, level: str | None = None) -> Change:
    """Remove a region or indicator and its values (a backup is taken first)."""
    _check_kind(kind)
    col = "region_id" if kind == "region" else "indicator_id"
    with project.transaction(backup=True) as c:
        rid, shown, key = _find(c, kind, name, level)
        if kind == "region":
            children = c.execute("SELECT count(*) FROM region WHERE parent_id = ?", (rid,)).fetchone()[0]
            if children:
                raise WorkbenchError(f"region {shown!r} holds {children} other region(s); delete or merge them first")
        ref, ref_value = ("region", shown) if kind == "region" else ("indicator", key)
        open_alerts = c.execute(
            f"SELECT count(*) FROM alert WHERE {ref} = ? AND status IN ({','.join('?' * len(OPEN_STATUSES))})",
            (ref_value, *OPEN_STATUSES)).fetchone()[0]
        if open_alerts:
            raise WorkbenchError(f"{kind} {shown!r} has {open_alerts} open alert(s); close or dismiss them first "
                                 "(an alert's history is never deleted)")
        values = c.execute(f"DELETE FROM observation WHERE {col} = ?", (rid,)).rowcount
        c.execute(f"DELETE FROM revision WHERE {col} = ?", (rid,))
        if kind == "region":
            c.execute("DELETE FROM region_alias WHERE region_id = ?", (rid,))
        c.execute(f"DELETE FROM {kind} WHERE id = ?", (rid,))
        change = Change("delete", kind, shown if kind == "region" else key, None, {"id": rid, "values_deleted": values})
        _record(c, event_actor(project, actor), change)
    return change


def history(project: Project) -> Any:
    """The project's curation events, oldest first (a DataFrame)."""
    return project.query_frame("SELECT id, at, actor, action, kind, subject, target, details FROM project_event"
                               " ORDER BY id")
