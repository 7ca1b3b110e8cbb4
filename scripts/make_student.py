"""``make student``: write solution-free copies of the notebooks.

Drops every code cell tagged ``solution`` and every markdown cell from a ``solution-start`` directive to
its ``solution-end`` (inclusive), so the exercises remain and their answers do not.

    python scripts/make_student.py chapters/*.ipynb --out _build/student
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat


def strip_solutions(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """Return the notebook without solutions, and how many cells were dropped."""
    kept, inside, dropped = [], False, 0
    for cell in nb.cells:
        source = cell.source
        starts = cell.cell_type == "markdown" and "{solution-start}" in source
        ends = cell.cell_type == "markdown" and "{solution-end}" in source
        if starts:
            inside = True
        is_solution = "solution" in cell.metadata.get("tags", [])
        if inside or is_solution:
            dropped += 1
            if ends:
                inside = False
            continue
        kept.append(cell)
    if inside:
        raise ValueError("a {solution-start} has no matching {solution-end}")
    nb.cells = kept
    return nb, dropped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("_build/student"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.notebooks:
        nb, dropped = strip_solutions(nbformat.read(path, as_version=4))
        nbformat.write(nb, args.out / path.name)
        print(f"{path.name}: {dropped} solution cell(s) removed -> {args.out / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
