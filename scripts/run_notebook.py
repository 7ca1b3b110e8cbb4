"""Run one notebook in a fresh kernel with the course's scripted environment (``utils.seed.RUN_ENV``)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from utils.seed import RUN_ENV


def run(nb: nbformat.NotebookNode, directory: Path, timeout: int = 900, allow_errors: bool = False,
        env: dict[str, str] | None = None) -> float:
    """Execute ``nb`` in place (outputs are written into the object) with ``directory`` as its working
    directory; return the seconds it took."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                            record_timing=False, resources={"metadata": {"path": str(directory)}})
    env = env or {}
    drop = tuple(k for k in ("NWM_BENCH_FILE", "NWM_PROGRESS", "NWM_EXPORT", "NWM_LANG") if k not in env)
    # the kernel gets its own environment (not os.environ, which notebooks run in parallel threads share)
    kernel_env = {k: v for k, v in os.environ.items() if k not in drop} | RUN_ENV | env
    start = time.perf_counter()
    client.execute(env=kernel_env)
    return time.perf_counter() - start
