"""What a rule may say: one table of fields with their type and range, checked before a rule
exists.

Rule files are written by people and travel between offices, so every value is checked
before it is stored or run: ``persistence = 1.5`` or ``severity_bands = [1.0]`` used to be
stored and then break every model run; ``name = 5`` was stored with an internal error;
``score_scale = 1e-320`` flagged nearly every period; 20,000 rules ran the machine out of
memory. :func:`validate_rule` turns one rule table into the keyword arguments of
:class:`alerts.rules.Rule` or raises one :class:`WorkbenchError` line naming the rule, the
field, what it must be and what it was. The same check runs wherever a rule is made (a
file, the project, the app, a calibration), because :meth:`Rule.from_dict` calls it.

Adding a field to :class:`Rule` needs no change here to be type-checked: a field missing
from :func:`fields_table` is checked against the type of its default value (whole number, number,
yes/no, text, list of text or of numbers) with generous bounds. Give it an entry there to
state its real range.
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping

from workbench.errors import WorkbenchError
from workbench.models import registry
from workbench.vocabulary import ALERT_KINDS as KINDS
from workbench.vocabulary import SEVERITIES

#: At most this many rules in a file or a project: each rule is evaluated over every panel.
MAX_RULES = 100
#: A rule file is a few kilobytes; anything near this is not a rule file.
MAX_RULE_FILE_BYTES = 1_000_000
FREQS = ("D", "W", "M", "Q", "Y")


@dataclass(frozen=True)
class Field:
    """One field's type and range. ``kind``: int, float, bool, str, str_list, float_list."""

    kind: str
    lo: float | None = None
    hi: float | None = None
    max_chars: int = 200  # text, and each text item of a list
    max_items: int | None = None
    min_items: int = 0
    items: int | None = None  # exact number of items
    choices: tuple[str, ...] | None = None
    increasing: bool = False
    required: bool = False


def fields_table() -> dict[str, Field]:
    """The checked fields of a rule (built on use: the methods come from the registry)."""
    methods = registry.names()
    return {
        "name": Field("str", max_chars=80, required=True),
        "methods": Field("str_list", choices=methods, min_items=1, max_items=len(methods) or 20, required=True),
        "min_methods": Field("int", lo=1, hi=len(methods) or 20),
        "indicators": Field("str_list", max_items=2000),
        "domains": Field("str_list", max_items=200),
        "regions": Field("str_list", max_items=5000),
        "kinds": Field("str_list", choices=KINDS, max_items=20),
        "freqs": Field("str_list", choices=FREQS, max_items=len(FREQS)),
        "persistence": Field("int", lo=1, hi=24),
        "hysteresis": Field("int", lo=0, hi=24),
        "max_gap": Field("int", lo=0, hi=12),
        # Calibration tries 0.6-3.0; below 0.25 nearly every period flags, far above 10 none does.
        "score_scale": Field("float", lo=0.25, hi=20.0),
        "min_severity": Field("str", choices=SEVERITIES),
        "severity_bands": Field("float_list", items=2, lo=0.1, hi=1000.0, increasing=True),
        "long_episode": Field("int", lo=1, hi=240),
        "description": Field("str", max_chars=2000),
        "enabled": Field("bool"),
    }


def _from_default(default: Any) -> Field:
    """A field not in the table: checked by the type of its default value."""
    if isinstance(default, bool):
        return Field("bool")
    if isinstance(default, int):
        return Field("int", lo=-1_000_000, hi=1_000_000)
    if isinstance(default, float):
        return Field("float", lo=-1e12, hi=1e12)
    if isinstance(default, str):
        return Field("str", max_chars=2000)
    if isinstance(default, (tuple, list)):
        numeric = bool(default) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in default)
        return Field("float_list" if numeric else "str_list", lo=-1e12, hi=1e12, max_items=5000)
    return Field("str", max_chars=2000)


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text_problem(text: str, field: Field) -> str | None:
    if len(text) > field.max_chars:
        return f"at most {field.max_chars} characters"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in text):
        return "text without control or formatting characters"
    return None


def check_value(value: Any, field: Field) -> tuple[Any, str | None]:
    """``(converted value, None)`` or ``(None, what the value must be)``."""
    k = field.kind
    rng = ""
    if field.lo is not None and field.hi is not None:
        lo = int(field.lo) if k == "int" else field.lo
        hi = int(field.hi) if k == "int" else field.hi
        rng = f" from {lo:g} to {hi:g}"
    if k == "bool":
        return (value, None) if isinstance(value, bool) else (None, "true or false")
    if k == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"a whole number{rng}"
        if (field.lo is not None and value < field.lo) or (field.hi is not None and value > field.hi):
            return None, f"a whole number{rng}"
        return value, None
    if k == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return None, f"a number{rng}"
        if (field.lo is not None and value < field.lo) or (field.hi is not None and value > field.hi):
            return None, f"a number{rng}"
        return float(value), None
    if k == "str":
        if not isinstance(value, str):
            return None, "text" + (f" (one of: {', '.join(field.choices)})" if field.choices else "")
        if field.choices is not None and value not in field.choices:
            return None, f"one of: {', '.join(field.choices)}"
        problem = _text_problem(value, field)
        if problem:
            return None, problem
        return value, None
    # lists
    if not isinstance(value, (list, tuple)):
        return None, "a list" + (f" of {field.items} numbers" if field.items else "")
    n = len(value)
    if field.items is not None and n != field.items:
        return None, f"a list of exactly {field.items} {'numbers' if k == 'float_list' else 'items'}"
    if n < field.min_items:
        return None, f"a list of at least {field.min_items} item(s)"
    if field.max_items is not None and n > field.max_items:
        return None, f"a list of at most {field.max_items:,} items"
    out: list[Any] = []
    for item in value:
        if k == "float_list":
            v, problem = check_value(item, Field("float", lo=field.lo, hi=field.hi))
            if problem:
                return None, f"a list of numbers{rng}"
        else:
            if not isinstance(item, str):
                return None, "a list of text items"
            if field.choices is not None and item not in field.choices:
                return None, f"a list of: {', '.join(field.choices)}"
            problem = _text_problem(item, field)
            if problem:
                return None, f"a list of text items of {problem}"
            v = item
        out.append(v)
    if field.choices is not None and len(set(out)) != len(out):
        return None, "a list without repeated items"
    if field.increasing and any(b <= a for a, b in zip(out, out[1:])):
        return None, "a list of increasing numbers"
    return tuple(out), None


def validate_rule(data: Any, rule_class: type, position: int | None = None) -> dict[str, Any]:
    """The keyword arguments of ``rule_class`` for one rule table, or one clear error line."""
    where = f"rule #{position}" if position is not None else "a rule"
    if not isinstance(data, Mapping):
        raise WorkbenchError(f"{where} is not a table of fields (write it as [[rule]] with name = ...)")
    name = data.get("name")
    if isinstance(name, str) and name and _text_problem(name, Field("str", max_chars=80)) is None:
        where = f"rule {name!r}"
    known = {f.name: f for f in dataclasses.fields(rule_class)}
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        shown = ", ".join(_describe(k) if not k.isidentifier() else k for k in unknown[:5])
        raise WorkbenchError(f"{where}: unknown field(s) {shown}; known: {', '.join(known)}")
    table = fields_table()
    out: dict[str, Any] = {}
    for fname, dc_field in known.items():
        spec = table.get(fname)
        if spec is None:
            default = dc_field.default if dc_field.default is not dataclasses.MISSING else ""
            spec = _from_default(default)
        if fname not in data:
            if spec.required or (dc_field.default is dataclasses.MISSING
                                 and dc_field.default_factory is dataclasses.MISSING):  # type: ignore[misc]
                raise WorkbenchError(f"{where}: {fname} is missing (every rule needs a name and methods)")
            continue
        value, problem = check_value(data[fname], spec)
        if problem:
            raise WorkbenchError(f"{where}: {fname} must be {problem}, not {_describe(data[fname])}")
        if fname == "name" and not value.strip():
            raise WorkbenchError(f"{where}: name must not be empty")
        out[fname] = value
    methods = out.get("methods", ())
    if "min_methods" in out and out["min_methods"] > len(methods):
        raise WorkbenchError(f"{where}: min_methods must be from 1 to {len(methods)} (the number of methods), "
                             f"not {out['min_methods']}")
    return out


def validate_rule_set(data: Any) -> list[Any]:
    """The ``[[rule]]`` tables of a parsed rule file: a list of at most :data:`MAX_RULES` tables."""
    if not isinstance(data, Mapping):
        raise WorkbenchError("the rule file must hold [[rule]] tables")
    extra = sorted(str(k) for k in data if k != "rule")
    if extra:
        raise WorkbenchError(f"the rule file has unknown top-level key(s) {', '.join(_describe(k) for k in extra[:5])}; "
                             "write each rule as a [[rule]] table")
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise WorkbenchError("the rule file's rules must be [[rule]] tables")
    if len(tables) > MAX_RULES:
        raise WorkbenchError(f"the rule file holds {len(tables):,} rules, more than the {MAX_RULES} a project may have")
    return tables


__all__ = ["Field", "MAX_RULES", "MAX_RULE_FILE_BYTES", "check_value", "fields_table",
           "validate_rule", "validate_rule_set"]
