"""Rows that are totals over many countries, not countries: World, income groups, regions.

World Bank, OECD, Eurostat and UN exports list aggregates among the countries (``World``,
``High income``, ``Sub-Saharan Africa``, ``Euro area``, ``EU27_2020``). Stored as countries
they would be ranked, mapped and alerted on beside them; the identity rules store them
apart (level ``other``, ``is_aggregate``). The lists are the aggregates these publishers
use; written here by hand because no maintained library ships them (country-code
libraries list countries, not the publishers' groupings).
"""

from __future__ import annotations

import re

#: World Bank aggregate codes (WDI "Country Code" of regions, income and lending groups).
WORLD_BANK_CODES = frozenset(
    "AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX INX LAC LCN LDC LIC "
    "LMC LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN TSA TSS UMC WLD "
    # codes of groupings the World Bank has since retired, still in older DataBank exports
    "OEC NOC".split())

#: OECD, Eurostat and UN aggregate codes seen in their CSV exports.
OTHER_CODES = frozenset(
    "OECD OECDE OECD_REP G7 G-7 G20 G-20 EA EA11 EA12 EA13 EA15 EA16 EA17 EA18 EA19 EA20 EU EU15 EU25 EU27 "
    "EU27_2007 EU27_2020 EU28 EEA EFTA EU_V EA_V NMEC BRIICS WORLD WLD 001 002 009 019 142 150".split())

_NAMES = re.compile(
    r"^(world|total|global|all countries|worldwide|monde|mundo|welt|العالم|"
    r"(high|low|middle|upper middle|lower middle|low (&|and) middle) income(\s*\(.*\)|: ?(non-?)?oecd)?|"
    r"(arab world|euro area|european union|oecd( members| total| - total| - europe)?|"
    r"sub-saharan africa|east asia (&|and) pacific|europe (&|and) central asia|"
    r"latin america (&|and) (the )?caribbean|middle east (&|and) north africa|north america|south asia|"
    r"fragile and conflict affected situations|heavily indebted poor countries|least developed countries|"
    r"small states|other small states|pacific island small states|caribbean small states|"
    r"ida (total|only|blend)|ibrd only|ida (&|and) ibrd total|"
    r"(early|late|pre|post)-demographic dividend|africa (eastern|western) (and|&) (southern|central)|"
    r"central europe and the baltics|g7|g20|european union \(\d+ countries\)|euro area \(\d+ countries\)|"
    # UN M49 regions and sub-regions, and the plain world-region names panels use (V-Dem's
    # 'Eastern Europe', 'Latin America'); 'Micronesia' is left out: it is also a country.
    r"africa|americas|asia|europe|oceania|antarctica|"
    r"(northern|eastern|middle|southern|western|central|north|east|west) africa|"  # not South Africa, a country
    r"latin america|caribbean|the caribbean|(central|south|northern) america|latin america and the caribbean|"
    r"(central|eastern|southern|western|south[- ]?eastern|south[- ]?east|southeast|north[- ]?eastern) asia|"
    r"asia (&|and) (the )?pacific|asia-pacific|east asia|middle east|near east|"
    r"middle east,? north africa,? afghanistan (&|and) pakistan|"
    r"(northern|eastern|southern|western|central|central (&|and) eastern) europe|"
    r"australia (&|and) new zealand|melanesia|polynesia|"
    r"(mena|latin america (&|and) the caribbean|arab states|western europe (&|and) north america|"
    r"eastern europe (&|and) central asia|middle east (&|and) north africa|"
    r"east asia (&|and) the pacific|south (&|and) south-east asia))"
    r"(\s*\(.*\))?)$", re.I)


def is_aggregate(name: str, code: str = "") -> bool:
    """Whether a place name (or its code) is a multi-country aggregate."""
    c = (code or "").strip().upper()
    if c and (c in WORLD_BANK_CODES or c in OTHER_CODES):
        return True
    n = " ".join(str(name).split())
    if n.upper() in OTHER_CODES and not n.isdigit():
        return True
    return bool(_NAMES.match(n)) or "(excluding high income)" in n.casefold() or "ida & ibrd" in n.casefold()
