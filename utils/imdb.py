"""The course's IMDB reviews: one split and one preparation, for chapters 5, 6 and 7b.

Every chapter that trains on IMDB holds out the same reviews and reads them the same way:

- ``imdb_reviews()``: the 24,904 distinct labelled reviews of ``utils.data.load_movie_reviews("imdb")`` and
  the course's one stratified split, 19,998 reviews to train on and 4,906 held out (``TEST_FRACTION`` and
  ``SPLIT_SEED``); ``validation_split`` carves a validation part out of the training reviews, for choosing
  settings without looking at the held-out ones.
- ``prepare_imdb(length)``: chapter 5's recipe. Every review is cut into tokens with
  ``utils.text.tokenize``; the vocabulary keeps the tokens seen at least ``MIN_FREQ`` times in the training
  reviews, at most ``MAX_SIZE`` entries; each review becomes the ids of its last (or first) ``length``
  tokens, padded on the other side::

      from utils.imdb import prepare_imdb

      imdb = prepare_imdb(200)                      # the last 200 tokens, left-padded
      imdb.ids[imdb.train_idx], imdb.y[imdb.train_idx]

Chapter 5 builds the same vocabulary by hand and checks that it equals ``imdb_vocabulary``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from utils.data import load_movie_reviews, train_test_split_stratified
from utils.text import Vocabulary, pad_batch, tokenize

__all__ = ["MAX_SIZE", "MIN_FREQ", "SPLIT_SEED", "TEST_FRACTION", "ImdbData", "ImdbReviews", "imdb_reviews",
           "imdb_vocabulary", "prepare_imdb", "validation_split"]

TEST_FRACTION = 0.197   # about a fifth: 4,906 of the 24,904 reviews
SPLIT_SEED = 0
MIN_FREQ, MAX_SIZE = 5, 20_000


@dataclass(frozen=True)
class ImdbReviews:
    """The labelled reviews and the course's split: ``texts`` (N,) str, ``labels`` int64 (N,) with
    0 = negative and 1 = positive, ``train_idx`` and ``test_idx`` int64 row numbers (shuffled, disjoint)."""

    texts: list[str]
    labels: np.ndarray
    train_idx: np.ndarray
    test_idx: np.ndarray


def imdb_reviews() -> ImdbReviews:
    """The 24,904 distinct IMDB reviews and the course's one stratified split (19,998 train, 4,906 test)."""
    texts, labels = load_movie_reviews("imdb")
    train_idx, test_idx = train_test_split_stratified(labels, test_fraction=TEST_FRACTION, seed=SPLIT_SEED)
    return ImdbReviews(texts, labels, train_idx, test_idx)


def validation_split(train_idx: np.ndarray, labels: np.ndarray, fraction: float = 0.1,
                     seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Split the training rows ``train_idx`` into ``(fit_idx, valid_idx)``, stratified by ``labels``
    (indexed by row number), ``fraction`` of them for validation. The held-out reviews are not touched."""
    fit_part, valid_part = train_test_split_stratified(labels[train_idx], test_fraction=fraction, seed=seed)
    return train_idx[fit_part], train_idx[valid_part]


def imdb_vocabulary(tokens: list[list[str]], train_idx: np.ndarray) -> Vocabulary:
    """The course's vocabulary: tokens of the training reviews seen ``MIN_FREQ`` times, at most ``MAX_SIZE``."""
    return Vocabulary.build((tokens[i] for i in train_idx), min_freq=MIN_FREQ, max_size=MAX_SIZE)


@dataclass(frozen=True)
class ImdbData:
    """IMDB reviews as padded ids, with the course's split and vocabulary.

    ``ids`` LongTensor (N, T), ``lengths`` LongTensor (N,) (real tokens per row, at most T), ``y``
    LongTensor (N,); ``train_idx``, ``test_idx`` int64 row numbers; ``vocab``; ``texts`` and ``tokens`` (the
    whole review, before the cut); ``keep`` (``"last"`` or ``"first"``) and ``side`` say how rows were cut.
    """

    ids: torch.Tensor
    lengths: torch.Tensor
    y: torch.Tensor
    train_idx: np.ndarray
    test_idx: np.ndarray
    vocab: Vocabulary
    texts: list[str]
    tokens: list[list[str]]
    keep: str
    side: str


def prepare_imdb(length: int, keep: str = "last", side: str | None = None) -> ImdbData:
    """The reviews as ids of their last (``keep="last"``, left-padded) or first (``"first"``,
    right-padded) ``length`` tokens, with the course's split and vocabulary. ``side`` overrides where the
    pads go (e.g. the first tokens, left-padded). Takes a few seconds (tokenizing 25,000 reviews)."""
    if keep not in ("last", "first"):
        raise ValueError(f"keep must be 'last' or 'first', not {keep!r}")
    side = side or ("left" if keep == "last" else "right")
    reviews = imdb_reviews()
    tokens = [tokenize(text) for text in reviews.texts]
    vocab = imdb_vocabulary(tokens, reviews.train_idx)
    cut = [t[-length:] if keep == "last" else t[:length] for t in tokens]
    ids, lengths = pad_batch([vocab.encode(t) for t in cut], length=length, side=side, keep=keep)
    return ImdbData(ids, lengths, torch.from_numpy(reviews.labels), reviews.train_idx, reviews.test_idx, vocab,
                    reviews.texts, tokens, keep, side)
