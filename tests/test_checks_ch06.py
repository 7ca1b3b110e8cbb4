"""Chapter 6 checkers: lstm_cell and cell_state_gradient accept right answers, wait for stubs, and give each
mistake (written the way a learner would) its hint."""
from __future__ import annotations

import pytest
import torch
from checker_harness import accepts, pending, rejects_with

from utils import checks


def lstm_ok(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, g, o = (x @ W_ih.T + b_ih + h @ W_hh.T + b_hh).chunk(4, dim=1)
    c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_next), c_next


def gradient_ok(f):
    return torch.cat([f[1:], torch.ones_like(f[:1])]).flip(0).cumprod(0).flip(0)


def gradient_loop(f):
    G = torch.ones_like(f)
    for t in range(len(f) - 2, -1, -1):
        G[t] = G[t + 1] * f[t + 1]
    return G


@pytest.mark.parametrize("checker, solution", [
    (checks.lstm_cell, lstm_ok), (checks.cell_state_gradient, gradient_ok),
    (checks.cell_state_gradient, gradient_loop)])
def test_right_answers_pass_and_stubs_wait(checker, solution):
    accepts(checker, solution)
    pending(checker, lambda *args: None)


def test_lstm_cell_matches_torch():
    """The checker's reference is PyTorch's own cell."""
    torch.manual_seed(0)
    cell = torch.nn.LSTMCell(3, 4).double()
    x, h, c = (torch.randn(2, n, dtype=torch.float64) for n in (3, 4, 4))
    with torch.no_grad():
        want_h, want_c = cell(x, (h, c))
        got_h, got_c = lstm_ok(x, h, c, cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    torch.testing.assert_close(got_h, want_h)
    torch.testing.assert_close(got_c, want_c)


def _variant(order="ifgo", out_tanh=True, candidate=torch.tanh, bias=(True, True), swap=False):
    def fn(x, h, c, W_ih, W_hh, b_ih, b_hh):
        pre = x @ W_ih.T + h @ W_hh.T + (b_ih if bias[0] else 0) + (b_hh if bias[1] else 0)
        blocks = dict(zip(order, pre.chunk(4, dim=1), strict=True))
        i, f, g, o = blocks["i"], blocks["f"], blocks["g"], blocks["o"]
        c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * candidate(g)
        h_next = torch.sigmoid(o) * (torch.tanh(c_next) if out_tanh else c_next)
        return (c_next, h_next) if swap else (h_next, c_next)
    return fn


@pytest.mark.parametrize("wrong, fragments", [
    (_variant(order="ifog"), ["wrong order", "i, f, g, o"]),
    (_variant(order="figo"), ["wrong order"]),
    (_variant(out_tanh=False), ["lacks its tanh"]),
    (_variant(candidate=torch.sigmoid), ["candidate g takes tanh"]),
    (_variant(bias=(True, False)), ["bias is missing", "b_hh"]),
    (_variant(bias=(False, False)), ["biases are missing"]),
    (_variant(swap=True), ["swapped", "hidden state first"]),
])
def test_lstm_cell_mistakes(wrong, fragments):
    rejects_with(checks.lstm_cell, wrong, case=1, hint_contains=fragments)


def test_lstm_cell_learner_uses_the_old_cell_state_for_h():
    def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
        gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = gates.chunk(4, dim=1)
        h_next = torch.sigmoid(o) * torch.tanh(c)           # written before c_next exists
        c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        return h_next, c_next

    rejects_with(checks.lstm_cell, lstm_cell, case=1, hint_contains="uses the old cell state",
                 message_contains="h_next: values differ")


def test_cell_state_gradient_mistakes():
    rejects_with(checks.cell_state_gradient, lambda f: f.flip(0).cumprod(0).flip(0), case=1,
                 hint_contains="includes f_t itself")
    rejects_with(checks.cell_state_gradient, lambda f: f.cumprod(0), case=1, hint_contains="runs forwards")
    rejects_with(checks.cell_state_gradient,
                 lambda f: 1 + torch.cat([f[1:], torch.zeros_like(f[:1])]).flip(0).cumsum(0).flip(0), case=1,
                 hint_contains="do not add")


def test_cell_state_gradient_learner_loop_that_includes_its_own_gate():
    def cell_state_gradient(f):
        G = torch.ones_like(f)
        running = torch.ones_like(f[0])
        for t in range(len(f) - 1, -1, -1):
            running = running * f[t]           # multiplies f_t before storing G[t]
            G[t] = running
        return G

    rejects_with(checks.cell_state_gradient, cell_state_gradient, case=1, hint_contains="includes f_t itself")


def test_learner_errors_wrong_types_shapes_and_nan():
    def raises(*args):
        raise RuntimeError("mat1 and mat2 shapes cannot be multiplied")

    rejects_with(checks.lstm_cell, raises, case=1, message_contains=["raised RuntimeError", "mat1 and mat2"],
                 hint_contains="transposes")
    rejects_with(checks.cell_state_gradient, raises, case=1, message_contains="raised RuntimeError",
                 hint_contains="shape (T, H)")
    rejects_with(checks.lstm_cell, lambda *a: (lstm_ok(*a)[0].numpy(), lstm_ok(*a)[1]), case=1,
                 message_contains="h_next: expected a torch.Tensor")
    rejects_with(checks.lstm_cell, lambda *a: lstm_ok(*a)[0], case=1,
                 message_contains="expected a tuple of 2 item(s) (h_next, c_next)")
    rejects_with(checks.lstm_cell, lambda *a: tuple(t.T for t in lstm_ok(*a)), case=1,
                 message_contains="expected shape (3, 5)")
    rejects_with(checks.lstm_cell, lambda *a: tuple(t.float() for t in lstm_ok(*a)), case=1, message_contains="dtype")
    rejects_with(checks.lstm_cell, lambda *a: (lstm_ok(*a)[0] * float("nan"), lstm_ok(*a)[1]), case=1,
                 message_contains="NaN")
    rejects_with(checks.cell_state_gradient, lambda f: gradient_ok(f)[:-1], case=1,
                 message_contains="G: expected shape")
    rejects_with(checks.cell_state_gradient, lambda f: gradient_ok(f).tolist(), case=1,
                 message_contains="expected a torch.Tensor")


def test_not_a_function():
    rejects_with(checks.lstm_cell, (torch.zeros(1, 1), torch.zeros(1, 1)), message_contains="needs your function")
