"""utils.imdb: the course's one IMDB split, vocabulary and preparation (chapters 5, 6 and 7b)."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from utils.imdb import MAX_SIZE, MIN_FREQ, imdb_reviews, imdb_vocabulary, prepare_imdb, validation_split
from utils.text import tokenize


def test_one_split_of_distinct_reviews():
    reviews = imdb_reviews()
    assert len(reviews.texts) == 24_904
    assert len(reviews.train_idx) == 19_998 and len(reviews.test_idx) == 4_906
    assert len(np.intersect1d(reviews.train_idx, reviews.test_idx)) == 0
    assert sorted(np.concatenate([reviews.train_idx, reviews.test_idx])) == list(range(24_904))
    again = imdb_reviews()
    assert np.array_equal(again.train_idx, reviews.train_idx) and np.array_equal(again.test_idx, reviews.test_idx)
    assert abs(reviews.labels[reviews.test_idx].mean() - reviews.labels.mean()) < 0.001   # stratified


def test_validation_split_stays_inside_the_training_reviews():
    reviews = imdb_reviews()
    fit_idx, valid_idx = validation_split(reviews.train_idx, reviews.labels, fraction=0.1, seed=0)
    assert len(valid_idx) == round(0.1 * len(reviews.train_idx))
    assert set(fit_idx) | set(valid_idx) == set(reviews.train_idx) and not set(fit_idx) & set(valid_idx)
    assert not set(valid_idx) & set(reviews.test_idx)


def test_vocabulary_uses_training_reviews_only():
    tokens = [["good", "film"], ["good"], ["secret"]] * 5
    train_idx = np.arange(0, 10)
    vocab = imdb_vocabulary(tokens, train_idx)
    assert vocab.itos[:2] == ["<pad>", "<unk>"] and "good" in vocab
    assert MIN_FREQ == 5 and MAX_SIZE == 20_000


def test_prepare_imdb_cuts_the_end_of_each_review():
    imdb = prepare_imdb(50)
    assert imdb.ids.shape == (24_904, 50) and imdb.ids.dtype == torch.long and len(imdb.vocab) == MAX_SIZE
    row = int(imdb.test_idx[0])
    want = imdb.vocab.encode(tokenize(imdb.texts[row]))[-50:]
    assert imdb.ids[row, 50 - len(want):].tolist() == want and imdb.lengths[row] == len(want)
    assert imdb.keep == "last" and imdb.side == "left"
    assert imdb.tokens[row] == tokenize(imdb.texts[row])
    with pytest.raises(ValueError):
        prepare_imdb(10, keep="middle")
