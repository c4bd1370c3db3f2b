"""What one user action changed: the record every write returns (Anki's ``OpChanges``).

Every user write — a transition, a note, a verification, a snooze, an import, a rename or
merge, a model run, merging another office's copy — is one core function that returns an
:class:`OpChanges`. The command line prints its ``messages``; the desktop refreshes only the
parts it names (a decision on an alert re-reads the alerts, not the observations). Plain
data, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OpChanges:
    """The parts of a project one operation changed."""

    #: alerts whose row or history changed (and alerts the operation created)
    alerts: frozenset[int] = frozenset()
    #: alerts were added or removed wholesale (a run, a merge): re-read them all
    all_alerts: bool = False
    #: observations changed (an import, a merge of regions or indicators, a deletion)
    observations: bool = False
    #: regions, the codebook or their names changed
    names: bool = False
    imports: bool = False
    rules: bool = False
    boundaries: bool = False
    #: one line per thing done, for the command line's receipt and the status bar
    messages: tuple[str, ...] = field(default=())

    @property
    def data(self) -> bool:
        """Something the series, the tree or the data table show changed: read the project again."""
        return self.observations or self.names or self.imports or self.boundaries

    @property
    def touches_alerts(self) -> bool:
        return bool(self.alerts) or self.all_alerts

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(
            alerts=self.alerts | other.alerts, all_alerts=self.all_alerts or other.all_alerts,
            observations=self.observations or other.observations, names=self.names or other.names,
            imports=self.imports or other.imports, rules=self.rules or other.rules,
            boundaries=self.boundaries or other.boundaries, messages=self.messages + other.messages,
        )


__all__ = ["OpChanges"]
