"""The word-level language model of chapters 6 and 7b, on fastbook's Human Numbers.

Chapter 6 writes the model and its training epoch by hand, as the lesson, and checks that this module computes
the same; chapter 7b imports them, so both chapters train with one recipe:

- ``human_numbers_streams``: the token lists of ``utils.number_words.human_numbers`` cut into parallel
  streams, so a model can carry its state from one chunk of a stream to the next.
- ``NumbersLM``: an embedding, a stack of recurrent layers (``nn.LSTM``, ``nn.GRU`` or ``nn.RNN``), dropout,
  and an output layer that shares its weights with the embedding ("weight tying").
- ``lm_epoch``: one pass over the streams in chunks of ``bptt`` tokens, the state carried from chunk to chunk
  and detached (truncated backpropagation through time); it trains when given an optimiser.
- ``train_numbers_lm``: the course's recipe (Adam with a one-cycle schedule, gradient clipping) and the
  accuracies after each epoch; ``next_word_predictions``: every prediction, to see where the errors are.
"""
from __future__ import annotations

import math

import torch
from torch import nn

from utils.number_words import human_numbers
from utils.seed import set_seed

__all__ = ["NumbersLM", "detach_state", "human_numbers_streams", "lm_epoch", "next_word_predictions",
           "train_numbers_lm"]


def human_numbers_streams(n_streams: int = 64) -> tuple[list[str], torch.Tensor, torch.Tensor]:
    """Human Numbers as ``n_streams`` parallel streams, for a language model that carries its state.

    Returns ``(vocab, train_ids, valid_ids)``: the 30 tokens in sorted order (a token's id is its position),
    and int64 tensors (n_streams, L): each split's ids cut into ``n_streams`` consecutive pieces, one per
    row (the last ``len % n_streams`` tokens dropped), so row s of one chunk of columns continues row s of the
    chunk before it.
    """
    train_tokens, valid_tokens = human_numbers()
    vocab = sorted(set(train_tokens) | set(valid_tokens))
    index = {word: i for i, word in enumerate(vocab)}

    def streams(tokens: list[str]) -> torch.Tensor:
        ids = torch.tensor([index[word] for word in tokens])
        length = len(ids) // n_streams
        return ids[: n_streams * length].view(n_streams, length)

    return vocab, streams(train_tokens), streams(valid_tokens)


class NumbersLM(nn.Module):
    """Token ids (S, T) and a state -> next-token logits (S, T, V) and the new state.

    An embedding of ``hidden_size`` numbers, ``num_layers`` stacked recurrent layers of kind ``kind``
    (``"LSTM"``, ``"GRU"`` or ``"RNN"``) with dropout between them, dropout on their output, and an output layer
    that reuses the embedding matrix (weight tying: a word has one vector, in and out). The state is the
    recurrent layer's: ``(h, c)`` for an LSTM, ``h`` otherwise, each (num_layers, S, hidden_size).
    """

    def __init__(self, vocab_size: int = 30, hidden_size: int = 64, num_layers: int = 2, dropout: float = 0.3,
                 kind: str = "LSTM"):
        super().__init__()
        if kind not in ("LSTM", "GRU", "RNN"):
            raise ValueError(f"kind must be 'LSTM', 'GRU' or 'RNN', not {kind!r}")
        self.embed = nn.Embedding(vocab_size, hidden_size)
        self.rnn = getattr(nn, kind)(hidden_size, hidden_size, num_layers, batch_first=True, dropout=dropout)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(hidden_size, vocab_size)
        self.head.weight = self.embed.weight

    def forward(self, ids: torch.Tensor, state=None):
        out, state = self.rnn(self.drop(self.embed(ids)), state)
        return self.head(self.drop(out)), state


def detach_state(state):
    """The same state values without their graph: a tensor, or the LSTM's ``(h, c)`` tuple."""
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def lm_epoch(model: nn.Module, streams: torch.Tensor, bptt: int = 16, optimizer=None, scheduler=None,
             clip: float = 1.0, carry_state: bool = True) -> float:
    """One pass over ``streams`` (S, L) in chunks of ``bptt`` tokens, the state carried across chunks.

    Each chunk predicts the next token at every position; the state is detached after every chunk, so the
    values flow on through the whole stream while gradients stop at the chunk's start (truncated BPTT). With
    an ``optimizer`` the model trains (clipping the gradient norm at ``clip`` and stepping the ``scheduler``
    after every update); without one it is evaluated. ``carry_state=False`` starts every chunk from a zero
    state instead. Returns the accuracy of the next-token predictions.
    """
    model.train(optimizer is not None)
    state, correct, total = None, 0, 0
    with torch.set_grad_enabled(optimizer is not None):
        for start in range(0, streams.shape[1] - 1, bptt):
            target = streams[:, start + 1:start + 1 + bptt]               # (S, T) the next tokens
            logits, state = model(streams[:, start:start + target.shape[1]], state)
            state = detach_state(state) if carry_state else None
            if optimizer is not None:
                loss = nn.functional.cross_entropy(logits.flatten(0, 1), target.flatten())
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), clip)
                optimizer.step()
                if scheduler is not None:
                    scheduler.step()
            correct += (logits.argmax(dim=-1) == target).sum().item()
            total += target.numel()
    return correct / total


def next_word_predictions(model: nn.Module, streams: torch.Tensor, bptt: int = 16,
                          carry_state: bool = True) -> torch.Tensor:
    """The model's prediction (argmax) of every next token of ``streams`` (S, L), read as ``lm_epoch`` reads
    them: a LongTensor (S, L - 1), column j predicting ``streams[:, j + 1]``."""
    model.eval()
    state, predictions = None, []
    with torch.no_grad():
        for start in range(0, streams.shape[1] - 1, bptt):
            length = min(bptt, streams.shape[1] - 1 - start)
            logits, state = model(streams[:, start:start + length], state if carry_state else None)
            predictions.append(logits.argmax(dim=-1))
    return torch.cat(predictions, dim=1)


def train_numbers_lm(model: nn.Module, train_streams: torch.Tensor, valid_streams: torch.Tensor,
                     epochs: int = 10, lr: float = 1e-2, bptt: int = 16, seed: int | None = None,
                     carry_state: bool = True) -> dict[str, list[float]]:
    """The course's recipe: Adam with a one-cycle learning rate (up to ``lr`` over the first quarter of all
    ``epochs``, then back down), clipping at norm 1; each epoch ``lm_epoch`` on the training streams, then on
    the validation streams.

    Returns ``{"train": [...], "valid": [...]}``, the accuracies after each epoch. ``seed`` (if given) seeds
    the dropout masks (``utils.seed.set_seed``) just before training; ``carry_state`` as in ``lm_epoch``.
    """
    if seed is not None:
        set_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    steps = epochs * math.ceil((train_streams.shape[1] - 1) / bptt)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=steps, pct_start=0.25)
    curves: dict[str, list[float]] = {"train": [], "valid": []}
    for _ in range(epochs):
        curves["train"].append(lm_epoch(model, train_streams, bptt, optimizer, scheduler,
                                        carry_state=carry_state))
        curves["valid"].append(lm_epoch(model, valid_streams, bptt, carry_state=carry_state))
    return curves
