"""The checker kit itself: the registry and its meta-tests (every checker is exported, labelled and tested),
hints that never write the solution, messages routed through ``tr``, ``compare``, ``seeded``, the time
limit and the restored global state."""
from __future__ import annotations

import ast
import inspect
import json
import re
import signal
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from checker_harness import assert_short_lines, rejects_with, run

from utils import checks, i18n
from utils.checks import core, sandbox
from utils.checks.matching import compare

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ROOT / "utils" / "checks"
CHAPTER_MODULES = sorted(CHECKS.glob("ch[0-9]*.py"))


# ---------------------------------------------------------------------------------------------------------
# the registry: every checker exported, labelled, tested
# ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("module", CHAPTER_MODULES, ids=lambda p: p.stem)
def test_every_chapter_module_has_all_and_a_test_file_naming_each_checker(module):
    mod = __import__(f"utils.checks.{module.stem}", fromlist=["__all__"])
    assert hasattr(mod, "__all__") and mod.__all__, f"{module.name} has no __all__"
    tests = ROOT / "tests" / f"test_checks_{module.stem}.py"
    assert tests.exists(), f"{module.name} has no {tests.name}"
    text = tests.read_text(encoding="utf-8")
    for name in mod.__all__:
        assert re.search(rf"\b{name}\b", text), f"{tests.name} never names {name}"
        exercise = core.REGISTRY.get(name)
        assert exercise is not None and exercise.module == mod.__name__, f"{name} is not registered by {module.name}"
        assert getattr(checks, name) is getattr(mod, name)


@pytest.mark.parametrize("module", sorted(CHECKS.glob("*.py")), ids=lambda p: p.name)
def test_modules_stay_short(module):
    assert len(module.read_text(encoding="utf-8").splitlines()) <= 400


def test_checks_exports_the_checkers_and_exercise_error_only():
    assert set(checks.__all__) == set(core.REGISTRY) | {"ExerciseError"}
    assert len(checks.__all__) == len(set(checks.__all__))
    for plumbing in ("compare", "run_checks", "Case", "Mistake"):
        assert plumbing not in checks.__all__ and plumbing not in dir(checks)


@pytest.mark.parametrize("name", sorted(core.REGISTRY))
def test_every_checker_takes_fn_and_reveal(name):
    parameters = inspect.signature(getattr(checks, name)).parameters
    assert list(parameters) == ["fn", "reveal"] and parameters["reveal"].default is False
    assert getattr(checks, name).__doc__


def test_every_label_is_an_exercise_of_a_chapter():
    labels = set()
    for notebook in (ROOT / "chapters").glob("*.ipynb"):
        labels |= set(re.findall(r":label: ([\w-]+)", notebook.read_text(encoding="utf-8")))
    for exercise in core.REGISTRY.values():
        assert exercise.label in labels, f"{exercise.name}: no exercise labelled {exercise.label}"


@pytest.mark.parametrize("name", sorted(core.REGISTRY))
def test_reveal_prints_the_reference_as_the_learner_writes_it(name):
    exercise = core.REGISTRY[name]
    out, error = run(getattr(checks, name), exercise.reference, reveal=True)
    assert error is None
    assert_short_lines(out)
    lines = out.splitlines()
    assert lines[0].startswith(f"🔑 {name}:") and exercise.label in lines[0]
    assert lines[1].startswith(f"def {exercise.signature}:")
    assert "_" + name not in out  # no private helper of the checker module
    assert lines[-1].startswith(f"✅ {name}:")


# ---------------------------------------------------------------------------------------------------------
# hints point at the idea, never at the solution's code
# ---------------------------------------------------------------------------------------------------------

def _code(text: str) -> str:
    return re.sub(r"\s+|torch\.|F\.|\.T\b", "", text)


def _solution_pieces(reference) -> set[str]:
    """Every line of the reference's body and every parenthesised expression in it (12 characters or more)."""
    source = inspect.getsource(reference)
    body = ast.parse(source).body[0].body
    pieces = set()
    for node in body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        segment = ast.get_source_segment(source, node) or ""
        for line in segment.splitlines():
            line = line.split("#")[0].strip()
            line = re.sub(r"^(return|[\w, \[\]:]+ =)\s*", "", line)
            pieces.add(_code(line))
        for call in ast.walk(node):
            if isinstance(call, (ast.Call, ast.BinOp)):
                pieces.add(_code(ast.get_source_segment(source, call) or ""))
    return {p for p in pieces if len(p) >= 12}


@pytest.mark.parametrize("name", sorted(core.REGISTRY))
def test_no_hint_writes_the_solution(name):
    exercise = core.REGISTRY[name]
    hints = [exercise.hint, exercise.error_hint] + [m.hint for m in exercise.mistakes]
    pieces = _solution_pieces(exercise.reference)
    for hint in hints:
        for piece in pieces:
            assert piece not in _code(hint), f"{name}: the hint gives away {piece!r}:\n{hint}"


@pytest.mark.parametrize("name", sorted(core.REGISTRY))
def test_every_checker_has_hints_and_names_a_section_or_idea(name):
    exercise = core.REGISTRY[name]
    assert exercise.hint and exercise.error_hint and len(exercise.mistakes) >= 3


def _calls(tree: ast.AST, name: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == name:
            yield node


@pytest.mark.parametrize("module", sorted(CHECKS.glob("*.py")), ids=lambda p: p.name)
def test_learner_facing_templates_are_literal_strings(module):
    """So that a translation catalog can be extracted: Mistake("..."), Case("..."), Forbidden("..."), hint="..." and
    error_hint="..." take literal strings; tr() takes a literal, or passes on one of those (never an f-string,
    a concatenation or a formatted string)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for call_name in ("Mistake", "Case", "Forbidden"):
        for call in _calls(tree, call_name):
            assert call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str), (
                f"{module.name}:{call.lineno}: {call_name}() needs a literal template")
    for call in _calls(tree, "tr"):
        assert call.args and isinstance(call.args[0], (ast.Constant, ast.Name, ast.Attribute)), (
            f"{module.name}:{call.lineno}: tr() needs a template, not a computed string")
    for call in _calls(tree, "_hint"):
        assert call.args and isinstance(call.args[0], ast.Call) and call.args[0].func.id == "tr", (
            f"{module.name}:{call.lineno}: _hint() takes a tr(...) call")
    for call in _calls(tree, "Exercise"):
        for keyword in call.keywords:
            if keyword.arg in ("hint", "error_hint"):
                assert isinstance(keyword.value, ast.Constant), f"{module.name}:{call.lineno}: {keyword.arg}"


def test_templates_lists_every_hint_and_case_name():
    found = core.templates()
    assert len(found) == len(set(found)) > 200
    for exercise in core.REGISTRY.values():
        assert exercise.hint in found and all(m.hint in found for m in exercise.mistakes)
        assert all(case.name in found for case in exercise.cases())
    assert "F.embedding, torch.embedding or nn.Embedding" in found


def test_every_message_goes_through_tr(monkeypatch):
    """With a catalog that marks every template, the ✅/⏳ lines and every part of an error are marked."""
    class Marking(dict):
        def get(self, key, default=None):
            return "«" + key + "»"

    monkeypatch.setattr(i18n, "_catalog", lambda language: Marking())
    good = core.REGISTRY["rnn_step"].reference
    assert run(checks.rnn_step, good)[0].startswith("«✅")
    assert run(checks.rnn_step, lambda *a: None)[0].startswith("«⏳")
    message = str(run(checks.rnn_step, lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + b))[1])
    assert message.startswith("«") and "«rnn_step, case 1" in message.replace("««", "«")
    assert "«Hint: «the previous state h is ignored" in " ".join(message.split())
    assert "«B=2, D=3, H=4»" in message  # the case's name
    assert "«values differ" in message


# ---------------------------------------------------------------------------------------------------------
# compare and seeded
# ---------------------------------------------------------------------------------------------------------

def test_compare_handles_nested_values():
    assert compare((torch.ones(2), 3), (torch.ones(2), 3)) is None
    assert "expected 2 item(s)" in compare([1], [1, 2])
    assert "expected the number" in compare("x", 1.5)
    assert compare(np.float64(1.5), 1.5) is None
    assert "got NaN" in compare(float("nan"), 1.5)
    assert "expected a numpy array" in compare(torch.zeros(2), np.zeros(2))
    assert "h_next: values differ" in compare((torch.zeros(2),), (torch.ones(2),), names=("h_next",))
    assert "out[1]: values differ" in compare([torch.ones(1), torch.zeros(1)], [torch.ones(1)] * 2, names="out")


@pytest.mark.parametrize("got, fragment", [
    (torch.ones(2, dtype=torch.complex128), "complex"),
    (torch.ones(2, dtype=torch.bfloat16), "expected dtype torch.float64, got torch.bfloat16"),
    (torch.ones(2, dtype=torch.float64).to_sparse(), "sparse"),
    (torch.ones(2, dtype=torch.float64, device="meta"), "'meta' device"),
    (torch.ones(2, dtype=torch.int32), "expected dtype torch.float64, got torch.int32"),
    (np.ones(2), "expected a torch.Tensor"),
])
def test_compare_describes_strange_tensors_without_crashing(got, fragment):
    assert fragment in compare(got, torch.ones(2, dtype=torch.float64))


def test_compare_integers_in_any_container():
    for got in (np.array(5), np.int64(5), 5.0, torch.tensor(5), np.array([5]), 5):
        assert compare(got, 5) is None, got
    for got in (True, 5.5, "5", np.array(5.5), 5 + 0j):
        assert "expected the integer" in compare(got, 5), got
    assert "torch.int32" in compare(torch.ones(2, dtype=torch.int32), torch.ones(2, dtype=torch.int64))


def test_seeded_is_reproducible_and_shares_a_generator():
    assert torch.equal(core.seeded(3, 4, seed=1), core.seeded(3, 4, seed=1))
    assert core.seeded(2, seed=0, dtype=torch.float32).dtype == torch.float32
    ints = core.seeded(100, seed=2, low=3, high=7, dtype=torch.int64)
    assert ints.dtype == torch.int64 and ints.min() >= 3 and ints.max() < 7
    uniform = core.seeded(100, seed=3, low=0.4, high=0.6)
    assert uniform.min() >= 0.4 and uniform.max() < 0.6
    gen = torch.Generator().manual_seed(5)
    a, b = core.seeded(3, seed=gen), core.seeded(3, seed=gen)
    assert not torch.equal(a, b) and torch.equal(torch.cat([a, b]), core.seeded(6, seed=5))


# ---------------------------------------------------------------------------------------------------------
# run_checks: partial answers, the time limit, global state
# ---------------------------------------------------------------------------------------------------------

CASES = [core.Case("first", (1,)), core.Case("second", (2,))]


def twice(x):
    return 2 * x


def double(fn):
    """A checker built on run_checks directly, for the tests below."""
    core.run_checks("double", fn, CASES, twice)


def test_run_checks_none_in_a_later_case_is_a_missing_return():
    rejects_with(double, lambda x: 2 if x == 1 else None, case=2, message_contains="returns None here",
                 hint_contains="`return`")


def test_run_checks_does_not_let_the_learner_change_the_cases():
    data = torch.ones(3)

    def mutating(t):
        t.mul_(0)
        return t.sum()

    with pytest.raises(core.ExerciseError, match="in place"):
        core.run_checks("total", mutating, [core.Case("ones", (data,))], lambda t: t.sum())
    assert torch.equal(data, torch.ones(3))


def test_run_checks_reports_the_earliest_problem():
    def wrong_then_raises(x):
        if x == 2:
            raise ValueError("late")
        return 3

    rejects_with(double, wrong_then_raises, case=1, message_contains="expected 2, got 3")


def test_run_checks_error_renders_without_a_traceback_in_jupyter():
    error = run(double, lambda x: 3)[1]
    lines = error._render_traceback_()
    assert "ExerciseError" in lines[0] and "double, case 1" in lines[0]
    assert all(len(re.sub(r"\x1b\[[0-9;]*m", "", line)) <= core.WIDTH for line in lines)


def test_the_time_limit_restores_the_previous_alarm_handler_and_timer(monkeypatch):
    monkeypatch.setattr(core, "TIME_LIMIT", 0.3)
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(True))
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    try:
        with pytest.raises(core.ExerciseError, match=r"more than 0\.3 s"):
            double(lambda x: time.sleep(5))
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0 < remaining < 2.0
        assert signal.getsignal(signal.SIGALRM) is not None and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_learner_who_catches_exceptions_is_still_stopped(monkeypatch):
    monkeypatch.setattr(core, "TIME_LIMIT", 0.3)

    def stubborn(x):
        while True:
            try:
                time.sleep(10)
            except Exception:  # does not catch the time limit
                pass

    def very_stubborn(x):
        for _ in range(3):
            try:
                time.sleep(10)
            except BaseException:  # noqa: B036 - catches the first stop; the limit fires again
                pass
        return 2 * x

    rejects_with(double, stubborn, case=1, message_contains="more than 0.3 s")
    start = time.monotonic()
    run(double, very_stubborn)
    assert time.monotonic() - start < 6


def test_no_time_limit_outside_the_main_thread(monkeypatch):
    monkeypatch.setattr(core, "TIME_LIMIT", 0.2)
    result = {}

    def check():
        result["out"] = run(double, lambda x: time.sleep(0.3) or 2 * x)

    thread = threading.Thread(target=check)
    thread.start()
    thread.join()
    out, error = result["out"]
    assert error is None and out.startswith("✅")


def test_global_state_is_restored_after_every_call():
    before = (torch.get_default_dtype(), torch.are_deterministic_algorithms_enabled(), torch.is_grad_enabled(),
              torch.get_num_threads(), np.geterr()["over"], torch.random.get_rng_state())

    def careless(x):
        torch.set_default_dtype(torch.float64)
        torch._C._set_deterministic_algorithms(True)  # what use_deterministic_algorithms(True) sets
        torch.set_grad_enabled(False)
        torch.set_num_threads(1)
        np.seterr(over="raise")
        torch.manual_seed(0)
        return 2 * x

    out, error = run(double, careless)
    assert error is None and out.startswith("✅")
    after = (torch.get_default_dtype(), torch.are_deterministic_algorithms_enabled(), torch.is_grad_enabled(),
             torch.get_num_threads(), np.geterr()["over"], torch.random.get_rng_state())
    assert before[:5] == after[:5] and torch.equal(before[5], after[5])


def test_forbidden_functions_are_refused_under_any_alias():
    refused = [sandbox.Forbidden("torch.cumprod", (torch.cumprod, torch.Tensor.cumprod, torch.ops.aten.cumprod))]
    for fn in (lambda t: torch.cumprod(t, 0), lambda t: t.cumprod(0), lambda t: torch.ops.aten.cumprod(t, 0),
               lambda t: torch.ops.aten.cumprod.default(t, 0)):
        outcome = sandbox.call(fn, [torch.ones(3)], {}, None, refused)
        assert outcome.kind == "forbidden" and outcome.forbidden == "torch.cumprod", fn
    assert sandbox.call(lambda t: t.cumsum(0), [torch.ones(3)], {}, None, refused).kind == "value"


def test_sections_named_by_hints_exist():
    """A hint that sends the learner to "section '...'" names (the start of) a heading of a chapter notebook."""
    headings = []
    for notebook in (ROOT / "chapters").glob("*.ipynb"):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for line in "".join(cell["source"]).splitlines() if cell["cell_type"] == "markdown" else []:
                match = re.match(r"#+ (?:\d+[a-z]?(?:\.\d+)*\.? )?(.*)", line)
                headings += [match.group(1).strip()] if match else []
    for exercise in core.REGISTRY.values():
        for hint in [exercise.hint, exercise.error_hint] + [m.hint for m in exercise.mistakes]:
            for section in re.findall(r"(?:section|chapter \d+),? (?:[\d.]+, )?'([^']+)'", hint):
                assert any(h.startswith(section) for h in headings), f"{exercise.name}: no heading {section!r}"
