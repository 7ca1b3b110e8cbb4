"""``make translations``: refresh the Russian catalogs from the English sources and report what changed.

    python -m scripts.translations            # update locale/ru/LC_MESSAGES/**/*.po, print statistics
    python -m scripts.translations --check    # exit 1 on any untranslated or fuzzy string (CI)

One catalog per source: every chapter notebook (``chapters/<stem>.po``), every page of the book
(``<stem>.po``), the table of contents (``toc.po``) and the messages of ``utils`` (``utils.po``, every literal
passed to ``utils.i18n.tr``). Units are cut by ``scripts.i18n_units``. When an English unit changes, its old
translation is kept as a *fuzzy* suggestion, which a translator must review (and drop the fuzzy flag) before
CI passes again; a unit that disappears is dropped.
"""
from __future__ import annotations

import argparse
import ast
import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from scripts.i18n_units import split_code, split_markdown, units

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale" / "ru" / "LC_MESSAGES"
PAGES = ["intro.md", "setup.md", "notation.md", "glossary.md", "pitfalls.md", "references.md"]
SETUP_TAG = "remove-cell"


@dataclass(frozen=True)
class Source:
    """An English source and its catalog."""

    path: Path
    catalog: Path

    @property
    def name(self) -> str:
        return str(self.path.relative_to(ROOT))


def sources() -> list[Source]:
    found = [Source(p, LOCALE / "chapters" / f"{p.stem}.po") for p in sorted((ROOT / "chapters").glob("*.ipynb"))]
    found += [Source(ROOT / page, LOCALE / f"{Path(page).stem}.po") for page in PAGES]
    found += [Source(ROOT / "_toc.yml", LOCALE / "toc.po"), Source(ROOT / "utils", LOCALE / "utils.po")]
    return found


def notebook_units(path: Path) -> list[str]:
    """Units of a notebook: its markdown blocks, then the comments and prose literals of its code."""
    out: list[str] = []
    for cell in nbformat.read(path, as_version=4).cells:
        if SETUP_TAG in cell.metadata.get("tags", []):
            continue  # the set-up cell has its own Russian template
        pieces = split_markdown(cell.source) if cell.cell_type == "markdown" else (
            split_code(cell.source) if cell.cell_type == "code" else [])
        out += units(pieces)
        out += [text for text in figure_texts(cell) if text]
    return out


def figure_texts(cell) -> list[str]:
    """A figure's caption and alt text (myst-nb cell metadata), which the reader sees on the website."""
    meta = cell.get("metadata", {}).get("mystnb", {})
    return [meta.get("figure", {}).get("caption", ""), meta.get("image", {}).get("alt", "")]


def toc_units(path: Path) -> list[str]:
    """The table of contents' captions, and the book's title, author and footer (from _config.yml)."""
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    config = yaml.safe_load((path.parent / "_config.yml").read_text(encoding="utf-8"))
    found = [config["title"], config["author"]]
    if config.get("html", {}).get("extra_footer"):
        found.append(config["html"]["extra_footer"].strip())
    return found + [part["caption"] for part in toc.get("parts", []) if part.get("caption")]


def utils_units(package: Path) -> list[str]:
    """Every literal string passed as the first argument of ``tr(...)`` in ``utils`` and in the results page
    script, the descriptions and anchors of the recorded metrics (``utils.metrics.METRICS``) and the tasks of
    the memory-against-no-memory comparisons (``utils.metrics.COMPARISONS``)."""
    from utils.metrics import COMPARISONS, METRICS

    out: list[str] = []
    for path in [*sorted(package.rglob("*.py")), package.parent / "scripts" / "results_page.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                out.append(node.args[0].value)
    from utils.checks.core import templates

    out += templates()  # the checkers' hints, case names and messages (they are built from data tables)
    for metric in METRICS.values():
        out += [metric.description] + ([metric.anchor] if metric.anchor != "—" else [])
    out += [task for task, _, _ in COMPARISONS]
    return out + ["higher", "lower"]


def extract(source: Source) -> list[str]:
    """The units of one source, in order, without duplicates."""
    if source.path.suffix == ".ipynb":
        found = notebook_units(source.path)
    elif source.path.suffix == ".md":
        found = units(split_markdown(source.path.read_text(encoding="utf-8")))
    elif source.path.name == "_toc.yml":
        found = toc_units(source.path)
    else:
        found = utils_units(source.path)
    return list(dict.fromkeys(found))


def load(path: Path) -> Catalog:
    if not path.exists():
        return Catalog(locale="ru", domain=path.stem)
    with path.open("rb") as handle:
        return read_po(handle, locale="ru")


def save(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=True, sort_output=False)


def update(source: Source) -> dict[str, int]:
    """Refresh one catalog; return counts of units, new, changed (fuzzy), untranslated and fuzzy."""
    old = load(source.catalog)
    previous = {m.id: m for m in old if m.id}
    new = Catalog(locale="ru", domain=source.catalog.stem)
    counts = {"units": 0, "new": 0, "changed": 0, "untranslated": 0, "fuzzy": 0}
    candidates = [m for m in previous if previous[m].string]
    for msgid in extract(source):
        counts["units"] += 1
        if msgid in previous:
            kept = previous[msgid]
            new.add(msgid, kept.string, flags=kept.flags, auto_comments=kept.auto_comments,
                    user_comments=kept.user_comments)
        else:
            close = difflib.get_close_matches(msgid, candidates, n=1, cutoff=0.6)
            if close:
                new.add(msgid, previous[close[0]].string, flags={"fuzzy"},
                        user_comments=previous[close[0]].user_comments)
                counts["changed"] += 1
            else:
                new.add(msgid, "")
                counts["new"] += 1
    for message in new:
        if message.id:
            counts["untranslated"] += not message.string
            counts["fuzzy"] += message.fuzzy
    save(new, source.catalog)
    return counts


def status(source: Source) -> dict[str, int]:
    """Counts for a catalog as it is, compared with what its source holds now (for --check)."""
    catalog = load(source.catalog)
    translated = {m.id: m for m in catalog if m.id}
    wanted = extract(source)
    missing = [m for m in wanted if m not in translated]
    return {"units": len(wanted), "missing": len(missing),
            "untranslated": sum(1 for m in wanted if m in translated and not translated[m].string),
            "fuzzy": sum(1 for m in wanted if m in translated and translated[m].fuzzy),
            "obsolete": sum(1 for m in translated if m not in set(wanted))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail on untranslated, fuzzy or stale catalogs")
    args = parser.parse_args(argv)
    bad = 0
    print(f"{'source':<42} {'units':>6} {'new':>5} {'changed':>8} {'untransl.':>9} {'fuzzy':>6}")
    totals = dict.fromkeys(["units", "new", "changed", "untranslated", "fuzzy"], 0)
    for source in sources():
        if args.check:
            s = status(source)
            problem = s["missing"] + s["untranslated"] + s["fuzzy"] + s["obsolete"]
            bad += problem
            print(f"{source.name:<42} {s['units']:>6} {s['missing']:>5} {s['obsolete']:>8} {s['untranslated']:>9} "
                  f"{s['fuzzy']:>6}" + ("   <- run `make translations` and translate" if problem else ""))
            for key in ("units", "untranslated", "fuzzy"):
                totals[key] += s[key]
            totals["new"] += s["missing"]
            totals["changed"] += s["obsolete"]
        else:
            c = update(source)
            for key in totals:
                totals[key] += c[key]
            print(f"{source.name:<42} {c['units']:>6} {c['new']:>5} {c['changed']:>8} {c['untranslated']:>9} "
                  f"{c['fuzzy']:>6}")
    print(f"{'total':<42} {totals['units']:>6} {totals['new']:>5} {totals['changed']:>8} "
          f"{totals['untranslated']:>9} {totals['fuzzy']:>6}")
    if args.check:
        print("(with --check: 'new' = units missing from the catalog, 'changed' = obsolete entries)")
        if bad:
            print(f"translations: {bad} string(s) to translate or review", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
