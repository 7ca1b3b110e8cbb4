"""Chapter 6 checkers: the reference passes, stubs wait, typical mistakes get their hint."""
from __future__ import annotations

import pytest
import torch

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
def test_reference_passes_and_stub_waits(checker, solution, capsys):
    checker(solution)
    assert capsys.readouterr().out.startswith("✅")
    checker(lambda *args: None)
    assert capsys.readouterr().out.startswith("⏳")


def test_lstm_cell_matches_torch():
    """The checker's reference is PyTorch's own cell."""
    torch.manual_seed(0)
    cell = torch.nn.LSTMCell(3, 4).double()
    x, h, c = torch.randn(2, 3, dtype=torch.float64), torch.randn(2, 4, dtype=torch.float64), torch.randn(
        2, 4, dtype=torch.float64)
    with torch.no_grad():
        want_h, want_c = cell(x, (h, c))
        got_h, got_c = lstm_ok(x, h, c, cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    torch.testing.assert_close(got_h, want_h)
    torch.testing.assert_close(got_c, want_c)


def expect_hint(checker, fn, *fragments):
    with pytest.raises(checks.ExerciseError) as info:
        checker(fn)
    message = str(info.value)
    assert "case 1" in message and "Hint:" in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def _variant(order="ifgo", out_tanh=True, candidate=torch.tanh, bias=(True, True), swap=False):
    def fn(x, h, c, W_ih, W_hh, b_ih, b_hh):
        pre = x @ W_ih.T + h @ W_hh.T + (b_ih if bias[0] else 0) + (b_hh if bias[1] else 0)
        blocks = dict(zip(order, pre.chunk(4, dim=1), strict=True))
        i, f, g, o = blocks["i"], blocks["f"], blocks["g"], blocks["o"]
        c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * candidate(g)
        h_next = torch.sigmoid(o) * (torch.tanh(c_next) if out_tanh else c_next)
        return (c_next, h_next) if swap else (h_next, c_next)
    return fn


def test_lstm_cell_mistakes():
    expect_hint(checks.lstm_cell, _variant(order="ifog"), "wrong order", "i, f, g, o")
    expect_hint(checks.lstm_cell, _variant(order="figo"), "wrong order")
    expect_hint(checks.lstm_cell, _variant(out_tanh=False), "lacks its tanh")
    expect_hint(checks.lstm_cell, _variant(candidate=torch.sigmoid), "candidate g takes tanh")
    expect_hint(checks.lstm_cell, _variant(bias=(True, False)), "bias is missing", "b_hh")
    expect_hint(checks.lstm_cell, _variant(bias=(False, False)), "biases are missing")
    expect_hint(checks.lstm_cell, _variant(swap=True), "swapped", "(h_next, c_next)")


def test_cell_state_gradient_mistakes():
    expect_hint(checks.cell_state_gradient, lambda f: f.flip(0).cumprod(0).flip(0), "includes f_t itself")
    expect_hint(checks.cell_state_gradient, lambda f: f.cumprod(0), "runs forwards")
    expect_hint(checks.cell_state_gradient,
                lambda f: 1 + torch.cat([f[1:], torch.zeros_like(f[:1])]).flip(0).cumsum(0).flip(0),
                "do not add")


def test_learner_errors_wrong_types_shapes_and_nan():
    def raises(*args):
        raise RuntimeError("mat1 and mat2 shapes cannot be multiplied")

    message = expect_hint(checks.lstm_cell, raises, "raised RuntimeError", "mat1 and mat2")
    assert "W_ih.T" in message
    expect_hint(checks.cell_state_gradient, raises, "raised RuntimeError", "shape (T, H)")
    expect_hint(checks.lstm_cell, lambda *a: (lstm_ok(*a)[0].numpy(), lstm_ok(*a)[1]),
                "expected a torch.Tensor")
    expect_hint(checks.lstm_cell, lambda *a: lstm_ok(*a)[0], "expected a tuple of 2 item(s)")
    expect_hint(checks.lstm_cell, lambda *a: tuple(t.T for t in lstm_ok(*a)), "expected shape (3, 5)")
    expect_hint(checks.lstm_cell, lambda *a: tuple(t.float() for t in lstm_ok(*a)), "dtype")
    expect_hint(checks.lstm_cell, lambda *a: (lstm_ok(*a)[0] * float("nan"), lstm_ok(*a)[1]), "NaN")
    expect_hint(checks.cell_state_gradient, lambda f: gradient_ok(f)[:-1], "expected shape")
    expect_hint(checks.cell_state_gradient, lambda f: gradient_ok(f).tolist(), "expected a torch.Tensor")


def test_not_a_function():
    with pytest.raises(checks.ExerciseError, match="needs your function itself"):
        checks.lstm_cell((torch.zeros(1, 1), torch.zeros(1, 1)))  # the result of a call, not the function
