"""Adversarial answers that every registered checker must handle, and the specific answers of issue 13.

``KINDS`` is a table of generic answers, each built from a checker's own reference solution (a right
answer made wrong, or a right answer that misbehaves): they are applied to EVERY checker in
``core.REGISTRY``, so a new checker is covered without editing this file. A kind that cannot apply to a
checker (no float output to make complex, no input to sort or change) is left out for it.

``outcome`` classifies what a checker did with an answer; ``scripts``-free use: it also builds the
before/after table of the report (see ``table``).
"""
from __future__ import annotations

import os
import random
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
import torch
from checker_harness import assert_short_lines, flat, run

from utils import checks
from utils.checks import core, sandbox

HANG_LIMIT = 0.5  # seconds per case while these tests run


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch):
    monkeypatch.setattr(core, "TIME_LIMIT", HANG_LIMIT)


# ---------------------------------------------------------------------------------------------------------
# building answers from a reference
# ---------------------------------------------------------------------------------------------------------

def _map(value: Any, tensor: Callable[[torch.Tensor], Any], number: Callable[[float], Any] = lambda x: x) -> Any:
    if isinstance(value, torch.Tensor):
        return tensor(value)
    if isinstance(value, tuple):
        return tuple(_map(v, tensor, number) for v in value)
    if isinstance(value, list):
        return [_map(v, tensor, number) for v in value]
    if isinstance(value, float):
        return number(value)
    return value


def _sort(value: Any) -> Any:
    """Every sequence in ``value`` sorted: tensors along their last axis, lists of words or numbers."""
    if isinstance(value, torch.Tensor) and value.dim() and value.numel() > 1:
        sorted_ = value.to(torch.uint8).sort(dim=-1).values.bool() if value.dtype == torch.bool else value.sort(
            dim=-1).values
        return sorted_
    if isinstance(value, list) and value and (all(isinstance(v, str) for v in value) or all(
            isinstance(v, (int, float)) for v in value)):
        return sorted(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_sort(v) for v in value)
    return value


def _mutate(value: Any) -> bool:
    """Change ``value`` in place (the way a careless answer would); whether it could be changed."""
    if isinstance(value, torch.Tensor):
        if value.dtype == torch.bool:
            value.logical_not_()
        else:
            value.add_(1)
        return True
    if isinstance(value, list):
        value.append(value[0] if value else 0)
        return True
    if isinstance(value, dict):
        value["<added by the answer>"] = -1
        return True
    return False


def _mutable(value: Any) -> bool:
    return isinstance(value, (torch.Tensor, list, dict))


def _has(value: Any, test: Callable[[Any], bool]) -> bool:
    if test(value):
        return True
    return isinstance(value, (tuple, list)) and any(_has(v, test) for v in value)


def _is_float_tensor(v: Any) -> bool:
    return isinstance(v, torch.Tensor) and v.is_floating_point()


def _counted(answer: Callable[[int, tuple], Any]) -> Callable[..., Any]:
    """A learner's function that knows how many times it was called (1 for the first case)."""
    calls = [0]

    def fn(*args):
        calls[0] += 1
        return answer(calls[0], args)
    return fn


@dataclass(frozen=True)
class Kind:
    """A generic adversarial answer: ``make(reference, cases, n_cases)`` builds it (None: does not apply);
    ``expect`` is "accepts", "pending", "rejects" or "interrupted"; ``says`` must be in the message."""

    name: str
    make: Callable[[Callable[..., Any], list, int], Callable[..., Any] | None]
    expect: str
    says: str = ""


def _complex(ref, cases, n):
    if not any(_has(ref(*c.args), lambda v: _is_float_tensor(v) or isinstance(v, float)) for c in cases):
        return None
    return lambda *a: _map(ref(*a), lambda t: t + 5j if t.is_floating_point() else t, lambda x: x + 5j)


def _bfloat16(ref, cases, n):
    if not any(_has(ref(*c.args), _is_float_tensor) for c in cases):
        return None
    return lambda *a: _map(ref(*a), lambda t: t.to(torch.bfloat16) if t.is_floating_point() else t)


def _sparse(ref, cases, n):
    if not any(_has(ref(*c.args), lambda v: isinstance(v, torch.Tensor) and v.dim() > 0) for c in cases):
        return None
    return lambda *a: _map(ref(*a), lambda t: t.to_sparse() if t.dim() > 0 else t)


def _order_blind(ref, cases, n):
    if not any(not sandbox.same(_sort(a), a) for c in cases for a in c.args):
        return None
    return lambda *args: ref(*[_sort(a) for a in args])


def _in_place(returns: bool):
    def make(ref, cases, n):
        if not any(_mutable(a) for c in cases for a in c.args):
            return None

        def fn(*args):
            result = _map(ref(*args), lambda t: t.clone())
            for a in args:
                _mutate(a)
            return result if returns else None
        return fn
    return make


def _sleeps(ref, cases, n):
    return lambda *args: time.sleep(60)


def _loops(ref, cases, n):
    def fn(*args):
        while True:
            pass
    return fn


def _exits(ref, cases, n):
    def fn(*args):
        sys.exit()
    return fn


def _interrupted(ref, cases, n):
    def fn(*args):
        raise KeyboardInterrupt
    return fn


def _not_implemented(ref, cases, n):
    def fn(*args):
        raise NotImplementedError
    return fn


def _changes_global_state(ref, cases, n):
    def fn(*args):
        result = ref(*args)
        torch.set_default_dtype(torch.float64)
        torch.manual_seed(1234)
        np.random.seed(1234)
        random.seed(1234)
        torch.set_grad_enabled(False)
        torch.set_num_threads(1)
        torch._C._set_deterministic_algorithms(True)  # = use_deterministic_algorithms(True) without its slow import
        return result
    return fn


KINDS = [
    Kind("the reference itself", lambda ref, cases, n: ref, "accepts"),
    Kind("stub: return None", lambda ref, cases, n: lambda *a: None, "pending"),
    Kind("return ...", lambda ref, cases, n: lambda *a: ..., "pending"),
    Kind("raise NotImplementedError", _not_implemented, "pending"),
    Kind("None on case 1 only", lambda ref, cases, n: _counted(lambda k, a: None if k == 1 else ref(*a)),
         "rejects", "return"),
    Kind("None on the last case only", lambda ref, cases, n: _counted(lambda k, a: None if k == n else ref(*a)),
         "rejects", "return"),
    Kind("order-blind (inputs sorted)", _order_blind, "rejects"),
    Kind("changes its inputs in place", _in_place(returns=True), "rejects", "in place"),
    Kind("changes its inputs in place, returns None", _in_place(returns=False), "rejects", "in place"),
    Kind("complex result (+5j)", _complex, "rejects", "complex"),
    Kind("bfloat16 result", _bfloat16, "rejects", "dtype"),
    Kind("sparse result", _sparse, "rejects", "sparse"),
    Kind("hangs: time.sleep(60)", _sleeps, "rejects", f"more than {HANG_LIMIT:g} s"),
    Kind("hangs: while True: pass", _loops, "rejects", f"more than {HANG_LIMIT:g} s"),
    Kind("sys.exit()", _exits, "rejects", "sys.exit()"),
    Kind("KeyboardInterrupt", _interrupted, "interrupted"),
    Kind("changes global state (dtype, seeds, grad, threads)", _changes_global_state, "accepts"),
]


def _global_state() -> tuple:
    return (torch.get_default_dtype(), torch.random.get_rng_state(), np.random.get_state()[1].copy(),
            random.getstate(), torch.is_grad_enabled(), torch.get_num_threads(),
            torch.are_deterministic_algorithms_enabled())


class _Watchdog(BaseException):
    """Raised by the table's watchdog in a checker that has no time limit of its own."""


def outcome(checker: Callable[..., None], fn: Any) -> tuple[str, str]:
    """(symbol, message): ✅ accepted, ⏳ pending, ✗ ExerciseError, ⏹ one-line interruption, 💥 any other
    exception escaped (a raw traceback), 🚪 SystemExit escaped, ^C a raw KeyboardInterrupt escaped,
    ⚠ accepted but the global state changed, ⌛ still running (the table's watchdog stopped it)."""
    before = _global_state()
    out, error = run(checker, fn)
    leaked = not sandbox.same(list(before), list(_global_state()))
    if error is None:
        symbol = "⏳" if out.strip().startswith("⏳") else "✅" if "✅" in out else "?"
        return ("⚠" if leaked else symbol), out.strip()
    if isinstance(error, _Watchdog):
        return "⌛", "still running"
    if isinstance(error, core.ExerciseError) or type(error).__name__ == "ExerciseError":
        return "✗", str(error)
    if isinstance(error, core.CheckInterrupted):
        return "⏹", str(error)
    if isinstance(error, SystemExit):
        return "🚪", repr(error)
    if isinstance(error, KeyboardInterrupt):
        return "^C", repr(error)
    return "💥", f"{type(error).__name__}: {error}"


EXPECTED_SYMBOL = {"accepts": "✅", "pending": "⏳", "rejects": "✗", "interrupted": "⏹"}


def _pairs() -> list[tuple[str, Kind]]:
    pairs = []
    for name, exercise in core.REGISTRY.items():
        cases = list(exercise.cases())
        for kind in KINDS:
            if kind.make(exercise.reference, cases, len(cases)) is not None:
                pairs.append((name, kind))
    return pairs


@pytest.mark.parametrize("name, kind", _pairs(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_every_checker_handles_the_adversarial_answer(name, kind):
    exercise = core.REGISTRY[name]
    cases = list(exercise.cases())
    fn = kind.make(exercise.reference, cases, len(cases))
    start = time.monotonic()
    symbol, message = outcome(getattr(checks, name), fn)
    assert symbol == EXPECTED_SYMBOL[kind.expect], f"{name} × {kind.name}: got {symbol}\n{message}"
    assert flat(kind.says) in flat(message), message
    assert_short_lines(message)
    if kind.expect == "interrupted":
        assert len(message.splitlines()) == 1
    if kind.name.startswith("hangs"):
        assert time.monotonic() - start < HANG_LIMIT + 10  # stopped after the first case, not after all


# ---------------------------------------------------------------------------------------------------------
# the specific answers of issue 13
# ---------------------------------------------------------------------------------------------------------

def _embedding(i, w):
    return torch.nn.Embedding.from_pretrained(w)(i)


def _copy_into_h(x, h, W_xh, W_hh, b):
    h.copy_(torch.tanh(x @ W_xh.T + h @ W_hh.T + b))
    return h


def _mul_mask_in_place(vectors, mask):
    vectors.mul_(mask.unsqueeze(-1))
    return vectors.sum(1) / mask.sum(1, keepdim=True).clamp(min=1)


def _left_only(output, lengths, padding_side):
    if padding_side == "left":
        return output[:, -1]


def _clip_in_place(grads, max_norm):
    norm = torch.sqrt(sum((g**2).sum() for g in grads))
    if norm > max_norm:
        for g in grads:
            g.mul_(max_norm / (norm + 1e-6))


def _clip_first_none(grads, max_norm, calls=[0]):  # noqa: B006 - counts the calls on purpose
    calls[0] += 1
    return None if calls[0] == 1 else core.REGISTRY["clip_grad_norm"].reference(grads, max_norm)


def _chapter_8b_targets(captions, stoi, max_len):
    Y = torch.full((len(captions), max_len + 2), stoi["<pad>"], dtype=torch.long)
    for row, words in enumerate(captions):
        ids = [stoi["<bos>"]] + [stoi[w] for w in words] + [stoi["<eos>"]]
        Y[row, : len(ids)] = torch.tensor(ids)
    return Y[:, :-1], Y[:, 1:]


def _try_embedding(i, w):
    try:
        return torch.nn.functional.embedding(i, w)
    except BaseException:  # noqa: B036 - a learner who swallows the refusal is still caught
        return w[i]


def _global_max_softmax(z, t):
    scaled = z / t
    e = (scaled - scaled.max()).exp()
    return e / e.sum(dim=-1, keepdim=True)


def _ref(name: str) -> Callable[..., Any]:
    return core.REGISTRY[name].reference


def _rf(k, d):
    return _ref("receptive_field")(k, d)


# (checker, what the answer does, the answer, expected symbol, fragment of the message)
SPECIFIC = [
    ("exact_match", "sorted(p) == sorted(r)", lambda P, R: sum(sorted(p) == sorted(r) for p, r in zip(P, R)) / len(R),
     "✗", "order of the words is ignored"),
    ("exact_match", "Counter(p) == Counter(r)",
     lambda P, R: sum(__import__("collections").Counter(p) == __import__("collections").Counter(r)
                      for p, r in zip(P, R)) / len(R), "✗", "order of the words is ignored"),
    ("exact_match", "set(p) == set(r) and len(p) == len(r)",
     lambda P, R: sum(set(p) == set(r) and len(p) == len(r) for p, r in zip(P, R)) / len(R), "✗",
     "order of the words is ignored"),
    ("exact_match", "set(p) == set(r)", lambda P, R: sum(set(p) == set(r) for p, r in zip(P, R)) / len(R),
     "✗", "a set forgets"),
    ("caption_targets", "int32 result", lambda *a: tuple(t.int() for t in _ref("caption_targets")(*a)), "✗",
     "torch.int32"),
    ("caption_targets", "uint8 result", lambda *a: tuple(t.to(torch.uint8) for t in _ref("caption_targets")(*a)),
     "✗", "torch.uint8"),
    ("caption_targets", "chapter 8b's Y[:, :-1], Y[:, 1:]", _chapter_8b_targets, "✅", ""),
    ("embedding_lookup", "torch.embedding(w, i)", lambda i, w: torch.embedding(w, i), "✗", "torch.embedding"),
    ("embedding_lookup", "F.embedding(i, w)", lambda i, w: torch.nn.functional.embedding(i, w), "✗", "F.embedding"),
    ("embedding_lookup", "nn.Embedding", _embedding, "✗", "nn.Embedding"),
    ("embedding_lookup", "torch.ops.aten.embedding", lambda i, w: torch.ops.aten.embedding(w, i), "✗", "embedding"),
    ("embedding_lookup", "torch._C._VariableFunctions.embedding",
     lambda i, w: torch._C._VariableFunctions.embedding(w, i), "✗", "embedding"),
    ("embedding_lookup", "F.embedding_bag", lambda i, w: torch.nn.functional.embedding_bag(
        i.reshape(-1, 1), w, mode="sum").reshape(*i.shape, -1), "✗", "embedding_bag"),
    ("embedding_lookup", "F.embedding inside try/except", _try_embedding, "✗", "F.embedding"),
    ("embedding_lookup", "w.index_select(0, i.flatten())", lambda i, w: w.index_select(0, i.flatten()).reshape(
        *i.shape, -1), "✅", ""),
    ("rnn_step", "h.copy_(...); return h", _copy_into_h, "✗", "changed its argument `h` in place"),
    ("masked_mean", "vectors.mul_(mask)", _mul_mask_in_place, "✗", "changed its argument `vectors` in place"),
    ("last_real_step", "left padding only (None for right)", _left_only, "✗", "return"),
    ("clip_grad_norm", "in place, no return", _clip_in_place, "✗", "in place and returned None"),
    ("clip_grad_norm", "first call returns None", _clip_first_none, "✗", "return"),
    ("receptive_field", "sum(k * d)", lambda ks, ds: sum(k * d for k, d in zip(ks, ds)), "✗", "k * d counts"),
    ("softmax_with_temperature", "z - z.max() (global max)",
     _global_max_softmax, "✗", "each row's own maximum"),
    ("receptive_field", "0-d NumPy integer", lambda k, d: np.array(_rf(k, d)), "✅", ""),
    ("receptive_field", "NumPy integer", lambda k, d: np.int64(_rf(k, d)), "✅", ""),
    ("receptive_field", "float", lambda k, d: float(_rf(k, d)), "✅", ""),
    ("receptive_field", "0-d tensor", lambda k, d: torch.tensor(_rf(k, d)), "✅", ""),
]


@pytest.mark.parametrize("name, what, fn, symbol, says", SPECIFIC, ids=[f"{s[0]}: {s[1]}" for s in SPECIFIC])
def test_issue_13_answers(name, what, fn, symbol, says):
    got, message = outcome(getattr(checks, name), fn)
    assert got == symbol, f"{name} × {what}: got {got}\n{message}"
    assert flat(says) in flat(message), message


def test_exact_match_set_answer_does_not_get_the_zip_hint():
    _, message = outcome(checks.exact_match, lambda P, R: sum(set(p) == set(r) for p, r in zip(P, R)) / len(R))
    assert "zip()" not in message


def test_real_ctrl_c_during_a_check_is_one_line():
    """SIGINT while the learner's function sleeps: a one-line CheckInterrupted, no checker traceback."""
    def sleeper(*args):
        # Ctrl-C while the answer runs, sent synchronously: a timer thread could fire after the check's own
        # time limit on a loaded machine, and the test would then see the time-out instead
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(3)

    symbol, message = outcome(checks.rnn_step, sleeper)
    assert symbol == "⏹" and len(message.splitlines()) == 1 and "case 1" in message
    error = run(checks.rnn_step, sleeper)[1]
    assert error.__cause__ is None and error.__suppress_context__
    assert error._render_traceback_() == [str(error)]


# ---------------------------------------------------------------------------------------------------------
# the table of the report: python tests/test_checks_adversarial.py [package]
# ---------------------------------------------------------------------------------------------------------

def _watched(checker: Callable[..., None], fn: Any, seconds: float = 3.0) -> str:
    """``outcome``'s symbol, or ⌛ when the checker is still running after ``seconds``."""
    def bark(signum, frame):
        raise _Watchdog

    previous = signal.signal(signal.SIGALRM, bark)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return outcome(checker, fn)[0]
    except _Watchdog:
        return "⌛"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def table(package: Any) -> list[str]:
    """One line per answer kind, one column per checker of ``package`` (a ``checks``-like module)."""
    names = list(core.REGISTRY)
    rows = [" | ".join(["answer kind"] + [str(i + 1) for i in range(len(names))])]
    for kind in KINDS:
        cells = []
        for name in names:
            exercise = core.REGISTRY[name]
            checker = getattr(package, name)
            n = len(exercise.cases())
            line = run(checker, exercise.reference)[0]
            if "cases" in line:  # the package's own number of cases (an older checker may have fewer)
                n = int(line.split("all ")[1].split(" cases")[0])
            fn = kind.make(exercise.reference, list(exercise.cases()), n)
            state = sandbox._global_state()
            cells.append("–" if fn is None else _watched(checker, fn))
            sandbox._restore(state)  # an older checker may leave the answer's changes behind
        rows.append(" | ".join([kind.name] + cells))
    rows.append("checkers: " + ", ".join(f"{i + 1} {n}" for i, n in enumerate(names)))
    return rows


if __name__ == "__main__":
    import importlib

    core.TIME_LIMIT = HANG_LIMIT
    target = importlib.import_module(sys.argv[1]) if len(sys.argv) > 1 else checks
    print("\n".join(table(target)))
