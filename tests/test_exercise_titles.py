"""The local Sphinx extension that puts each exercise's number (from its bold lead) into its title."""
from __future__ import annotations

import sys
from pathlib import Path

from docutils import nodes
from sphinx_exercise.nodes import exercise_node, solution_node

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
import exercise_titles  # noqa: E402


def _paragraph(*children) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for child in children:
        paragraph += child
    return paragraph


def test_the_bold_lead_becomes_the_title_and_the_solution_names_the_number():
    doc = nodes.document(None, None)
    exercise = exercise_node(label="ch02-rnn-step")
    exercise += nodes.title("", "Exercise")
    section = nodes.section()
    lead = nodes.strong()
    lead += nodes.Text("Exercise 2.1 · Implement ")
    lead += nodes.literal("", "rnn_step")
    lead += nodes.Text(".")
    section += _paragraph(nodes.Text(""), lead, nodes.Text(" Write the function."))
    exercise += section
    doc += exercise
    solution = solution_node(target_label="ch02-rnn-step")
    title = nodes.title("", "Solution to")
    ref = nodes.reference("", "")
    ref += nodes.Text(" Exercise")
    title += ref
    solution += title
    body = nodes.section()
    body += _paragraph(nodes.strong("", "Solution 2.1."), nodes.Text(" The answer."))
    solution += body
    doc += solution

    exercise_titles.retitle(None, doc, "chapters/02_rnn")

    assert exercise.children[0].astext() == "Exercise 2.1 · Implement rnn_step"
    assert next(exercise.findall(nodes.paragraph)).astext() == "Write the function."
    assert solution.children[0].astext() == "Solution to Exercise 2.1"
    assert next(solution.findall(nodes.paragraph)).astext() == "The answer."
