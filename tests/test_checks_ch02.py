"""Chapter 2 checkers: rnn_step and rnn_forward accept right answers, wait for stubs, and give each mistake
(written the way a learner would) its hint."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from checker_harness import accepts, pending, rejects_with

from utils import checks


def step_ok(x, h, W_xh, W_hh, b):
    return torch.tanh(x @ W_xh.T + h @ W_hh.T + b)


def forward_ok(X, h0, W_xh, W_hh, b):
    h, states = h0, []
    for t in range(X.shape[1]):
        h = step_ok(X[:, t], h, W_xh, W_hh, b)
        states.append(h)
    return torch.stack(states, dim=1), h


def step_torch(x, h, W_xh, W_hh, b):
    rnn = torch.nn.RNNCell(x.shape[1], h.shape[1]).double()
    with torch.no_grad():
        rnn.weight_ih.copy_(W_xh)
        rnn.weight_hh.copy_(W_hh)
        rnn.bias_ih.copy_(b)
        rnn.bias_hh.zero_()
        return rnn(x, h)


# ------------------------------------------------------------------------------------------------ rnn_step

@pytest.mark.parametrize("solution", [step_ok, step_torch])
def test_rnn_step_right_answers_pass(solution):
    accepts(checks.rnn_step, solution)


def test_rnn_step_stub_is_pending():
    pending(checks.rnn_step, lambda x, h, W_xh, W_hh, b: None)


@pytest.mark.parametrize("wrong, case, hint", [
    (lambda x, h, W_xh, W_hh, b: x @ W_xh.T + h @ W_hh.T + b, 1, "tanh is missing"),
    (lambda x, h, W_xh, W_hh, b: torch.sigmoid(x @ W_xh.T + h @ W_hh.T + b), 1, "not a sigmoid"),
    (lambda x, h, W_xh, W_hh, b: torch.relu(x @ W_xh.T + h @ W_hh.T + b), 1, "not a ReLU"),
    (lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh.T), 1, "bias b is missing"),
    (lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh.T) + b, 1, "bias is outside the tanh"),
    (lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh + b), 1, "W_hh is used untransposed"),
    (lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + b), 1, "previous state h is ignored"),
    (lambda x, h, W_xh, W_hh, b: torch.tanh(h @ W_hh.T + b), 1, "input x is ignored"),
])
def test_rnn_step_mistakes_get_their_hint(wrong, case, hint):
    rejects_with(checks.rnn_step, wrong, case=case, hint_contains=hint, message_contains="h_next")


def test_rnn_step_learner_writes_the_sum_step_by_step_and_forgets_the_bias():
    def rnn_step(x, h, W_xh, W_hh, b):
        from_input = x @ W_xh.T
        from_state = h @ W_hh.T
        return torch.tanh(from_input + from_state)

    rejects_with(checks.rnn_step, rnn_step, case=1, hint_contains="bias b is missing",
                 hint_lacks="x @ W_xh.T + h @ W_hh.T + b")


def test_rnn_step_transposed_input_weight():
    # with D != H the transposed W_xh raises a shape error (case 1) ...
    rejects_with(checks.rnn_step, lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh + h @ W_hh.T + b), case=1,
                 message_contains="your function raised RuntimeError", hint_contains="transpose")

    # ... and with D == H (case 3) it runs and is recognised by value
    def transposed_when_square(x, h, W_xh, W_hh, b):
        if W_xh.shape[0] != W_xh.shape[1]:
            return step_ok(x, h, W_xh, W_hh, b)
        return torch.tanh(x @ W_xh + h @ W_hh.T + b)

    rejects_with(checks.rnn_step, transposed_when_square, case=3, hint_contains="W_xh is used untransposed")


def test_rnn_step_function_that_raises():
    def broken(x, h, W_xh, W_hh, b):
        raise ValueError("oops")

    rejects_with(checks.rnn_step, broken, case=1, message_contains="raised ValueError: oops")


@pytest.mark.parametrize("bad, fragment", [
    (lambda *args: step_ok(*args).numpy(), "expected a torch.Tensor"),
    (lambda *args: step_ok(*args)[0], "expected shape"),
    (lambda *args: step_ok(*args) * torch.nan, "NaN"),
    (lambda *args: step_ok(*args).float(), "dtype"),
])
def test_rnn_step_wrong_type_shape_nan_dtype(bad, fragment):
    rejects_with(checks.rnn_step, bad, case=1, message_contains=fragment)


def test_rnn_step_not_a_function():
    rejects_with(checks.rnn_step, None, message_contains="needs your function itself",
                 hint_contains="def rnn_step(x, h, W_xh, W_hh, b)")


def test_rnn_step_reveal_prints_the_solution_before_checking():
    from checker_harness import run

    out, error = run(checks.rnn_step, step_ok, reveal=True)
    assert error is None
    assert out.splitlines()[0].startswith("🔑 rnn_step") and "ch02-rnn-step" in out.splitlines()[0]
    assert "def rnn_step(x, h, W_xh, W_hh, b):" in out and "torch.tanh(" in out
    assert out.strip().splitlines()[-1].startswith("✅ rnn_step")


# --------------------------------------------------------------------------------------------- rnn_forward

def test_rnn_forward_right_answer_passes_and_stub_waits():
    accepts(checks.rnn_forward, forward_ok)
    pending(checks.rnn_forward, lambda X, h0, W_xh, W_hh, b: None)


def _not_carried(X, h0, W_xh, W_hh, b):
    states = [step_ok(X[:, t], h0, W_xh, W_hh, b) for t in range(X.shape[1])]
    return torch.stack(states, dim=1), states[-1]


def _shifted(X, h0, W_xh, W_hh, b):
    h, states = h0, []
    for t in range(X.shape[1]):
        states.append(h)  # stored before the update: h0 is in, the last state is out
        h = step_ok(X[:, t], h, W_xh, W_hh, b)
    return torch.stack(states, dim=1), h


def _first_as_last(X, h0, W_xh, W_hh, b):
    states, _ = forward_ok(X, h0, W_xh, W_hh, b)
    return states, states[:, 0]


def _time_major_when_square(X, h0, W_xh, W_hh, b):
    if X.shape[0] != X.shape[1]:
        return forward_ok(X, h0, W_xh, W_hh, b)
    h, states = h0, []
    for t in range(X.shape[0]):
        h = step_ok(X[t], h, W_xh, W_hh, b)
        states.append(h)
    return torch.stack(states, dim=1), h


@pytest.mark.parametrize("wrong, case, hint", [
    (_not_carried, 1, "state is not carried"),
    (_shifted, 1, "shifted by one step"),
    (_first_as_last, 1, "not the first"),
    (_time_major_when_square, 3, "time is axis 1"),
])
def test_rnn_forward_mistakes_get_their_hint(wrong, case, hint):
    rejects_with(checks.rnn_forward, wrong, case=case, hint_contains=hint)


def test_rnn_forward_names_the_wrong_output():
    rejects_with(checks.rnn_forward, _first_as_last, case=1, message_contains="h_last: values differ")


@pytest.mark.parametrize("bad, fragment", [
    (lambda *args: forward_ok(*args)[0], "expected a tuple of 2 item(s) (states, h_last)"),
    (lambda *args: (forward_ok(*args)[0].transpose(0, 1), forward_ok(*args)[1]), "states: expected shape"),
    (lambda *args: (forward_ok(*args)[0] * np.nan, forward_ok(*args)[1]), "NaN"),
    (lambda X, h0, W_xh, W_hh, b: forward_ok(X[:, :, :, None], h0, W_xh, W_hh, b), "raised RuntimeError"),
])
def test_rnn_forward_wrong_type_shape_nan_and_raising(bad, fragment):
    rejects_with(checks.rnn_forward, bad, case=1, message_contains=fragment)
