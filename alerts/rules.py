"""Alert rules: which detectors, on which series, how persistent, how severe.

A rule is plain data (TOML in files, JSON in the project) so a team can read and change
it without code. It is evaluated over a whole :class:`SeriesPanel` at once: the detector
flags of its methods are combined into one boolean matrix (series x periods), which
:mod:`alerts.episodes` turns into episodes with run-length logic.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd

from alerts import records
from workbench.errors import WorkbenchError
from workbench.models import registry
from workbench.models.panel import DetectorResult, SeriesPanel
from alerts.rule_schema import MAX_RULE_FILE_BYTES, validate_rule, validate_rule_set
from workbench.vocabulary import ALERT_KINDS as KINDS
from workbench.vocabulary import SEVERITIES


@dataclass(frozen=True)
class Rule:
    """One alert rule. Empty filter tuples mean "all".

    ``min_methods`` is how many of ``methods`` must flag the same period (1 = any of them,
    ``len(methods)`` = all); ``freqs`` limits it to panels of those frequencies. ``score_scale`` multiplies every method's own flag threshold
    (1.0 = the detector's default); calibration moves it. ``persistence`` is how many
    consecutive periods must be flagged before an alert opens; ``hysteresis`` how many
    quiet periods an open episode tolerates before it ends (flags inside that window extend
    it without needing to persist again); ``max_gap`` bridges short holes when counting
    persistence. Severity comes from the peak excess over baseline (in spreads) against
    ``severity_bands`` and is raised one level when the episode lasts ``long_episode``
    periods.
    """

    name: str
    methods: tuple[str, ...]
    min_methods: int = 1
    indicators: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ("observed",)
    freqs: tuple[str, ...] = ()
    persistence: int = 1
    hysteresis: int = 0
    max_gap: int = 0
    score_scale: float = 1.0
    min_severity: str = "low"
    severity_bands: tuple[float, float] = (4.0, 6.0)
    long_episode: int = 6
    description: str = ""
    enabled: bool = True

    def __post_init__(self) -> None:
        # The registry's light list: reading rules imports no detector (the desktop reads
        # them while it opens a project).
        bad = [m for m in self.methods if registry.spec(m) is None]
        if not self.methods or bad:
            raise WorkbenchError(
                f"rule {self.name!r}: unknown method(s) {bad or '(none given)'}; "
                f"known: {', '.join(registry.names())}"
            )
        if not 1 <= self.min_methods <= len(self.methods):
            raise WorkbenchError(f"rule {self.name!r}: min_methods must be 1..{len(self.methods)}")
        stateful = registry.stateful() & set(self.methods)
        if stateful and len(self.methods) > 1:
            raise WorkbenchError(
                f"rule {self.name!r}: {', '.join(sorted(stateful))} opens and ends its own "
                "alerts and cannot be combined with other methods in one rule; give it a rule of its own"
            )
        bad_kinds = [k for k in self.kinds if k not in KINDS]
        if bad_kinds:
            raise WorkbenchError(f"rule {self.name!r}: unknown kind(s) {bad_kinds}; known: {', '.join(KINDS)}")
        bad_freqs = [f for f in self.freqs if f not in ("D", "W", "M", "Q", "Y")]
        if bad_freqs:
            raise WorkbenchError(f"rule {self.name!r}: unknown frequency {bad_freqs}; use W, M, Q or Y")
        if self.min_severity not in SEVERITIES:
            raise WorkbenchError(f"rule {self.name!r}: min_severity must be one of {', '.join(SEVERITIES)}")
        if self.persistence < 1 or self.hysteresis < 0 or self.max_gap < 0:
            raise WorkbenchError(f"rule {self.name!r}: persistence >= 1, hysteresis and max_gap >= 0")
        if not self.score_scale > 0:
            raise WorkbenchError(f"rule {self.name!r}: score_scale must be positive")

    # -- (de)serialisation --------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rule:
        """A rule from a table of fields, checked by :mod:`alerts.rule_schema` first."""
        kw = validate_rule(data, cls)
        try:
            return cls(**kw)
        except TypeError as err:
            raise WorkbenchError(f"rule {data.get('name')!r}: {err}") from None

    def with_scale(self, scale: float) -> Rule:
        d = self.to_dict()
        d["score_scale"] = float(scale)
        return Rule.from_dict(d)

    @property
    def stateful(self) -> bool:
        """The rule's method carries the alert state itself (see :mod:`workbench.models.detectors.state_monitor`)."""
        return len(self.methods) == 1 and self.methods[0] in registry.stateful()

    # -- evaluation ---------------------------------------------------------------------
    def series_mask(self, panel: SeriesPanel, codebook: pd.DataFrame | None = None) -> np.ndarray:
        """Which series of the panel this rule watches."""
        keys = panel.keys
        mask = np.full(len(keys), not self.freqs or panel.freq in self.freqs, dtype=bool)
        if self.kinds:
            mask &= keys["kind"].isin(self.kinds).to_numpy()
        base = keys["indicator"].astype(str).str.split(":").str[0].str.casefold()
        if self.indicators:
            wanted = {i.casefold() for i in self.indicators}
            mask &= (base.isin(wanted) | keys["indicator"].astype(str).str.casefold().isin(wanted)).to_numpy()
        if self.domains:
            dom = {}
            if codebook is not None and len(codebook):
                dom = dict(zip(codebook["key"].astype(str).str.casefold(), codebook["domain"].astype(str).str.casefold()))
            wanted = {d.casefold() for d in self.domains}
            mask &= base.map(lambda k: dom.get(k, "") in wanted).to_numpy(dtype=bool)
        if self.regions:
            wanted = {r.casefold() for r in self.regions}
            mask &= keys["region"].astype(str).str.casefold().isin(wanted).to_numpy()
        return mask

    def method_flags(self, signals: Mapping[str, DetectorResult]) -> dict[str, np.ndarray]:
        """Each method's flags under this rule's threshold scale (missing methods are skipped)."""
        out: dict[str, np.ndarray] = {}
        for m in self.methods:
            res = signals.get(m)
            if res is None:
                continue
            out[m] = scaled_flag(res, self.score_scale)
        return out


def score_threshold(res: DetectorResult) -> float | None:
    """The detector's flag threshold in score units (None for the fixed codebook limit), as
    its registration says (:func:`workbench.models.registry.score_threshold`)."""
    return registry.score_threshold(res.method, res.params)


def scaled_flag(res: DetectorResult, scale: float) -> np.ndarray:
    """The detector's flags with its score threshold multiplied by ``scale``.

    At scale 1 the detector's own flags are used unchanged, so a rule never disagrees with
    the chart. Otherwise the threshold in score units (from the detector's ``params``) is
    scaled; the fixed codebook threshold never is.
    """
    flag = np.asarray(res.flag, dtype=bool)
    if scale == 1.0 or res.params.get("stateful"):
        return flag  # a stateful method was computed with the rule's scale already
    score = np.asarray(res.score, dtype="float64")
    thr = score_threshold(res)
    if thr is None:
        return flag  # a fixed codebook limit is not the model's to move
    with np.errstate(invalid="ignore"):
        return np.isfinite(score) & (score >= thr * scale)


# -- rule sets ----------------------------------------------------------------------------
def load_rules_toml(text: str) -> list[Rule]:
    """A rule set from TOML: one ``[[rule]]`` table per rule, each checked by :mod:`alerts.rule_schema`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise WorkbenchError(f"the rule file is not valid TOML: {err}") from None
    except RecursionError:
        raise WorkbenchError("the rule file is nested too deeply to be a rule file") from None
    rules = [Rule(**validate_rule(d, Rule, i)) for i, d in enumerate(validate_rule_set(data), start=1)]
    names = [r.name for r in rules]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise WorkbenchError(f"duplicate rule name(s): {', '.join(dup)}")
    return rules


def dump_rules_toml(rules: list[Rule]) -> str:
    import tomli_w

    return tomli_w.dumps({"rule": [r.to_dict() for r in rules]})


def default_rules() -> list[Rule]:
    """The rule set shipped with the app (``alerts/default_rules.toml``)."""
    text = resources.files("alerts").joinpath("default_rules.toml").read_text(encoding="utf-8")
    return load_rules_toml(text)


#: The reference every backtest reports next to the project's rules.
EARS_C2_ALONE = Rule(
    name="ears_c2_alone",
    methods=("ears_c2",),
    description="Reference: CDC EARS C2 alone, alert on the first flagged period.",
)


def ruleset_hash(rules: list[Rule]) -> str:
    payload = json.dumps([r.to_dict() for r in rules if r.enabled], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


# -- storage in the project -----------------------------------------------------------------
def stored_rules(conn: Any) -> list[Rule]:
    rows = records.rule_rows(conn)
    out = []
    for definition, enabled in rows:
        d = json.loads(definition)
        d["enabled"] = bool(enabled)
        out.append(Rule.from_dict(d))
    return out


def save_rules(conn: Any, rules: list[Rule], now: str) -> None:
    """Insert or replace rules by name (inside the caller's transaction)."""
    for r in rules:
        d = r.to_dict()
        records.upsert_rule(conn, r.name, json.dumps(d, sort_keys=True), int(r.enabled), now)


def ensure_rules(conn: Any, now: str) -> list[Rule]:
    """The project's rules, seeding the default set the first time."""
    if records.rule_count(conn) == 0:
        save_rules(conn, default_rules(), now)
    return stored_rules(conn)


#: Rule sets the workbench shipped before, by :func:`ruleset_hash`. A project whose rules are
#: still exactly one of them never chose its rules: its next run upgrades it to the current
#: shipped set (see :func:`upgrade_shipped_rules`).
PREVIOUS_SHIPPED = {
    "4b05b29260b9dfde": "sustained_rise, polarization, survey_shift, fixed_threshold (before the monitor)",
}


def upgrade_shipped_rules(conn: Any, now: str) -> list[str]:
    """Replace an untouched earlier shipped rule set with the current one; returns the names of
    the rules that are gone (their open alerts are the caller's to settle)."""
    current = stored_rules(conn)
    if not current or ruleset_hash(current) not in PREVIOUS_SHIPPED or any(not r.enabled for r in current):
        return []
    new = default_rules()
    gone = sorted({r.name for r in current} - {r.name for r in new})
    for name in gone:
        records.delete_rule(conn, name)
    save_rules(conn, new, now)
    return gone


def read_rules_file(path: Path) -> list[Rule]:
    """A rule file a person names: a regular file of bounded size (never a pipe or a device)."""
    from workbench.inputs import read_input_text

    rules = load_rules_toml(read_input_text(path, "rule file", MAX_RULE_FILE_BYTES))
    if not rules:
        raise WorkbenchError(f"{Path(path).name} holds no rules (each rule is a [[rule]] table)")
    return rules


__all__ = [
    "EARS_C2_ALONE", "PREVIOUS_SHIPPED", "Rule", "default_rules", "dump_rules_toml", "ensure_rules",
    "upgrade_shipped_rules",
    "load_rules_toml", "ruleset_hash", "save_rules", "stored_rules",
]

