"""The Russian edition cannot drift: every unit translated and reviewed, markup and code kept intact, and the
glossary's Russian terms are the ones the Russian chapters use."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest

from scripts.translations import load, sources, status

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sources()
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.S)
ROLE = re.compile(r"\{(glue:text|glue|cite|cite:p|cite:t|numref|ref|doc)\}`[^`]+`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"`[^`\n]+`")
PLACEHOLDER = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")


@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_every_unit_is_translated_and_reviewed(source):
    s = status(source)
    assert (s["missing"], s["untranslated"], s["fuzzy"], s["obsolete"]) == (0, 0, 0, 0), (
        f"{source.name}: {s}; run `make translations`, then translate and review "
        f"{source.catalog.relative_to(ROOT)}")


def _entries(source):
    return [m for m in load(source.catalog) if m.id and m.string]


def _token(text: str) -> tokenize.TokenInfo | None:
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                  if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)]
    except (tokenize.TokenError, SyntaxError):
        return None
    return tokens[0] if len(tokens) == 1 else None


@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_translations_keep_formulas_code_links_and_roles(source):
    problems = []
    for m in _entries(source):
        original, russian = m.id, m.string
        looks_like_code = original.startswith("#") and source.path.suffix == ".ipynb" and "\n" not in original \
            and not original.startswith(("# ", "## ", "### ", "#### ")) or original[:1] in "\"'" or \
            re.match(r"^[rbfuRBFU]{1,2}[\"']", original)
        # a code unit is one Python token (a comment or a string literal); a markdown paragraph that
        # merely starts with a quote is not
        if source.path.suffix == ".ipynb" and looks_like_code and _token(original) is not None:
            a, b = _token(original), _token(russian)
            if b is None or a.type != b.type:
                problems.append(f"not the same kind of Python token: {original[:50]!r} -> {russian[:50]!r}")
                continue
            if a.type == tokenize.STRING:
                prefix = re.match(r"^[rbfuRBFU]*", original).group(0)
                if not russian.startswith(prefix) or sorted(PLACEHOLDER.findall(original)) != sorted(
                        PLACEHOLDER.findall(russian)):
                    problems.append(f"prefix or {{placeholders}} changed: {original[:60]!r} -> {russian[:60]!r}")
            continue
        if source.name == "utils":
            if sorted(PLACEHOLDER.findall(original)) != sorted(PLACEHOLDER.findall(russian)):
                problems.append(f"{{placeholders}} changed: {original[:60]!r} -> {russian[:60]!r}")
            continue
        for pattern, what in ((MATH, "formula"), (ROLE, "role"), (LINK, "link target")):
            for item in pattern.findall(original):
                if item not in russian:
                    problems.append(f"{what} {item[:40]!r} lost in {russian[:60]!r}")
        if original.lstrip().startswith("#") != russian.lstrip().startswith("#") or (
                original.lstrip().startswith("|") != russian.lstrip().startswith("|")):
            problems.append(f"heading or table markup changed: {original[:40]!r}")
    assert not problems, "\n".join(problems[:20])


def _stem_pattern(term: str) -> re.Pattern:
    """A Russian term with inflected endings: every word cut to its first letters."""
    words = [re.escape(w[: max(4, len(w) - 2)]) + r"\w*" if len(w) > 3 else re.escape(w)
             for w in re.findall(r"[\wЁё-]+", term.lower())]
    return re.compile(r"\W+".join(words), re.I)


def test_the_russian_chapters_use_the_glossarys_russian_terms():
    from scripts.russian_terms import glossary_terms

    missing = []
    for term, russian, stem in glossary_terms():
        path = ROOT / "ru" / "chapters" / f"{stem}.ipynb"
        if not path.exists():
            missing.append(f"{stem} has no Russian notebook")
            continue
        prose = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
        body = "\n".join(line for line in prose.splitlines() if not line.lstrip().startswith("|"))
        if not _stem_pattern(russian.strip("«»")).search(body):
            missing.append(f"{stem}: the glossary says «{russian}» for '{term}', the Russian chapter never uses it")
    assert not missing, "\n".join(missing[:20])
