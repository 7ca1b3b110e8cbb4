"""Checkers for chapter 7, the GRU (and the parameter counts of the head-to-head notebook 07b)."""
from __future__ import annotations

import torch

from .core import Case, Exercise, Mistake, seeded

__all__ = ["gru_cell", "recurrent_param_count"]


# --------------------------------------------------------------------------------------------------------
# gru_cell(x, h, W_ih, W_hh, b_ih, b_hh) -> h_next, in PyTorch's form (gate blocks r, z, n)
# --------------------------------------------------------------------------------------------------------


def _gru_case(batch: int, input_size: int, hidden_size: int, seed: int, scale: float = 0.5,
              zero_state: bool = False) -> tuple[torch.Tensor, ...]:
    """Random float64 arguments for a GRU cell: x (B, D), h (B, H), W_ih (3H, D), W_hh (3H, H), biases (3H,).

    The weights are not symmetric, the biases are not zero (a bias forgotten or misplaced shows)."""
    g = torch.Generator().manual_seed(seed)

    def rand(*shape: int, s: float = scale) -> torch.Tensor:
        return seeded(*shape, seed=g, scale=s)

    x = rand(batch, input_size, s=1.0)
    h = rand(batch, hidden_size, s=0.8)
    if zero_state:
        h = torch.zeros_like(h)
    W_ih, W_hh = rand(3 * hidden_size, input_size), rand(3 * hidden_size, hidden_size)
    b_ih, b_hh = rand(3 * hidden_size) + 0.3, rand(3 * hidden_size) - 0.2
    return x, h, W_ih, W_hh, b_ih, b_hh


def _gates(x, h, W_ih, W_hh, b_ih, b_hh):
    """The pre-activations of PyTorch's GRU, split into the r, z, n blocks."""
    gi = (x @ W_ih.T + b_ih).chunk(3, dim=-1)
    gh = (h @ W_hh.T + b_hh).chunk(3, dim=-1)
    return gi, gh


def _gru_cell(x, h, W_ih, W_hh, b_ih, b_hh):
    """x (B, D), h (B, H), W_ih (3H, D), W_hh (3H, H), b_ih and b_hh (3H,)
    -> h_next (B, H)."""
    i_r, i_z, i_n = (x @ W_ih.T + b_ih).chunk(3, dim=1)  # PyTorch's order r, z, n
    h_r, h_z, h_n = (h @ W_hh.T + b_hh).chunk(3, dim=1)
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)  # the reset gate scales W_hn h + b_hn
    return (1 - z) * n + z * h


def _gru_z_exchanged(x, h, W_ih, W_hh, b_ih, b_hh):
    (i_r, i_z, i_n), (h_r, h_z, h_n) = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)
    return z * n + (1 - z) * h


def _gru_reset_before_matmul(x, h, W_ih, W_hh, b_ih, b_hh):
    (i_r, i_z, i_n), (h_r, h_z, _) = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
    H = h.shape[-1]
    n = torch.tanh(i_n + (r * h) @ W_hh[2 * H:].T + b_hh[2 * H:])
    return (1 - z) * n + z * h


def _gru_r_z_swapped(x, h, W_ih, W_hh, b_ih, b_hh):
    (i_r, i_z, i_n), (h_r, h_z, h_n) = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    z, r = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)
    return (1 - z) * n + z * h


def _gru_reset_ignored(x, h, W_ih, W_hh, b_ih, b_hh):
    (_, i_z, i_n), (_, h_z, h_n) = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + h_n)
    return (1 - z) * n + z * h


def _gru_b_hn_outside_reset(x, h, W_ih, W_hh, b_ih, b_hh):
    (i_r, i_z, i_n), (h_r, h_z, _) = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
    H = h.shape[-1]
    n = torch.tanh(i_n + r * (h @ W_hh[2 * H:].T) + b_hh[2 * H:])
    return (1 - z) * n + z * h


def _gru_candidate_only(x, h, W_ih, W_hh, b_ih, b_hh):
    (i_r, _, i_n), (h_r, _, h_n) = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    r = torch.sigmoid(i_r + h_r)
    return torch.tanh(i_n + r * h_n)


def _gru_sigmoid_candidate(x, h, W_ih, W_hh, b_ih, b_hh):
    (i_r, i_z, i_n), (h_r, h_z, h_n) = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
    n = torch.sigmoid(i_n + r * h_n)
    return (1 - z) * n + z * h


def _gru_no_hidden_bias(x, h, W_ih, W_hh, b_ih, b_hh):
    return _gru_cell(x, h, W_ih, W_hh, b_ih, torch.zeros_like(b_hh))


_GRU_CELL = Exercise(
    name="gru_cell", label="ch07-gru-cell", reference=_gru_cell, outputs=("h_next",),
    cases=lambda: [
        Case("B=2, D=3, H=4", _gru_case(2, 3, 4, seed=0)),
        Case("B=1, D=5, H=2 (D > H)", _gru_case(1, 5, 2, seed=1)),
        Case("B=4, D=1, H=3 (a scalar input)", _gru_case(4, 1, 3, seed=2)),
        Case("B=3, D=4, H=4, h = 0 (the first step)", _gru_case(3, 4, 4, seed=3, zero_state=True)),
        Case("B=2, D=3, H=5, large weights (saturated gates)", _gru_case(2, 3, 5, seed=4, scale=3.0)),
    ],
    mistakes=[
        Mistake("z and 1 − z are exchanged. In PyTorch's form z keeps the old state (d2l and colah write it the "
                "other way round).", _gru_z_exchanged),
        Mistake("the reset gate is applied before the matrix product, r ⊙ h then W_hn (Cho et al.'s form); "
                "PyTorch resets the product W_hn h + b_hn instead.", _gru_reset_before_matmul),
        Mistake("r and z are swapped: the blocks of rows are in PyTorch's order r, z, n, so the first block is "
                "the reset gate.", _gru_r_z_swapped),
        Mistake("the reset gate is ignored: r must scale the state's part of the candidate.", _gru_reset_ignored),
        Mistake("b_hn is outside the reset gate: in PyTorch it is reset together with W_hn h.",
                _gru_b_hn_outside_reset),
        Mistake("you returned the candidate n: the new state mixes it with the old state through z.",
                _gru_candidate_only),
        Mistake("the candidate uses tanh, not the sigmoid (only the gates r and z use σ).",
                _gru_sigmoid_candidate),
        Mistake("the hidden bias b_hh is missing: PyTorch has two biases, one with each matrix product.",
                _gru_no_hidden_bias),
    ],
    hint="split the input's product and the state's product into three blocks each (r, z, n), then follow "
         "the four equations of section 'A GRU from scratch'.",
    error_hint="x is (B, D) and W_ih is (3H, D), so the input's product has shape (B, 3H): three blocks of H "
               "columns.",
)


def gru_cell(fn, reveal: bool = False) -> None:
    """Check ``fn(x, h, W_ih, W_hh, b_ih, b_hh) -> h_next``, one step of PyTorch's GRU (``nn.GRUCell``).

    Shapes: ``x`` (B, D), ``h`` (B, H), ``W_ih`` (3H, D), ``W_hh`` (3H, H), ``b_ih`` and ``b_hh`` (3H,),
    all float64; the three blocks of rows are the gates in PyTorch's order r, z, n. Returns (B, H):

        r = σ(W_ir x + b_ir + W_hr h + b_hr)
        z = σ(W_iz x + b_iz + W_hz h + b_hz)
        n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
        h_next = (1 − z) ⊙ n + z ⊙ h

    ``reveal=True`` also prints one solution.
    """
    _GRU_CELL.check(fn, reveal)


# --------------------------------------------------------------------------------------------------------
# recurrent_param_count(kind, input_size, hidden_size, num_layers) -> int
# --------------------------------------------------------------------------------------------------------

_BLOCKS = {"RNN": 1, "GRU": 3, "LSTM": 4}


def _recurrent_param_count(kind, input_size, hidden_size, num_layers):
    """Parameters of nn.RNN / nn.LSTM / nn.GRU(input_size, hidden_size, num_layers)."""
    blocks = {"RNN": 1, "GRU": 3, "LSTM": 4}[kind]
    H, total = hidden_size, 0
    for layer in range(num_layers):
        d = input_size if layer == 0 else H  # later layers read the layer below
        # every block has W_ih (H, d), W_hh (H, H), b_ih and b_hh (H each)
        total += blocks * (H * d + H * H + 2 * H)
    return total


def _count_one_bias(kind, D, H, L):
    g = _BLOCKS[kind]
    return g * (H * D + H * H + H) + (L - 1) * g * (2 * H * H + H)


def _count_no_bias(kind, D, H, L):
    g = _BLOCKS[kind]
    return g * (H * D + H * H) + (L - 1) * g * 2 * H * H


def _count_same_input(kind, D, H, L):
    return L * _recurrent_param_count(kind, D, H, 1)


def _count_first_layer(kind, D, H, L):
    return _recurrent_param_count(kind, D, H, 1)


def _count_one_block(kind, D, H, L):
    return _recurrent_param_count("RNN", D, H, L)


def _count_swapped_blocks(kind, D, H, L):
    return _recurrent_param_count({"GRU": "LSTM", "LSTM": "GRU"}.get(kind, kind), D, H, L)


_RECURRENT_PARAM_COUNT = Exercise(
    name="recurrent_param_count", label="ch07b-param-count", reference=_recurrent_param_count,
    cases=lambda: [
        Case("RNN, D=3, H=4, 1 layer", ("RNN", 3, 4, 1)),
        Case("GRU, D=3, H=4, 1 layer", ("GRU", 3, 4, 1)),
        Case("LSTM, D=10, H=7, 1 layer (D != H)", ("LSTM", 10, 7, 1)),
        Case("GRU, D=30, H=64, 2 layers", ("GRU", 30, 64, 2)),
        Case("LSTM, D=5, H=8, 3 layers", ("LSTM", 5, 8, 3)),
        Case("RNN, D=1, H=1, 1 layer (the smallest)", ("RNN", 1, 1, 1)),
    ],
    mistakes=[
        Mistake("PyTorch keeps two bias vectors per block, b_ih and b_hh.", _count_one_bias),
        Mistake("the biases are missing: each block has b_ih and b_hh, H numbers each.", _count_no_bias),
        Mistake("layers after the first read the H outputs of the layer below, not the D inputs.",
                _count_same_input),
        Mistake("only the first layer is counted: there are num_layers of them.", _count_first_layer),
        Mistake("the gates are forgotten: a GRU has 3 blocks (r, z, n) and an LSTM 4 (i, f, g, o), each as big "
                "as a plain RNN's single block.", _count_one_block),
        Mistake("the numbers of blocks are exchanged: GRU has 3 (r, z, n), LSTM 4 (i, f, g, o).",
                _count_swapped_blocks),
    ],
    hint="count one block of a plain RNN (input weights, recurrent weights, two biases), multiply by the "
         "number of blocks, and mind what the layers after the first read (chapter 7, 'Simpler: parameters').",
    error_hint="kind is one of the strings 'RNN', 'GRU', 'LSTM'; return a Python int.",
)


def recurrent_param_count(fn, reveal: bool = False) -> None:
    """Check ``fn(kind, input_size, hidden_size, num_layers) -> int``: the number of parameters of
    ``nn.RNN`` / ``nn.LSTM`` / ``nn.GRU(input_size, hidden_size, num_layers)`` (``kind`` is "RNN", "LSTM"
    or "GRU"), with PyTorch's two bias vectors per block. ``reveal=True`` also prints one solution.
    """
    _RECURRENT_PARAM_COUNT.check(fn, reveal)
