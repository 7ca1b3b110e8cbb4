"""Checkers for chapter 2, the recurrent network: one step of a vanilla RNN, and a whole sequence."""
from __future__ import annotations

import torch

from .core import Case, Exercise, Mistake, seeded

__all__ = ["rnn_step", "rnn_forward"]


def _weights(D: int, H: int, seed: int, scale: float = 0.5) -> tuple[torch.Tensor, ...]:
    """W_xh (H, D), W_hh (H, H) (not symmetric) and a non-zero bias b (H,)."""
    return (seeded(H, D, seed=seed, scale=scale), seeded(H, H, seed=seed + 1, scale=scale),
            seeded(H, seed=seed + 2, scale=0.5))


def _state(B: int, H: int, seed: int, zero: bool) -> torch.Tensor:
    return torch.zeros(B, H, dtype=torch.float64) if zero else seeded(B, H, seed=seed, scale=0.8)


# ---------------------------------------------------------------------------------------------------------
# rnn_step(x, h, W_xh, W_hh, b) -> h_next
# ---------------------------------------------------------------------------------------------------------

def _rnn_step(x, h, W_xh, W_hh, b):
    """x (B, D), h (B, H), W_xh (H, D), W_hh (H, H), b (H,) -> h_next (B, H)."""
    return torch.tanh(x @ W_xh.T + h @ W_hh.T + b)


def _step_args(B: int, D: int, H: int, seed: int, scale: float = 0.5, zero_state: bool = False) -> tuple:
    W_xh, W_hh, b = _weights(D, H, seed, scale)
    return seeded(B, D, seed=seed + 4), _state(B, H, seed + 3, zero_state), W_xh, W_hh, b


_RNN_STEP = Exercise(
    name="rnn_step", label="ch02-rnn-step", reference=_rnn_step, outputs=("h_next",),
    cases=lambda: [
        Case("B=2, D=3, H=4", _step_args(2, 3, 4, seed=10)),
        Case("B=5, D=6, H=3 (more inputs than units)", _step_args(5, 6, 3, seed=20)),
        Case("B=3, D=4, H=4 (square W_xh)", _step_args(3, 4, 4, seed=30)),
        Case("B=1, D=1, H=2 (one sample, one input)", _step_args(1, 1, 2, seed=40)),
        Case("B=4, D=2, H=5, large weights (tanh saturates)", _step_args(4, 2, 5, seed=50, scale=3.0)),
        Case("B=3, D=2, H=3, first step: h = 0", _step_args(3, 2, 3, seed=60, zero_state=True)),
    ],
    mistakes=[
        Mistake("the tanh is missing: the sum must be squashed into (-1, 1).",
                lambda x, h, W_xh, W_hh, b: x @ W_xh.T + h @ W_hh.T + b),
        Mistake("wrong activation: a vanilla RNN (and nn.RNN by default) squashes with tanh, not a sigmoid.",
                lambda x, h, W_xh, W_hh, b: torch.sigmoid(x @ W_xh.T + h @ W_hh.T + b)),
        Mistake("wrong activation: a vanilla RNN (and nn.RNN by default) squashes with tanh, not a ReLU.",
                lambda x, h, W_xh, W_hh, b: torch.relu(x @ W_xh.T + h @ W_hh.T + b)),
        Mistake("the bias b is missing: it is added to the two matrix products, inside the activation.",
                lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh.T)),
        Mistake("the bias is outside the tanh: it belongs to the sum that the tanh squashes.",
                lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh.T) + b),
        Mistake("W_hh is used untransposed: PyTorch stores weights as (out, in), so a batch of rows meets the "
                "transpose of W_hh.", lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh + b)),
        Mistake("W_xh is used untransposed: it has shape (H, D), and a batch of rows x (B, D) must meet its "
                "transpose.", lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh + h @ W_hh.T + b)),
        Mistake("the previous state h is ignored: its term through W_hh is the network's memory.",
                lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + b)),
        Mistake("the input x is ignored: every step also adds the input's term through W_xh.",
                lambda x, h, W_xh, W_hh, b: torch.tanh(h @ W_hh.T + b)),
        Mistake("the weight matrices are swapped: the input goes through W_xh and the state through W_hh.",
                lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_hh.T + h @ W_xh.T + b)),
    ],
    hint="the new state adds two terms, the input through W_xh and the previous state through W_hh, plus "
         "the bias, and squashes the sum with tanh (section 'The forward pass from scratch').",
    error_hint="check the shapes: x (B, D) meets W_xh (H, D) and h (B, H) meets W_hh (H, H), and both "
               "products must give (B, H); a shape error usually means a missing or extra transpose.",
)


def rnn_step(fn, reveal: bool = False) -> None:
    """Check ``fn(x, h, W_xh, W_hh, b) -> h_next``, one step of a vanilla RNN.

    Shapes (float64 tensors): ``x`` (B, D), ``h`` (B, H), ``W_xh`` (H, D), ``W_hh`` (H, H), ``b`` (H,);
    ``h_next`` (B, H). ``reveal=True`` also prints one solution.
    """
    _RNN_STEP.check(fn, reveal)


# ---------------------------------------------------------------------------------------------------------
# rnn_forward(X, h0, W_xh, W_hh, b) -> (states, h_last)
# ---------------------------------------------------------------------------------------------------------

def _rnn_forward(X, h0, W_xh, W_hh, b):
    """X (B, T, D), h0 (B, H), W_xh (H, D), W_hh (H, H), b (H,)
    -> states (B, T, H), h_last (B, H)."""
    h, states = h0, []
    for t in range(X.shape[1]):
        # the new state is carried into the next step
        h = torch.tanh(X[:, t] @ W_xh.T + h @ W_hh.T + b)
        states.append(h)
    return torch.stack(states, dim=1), h


def _forward_state_not_carried(X, h0, W_xh, W_hh, b):
    states = torch.stack([_rnn_step(X[:, t], h0, W_xh, W_hh, b) for t in range(X.shape[1])], dim=1)
    return states, states[:, -1]


def _forward_shifted(X, h0, W_xh, W_hh, b):
    states, last = _rnn_forward(X, h0, W_xh, W_hh, b)
    return torch.cat([h0[:, None], states[:, :-1]], dim=1), last


def _forward_first_as_last(X, h0, W_xh, W_hh, b):
    states, _ = _rnn_forward(X, h0, W_xh, W_hh, b)
    return states, states[:, 0]


def _forward_time_major(X, h0, W_xh, W_hh, b):
    return _rnn_forward(X.transpose(0, 1), h0, W_xh, W_hh, b)


def _forward_stacked_on_batch(X, h0, W_xh, W_hh, b):
    states, last = _rnn_forward(X, h0, W_xh, W_hh, b)
    return states.transpose(0, 1), last


def _forward_without(part: str):
    def wrong(X, h0, W_xh, W_hh, b):
        h, states = h0, []
        for t in range(X.shape[1]):
            pre = X[:, t] @ W_xh.T + h @ W_hh.T + (0 if part == "bias" else b)
            h = pre if part == "tanh" else torch.tanh(pre)
            states.append(h)
        return torch.stack(states, dim=1), h
    return wrong


def _forward_args(B: int, T: int, D: int, H: int, seed: int, zero_state: bool = False) -> tuple:
    W_xh, W_hh, b = _weights(D, H, seed, scale=0.6)
    return seeded(B, T, D, seed=seed + 4), _state(B, H, seed + 3, zero_state), W_xh, W_hh, b


_RNN_FORWARD = Exercise(
    name="rnn_forward", label="ch02-rnn-forward", reference=_rnn_forward, outputs=("states", "h_last"),
    cases=lambda: [
        Case("B=2, T=5, D=3, H=4, h0 = 0", _forward_args(2, 5, 3, 4, seed=100, zero_state=True)),
        Case("B=3, T=4, D=2, H=5, non-zero h0", _forward_args(3, 4, 2, 5, seed=110)),
        Case("B=4, T=4, D=3, H=2 (as many samples as steps)", _forward_args(4, 4, 3, 2, seed=120)),
        Case("B=2, T=1, D=3, H=3 (a single step)", _forward_args(2, 1, 3, 3, seed=130)),
        Case("B=1, T=12, D=1, H=6 (one long sequence)", _forward_args(1, 12, 1, 6, seed=140)),
    ],
    mistakes=[
        Mistake("the state is not carried: each step must read the state the step before computed, not h0 "
                "every time.", _forward_state_not_carried),
        Mistake("the states are shifted by one step: states[:, t] is the state *after* reading X[:, t], so h0 "
                "is not among them.", _forward_shifted),
        Mistake("h_last is the state after the *last* step, not the first.", _forward_first_as_last),
        Mistake("time is axis 1 with batch_first=True: the input of step t is a (B, D) slice along axis 1, "
                "not along axis 0.", _forward_time_major),
        Mistake("the states are stacked along the wrong axis: time is axis 1, so states has shape (B, T, H).",
                _forward_stacked_on_batch),
        Mistake("the tanh is missing: every new state is squashed into (-1, 1).", _forward_without("tanh")),
        Mistake("the bias b is missing from each step.", _forward_without("bias")),
    ],
    hint="start from h0; at every step compute the new state from that step's input and the previous state "
         "(your rnn_step does it), keep it, and carry it into the next step.",
    error_hint="loop over time, taking a (B, D) slice of X per step, and return a tuple (states, h_last).",
)


def rnn_forward(fn, reveal: bool = False) -> None:
    """Check ``fn(X, h0, W_xh, W_hh, b) -> (states, h_last)``, a vanilla RNN over a whole sequence.

    Shapes (float64 tensors): ``X`` (B, T, D), ``h0`` (B, H), ``W_xh`` (H, D), ``W_hh`` (H, H), ``b`` (H,).
    Returns ``states`` (B, T, H) with ``states[:, t]`` the state after reading ``X[:, t]`` (so ``h0`` is
    not included) and ``h_last`` (B, H), the state after the last step — what ``nn.RNN(batch_first=True)``
    returns as ``output`` and ``h_n[0]``. ``reveal=True`` also prints one solution.
    """
    _RNN_FORWARD.check(fn, reveal)
