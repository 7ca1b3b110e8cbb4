"""Run one notebook in a fresh kernel with the course's scripted environment (``utils.seed.RUN_ENV``)."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from utils.seed import RUN_ENV


@contextmanager
def environment(extra: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> Iterator[None]:
    """Set ``RUN_ENV`` (plus ``extra``, minus ``drop``) for the block; restore the old values after it."""
    wanted = {**RUN_ENV, **(extra or {})}
    saved = {k: os.environ.get(k) for k in [*wanted, *drop]}
    os.environ.update(wanted)
    for key in drop:
        os.environ.pop(key, None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


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
    with environment(env, drop=drop):
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start
