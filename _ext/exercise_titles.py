"""Sphinx extension: exercises numbered per chapter, the same way on the website and in the notebooks.

An exercise's statement starts with its number in bold, e.g. ``**Exercise 2.3 · Implement `rnn_step`.**``,
so that a reader of the notebook (JupyterLab, Colab, the solution-free copies) sees the same number as a
reader of the website. Its fence carries ``:nonumber:``, so sphinx-exercise does not add a book-wide number.
This extension moves that bold lead into the exercise box's title ("Exercise 2.3 · Implement `rnn_step`")
and names the same number in the title of the exercise's solution ("Solution to Exercise 2.3"), whose
bold lead in the notebook ("**Solution 2.3.**", for readers without MyST) it removes.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

SOLUTION_LEAD = re.compile(r"^\s*(Solution|Решение)\s+\d+[a-z]?\.\d+\.?\s*$", re.UNICODE)
LEAD = re.compile(r"^\s*(Exercise|Упражнение)\s+(\d+[a-z]?\.\d+)\s*(?:[·:—-]\s*)?", re.UNICODE)


def _exercise_nodes(doctree: nodes.document):
    from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

    return list(doctree.findall(lambda n: isinstance(n, (exercise_node, exercise_enumerable_node))))


def _retitle_exercise(node: nodes.Element) -> str | None:
    """Move the bold lead of the first paragraph into the title; return the exercise number."""
    paragraph = next(node.findall(nodes.paragraph), None)
    if paragraph is None:
        return None
    for child in list(paragraph.children):  # myst may start a paragraph with an empty text node
        if isinstance(child, nodes.Text) and not child.astext().strip():
            paragraph.remove(child)
        else:
            break
    if not paragraph.children or not isinstance(paragraph.children[0], nodes.strong):
        return None
    strong = paragraph.children[0]
    match = LEAD.match(strong.astext())
    if not match:
        return None
    word, number = match.group(1), match.group(2)
    title = node.children[0]
    new_title = nodes.title()
    new_title += nodes.Text(f"{word} {number}")
    rest = list(strong.children)
    # drop the "Exercise N.k ·" prefix from the first Text child of the strong node
    if rest and isinstance(rest[0], nodes.Text):
        remainder = LEAD.sub("", rest[0].astext(), count=1)
        rest = ([nodes.Text(remainder)] if remainder else []) + rest[1:]
    if rest:
        new_title += nodes.Text(" · ")
        for child in rest:
            new_title += child.deepcopy()
        last = new_title.children[-1]
        if isinstance(last, nodes.Text) and last.astext().rstrip().endswith("."):
            new_title.replace(last, nodes.Text(last.astext().rstrip()[:-1]))
    node.replace(title, new_title)
    paragraph.remove(strong)
    if paragraph.children and isinstance(paragraph.children[0], nodes.Text):
        paragraph.replace(paragraph.children[0], nodes.Text(paragraph.children[0].astext().lstrip()))
    if not paragraph.children:
        paragraph.parent.remove(paragraph)
    return f"{word} {number}"


def _drop_solution_lead(node: nodes.Element) -> None:
    """Remove the bold "Solution N.k." that opens a solution in the notebook (the box title says it)."""
    paragraph = next(node.findall(nodes.paragraph), None)
    if paragraph is None:
        return
    for child in list(paragraph.children):
        if isinstance(child, nodes.Text) and not child.astext().strip():
            paragraph.remove(child)
        else:
            break
    if paragraph.children and isinstance(paragraph.children[0], nodes.strong) and SOLUTION_LEAD.match(
            paragraph.children[0].astext()):
        paragraph.remove(paragraph.children[0])
        if paragraph.children and isinstance(paragraph.children[0], nodes.Text):
            paragraph.replace(paragraph.children[0], nodes.Text(paragraph.children[0].astext().lstrip()))
        if not paragraph.astext().strip():
            paragraph.parent.remove(paragraph)


def retitle(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    from sphinx_exercise.nodes import solution_node

    numbers: dict[str, str] = {}
    for node in _exercise_nodes(doctree):
        number = _retitle_exercise(node)
        if number and node.get("label"):
            numbers[node["label"]] = number
    for node in list(doctree.findall(solution_node)):
        _drop_solution_lead(node)
        number = numbers.get(node.get("target_label", ""))
        if not number:
            continue
        for ref in node.children[0].findall(nodes.reference):
            text = ref.astext().strip()
            if text in ("Exercise", "Упражнение"):
                ref.children = []
                ref += nodes.Text(" " + number)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", retitle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
