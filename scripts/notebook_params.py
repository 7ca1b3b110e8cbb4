"""Notebook parameters: the cell tagged ``parameters`` and values injected after it.

Every chapter has one code cell tagged ``parameters`` near its top, e.g.::

    SEED = 0        # `make bench SEEDS=3` reruns the chapter with seeds 0, 1, 2
    SCALE = "demo"  # "full": the longer runs of `make bench-full`

``inject`` returns a copy of a notebook with a new cell, tagged ``injected-parameters``, right after it
(papermill's convention), so the notebook runs with other values without being edited.
"""
from __future__ import annotations

import ast
import copy

import nbformat

PARAMETERS_TAG = "parameters"


def parameters_cell(nb: nbformat.NotebookNode) -> int | None:
    """Index of the cell tagged ``parameters``, or None."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.metadata.get("tags", []):
            return i
    return None


def defining_cell(nb: nbformat.NotebookNode, name: str) -> int:
    """Index of the first code cell that assigns ``name`` at top level (also in a tuple assignment)."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) else [])
            for target in targets:
                names = [t.id for t in ast.walk(target) if isinstance(t, ast.Name)]
                if name in names:
                    return i
    raise KeyError(f"no code cell assigns {name!r} at top level")


def inject(nb: nbformat.NotebookNode, values: dict[str, object], after: int | None = None,
           ) -> nbformat.NotebookNode:
    """A copy of ``nb`` with a cell setting ``values`` inserted after cell ``after`` (default: the cell
    tagged ``parameters``, or for names it does not set, the cell that first assigns them)."""
    nb = copy.deepcopy(nb)
    groups: dict[int, dict[str, object]] = {}
    params = parameters_cell(nb)
    for name, value in values.items():
        if after is not None:
            index = after
        elif params is not None and name in _assigned(nb.cells[params].source):
            index = params
        else:
            index = defining_cell(nb, name)
        groups.setdefault(index, {})[name] = value
    for index in sorted(groups, reverse=True):
        source = "\n".join(f"{k} = {v!r}" for k, v in groups[index].items())
        cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        nb.cells.insert(index + 1, cell)
    return nb


def _assigned(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            for t in ast.walk(target) if isinstance(t, ast.Name)}
