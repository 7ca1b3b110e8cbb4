"""Reproducible runs: one call seeds everything a chapter uses, and the environment every scripted run uses.

``RUN_ENV`` is the one definition of the environment in which notebooks are executed and tested
(``make execute``, ``make bench``, nbval and the unit tests through ``conftest.py``): one thread per
numerical library and no debugger warnings on stderr. A learner's own session needs none of it, because
``set_seed`` already fixes what decides the numbers.
"""
from __future__ import annotations

import os
import random

import numpy as np
import torch

RUN_ENV: dict[str, str] = {
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "JUPYTER_PLATFORM_DIRS": "1",
}
"""Environment variables of every scripted run (execution, bench, tests)."""


def set_seed(seed: int = 0, threads: int = 1) -> None:
    """Seed Python, NumPy and PyTorch, use ``threads`` CPU threads and deterministic algorithms.

    One thread makes every run bit-identical (1 and 2 threads differ in the 7th digit), and small
    recurrent networks are fastest on one thread anyway.
    """
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)
