"""Every chapter notebook follows the course's notebook anatomy (CONTRIBUTING.md), checked on the files."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
SECTIONS = ["Learning objectives", "Summary", "Russian terms", "Further reading"]


def cells(path: Path, kind: str) -> list:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == kind]


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request) -> Path:
    return request.param


def test_every_notebook_is_in_the_table_of_contents(notebook):
    assert f"chapters/{notebook.stem}" in (ROOT / "_toc.yml").read_text(encoding="utf-8")


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


def test_anatomy(notebook):
    prose = "\n".join(c.source for c in cells(notebook, "markdown"))
    for section in SECTIONS:
        assert re.search(rf"^#+\s*{section}", prose, re.M | re.I), f"no '{section}' heading"
    exercises = len(re.findall(r"\{exercise-start\}|\{exercise\}", prose))
    solutions = len(re.findall(r"\{solution-start\}|\{solution\}", prose))
    assert exercises >= 4 and solutions >= exercises


def test_code_cells_are_short_and_use_utils(notebook):
    code = cells(notebook, "code")
    assert any("remove-cell" in c.metadata.get("tags", []) and "colab" in c.source.lower() for c in code)
    assert any(re.search(r"^\s*(from|import)\s+utils\b", c.source, re.M) for c in code)
    assert any(re.search(r"\bchecks\.\w+\(", c.source) for c in code), "no auto-checked exercise"
    too_long = [len(c.source.splitlines()) for c in code if len(c.source.splitlines()) > 40]
    assert not too_long, f"code cells over 40 lines: {too_long}"
