"""The glossary teaches (a definition, the Russian term, where it is taught) and the chapters agree with it."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
RUSSIAN = re.compile(r'\*\*Russian:\*\*\s*<span lang="ru">([^<]+)</span>((?:[^.]|\.(?!\s+Taught))*)')
TAUGHT = re.compile(r"Taught in \[[^\]]+\]\((chapters/[\w.]+\.ipynb)(#[\w-]+)?\)")


def glossary() -> dict[str, dict]:
    """term -> {"definition", "russian", "variants", "chapter"} parsed from glossary.md."""
    text = (ROOT / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].rsplit("```", 1)[0]
    entries: dict[str, dict] = {}
    for chunk in re.split(r"\n(?=\S)", block.strip()):
        term, _, body = chunk.partition("\n")
        body = " ".join(line.strip() for line in body.splitlines())
        russian, taught = RUSSIAN.search(body), TAUGHT.search(body)
        entries[term.strip()] = {
            "definition": body.split("**Russian:**")[0].strip(),
            "russian": russian.group(1) if russian else None,
            "variants": re.findall(r'<span lang="ru">([^<]+)</span>', russian.group(2)) if russian else [],
            "chapter": taught.group(1) if taught else None,
        }
    return entries


def test_every_term_has_a_definition_a_russian_term_and_a_chapter():
    entries = glossary()
    assert len(entries) >= 40
    terms = list(entries)
    assert terms == sorted(terms, key=str.lower), "keep the glossary in alphabetical order"
    for term, entry in entries.items():
        assert len(entry["definition"]) > 30, f"{term}: a one-line definition"
        assert entry["russian"], f"{term}: **Russian:** <span lang=\"ru\">...</span>"
        assert entry["chapter"] and (ROOT / entry["chapter"]).exists(), f"{term}: 'Taught in [...](chapters/...)'"


def test_russian_text_is_marked_as_russian():
    text = (ROOT / "glossary.md").read_text(encoding="utf-8").split("```{glossary}", 1)[1]
    bare = [w for w in re.findall(r"[А-Яа-яЁё][А-Яа-яЁё«»\- ]*", re.sub(r'<span lang="ru">[^<]+</span>', "", text))]
    assert not bare, f"Russian outside <span lang=\"ru\">: {bare[:5]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_a_chapters_russian_terms_are_written_from_the_glossary(path):
    from scripts.russian_terms import glossary_terms, rewrite, table_for

    nb = nbformat.read(path, as_version=4)
    assert not rewrite(nb, table_for(path.stem, glossary_terms())), (
        "the Russian terms table differs from glossary.md: run `python -m scripts.russian_terms`")


def test_every_glossary_term_is_linked_where_it_is_taught():
    for term, entry in glossary().items():
        md = "\n".join(c.source for c in nbformat.read(ROOT / entry["chapter"], as_version=4).cells
                       if c.cell_type == "markdown")
        body = md.split("## Russian terms", 1)[0]
        assert re.search(r"\{term\}`(" + re.escape(term) + r"|[^`<]*<" + re.escape(term) + r">)`", body, re.I), (
            f"{entry['chapter']} never links its first use of '{term}' to the glossary ({{term}}`...`)")
