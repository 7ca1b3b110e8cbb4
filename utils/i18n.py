"""One language setting for every learner-facing string that ``utils`` prints or raises.

The course is written in English; a Russian edition is built from the same sources. Messages are written as
English templates and passed through ``tr`` at the point where they are shown::

    raise ExerciseError(tr("expected shape {want}, got shape {got}", want=..., got=...))

Write the template as a literal string (never an f-string) so that it can be extracted into a translation
catalog. The language comes from ``set_language`` or, when that was not called, the environment variable
``NWM_LANG`` (``en`` by default).
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

LANGUAGES = ("en", "ru")
ENV_VAR = "NWM_LANG"
_chosen: str | None = None


def set_language(language: str) -> None:
    """Show every later message of ``utils`` in ``language`` (one of ``LANGUAGES``)."""
    global _chosen
    if language not in LANGUAGES:
        raise ValueError(f"set_language(): choose one of {LANGUAGES}, got {language!r}")
    _chosen = language


def get_language() -> str:
    """The language in use: the one given to ``set_language``, else ``$NWM_LANG``, else English."""
    language = _chosen or os.environ.get(ENV_VAR, "en") or "en"
    return language if language in LANGUAGES else "en"


CATALOGS = Path(__file__).resolve().parent.parent / "locale"
"""The translation catalogs: ``locale/<language>/LC_MESSAGES/utils.po`` holds the messages of ``utils``."""


@functools.cache
def _catalog(language: str) -> dict[str, str]:
    """English template -> translated template (reviewed translations only; empty for English)."""
    path = CATALOGS / language / "LC_MESSAGES" / "utils.po"
    if language == "en" or not path.exists():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def tr(template: str, /, **values: object) -> str:
    """``template`` in the current language, with its ``{placeholders}`` filled from ``values``."""
    text = _catalog(get_language()).get(template, template)
    return text.format(**values) if values else text
