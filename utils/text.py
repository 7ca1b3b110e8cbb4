"""Text to indices: the tokenizer, vocabulary and padding written by hand in chapter 5.

Chapter 5 (``chapters/05_embeddings.ipynb``) builds these step by step and shows, in a cell, that its
hand-written versions agree with this module; later chapters import them from here::

    from utils.text import Vocabulary, pad_batch, tokenize

    tokens = [tokenize(t) for t in texts]                      # list of lists of str
    vocab = Vocabulary.build(tokens, min_freq=5, max_size=20_000)
    ids, lengths = pad_batch([vocab.encode(t) for t in tokens], length=100, side="left")

No torchtext: everything is plain Python plus one ``torch.tensor`` at the end.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import torch

__all__ = ["PAD", "UNK", "TOKEN_PATTERN", "tokenize", "Vocabulary", "pad_batch"]

PAD = "<pad>"
UNK = "<unk>"

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: a word (letters, digits, underscores, inner apostrophes: "don't", "90s") or one punctuation mark
TOKEN_PATTERN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lower-case tokens: words and single punctuation marks; HTML ``<br />`` is dropped.

    >>> tokenize("A GREAT film!<br /><br />Don't miss it...")
    ['a', 'great', 'film', '!', "don't", 'miss', 'it', '.', '.', '.']
    """
    return TOKEN_PATTERN.findall(_BREAK.sub(" ", text).lower())


class Vocabulary:
    """A two-way map between tokens and integer indices.

    Index 0 is ``<pad>`` (filler for padding) and index 1 is ``<unk>`` (every token not in the
    vocabulary). The other tokens follow from most to least frequent (ties in alphabetical order), so
    a vocabulary built from the same token lists is always the same.
    """

    pad_index = 0
    unk_index = 1

    def __init__(self, tokens: Sequence[str]) -> None:
        """Make a vocabulary from its list of tokens in index order; it must start with ``<pad>, <unk>``."""
        tokens = list(tokens)
        if tokens[:2] != [PAD, UNK]:
            raise ValueError(f"a Vocabulary starts with {[PAD, UNK]}, got {tokens[:2]}")
        if len(set(tokens)) != len(tokens):
            raise ValueError("a Vocabulary's tokens must be distinct")
        self.itos: list[str] = tokens
        self.stoi: dict[str, int] = {token: index for index, token in enumerate(tokens)}

    @classmethod
    def build(cls, token_lists: Iterable[Sequence[str]], min_freq: int = 1,
              max_size: int | None = None) -> Vocabulary:
        """Count tokens over ``token_lists`` (e.g. one list per review) and keep the frequent ones.

        A token is kept when it occurs at least ``min_freq`` times; ``max_size`` (if given) caps the
        size of the whole vocabulary, the two special tokens included, keeping the most frequent.
        """
        if min_freq < 1:
            raise ValueError(f"min_freq must be at least 1, got {min_freq}")
        if max_size is not None and max_size < 2:
            raise ValueError(f"max_size must leave room for {PAD} and {UNK} (at least 2), got {max_size}")
        counts: Counter[str] = Counter()
        for tokens in token_lists:
            counts.update(tokens)
        counts.pop(PAD, None)
        counts.pop(UNK, None)
        kept = sorted((t for t, n in counts.items() if n >= min_freq), key=lambda t: (-counts[t], t))
        if max_size is not None:
            kept = kept[: max_size - 2]
        return cls([PAD, UNK, *kept])

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, token: str) -> bool:
        return token in self.stoi

    def __repr__(self) -> str:
        return f"Vocabulary({len(self)} tokens: {self.itos[:6]}...)"

    def encode(self, tokens: Sequence[str]) -> list[int]:
        """Token list (T,) -> index list (T,); unknown tokens become ``unk_index``."""
        unk = self.unk_index
        return [self.stoi.get(token, unk) for token in tokens]

    def decode(self, indices: Iterable[int] | torch.Tensor) -> list[str]:
        """Index list or 1-D tensor (T,) -> token list (T,) (padding included: drop it with a mask)."""
        if isinstance(indices, torch.Tensor):
            indices = indices.tolist()
        return [self.itos[int(i)] for i in indices]


def pad_batch(sequences: Sequence[Sequence[int]], length: int, side: str = "right",
              pad_index: int = Vocabulary.pad_index, keep: str | None = None
              ) -> tuple[torch.Tensor, torch.Tensor]:
    """Cut or pad index sequences to one ``length`` and stack them.

    Args:
        sequences: B lists of token indices, of any lengths.
        length: T, the number of columns of the result.
        side: where the padding goes, ``"right"`` (after the tokens) or ``"left"`` (before them, so the
            last token of every row sits in the last column, where an RNN's final state is read).
        pad_index: the filler index (``<pad>`` = 0).
        keep: which tokens a longer sequence keeps, ``"first"`` or ``"last"`` T; by default the end away
            from the padding: ``"first"`` for right padding, ``"last"`` for left padding.

    Returns:
        ``(ids, lengths)``: a LongTensor (B, T) and a LongTensor (B,) with the number of real (not pad)
        tokens in each row, ``min(len(sequence), T)``.
    """
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    keep = keep or ("first" if side == "right" else "last")
    if keep not in ("first", "last"):
        raise ValueError(f"keep must be 'first' or 'last', not {keep!r}")
    if length < 1:
        raise ValueError(f"length must be at least 1, got {length}")
    ids = np.full((len(sequences), length), pad_index, dtype=np.int64)
    lengths = np.zeros(len(sequences), dtype=np.int64)
    for row, sequence in enumerate(sequences):
        part = sequence[:length] if keep == "first" else sequence[max(len(sequence) - length, 0):]
        n = len(part)
        if n == 0:
            continue
        if side == "right":
            ids[row, :n] = part
        else:
            ids[row, length - n:] = part
        lengths[row] = n
    return torch.from_numpy(ids), torch.from_numpy(lengths)
