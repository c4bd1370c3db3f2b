"""One rule applied to one panel: the right evaluation for the rule's kind of method."""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from alerts.episodes import RuleEvaluation
from alerts.monitor_episodes import StatefulEvaluation
from alerts.rules import Rule
from workbench.models.panel import DetectorResult, SeriesPanel


def evaluate_rule(
    rule: Rule,
    panel: SeriesPanel,
    signals: Mapping[str, DetectorResult],
    codebook: pd.DataFrame | None = None,
) -> RuleEvaluation:
    """A stateful method (the monitor) brings its own episodes; the others are combined
    period by period and cut into episodes by run-length logic."""
    if rule.stateful:
        return StatefulEvaluation(rule, panel, signals, codebook)
    return RuleEvaluation(rule, panel, signals, codebook)
