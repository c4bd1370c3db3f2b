"""The core's languages: gettext catalogues for the texts the core writes (the meeting brief),
and the dates, numbers and lists of each language.

The desktop translates its windows with Qt's catalogues (``ui/translations``); the core never
imports Qt, so what it writes for people in another language — the Excel and PDF brief — is
translated with Python's standard :mod:`gettext` from ``workbench/locale/<lang>/LC_MESSAGES/
workbench.mo``. The ``.po`` catalogues are the source (extracted from the code with
``pybabel extract``, compiled with ``pybabel compile``: ``scripts/i18n.sh``); the ``.mo`` files
ship in the package, and ``tests/test_i18n_core.py`` fails when a ``.po`` has an untranslated or
fuzzy entry or when a ``.mo`` is older than its ``.po``.

Babel (a dependency) gives the CLDR month names and date patterns of each language, so "March
2025" reads "mars 2025" and "مارس 2025" without a table of our own, and formats decimals the way
each language writes them. Digits: Latin (0-9) in every language, Arabic included, as the
desktop shows them (:func:`ui.app.install_translations`): numbers come from data files and
Python formatting in Latin digits, and one document never mixes two sets of digits.

Which language: the one asked for (``--language``), else the user's setting (:mod:`workbench.
settings`, the desktop's View → Language), where "system" means the system locale's language
when the core has it (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English — the desktop's rule.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from workbench import settings as user_settings
from workbench.errors import WorkbenchError

#: Where the compiled catalogues are: ``<lang>/LC_MESSAGES/<DOMAIN>.mo``.
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "workbench"
#: The languages the core writes, by code (English is the code's own text).
LANGUAGES: tuple[str, ...] = ("en", "fr", "ar")
RIGHT_TO_LEFT = frozenset({"ar"})
#: How a list is joined: Arabic writes its own comma.
_COMMA = {"ar": "، "}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a word for extraction without translating it (it is translated where it is shown)."""
    return message


def system_language() -> str:
    """The system locale's language when the core has it, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


def resolve_language(choice: str | None = None) -> str:
    """The code to write in: ``choice`` when given, else the user's setting ("system": the
    system's language when the core has it), else English."""
    if choice in LANGUAGES:
        return str(choice)
    if choice not in (None, "", "system"):
        raise WorkbenchError(f"unknown language {choice!r}; use one of: {', '.join(LANGUAGES)}")
    setting = choice or user_settings.load().language
    return setting if setting in LANGUAGES else system_language()


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    if code == "en":
        return gettext.NullTranslations()
    # fallback=False: a language we list must have its catalogue installed; a missing .mo is a
    # broken install, said at once rather than a silently English brief.
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[code], fallback=False)


@dataclass(frozen=True)
class Language:
    """One language's texts, dates, numbers and lists: what a writer needs to speak it."""

    code: str = "en"
    _t: gettext.NullTranslations = field(default_factory=gettext.NullTranslations, repr=False, compare=False)

    @property
    def rtl(self) -> bool:
        """Written right to left (the PDF lays its pages out that way)."""
        return self.code in RIGHT_TO_LEFT

    # -- texts (the names pybabel extracts: _, ngettext) --------------------------------------
    def _(self, message: str, **values: Any) -> str:
        """The translation of ``message``, with ``{name}`` fields filled from ``values``."""
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The form for ``n`` (Arabic has six); ``{n}`` and the other fields filled in."""
        return self._t.ngettext(singular, plural, int(n)).format(n=self.count(n), **values)

    def word(self, value: object) -> str:
        """A value from data that is one of the vocabulary's words (a status, a severity ...),
        in this language; anything else (a name, free text) as it is."""
        if not isinstance(value, str) or not value:
            return "" if value is None else str(value)
        return self._t.gettext(value)

    def words(self, text: object, sep: str = ", ") -> str:
        """A list of vocabulary words kept as one text (``"new, changed"``), in this language."""
        if not isinstance(text, str) or not text:
            return ""
        return self.join([self.word(w) for w in text.split(sep) if w])

    def join(self, items: list[str]) -> str:
        return _COMMA.get(self.code, ", ").join(items)

    # -- numbers and dates -----------------------------------------------------------------
    def count(self, n: object) -> str:
        """A whole number, Latin digits, grouped as the language groups them."""
        from babel.numbers import format_decimal  # Babel is imported when a brief is written, not by --help

        return format_decimal(int(n), format="#,##0", locale=self.code)  # type: ignore[call-overload]

    def decimal(self, x: float, pattern: str = "0.00") -> str:
        """``x`` with the language's decimal sign (``0,51`` in French), Latin digits."""
        from babel.numbers import format_decimal

        return format_decimal(x, format=pattern, locale=self.code)

    def percent(self, share: float) -> str:
        """``0.45`` as "45%", "45 %", "45‎%‎" (each language's percent sign), Latin digits."""
        from babel.numbers import format_percent

        return format_percent(share, format="#,##0%", locale=self.code)

    def month_year(self, when: Any) -> str:
        """"March 2025", "mars 2025", "مارس 2025"."""
        return _skeleton("yMMMM", when, self.code)

    def month_year_short(self, when: Any) -> str:
        """"Mar 2025", "mars 2025", "مارس 2025" (CLDR's abbreviated month)."""
        return _skeleton("yMMM", when, self.code)

    def month_short(self, when: Any) -> str:
        """"Mar", "mars", "مارس": a heatmap's month column."""
        return _skeleton("MMM", when, self.code)

    def day(self, when: Any) -> str:
        """"4 Dec 2026", "4 déc. 2026", "04‏/12‏/2026" (CLDR's medium date)."""
        return _skeleton("yMMMd", when, self.code)


def _skeleton(skeleton: str, when: Any, code: str) -> str:
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, _date(when), locale=code)


def _date(when: Any) -> dt.date:
    if isinstance(when, dt.datetime):
        return when.date()
    if isinstance(when, dt.date):
        return when
    if hasattr(when, "to_pydatetime"):  # a pandas Timestamp
        return when.to_pydatetime().date()
    return dt.date.fromisoformat(str(when)[:10])


def language(choice: str | None = None) -> Language:
    """The :class:`Language` for ``choice`` (a code; None or "system": the user's setting, see
    :func:`resolve_language`)."""
    code = resolve_language(choice)
    return Language(code, _catalogue(code))


__all__ = ["DOMAIN", "LANGUAGES", "LOCALE_DIR", "Language", "N_", "language", "resolve_language", "system_language"]
