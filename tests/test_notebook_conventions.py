"""Every chapter notebook follows the course's notebook anatomy (CONTRIBUTING.md), checked on the files.

The rules a new chapter must meet are all here: the table of contents and the intro list it; one title and
numbered sections; the Colab cell equal to the template; a ``parameters`` cell; exercises numbered per chapter,
each fence in a markdown cell of its own; solutions named ``<name>_solution``; short code cells; outputs
from one top-to-bottom run; no function or class defined in two notebooks.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
UNNUMBERED = ("Learning objectives", "Summary", "Russian terms", "Further reading")
FENCE = re.compile(r"```\{(exercise-start|exercise-end|solution-start|solution-end|exercise|solution)\}")
TEMPLATE = ROOT / "chapters" / "_colab_setup.py"


def chapter_id(path: Path) -> str:
    """'07b_head_to_head' -> '7b'."""
    return re.match(r"0*(\d+[a-z]?)_", path.name).group(1)


def cells(path: Path, kind: str | None = None) -> list:
    return [c for c in nbformat.read(path, as_version=4).cells if kind is None or c.cell_type == kind]


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request) -> Path:
    return request.param


def toc_files() -> list[str]:
    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                yield entry["file"]
            yield from walk(entry.get("sections"))
            yield from walk(entry.get("chapters"))

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *walk(toc.get("parts")), *walk(toc.get("chapters"))]


def test_every_notebook_is_in_the_table_of_contents_and_the_intro(notebook):
    assert f"chapters/{notebook.stem}" in toc_files()
    assert f"chapters/{notebook.name}" in (ROOT / "intro.md").read_text(encoding="utf-8"), (
        "link the chapter from the chapter list in intro.md")


def test_executed_top_to_bottom_in_one_kernel_without_errors(notebook):
    code = [c for c in cells(notebook, "code") if c.source.strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run `make execute`"
    for c in code:
        tags = c.metadata.get("tags", [])
        for out in c.outputs:
            assert out.output_type != "error" or "raises-exception" in tags
            if "nbval-ignore-output" not in tags:
                assert not (out.output_type == "stream" and out.name == "stderr"), c.source[:80]
            assert "image/svg+xml" not in out.get("data", {}), "figures must be PNG"
            text = out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
            assert "nbval-ignore-output" in tags or not re.search(r" at 0x[0-9a-f]{6,}", text), c.source[:80]
            assert "\r" not in out.get("text", ""), "a progress line was stored: run `make execute`"


def test_title_and_numbered_sections(notebook):
    number = chapter_id(notebook)
    prose = "\n".join(c.source for c in cells(notebook, "markdown"))
    titles = re.findall(r"^# (.+)$", prose, re.M)
    assert len(titles) == 1 and titles[0].startswith(f"{number}. "), f"one title '# {number}. ...'"
    sections = [h for h in re.findall(r"^## (.+)$", prose, re.M) if h.strip() not in UNNUMBERED]
    want = [f"{number}.{k}" for k in range(1, len(sections) + 1)]
    got = [h.split(" ", 1)[0] for h in sections]
    assert got == want, f"sections must be numbered {number}.1, {number}.2, ... in order: {sections}"
    for section in UNNUMBERED:
        assert re.search(rf"^## {section}$", prose, re.M), f"no '## {section}' heading"


def test_exercises_are_numbered_per_chapter_and_fenced_in_cells_of_their_own(notebook):
    number = chapter_id(notebook)
    md = cells(notebook, "markdown")
    statements = []
    for i, cell in enumerate(md):
        fences = FENCE.findall(cell.source)
        if not fences:
            continue
        assert fences[0] not in ("exercise", "solution"), "use the gated form (exercise-start / -end)"
        assert len(fences) == 1 and cell.source.strip().endswith("```") and cell.source.strip().count("```") == 2, (
            f"a fence shares its markdown cell with other text: {cell.source[:80]!r}")
        if fences[0] == "exercise-start":
            assert ":nonumber:" in cell.source, "exercise fences carry :nonumber: (the number is in the text)"
            statements.append(md[i + 1].source)
    assert len(statements) >= 4, "at least four exercises"
    for k, statement in enumerate(statements, start=1):
        assert re.match(rf"\*\*Exercise {re.escape(number)}\.{k} · (Implement|Think|Experiment)\b", statement), (
            f"exercise {k} must start '**Exercise {number}.{k} · Implement|Think|Experiment ...**': "
            f"{statement[:60]!r}")
    solutions = [md[i + 1].source for i, c in enumerate(md) if "{solution-start}" in c.source]
    assert len(solutions) >= len(statements)
    numbers = [f"{number}.{k}" for k in range(1, len(statements) + 1)]
    for solution in solutions:
        assert re.match(r"\*\*Solution (\S+)\.\*\*", solution), (
            f"a solution starts with a markdown cell '**Solution {number}.k.** ...': {solution[:60]!r}")
        assert re.match(r"\*\*Solution (\S+)\.\*\*", solution).group(1) in numbers


def test_solutions_never_overwrite_a_learners_function(notebook):
    defined_outside = set()
    for cell in cells(notebook, "code"):
        if "solution" in cell.metadata.get("tags", []):
            continue
        defined_outside |= {n.name for n in ast.parse(cell.source).body if isinstance(n, ast.FunctionDef)}
    for cell in cells(notebook, "code"):
        if "solution" not in cell.metadata.get("tags", []):
            continue
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True
        assert cell.metadata.get("jupyter", {}).get("outputs_hidden") is True, "hide a solution's output too"
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.FunctionDef):
                assert node.name.endswith("_solution"), f"name it {node.name}_solution"
                assert node.name not in defined_outside


def test_code_cells_are_short_and_use_the_setup_template(notebook):
    code = cells(notebook, "code")
    setup = [c for c in code if "remove-cell" in c.metadata.get("tags", [])]
    assert len(setup) == 1 and setup[0].source.strip() == TEMPLATE.read_text(encoding="utf-8").strip(), (
        "the Colab set-up cell must equal chapters/_colab_setup.py")
    assert setup[0].metadata.get("jupyter", {}).get("source_hidden") is True
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and re.search(r"^SEED = 0\b", params[0].source, re.M) and re.search(
        r"^SCALE = \"demo\"", params[0].source, re.M), "one cell tagged 'parameters' with SEED = 0, SCALE = \"demo\""
    assert any(re.search(r"^\s*(from|import)\s+utils\b", c.source, re.M) for c in code)
    assert any(re.search(r"\bchecks\.\w+\(", c.source) for c in code), "no auto-checked exercise"
    too_long = [len(c.source.splitlines()) for c in code if len(c.source.splitlines()) > 40]
    assert not too_long, f"code cells over 40 lines: {too_long}"


def test_no_function_or_class_is_defined_in_two_notebooks():
    where: dict[str, set[str]] = defaultdict(set)
    for path in NOTEBOOKS:
        for cell in cells(path, "code"):
            for node in ast.parse(cell.source).body:
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    where[node.name].add(path.stem)
    twice = {name: sorted(stems) for name, stems in where.items() if len(stems) > 1}
    assert not twice, f"defined in two notebooks (give it one home in utils/ and import it): {twice}"


def test_every_figure_has_a_number_a_caption_and_alt_text(notebook):
    """myst-nb cell metadata: {"mystnb": {"figure": {"caption": "Figure N.k. ...", "name": "fig-..."},
    "image": {"alt": "what the figure shows"}}}; the prose refers to it by its number."""
    number = chapter_id(notebook)
    k = 0
    for cell in cells(notebook, "code"):
        if not any("image/png" in out.get("data", {}) for out in cell.get("outputs", [])):
            continue
        k += 1
        meta = cell.metadata.get("mystnb", {})
        caption = meta.get("figure", {}).get("caption", "")
        alt = meta.get("image", {}).get("alt", "")
        assert caption.startswith(f"Figure {number}.{k}. "), (
            f"figure {k} needs the caption 'Figure {number}.{k}. ...' in metadata.mystnb.figure.caption: "
            f"{cell.source[:60]!r}")
        assert meta.get("figure", {}).get("name", "").startswith(f"fig-ch{number.zfill(2)}-")
        assert len(alt) >= 40 and "/" not in alt[:20], f"figure {number}.{k}: alt text that says what it shows"
        prose = "\n".join(c.source for c in cells(notebook, "markdown"))
        assert f"Figure {number}.{k}" in prose, f"the text never refers to Figure {number}.{k}"
