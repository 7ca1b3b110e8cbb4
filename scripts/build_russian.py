"""The Russian edition's sources, written from the English ones and the catalogs in ``locale/ru``.

    python -m scripts.build_russian            # write ru/ (notebooks keep the outputs of unchanged cells)
    python -m scripts.build_russian --check    # exit 1 if ru/ is not what the English sources + catalogs give

``ru/`` mirrors the book: ``ru/chapters/*.ipynb`` (Russian prose, comments, printed text and labels; the
set-up cell also sets ``NWM_LANG=ru`` so that ``utils`` speaks Russian), the pages, ``ru/results.md`` (made
by ``scripts.results_page`` in Russian from the same bench files), ``ru/_config.yml`` and ``ru/_toc.yml``.
It is committed, so that Colab and JupyterLab can open the Russian notebooks; their outputs come from
running them (``make execute``), and CI checks them with nbval like the English ones.
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path

import nbformat
import yaml

from scripts import russian_terms
from scripts.i18n_units import rebuild, split_code, split_markdown
from scripts.translations import LOCALE, PAGES, ROOT, SETUP_TAG, load

RU = ROOT / "ru"
TEMPLATE_RU = '''# @title Подготовка (в Colab выполните её первой; иначе она лишь проверяет помощников)
import os
import subprocess
import sys

os.environ["NWM_LANG"] = "ru"  # проверки, подписи и печать utils — по-русски
COURSE_URL = "https://github.com/networks-with-memory/networks-with-memory"
if "google.colab" in sys.modules:  # скачать курс и установить то, чего нет в Colab
    REPO = "/content/networks-with-memory"
    if not os.path.isdir(REPO):
        subprocess.run(["git", "clone", "--depth", "1", COURSE_URL, REPO], check=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-r",
                        f"{REPO}/requirements-colab.txt"], check=True)
    sys.path.insert(0, REPO)
    os.chdir(f"{REPO}/ru/chapters")
try:
    import utils  # noqa: F401  (помощники курса: данные, цикл обучения, проверки)
except ModuleNotFoundError:
    raise ModuleNotFoundError(
        f"Этому блокноту нужны помощники курса (пакет `utils`). Клонируйте "
        f"{COURSE_URL} и выполните в нём `make lab`; см. страницу «Подготовка» книги."
    ) from None
'''


class Missing(KeyError):
    """A unit has no (reviewed) translation."""


def translator(catalog_path: Path):
    catalog = load(catalog_path)
    table = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}

    def translate(text: str) -> str:
        if text not in table:
            raise Missing(f"{catalog_path.relative_to(ROOT)}: no translation for {text[:70]!r}")
        return table[text]

    return translate


def russian_notebook(path: Path, previous: nbformat.NotebookNode | None) -> nbformat.NotebookNode:
    """The Russian notebook: every unit translated; outputs kept from ``previous`` where the source is equal."""
    translate = translator(LOCALE / "chapters" / f"{path.stem}.po")
    nb = nbformat.read(path, as_version=4)
    old = {}
    if previous is not None:
        old = {c.get("id"): c for c in previous.cells if c.cell_type == "code"}
    for cell in nb.cells:
        if SETUP_TAG in cell.metadata.get("tags", []):
            cell.source = TEMPLATE_RU.strip()
        elif cell.cell_type == "markdown" and "## Russian terms" in cell.source:
            cell.source = russian_terms_cell(cell.source, path.stem, translate)
        elif cell.cell_type == "markdown":
            cell.source = russian_numbers(rebuild(split_markdown(cell.source), translate))
        elif cell.cell_type == "code":
            cell.source = rebuild(split_code(cell.source), translate)
            meta = cell.metadata.get("mystnb", {})
            if meta.get("figure", {}).get("caption"):
                meta["figure"]["caption"] = translate(meta["figure"]["caption"])
            if meta.get("image", {}).get("alt"):
                meta["image"]["alt"] = translate(meta["image"]["alt"])
        if cell.cell_type == "code":
            before = old.get(cell.get("id"))
            if before is not None and before.source == cell.source:
                cell.outputs, cell.execution_count = before.outputs, before.execution_count
            else:
                cell.outputs, cell.execution_count = [], None
    nb.metadata["language_info"] = nb.metadata.get("language_info", {})
    nb.metadata["nwm_translation_of"] = f"chapters/{path.name}"
    return nb


def russian_terms_cell(source: str, stem: str, translate) -> str:
    """The "Russian terms" section becomes "the chapter's terms in English", written from the glossary
    (like the English table), so that every chapter's version has the same form and cannot drift."""
    head, _, rest = source.partition("## Russian terms")
    following = re.search(r"\n(?=#)", rest[1:])
    tail = rest[1 + following.start():] if following else ""
    section = russian_terms.russian_section(stem, russian_terms.glossary_terms())
    parts = [rebuild(split_markdown(head), translate).rstrip("\n"), section,
             rebuild(split_markdown(tail.lstrip("\n")), translate)]
    return "\n\n".join(part for part in parts if part.strip()).rstrip("\n")


def russian_numbers(text: str) -> str:
    """Glued numbers without the English thousands comma (``{glue:text}`n:,``` prints 19,998, which a
    Russian reader takes for a decimal): the Russian edition prints 19998."""
    return re.sub(r"(\{glue:text\}`[^`]+?):,(`)", r"\1:d\2", text)


def russian_page(name: str) -> str:
    translate = translator(LOCALE / f"{Path(name).stem}.po")
    text = rebuild(split_markdown((ROOT / name).read_text(encoding="utf-8")), translate)
    return sort_glossary(text) if name == "glossary.md" else text


def sort_glossary(text: str) -> str:
    """Put the entries of the ``{glossary}`` block in Russian alphabetical order (ё sorts with е; quotes
    such as «один ко многим» are ignored)."""
    head, marker, rest = text.partition("```{glossary}\n")
    if not marker:
        return text
    body, end, tail = rest.rpartition("```")
    entries = [e.strip("\n") for e in re.split(r"\n(?=\S)", body.strip("\n"))]
    entries.sort(key=lambda e: e.split("\n", 1)[0].casefold().replace("ё", "е").strip("«»"))
    return head + marker + "\n\n".join(entries) + "\n" + end + tail


def russian_config() -> tuple[str, str]:
    """ru/_config.yml and ru/_toc.yml: the English ones, in Russian, with paths one level up."""
    translate = translator(LOCALE / "toc.po")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = translate(config["title"])
    config["author"] = translate(config["author"])
    config["logo"] = "../" + config["logo"]
    config["bibtex_bibfiles"] = ["../" + b for b in config.get("bibtex_bibfiles", [])]
    config["repository"]["path_to_book"] = "ru"
    if config.get("html", {}).get("extra_footer"):
        config["html"]["extra_footer"] = translate(config["html"]["extra_footer"].strip()) + "\n"
    sphinx = config.setdefault("sphinx", {})
    sphinx["local_extensions"] = {k: "../" + v for k, v in sphinx.get("local_extensions", {}).items()}
    options = sphinx.setdefault("config", {})
    options["language"] = "ru"
    options["html_static_path"] = ["../" + p for p in options.get("html_static_path", [])]
    options.setdefault("html_theme_options", {})["search_bar_text"] = "Поиск…"
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        if part.get("caption"):
            part["caption"] = translate(part["caption"])
    head = "# Generated by `python -m scripts.build_russian` from ../{0}: do not edit.\n"
    return (head.format("_config.yml") + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
            head.format("_toc.yml") + yaml.safe_dump(toc, allow_unicode=True, sort_keys=False))


def outputs() -> dict[Path, str | nbformat.NotebookNode]:
    """Every file of ru/ and its content."""
    files: dict[Path, str | nbformat.NotebookNode] = {}
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        target = RU / "chapters" / path.name
        previous = nbformat.read(target, as_version=4) if target.exists() else None
        files[target] = russian_notebook(path, previous)
    for page in PAGES:
        files[RU / page] = russian_page(page)
    from scripts import results_page

    files[RU / "results.md"] = results_page.render_page(language="ru")
    files[RU / "_config.yml"], files[RU / "_toc.yml"] = russian_config()
    return files


def _sources(nb: nbformat.NotebookNode) -> list[tuple[str, str, str]]:
    """What a translation decides: each cell's kind, source and figure metadata (not its outputs)."""
    return [(c.cell_type, c.source, json.dumps(c.metadata.get("mystnb", {}), sort_keys=True)) for c in nb.cells]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    try:
        files = outputs()
    except Missing as err:
        print(f"build_russian: {err}; run `make translations` and translate", file=sys.stderr)
        return 1
    stale = []
    for path, content in files.items():
        if isinstance(content, str):
            same = path.exists() and path.read_text(encoding="utf-8") == content
        else:
            same = path.exists() and _sources(nbformat.read(path, as_version=4)) == _sources(content)
        if same:
            continue
        stale.append(str(path.relative_to(ROOT)))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                nbformat.write(copy.deepcopy(content), path)
    if args.check:
        if stale:
            print(f"ru/ differs from the English sources + catalogs: {stale}; run `python -m scripts.build_russian`",
                  file=sys.stderr)
            return 1
        print("ru/ is up to date")
    else:
        print("written: " + (", ".join(stale) or "nothing changed"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
