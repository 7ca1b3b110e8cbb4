"""Record a chapter's key results for ``make bench``.

``record(name, value)`` appends one JSON line ``{"name": ..., "value": ...}`` to the file named by the
environment variable ``NWM_BENCH_FILE``. When the variable is not set (a reader running the notebook,
nbval, the book build) it does nothing and prints nothing.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path

ENV_VAR = "NWM_BENCH_FILE"


def record(name: str, value: float) -> None:
    """Append ``name = value`` to the bench file, if ``make bench`` asked for one."""
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"record(): the metric name must be an identifier like 'imdb_test_acc', got {name!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"record(): metric {name!r} is {value}; only finite numbers can be recorded")
    target = os.environ.get(ENV_VAR)
    if not target:
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"name": name, "value": value}) + "\n")


def read_records(path: str | Path) -> dict[str, float]:
    """Read a bench file back into ``{name: value}`` (a later record of a name wins)."""
    path = Path(path)
    if not path.exists():
        return {}
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out[item["name"]] = float(item["value"])
    return out
