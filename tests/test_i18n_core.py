"""The core's gettext catalogues (the brief's texts): complete, compiled, up to date with the code.

A text added to the brief without its French and Arabic translation, a translation left fuzzy,
a ``.mo`` not recompiled after its ``.po`` changed, or a ``.po`` not updated after the code
changed each fail here (``bash scripts/i18n.sh`` fixes the last two; the first two need a
translator).
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from workbench.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, Language, language, resolve_language, system_language

ROOT = Path(__file__).resolve().parent.parent
#: Every file that writes a text of the brief or of an alert's explanation (scripts/i18n.sh extracts the same).
SOURCES = ["workbench/i18n.py", "alerts/brief_words.py", "alerts/brief_data.py", "alerts/report_xlsx.py",
           "ui/report_pdf.py", "alerts/explain_text.py"]
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(code: str):  # noqa: ANN201 - babel's Catalog
    with po_path(code).open("rb") as f:
        return read_po(f, locale=code)


def code_messages() -> set:
    """The msgids the code holds now, as ``pybabel extract -k N_`` finds them."""
    keywords = dict(DEFAULT_KEYWORDS, N_=None)
    found = set()
    for source in SOURCES:
        for _line, msg, _comments, _ctx in extract_from_file("python", ROOT / source, keywords=keywords):
            found.add(msg if isinstance(msg, str) else tuple(m for m in msg if m))
    return found


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_entry_is_translated_and_none_is_fuzzy(code: str) -> None:
    catalogue = read(code)
    messages = [m for m in catalogue if m.id]
    assert len(messages) > 100
    untranslated = [m.id for m in messages if not all(m.string) if isinstance(m.string, tuple)] + \
        [m.id for m in messages if isinstance(m.string, str) and not m.string]
    assert untranslated == []
    assert [m.id for m in messages if m.fuzzy] == []
    assert not catalogue.fuzzy  # a fuzzy header: pybabel compile would skip the whole catalogue
    for m in messages:  # every placeholder of the English text is in the translation
        if isinstance(m.id, tuple):
            for form in m.string:
                assert set(_fields(m.id[1])) - {"n"} <= set(_fields(form)), (m.id, form)
        else:
            assert set(_fields(m.id)) == set(_fields(m.string)), (m.id, m.string)


def _fields(text: str) -> list[str]:
    import string

    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name]


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_shipped_mo_is_the_po_compiled(code: str) -> None:
    """The .mo in the package says exactly what its .po says (a .po edited and not compiled fails)."""
    catalogue = read(code)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    fresh = gettext.GNUTranslations(buffer)
    shipped_path = po_path(code).with_suffix(".mo")
    with shipped_path.open("rb") as f:
        shipped = gettext.GNUTranslations(f)
    assert shipped._catalog == fresh._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_po_holds_every_text_of_the_code(code: str) -> None:
    """A text added to the brief's code is in the catalogues (run scripts/i18n.sh), and none is left over."""
    in_po = {m.id for m in read(code) if m.id}
    in_code = code_messages()
    assert in_code - in_po == set(), "texts not in the catalogue: run bash scripts/i18n.sh and translate them"
    assert in_po - in_code == set(), "texts no longer in the code: run bash scripts/i18n.sh"


def test_plural_forms_follow_each_language() -> None:
    fr, ar = language("fr"), language("ar")
    assert fr.ngettext("{n} alert", "{n} alerts", 1) == "1 alerte"
    assert fr.ngettext("{n} alert", "{n} alerts", 0) == "0 alerte"  # French: 0 is singular
    assert fr.ngettext("{n} alert", "{n} alerts", 2) == "2 alertes"
    # Arabic: two (dual), 3-10 (plural), 11-99 (singular accusative) differ
    assert ar.ngettext("{n} alert", "{n} alerts", 2) == "2 تنبيهان"
    assert ar.ngettext("{n} alert", "{n} alerts", 5) == "5 تنبيهات"
    assert ar.ngettext("{n} alert", "{n} alerts", 12) == "12 تنبيهًا"


def test_dates_numbers_and_lists_per_language() -> None:
    import datetime as dt

    when = dt.date(2025, 3, 1)
    assert Language("en").month_year(when) == "March 2025"
    assert language("fr").month_year(when) == "mars 2025"
    assert language("ar").month_year(when) == "مارس 2025"
    assert language("ar").count(2080) == "2,080"  # Latin digits in Arabic too
    assert language("fr").decimal(0.5123, "0.000") == "0,512"
    assert language("ar").join(["a", "b"]) == "a، b" and language("fr").join(["a", "b"]) == "a, b"
    assert language("ar").rtl and not language("fr").rtl
    assert language("fr").words("new, changed") == "nouvelle, modifiée"
    assert language("fr").word("Kibali") == "Kibali"  # data is not a word of the vocabulary


def test_choosing_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench import settings
    from workbench.errors import WorkbenchError

    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert resolve_language(None) == "en"  # setting "system", no locale: English
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert system_language() == "fr" and resolve_language(None) == "fr"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert resolve_language(None) == "en"  # a system language the brief does not have
    settings.update(language="ar")
    assert resolve_language(None) == "ar"  # the desktop's setting wins over the system's
    assert resolve_language("fr") == "fr"  # and --language over the setting
    with pytest.raises(WorkbenchError, match="unknown language 'xx'"):
        resolve_language("xx")
