"""The experiments that exercises suggest (tests/experiments.py) run without error for the suggested values.

Slow (each runs a notebook from the top): only with ``--run-experiments`` (``make experiments``, run by
``make bench``). The check that every experiment exercise is listed runs always.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from experiments import EXPERIMENTS

from scripts.notebook_params import inject
from scripts.run_notebook import run

ROOT = Path(__file__).resolve().parents[1]


def _experiment_exercises() -> set[tuple[str, str]]:
    found = set()
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        md = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
        for i, cell in enumerate(md[:-1]):
            label = re.search(r"^:label:\s*(\S+)", cell.source, re.M)
            if "{exercise-start}" in cell.source and label and re.match(
                    r"\*\*Exercise \S+ · Experiment", md[i + 1].source):
                found.add((path.stem, label.group(1)))
    return found


def test_every_experiment_exercise_is_listed():
    listed = {(e.notebook, e.exercise) for e in EXPERIMENTS}
    missing = sorted(_experiment_exercises() - listed)
    assert not missing, f"experiment exercises without an entry in tests/experiments.py: {missing}"
    for e in EXPERIMENTS:
        assert e.values or e.note, f"{e.exercise}: give the suggested values, or a note why there are none"


@pytest.mark.parametrize("experiment", EXPERIMENTS, ids=lambda e: f"{e.exercise}-{e.values}")
def test_suggested_change_runs(experiment, request):
    if not request.config.getoption("--run-experiments"):
        pytest.skip("slow: run with `make experiments`")
    path = ROOT / "chapters" / f"{experiment.notebook}.ipynb"
    nb = nbformat.read(path, as_version=4)
    if experiment.through:
        last = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and experiment.through in c.source]
        assert len(last) == 1, f"'through' must match exactly one code cell, matched {len(last)}"
        nb.cells = nb.cells[: last[0] + 1]
    nb = inject(nb, experiment.values)
    run(nb, path.parent, timeout=900)
    outputs = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Traceback" not in outputs
