"""The recurrent sentiment classifier of chapters 6 and 7b, and its training recipe.

Chapter 6 writes the LSTM version by hand, as the lesson, and checks that this module computes the same;
chapter 7b imports it to compare RNN, LSTM and GRU layers on one recipe:

- ``glove_table``: a vocabulary's starting embedding, the 50-d GloVe vector of each word (0 for the others).
- ``pool_over_time``: the mean and the maximum of a recurrent layer's outputs over the real (not padded)
  steps, so every step's output reaches the classifier directly.
- ``SentimentRNN``: embedding -> ``nn.LSTM`` / ``nn.GRU`` / ``nn.RNN`` -> pooled outputs -> 2 logits.
- ``train_sentiment``: Adam with a one-cycle learning rate, batches of 256, gradient clipping at norm 1.
"""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from utils.data import load_glove
from utils.text import Vocabulary
from utils.train import fit, make_loader

__all__ = ["SentimentRNN", "glove_table", "pool_over_time", "train_sentiment"]


def glove_table(vocab: Vocabulary) -> torch.Tensor:
    """(V, 50) float32: row i is the GloVe vector of ``vocab.itos[i]``, or zeros for a word GloVe lacks
    (and for ``<pad>``, ``<unk>``)."""
    words, vectors = load_glove()
    index = {word: i for i, word in enumerate(words)}
    rows = np.array([index.get(word, -1) for word in vocab.itos])
    rows[:2] = -1
    table = np.zeros((len(vocab), vectors.shape[1]), dtype=np.float32)
    table[rows >= 0] = vectors[rows[rows >= 0]]
    return torch.from_numpy(table)


def pool_over_time(outputs: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """outputs (B, T, H), mask (B, T) bool (True at real steps) -> (B, 2H): the mean and the maximum of
    each unit over the real steps (a row without real steps gives 0 and -1e4)."""
    weights = mask.unsqueeze(-1).to(outputs.dtype)                       # (B, T, 1)
    mean = (outputs * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1)
    top = outputs.masked_fill(~mask.unsqueeze(-1), -1e4).amax(dim=1)
    return torch.cat([mean, top], dim=1)


class SentimentRNN(nn.Module):
    """Token ids (B, T), padded with 0 -> logits (B, 2).

    The embedding starts from ``embeddings`` (V, E) and trains, except row 0 (``<pad>``), which is zero and
    stays zero; a recurrent layer of kind ``kind``
    (``"LSTM"``, ``"GRU"`` or ``"RNN"``) with ``hidden_size`` units reads the review; the classifier reads
    ``pool_over_time`` of its outputs.
    """

    def __init__(self, embeddings: torch.Tensor, hidden_size: int = 32, kind: str = "LSTM"):
        super().__init__()
        if kind not in ("LSTM", "GRU", "RNN"):
            raise ValueError(f"kind must be 'LSTM', 'GRU' or 'RNN', not {kind!r}")
        table = embeddings.clone()
        table[0] = 0                                                      # <pad> reads as zeros, never trains
        self.embed = nn.Embedding.from_pretrained(table, freeze=False, padding_idx=0)
        self.rnn = getattr(nn, kind)(embeddings.shape[1], hidden_size, batch_first=True)
        self.head = nn.Linear(2 * hidden_size, 2)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        outputs, _ = self.rnn(self.embed(ids))                            # (B, T, H)
        return self.head(pool_over_time(outputs, ids != 0))


def train_sentiment(model: nn.Module, ids: torch.Tensor, y: torch.Tensor, train_idx: np.ndarray,
                    valid_idx: np.ndarray, epochs: int = 2, lr: float = 1e-2, batch_size: int = 256,
                    seed: int = 0, metric=None, print_every: int = 1):

    """The course's recipe: Adam with a one-cycle learning rate (up to ``lr`` and back down over all
    ``epochs``), batches of ``batch_size`` reviews shuffled with ``seed``, gradient clipping at norm 1.

    ``ids`` (N, T) and ``y`` (N,) hold every review; ``train_idx`` and ``valid_idx`` pick the rows to train on
    and to measure on after each epoch (with ``metric``, e.g. ``utils.train.accuracy``). Returns ``fit``'s
    history.
    """
    train = make_loader(ids[train_idx], y[train_idx], batch_size=batch_size, shuffle=True, seed=seed)
    valid = make_loader(ids[valid_idx], y[valid_idx], batch_size=1000)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    steps = epochs * math.ceil(len(train_idx) / batch_size)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=steps)
    optimizer.register_step_post_hook(lambda *_: scheduler.step())      # after every update
    return fit(model, nn.CrossEntropyLoss(), optimizer, train, epochs, valid, metric, clip_grad_norm=1.0,
               print_every=print_every)
