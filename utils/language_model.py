"""Fastbook's Human Numbers as parallel streams, for the word-level language models of chapters 6 and 7.

``human_numbers_streams`` cuts the token lists of ``utils.number_words.human_numbers`` into parallel streams,
so a model can carry its state from one chunk of a stream to the next.
"""
from __future__ import annotations

import torch

from utils.number_words import human_numbers

__all__ = ["human_numbers_streams"]


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
