"""Checkers for chapter 2, the recurrent network: one step of a vanilla RNN, and a whole sequence."""
from __future__ import annotations

import torch

from .core import Case, Mistake, run_checks

__all__ = ["rnn_step", "rnn_forward"]


def _randn(*shape: int, seed: int, scale: float = 1.0) -> torch.Tensor:
    return scale * torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


def _weights(D: int, H: int, seed: int, scale: float = 0.5) -> tuple[torch.Tensor, ...]:
    """W_xh (H, D), W_hh (H, H) (not symmetric) and a non-zero bias b (H,)."""
    return (_randn(H, D, seed=seed, scale=scale), _randn(H, H, seed=seed + 1, scale=scale),
            _randn(H, seed=seed + 2, scale=0.5))


# ---------------------------------------------------------------------------------------------- rnn_step


def _step_reference(x, h, W_xh, W_hh, b):
    return torch.tanh(x @ W_xh.T + h @ W_hh.T + b)


def _step_case(name: str, B: int, D: int, H: int, seed: int, scale: float = 0.5,
               zero_state: bool = False) -> Case:
    W_xh, W_hh, b = _weights(D, H, seed, scale)
    h = torch.zeros(B, H, dtype=torch.float64) if zero_state else _randn(B, H, seed=seed + 3, scale=0.8)
    return Case(name, (_randn(B, D, seed=seed + 4), h, W_xh, W_hh, b))


_STEP_MISTAKES = [
    Mistake("the tanh is missing: the new state is tanh(x @ W_xh.T + h @ W_hh.T + b), squashed into (-1, 1).",
            lambda x, h, W_xh, W_hh, b: x @ W_xh.T + h @ W_hh.T + b),
    Mistake("wrong activation: a vanilla RNN (and nn.RNN's default) uses torch.tanh, not a sigmoid.",
            lambda x, h, W_xh, W_hh, b: torch.sigmoid(x @ W_xh.T + h @ W_hh.T + b)),
    Mistake("wrong activation: a vanilla RNN (and nn.RNN's default) uses torch.tanh, not a ReLU.",
            lambda x, h, W_xh, W_hh, b: torch.relu(x @ W_xh.T + h @ W_hh.T + b)),
    Mistake("the bias b is missing: add it inside the tanh, tanh(x @ W_xh.T + h @ W_hh.T + b).",
            lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh.T)),
    Mistake("the bias is outside the tanh: it belongs inside, tanh(x @ W_xh.T + h @ W_hh.T + b).",
            lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh.T) + b),
    Mistake("W_hh is used untransposed: rows of h are multiplied by W_hh.T (PyTorch stores weights as "
            "(out, in)), so write h @ W_hh.T.",
            lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + h @ W_hh + b)),
    Mistake("W_xh is used untransposed: it has shape (H, D), so a batch of rows x (B, D) needs x @ W_xh.T.",
            lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh + h @ W_hh.T + b)),
    Mistake("the previous state h is ignored: every step must also add h @ W_hh.T — that term is the memory.",
            lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_xh.T + b)),
    Mistake("the input x is ignored: every step must also add x @ W_xh.T.",
            lambda x, h, W_xh, W_hh, b: torch.tanh(h @ W_hh.T + b)),
    Mistake("the weight matrices are swapped: the input goes through W_xh and the state through W_hh.",
            lambda x, h, W_xh, W_hh, b: torch.tanh(x @ W_hh.T + h @ W_xh.T + b)),
]


def rnn_step(fn) -> None:
    """Check ``fn(x, h, W_xh, W_hh, b) -> h_next``, one step of a vanilla RNN.

    Shapes (float64 tensors): ``x`` (B, D), ``h`` (B, H), ``W_xh`` (H, D), ``W_hh`` (H, H), ``b`` (H,);
    ``h_next`` (B, H) ``= tanh(x @ W_xh.T + h @ W_hh.T + b)``.
    """
    cases = [
        _step_case("B=2, D=3, H=4", 2, 3, 4, seed=10),
        _step_case("B=5, D=6, H=3 (more inputs than units)", 5, 6, 3, seed=20),
        _step_case("B=3, D=4, H=4 (square W_xh)", 3, 4, 4, seed=30),
        _step_case("B=1, D=1, H=2 (one sample, one input)", 1, 1, 2, seed=40),
        _step_case("B=4, D=2, H=5, large weights (tanh saturates)", 4, 2, 5, seed=50, scale=3.0),
        _step_case("B=3, D=2, H=3, first step: h = 0", 3, 2, 3, seed=60, zero_state=True),
    ]
    run_checks("rnn_step", fn, cases, _step_reference, _STEP_MISTAKES,
               signature="rnn_step(x, h, W_xh, W_hh, b)",
               default_hint="h_next = torch.tanh(x @ W_xh.T + h @ W_hh.T + b), in float64 like the inputs.",
               error_hint="check the shapes: x (B, D) @ W_xh.T (D, H) and h (B, H) @ W_hh.T (H, H) both give "
                          "(B, H); a shape error usually means a missing or extra .T.")


# ------------------------------------------------------------------------------------------- rnn_forward


def _forward_reference(X, h0, W_xh, W_hh, b):
    h, states = h0, []
    for t in range(X.shape[1]):
        h = torch.tanh(X[:, t] @ W_xh.T + h @ W_hh.T + b)
        states.append(h)
    return torch.stack(states, dim=1), h


def _forward_state_not_carried(X, h0, W_xh, W_hh, b):
    states = torch.stack([torch.tanh(X[:, t] @ W_xh.T + h0 @ W_hh.T + b) for t in range(X.shape[1])], dim=1)
    return states, states[:, -1]


def _forward_shifted(X, h0, W_xh, W_hh, b):
    states, last = _forward_reference(X, h0, W_xh, W_hh, b)
    return torch.cat([h0[:, None], states[:, :-1]], dim=1), last


def _forward_first_as_last(X, h0, W_xh, W_hh, b):
    states, _ = _forward_reference(X, h0, W_xh, W_hh, b)
    return states, states[:, 0]


def _forward_time_major(X, h0, W_xh, W_hh, b):
    return _forward_reference(X.transpose(0, 1), h0, W_xh, W_hh, b)


def _forward_stacked_on_batch(X, h0, W_xh, W_hh, b):
    states, last = _forward_reference(X, h0, W_xh, W_hh, b)
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


def _forward_case(name: str, B: int, T: int, D: int, H: int, seed: int, zero_state: bool = False) -> Case:
    W_xh, W_hh, b = _weights(D, H, seed, scale=0.6)
    h0 = torch.zeros(B, H, dtype=torch.float64) if zero_state else _randn(B, H, seed=seed + 3, scale=0.8)
    return Case(name, (_randn(B, T, D, seed=seed + 4), h0, W_xh, W_hh, b))


def rnn_forward(fn) -> None:
    """Check ``fn(X, h0, W_xh, W_hh, b) -> (states, h_last)``, a vanilla RNN over a whole sequence.

    Shapes (float64 tensors): ``X`` (B, T, D), ``h0`` (B, H), ``W_xh`` (H, D), ``W_hh`` (H, H), ``b`` (H,).
    Returns ``states`` (B, T, H) with ``states[:, t]`` the state after reading ``X[:, t]`` (so ``h0`` is
    not included) and ``h_last`` (B, H), the state after the last step — what ``nn.RNN(batch_first=True)``
    returns as ``output`` and ``h_n[0]``.
    """
    cases = [
        _forward_case("B=2, T=5, D=3, H=4, h0 = 0", 2, 5, 3, 4, seed=100, zero_state=True),
        _forward_case("B=3, T=4, D=2, H=5, non-zero h0", 3, 4, 2, 5, seed=110),
        _forward_case("B=4, T=4, D=3, H=2 (as many samples as steps)", 4, 4, 3, 2, seed=120),
        _forward_case("B=2, T=1, D=3, H=3 (a single step)", 2, 1, 3, 3, seed=130),
        _forward_case("B=1, T=12, D=1, H=6 (one long sequence)", 1, 12, 1, 6, seed=140),
    ]
    mistakes = [
        Mistake("the state is not carried: inside the loop, feed the state you just computed (h = ...) "
                "into the next step instead of h0 every time.", _forward_state_not_carried),
        Mistake("the states are shifted by one step: states[:, t] is the state *after* reading X[:, t]; "
                "do not store h0, store each new h.", _forward_shifted),
        Mistake("h_last is the state after the *last* step, states[:, -1], not the first.",
                _forward_first_as_last),
        Mistake("time is axis 1 with batch_first=True: the input of step t is X[:, t] (B, D), not X[t].",
                _forward_time_major),
        Mistake("stack the states along the time axis: torch.stack(states, dim=1) gives (B, T, H).",
                _forward_stacked_on_batch),
        Mistake("the tanh is missing: h = tanh(x_t @ W_xh.T + h @ W_hh.T + b).", _forward_without("tanh")),
        Mistake("the bias b is missing: h = tanh(x_t @ W_xh.T + h @ W_hh.T + b).", _forward_without("bias")),
    ]
    run_checks("rnn_forward", fn, cases, _forward_reference, mistakes,
               signature="rnn_forward(X, h0, W_xh, W_hh, b)",
               default_hint="start from h = h0; for t in range(T): "
                            "h = tanh(X[:, t] @ W_xh.T + h @ W_hh.T + b); collect each h; "
                            "return torch.stack(states, dim=1), h.",
               error_hint="loop over time with X[:, t] (shape (B, D)); return a tuple (states, h_last).")
