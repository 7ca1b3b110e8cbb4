"""Chapter 7 checkers: the reference passes, stubs wait, typical mistakes get their hint."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from utils import checks
from utils.checks import ch07


def gru_ok(x, h, W_ih, W_hh, b_ih, b_hh):
    H = h.shape[-1]
    i_r, i_z, i_n = (x @ W_ih.T + b_ih).split(H, dim=-1)
    h_r, h_z, h_n = (h @ W_hh.T + b_hh).split(H, dim=-1)
    r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)
    return (1 - z) * n + z * h


def count_ok(kind, input_size, hidden_size, num_layers):
    g = {"RNN": 1, "GRU": 3, "LSTM": 4}[kind]
    H = hidden_size
    return g * (H * input_size + H * H + 2 * H) + (num_layers - 1) * g * (2 * H * H + 2 * H)


@pytest.mark.parametrize("checker, solution", [(checks.gru_cell, gru_ok),
                                               (checks.recurrent_param_count, count_ok)])
def test_reference_passes_and_stub_waits(checker, solution, capsys):
    checker(solution)
    assert capsys.readouterr().out.startswith("✅")
    checker(lambda *args: None)
    assert capsys.readouterr().out.startswith("⏳")


def test_gru_reference_is_pytorchs_gru_cell():
    x, h, W_ih, W_hh, b_ih, b_hh = ch07._gru_case(3, 4, 5, seed=7)
    cell = nn.GRUCell(4, 5).double()
    with torch.no_grad():
        params = (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
        for p, v in zip(params, (W_ih, W_hh, b_ih, b_hh), strict=True):
            p.copy_(v)
        assert torch.allclose(ch07._gru_reference(x, h, W_ih, W_hh, b_ih, b_hh), cell(x, h), atol=1e-12)


@pytest.mark.parametrize("count", [("RNN", 3, 4, 1), ("GRU", 30, 64, 2), ("LSTM", 5, 8, 3), ("GRU", 1, 1, 1)])
def test_count_reference_is_pytorchs(count):
    kind, D, H, L = count
    layer = getattr(nn, kind)(D, H, num_layers=L, batch_first=True)
    assert ch07._count_reference(kind, D, H, L) == sum(p.numel() for p in layer.parameters())


def expect_hint(checker, fn, *fragments):
    with pytest.raises(checks.ExerciseError) as info:
        checker(fn)
    message = str(info.value)
    assert "case 1" in message and "Hint:" in message, message
    for fragment in fragments:
        assert fragment in message, message
    return message


@pytest.mark.parametrize("wrong, fragment", [
    (ch07._gru_z_exchanged, "z and 1 − z are exchanged"),
    (ch07._gru_reset_before_matmul, "before the matrix product"),
    (ch07._gru_r_z_swapped, "r and z are swapped"),
    (ch07._gru_reset_ignored, "the reset gate is ignored"),
    (ch07._gru_b_hn_outside_reset, "b_hn is outside"),
    (ch07._gru_candidate_only, "returned the candidate"),
    (ch07._gru_no_hidden_bias, "b_hh is missing"),
])
def test_gru_cell_mistakes(wrong, fragment):
    expect_hint(checks.gru_cell, wrong, "B=2, D=3, H=4", fragment)


def test_gru_cell_learner_written_mistake():
    def d2l_form(x, h, W_ih, W_hh, b_ih, b_hh):  # written the way a learner would, not via the catalogue
        H = h.shape[-1]
        i_r, i_z, i_n = (x @ W_ih.T + b_ih).split(H, dim=-1)
        h_r, h_z, h_n = (h @ W_hh.T + b_hh).split(H, dim=-1)
        r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
        n = torch.tanh(i_n + r * h_n)
        return z * n + (1 - z) * h

    expect_hint(checks.gru_cell, d2l_form, "z and 1 − z")


def test_gru_cell_raises_wrong_type_shape_nan():
    def raises(x, h, W_ih, W_hh, b_ih, b_hh):
        return x @ W_ih + b_ih  # transposed weights: a shape error

    message = expect_hint(checks.gru_cell, raises, "raised RuntimeError", "W_ih.T")
    assert "chunk" in message
    expect_hint(checks.gru_cell, lambda *a: gru_ok(*a).numpy(), "expected a torch.Tensor")
    expect_hint(checks.gru_cell, lambda *a: gru_ok(*a)[0], "expected shape (2, 4), got shape (4,)")
    expect_hint(checks.gru_cell, lambda *a: gru_ok(*a) * float("nan"), "NaN")
    expect_hint(checks.gru_cell, lambda *a: gru_ok(*a).float(), "dtype")


def test_gru_cell_not_a_function():
    with pytest.raises(checks.ExerciseError, match="needs your function itself"):
        checks.gru_cell(gru_ok(*ch07._gru_case(2, 3, 4, seed=0)))


@pytest.mark.parametrize("wrong, fragment", [
    (ch07._count_one_bias, "two bias vectors"),
    (ch07._count_no_bias, "biases are missing"),
])
def test_count_mistakes_first_case(wrong, fragment):
    expect_hint(checks.recurrent_param_count, wrong, fragment)


@pytest.mark.parametrize("wrong, fragment", [
    (ch07._count_same_input, "layers after the first read the H outputs"),
    (ch07._count_first_layer, "only the first layer is counted"),
    (ch07._count_swapped_blocks, "exchanged"),
    (ch07._count_one_block, "3 blocks"),
])
def test_count_mistakes_later_cases(wrong, fragment):
    with pytest.raises(checks.ExerciseError) as info:
        checks.recurrent_param_count(wrong)
    assert fragment in str(info.value) and "case" in str(info.value)


def test_count_wrong_type_and_raises():
    expect_hint(checks.recurrent_param_count, lambda *a: str(count_ok(*a)), "expected the integer")
    expect_hint(checks.recurrent_param_count, lambda *a: float("nan"), "expected the integer")

    def raises(kind, d, h, layers):
        return {"GRU": 3}[kind] * h

    expect_hint(checks.recurrent_param_count, raises, "raised KeyError", "'RNN'")
