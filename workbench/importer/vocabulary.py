"""The words field offices and statistics portals use in headers and period labels.

One place for every language the importer reads (English, French, Spanish, Portuguese,
German, Arabic), so detection (``layout.py``), period parsing (``periods.py``) and the
docs name the same words. Words are compared after :func:`fold`: casefolded, accents and
Arabic diacritics removed, separators turned into spaces.

Hand-written on purpose: these are short closed lists a reviewer should be able to read
and extend, not something a general-purpose library ships for this job.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic-Indic (U+0660..) and Eastern Arabic-Indic / Persian (U+06F0..) digits, and the
# Arabic decimal and thousands separators, as ASCII.
_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)},
           0x066B: ".", 0x066C: ",", 0x060C: ","}


def ascii_digits(text: str) -> str:
    """``٢٠٢٤`` → ``2024``; other characters unchanged."""
    return text.translate(_DIGITS)


def has_foreign_digits(text: str) -> bool:
    return any(ord(ch) in _DIGITS for ch in text)


def strip_accents(text: str) -> str:
    """``période`` → ``periode``; Arabic harakat and tatweel dropped; hamza seats unified."""
    out = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in out if not unicodedata.combining(ch) and ch != "\u0640")
    return out.translate(str.maketrans("أإآةى", "اااهي"))  # أ إ آ → ا, ة → ه, ى → ي


def fold(label: str) -> str:
    """How header labels are compared: casefolded, no accents, separators as single spaces."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(label))  # camelCase: CountryName, MMFPSNDate
    text = strip_accents(ascii_digits(text).casefold())
    text = re.sub(r"[_\-./:()\[\]#,;|\\*]+", " ", text)
    return " ".join(text.split())


def _folded(words: str) -> set[str]:
    return {fold(w) for w in words.split("|") if w.strip()}


# -- column roles ------------------------------------------------------------------------

#: Region words by level: 0 country, 1 province-like, 2 district-like (the leaf).
REGION_WORDS: dict[str, int] = {}
for _level, _words in (
    (0, "country|nation|admin0|adm0|pays|pais|país|land|staat|دولة|البلد|بلد|الدولة"),
    (1, "province|governorate|state|prefecture|department|region|admin1|adm1|oblast|"
        "région|préfecture|département|wilaya|willaya|gouvernorat|"
        "región|provincia|departamento|estado|região|província|"
        "bundesland|provinz|kanton|"
        "محافظة|المحافظة|ولاية|الولاية|منطقة|المنطقة|اقليم|الاقليم"),
    (2, "district|county|commune|municipality|admin2|adm2|admin3|adm3|admin|area|location|locality|lga|"
        "geo|geography|ref area|reference area|geographic area|geographical area|station|site|camp|ward|"
        "subdistrict|upazila|tehsil|taluka|chiefdom|kebele|payam|boma|"
        "woreda|subcounty|city|town|village|settlement|territory|zone|"
        "cercle|arrondissement|localité|ville|quartier|"
        "distrito|municipio|comuna|localidad|município|concelho|"
        "bezirk|kreis|landkreis|gemeinde|stadt|ort|distrikt|"
        "مديرية|المديرية|قضاء|القضاء|ناحية|الناحية|بلدية|البلدية|مدينة|المدينة|دائرة|الدائرة"),
):
    for _w in _folded(_words):
        REGION_WORDS[_w] = _level

#: Words that, next to a region word, make the column something else than a place name.
NOT_A_PLACE = _folded("level|type|id|code|pcode|iso|iso2|iso3|iso3c|iso2c|number|no|nr|count|population|rank|"
                      "niveau|nivel|ebene|groupe|group|indicator|share|rate|score|index")

ROLE_WORDS: dict[str, set[str]] = {
    "indicator": _folded("indicator|variable|series|measure|metric|indicateur|indicador|indikator|"
                         "kennzahl|merkmal|مؤشر|المؤشر|series name|indicator name|variable name"),
    "indicator_code": _folded("indicator code|series code|variable code|indicator id|series id|"
                              "code indicateur|codigo indicador|indikatorcode"),
    "value": _folded("value|values|obs|obs value|observation|observations|val|valeur|valeurs|valor|"
                     "valores|wert|werte|قيمة|القيمة|amount|montant|cantidad|betrag"),
    "period": _folded("date|month|period|year|quarter|time|week|reporting month|ref date|time period|"
                      "reference period|mois|période|année|annee|trimestre|semaine|"
                      "mes|periodo|período|fecha|año|ano|semana|mês|data|"
                      "datum|monat|jahr|quartal|zeitraum|periode|woche|berichtsmonat|"
                      "تاريخ|التاريخ|شهر|الشهر|سنة|السنة|عام|العام|فترة|الفترة|ربع|الربع"),
    "group": _folded("group|groups|population group|community|sex|gender|segment|cohort|subgroup|"
                     "disaggregation|age|age group|groupe|communauté|sexe|âge|tranche d age|"
                     "grupo|comunidad|sexo|edad|grupo de edad|idade|faixa etaria|"
                     "gruppe|geschlecht|alter|altersgruppe|الفئة|الجنس|العمر|المجموعة"),
    "unit": _folded("unit|units|unit of measure|unit of measurement|uom|unit measure|unité|unidad|"
                    "unidade|einheit|الوحدة|وحدة"),
    "code": _folded("code|p code|pcode|iso|iso3|iso 3|iso3 code|iso3c|iso2|iso2c|iso a3|iso alpha3|geocode|geo code|country code|"
                    "admin code|area code|location code|code pays|codigo|código|kennziffer|schlüssel|"
                    "رمز|الرمز|الكود"),
    "direction": _folded("direction|polarity|higher is"),
    "dimension": _folded("subject|measure code|sub indicator|breakdown|dimension|category|categorie|"
                         "catégorie|categoria|kategorie|source|data source|sources|fuente|quelle|"
                         "المصدر|transformation|adjustment|unit mult"),
}

#: Columns that describe a row rather than the value (flags, notes, status): never data.
META_WORDS = _folded("flag|flags|flag codes|time code|frequency|freq|dataflow|obs flag|obs status|observation status|status|note|notes|comment|"
                     "comments|remarks|footnote|footnotes|obs flag|conf status|decimals|unit mult|"
                     "remarque|commentaire|nota|notas|observacion|anmerkung|bemerkung|ملاحظات")

#: Frequency columns (meta unless they vary within the file: then each frequency is a series).
FREQUENCY_HEADERS = _folded("freq|frequency|fréquence|frecuencia|frequência|periodicity|periodicidad|périodicité|"
                            "periodicidade|häufigkeit|periodizität|التكرار|الدورية")

#: Columns of event lists (one row per event): identifiers, coordinates, actors, times.
EVENT_WORDS = _folded("event id|event id cnty|event id no cnty|data id|event date|event type|"
                      "sub event type|latitude|longitude|lat|lon|lng|geo precision|time precision|"
                      "actor1|actor2|assoc actor 1|inter1|interaction|fatalities|best|deaths a|"
                      "deaths b|date start|date end|where coordinates|side a|side b|dyad name|"
                      "incident id|incident date|incident type|gps|coordinates|timestamp")


def region_level(label: str) -> int | None:
    """The region level a header names (``District`` → 2), or None if it names no place.

    ``Bezirk/District`` names a place; ``Country code`` and ``admin_level`` do not (they are
    codes or numbers about places), and neither does a long label that merely contains a
    place word (``P1: State Legitimacy``).
    """
    norm = fold(label)
    if not norm:
        return None
    words = norm.split()
    if any(w in NOT_A_PLACE for w in words):
        return None
    hits = [REGION_WORDS[w] for w in words if w in REGION_WORDS]
    joined = norm.replace(" ", "")
    if not hits and joined in REGION_WORDS:
        hits = [REGION_WORDS[joined]]
    if not hits:
        return None
    others = [w for w in words if w not in REGION_WORDS and w not in _LABEL_WORDS]
    if len(others) > 1:
        return None
    return max(hits)


_LABEL_WORDS = _folded("name|names|nom|nombre|nome|الاسم|اسم|label|en|fr|ref|of|de|du|la|le|des|"
                       "del|da|do|the|and|et|y|e|und")


def role_of(label: str) -> str | None:
    """The role a header label names (other than region): indicator, value, period, …"""
    norm = fold(label)
    if not norm:
        return None
    if norm in ROLE_WORDS["indicator_code"]:
        return "indicator_code"
    if norm in META_WORDS:
        return "meta"
    words = norm.split()
    for role in ("unit", "value", "group", "direction", "dimension", "code", "indicator", "period"):
        vocab = ROLE_WORDS[role]
        if norm in vocab:
            return role
    # A role word followed or preceded by a qualifier: "Indicator name", "Reporting date",
    # "Valeur (%)", "Sex of head of household".
    if words[0] in ROLE_WORDS["value"] and len(words) <= 4:
        return "value"
    if any(w in ROLE_WORDS["code"] for w in words) and len(words) <= 3 and words[-1] in ("code", "pcode", "iso3",
                                                                                         "iso", "codigo"):
        return "code"
    if words[-1] in ROLE_WORDS["indicator"] or words[0] in ROLE_WORDS["indicator"] and len(words) <= 3:
        return "indicator"
    if words[-1] in ROLE_WORDS["period"] or (words[0] in ROLE_WORDS["period"] and len(words) <= 2):
        return "period"
    if words[-1] in ROLE_WORDS["group"] or words[0] in ROLE_WORDS["group"] and len(words) <= 3:
        return "group"
    return None


#: Year-only period headers ("Year", "Année", "Año", "Jahr", "السنة") and month/quarter parts.
YEAR_WORDS = _folded("year|yr|annee|année|año|ano|jahr|fiscal year|calendar year|سنة|السنة|عام|العام")
PART_WORDS = _folded("month|mois|mes|mês|monat|month number|month name|quarter|qtr|trimestre|quartal|"
                     "شهر|الشهر|ربع")
QUARTER_WORDS = _folded("quarter|qtr|trimestre|quartal|ربع")

# -- periods -----------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january|jan|janv|janvier|ene|enero|janeiro|januar|jänner|jaenner|يناير|جانفي|كانون الثاني",
        "february|feb|febr|fev|fév|févr|février|fevrier|febrero|fevereiro|februar|فبراير|فيفري|شباط",
        "march|mar|mars|marzo|março|marco|märz|maerz|mär|mrz|مارس|اذار|آذار",
        "april|apr|avr|avril|abr|abril|ابريل|أبريل|افريل|أفريل|نيسان",
        "may|mai|mayo|maio|مايو|ماي|ايار|أيار",
        "june|jun|juin|junio|junho|juni|يونيو|يونيه|جوان|حزيران",
        "july|jul|juil|juillet|julio|julho|juli|يوليو|يوليه|جويلية|تموز",
        "august|aug|aout|août|ago|agosto|augusts|اغسطس|أغسطس|اوت|أوت|آب|اب",
        "september|sep|sept|septembre|septiembre|set|setembro|setiembre|سبتمبر|ايلول|أيلول",
        "october|oct|octobre|octubre|out|outubro|okt|oktober|اكتوبر|أكتوبر|تشرين الاول|تشرين الأول",
        "november|nov|novembre|noviembre|novembro|نوفمبر|تشرين الثاني",
        "december|dec|déc|decembre|décembre|dic|diciembre|dez|dezembro|dezember|ديسمبر|كانون الاول|"
        "كانون الأول",
    ],
    start=1,
):
    for _name in _names.split("|"):
        MONTHS[strip_accents(_name.casefold())] = _num

#: Month names of two words (Levantine Arabic), replaced by a one-word token before parsing.
MULTIWORD_MONTHS = {name: num for name, num in MONTHS.items() if " " in name}


def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation in any of the languages, else None."""
    return MONTHS.get(strip_accents(name.casefold().rstrip(".")))
