"""The course's tooling: student copies, progress, notebook parameters, the link checker."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from scripts import check_links, make_student, notebook_params, progress

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
HEADING = re.compile(r"^#{1,6} .+$", re.M)
LABEL = re.compile(r"^:label:\s*(\S+)", re.M)


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _solution_texts(nb) -> list[str]:
    """The text of every solution: markdown between the fences and code tagged `solution`."""
    texts, inside = [], False
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "{solution-start}" in cell.source:
            inside = True
            continue
        if cell.cell_type == "markdown" and "{solution-end}" in cell.source:
            inside = False
            continue
        if inside or "solution" in cell.metadata.get("tags", []):
            texts.append(cell.source)
    return [t for t in texts if t.strip()]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_student_copy_keeps_every_lesson_and_drops_every_answer(path):
    source = nbformat.read(path, as_version=4)
    copy, dropped = make_student.student_copy(path)
    assert dropped > 0
    assert HEADING.findall(_markdown(copy)) == HEADING.findall(_markdown(source)), "a heading was lost"
    assert LABEL.findall(_markdown(copy)) == [label for label in LABEL.findall(_markdown(source))
                                               if not label.startswith("sol-")], "an exercise was lost"
    for section in ("## Summary", "## Russian terms", "## Further reading"):
        assert section in _markdown(copy)
    kept = "\n".join(c.source for c in copy.cells)
    for answer in _solution_texts(source):
        assert answer not in kept, f"solution text survived: {answer[:80]!r}"
    assert "{solution" not in kept
    assert all(not c.get("outputs") for c in copy.cells if c.cell_type == "code")


def test_student_copy_refuses_a_fence_that_shares_its_cell():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("```{solution-start} x\n:class: dropdown\n```"),
        nbformat.v4.new_markdown_cell("The answer.\n```{solution-end}\n```\n## Summary")])
    with pytest.raises(make_student.AnatomyError, match="shares its markdown cell"):
        make_student.strip_solutions(nb)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("```{solution} x\nanswer\n```")])
    with pytest.raises(make_student.AnatomyError, match="one-cell"):
        make_student.strip_solutions(nb)


def test_make_student_never_overwrites_a_learners_copy(tmp_path, capsys):
    path = NOTEBOOKS[0]
    target = tmp_path / path.name
    target.write_text("my work", encoding="utf-8")
    assert make_student.main([str(path), "--out", str(tmp_path)]) == 0
    assert target.read_text(encoding="utf-8") == "my work" and "kept" in capsys.readouterr().out
    assert make_student.main([str(path), "--out", str(tmp_path), "--force"]) == 0
    assert nbformat.read(target, as_version=4).cells


def test_progress_reads_each_exercise_from_its_checker_output():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("```{exercise-start}\n:label: ch02-a\n:nonumber:\n```"),
        nbformat.v4.new_markdown_cell("**Exercise 2.1 · Implement `a`.** Write it."),
        nbformat.v4.new_code_cell("checks.a(a)", outputs=[nbformat.v4.new_output(
            "stream", name="stdout", text="⏳ a: not attempted yet\n")]),
        nbformat.v4.new_markdown_cell("```{exercise-end}\n```"),
        nbformat.v4.new_markdown_cell("```{exercise-start}\n:label: ch02-b\n:nonumber:\n```"),
        nbformat.v4.new_markdown_cell("**Exercise 2.2 · Implement `b`.** Write it."),
        nbformat.v4.new_code_cell("checks.b(b)", outputs=[nbformat.v4.new_output(
            "error", ename="ExerciseError", evalue="b, case 1: expected 2, got 3\nHint: ...", traceback=[])]),
        nbformat.v4.new_markdown_cell("```{exercise-end}\n```"),
        nbformat.v4.new_markdown_cell("```{exercise-start}\n:label: ch02-c\n:nonumber:\n```"),
        nbformat.v4.new_markdown_cell("**Exercise 2.3 · Think.** Why?"),
        nbformat.v4.new_markdown_cell("```{exercise-end}\n```"),
    ])
    found = progress.exercises(nb)
    assert [(e.number, e.label, e.status) for e in found] == [
        ("2.1", "ch02-a", "⏳"), ("2.2", "ch02-b", "❌"), ("2.3", "ch02-c", "·")]
    assert found[1].checks[0][2] == "b, case 1: expected 2, got 3"


def test_parameters_are_injected_after_the_cell_that_sets_them():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("SEED = 0\nSCALE = 'demo'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("WINDOW, HORIZON = 48, 24"),
        nbformat.v4.new_code_cell("print(WINDOW)")])
    out = notebook_params.inject(nb, {"SEED": 2, "WINDOW": 6})
    sources = [c.source for c in out.cells]
    assert sources == ["SEED = 0\nSCALE = 'demo'", "SEED = 2", "WINDOW, HORIZON = 48, 24", "WINDOW = 6",
                       "print(WINDOW)"]
    assert len(nb.cells) == 3  # the original is untouched
    with pytest.raises(KeyError, match="MISSING"):
        notebook_params.inject(nb, {"MISSING": 1})


def test_check_links_finds_broken_files_and_anchors(tmp_path, capsys):
    (tmp_path / "a.html").write_text('<a href="b.html#here">ok</a><a href="b.html#gone">x</a>'
                                     '<a href="missing.html">y</a><a href="https://example.org">ext</a>')
    (tmp_path / "b.html").write_text('<h1 id="here">B</h1><a href="#top">no top</a>')
    assert check_links.main(tmp_path) == 1
    out = capsys.readouterr().out
    assert "#gone" in out and "missing.html" in out and "#top" in out and "example.org" not in out
    (tmp_path / "a.html").write_text('<a href="b.html#here">ok</a>')
    (tmp_path / "b.html").write_text('<h1 id="here">B</h1>')
    assert check_links.main(tmp_path) == 0
