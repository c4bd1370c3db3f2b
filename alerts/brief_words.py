"""The words of the brief that come from data or from column names, listed once for the
catalogues.

``pybabel extract`` sees only texts written in the code; a status, a severity, a change kind
or a column's name reaches the writers in a variable. Each is listed here once, marked with
:func:`workbench.i18n.N_`, and shown with :meth:`workbench.i18n.Language.word`. The desktop's
catalogues (``ui/vocabulary.py``) say the same words; the core's catalogues use the same
translations so the brief and the app agree.
"""

from __future__ import annotations

from workbench.i18n import N_, Language

VOCABULARY = (
    # severities and alert statuses (workbench.vocabulary)
    N_("low"), N_("medium"), N_("high"),
    N_("new"), N_("acknowledged"), N_("verified"), N_("escalated"), N_("closed"), N_("dismissed"),
    N_("withdrawn"),
    # what changed since the previous run (alerts.brief_data.CHANGE_KINDS)
    N_("extended"),
    # why a situation is on the meeting's agenda (alerts.meeting.REASONS)
    N_("changed"), N_("overdue"),
    # history event kinds and decisions (alerts.lifecycle)
    N_("run"), N_("note"), N_("transition"), N_("correction"), N_("snooze"),
    N_("false_alarm"), N_("data_error"), N_("known_cause"),
    N_("respond"), N_("monitor"), N_("discard"),
    # WHO risk levels (alerts.lifecycle.risk_level)
    N_("moderate"), N_("very high"),
    # frequencies of the series
    N_("monthly"), N_("quarterly"), N_("weekly"), N_("yearly"),
)

#: The shipped rules' names as people read them (the desktop's ``ui.vocabulary.RULE_NAMES``); a
#: rule a team named itself is shown as it is.
RULE_WORDS = {
    "escalation": N_("escalation"),
    "polarization": N_("polarization"),
    "fixed_threshold": N_("fixed threshold"),
}

#: Column titles of the Excel sheets and PDF tables: the data's column name with spaces.
COLUMN_TITLES = (
    N_("id"), N_("severity"), N_("status"), N_("region"), N_("province"), N_("indicator"), N_("group"),
    N_("rule"), N_("method"), N_("first period"), N_("last period"), N_("score"), N_("situation id"),
    N_("waiting days"), N_("explanation"), N_("at"), N_("alert id"), N_("actor"), N_("kind"),
    N_("from status"), N_("to status"), N_("note"), N_("change"), N_("why"), N_("alerts"), N_("indicators"),
    N_("alert ids"), N_("likelihood"), N_("consequence"), N_("risk level"), N_("outcome"), N_("reason"),
    N_("unit"), N_("rank"), N_("rank median"), N_("rank interval"), N_("rank p05"), N_("rank p95"),
    N_("top k share"), N_("situations"), N_("total"), N_("last period"),
)

#: Columns whose cells are vocabulary words (translated in the brief); the others are data.
WORD_COLUMNS = frozenset({"severity", "status", "change", "kind", "from_status", "to_status", "risk_level",
                          "outcome", "reason"})


def rule_word(lang: Language, code: object) -> str:
    """A rule's name in ``lang`` (its code when it is not one of the shipped rules)."""
    return lang.word(RULE_WORDS[code]) if isinstance(code, str) and code in RULE_WORDS else str(code)


def title(lang: Language, column: str) -> str:
    """A column's title in ``lang``: its name with spaces, translated."""
    return lang.word(column.replace("_", " "))


def cell(lang: Language, column: str, value: object) -> object:
    """A cell as the brief shows it: vocabulary words translated, ``why`` lists translated,
    everything else (names, notes, numbers) as it is."""
    if column == "why":
        return lang.words(value)
    if column == "reason" and isinstance(value, str):
        return lang.word(value).replace("_", " ")  # false_alarm -> "false alarm" in English
    if column in WORD_COLUMNS and isinstance(value, str):
        return lang.word(value)
    if column == "rule" and isinstance(value, str):
        return rule_word(lang, value)
    return value


__all__ = ["COLUMN_TITLES", "RULE_WORDS", "VOCABULARY", "WORD_COLUMNS", "cell", "rule_word", "title"]
