"""The user's settings: a small typed model with a version, declared once, read by the CLI and the app.

One JSON file in the configuration folder (``WORKBENCH_CONFIG_DIR`` overrides it). Each field
is declared once below with its type and default; :func:`load` fills what is missing, drops
what it does not know, and upgrades older versions through :data:`MIGRATIONS`. A damaged file
reads as the defaults (settings are a convenience, never a reason not to start). Only window
geometry stays in Qt's own settings (it is the window's, not the user's).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Callable

from workbench.paths import config_dir

VERSION = 1
FILE_NAME = "settings.json"
THEMES = ("light", "dark")
#: "system" (the computer's language when the app has it, else English) or a language's code
LANGUAGES = ("system", "en", "fr", "ar")
MAX_RECENT = 8
#: The recent windows (months) the map offers for "alerts raised in the last months"; the
#: heatmap offers the same and the whole history (0). 6 is the default: change now, not history.
MAP_MONTHS = (3, 6, 12)
HEATMAP_MONTHS = (3, 6, 12, 0)


@dataclass
class Settings:
    """What a person chooses once and keeps."""

    #: the name recorded with decisions and notes in project files ("" = the computer's user name);
    #: on a team server the login is recorded, always
    actor: str = ""
    theme: str = "light"
    #: the app's language (:data:`LANGUAGES`); the window is built in it at start
    language: str = "system"
    #: recently opened projects, newest first
    recent: list[str] = field(default_factory=list)
    #: the first-run tour was shown
    tour_seen: bool = False
    #: the map's recent window when coloured by alerts raised recently (:data:`MAP_MONTHS`)
    map_months: int = 6
    #: the months the heatmap shows (:data:`HEATMAP_MONTHS`; 0 = the whole history)
    heatmap_months: int = 6

    def validated(self) -> Settings:
        """The same settings with every field of its declared type (bad values → defaults)."""
        d = Settings()
        return Settings(
            actor=self.actor.strip() if isinstance(self.actor, str) else d.actor,
            theme=self.theme if self.theme in THEMES else d.theme,
            language=self.language if self.language in LANGUAGES else d.language,
            recent=[str(p) for p in self.recent if isinstance(p, str) and p][:MAX_RECENT]
            if isinstance(self.recent, list) else d.recent,
            tour_seen=self.tour_seen if isinstance(self.tour_seen, bool) else d.tour_seen,
            map_months=self.map_months if _one_of(self.map_months, MAP_MONTHS) else d.map_months,
            heatmap_months=self.heatmap_months if _one_of(self.heatmap_months, HEATMAP_MONTHS) else d.heatmap_months,
        )


def _one_of(value: Any, allowed: tuple[int, ...]) -> bool:
    return type(value) is int and value in allowed  # not a bool, not 6.0 from a hand-edited file


#: ``from version -> function(dict) -> dict`` taking a file one version up.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: lambda d: d,  # files written before settings carried a version: same fields
}


def path() -> Path:
    return config_dir() / FILE_NAME


def load() -> Settings:
    """The saved settings (defaults for anything missing, unknown or of the wrong type)."""
    try:
        data = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    version = data.pop("version", 0)
    if not isinstance(version, int) or version > VERSION:
        return Settings()  # written by a newer version: do not guess
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known}).validated()


def save(settings: Settings) -> None:
    """Write the settings atomically (a half-written file never replaces a good one)."""
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps({"version": VERSION, **asdict(settings.validated())}, indent=1), encoding="utf-8")
    os.replace(tmp, target)


def update(**changes: Any) -> Settings:
    """Load, change some fields, save; returns the new settings."""
    current = asdict(load())
    current.update(changes)
    new = Settings(**current).validated()
    save(new)
    return new


__all__ = ["HEATMAP_MONTHS", "LANGUAGES", "MAP_MONTHS", "MAX_RECENT", "THEMES", "VERSION", "Settings", "load", "path", "save", "update"]
