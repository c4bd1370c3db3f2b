"""The words the app shows for values that come from data: statuses, severities, reasons,
outcomes, levels, sheet roles, column titles. ``lupdate`` cannot see a word passed to
``tr()`` in a variable, so each is listed here once with ``QT_TRANSLATE_NOOP`` (which puts
it in the catalogues) and shown with :func:`term` (which looks it up at run time).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Vocabulary"

WORDS = (
    # alert statuses (alerts.lifecycle.STATUSES) and severities
    QT_TRANSLATE_NOOP("Vocabulary", "new"), QT_TRANSLATE_NOOP("Vocabulary", "acknowledged"),
    QT_TRANSLATE_NOOP("Vocabulary", "verified"), QT_TRANSLATE_NOOP("Vocabulary", "escalated"),
    QT_TRANSLATE_NOOP("Vocabulary", "closed"), QT_TRANSLATE_NOOP("Vocabulary", "dismissed"),
    QT_TRANSLATE_NOOP("Vocabulary", "withdrawn"),
    QT_TRANSLATE_NOOP("Vocabulary", "low"), QT_TRANSLATE_NOOP("Vocabulary", "medium"),
    QT_TRANSLATE_NOOP("Vocabulary", "high"),
    # decisions (alerts.lifecycle): dismissal reasons, outcomes, WHO risk matrix words
    QT_TRANSLATE_NOOP("Vocabulary", "false alarm"), QT_TRANSLATE_NOOP("Vocabulary", "data error"),
    QT_TRANSLATE_NOOP("Vocabulary", "known cause"),
    QT_TRANSLATE_NOOP("Vocabulary", "respond"), QT_TRANSLATE_NOOP("Vocabulary", "monitor"),
    QT_TRANSLATE_NOOP("Vocabulary", "discard"),
    QT_TRANSLATE_NOOP("Vocabulary", "very unlikely"), QT_TRANSLATE_NOOP("Vocabulary", "unlikely"),
    QT_TRANSLATE_NOOP("Vocabulary", "likely"), QT_TRANSLATE_NOOP("Vocabulary", "highly likely"),
    QT_TRANSLATE_NOOP("Vocabulary", "almost certain"),
    QT_TRANSLATE_NOOP("Vocabulary", "minimal"), QT_TRANSLATE_NOOP("Vocabulary", "minor"),
    QT_TRANSLATE_NOOP("Vocabulary", "moderate"), QT_TRANSLATE_NOOP("Vocabulary", "major"),
    QT_TRANSLATE_NOOP("Vocabulary", "severe"),
    # the buttons of the transitions
    QT_TRANSLATE_NOOP("Vocabulary", "Acknowledge"), QT_TRANSLATE_NOOP("Vocabulary", "Verify"),
    QT_TRANSLATE_NOOP("Vocabulary", "Escalate"), QT_TRANSLATE_NOOP("Vocabulary", "Close"),
    QT_TRANSLATE_NOOP("Vocabulary", "Dismiss"), QT_TRANSLATE_NOOP("Vocabulary", "Reopen"),
    # history event kinds
    QT_TRANSLATE_NOOP("Vocabulary", "run"), QT_TRANSLATE_NOOP("Vocabulary", "note"),
    QT_TRANSLATE_NOOP("Vocabulary", "transition"),
    # region levels
    QT_TRANSLATE_NOOP("Vocabulary", "country"), QT_TRANSLATE_NOOP("Vocabulary", "province"),
    QT_TRANSLATE_NOOP("Vocabulary", "district"), QT_TRANSLATE_NOOP("Vocabulary", "other"),
    # what a name belongs to (rename, merge, delete)
    QT_TRANSLATE_NOOP("Vocabulary", "region"), QT_TRANSLATE_NOOP("Vocabulary", "indicator"),
    # what the importer found a sheet to be
    QT_TRANSLATE_NOOP("Vocabulary", "data"), QT_TRANSLATE_NOOP("Vocabulary", "codebook"),
    QT_TRANSLATE_NOOP("Vocabulary", "cover"), QT_TRANSLATE_NOOP("Vocabulary", "empty"),
    QT_TRANSLATE_NOOP("Vocabulary", "unrecognized"),
    # the importer's column roles
    QT_TRANSLATE_NOOP("Vocabulary", "Region"), QT_TRANSLATE_NOOP("Vocabulary", "Province"),
    QT_TRANSLATE_NOOP("Vocabulary", "Country"), QT_TRANSLATE_NOOP("Vocabulary", "Code"),
    QT_TRANSLATE_NOOP("Vocabulary", "Indicator"), QT_TRANSLATE_NOOP("Vocabulary", "Period"),
    QT_TRANSLATE_NOOP("Vocabulary", "Value"), QT_TRANSLATE_NOOP("Vocabulary", "Group"),
    QT_TRANSLATE_NOOP("Vocabulary", "Unit"),
    # table column titles (the models' COLUMNS)
    QT_TRANSLATE_NOOP("Vocabulary", "Severity"), QT_TRANSLATE_NOOP("Vocabulary", "Status"),
    QT_TRANSLATE_NOOP("Vocabulary", "Indicators"), QT_TRANSLATE_NOOP("Vocabulary", "Alerts"),
    QT_TRANSLATE_NOOP("Vocabulary", "Since"), QT_TRANSLATE_NOOP("Vocabulary", "Ended"),
    QT_TRANSLATE_NOOP("Vocabulary", "Score"), QT_TRANSLATE_NOOP("Vocabulary", "District"),
    QT_TRANSLATE_NOOP("Vocabulary", "Complete"), QT_TRANSLATE_NOOP("Vocabulary", "Values"),
    QT_TRANSLATE_NOOP("Vocabulary", "File"), QT_TRANSLATE_NOOP("Vocabulary", "Sheet"),
    QT_TRANSLATE_NOOP("Vocabulary", "Imported at"), QT_TRANSLATE_NOOP("Vocabulary", "Rows read"),
    QT_TRANSLATE_NOOP("Vocabulary", "Kept"), QT_TRANSLATE_NOOP("Vocabulary", "Rejected"),
    QT_TRANSLATE_NOOP("Vocabulary", "New values"), QT_TRANSLATE_NOOP("Vocabulary", "Revised"),
    # how long ago (the inbox's Ended column and its tooltip)
    QT_TRANSLATE_NOOP("Vocabulary", "ongoing"), QT_TRANSLATE_NOOP("Vocabulary", "ended"),
    QT_TRANSLATE_NOOP("Vocabulary", "this month"), QT_TRANSLATE_NOOP("Vocabulary", "%1 mo ago"),
    QT_TRANSLATE_NOOP("Vocabulary", "%1 y ago"), QT_TRANSLATE_NOOP("Vocabulary", "today"),
    QT_TRANSLATE_NOOP("Vocabulary", "%1 d"), QT_TRANSLATE_NOOP("Vocabulary", "%1 mo"),
    # why a situation is on the meeting's agenda (alerts.meeting.REASONS: new, escalated, changed,
    # overdue) and the inbox's column that says it
    QT_TRANSLATE_NOOP("Vocabulary", "changed"), QT_TRANSLATE_NOOP("Vocabulary", "overdue"),
    QT_TRANSLATE_NOOP("Vocabulary", "Why"), QT_TRANSLATE_NOOP("Vocabulary", "correction"),
)


#: Display names of codes the rules, the detectors and the composite index use (the codes stay
#: the data: item data of combo boxes, the CLI's output). A code not listed (a rule a team
#: named itself) is shown as it is. Context "Codes": "monitor" the method is not "monitor"
#: the outcome of a verification.
CODE_CONTEXT = "Codes"
RULE_NAMES = {
    "escalation": QT_TRANSLATE_NOOP("Codes", "escalation"),
    "polarization": QT_TRANSLATE_NOOP("Codes", "polarization"),
    "fixed_threshold": QT_TRANSLATE_NOOP("Codes", "fixed threshold"),
}
METHOD_NAMES = {
    "fixed": QT_TRANSLATE_NOOP("Codes", "fixed threshold"),
    "percentile": QT_TRANSLATE_NOOP("Codes", "percentile"),
    "robust_z": QT_TRANSLATE_NOOP("Codes", "robust z-score"),
    "ears_c1": QT_TRANSLATE_NOOP("Codes", "EARS C1"),
    "ears_c2": QT_TRANSLATE_NOOP("Codes", "EARS C2"),
    "ears_c3": QT_TRANSLATE_NOOP("Codes", "EARS C3"),
    "ewma": QT_TRANSLATE_NOOP("Codes", "EWMA"),
    "cusum": QT_TRANSLATE_NOOP("Codes", "CUSUM"),
    "mann_kendall": QT_TRANSLATE_NOOP("Codes", "Mann-Kendall trend"),
    "change_point": QT_TRANSLATE_NOOP("Codes", "change point"),
    "monitor": QT_TRANSLATE_NOOP("Codes", "baseline monitor"),
}
#: The composite index's choices (workbench.models.composite): normalization and aggregation.
NORMALIZATION_NAMES = {
    "minmax": QT_TRANSLATE_NOOP("Codes", "min–max (0 to 1)"),
    "zscore": QT_TRANSLATE_NOOP("Codes", "z-score"),
    "rank": QT_TRANSLATE_NOOP("Codes", "rank"),
}
AGGREGATION_NAMES = {
    "arithmetic": QT_TRANSLATE_NOOP("Codes", "arithmetic mean"),
    "geometric": QT_TRANSLATE_NOOP("Codes", "geometric mean"),
}


def _code_name(names: dict[str, object], code: object) -> str:
    text = str(code)
    return QCoreApplication.translate(CODE_CONTEXT, str(names[text])) if text in names else text


def rule_name(code: object) -> str:
    """A rule's name in the language shown (a rule the team named itself: its own name)."""
    return _code_name(RULE_NAMES, code)


def method_name(code: object) -> str:
    """A detector method's name in the language shown."""
    return _code_name(METHOD_NAMES, code)


def normalization_name(code: object) -> str:
    return _code_name(NORMALIZATION_NAMES, code)


def aggregation_name(code: object) -> str:
    return _code_name(AGGREGATION_NAMES, code)


def term(word: str) -> str:
    """The word in the language shown (the word itself when it has no translation)."""
    return QCoreApplication.translate(CONTEXT, word)


def phrase(template: str, *values: object) -> str:
    """A translated template with ``%1``, ``%2`` … filled in."""
    text = term(template)
    for i, value in enumerate(values, 1):
        text = text.replace(f"%{i}", str(value))
    return text


def _arabic() -> bool:
    app = QCoreApplication.instance()
    return app is not None and app.property("workbench_language") == "ar"


def join_list(items: Iterable[object]) -> str:
    """Items of a list shown in a sentence or a cell: "a, b" - with the Arabic comma "، " when
    the app is in Arabic (:func:`ui.app.install_translations` records the language shown).
    A separator, not a word, so it is chosen here rather than left to each translation."""
    return ("، " if _arabic() else ", ").join(str(i) for i in items)


def join_clauses(items: Iterable[object]) -> str:
    """Clauses of one line ("risk 12 …; dismissed: …"): "; ", or the Arabic semicolon "؛ "."""
    return ("؛ " if _arabic() else "; ").join(str(i) for i in items)
