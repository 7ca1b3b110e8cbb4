"""``make student``: solution-free working copies of the notebooks, for learners.

A solution is everything from a markdown cell holding a ``{solution-start}`` fence through the cell holding
its ``{solution-end}`` fence, plus any code cell tagged ``solution``. The notebook anatomy (checked by
``tests/test_notebook_conventions.py``) keeps every fence in a markdown cell of its own, so dropping those
cells removes answers and nothing else: every heading, exercise statement, stub and checker call stays.

    python -m scripts.make_student chapters/*.ipynb --out my-notebooks [--force]

Existing copies are never overwritten (they hold the learner's work) unless ``--force`` is given. Outputs of
the kept cells are cleared, except those of the checker calls of stubs, which say ⏳.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

START = re.compile(r"^\s*```\{solution-start\}", re.M)
END = re.compile(r"^\s*```\{solution-end\}", re.M)
ONE_CELL = re.compile(r"^\s*```\{solution\}", re.M)


class AnatomyError(ValueError):
    """The notebook breaks a rule that solution stripping relies on."""


def strip_solutions(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """Return ``nb`` without its solutions, and how many cells were dropped."""
    kept, inside, dropped = [], False, 0
    for index, cell in enumerate(nb.cells):
        source = cell.source if cell.cell_type == "markdown" else ""
        if ONE_CELL.search(source):
            raise AnatomyError(f"cell {index}: a one-cell ```{{solution}}``` block; use solution-start/end")
        starts, ends = bool(START.search(source)), bool(END.search(source))
        fence_only = source.strip().startswith("```") and source.strip().endswith("```")
        if (starts or ends) and not (fence_only and source.count("```") == 2):
            raise AnatomyError(f"cell {index}: a solution fence shares its markdown cell with other text")
        if starts:
            if inside:
                raise AnatomyError(f"cell {index}: a solution-start inside another solution")
            inside = True
        if inside or "solution" in cell.metadata.get("tags", []):
            dropped += 1
            if ends:
                inside = False
            continue
        if ends:
            raise AnatomyError(f"cell {index}: a solution-end without its solution-start")
        kept.append(cell)
    if inside:
        raise AnatomyError("a solution-start has no matching solution-end")
    nb.cells = kept
    return nb, dropped


def student_copy(path: Path, keep_outputs: bool = False) -> tuple[nbformat.NotebookNode, int]:
    """The solution-free copy of the notebook at ``path``, its outputs cleared (unless ``keep_outputs``:
    the test of the copies compares them with the book's outputs)."""
    nb, dropped = strip_solutions(nbformat.read(path, as_version=4))
    for cell in nb.cells:
        if cell.cell_type == "code" and not keep_outputs:
            cell.outputs, cell.execution_count = [], None
    nb.metadata["nwm_student_copy_of"] = f"chapters/{path.name}"
    return nb, dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("my-notebooks"))
    parser.add_argument("--force", action="store_true", help="overwrite existing copies (loses your work)")
    parser.add_argument("--keep-outputs", action="store_true", help="keep the stored outputs (for tests)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.notebooks:
        target = args.out / path.name
        if target.exists() and not args.force:
            print(f"{target}: kept (it holds your work; `make student FORCE=1` replaces it)")
            continue
        nb, dropped = student_copy(path, keep_outputs=args.keep_outputs)
        nbformat.write(nb, target)
        print(f"{path.name}: {dropped} solution cell(s) removed -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
