"""Tests for utils.text: tokenizer, vocabulary and padding (chapter 5, reused by later chapters)."""
from __future__ import annotations

import pytest
import torch

from utils.text import PAD, UNK, Vocabulary, pad_batch, tokenize


def test_tokenize_lowercases_splits_punctuation_and_drops_breaks():
    text = "A GREAT film!<br /><br />Don't miss it... 10/10"
    assert tokenize(text) == ["a", "great", "film", "!", "don't", "miss", "it", ".", ".", ".", "10", "/", "10"]


def test_tokenize_break_variants_and_empty_text():
    assert tokenize("one<br/>two<BR />three<br>four") == ["one", "two", "three", "four"]
    assert tokenize("") == []
    assert tokenize("   \n\t ") == []


def test_tokenize_keeps_accented_letters_in_words():
    assert tokenize("Café, naïve") == ["café", ",", "naïve"]


def test_vocabulary_specials_order_and_min_freq():
    lists = [["b", "a", "a", "c"], ["a", "b", "d"]]
    vocab = Vocabulary.build(lists, min_freq=2)
    assert vocab.itos == [PAD, UNK, "a", "b"]  # a: 3, b: 2; c and d once
    assert vocab.pad_index == 0 and vocab.unk_index == 1
    assert len(vocab) == 4
    assert "a" in vocab and "c" not in vocab
    assert vocab.stoi["b"] == 3


def test_vocabulary_ties_are_alphabetical_and_max_size_counts_specials():
    vocab = Vocabulary.build([["z", "y", "x", "x"]], max_size=4)
    assert vocab.itos == [PAD, UNK, "x", "y"]
    assert len(Vocabulary.build([["z", "y", "x"]], max_size=2)) == 2


def test_vocabulary_encode_decode_round_trip_and_unknowns():
    vocab = Vocabulary.build([["the", "film", "the"]])
    assert vocab.encode(["the", "film", "unseen"]) == [2, 3, 1]
    assert vocab.decode([2, 3, 1, 0]) == ["the", "film", UNK, PAD]
    assert vocab.decode(torch.tensor([3, 2])) == ["film", "the"]
    assert vocab.encode([]) == []


def test_vocabulary_ignores_special_tokens_in_text_and_validates():
    vocab = Vocabulary.build([["<pad>", "<unk>", "ok"]])
    assert vocab.itos == [PAD, UNK, "ok"]
    with pytest.raises(ValueError):
        Vocabulary(["a", "b"])
    with pytest.raises(ValueError):
        Vocabulary([PAD, UNK, "a", "a"])
    with pytest.raises(ValueError):
        Vocabulary.build([["a"]], min_freq=0)
    with pytest.raises(ValueError):
        Vocabulary.build([["a"]], max_size=1)


def test_pad_batch_right_and_left():
    seqs = [[5, 6, 7], [8], []]
    ids, lengths = pad_batch(seqs, 4, side="right")
    assert ids.dtype == torch.long and ids.shape == (3, 4)
    assert ids.tolist() == [[5, 6, 7, 0], [8, 0, 0, 0], [0, 0, 0, 0]]
    assert lengths.tolist() == [3, 1, 0]
    ids, lengths = pad_batch(seqs, 4, side="left")
    assert ids.tolist() == [[0, 5, 6, 7], [0, 0, 0, 8], [0, 0, 0, 0]]
    assert lengths.tolist() == [3, 1, 0]


def test_pad_batch_truncation_keeps_the_end_away_from_the_padding():
    seqs = [[1, 2, 3, 4, 5]]
    assert pad_batch(seqs, 3, side="right")[0].tolist() == [[1, 2, 3]]
    assert pad_batch(seqs, 3, side="left")[0].tolist() == [[3, 4, 5]]
    assert pad_batch(seqs, 3, side="left", keep="first")[0].tolist() == [[1, 2, 3]]
    assert pad_batch(seqs, 3, side="right", keep="last")[0].tolist() == [[3, 4, 5]]
    assert pad_batch(seqs, 3)[1].tolist() == [3]


def test_pad_batch_custom_pad_index_tensors_and_errors():
    ids, _ = pad_batch([torch.tensor([4, 4])], 3, side="left", pad_index=9)
    assert ids.tolist() == [[9, 4, 4]]
    for kwargs in ({"side": "middle"}, {"keep": "all"}):
        with pytest.raises(ValueError):
            pad_batch([[1]], 2, **kwargs)
    with pytest.raises(ValueError):
        pad_batch([[1]], 0)
