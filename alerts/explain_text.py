"""An alert's explanation in the reader's language, from the parts the model run stored.

The run writes each alert's explanation once, in English (``alert.explanation``: the record,
quoted by the CLI and compared byte for byte between runs), and the same sentence as parts in
``details["explain"]`` (:func:`alerts.episodes.explain_parts`)::

    {"v": 1, "freq": "M", "unit": "%", "count": false, "phrases": [[id, value, ...], ...]}

Each phrase is an id and its values: numbers as numbers (exact floats, None when not finite),
periods as ISO dates (the frequency is the parts'), names and groups as the data gives them,
rarities as their score. The phrases and their values (:data:`JOIN` lists every id):

- ``["head", form, subject, region, value, period]``: "Fatalities in Khartoum rose to 13 in Feb
  2024"; ``form`` is ``count`` (counts: "…: 13 in …"), ``back`` ("was back to"), ``rose``,
  ``fell`` or ``widened``; ``subject`` is :func:`alerts.episodes.subject_spec`'s list.
- ``["normally", value, window]``: "normally about 5 (a month)" and, with a window, its baseline's
  length ("(24-month baseline)").
- ``["rare", how]`` / ``["peak", value, period, how(, False)]``: how rare the peak (with a trailing
  False: the low point of a series worse when it falls) was; ``how`` is
  ``["record", up, periods]`` ("the highest in 16 years") or ``["rarity", score]``.
- ``["fixed", value]``, ``["flat"]``, ``["excess", spreads, spread_name, up, score]``: the other
  rules' threshold, flat baseline and distance from normal.
- ``["monitor", signals]``: the monitor's signals, each ``["ewma", top, window(, False)]`` (False:
  below the baseline, a series worse when it falls) or ``["point",
  period, score]``; ``["methods", methods]``: the other rules' methods, each ``["mann_kendall",
  up, periods]``, ``["cusum"]``, ``["ewma"]`` or ``["method", display name]``.
- ``["usual_spread", value]``, ``["flagged", n, first, last]``, ``["protracted", period(, False)]``
  (False: only a further fall opens a new alert).

:func:`render` writes the parts through the core's gettext catalogue
(:mod:`workbench.i18n`): whole templates per phrase (no sentence glued from translated words),
plurals with ``ngettext``, months in the language's CLDR names, Latin digits with the language's
decimal sign, the Arabic comma and semicolon between phrases. Its English is the stored text,
exactly (``tests/test_explain_text.py`` runs the models and compares every alert), which is how
we know the parts say everything the sentence says. Alerts written before the parts existed, or
parts this version cannot read, keep their English text (:func:`explanation_in`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any, Callable, Mapping

from alerts.wording import FREQ_WORD, format_period, human_number, rarity_form, span_count
from workbench.i18n import N_, Language, language

#: What each phrase is preceded by (the first phrase by nothing); Arabic writes its own comma
#: and semicolon (:data:`_MARKS`).
JOIN = {"head": "", "normally": "; ", "rare": "; ", "peak": "; ", "fixed": ", ", "flat": ", ", "excess": "; ",
        "monitor": ". ", "methods": ". ", "usual_spread": "; ", "flagged": "; ", "protracted": "; "}
_MARKS = {"ar": {"; ": "؛ ", ", ": "، "}}
#: The parts' versions this module reads.
VERSIONS = (1,)
#: Method names the other rules' explanations quote (:func:`workbench.models.registry.display_name`).
METHOD_NAMES = (N_("fixed threshold"), N_("percentile threshold"), N_("robust z-score"), N_("change point"),
                N_("Mann-Kendall trend"))
#: Spread units the other rules' explanations quote.
SPREAD_NAMES = (N_("MADs"), N_("SDs"), N_("IQRs"))


class CannotRender(ValueError):
    """The parts are not ones this version writes (an unknown phrase or frequency)."""


def explanation_in(explanation: str, details: Any, lang: str | Language | None) -> str:
    """What a person reads: the alert's explanation in ``lang`` (a code or a
    :class:`~workbench.i18n.Language`; None: English) when its ``details`` (the JSON text or the
    dict) hold parts, else the stored English text."""
    return explanation_said(explanation, details, lang)[0]


def explanation_said(explanation: str, details: Any, lang: str | Language | None) -> tuple[str, str]:
    """:func:`explanation_in` and the code of the language it is in ("en" when the stored
    English text stands in: a right-to-left page keeps that paragraph left to right)."""
    L = lang if isinstance(lang, Language) else language(lang or "en")
    if L.code == "en":
        return explanation, "en"
    parts = parts_of(details)
    if parts is None:
        return explanation, "en"
    try:
        return render(parts, L), L.code
    except (CannotRender, KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError):
        return explanation, "en"  # parts from another office's version, or damaged: the record stands


def parts_of(details: Any) -> Mapping[str, Any] | None:
    """``details["explain"]`` when there is one (details as stored: JSON text, or a dict)."""
    if isinstance(details, (str, bytes)):
        try:
            details = json.loads(details)
        except ValueError:
            return None
    if not isinstance(details, Mapping):
        return None
    parts = details.get("explain")
    return parts if isinstance(parts, Mapping) and parts.get("phrases") else None


def render(parts: Mapping[str, Any], lang: str | Language = "en") -> str:
    """The sentence the parts say, in ``lang`` (raises :class:`CannotRender` on parts this
    version does not write)."""
    L = lang if isinstance(lang, Language) else language(lang)
    if parts.get("v") not in VERSIONS:
        raise CannotRender(f"explanation parts version {parts.get('v')!r}")
    w = _Writer(L, str(parts["freq"]), parts.get("unit"), bool(parts.get("count")))
    marks = _MARKS.get(L.code, {})
    out = []
    for i, phrase in enumerate(parts["phrases"]):
        kind = phrase[0]
        if kind not in JOIN:
            raise CannotRender(f"explanation phrase {kind!r}")
        join = JOIN[kind] if i else ""
        out.append(marks.get(join, join) + getattr(w, kind)(*phrase[1:]))
    return "".join(out)


class _Writer:
    """One explanation's phrases in one language (the English branches are the model run's
    own words, character for character)."""

    def __init__(self, L: Language, freq: str, unit: str | None, count: bool) -> None:
        if freq not in FREQ_WORD:
            raise CannotRender(f"frequency {freq!r}")
        self.L, self.freq, self.unit, self.count = L, freq, unit, count
        self.en = L.code == "en"

    # -- values ----------------------------------------------------------------------------
    def number(self, x: float | None, whole: bool = False) -> str:
        """As :func:`alerts.wording.human_number` writes it, with the language's signs."""
        text = human_number(x, whole)  # type: ignore[arg-type]
        if text == "n/a" and not self.en:
            return self.L._("n/a")
        return self.signs(text)

    def signs(self, text: str) -> str:
        """English digits (``2,080.5``) with the language's group and decimal signs: the same
        digits in every language, rounded once, by the English formatting."""
        if self.en:
            return text
        from babel.numbers import get_decimal_symbol, get_group_symbol

        group, decimal = get_group_symbol(self.L.code), get_decimal_symbol(self.L.code)
        return text.replace(",", "\0").replace(".", decimal).replace("\0", group)

    def ngettext(self, singular: str, plural: str, n: int, grouped: bool = False, **values: Any) -> str:
        """The plural form for ``n``, ``{n}`` written as the English text writes it (plain
        digits; ``grouped``: with thousands separators) in the language's signs."""
        text = self.L._t.ngettext(singular, plural, int(n))
        return text.format(n=self.signs(f"{int(n):,}" if grouped else str(int(n))), **values)

    def value(self, x: float | None, whole: bool = False) -> str:
        """A value in the series' unit (:func:`alerts.wording.with_unit`)."""
        text = self.number(x, whole)
        unit = self.unit
        if not unit or text in ("n/a", self.L._("n/a")):
            return text
        if self.en:
            return f"{text} {unit}"
        # A unit from the codebook is data (as written); "points" is the workbench's word.
        said = self.L._("points") if unit == "points" else unit
        return f"{text}\u00a0{said}"

    def about(self, x: float | None) -> str:
        """:func:`alerts.wording.about` without its word "about" (each template has it)."""
        if self.count and x is not None and math.isfinite(x) and x >= 1:
            return self.value(round(x), whole=True)
        return self.value(x)

    def period(self, iso: str) -> str:
        when = dt.date.fromisoformat(iso)
        if self.en:
            return format_period(when, self.freq)  # type: ignore[arg-type]
        if self.freq == "M":
            return self.L.month_year_short(when)
        if self.freq == "Q":
            return self.L._("{year}-Q{q}", year=when.year, q=(when.month - 1) // 3 + 1)
        if self.freq == "Y":
            return str(when.year)
        return self.L.day(when)

    def one_decimal(self, x: float | None) -> str:
        return self.signs(f"{float('nan') if x is None else x:.1f}")

    def per_freq(self, table: Mapping[str, Callable[..., str]], *args: Any, **values: Any) -> str:
        return table[self.freq](self, *args, **values)

    # -- the subject -----------------------------------------------------------------------
    def subject(self, spec: list) -> str:
        kind, base = spec[0], spec[1]
        L = self.L
        if kind == "gap":
            text = (L._("the gap in {base} between {a} and {b}", base=base, a=spec[2], b=spec[3]) if len(spec) > 3
                    else L._("the gap in {base} between groups", base=base))
        elif kind == "spread":
            text = L._("the spread of {base} across groups", base=base)
        elif kind == "polarization":
            text = L._("the polarization index of {base} between groups", base=base)
        else:
            group = spec[2] if len(spec) > 2 else ""
            text = base + (f" ({group})" if group else "")
        return text if kind == "observed" else text[:1].upper() + text[1:]

    # -- the phrases (one method per id of JOIN) -------------------------------------------
    def head(self, form: str, spec: list, region: str, x: float | None, iso: str) -> str:
        L, v = self.L, dict(who=self.subject(spec), region=region, period=self.period(iso))
        if form == "count":
            return L._("{who} in {region}: {value} in {period}", value=self.value(x, whole=True), **v)
        value = self.value(x)
        if form == "back":
            return L._("{who} in {region} was back to {value} in {period}", value=value, **v)
        if form == "rose":
            return L._("{who} in {region} rose to {value} in {period}", value=value, **v)
        if form == "fell":
            return L._("{who} in {region} fell to {value} in {period}", value=value, **v)
        if form == "widened":
            return L._("{who} in {region} widened to {value} in {period}", value=value, **v)
        raise CannotRender(f"head {form!r}")

    def normally(self, x: float | None, window: int | None) -> str:
        value = self.about(x)
        if window is not None:
            return self.per_freq(_BASELINE_WINDOW, int(window), value=value)
        if self.count:
            return self.per_freq(_NORMALLY_PER, value=value)
        return self.L._("normally about {value}", value=value)

    def how_rare(self, how: list) -> str:
        if how[0] == "record":
            number, unit = span_count(int(how[2]), self.freq)
            span = _SPAN[unit](self, number)
            return (self.L._("the highest in {span}", span=span) if how[1]
                    else self.L._("the lowest in {span}", span=span))
        if how[0] == "rarity":
            return self.rarity(how[1])
        raise CannotRender(f"rarity {how[0]!r}")

    def rarity(self, score: float | None) -> str:
        form, n = rarity_form(score)  # type: ignore[arg-type]
        if form == "usual":
            return self.per_freq(_NOT_UNUSUAL)
        if form == "million":
            return self.per_freq(_ONE_IN_A_MILLION)
        if form == "one_in":
            return self.per_freq(_ONE_IN, n)
        return ""

    def rare(self, how: list) -> str:
        return self.how_rare(how)

    def peak(self, x: float | None, iso: str, how: list, up: bool = True) -> str:
        v = dict(value=self.value(x, whole=self.count), period=self.period(iso), rarity=self.how_rare(how))
        if up:
            return self.L._("the peak, {value} in {period}, was {rarity}", **v)
        return self.L._("the low point, {value} in {period}, was {rarity}", **v)

    def fixed(self, x: float | None) -> str:
        return self.L._("past its fixed threshold of {value}", value=self.value(x))

    def flat(self) -> str:
        return self.L._("which had not varied")

    def excess(self, spreads: float, name: str, up: bool, score: float) -> str:
        L = self.L
        v = dict(excess=self.one_decimal(spreads), spreads=L.word(name), rarity=self.rarity(score))
        return L._("{excess} {spreads} above it, {rarity}", **v) if up else L._("{excess} {spreads} below it, {rarity}",
                                                                              **v)

    def monitor(self, signals: list) -> str:
        said = []
        for s in signals:
            if s[0] == "ewma":  # ["ewma", top, window] and, for a series worse when it falls, False
                number, unit = span_count(int(s[2]), self.freq)
                said.append(self.per_freq(_EWMA if len(s) < 4 or s[3] else _EWMA_BELOW, top=self.one_decimal(s[1]),
                                          span=_SPAN_ADJECTIVE[unit](self, number)))
            elif s[0] == "point":
                model = (self.L._("a negative binomial count model") if self.count else self.L._("a normal model"))
                said.append(self.L._("{period} alone was {rarity} under {model}", period=self.period(s[1]),
                                     rarity=self.rarity(s[2]), model=model))
            else:
                raise CannotRender(f"monitor signal {s[0]!r}")
        if not said:
            return self.L._("Monitor")
        sep = _MARKS.get(self.L.code, {}).get("; ", "; ")
        return self.L._("Monitor: {signals}", signals=sep.join(said))

    def methods(self, methods: list) -> str:
        L = self.L
        said = []
        for m in methods:
            if m[0] == "mann_kendall":
                over = _OVER[self.freq](self, int(m[2]))
                said.append(L._("Mann-Kendall trend up over {span}", span=over) if m[1]
                            else L._("Mann-Kendall trend down over {span}", span=over))
            elif m[0] == "cusum":
                said.append(L._("CUSUM (the excesses of recent periods added up past its limit)"))
            elif m[0] == "ewma":
                said.append(L._("EWMA (the weighted average of recent periods passed its limit)"))
            elif m[0] == "method" and m[1] == "monitor":
                said.append(L._("Monitor").lower())  # the method's name ("monitor" alone is the outcome)
            elif m[0] == "method":
                said.append(L.word(m[1]))
            else:
                raise CannotRender(f"method {m[0]!r}")
        if not said:
            return L._("Methods: none")
        return L._("Methods: {methods}", methods=L.join(said))

    def usual_spread(self, x: float | None) -> str:
        return self.L._("usual spread {value}", value=self.value(x))

    def flagged(self, n: int, first: str, last: str | None) -> str:
        when = (self.L._("{first} to {last}", first=self.period(first), last=self.period(last)) if last
                else self.period(first))
        return self.per_freq(_FLAGGED, int(n), when=when)

    def protracted(self, iso: str, up: bool = True) -> str:
        if up:
            return self.L._("a protracted situation since {period}: that level is now its baseline, and only a "
                            "further rise opens a new alert", period=self.period(iso))
        return self.L._("a protracted situation since {period}: that level is now its baseline, and only a "
                        "further fall opens a new alert", period=self.period(iso))


# -- the templates that depend on the frequency, written out whole for the translators ------
# (pybabel extracts literal calls only, so each frequency's words are their own call.)

_SPAN = {  # "16 years", "8 months"
    "M": lambda w, n: w.ngettext("{n} month", "{n} months", n),
    "Q": lambda w, n: w.ngettext("{n} quarter", "{n} quarters", n),
    "Y": lambda w, n: w.ngettext("{n} year", "{n} years", n),
    "W": lambda w, n: w.ngettext("{n} week", "{n} weeks", n),
    "D": lambda w, n: w.ngettext("{n} day", "{n} days", n),
}
_SPAN_ADJECTIVE = {  # "the 5-year baseline"
    "M": lambda w, n: w.ngettext("{n}-month", "{n}-month", n),
    "Q": lambda w, n: w.ngettext("{n}-quarter", "{n}-quarter", n),
    "Y": lambda w, n: w.ngettext("{n}-year", "{n}-year", n),
    "W": lambda w, n: w.ngettext("{n}-week", "{n}-week", n),
    "D": lambda w, n: w.ngettext("{n}-day", "{n}-day", n),
}
_OVER = {  # Mann-Kendall's window: English says "1 months" too
    "M": lambda w, n: w.ngettext("{n} months", "{n} months", n),
    "Q": lambda w, n: w.ngettext("{n} quarters", "{n} quarters", n),
    "Y": lambda w, n: w.ngettext("{n} years", "{n} years", n),
    "W": lambda w, n: w.ngettext("{n} weeks", "{n} weeks", n),
    "D": lambda w, n: w.ngettext("{n} days", "{n} days", n),
}
_NORMALLY_PER = {
    "M": lambda w, **v: w.L._("normally about {value} a month", **v),
    "Q": lambda w, **v: w.L._("normally about {value} a quarter", **v),
    "Y": lambda w, **v: w.L._("normally about {value} a year", **v),
    "W": lambda w, **v: w.L._("normally about {value} a week", **v),
    "D": lambda w, **v: w.L._("normally about {value} a day", **v),
}
_BASELINE_WINDOW = {
    "M": lambda w, n, **v: w.ngettext("normally about {value} ({n}-month baseline)",
                                      "normally about {value} ({n}-month baseline)", n, **v),
    "Q": lambda w, n, **v: w.ngettext("normally about {value} ({n}-quarter baseline)",
                                      "normally about {value} ({n}-quarter baseline)", n, **v),
    "Y": lambda w, n, **v: w.ngettext("normally about {value} ({n}-year baseline)",
                                      "normally about {value} ({n}-year baseline)", n, **v),
    "W": lambda w, n, **v: w.ngettext("normally about {value} ({n}-week baseline)",
                                      "normally about {value} ({n}-week baseline)", n, **v),
    "D": lambda w, n, **v: w.ngettext("normally about {value} ({n}-day baseline)",
                                      "normally about {value} ({n}-day baseline)", n, **v),
}
_ONE_IN = {
    "M": lambda w, n: w.ngettext("rarer than 1 in {n} months", "rarer than 1 in {n} months", n, True),
    "Q": lambda w, n: w.ngettext("rarer than 1 in {n} quarters", "rarer than 1 in {n} quarters", n, True),
    "Y": lambda w, n: w.ngettext("rarer than 1 in {n} years", "rarer than 1 in {n} years", n, True),
    "W": lambda w, n: w.ngettext("rarer than 1 in {n} weeks", "rarer than 1 in {n} weeks", n, True),
    "D": lambda w, n: w.ngettext("rarer than 1 in {n} days", "rarer than 1 in {n} days", n, True),
}
_ONE_IN_A_MILLION = {
    "M": lambda w: w.L._("rarer than 1 in a million months"),
    "Q": lambda w: w.L._("rarer than 1 in a million quarters"),
    "Y": lambda w: w.L._("rarer than 1 in a million years"),
    "W": lambda w: w.L._("rarer than 1 in a million weeks"),
    "D": lambda w: w.L._("rarer than 1 in a million days"),
}
_NOT_UNUSUAL = {
    "M": lambda w: w.L._("not unusual for a month"),
    "Q": lambda w: w.L._("not unusual for a quarter"),
    "Y": lambda w: w.L._("not unusual for a year"),
    "W": lambda w: w.L._("not unusual for a week"),
    "D": lambda w: w.L._("not unusual for a day"),
}
_EWMA = {
    "M": lambda w, **v: w.L._("recent months averaged up to {top} spreads above the {span} baseline (EWMA)", **v),
    "Q": lambda w, **v: w.L._("recent quarters averaged up to {top} spreads above the {span} baseline (EWMA)", **v),
    "Y": lambda w, **v: w.L._("recent years averaged up to {top} spreads above the {span} baseline (EWMA)", **v),
    "W": lambda w, **v: w.L._("recent weeks averaged up to {top} spreads above the {span} baseline (EWMA)", **v),
    "D": lambda w, **v: w.L._("recent days averaged up to {top} spreads above the {span} baseline (EWMA)", **v),
}
_EWMA_BELOW = {
    "M": lambda w, **v: w.L._("recent months averaged up to {top} spreads below the {span} baseline (EWMA)", **v),
    "Q": lambda w, **v: w.L._("recent quarters averaged up to {top} spreads below the {span} baseline (EWMA)", **v),
    "Y": lambda w, **v: w.L._("recent years averaged up to {top} spreads below the {span} baseline (EWMA)", **v),
    "W": lambda w, **v: w.L._("recent weeks averaged up to {top} spreads below the {span} baseline (EWMA)", **v),
    "D": lambda w, **v: w.L._("recent days averaged up to {top} spreads below the {span} baseline (EWMA)", **v),
}
_FLAGGED = {
    "M": lambda w, n, **v: w.ngettext("flagged in {n} month ({when})", "flagged in {n} months ({when})", n, **v),
    "Q": lambda w, n, **v: w.ngettext("flagged in {n} quarter ({when})", "flagged in {n} quarters ({when})", n, **v),
    "Y": lambda w, n, **v: w.ngettext("flagged in {n} year ({when})", "flagged in {n} years ({when})", n, **v),
    "W": lambda w, n, **v: w.ngettext("flagged in {n} week ({when})", "flagged in {n} weeks ({when})", n, **v),
    "D": lambda w, n, **v: w.ngettext("flagged in {n} day ({when})", "flagged in {n} days ({when})", n, **v),
}


__all__ = ["CannotRender", "JOIN", "explanation_in", "explanation_said", "parts_of", "render"]
