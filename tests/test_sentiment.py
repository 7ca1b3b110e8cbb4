"""utils.sentiment: the pooled recurrent sentiment classifier of chapters 6, 7 and 7b, and its recipe."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from utils.sentiment import SentimentRNN, glove_table, pool_over_time, train_sentiment
from utils.text import Vocabulary
from utils.train import accuracy


def test_pool_over_time_uses_only_the_real_steps():
    outputs = torch.tensor([[[1.0], [5.0], [3.0]], [[-2.0], [-4.0], [9.0]]])   # (2, 3, 1)
    mask = torch.tensor([[False, True, True], [True, True, False]])
    pooled = pool_over_time(outputs, mask)
    assert pooled.tolist() == [[4.0, 5.0], [-3.0, -2.0]]                     # [mean, max] per row
    empty = pool_over_time(outputs[:1], torch.zeros(1, 3, dtype=torch.bool))
    assert empty[0, 0] == 0 and empty[0, 1] == -1e4


def test_glove_table_rows_follow_the_vocabulary():
    vocab = Vocabulary(["<pad>", "<unk>", "the", "movie", "zzzznotaword"])
    table = glove_table(vocab)
    assert table.shape == (5, 50) and table.dtype == torch.float32
    assert torch.all(table[:2] == 0) and torch.all(table[4] == 0)
    assert table[2].abs().sum() > 0 and table[3].abs().sum() > 0


def test_sentiment_rnn_kinds_shapes_and_padding():
    torch.manual_seed(0)
    embeddings = torch.randn(20, 6)
    for kind in ("LSTM", "GRU", "RNN"):
        model = SentimentRNN(embeddings, hidden_size=4, kind=kind)
        ids = torch.tensor([[0, 0, 3, 4], [5, 6, 7, 8]])
        assert model(ids).shape == (2, 2)
        assert torch.all(model.embed.weight[0] == 0)                    # the pad row starts at zero
    with pytest.raises(ValueError):
        SentimentRNN(embeddings, kind="CNN")


def test_train_sentiment_learns_a_word_rule_and_is_reproducible():
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(2, 10, (400, 8), generator=generator)
    y = (ids == 9).any(dim=1).long()                                    # positive iff word 9 occurs
    train_idx, test_idx = np.arange(300), np.arange(300, 400)
    runs = []
    for _ in range(2):
        torch.manual_seed(0)
        model = SentimentRNN(torch.randn(10, 5), hidden_size=8, kind="GRU")
        history = train_sentiment(model, ids, y, train_idx, test_idx, epochs=3, lr=3e-2, batch_size=32,
                                  seed=0, metric=accuracy, print_every=0)
        runs.append(history.valid_metric)
    assert runs[0] == runs[1] and runs[0][-1] > 0.9
