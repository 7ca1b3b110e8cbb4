"""``make progress``: run your working copies of the notebooks and show, per chapter, where each exercise
stands: ✅ solved, ⏳ not attempted yet, ❌ a checker rejected your answer (with its first line), ·  an
exercise without a checker (think or experiment: compare with the solution on the website).

    python -m scripts.progress my-notebooks/*.ipynb

Each notebook runs top to bottom in a fresh kernel on an in-memory copy: your files are never written.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from scripts.run_notebook import run

LABEL = re.compile(r"^\s*```\{exercise-start\}[^\n]*\n(?:.*\n)*?:label:\s*(\S+)", re.M)
CHECK = re.compile(r"\bchecks\.(\w+)\(")
NUMBER = re.compile(r"\*\*(?:Exercise|Упражнение)\s+(\d+[a-z]?\.\d+)")


@dataclass
class Exercise:
    label: str
    number: str
    checks: list[tuple[str, str, str]]  # (checker, status, message)

    @property
    def status(self) -> str:
        if not self.checks:
            return "·"
        states = [s for _, s, _ in self.checks]
        return "❌" if "❌" in states else "⏳" if "⏳" in states else "✅"


def _outcome(cell: nbformat.NotebookNode) -> tuple[str, str]:
    for out in cell.get("outputs", []):
        if out.output_type == "error":
            first = (out.evalue or "").strip().splitlines()
            message = first[0] if first else out.ename
            return "❌", f"{out.ename}: {message}" if out.ename != "ExerciseError" else message
        text = out.get("text", "")
        for line in text.splitlines():
            if line.startswith(("✅", "⏳")):
                return line[0], line[1:].strip()
    return "❌", "the checker cell printed nothing (did an earlier cell fail?)"


def exercises(nb: nbformat.NotebookNode) -> list[Exercise]:
    """The notebook's exercises in order, each with the outcome of its checker calls (stubs only)."""
    found: list[Exercise] = []
    current: Exercise | None = None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = LABEL.search(cell.source)
            if match:
                current = Exercise(match.group(1), "", [])
                found.append(current)
            elif "{exercise-end}" in cell.source:
                current = None
            elif current is not None and not current.number:
                number = NUMBER.search(cell.source)
                current.number = number.group(1) if number else ""
        elif current is not None and "solution" not in cell.metadata.get("tags", []):
            for name in CHECK.findall(cell.source):
                current.checks.append((name, *_outcome(cell)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if not args.notebooks:
        print("progress: no working copies found; run `make student` first (it writes my-notebooks/)")
        return 2
    totals = {"✅": 0, "⏳": 0, "❌": 0, "·": 0}
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        print(f"\n{path.name}", flush=True)
        try:
            run(nb, path.parent.resolve(), timeout=600, allow_errors=True)
        except Exception as exc:  # a hung or crashed kernel: report it and go on with the next chapter
            print(f"  could not run it to the end: {type(exc).__name__}: {str(exc)[:200]}")
        for ex in exercises(nb):
            totals[ex.status] += 1
            detail = "; ".join(f"{name}: {msg}" if len(ex.checks) > 1 else msg for name, _, msg in ex.checks)
            name = f"{ex.number or '?':>5} {ex.label}"
            print(f"  {ex.status} {name:<34} {detail or 'no checker: compare with the solution'}"[:160])
    print(f"\n{totals['✅']} solved, {totals['⏳']} not attempted, {totals['❌']} not accepted yet, "
          f"{totals['·']} without a checker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
