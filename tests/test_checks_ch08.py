"""The chapter 8 checkers accept the reference and reject typical mistakes with a helpful hint."""
from __future__ import annotations

import math

import pytest
import torch

from utils import checks
from utils.checks import ExerciseError

# ---------------------------------------------------------------------------------------------------------
# reference solutions (what a learner should write)
# ---------------------------------------------------------------------------------------------------------


def exact_match_ok(predictions, references):
    return sum(p == r for p, r in zip(predictions, references, strict=True)) / len(references)


def dot_attention_ok(query, keys, pad_mask):
    scores = (keys @ query.unsqueeze(2)).squeeze(2)
    weights = scores.masked_fill(pad_mask, float("-inf")).softmax(dim=1)
    return (weights.unsqueeze(1) @ keys).squeeze(1), weights


def caption_targets_ok(captions, stoi, max_len):
    inputs = torch.full((len(captions), max_len + 1), stoi["<pad>"], dtype=torch.long)
    targets = inputs.clone()
    for i, words in enumerate(captions):
        ids = [stoi[w] for w in words]
        inputs[i, : len(ids) + 1] = torch.tensor([stoi["<bos>"]] + ids)
        targets[i, : len(ids) + 1] = torch.tensor(ids + [stoi["<eos>"]])
    return inputs, targets


def softmax_t_ok(logits, temperature):
    scaled = logits / temperature
    return torch.softmax(scaled - scaled.max(dim=-1, keepdim=True).values, dim=-1)


def bpc_ok(logits, targets):
    nats = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    return nats.item() / math.log(2)


REFERENCES = {
    "exact_match": exact_match_ok,
    "dot_attention": dot_attention_ok,
    "caption_targets": caption_targets_ok,
    "softmax_with_temperature": softmax_t_ok,
    "bits_per_char": bpc_ok,
}

# ---------------------------------------------------------------------------------------------------------
# typical wrong answers: (checker, wrong function, a phrase the hint must contain)
# ---------------------------------------------------------------------------------------------------------


def _word_accuracy(p, r):
    pairs = [(a, b) for x, y in zip(p, r) for a, b in zip(x, y)]
    return sum(a == b for a, b in pairs) / max(len(pairs), 1)


def _attention(query, keys, pad_mask, mask=True, after=False, dim=1):
    scores = (keys @ query.unsqueeze(2)).squeeze(2)
    if mask and not after:
        scores = scores.masked_fill(pad_mask, float("-inf"))
    weights = scores.softmax(dim=dim)
    if after:
        weights = weights.masked_fill(pad_mask, 0.0)
    return (weights.unsqueeze(1) @ keys).squeeze(1), weights


def _targets_no_eos(c, s, m):
    i, t = caption_targets_ok(c, s, m)
    return i, t.masked_fill(t == s["<eos>"], s["<pad>"])


def _softmax_naive(x, t):
    e = (x / t).exp()
    return e / e.sum(dim=-1, keepdim=True)


WRONG = [
    ("exact_match", _word_accuracy, "word-level accuracy"),
    ("exact_match", lambda p, r: sum(all(a == b for a, b in zip(x, y)) for x, y in zip(p, r)) / len(r),
     "zip() stops at the shorter list"),
    ("exact_match", lambda p, r: float(sum(x == y for x, y in zip(p, r))), "divide by the number"),
    ("dot_attention", lambda q, k, m: _attention(q, k, m, mask=False), "padded positions get weight"),
    ("dot_attention", lambda q, k, m: _attention(q, k, m, after=True), "after the softmax"),
    ("dot_attention", lambda q, k, m: _attention(q, k, m, dim=0), "over the batch"),
    ("caption_targets", _targets_no_eos, "end with <eos>"),
    ("caption_targets", lambda c, s, m: (caption_targets_ok(c, s, m)[0],) * 2, "shifted left by one"),
    ("softmax_with_temperature", lambda x, t: torch.softmax(x * t, dim=-1), "divide them"),
    ("softmax_with_temperature", _softmax_naive, "overflows"),
    ("softmax_with_temperature", lambda x, t: torch.softmax(x / t, dim=0), "wrong dimension"),
    ("softmax_with_temperature", lambda x, t: torch.softmax(x, dim=-1) / t, "after the softmax"),
    ("bits_per_char", lambda x, y: bpc_ok(x, y) * math.log(2), "nats per character"),
    ("bits_per_char", lambda x, y: bpc_ok(x, y) * math.log(2) / math.log(10), "log base 10"),
    ("bits_per_char", lambda x, y: bpc_ok(x, y) * y.numel(), "sum over all characters"),
]


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_reference_passes(name, capsys):
    getattr(checks, name)(REFERENCES[name])
    out = capsys.readouterr().out
    assert out.startswith("✅") and name in out


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_stub_returning_none_is_pending(name, capsys):
    getattr(checks, name)(lambda *args: None)
    assert capsys.readouterr().out.startswith("⏳")


@pytest.mark.parametrize(("name", "wrong", "phrase"), WRONG)
def test_typical_mistakes_get_their_hint(name, wrong, phrase):
    with pytest.raises(ExerciseError) as info:
        getattr(checks, name)(wrong)
    message = str(info.value)
    assert f"{name}, case" in message
    assert phrase in message


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_a_function_that_raises_is_reported(name):
    def broken(*args):
        raise RuntimeError("boom")

    with pytest.raises(ExerciseError, match="raised RuntimeError: boom"):
        getattr(checks, name)(broken)


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_not_a_function(name):
    with pytest.raises(ExerciseError, match="needs your function"):
        getattr(checks, name)(None)


def test_wrong_type():
    with pytest.raises(ExerciseError, match="expected a torch.Tensor"):
        checks.softmax_with_temperature(lambda x, t: softmax_t_ok(x, t).numpy())
    with pytest.raises(ExerciseError, match="expected the number"):
        checks.exact_match(lambda p, r: "all")


def test_wrong_shape():
    with pytest.raises(ExerciseError, match="expected shape"):
        checks.dot_attention(lambda q, k, m: (dot_attention_ok(q, k, m)[0], dot_attention_ok(q, k, m)[1].T))
    with pytest.raises(ExerciseError, match="expected shape"):
        checks.caption_targets(lambda c, s, m: tuple(x[:, :-1] for x in caption_targets_ok(c, s, m)))


def test_nan_output():
    with pytest.raises(ExerciseError, match="NaN"):
        checks.softmax_with_temperature(lambda x, t: softmax_t_ok(x, t) * float("nan"))
    with pytest.raises(ExerciseError, match="NaN"):
        checks.bits_per_char(lambda x, y: float("nan"))


def test_float32_is_a_dtype_problem():
    with pytest.raises(ExerciseError, match="dtype"):
        checks.softmax_with_temperature(lambda x, t: softmax_t_ok(x, t).float())
