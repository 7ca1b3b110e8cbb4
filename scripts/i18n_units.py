"""Translation units of the course's sources, and how to put translations back.

A *unit* is a piece of text a translator translates as a whole:

- in markdown (the ``.md`` pages and the notebooks' markdown cells): a paragraph, a list, a table, a heading,
  an HTML block, or a paragraph inside a directive that holds prose (``{glossary}``, ``{note}``, ...);
  code fences, math blocks, directive fences and label lines are left as they are;
- in code cells: a comment, or a string literal with a space and a letter in it (prose a learner reads:
  printed text, plot labels, docstrings), or a one-word literal that is a plot label (``label="model"``,
  ``ax.set_xlabel("task")``). A literal that must not change (data, a dictionary key shared with
  ``utils``) is "translated" as itself.

``split_markdown`` and ``split_code`` cut a text into pieces ``(text, is_unit)`` whose concatenation is the
original text exactly; ``translate_*`` rebuild the text with each unit replaced by its translation.
"""
from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Callable

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})(.*)$")
PROSE_DIRECTIVES = {"glossary", "note", "tip", "warning", "important", "admonition", "exercise", "solution",
                    "dropdown", "hint", "seealso", "attention", "caution", "epigraph", "margin", "sidebar"}
LETTER = re.compile(r"[A-Za-zА-Яа-яЁё]")
SKIP_COMMENT = re.compile(r"^#\s*(noqa|type:|fmt:|pragma|@title)")
LABEL_KEYWORDS = {"label", "xlabel", "ylabel", "title", "suptitle"}
LABEL_CALLS = {"set_xlabel", "set_ylabel", "set_title", "suptitle", "xlabel", "ylabel", "title", "text",
               "annotate"}

Piece = tuple[str, bool]


def _is_special(line: str) -> bool:
    stripped = line.strip()
    return (not stripped or bool(FENCE.match(line)) or stripped.startswith("$$") or stripped.startswith("#")
            or stripped.startswith("|") or re.match(r"^\(\S+\)=$", stripped) is not None
            or stripped.startswith("<"))


def split_markdown(text: str) -> list[Piece]:
    """Cut markdown into pieces; units are the translatable blocks (see the module docstring)."""
    lines = text.split("\n")
    pieces: list[Piece] = []
    i = 0

    def add(chunk: str, unit: bool) -> None:
        if unit and not LETTER.search(chunk):
            unit = False
        if pieces and not unit and not pieces[-1][1]:
            pieces[-1] = (pieces[-1][0] + chunk, False)
        else:
            pieces.append((chunk, unit))

    while i < len(lines):
        line = lines[i]
        newline = "\n" if i < len(lines) - 1 else ""
        stripped = line.strip()
        fence = FENCE.match(line)
        if not stripped:
            add(line + newline, False)
            i += 1
        elif fence:
            indent, marker, info = fence.groups()
            j = i + 1
            while j < len(lines) and not re.match(rf"^\s*{re.escape(marker[0])}{{{len(marker)},}}\s*$", lines[j]):
                j += 1
            j = min(j, len(lines) - 1)
            name = re.match(r"\{([\w-]+)\}", info.strip())
            if name and name.group(1) in PROSE_DIRECTIVES:
                k = i + 1  # option lines stay as they are
                while k < j and re.match(r"^\s*:[\w-]+:", lines[k]):
                    k += 1
                add("\n".join(lines[i:k]) + "\n", False)
                for chunk, unit in split_markdown("\n".join(lines[k:j])):
                    add(chunk, unit)
                add(("\n" if k < j else "") + lines[j] + ("\n" if j < len(lines) - 1 else ""), False)
            elif info.strip().lower() in ("python", "py", "ipython", "python3") and j > i + 1:
                add(lines[i] + "\n", False)  # a code block on a page: its comments and prose literals
                for chunk, unit in split_code("\n".join(lines[i + 1:j]) + "\n"):
                    add(chunk, unit)
                add(lines[j] + ("\n" if j < len(lines) - 1 else ""), False)
            else:
                add("\n".join(lines[i:j + 1]) + ("\n" if j < len(lines) - 1 else ""), False)
            i = j + 1
        elif stripped.startswith("$$"):
            j = i
            if stripped == "$$" or not stripped.endswith("$$") or len(stripped) < 4:
                j = i + 1
                while j < len(lines) and not lines[j].strip().endswith("$$"):
                    j += 1
            j = min(j, len(lines) - 1)
            add("\n".join(lines[i:j + 1]) + ("\n" if j < len(lines) - 1 else ""), False)
            i = j + 1
        elif re.match(r"^\(\S+\)=$", stripped) or stripped.startswith("<!--"):
            add(line + newline, False)
            i += 1
        elif stripped.startswith("#"):
            add(line, True)
            add(newline, False)
            i += 1
        else:
            table = stripped.startswith("|")
            j = i + 1
            while j < len(lines) and lines[j].strip() and (
                    lines[j].strip().startswith("|") if table else not _is_special(lines[j])):
                j += 1
            add("\n".join(lines[i:j]), True)
            add("\n" if j <= len(lines) - 1 else "", False)
            i = j
    return pieces


def split_code(source: str) -> list[Piece]:
    """Cut Python source into pieces; units are comments and prose-like string literals."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [(source, False)]
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    spans = []
    significant = [t for t in tokens if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)]
    before = {id(t): significant[max(0, k - 2):k] for k, t in enumerate(significant)}
    for tok in tokens:
        text = tok.string
        if tok.type == tokenize.COMMENT and LETTER.search(text) and not SKIP_COMMENT.match(text):
            spans.append((tok.start, tok.end))
        elif tok.type == tokenize.STRING and LETTER.search(text) and (" " in text or _is_label(before[id(tok)])):
            spans.append((tok.start, tok.end))
    pieces: list[Piece] = []
    position = 0
    for (r0, c0), (r1, c1) in spans:
        start, end = offsets[r0 - 1] + c0, offsets[r1 - 1] + c1
        if start > position:
            pieces.append((source[position:start], False))
        pieces.append((source[start:end], True))
        position = end
    if position < len(source):
        pieces.append((source[position:], False))
    return pieces


def _is_label(previous: list[tokenize.TokenInfo]) -> bool:
    """Whether a string literal after these two tokens is a plot label: ``label=`` or ``set_xlabel(``."""
    if len(previous) < 2:
        return False
    name, op = previous
    return name.type == tokenize.NAME and (
        (op.string == "=" and name.string in LABEL_KEYWORDS) or (op.string == "(" and name.string in LABEL_CALLS))


def units(pieces: list[Piece]) -> list[str]:
    return [text for text, unit in pieces if unit]


def rebuild(pieces: list[Piece], translate: Callable[[str], str]) -> str:
    return "".join(translate(text) if unit else text for text, unit in pieces)
