"""The plumbing in utils/ and scripts/: seeding, bench records, the training loop, plots, diagrams, the
checker core, the student copies, the link checker and the results page."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from utils import bench, checks  # noqa: E402
from utils.plots import plot_curves, plot_heatmap, plot_sequences, use_style  # noqa: E402
from utils.seed import set_seed  # noqa: E402
from utils.train import accuracy, count_parameters, evaluate, fit, make_loader  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import check_links  # noqa: E402
import make_student  # noqa: E402
import results_page  # noqa: E402


def test_set_seed_makes_runs_identical():
    set_seed(3)
    a = torch.randn(5), np.random.rand(3)
    set_seed(3)
    b = torch.randn(5), np.random.rand(3)
    assert torch.equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert torch.get_num_threads() == 1 and torch.are_deterministic_algorithms_enabled()


def test_record_is_silent_without_the_variable(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv(bench.ENV_VAR, raising=False)
    bench.record("some_metric", 0.5)
    assert capsys.readouterr() == ("", "")
    target = tmp_path / "b" / "records.jsonl"
    monkeypatch.setenv(bench.ENV_VAR, str(target))
    bench.record("some_metric", 0.5)
    bench.record("other", 2)
    bench.record("some_metric", 0.75)
    assert bench.read_records(target) == {"some_metric": 0.75, "other": 2.0}


@pytest.mark.parametrize("name, value", [("not an identifier", 1.0), ("x", float("nan")), ("y", float("inf"))])
def test_record_rejects_bad_names_and_values(name, value):
    with pytest.raises(ValueError, match="record"):
        bench.record(name, value)


def _toy_problem():
    set_seed(0)
    X = torch.randn(256, 4)
    y = (X[:, 0] + X[:, 1] > 0).long()
    return make_loader(X, y, batch_size=32, shuffle=True), make_loader(X, y, batch_size=128)


def test_fit_learns_and_prints_one_rounded_line_per_epoch(capsys):
    train, valid = _toy_problem()
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 2))
    history = fit(model, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), 1e-2), train, 5,
                  valid, metric=accuracy, clip_grad_norm=1.0)
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    assert len(lines) == 5 and lines[-1].startswith("epoch   5/5") and "valid acc" in lines[-1]
    assert out.err == ""  # NWM_QUIET or not a terminal: no progress bar on stderr
    assert history.train_loss[-1] < history.train_loss[0] and history.valid_metric[-1] > 0.9
    assert len(history.grad_norm) == 5 and history.total_seconds > 0
    loss, acc = evaluate(model, valid, nn.CrossEntropyLoss(), accuracy)
    assert acc == pytest.approx(history.valid_metric[-1])
    assert count_parameters(model) == 4 * 16 + 16 + 16 * 2 + 2


def test_fit_is_reproducible():
    results = []
    for _ in range(2):
        train, valid = _toy_problem()
        set_seed(1)
        model = nn.Linear(4, 2)
        h = fit(model, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), 0.1), train, 2, print_every=0)
        results.append(h.train_loss)
    assert results[0] == results[1]


def test_fit_stops_with_a_clear_message_when_the_loss_explodes():
    train, _ = _toy_problem()
    model = nn.Linear(4, 2)
    with torch.no_grad():
        model.weight.fill_(float("nan"))
    with pytest.raises(FloatingPointError, match="smaller learning rate"):
        fit(model, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), 0.1), train, 1, print_every=0)


def test_make_loader_rejects_mismatched_tensors():
    with pytest.raises(ValueError, match="disagree"):
        make_loader(torch.zeros(3, 2), torch.zeros(4))


def test_plots_draw_and_label():
    use_style()
    ax = plot_curves({"train": [3, 2, 1], "valid": [3, 2.5, 2]}, title="t", logy=True)
    assert ax.get_yscale() == "log" and len(ax.lines) == 2
    ax = plot_sequences({"a": np.arange(5)}, ylabel="°C")
    assert ax.get_ylabel() == "°C"
    ax = plot_heatmap(np.random.randn(3, 4), xticklabels=list("abcd"))
    assert ax.images
    with pytest.raises(ValueError, match="2-D"):
        plot_heatmap(np.zeros(3))
    plt.close("all")


def test_diagrams_draw_without_error():
    from utils.diagrams.memoryless import draw_memoryless_pair

    fig = draw_memoryless_pair()
    assert len(fig.axes) == 2 and fig.axes[0].patches
    plt.close("all")


def test_compare_handles_nested_values():
    assert checks.compare((torch.ones(2), 3), (torch.ones(2), 3)) is None
    assert "expected 2 item(s)" in checks.compare([1], [1, 2])
    assert "expected the number" in checks.compare("x", 1.5)
    assert checks.compare(np.float64(1.5), 1.5) is None
    assert "got NaN" in checks.compare(float("nan"), 1.5)
    assert "expected a numpy array" in checks.compare(torch.zeros(2), np.zeros(2))


def test_run_checks_reports_none_in_a_later_case():
    cases = [checks.Case("first", (1,)), checks.Case("second", (2,))]
    with pytest.raises(checks.ExerciseError, match="returned None"):
        checks.run_checks("double", lambda x: 2 if x == 1 else None, cases, lambda x: 2 * x)


def test_run_checks_does_not_let_the_learner_change_the_cases():
    data = torch.ones(3)

    def mutating(t):
        t.mul_(0)
        return t.sum()

    with pytest.raises(checks.ExerciseError):
        checks.run_checks("total", mutating, [checks.Case("ones", (data,))], lambda t: t.sum())
    assert torch.equal(data, torch.ones(3))


def _notebook_with_solution() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("```{exercise-start}\n:label: x\n```\nDo it."),
        nbformat.v4.new_code_cell("def f():\n    return None"),
        nbformat.v4.new_markdown_cell("```{exercise-end}\n```"),
        nbformat.v4.new_markdown_cell("```{solution-start} x\n:class: dropdown\n```"),
        nbformat.v4.new_code_cell("def f():\n    return 1", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```"),
        nbformat.v4.new_markdown_cell("```{solution-start} y\n```\nAn answer in one cell.\n```{solution-end}\n```"),
        nbformat.v4.new_markdown_cell("## Summary"),
    ]
    return nb


def test_make_student_drops_every_solution():
    nb, dropped = make_student.strip_solutions(_notebook_with_solution())
    sources = [c.source for c in nb.cells]
    assert dropped == 4 and not any("solution" in s or "return 1" in s for s in sources)
    assert sources[-1] == "## Summary" and len(nb.cells) == 4


def test_the_course_notebooks_have_solutions_to_strip():
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb, dropped = make_student.strip_solutions(nbformat.read(path, as_version=4))
        assert dropped > 0, f"{path.name} has no solution cells"
        assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)


def test_check_links_finds_broken_files_and_anchors(tmp_path, capsys):
    (tmp_path / "a.html").write_text('<a href="b.html#here">ok</a><a href="b.html#gone">x</a>'
                                     '<a href="missing.html">y</a><a href="https://example.org">ext</a>')
    (tmp_path / "b.html").write_text('<h1 id="here">B</h1><a href="#top">no top</a>')
    assert check_links.main(tmp_path) == 1
    out = capsys.readouterr().out
    assert "#gone" in out and "missing.html" in out and "#top" in out and "example.org" not in out
    (tmp_path / "a.html").write_text('<a href="b.html#here">ok</a>')
    (tmp_path / "b.html").write_text('<h1 id="here">B</h1>')
    assert check_links.main(tmp_path) == 0


def test_results_page_renders_metrics_anchors_and_times():
    text = results_page.render({"metrics": {"imdb_test_acc_glove": 0.81234, "extra_metric": 1.0},
                                "notebooks": {"01_x": {"seconds": 12.3}}, "total_seconds": 12.3,
                                "machine": {"cpus": 2, "torch": "2.13.0", "torch_threads": 1}})
    assert "0.8123" in text and "0.861" in text and "extra_metric" in text and "12.3" in text
    assert "not recorded yet" in text


def test_committed_results_page_is_generated_from_a_bench_file():
    page = (ROOT / "results.md").read_text(encoding="utf-8")
    assert page.startswith("# Results") and "make bench" in page


def test_requirements_are_pinned():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    pins = [line for line in lines if line and not line.startswith("-")]
    assert pins and all("==" in line for line in pins)
    assert "torch==2.13.0" in pins and "-e ." in lines


def test_bench_writes_json(tmp_path, monkeypatch):
    """bench.run executes a notebook copy and collects its records (a tiny notebook, so it is fast)."""
    import bench as bench_script

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from utils.bench import record\nrecord('tiny_metric', 0.25)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    monkeypatch.setattr(bench_script, "OUT", tmp_path / "bench")
    (tmp_path / "bench").mkdir()
    seconds, metrics = bench_script.run(path)
    assert metrics == {"tiny_metric": 0.25} and seconds > 0
    assert nbformat.read(path, as_version=4).cells[0].outputs == []  # the original was not touched
    os.environ.pop(bench.ENV_VAR, None)
