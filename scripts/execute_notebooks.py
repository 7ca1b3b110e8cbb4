"""Run notebooks top to bottom, each in a fresh kernel, and store their outputs in place.

This is the only way notebook outputs are written (``make execute``). It uses the environment of every
scripted run (``utils.seed.RUN_ENV``: one thread per library) and sets ``NWM_EXPORT=1`` so that notebooks
refresh the data files of the website's explorables (the English notebooks only: the Russian ones train the
same models and would write the same files).

    python -m scripts.execute_notebooks chapters/01_memoryless_networks.ipynb [...] [--jobs 2]
"""
from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from scripts.run_notebook import run

ROOT = Path(__file__).resolve().parent.parent


def execute(path: Path, timeout: int = 900) -> float:
    """Execute one notebook in place; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    export = {} if "ru" in path.resolve().relative_to(ROOT).parts[:1] else {"NWM_EXPORT": "1"}
    seconds = run(nb, path.parent, timeout=timeout, env=export)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("NWM_JOBS", "1")),
                        help="notebooks run at the same time (each kernel uses one thread)")
    args = parser.parse_args()

    def one(path: Path) -> bool:
        print(f"executing {path} ...", flush=True)
        try:
            seconds = execute(path)
        except Exception as exc:  # show which notebook failed
            print(f"FAILED {path}: {type(exc).__name__}: {str(exc)[-3000:]}", file=sys.stderr, flush=True)
            return False
        print(f"  {path}: {seconds:.1f} s", flush=True)
        return True

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        ok = list(pool.map(one, args.notebooks))
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
