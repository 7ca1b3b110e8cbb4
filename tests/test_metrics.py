"""Recorded metrics (utils.metrics), the bench (scripts.bench) and the results page (scripts.results_page)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from scripts import bench, results_page
from utils import metrics
from utils.metrics import COMPARISONS, METRICS, record

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
RECORD = re.compile(r"""\brecord\(\s*["'](\w+)["']""")


def recorded_names() -> dict[str, list[str]]:
    """metric name -> the notebooks whose code records it."""
    found: dict[str, list[str]] = {}
    for path in NOTEBOOKS:
        code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        for name in set(RECORD.findall(code)):
            found.setdefault(name, []).append(path.stem)
    return found


def test_record_is_silent_without_the_variable(monkeypatch, tmp_path, capsys):
    record("imdb_test_acc_lstm", 0.5)
    assert capsys.readouterr() == ("", "")
    target = tmp_path / "b" / "records.jsonl"
    monkeypatch.setenv(metrics.ENV_VAR, str(target))
    record("imdb_test_acc_lstm", 0.5)
    record("imdb_test_acc_gru", 2)
    assert metrics.read_records(target) == [("imdb_test_acc_lstm", 0.5), ("imdb_test_acc_gru", 2.0)]


@pytest.mark.parametrize("name, value", [("not_described_anywhere", 1.0), ("imdb_test_acc_lstm", float("nan")),
                                         ("imdb_test_acc_lstm", float("inf"))])
def test_record_rejects_unknown_names_and_bad_values(name, value):
    with pytest.raises(ValueError, match="record"):
        record(name, value)


def test_every_metric_a_notebook_records_is_described_and_recorded_once():
    found = recorded_names()
    unknown = sorted(set(found) - set(METRICS))
    assert not unknown, f"recorded but not described in utils/metrics.py METRICS: {unknown}"
    twice = {name: stems for name, stems in found.items() if len(stems) > 1}
    assert not twice, f"recorded by more than one notebook: {twice}"
    never = sorted(set(METRICS) - set(found))
    assert not never, f"described in METRICS but recorded by no notebook: {never}"


def test_metric_directions_match_their_names():
    for name, m in METRICS.items():
        assert m.better in ("higher", "lower")
        if re.search(r"(_acc|_match)(_|$)", name):
            assert m.better == "higher", name
        if re.search(r"(_rmse|_bpc|_loss|_error|_ratio)(_|$)", name):
            assert m.better == "lower", name
    pairs = {n[: -len("_memoryless")] for n in METRICS if n.startswith("memory_wins_") and n.endswith("_memoryless")}
    for stem in pairs:
        assert f"{stem}_recurrent" in METRICS, f"{stem}_memoryless has no _recurrent partner"
        assert METRICS[f"{stem}_memoryless"].better == METRICS[f"{stem}_recurrent"].better


def test_every_comparison_pairs_two_described_metrics_with_the_same_direction():
    for task, memoryless, recurrent in COMPARISONS:
        assert memoryless in METRICS and recurrent in METRICS, task
        assert METRICS[memoryless].better == METRICS[recurrent].better, task


@pytest.mark.parametrize(("better", "a", "b", "verdict"), [
    ("higher", (0.80, 0.01), (0.85, 0.01), "memory wins"),
    ("higher", (0.88, 0.003), (0.883, 0.002), "tie"),
    ("lower", (2.27, 0.0), (2.34, 0.02), "no memory wins"),
    ("lower", (2.05, 0.0), (1.95, 0.03), "memory wins"),
])
def test_the_results_page_calls_a_win_only_beyond_the_seed_spread(better, a, b, verdict):
    stats = [{"mean": m, "std": s, "n": 3} for m, s in (a, b)]
    assert results_page._verdict(better, *stats).startswith(verdict)


def _tiny_notebook(path: Path, code: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("SEED = 0\nSCALE = 'demo'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_bench_runs_seeds_and_refuses_a_metric_recorded_twice(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bench, "OUT", tmp_path / "out")
    monkeypatch.setattr(bench, "COMMITTED", tmp_path / "committed")
    first = _tiny_notebook(tmp_path / "a.ipynb",
                           "from utils.metrics import record\nrecord('imdb_test_acc_lstm', 0.5 + SEED / 10)")
    assert bench.main([str(first), "--seeds", "2"]) == 0
    result = json.loads((tmp_path / "committed" / "results.json").read_text())
    assert result["metrics"] == {"imdb_test_acc_lstm": 0.5}
    assert result["seeds"]["imdb_test_acc_lstm"]["n"] == 2
    assert result["seeds"]["imdb_test_acc_lstm"]["mean"] == pytest.approx(0.55)
    assert nbformat.read(first, as_version=4).cells[1].outputs == []  # the original was not touched
    second = _tiny_notebook(tmp_path / "b.ipynb",
                            "from utils.metrics import record\nrecord('imdb_test_acc_lstm', 0.7)")
    assert bench.main([str(first), str(second)]) == 1
    assert "recorded by a and by b" in capsys.readouterr().err


def test_results_page_renders_every_metric_with_seeds_and_full_scale():
    demo = {"metrics": {"imdb_test_acc_glove": 0.81234}, "notebooks": {"01_x": {"seconds": 12.3}},
            "total_seconds": 12.3, "seeds": {"imdb_test_acc_glove": {"mean": 0.8, "std": 0.01, "n": 3}},
            "machine": {"cpus": 2, "torch": "2.13.0", "torch_threads": 1}}
    full = {"metrics": {"imdb_test_acc_glove": 0.9}, "notebooks": {"01_x": {"seconds": 99.0}},
            "total_seconds": 99.0, "machine": {"cpus": 2}}
    text = results_page.render(demo, full)
    assert "0.8123" in text and "0.8 ± 0.01 (n = 3)" in text and "0.9 |" in text and "99.0" in text
    for name in METRICS:
        assert f"`{name}`" in text


def test_committed_results_page_is_regenerated_from_the_committed_bench_files():
    demo, full = results_page._load("results.json"), results_page._load("results_full.json")
    assert demo, "bench/results.json is missing: run `make bench`"
    assert (ROOT / "results.md").read_text(encoding="utf-8") == results_page.render(demo, full), (
        "results.md differs from what bench/*.json give: run `python -m scripts.results_page` (never edit it)")


def test_committed_bench_is_not_stale():
    demo = results_page._load("results.json")
    stale = {stem: info["code"] for stem, info in demo.get("notebooks", {}).items()
             if (ROOT / "chapters" / f"{stem}.ipynb").exists()
             and bench.code_hash(ROOT / "chapters" / f"{stem}.ipynb") != info.get("code")}
    assert not stale, f"notebooks changed since the last `make bench`: {sorted(stale)}"
    assert set(demo.get("notebooks", {})) == {p.stem for p in NOTEBOOKS}
