"""The character-level language model of chapter 3, reused by chapter 4: embedding, tanh RNN, linear head.

Chapter 3 writes it inline (the aligned many-to-many wiring) and checks that this class gives the same
outputs for the same seed; chapter 4 imports it to train with truncated backpropagation through time.
"""
from __future__ import annotations

import torch
from torch import nn


class CharRNN(nn.Module):
    """Character ids (B, T) and a state h (1, B, H) or None (zeros) -> next-character scores (B, T, V) and
    the new state (1, B, H), like PyTorch's recurrent layers.

    The layers are created in the order ``embed``, ``rnn``, ``head``, so a seed gives the same weights as
    the same three layers built by hand.
    """

    def __init__(self, vocab_size: int, embed_size: int = 32, hidden_size: int = 128) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_size)
        self.rnn = nn.RNN(embed_size, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, vocab_size)

    def forward(self, ids: torch.Tensor, h: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        output, h = self.rnn(self.embed(ids), h)       # output (B, T, H): the state after every step
        return self.head(output), h
