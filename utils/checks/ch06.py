"""Checkers for chapter 6, LSTM."""
from __future__ import annotations

import torch

from .core import Case, Exercise, Mistake, seeded

__all__ = ["lstm_cell", "cell_state_gradient"]


def _randn(seed: int, *shape: int, scale: float = 1.0) -> torch.Tensor:
    return seeded(*shape, seed=seed, scale=scale)


def _lstm_case(seed: int, batch: int, input_size: int, hidden_size: int, bias: bool = True) -> tuple:
    """(x, h, c, W_ih, W_hh, b_ih, b_hh): float64, PyTorch's shapes, non-symmetric weights."""
    H = hidden_size
    x = _randn(seed, batch, input_size)
    h = _randn(seed + 1, batch, H, scale=0.8)
    c = _randn(seed + 2, batch, H, scale=1.5)
    W_ih = _randn(seed + 3, 4 * H, input_size, scale=0.7)
    W_hh = _randn(seed + 4, 4 * H, H, scale=0.7)
    b_ih = _randn(seed + 5, 4 * H, scale=0.5) if bias else torch.zeros(4 * H, dtype=torch.float64)
    b_hh = _randn(seed + 6, 4 * H, scale=0.5) if bias else torch.zeros(4 * H, dtype=torch.float64)
    return x, h, c, W_ih, W_hh, b_ih, b_hh


def _gates(x, h, W_ih, W_hh, b_ih, b_hh):
    return (x @ W_ih.T + b_ih + h @ W_hh.T + b_hh).chunk(4, dim=-1)


def _lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    """x (B, D), h and c (B, H), W_ih (4H, D), W_hh (4H, H), b_ih and b_hh (4H,)
    -> (h_next, c_next), each (B, H)."""
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = gates.chunk(4, dim=1)  # PyTorch's order of the gate blocks
    c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    h_next = torch.sigmoid(o) * torch.tanh(c_next)
    return h_next, c_next


def _lstm_from_blocks(i, f, g, o, c, out_tanh=True, candidate=torch.tanh):
    c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * candidate(g)
    h_next = torch.sigmoid(o) * (torch.tanh(c_next) if out_tanh else c_next)
    return h_next, c_next


def _lstm_order_ifog(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, o, g = _gates(x, h, W_ih, W_hh, b_ih, b_hh)  # Keras-like / colah order i, f, o, g
    return _lstm_from_blocks(i, f, g, o, c)


def _lstm_order_figo(x, h, c, W_ih, W_hh, b_ih, b_hh):
    f, i, g, o = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    return _lstm_from_blocks(i, f, g, o, c)


def _lstm_order_fiog(x, h, c, W_ih, W_hh, b_ih, b_hh):
    f, i, o, g = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    return _lstm_from_blocks(i, f, g, o, c)


def _lstm_no_output_tanh(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, g, o = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    return _lstm_from_blocks(i, f, g, o, c, out_tanh=False)


def _lstm_sigmoid_candidate(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, g, o = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    return _lstm_from_blocks(i, f, g, o, c, candidate=torch.sigmoid)


def _lstm_no_b_hh(x, h, c, W_ih, W_hh, b_ih, b_hh):
    return _lstm_cell(x, h, c, W_ih, W_hh, b_ih, torch.zeros_like(b_hh))


def _lstm_no_b_ih(x, h, c, W_ih, W_hh, b_ih, b_hh):
    return _lstm_cell(x, h, c, W_ih, W_hh, torch.zeros_like(b_ih), b_hh)


def _lstm_no_bias(x, h, c, W_ih, W_hh, b_ih, b_hh):
    return _lstm_cell(x, h, c, W_ih, W_hh, torch.zeros_like(b_ih), torch.zeros_like(b_hh))


def _lstm_swapped(x, h, c, W_ih, W_hh, b_ih, b_hh):
    h_next, c_next = _lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh)
    return c_next, h_next


def _lstm_old_c_in_output(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, g, o = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c), c_next


def _lstm_no_forget(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, g, o = _gates(x, h, W_ih, W_hh, b_ih, b_hh)
    c_next = c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_next), c_next


_LSTM_CELL = Exercise(
    name="lstm_cell", label="ch06-lstm-cell", reference=_lstm_cell, outputs=("h_next", "c_next"),
    cases=lambda: [
        Case("batch 3, D=4, H=5", _lstm_case(0, 3, 4, 5)),
        Case("batch 2, D=6, H=3 (D > H)", _lstm_case(10, 2, 6, 3)),
        Case("batch 1, D=1, H=2 (one example, one input feature)", _lstm_case(20, 1, 1, 2)),
        Case("batch 4, D=3, H=4, zero biases", _lstm_case(30, 4, 3, 4, bias=False)),
        Case("batch 5, D=7, H=6, large weights (saturated gates)",
             tuple(t * 3 if k >= 3 else t for k, t in enumerate(_lstm_case(40, 5, 7, 6)))),
    ],
    mistakes=[
        Mistake("(h, c) came back swapped: return the hidden state first.", _lstm_swapped),
        Mistake("the gate blocks are in the wrong order: PyTorch stacks them as i, f, g, o (input, forget, "
                "candidate, output).", _lstm_order_ifog),
        Mistake("the gate blocks are in the wrong order: PyTorch stacks them as i, f, g, o (input, forget, "
                "candidate, output).", _lstm_order_figo),
        Mistake("the gate blocks are in the wrong order: PyTorch stacks them as i, f, g, o (input, forget, "
                "candidate, output).", _lstm_order_fiog),
        Mistake("the output lacks its tanh: h_next squashes the new cell state before the output gate scales "
                "it.", _lstm_no_output_tanh),
        Mistake("the candidate g takes tanh, not a sigmoid: only the three gates i, f, o use the sigmoid.",
                _lstm_sigmoid_candidate),
        Mistake("the biases are missing: both b_ih and b_hh go into the pre-activations.", _lstm_no_bias),
        Mistake("a bias is missing: PyTorch adds two of them, b_ih and b_hh (both of shape (4H,)).", _lstm_no_b_hh),
        Mistake("a bias is missing: PyTorch adds two of them, b_ih and b_hh (both of shape (4H,)).", _lstm_no_b_ih),
        Mistake("h_next uses the old cell state: compute c_next first and build h_next from it.",
                _lstm_old_c_in_output),
        Mistake("the forget gate is not applied: it scales the old cell state.", _lstm_no_forget),
    ],
    hint="one product per input gives all four gates at once; split them in PyTorch's order and follow the "
         "four steps of section 'The cell state: a separate channel for long-term content'.",
    error_hint="the weights have PyTorch's shapes (4H, D) and (4H, H), so a batch of rows meets their "
               "transposes; the (B, 4H) result splits into four blocks of H columns.",
)


def lstm_cell(fn, reveal: bool = False) -> None:
    """Check ``fn(x, h, c, W_ih, W_hh, b_ih, b_hh) -> (h_next, c_next)``: one step of an LSTM.

    Shapes (float64 tensors, exactly ``nn.LSTMCell``'s parameters): ``x`` (B, D), ``h`` and ``c`` (B, H),
    ``W_ih`` (4H, D), ``W_hh`` (4H, H), ``b_ih`` and ``b_hh`` (4H,). The four row blocks of the weights and
    biases are the gates in PyTorch's order i, f, g, o. ``reveal=True`` also prints one solution.
    """
    _LSTM_CELL.check(fn, reveal)


def _forget_gates(seed: int, steps: int, hidden_size: int, low: float = 0.0,
                  high: float = 1.0) -> torch.Tensor:
    return seeded(steps, hidden_size, seed=seed, low=low, high=high)


def _cell_state_gradient(f):
    """f (T, H) forget gates -> G (T, H), G[t] = product of f[t+1:], G[T-1] = 1."""
    G = torch.ones_like(f)                      # the last step: nothing left to multiply
    for t in range(len(f) - 2, -1, -1):         # walk back from the end
        G[t] = G[t + 1] * f[t + 1]
    return G


def _gradient_inclusive(f):
    return f.flip(0).cumprod(0).flip(0)


def _gradient_forward(f):
    earlier = torch.cat([torch.ones_like(f[:1]), f[:-1]])
    return earlier.cumprod(0)


def _gradient_forward_inclusive(f):
    return f.cumprod(0)


def _gradient_sum(f):
    later = torch.cat([f[1:], torch.zeros_like(f[:1])])
    return 1 + later.flip(0).cumsum(0).flip(0)


def _gradient_shifted(f):
    return torch.cat([_cell_state_gradient(f)[1:], torch.ones_like(f[:1])])


_CELL_STATE_GRADIENT = Exercise(
    name="cell_state_gradient", label="ch06-cell-gradient", reference=_cell_state_gradient, outputs=("G",),
    cases=lambda: [
        Case("T=5, H=3", (_forget_gates(0, 5, 3),)),
        Case("T=1, H=2 (a single step: nothing to multiply)", (_forget_gates(1, 1, 2),)),
        Case("T=12, H=4, forget gates near 1 (memory kept)", (_forget_gates(2, 12, 4, 0.9, 1.0),)),
        Case("T=8, H=1, forget gates near 0.5 (as at initialisation)", (_forget_gates(3, 8, 1, 0.4, 0.6),)),
        Case("T=6, H=2, one gate shut at step 3",
             (_forget_gates(4, 6, 2).index_fill(0, torch.tensor([3]), 0.0),)),
    ],
    mistakes=[
        Mistake("the product includes f_t itself: c_t is the state after step t's forget gate, so the path "
                "from c_t to c_{T-1} multiplies only the later gates.", _gradient_inclusive),
        Mistake("the product runs forwards from step 0; the path from c_t to the last step goes through the "
                "gates after t: accumulate from the end.", _gradient_forward),
        Mistake("the product runs forwards from step 0 and includes f_t; multiply only the gates after t.",
                _gradient_forward_inclusive),
        Mistake("the gates multiply along the path, they do not add: every step scales the gradient by its "
                "forget gate.", _gradient_sum),
        Mistake("the rows are shifted by one step: the last row G[T-1] is all ones (nothing is left to "
                "multiply).", _gradient_shifted),
    ],
    hint="G[t] multiplies, elementwise, the forget gates of the steps after t; the last row has nothing "
         "left to multiply (section 'Gradients that survive').",
    error_hint="f has shape (T, H); build G with the same shape and dtype.",
)


def cell_state_gradient(fn, reveal: bool = False) -> None:
    """Check ``fn(f) -> G``: how much of a change in the cell state at step t reaches the last step.

    ``f`` (T, H) holds the forget gates f_0 … f_{T-1} (values in (0, 1)); along the cell-state path alone,
    c_s = f_s ⊙ c_{s-1} + (terms without c_{s-1}), so ``G[t] = ∂c_{T-1} / ∂c_t = f_{t+1} ⊙ … ⊙ f_{T-1}``
    (elementwise, one column per unit) and ``G[T-1]`` is all ones. ``G`` has the shape of ``f``.
    ``reveal=True`` also prints one solution.
    """
    _CELL_STATE_GRADIENT.check(fn, reveal)
