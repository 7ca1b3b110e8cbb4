"""Run notebooks top to bottom, each in a fresh kernel, and store their outputs in place.

This is the only way notebook outputs are written (``make execute``). It uses the same environment as
CI: the project's virtual environment, ``NWM_QUIET=1`` (no progress bars), one thread per library.

    python scripts/execute_notebooks.py chapters/01_memoryless_networks.ipynb [...]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

QUIET_ENV = {"NWM_QUIET": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
             "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def execute(path: Path, timeout: int = 900) -> float:
    """Execute one notebook in place; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args()
    os.environ.update(QUIET_ENV)
    os.environ.pop("NWM_BENCH_FILE", None)
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
