"""``make bench``: execute every notebook in a fresh kernel (on an in-memory copy, never in place), time
each, collect the metrics the notebooks ``record``, write ``_build/bench/results.json`` and print a table.

    python scripts/bench.py chapters/*.ipynb
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from execute_notebooks import QUIET_ENV  # noqa: E402

from utils.bench import ENV_VAR, read_records  # noqa: E402

OUT = Path("_build/bench")


def machine() -> dict:
    """What the numbers were measured on."""
    import torch

    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(), "python": platform.python_version(), "torch": torch.__version__,
            "torch_threads": 1, "date": time.strftime("%Y-%m-%d")}


def run(path: Path) -> tuple[float, dict[str, float]]:
    """Execute a copy of one notebook; return (seconds, recorded metrics)."""
    records = OUT / f"{path.stem}.jsonl"
    records.unlink(missing_ok=True)
    os.environ[ENV_VAR] = str(records.resolve())
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    nbformat.write(nb, OUT / path.name)  # the executed copy, for inspection
    return seconds, read_records(records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds allowed per notebook (COURSE.md: 60)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.update(QUIET_ENV)
    results: dict = {"notebooks": {}, "metrics": {}, "machine": machine()}
    for path in args.notebooks:
        seconds, metrics = run(path)
        results["notebooks"][path.stem] = {"seconds": round(seconds, 1)}
        for name, value in metrics.items():
            results["metrics"][name] = value
        print(f"{path.stem:<36} {seconds:6.1f} s  " + ", ".join(f"{k}={v:.4g}" for k, v in metrics.items()),
              flush=True)
    total = sum(v["seconds"] for v in results["notebooks"].values())
    results["total_seconds"] = round(total, 1)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{'total':<36} {total:6.1f} s   -> {OUT / 'results.json'}")
    over = {k: v["seconds"] for k, v in results["notebooks"].items() if v["seconds"] > args.budget}
    if over:
        print(f"over the {args.budget:.0f} s budget: {over}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
