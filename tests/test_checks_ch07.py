"""Chapter 7 checkers: gru_cell and recurrent_param_count accept right answers, wait for stubs, and give each
mistake (written the way a learner would) its hint."""
from __future__ import annotations

import pytest
import torch
from checker_harness import accepts, pending, rejects_with
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


def count_by_building(kind, input_size, hidden_size, num_layers):
    layer = getattr(nn, kind)(input_size, hidden_size, num_layers=num_layers)
    return sum(p.numel() for p in layer.parameters())


@pytest.mark.parametrize("checker, solution", [(checks.gru_cell, gru_ok), (checks.recurrent_param_count, count_ok),
                                               (checks.recurrent_param_count, count_by_building)])
def test_right_answers_pass_and_stubs_wait(checker, solution):
    accepts(checker, solution)
    pending(checker, lambda *args: None)


def test_gru_reference_is_pytorchs_gru_cell():
    x, h, W_ih, W_hh, b_ih, b_hh = ch07._gru_case(3, 4, 5, seed=7)
    cell = nn.GRUCell(4, 5).double()
    with torch.no_grad():
        for p, v in zip((cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh), (W_ih, W_hh, b_ih, b_hh),
                        strict=True):
            p.copy_(v)
        assert torch.allclose(ch07._gru_cell(x, h, W_ih, W_hh, b_ih, b_hh), cell(x, h), atol=1e-12)


@pytest.mark.parametrize("count", [("RNN", 3, 4, 1), ("GRU", 30, 64, 2), ("LSTM", 5, 8, 3), ("GRU", 1, 1, 1)])
def test_count_reference_is_pytorchs(count):
    assert ch07._recurrent_param_count(*count) == count_by_building(*count)


@pytest.mark.parametrize("wrong, fragment", [
    (ch07._gru_z_exchanged, "z and 1 − z are exchanged"),
    (ch07._gru_reset_before_matmul, "before the matrix product"),
    (ch07._gru_r_z_swapped, "r and z are swapped"),
    (ch07._gru_reset_ignored, "the reset gate is ignored"),
    (ch07._gru_b_hn_outside_reset, "b_hn is outside"),
    (ch07._gru_candidate_only, "returned the candidate"),
    (ch07._gru_no_hidden_bias, "b_hh is missing"),
])
def test_gru_cell_catalogued_mistakes(wrong, fragment):
    rejects_with(checks.gru_cell, wrong, case=1, hint_contains=fragment)


def test_gru_cell_learner_written_mistake():
    def d2l_form(x, h, W_ih, W_hh, b_ih, b_hh):  # written the way a learner would, not via the catalogue
        H = h.shape[-1]
        i_r, i_z, i_n = (x @ W_ih.T + b_ih).split(H, dim=-1)
        h_r, h_z, h_n = (h @ W_hh.T + b_hh).split(H, dim=-1)
        r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
        n = torch.tanh(i_n + r * h_n)
        return z * n + (1 - z) * h

    rejects_with(checks.gru_cell, d2l_form, case=1, hint_contains="z and 1 − z", message_contains="h_next")


def test_gru_cell_raises_wrong_type_shape_nan():
    def raises(x, h, W_ih, W_hh, b_ih, b_hh):
        return x @ W_ih + b_ih  # transposed weights: a shape error

    rejects_with(checks.gru_cell, raises, case=1, message_contains="raised RuntimeError", hint_contains="(B, 3H)")
    rejects_with(checks.gru_cell, lambda *a: gru_ok(*a).numpy(), case=1, message_contains="expected a torch.Tensor")
    rejects_with(checks.gru_cell, lambda *a: gru_ok(*a)[0], case=1,
                 message_contains="expected shape (2, 4), got shape (4,)")
    rejects_with(checks.gru_cell, lambda *a: gru_ok(*a) * float("nan"), case=1, message_contains="NaN")
    rejects_with(checks.gru_cell, lambda *a: gru_ok(*a).float(), case=1, message_contains="dtype")


def test_gru_cell_not_a_function():
    rejects_with(checks.gru_cell, gru_ok(*ch07._gru_case(2, 3, 4, seed=0)), message_contains="needs your function")


@pytest.mark.parametrize("wrong, case, fragment", [
    (ch07._count_one_bias, 1, "two bias vectors"),
    (ch07._count_no_bias, 1, "biases are missing"),
    (ch07._count_same_input, 4, "layers after the first read the H outputs"),
    (ch07._count_first_layer, 4, "only the first layer is counted"),
    (ch07._count_swapped_blocks, 2, "exchanged"),
    (ch07._count_one_block, 2, "3 blocks"),
])
def test_count_catalogued_mistakes(wrong, case, fragment):
    rejects_with(checks.recurrent_param_count, wrong, case=case, hint_contains=fragment)


def test_count_learner_forgets_the_second_bias():
    def recurrent_param_count(kind, input_size, hidden_size, num_layers):
        gates = {"RNN": 1, "GRU": 3, "LSTM": 4}[kind]
        total = 0
        for layer in range(num_layers):
            inputs = input_size if layer == 0 else hidden_size
            total += gates * (hidden_size * inputs + hidden_size * hidden_size + hidden_size)
        return total

    rejects_with(checks.recurrent_param_count, recurrent_param_count, case=1, hint_contains="two bias vectors")


def test_count_wrong_type_and_raises():
    rejects_with(checks.recurrent_param_count, lambda *a: str(count_ok(*a)), case=1,
                 message_contains="expected the integer")
    rejects_with(checks.recurrent_param_count, lambda *a: float("nan"), case=1, message_contains="expected the integer")

    def raises(kind, d, h, layers):
        return {"GRU": 3}[kind] * h

    rejects_with(checks.recurrent_param_count, raises, case=1, message_contains="raised KeyError",
                 hint_contains="'RNN'")
