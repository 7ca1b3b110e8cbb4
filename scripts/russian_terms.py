"""Write each chapter's "Russian terms" table from the glossary, so the two can never drift.

    python -m scripts.russian_terms            # rewrite the tables in chapters/*.ipynb
    python -m scripts.russian_terms --check    # exit 1 if a table differs from the glossary

A chapter's table lists, alphabetically, every glossary term whose "Taught in" link points at the chapter:
the English term linked to the glossary, and its main Russian term marked ``lang="ru"``.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
TERM = re.compile(r"^(\S.*)\n((?:[ \t]+.*\n?)+)", re.M)
RUSSIAN = re.compile(r'\*\*Russian:\*\*\s*<span lang="ru">([^<]+)</span>')
TAUGHT = re.compile(r"Taught in \[[^\]]+\]\(chapters/([\w.]+)\.ipynb")
INTRO = "The Russian for this chapter's terms (the [glossary](../glossary.md) has them all, with definitions):"
NO_TERMS = ("This chapter introduces no new terms: it puts the earlier chapters' to work. The "
            "[glossary](../glossary.md) has every term of the course with its Russian name.")
# The Russian edition's section (written by scripts.build_russian): the English names of the chapter's terms.
RU_HEADING = "## Термины главы по-английски"
RU_INTRO = ("Английские названия терминов этой главы (все термины курса, с определениями, — в "
            "[глоссарии](../glossary.md)):")
RU_NO_TERMS = ("Новых терминов в этой главе нет: она применяет термины предыдущих глав. Все термины курса "
               "с английскими названиями — в [глоссарии](../glossary.md).")


def glossary_terms(path: Path = ROOT / "glossary.md") -> list[tuple[str, str, str]]:
    """(term, main Russian term, chapter stem) for every entry of the glossary."""
    block = path.read_text(encoding="utf-8").split("```{glossary}", 1)[1].rsplit("```", 1)[0]
    out = []
    for match in TERM.finditer(block.strip("\n") + "\n"):
        body = " ".join(line.strip() for line in match.group(2).splitlines())
        russian, taught = RUSSIAN.search(body), TAUGHT.search(body)
        if russian and taught:
            out.append((match.group(1).strip(), russian.group(1), taught.group(1)))
    return out


def table_for(stem: str, terms: list[tuple[str, str, str]]) -> str:
    rows = sorted(((t, r) for t, r, s in terms if s == stem), key=lambda row: row[0].lower())
    if not rows:
        return NO_TERMS
    lines = [INTRO, "", "| English | Russian |", "|---|---|"]
    lines += [f"| {{term}}`{t}` | <span lang=\"ru\">{r}</span> |" for t, r in rows]
    return "\n".join(lines)


def russian_section(stem: str, terms: list[tuple[str, str, str]]) -> str:
    """The Russian edition's version of the section: Russian term (linked to the Russian glossary's
    headword, which is the main Russian term) and its English name, in Russian alphabetical order."""
    rows = sorted(((r, t) for t, r, s in terms if s == stem), key=lambda row: row[0].casefold().replace("ё", "е"))
    if not rows:
        return f"{RU_HEADING}\n\n{RU_NO_TERMS}"
    lines = [RU_HEADING, "", RU_INTRO, "", "| Термин | English |", "|---|---|"]
    lines += [f"| {{term}}`{r}` | <span lang=\"en\">{t}</span> |" for r, t in rows]
    return "\n".join(lines)


def rewrite(nb: nbformat.NotebookNode, table: str) -> bool:
    """Put ``table`` under the notebook's "## Russian terms" heading; True if something changed."""
    for cell in nb.cells:
        if cell.cell_type != "markdown" or "## Russian terms" not in cell.source:
            continue
        head, _, rest = cell.source.partition("## Russian terms")
        following = re.search(r"\n(?=#)", rest[1:])
        tail = rest[1 + following.start():] if following else ""
        new = f"{head}## Russian terms\n\n{table}\n{tail}".rstrip() + "\n"
        new = new.rstrip("\n")
        changed = new != cell.source
        cell.source = new
        return changed
    raise ValueError("no '## Russian terms' heading")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    terms = glossary_terms()
    stale = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if rewrite(nb, table_for(path.stem, terms)):
            stale.append(path.name)
            if not args.check:
                nbformat.write(nb, path)
    if args.check and stale:
        print(f"Russian terms tables differ from glossary.md in: {', '.join(stale)}; "
              "run `python -m scripts.russian_terms`", file=sys.stderr)
        return 1
    print("updated: " + (", ".join(stale) or "nothing") if not args.check else "tables agree with the glossary")
    return 0


if __name__ == "__main__":
    sys.exit(main())
