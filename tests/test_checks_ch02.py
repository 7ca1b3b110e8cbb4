"""The chapter 2 checkers accept the reference, report a stub, and reject typical mistakes with a hint."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from utils import checks
from utils.checks import ExerciseError


def step_ok(x, h, W_xh, W_hh, b):
    return torch.tanh(x @ W_xh.T + h @ W_hh.T + b)


def forward_ok(X, h0, W_xh, W_hh, b):
    h, states = h0, []
    for t in range(X.shape[1]):
        h = step_ok(X[:, t], h, W_xh, W_hh, b)
        states.append(h)
    return torch.stack(states, dim=1), h


# ------------------------------------------------------------------------------------------------ rnn_step


def test_rnn_step_reference_passes(capsys):
    checks.rnn_step(step_ok)
    out = capsys.readouterr().out
    assert out.startswith("✅ rnn_step")


def test_rnn_step_stub_is_pending(capsys):
    checks.rnn_step(lambda x, h, W_xh, W_hh, b: None)
    assert capsys.readouterr().out.startswith("⏳ rnn_step")


@pytest.mark.parametrize("wrong, case, hint", [
    (lambda x, h, W_xh, W_hh, b: x @ W_xh.T + h @ W_hh.T + b, "case 1", "tanh is missing"),
    (lambda x, h, W_xh, W_hh, b: torch.sigmoid(x @ W_xh.T + h @ W_hh.T + b), "case 1", "not a sigmoid"),
    (lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh.T), "case 1", "bias b is missing"),
    (lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh + b), "case 1", "W_hh is used untransp"),
    (lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + b), "case 1", "previous state h is ignored"),
    (lambda x, h, W_xh, W_hh, b: torch.tanh(h @ W_hh.T + b), "case 1", "input x is ignored"),
])
def test_rnn_step_mistakes_get_their_hint(wrong, case, hint):
    with pytest.raises(ExerciseError) as info:
        checks.rnn_step(wrong)
    message = str(info.value)
    assert f"rnn_step, {case}" in message
    assert hint in message


def test_rnn_step_transposed_input_weight():
    # with D != H the transposed W_xh raises a shape error (case 1) ...
    with pytest.raises(ExerciseError) as info:
        checks.rnn_step(lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh + h @ W_hh.T + b))
    assert "case 1" in str(info.value) and "your function raised RuntimeError" in str(info.value)
    assert ".T" in str(info.value)
    # ... and with D == H (case 3) it runs and is recognised by value
    def transposed_when_square(x, h, W_xh, W_hh, b):
        return step_ok(x, h, W_xh, W_hh, b) if W_xh.shape[0] != W_xh.shape[1] else torch.tanh(
            x @ W_xh + h @ W_hh.T + b)
    with pytest.raises(ExerciseError) as info:
        checks.rnn_step(transposed_when_square)
    assert "case 3" in str(info.value) and "W_xh is used untransposed" in str(info.value)


def test_rnn_step_function_that_raises():
    def broken(x, h, W_xh, W_hh, b):
        raise ValueError("oops")
    with pytest.raises(ExerciseError) as info:
        checks.rnn_step(broken)
    assert "raised ValueError: oops" in str(info.value) and "Hint:" in str(info.value)


def test_rnn_step_wrong_type_shape_nan_dtype():
    with pytest.raises(ExerciseError, match="expected a torch.Tensor"):
        checks.rnn_step(lambda *args: step_ok(*args).numpy())
    with pytest.raises(ExerciseError, match="expected shape"):
        checks.rnn_step(lambda *args: step_ok(*args)[0])
    with pytest.raises(ExerciseError, match="NaN"):
        checks.rnn_step(lambda *args: step_ok(*args) * torch.nan)
    with pytest.raises(ExerciseError, match="dtype"):
        checks.rnn_step(lambda *args: step_ok(*args).float())


def test_rnn_step_not_a_function():
    with pytest.raises(ExerciseError, match="needs your function itself"):
        checks.rnn_step(None)


# --------------------------------------------------------------------------------------------- rnn_forward


def test_rnn_forward_reference_passes(capsys):
    checks.rnn_forward(forward_ok)
    assert capsys.readouterr().out.startswith("✅ rnn_forward")


def test_rnn_forward_stub_is_pending(capsys):
    checks.rnn_forward(lambda X, h0, W_xh, W_hh, b: None)
    assert capsys.readouterr().out.startswith("⏳ rnn_forward")


def _not_carried(X, h0, W_xh, W_hh, b):
    states = [step_ok(X[:, t], h0, W_xh, W_hh, b) for t in range(X.shape[1])]
    return torch.stack(states, dim=1), states[-1]


def _shifted(X, h0, W_xh, W_hh, b):
    states, last = forward_ok(X, h0, W_xh, W_hh, b)
    return torch.cat([h0[:, None], states[:, :-1]], dim=1), last


def _first_as_last(X, h0, W_xh, W_hh, b):
    states, _ = forward_ok(X, h0, W_xh, W_hh, b)
    return states, states[:, 0]


def _time_major_when_square(X, h0, W_xh, W_hh, b):
    if X.shape[0] != X.shape[1]:
        return forward_ok(X, h0, W_xh, W_hh, b)
    return forward_ok(X.transpose(0, 1), h0, W_xh, W_hh, b)


@pytest.mark.parametrize("wrong, case, hint", [
    (_not_carried, "case 1", "state is not carried"),
    (_shifted, "case 1", "shifted by one step"),
    (_first_as_last, "case 1", "not the first"),
    (_time_major_when_square, "case 3", "X[:, t]"),
])
def test_rnn_forward_mistakes_get_their_hint(wrong, case, hint):
    with pytest.raises(ExerciseError) as info:
        checks.rnn_forward(wrong)
    message = str(info.value)
    assert f"rnn_forward, {case}" in message
    assert hint in message


def test_rnn_forward_wrong_type_shape_nan_and_raising():
    with pytest.raises(ExerciseError, match="expected a tuple"):
        checks.rnn_forward(lambda *args: forward_ok(*args)[0])
    with pytest.raises(ExerciseError, match="expected shape"):
        checks.rnn_forward(lambda *args: (forward_ok(*args)[0].transpose(0, 1), forward_ok(*args)[1]))
    with pytest.raises(ExerciseError, match="NaN"):
        checks.rnn_forward(lambda *args: (forward_ok(*args)[0] * np.nan, forward_ok(*args)[1]))
    with pytest.raises(ExerciseError, match="raised RuntimeError"):
        checks.rnn_forward(lambda X, h0, W_xh, W_hh, b: forward_ok(X[:, :, :, None], h0, W_xh, W_hh, b))
