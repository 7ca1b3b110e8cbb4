"""``make bench``: execute every notebook in a fresh kernel (on a copy, never in place), time each, collect
the metrics the notebooks ``record``, and write them for the results page.

    python -m scripts.bench chapters/*.ipynb [--seeds 3] [--scale full] [--jobs 2]

With ``--seeds N`` each notebook runs N times with ``SEED`` = 0 … N-1 injected after its ``parameters`` cell;
the metrics of seed 0 are the book's numbers, and every metric also gets its mean, standard deviation and
count over the seeds. ``--scale full`` injects ``SCALE = "full"`` (the long runs of ``make bench-full``).

Writes ``_build/bench/results.json`` (``results_full.json`` at full scale) as
``{"metrics": {name: value}, "seeds": {name: {"mean", "std", "n"}}, "notebooks": {...}, "machine": {...}}``
and copies it to ``bench/`` (committed), from which ``scripts.results_page`` renders ``results.md``.
Fails when a notebook exceeds its time budget, when two notebooks record the same metric, or when a
notebook records a metric twice.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from scripts.notebook_params import inject, parameters_cell
from scripts.run_notebook import run as run_notebook
from utils.metrics import ENV_VAR, read_records

OUT = Path("_build/bench")
COMMITTED = Path("bench")


def machine(threads: int) -> dict:
    """What the numbers were measured on."""
    import torch

    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(), "python": platform.python_version(), "torch": torch.__version__,
            "torch_threads": threads, "date": time.strftime("%Y-%m-%d"),
            "device": "cuda" if torch.cuda.is_available() else "cpu"}


def code_hash(path: Path) -> str:
    """sha256 (12 hex digits) of a notebook's code cells: changes whenever its code does."""
    nb = nbformat.read(path, as_version=4)
    code = "\n\0".join(c.source for c in nb.cells if c.cell_type == "code")
    return hashlib.sha256(code.encode("utf-8")).hexdigest()[:12]


def carried_seeds(previous: Path, results: dict) -> dict:
    """Seed statistics of an earlier multi-seed bench, kept for the notebooks whose code has not changed."""
    if not previous.exists():
        return {}
    old = json.loads(previous.read_text(encoding="utf-8"))
    kept = {}
    for name, stats in old.get("seeds", {}).items():
        stem = old.get("owner", {}).get(name)
        now = results["notebooks"].get(stem, {}).get("code")
        if stem and now and now == old.get("notebooks", {}).get(stem, {}).get("code"):
            kept[name] = stats
    return kept


def run(path: Path, seed: int = 0, scale: str = "demo",
        resume: bool = False) -> tuple[float | None, list[tuple[str, float]]]:
    """Execute a copy of one notebook with ``SEED``/``SCALE`` injected; return (seconds, records).

    Each run leaves ``<stem>.seed<N>.<scale>.json`` (seconds, code hash, records); with ``resume`` a run
    whose file matches the notebook's current code is not repeated."""
    done = OUT / f"{path.stem}.seed{seed}.{scale}.json"
    if resume and done.exists():
        old = json.loads(done.read_text(encoding="utf-8"))
        if old.get("code") == code_hash(path):
            print(f"{path.stem:<28} seed {seed}: reusing the run of {old.get('when', '?')}", flush=True)
            return old["seconds"], [tuple(r) for r in old["records"]]
    records = OUT / f"{path.stem}.seed{seed}.{scale}.jsonl"
    records.unlink(missing_ok=True)
    nb = nbformat.read(path, as_version=4)
    if (seed, scale) != (0, "demo"):
        if parameters_cell(nb) is None:
            raise SystemExit(f"{path.name}: no cell tagged 'parameters' (SEED, SCALE): cannot inject seed/scale")
        nb = inject(nb, {"SEED": seed, "SCALE": scale})
    seconds = run_notebook(nb, path.parent, timeout=7200, env={ENV_VAR: str(records.resolve())})
    nbformat.write(nb, OUT / f"{path.stem}.seed{seed}.{scale}.ipynb")  # the executed copy, for inspection
    found = read_records(records)
    done.write_text(json.dumps({"seconds": seconds, "code": code_hash(path), "records": found,
                                "when": time.strftime("%Y-%m-%d %H:%M")}) + "\n", encoding="utf-8")
    return seconds, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--seeds", type=int, default=1, help="runs per notebook, with SEED = 0 … N-1")
    parser.add_argument("--scale", choices=["demo", "full"], default="demo")
    parser.add_argument("--budget", type=float, default=90.0, help="seconds allowed per notebook (demo)")
    parser.add_argument("--total-budget", type=float, default=480.0, help="seconds for all notebooks (demo)")
    parser.add_argument("--resume", action="store_true",
                        help="reuse runs of an interrupted bench whose notebook code has not changed")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("NWM_BENCH_JOBS", "1")),
                        help="notebooks run at the same time (each kernel uses one thread; at most one per core)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    threads = int(os.environ.get("NWM_BENCH_THREADS", "1"))
    results: dict = {"scale": args.scale, "seeds_run": args.seeds, "metrics": {}, "seeds": {}, "notebooks": {},
                     "machine": machine(threads)}
    values: dict[str, list[float]] = {}
    owner: dict[str, str] = {}
    problems: list[str] = []
    runs = [(path, seed) for path in args.notebooks for seed in range(args.seeds)]
    def attempt(job: tuple[Path, int]) -> tuple[float | None, list[tuple[str, float]]] | Exception:
        try:
            return run(job[0], job[1], args.scale, args.resume)
        except Exception as exc:  # one failing run must not lose the others: report it at the end
            print(f"{job[0].stem:<28} seed {job[1]}: FAILED ({type(exc).__name__})", flush=True)
            return exc

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        done = list(pool.map(attempt, runs))
    for (path, seed), outcome in zip(runs, done):
        if isinstance(outcome, Exception):
            problems.append(f"{path.stem} seed {seed} failed: {str(outcome)[-2000:]}")
            continue
        seconds, records = outcome
        names = [name for name, _ in records]
        for name in {n for n in names if names.count(n) > 1}:
            problems.append(f"{path.stem} records {name!r} {names.count(name)} times")
        for name, value in records:
            if owner.setdefault(name, path.stem) != path.stem:
                problems.append(f"{name!r} is recorded by {owner[name]} and by {path.stem}")
            if seed == 0:
                results["metrics"][name] = value
            values.setdefault(name, []).append(value)
        if seed == 0:
            if seconds is None:
                problems.append(f"{path.stem}: the seed-0 run has no time; run it again (without --resume)")
                continue
            results["notebooks"][path.stem] = {"seconds": round(seconds, 1), "code": code_hash(path)}
        shown = ", ".join(f"{k}={v:.4g}" for k, v in records)
        took = "   reused" if seconds is None else f"{seconds:7.1f} s"
        print(f"{path.stem:<28} seed {seed} {took}  {shown}", flush=True)
    results["owner"] = owner
    if args.seeds > 1:
        results["seeds"] = {name: {"mean": statistics.fmean(v), "std": statistics.stdev(v) if len(v) > 1 else 0.0,
                                   "n": len(v), "values": v} for name, v in values.items()}
    else:
        results["seeds"] = carried_seeds(COMMITTED / ("results.json" if args.scale == "demo" else
                                                      "results_full.json"), results)
    total = sum(v["seconds"] for v in results["notebooks"].values())
    results["total_seconds"] = round(total, 1)
    name = "results.json" if args.scale == "demo" else "results_full.json"
    (OUT / name).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{'total':<28}        {total:7.1f} s   -> {OUT / name}")
    if args.scale == "demo":
        over = {k: v["seconds"] for k, v in results["notebooks"].items() if v["seconds"] > args.budget}
        if over:
            problems.append(f"over the {args.budget:.0f} s budget per notebook: {over}")
        if len(args.notebooks) > 1 and total > args.total_budget:
            problems.append(f"all notebooks took {total:.0f} s, over the {args.total_budget:.0f} s budget")
    for problem in problems:
        print(f"bench: {problem}", file=sys.stderr)
    if problems:
        return 1
    COMMITTED.mkdir(exist_ok=True)
    shutil.copyfile(OUT / name, COMMITTED / name)
    print(f"copied to {COMMITTED / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
