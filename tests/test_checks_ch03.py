"""Chapter 3 checkers: wiring_output_shape and last_real_step accept right answers, wait for stubs, and give
each mistake (written the way a learner would) its hint."""
from __future__ import annotations

import pytest
import torch
from checker_harness import accepts, pending, rejects_with

from utils import checks

# --------------------------------------------------------------------------------------------------------
# wiring_output_shape
# --------------------------------------------------------------------------------------------------------


def shape_solution(kind, batch, time, hidden, vocab):
    return {
        "rnn_output": (batch, time, hidden),
        "rnn_h_n": (1, batch, hidden),
        "one_to_one": (batch, vocab),
        "one_to_many": (batch, time, vocab),
        "many_to_one": (batch, vocab),
        "many_to_many": (batch, time, vocab),
    }[kind]


def with_change(kind_to_change, new):
    def fn(kind, batch, time, hidden, vocab):
        if kind == kind_to_change:
            return new(batch, time, hidden, vocab)
        return shape_solution(kind, batch, time, hidden, vocab)
    return fn


@pytest.mark.parametrize("solution", [shape_solution, lambda *a: torch.Size(shape_solution(*a)),
                                      lambda *a: list(shape_solution(*a))])
def test_wiring_right_answers_pass(solution):
    accepts(checks.wiring_output_shape, solution)


def test_wiring_stub_waits():
    pending(checks.wiring_output_shape, lambda kind, batch, time, hidden, vocab: None)


@pytest.mark.parametrize("wrong, case, hint", [
    (with_change("rnn_h_n", lambda b, t, h, v: (b, h)), 2, "num_layers"),
    (with_change("rnn_h_n", lambda b, t, h, v: (b, 1, h)), 2, "but not h_n"),
    (with_change("rnn_output", lambda b, t, h, v: (t, b, h)), 1, "batch axis comes first"),
    (with_change("many_to_many", lambda b, t, h, v: (b, t, h)), 6, "head's output size"),
    (with_change("many_to_one", lambda b, t, h, v: (b, t, v)), 5, "per sequence"),
    (with_change("one_to_many", lambda b, t, h, v: (b, v)), 4, "per generated step"),
    (with_change("one_to_one", lambda b, t, h, v: (b, 1, v)), 3, "no time axis"),
])
def test_wiring_mistakes_get_their_hint(wrong, case, hint):
    rejects_with(checks.wiring_output_shape, wrong, case=case, hint_contains=hint)


def test_wiring_learner_with_if_chain_that_forgets_a_kind():
    def wiring_output_shape(kind, batch, time, hidden, vocab):
        if kind == "rnn_output":
            return (batch, time, hidden)
        if kind == "rnn_h_n":
            return (1, batch, hidden)
        if kind in ("one_to_one", "many_to_one"):
            return (batch, vocab)
        if kind == "many_to_many":
            return (batch, time, vocab)
        # one_to_many forgotten: falls off the end and returns None

    rejects_with(checks.wiring_output_shape, wiring_output_shape, case=4, hint_contains="`return`",
                 message_contains="returns None here")


def test_wiring_learner_who_thinks_h_n_is_batch_first():
    def wiring_output_shape(kind, batch, time, hidden, vocab):
        return {"rnn_output": (batch, time, hidden), "rnn_h_n": (batch, 1, hidden),
                "one_to_one": (batch, vocab), "one_to_many": (batch, time, vocab),
                "many_to_one": (batch, vocab), "many_to_many": (batch, time, vocab)}[kind]

    rejects_with(checks.wiring_output_shape, wiring_output_shape, case=2, hint_contains="but not h_n",
                 message_contains="shape[0]: expected 1, got 4")


def test_wiring_function_that_raises():
    def partial(kind, batch, time, hidden, vocab):
        return {"rnn_output": (batch, time, hidden)}[kind]

    rejects_with(checks.wiring_output_shape, partial, case=2, message_contains="raised KeyError",
                 hint_contains="handle every kind")


def test_wiring_wrong_type_and_length():
    rejects_with(checks.wiring_output_shape, lambda *a: "batch, time, hidden", case=1,
                 message_contains="expected a tuple of 3 item")
    rejects_with(checks.wiring_output_shape, lambda kind, batch, time, hidden, vocab: (batch, time), case=1,
                 message_contains="expected 3 item")
    rejects_with(checks.wiring_output_shape, lambda *a: (float("nan"),) + tuple(shape_solution(*a))[1:], case=1,
                 message_contains="expected the integer")


def test_wiring_needs_a_function():
    rejects_with(checks.wiring_output_shape, (4, 7, 16), message_contains="needs your function itself")


# --------------------------------------------------------------------------------------------------------
# last_real_step
# --------------------------------------------------------------------------------------------------------


def last_solution(output, lengths, padding_side):
    if padding_side == "left":
        return output[:, -1]
    return output[torch.arange(len(output)), lengths - 1]


def last_loop(output, lengths, padding_side):
    rows = [output[b, -1] if padding_side == "left" else output[b, int(lengths[b]) - 1]
            for b in range(len(output))]
    return torch.stack(rows)


@pytest.mark.parametrize("solution", [last_solution, last_loop])
def test_last_right_answers_pass(solution):
    accepts(checks.last_real_step, solution)


def test_last_stub_waits():
    pending(checks.last_real_step, lambda output, lengths, padding_side: None)


@pytest.mark.parametrize("wrong, case, hint", [
    (lambda o, lengths, s: o[torch.arange(len(o)), lengths] if s == "right" else o[:, -1], 1, "off by one"),
    (lambda o, lengths, s: o[:, -1], 1, "last column is padding for every shorter sequence"),
    (lambda o, lengths, s: o[torch.arange(len(o)), lengths - 1], 2, "padding comes first"),
    (lambda o, lengths, s: o[:, 0], 1, "first step"),
    (lambda o, lengths, s: o[torch.arange(len(o)), o.shape[1] - lengths], 1, "first real step of a left-padded"),
])
def test_last_mistakes_get_their_hint(wrong, case, hint):
    rejects_with(checks.last_real_step, wrong, case=case, hint_contains=hint)


def test_last_off_by_one_in_a_loop_that_runs_out_of_range():
    def off_by_one(output, lengths, padding_side):
        if padding_side == "left":
            return output[:, -1]
        return torch.stack([output[b, int(lengths[b])] for b in range(len(output))])

    rejects_with(checks.last_real_step, off_by_one, case=1, hint_contains="off by one")


def test_last_learner_who_handles_left_padding_only():
    def last_real_step(output, lengths, padding_side):
        if padding_side == "left":
            return output[:, -1]

    rejects_with(checks.last_real_step, last_real_step, case=1, hint_contains="`return`",
                 message_contains="returns None here, but gives an answer for case 2")


def test_last_function_that_raises():
    def broken(output, lengths, padding_side):
        raise IndexError("index 6 is out of bounds for dimension 1 with size 6")

    rejects_with(checks.last_real_step, broken, case=1, message_contains="raised IndexError", hint_contains="L - 1")


@pytest.mark.parametrize("bad, fragment", [
    (lambda o, lengths, s: last_solution(o, lengths, s).numpy(), "expected a torch.Tensor"),
    (lambda o, lengths, s: o, "expected shape (3, 4), got shape (3, 6, 4)"),
    (lambda o, lengths, s: last_solution(o, lengths, s) * float("nan"), "NaN"),
    (lambda o, lengths, s: last_solution(o, lengths, s).float(), "dtype"),
])
def test_last_wrong_type_shape_and_nan(bad, fragment):
    rejects_with(checks.last_real_step, bad, case=1, message_contains=fragment)
