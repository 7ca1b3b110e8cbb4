"""Run notebooks top to bottom, each in a fresh kernel, and store their outputs in place.

This is the only way notebook outputs are written (``make execute``). It uses the environment of every
scripted run (``utils.seed.RUN_ENV``: one thread per library) and sets ``NWM_EXPORT=1`` so that notebooks
refresh the data files of the website's explorables.

    python -m scripts.execute_notebooks chapters/01_memoryless_networks.ipynb [...]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from scripts.run_notebook import run


def execute(path: Path, timeout: int = 900) -> float:
    """Execute one notebook in place; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    seconds = run(nb, path.parent, timeout=timeout, env={"NWM_EXPORT": "1"})
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args()
    for path in args.notebooks:
        print(f"executing {path} ...", flush=True)
        try:
            seconds = execute(path)
        except Exception as exc:  # show which notebook failed, then stop
            print(f"FAILED {path}: {type(exc).__name__}: {str(exc)[-3000:]}", file=sys.stderr)
            return 1
        print(f"  {path.name}: {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
